//! Server functions of readiness: each resolves the actor once, asks
//! `readiness::policy`, and calls the data layer with the actor passed in.

use leptos::prelude::*;

use crate::error::AppError;
use crate::readiness::types::{CriteriaPage, Readiness};

/// A platform organisation by slug (another kind is not there).
#[cfg(feature = "ssr")]
async fn platform<C: sea_orm::ConnectionTrait>(db: &C, slug: &str) -> Result<crate::entities::organisation::Model, AppError> {
    use crate::orgs::types::OrgKind;
    let org = crate::read::organisation_by_slug(db, slug.trim()).await?;
    if OrgKind::from_code(&org.kind) != Some(OrgKind::Platform) {
        return Err(AppError::NotFound);
    }
    Ok(org)
}

/// `/orgs/{slug}/criteria`: a platform's supplier criteria, with the form for its editors.
#[server(prefix = "/api", endpoint = "platform_criteria")]
pub async fn platform_criteria(slug: String) -> Result<CriteriaPage, AppError> {
    use crate::orgs::types::OrgKind;
    use crate::readiness::{policy, repo};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::current(&state.db).await?;
    let org = platform(&state.db, &slug).await?;
    let permissions = crate::orgs::repo::permissions(&state.db, actor.as_ref(), &org).await?;
    if !policy::may_read_criteria(OrgKind::Platform, &permissions) {
        return Err(AppError::NotFound);
    }
    repo::criteria_page(&state.db, &org, policy::may_edit_criteria(OrgKind::Platform, &permissions)).await
}

/// Saves a platform's criteria: its owners and editors, and site admins;
/// every rule in `readiness::rules::validate`.
#[server(prefix = "/api", endpoint = "save_platform_criteria")]
#[allow(clippy::too_many_arguments)]
pub async fn save_platform_criteria(
    slug: String,
    #[server(default)] own_factory: Option<String>,
    #[server(default)] min_floor_area_m2: String,
    #[server(default)] certifications: Vec<String>,
    #[server(default)] warehouse_markets: String,
    #[server(default)] min_export_years: String,
    #[server(default)] business_licence: Option<String>,
    #[server(default)] test_reports: Option<String>,
    #[server(default)] min_annual_sales: String,
    #[server(default)] categories: Vec<String>,
    #[server(default)] belts: Vec<String>,
    #[server(default)] notes_zh: String,
    #[server(default)] notes_en: String,
) -> Result<(), AppError> {
    use crate::orgs::types::OrgKind;
    use crate::readiness::{policy, repo, rules};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let org = platform(&state.db, &slug).await?;
    let permissions = crate::orgs::repo::permissions(&state.db, Some(&actor), &org).await?;
    if !policy::may_edit_criteria(OrgKind::Platform, &permissions) {
        return Err(if permissions.see { AppError::Forbidden } else { AppError::NotFound });
    }
    let ticked = |v: &Option<String>| v.as_deref().is_some_and(|v| !v.is_empty());
    let form = rules::CriteriaForm {
        own_factory: ticked(&own_factory),
        min_floor_area_m2,
        certifications,
        warehouse_markets,
        min_export_years,
        business_licence: ticked(&business_licence),
        test_reports: ticked(&test_reports),
        min_annual_sales,
        categories,
        belts,
        notes_zh,
        notes_en,
    };
    let slugs = |refs: Vec<crate::belts::types::CategoryRef>| refs.into_iter().map(|c| c.slug).collect::<Vec<_>>();
    let known_categories = slugs(crate::read::all_categories(&state.db).await?);
    let known_belts = slugs(crate::read::all_belts(&state.db).await?);
    let criteria = rules::validate(&form, &known_categories, &known_belts).map_err(AppError::Invalid)?;
    let now = chrono::Utc::now();
    let txn = crate::db::begin_write(&state.db).await?;
    repo::save_in(&txn, org.id, Some(actor.id), &criteria, now).await?;
    txn.commit().await?;
    tracing::info!(platform = org.slug, user_id = actor.id, "platform criteria saved");
    leptos_axum::redirect(&format!("/orgs/{}/criteria?saved={}", org.slug, now.timestamp_millis()));
    Ok(())
}

/// `/readiness?firm=…`: a manufacturer the signed-in person works for (the
/// first, unless `firm` names another) against every platform's criteria.
/// Site admins may name any manufacturer.
#[server(prefix = "/api", endpoint = "my_readiness")]
pub async fn my_readiness(#[server(default)] firm: String) -> Result<Readiness, AppError> {
    use crate::orgs::types::OrgKind;
    use crate::readiness::{policy, repo};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let firms = repo::firms_of(&state.db, actor.id).await?;
    let chosen = match firm.trim() {
        "" => firms.first().cloned(),
        slug => Some(crate::read::organisation_by_slug(&state.db, slug).await?),
    };
    if let Some(chosen) = &chosen {
        let kind = OrgKind::from_code(&chosen.kind).ok_or(AppError::NotFound)?;
        let permissions = crate::orgs::repo::permissions(&state.db, Some(&actor), chosen).await?;
        if !policy::may_see_readiness(kind, &permissions) {
            return Err(AppError::NotFound);
        }
    }
    repo::readiness(&state.db, &firms, chosen.as_ref(), chrono::Utc::now()).await
}
