use leptos::prelude::*;

use crate::associations::types::{ImportJobView, MembersPage};
use crate::error::AppError;

/// An association's member firms and recent imports. Its members and site admins.
#[server(prefix = "/api", endpoint = "association_members")]
pub async fn association_members(slug: String) -> Result<MembersPage, AppError> {
    use crate::associations::repo;
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let association = managed_association(&state.db, &actor, &slug).await?;
    repo::members_page(&state.db, &association).await
}

/// One member import: its progress, counts and row problems. The
/// association's members and site admins.
#[server(prefix = "/api", endpoint = "import_job")]
pub async fn import_job(slug: String, id: i32) -> Result<ImportJobView, AppError> {
    use crate::associations::repo;
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let association = managed_association(&state.db, &actor, &slug).await?;
    repo::job(&state.db, association.id, id).await
}

/// The association behind `slug`, if `actor` may manage its members
/// (`orgs::policy::may_manage_members`: approved and theirs, or a site admin).
/// Its member pages, imports and exports all ask this.
///
/// # Errors
/// `NotFound` for an unknown slug or another kind, `Forbidden` for others.
#[cfg(feature = "ssr")]
pub async fn managed_association(
    db: &sea_orm::DatabaseConnection,
    actor: &crate::accounts::types::CurrentUser,
    slug: &str,
) -> Result<crate::entities::organisation::Model, AppError> {
    let association = crate::associations::repo::association(db, slug).await?;
    let standing = crate::orgs::repo::standing(db, actor, &association).await?;
    if !crate::orgs::policy::may_manage_members(actor, &standing) {
        return Err(AppError::Forbidden);
    }
    Ok(association)
}
