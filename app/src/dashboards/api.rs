//! The dashboard's server function: resolves the actor once, asks
//! `dashboards::policy`, and reads the dashboard kept for the belt and the
//! viewer's language (read again after a change, at most a minute old).

use leptos::prelude::*;

use crate::dashboards::types::BeltDashboard;
use crate::error::AppError;

#[server(prefix = "/api", endpoint = "belt_dashboard")]
pub async fn load_belt_dashboard(slug: String) -> Result<BeltDashboard, AppError> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::current(&state.db).await?;
    if !crate::dashboards::policy::may_view(actor.as_ref()) {
        return Err(AppError::Forbidden);
    }
    let belt = crate::entities::belt::Entity::find()
        .filter(crate::entities::belt::Column::Slug.eq(slug.trim()))
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let lang = crate::request_lang();
    let kept = state
        .dashboards
        .get((belt.slug.clone(), lang), || crate::dashboards::repo::dashboard(&state.db, &belt, lang, chrono::Utc::now()))
        .await?;
    Ok((*kept).clone())
}
