use leptos::prelude::*;

use crate::error::AppError;
use crate::services::types::{OfferingEditor, OfferingList};

/// A provider's offerings with their status, for those who manage them.
#[server(prefix = "/api", endpoint = "my_offerings")]
pub async fn my_offerings(slug: String) -> Result<OfferingList, AppError> {
    let state = crate::state::app_state()?;
    let (_, org) = managed_provider(&state.db, &slug).await?;
    Ok(OfferingList {
        slug: org.slug.clone(),
        name: crate::read::org_name(&org),
        offerings: crate::read::offerings_of(&state.db, org.id, true).await?,
    })
}

/// The offering form's data: offering `id` (a number), or a new one (`new`).
#[server(prefix = "/api", endpoint = "offering_editor")]
pub async fn load_offering_editor(slug: String, id: String) -> Result<OfferingEditor, AppError> {
    use crate::services::repo;
    let state = crate::state::app_state()?;
    let (_, org) = managed_provider(&state.db, &slug).await?;
    repo::editor(&state.db, &org, parse_id(&id)?).await
}

/// The provider behind `slug` and the signed-in actor, if the actor may
/// manage its offerings (`orgs::policy::may_edit`).
///
/// # Errors
/// `SignInRequired`; `NotFound` for an unknown slug or a kind without offerings; `Forbidden` for others.
#[cfg(feature = "ssr")]
async fn managed_provider(
    db: &sea_orm::DatabaseConnection,
    slug: &str,
) -> Result<(crate::accounts::types::CurrentUser, crate::entities::organisation::Model), AppError> {
    let actor = crate::accounts::actor::require(db).await?;
    let org = crate::services::repo::provider(db, slug).await?;
    let standing = crate::orgs::repo::standing(db, &actor, &org).await?;
    if !crate::orgs::policy::may_edit(&actor, &standing) {
        return Err(AppError::Forbidden);
    }
    Ok((actor, org))
}

/// `new` (or nothing) for a new offering, else its number.
#[cfg(feature = "ssr")]
fn parse_id(id: &str) -> Result<Option<i32>, AppError> {
    match id.trim() {
        "" | "new" => Ok(None),
        n => n.parse().map(Some).map_err(|_| AppError::NotFound),
    }
}

/// Creates or updates an offering of a service provider. Its members and
/// site admins; every rule in `services::rules::validate`.
#[server(prefix = "/api", endpoint = "save_offering")]
pub async fn save_offering(
    slug: String,
    id: String,
    service_type: String,
    title_zh: String,
    title_en: String,
    description_zh: String,
    description_en: String,
    terms_zh: String,
    terms_en: String,
    markets: String,
    #[server(default)] belts: Vec<String>,
    #[server(default)] published: Option<String>,
) -> Result<(), AppError> {
    use crate::services::{repo, rules};
    let state = crate::state::app_state()?;
    let (user, org) = managed_provider(&state.db, &slug).await?;
    let id = parse_id(&id)?;
    let form = rules::OfferingForm {
        service_type,
        title_zh,
        title_en,
        description_zh,
        description_en,
        terms_zh,
        terms_en,
        markets,
        belts,
        published: published.is_some_and(|p| !p.is_empty()),
    };
    let known: Vec<String> = crate::read::all_belts(&state.db).await?.into_iter().map(|b| b.slug).collect();
    let offering = rules::validate(&form, &known).map_err(AppError::Invalid)?;
    let id = repo::save(&state.db, org.id, Some(user.id), id, &offering).await?;
    tracing::info!(organisation = slug, offering = id, user_id = user.id, "service offering saved");
    state.search.outbox_wake.notify_one();
    leptos_axum::redirect(&format!("/orgs/{slug}/offerings?saved={id}"));
    Ok(())
}

/// Deletes an offering. Its provider's members and site admins.
#[server(prefix = "/api", endpoint = "delete_offering")]
pub async fn delete_offering(slug: String, id: String) -> Result<(), AppError> {
    use crate::services::repo;
    let state = crate::state::app_state()?;
    let (user, org) = managed_provider(&state.db, &slug).await?;
    let id = parse_id(&id)?.ok_or(AppError::NotFound)?;
    repo::delete(&state.db, org.id, id).await?;
    tracing::info!(organisation = slug, offering = id, user_id = user.id, "service offering deleted");
    state.search.outbox_wake.notify_one();
    leptos_axum::redirect(&format!("/orgs/{slug}/offerings?deleted={id}"));
    Ok(())
}
