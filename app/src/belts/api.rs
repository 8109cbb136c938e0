use leptos::prelude::*;

use crate::belts::types::{BeltDetail, BeltDirectory};
use crate::error::AppError;

/// The directory, filtered. Public: anyone may browse belts.
#[server(prefix = "/api", endpoint = "belts")]
pub async fn list_belts(province: Option<String>, category: Option<String>) -> Result<BeltDirectory, AppError> {
    let state = crate::state::app_state()?;
    let filter = crate::belts::types::BeltFilter::from_query(province, category);
    crate::belts::repo::directory(&state.db, filter).await
}

/// One belt. Public.
#[server(prefix = "/api", endpoint = "belt")]
pub async fn get_belt(slug: String) -> Result<BeltDetail, AppError> {
    let state = crate::state::app_state()?;
    crate::belts::repo::detail(&state.db, &slug).await
}
