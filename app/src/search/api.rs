use leptos::prelude::*;

use crate::error::AppError;
use crate::search::types::SearchResults;

/// Results for the search box. Public; the Meilisearch key stays on the server.
#[server(prefix = "/api", endpoint = "search")]
pub async fn search_directory(q: String) -> Result<SearchResults, AppError> {
    let query = crate::search::types::normalize_query(&q)?;
    if query.is_empty() {
        return Ok(SearchResults { query, hits: Vec::new(), total: 0 });
    }
    let state = crate::state::app_state()?;
    state.search.search(&query, 20).await.map_err(|err| {
        tracing::warn!(error = %err, "search failed");
        AppError::SearchUnavailable
    })
}
