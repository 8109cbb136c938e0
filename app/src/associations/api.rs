use leptos::prelude::*;

use crate::associations::types::{ImportJobView, MembersPage};
use crate::error::AppError;

/// An association's member firms and recent imports. Its members and site admins.
#[server(prefix = "/api", endpoint = "association_members")]
pub async fn association_members(slug: String) -> Result<MembersPage, AppError> {
    use crate::associations::repo;
    let state = crate::state::app_state()?;
    let user = crate::accounts::actor::require(&state.db).await?;
    let association = repo::managed_association(&state.db, &slug, &user).await?;
    repo::members_page(&state.db, &association).await
}

/// One member import: its progress, counts and row problems. The
/// association's members and site admins.
#[server(prefix = "/api", endpoint = "import_job")]
pub async fn import_job(slug: String, id: i32) -> Result<ImportJobView, AppError> {
    use crate::associations::repo;
    let state = crate::state::app_state()?;
    let user = crate::accounts::actor::require(&state.db).await?;
    let association = repo::managed_association(&state.db, &slug, &user).await?;
    repo::job(&state.db, association.id, id).await
}
