use leptos::prelude::*;

use crate::belts::types::{BeltDetail, BeltDirectory};
use crate::error::AppError;

/// The directory, filtered. Public: anyone may browse belts.
#[server(prefix = "/api", endpoint = "belts")]
pub async fn list_belts(province: Option<String>, category: Option<String>) -> Result<BeltDirectory, AppError> {
    let state = crate::state::app_state()?;
    let filter = crate::belts::types::BeltFilter::from_query(province, category);
    let db = state.db.clone();
    let snapshot = state.directory.get(|| async move { crate::belts::repo::directory_snapshot(&db).await }).await?;
    crate::belts::repo::directory(&snapshot, filter)
}

/// One belt. Public.
#[server(prefix = "/api", endpoint = "belt")]
pub async fn get_belt(slug: String) -> Result<BeltDetail, AppError> {
    let state = crate::state::app_state()?;
    crate::belts::repo::detail(&state.db, &slug).await
}
