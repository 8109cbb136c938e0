use leptos::prelude::*;

use crate::error::AppError;
use crate::suppliers::types::{ProfileEditor, SupplierPage};

/// A supplier's page: public once published; before that, for its editors
/// and verifiers only.
#[server(prefix = "/api", endpoint = "supplier")]
pub async fn get_supplier(slug: String) -> Result<SupplierPage, AppError> {
    use crate::suppliers::{repo, types::ProfileStatus};
    let state = crate::state::app_state()?;
    let viewer = crate::accounts::actor::current(&state.db).await?;
    let org = repo::manufacturer(&state.db, &slug).await?;
    let permissions = crate::orgs::repo::permissions(&state.db, viewer.as_ref(), &org).await?;
    let page = repo::supplier_page(&state.db, &org, permissions).await?;
    // Only a published profile is public; the firm's editors and verifiers see it before and after.
    if !permissions.see || (page.status != ProfileStatus::Published && !permissions.edit && !permissions.verify) {
        return Err(AppError::NotFound);
    }
    Ok(page)
}

/// The profile editor's data, for those who may edit or verify the manufacturer.
#[server(prefix = "/api", endpoint = "supply_profile_editor")]
pub async fn supply_profile_editor(slug: String) -> Result<ProfileEditor, AppError> {
    use crate::suppliers::repo;
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let org = repo::manufacturer(&state.db, &slug).await?;
    let permissions = crate::orgs::repo::permissions(&state.db, Some(&actor), &org).await?;
    if !permissions.edit && !permissions.verify {
        return Err(AppError::Forbidden);
    }
    repo::editor(&state.db, &org, permissions).await
}

/// Saves a manufacturer's supply profile. Its members and site admins; every
/// rule in `suppliers::rules::validate`.
#[server(prefix = "/api", endpoint = "save_supply_profile")]
pub async fn save_supply_profile(
    slug: String,
    products_zh: String,
    products_en: String,
    #[server(default)] categories: Vec<String>,
    moq_value: String,
    moq_unit: String,
    capacity_value: String,
    capacity_unit: String,
    lead_time_days: String,
    sample_policy: String,
    price_band: String,
    #[server(default)] certifications: Vec<String>,
    certifications_other: String,
    export_markets: String,
    #[server(default)] business_models: Vec<String>,
    #[server(default)] platforms: Vec<String>,
    #[server(default)] languages: Vec<String>,
    floor_area_m2: String,
    #[server(default)] overseas_warehouse: Option<String>,
    overseas_warehouse_where: String,
    #[server(default)] warehouse_markets: String,
    #[server(default)] own_factory: String,
    #[server(default)] exporting_since: String,
    #[server(default)] annual_sales: String,
    #[server(default)] test_reports: String,
) -> Result<(), AppError> {
    use crate::suppliers::{repo, rules};

    let state = crate::state::app_state()?;
    let user = crate::accounts::actor::require(&state.db).await?;
    let org = repo::manufacturer(&state.db, &slug).await?;
    if !crate::orgs::repo::permissions(&state.db, Some(&user), &org).await?.edit {
        return Err(AppError::Forbidden);
    }
    let form = rules::ProfileForm {
        products_zh,
        products_en,
        categories,
        moq_value,
        moq_unit,
        capacity_value,
        capacity_unit,
        lead_time_days,
        sample_policy,
        price_band,
        certifications,
        certifications_other,
        export_markets,
        business_models,
        platforms,
        languages,
        floor_area_m2,
        overseas_warehouse: overseas_warehouse.is_some_and(|v| !v.is_empty()),
        overseas_warehouse_where,
        warehouse_markets,
        own_factory,
        exporting_since,
        annual_sales,
        test_reports,
    };
    let known: Vec<String> = crate::read::all_categories(&state.db).await?.into_iter().map(|c| c.slug).collect();
    let this_year = crate::clock::year_in_china(chrono::Utc::now());
    let profile = rules::validate(&form, &known, this_year).map_err(AppError::Invalid)?;
    repo::save(&state.db, org.id, user.id, &profile).await?;
    tracing::info!(organisation = slug, user_id = user.id, "supply profile saved");
    state.search.outbox_wake.notify_one();
    leptos_axum::redirect(&format!("/orgs/{slug}/profile?saved=1"));
    Ok(())
}

/// Publishes (`publish`) or withdraws (`unpublish`) a saved profile. Its
/// members and site admins.
#[server(prefix = "/api", endpoint = "set_supply_profile_status")]
pub async fn set_supply_profile_status(slug: String, action: String) -> Result<(), AppError> {
    use crate::forms::{FormErrors, Problem};
    use crate::suppliers::{repo, types::ProfileStatus};

    let state = crate::state::app_state()?;
    let user = crate::accounts::actor::require(&state.db).await?;
    let org = repo::manufacturer(&state.db, &slug).await?;
    if !crate::orgs::repo::permissions(&state.db, Some(&user), &org).await?.edit {
        return Err(AppError::Forbidden);
    }
    let status = match action.as_str() {
        "publish" => ProfileStatus::Published,
        "unpublish" => ProfileStatus::Unpublished,
        _ => {
            let mut errors = FormErrors::new();
            errors.add("action", Problem::NotAChoice);
            return Err(AppError::Invalid(errors));
        }
    };
    repo::set_status(&state.db, org.id, status).await?;
    tracing::info!(organisation = slug, user_id = user.id, status = status.code(), "supply profile status changed");
    state.search.outbox_wake.notify_one();
    // Each outcome lands on a page of its own, which reads the profile afresh.
    let target =
        if status == ProfileStatus::Published { format!("/suppliers/{slug}") } else { format!("/orgs/{slug}/profile?unpublished=1") };
    leptos_axum::redirect(&target);
    Ok(())
}

/// Deletes one of a profile's photos. Its members and site admins.
#[server(prefix = "/api", endpoint = "delete_profile_photo")]
pub async fn delete_profile_photo(slug: String, id: i32) -> Result<(), AppError> {
    use crate::suppliers::repo;
    let state = crate::state::app_state()?;
    let user = crate::accounts::actor::require(&state.db).await?;
    let org = repo::manufacturer(&state.db, &slug).await?;
    if !crate::orgs::repo::permissions(&state.db, Some(&user), &org).await?.edit {
        return Err(AppError::Forbidden);
    }
    let profile = crate::read::supply_profile_of(&state.db, org.id).await?.ok_or(AppError::NotFound)?;
    crate::suppliers::photo_store::delete_photo(&state, profile.id, id).await?;
    tracing::info!(organisation = slug, photo = id, user_id = user.id, "photo deleted");
    leptos_axum::redirect(&format!("/orgs/{slug}/profile?photo=deleted#photos"));
    Ok(())
}

/// Records which of a profile's fields a verifier checked, on what evidence
/// (a new verification supersedes the one before; both stay in the record).
/// Those who may verify the manufacturer (`orgs::policy::may_verify`).
#[server(prefix = "/api", endpoint = "verify_supply_profile")]
pub async fn verify_supply_profile(
    slug: String,
    #[server(default)] fields: Vec<String>,
    #[server(default)] evidence: String,
) -> Result<(), AppError> {
    use crate::forms::{self, FormErrors, Problem};
    use crate::orgs::{policy, verifications::Verifier};
    use crate::suppliers::{repo, types::ProfileField};

    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let org = repo::manufacturer(&state.db, &slug).await?;
    let standing = crate::orgs::repo::standing(&state.db, &actor, &org).await?;
    if !policy::may_verify(&actor, &standing) {
        return Err(AppError::Forbidden);
    }
    let mut errors = FormErrors::new();
    errors.keep("evidence", &evidence);
    errors.keep("fields", &fields.join(","));
    let mut checked = Vec::new();
    for code in fields.iter().take(ProfileField::ALL.len() + 1) {
        match ProfileField::from_code(code) {
            Some(f) if !checked.contains(&f) => checked.push(f),
            Some(_) => {}
            None => errors.add("fields", Problem::NotAChoice),
        }
    }
    if checked.is_empty() {
        errors.add("fields", Problem::ChooseAtLeastOne);
    }
    let evidence = forms::required_text(&mut errors, "evidence", &evidence, crate::orgs::api::EVIDENCE_MAX);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    checked.sort();
    let verifier = Verifier { actor: &actor, organisation_id: standing.serving_association, mail: &state.mail };
    repo::verify_fields(&state.db, org.id, &checked, &evidence, &verifier).await?;
    tracing::info!(organisation = slug, user_id = actor.id, fields = checked.len(), "supply profile fields verified");
    state.search.outbox_wake.notify_one();
    leptos_axum::redirect(&format!("/suppliers/{slug}?verified=1"));
    Ok(())
}
