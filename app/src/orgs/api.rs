use leptos::prelude::*;

use crate::error::AppError;
use crate::orgs::types::{OrgDetail, Permissions};

pub const NAME_MAX: usize = 120;
pub const DESCRIPTION_MAX: usize = 2000;
pub const CITY_MAX: usize = 64;
pub const EVIDENCE_MAX: usize = 500;

/// One organisation. Public.
#[server(prefix = "/api", endpoint = "organisation")]
pub async fn get_organisation(slug: String) -> Result<OrgDetail, AppError> {
    let state = crate::state::app_state()?;
    crate::orgs::repo::detail(&state.db, &slug).await
}

/// What the signed-in user may do with an organisation (nothing when signed out).
#[server(prefix = "/api", endpoint = "organisation_permissions")]
pub async fn organisation_permissions(slug: String) -> Result<Permissions, AppError> {
    use crate::accounts::repo;
    let state = crate::state::app_state()?;
    let org = crate::orgs::repo::find_by_slug(&state.db, &slug).await?;
    match repo::signed_in(&state.db, &repo::session().await?).await? {
        Some(user) => crate::orgs::repo::permissions(&state.db, &user, &org).await,
        None => Ok(Permissions::default()),
    }
}

/// Creates an organisation owned by the caller, in one or more belts. Signed-in
/// users whose role matches the kind (see `orgs::rules::may_create`).
#[allow(clippy::too_many_arguments)]
#[server(prefix = "/api", endpoint = "create_organisation")]
pub async fn create_organisation(
    kind: String,
    name_zh: String,
    name_en: String,
    description_zh: String,
    description_en: String,
    province: String,
    city_zh: String,
    city_en: String,
    #[server(default)] belts: Vec<String>,
) -> Result<(), AppError> {
    use crate::forms::{self, FormErrors, Problem};
    use crate::orgs::{repo, rules, types::OrgKind};

    let state = crate::state::app_state()?;
    let user = crate::accounts::repo::require_user(&state.db).await?;
    if !OrgKind::ALL.into_iter().any(|k| rules::may_create(user.role, k)) {
        return Err(AppError::Forbidden);
    }
    let mut errors = FormErrors::new();
    for (field, value) in [
        ("kind", &kind),
        ("name_zh", &name_zh),
        ("name_en", &name_en),
        ("description_zh", &description_zh),
        ("description_en", &description_en),
        ("province", &province),
        ("city_zh", &city_zh),
        ("city_en", &city_en),
    ] {
        errors.keep(field, value);
    }
    errors.keep("belts", &belts.join(","));
    let kind = OrgKind::from_code(&kind).filter(|k| rules::may_create(user.role, *k));
    if kind.is_none() {
        errors.add("kind", Problem::NotAChoice);
    }
    let name = forms::bilingual(&mut errors, "name", &name_zh, &name_en, NAME_MAX, true);
    let description = forms::bilingual(&mut errors, "description", &description_zh, &description_en, DESCRIPTION_MAX, false);
    let city = forms::bilingual(&mut errors, "city", &city_zh, &city_en, CITY_MAX, false);
    let province = Some(province.trim().to_string()).filter(|p| !p.is_empty());
    if province.as_deref().is_some_and(|p| crate::geo::province(p).is_none()) {
        errors.add("province", Problem::NotAChoice);
    }
    let belt_ids = if belts.is_empty() {
        errors.add("belts", Problem::ChooseAtLeastOne);
        Vec::new()
    } else {
        repo::belt_ids(&state.db, &belts).await?.unwrap_or_else(|_| {
            errors.add("belts", Problem::NotAChoice);
            Vec::new()
        })
    };
    let Some(kind) = kind.filter(|_| errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    let slug = repo::create(&state.db, user.id, repo::NewOrganisation { kind, name, description, province, city, belt_ids }).await?;
    state.search.outbox_wake.notify_one();
    leptos_axum::redirect(&format!("/orgs/{slug}"));
    Ok(())
}

/// Marks an organisation verified, recording who, when and on what evidence.
/// Site admins, and association admins for organisations in their belts.
#[server(prefix = "/api", endpoint = "verify_organisation")]
pub async fn verify_organisation(slug: String, evidence: String) -> Result<(), AppError> {
    use crate::forms::{self, FormErrors};
    use crate::orgs::repo;

    let state = crate::state::app_state()?;
    let user = crate::accounts::repo::require_user(&state.db).await?;
    let org = repo::find_by_slug(&state.db, &slug).await?;
    if !repo::permissions(&state.db, &user, &org).await?.verify {
        return Err(AppError::Forbidden);
    }
    let mut errors = FormErrors::new();
    errors.keep("evidence", &evidence);
    let evidence = forms::required_text(&mut errors, "evidence", &evidence, EVIDENCE_MAX);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    repo::verify(&state.db, org.id, &user.display_name, &evidence).await?;
    tracing::info!(organisation = slug, user_id = user.id, "organisation verified");
    state.search.outbox_wake.notify_one();
    leptos_axum::redirect(&format!("/orgs/{slug}"));
    Ok(())
}
