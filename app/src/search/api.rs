use leptos::prelude::*;

use crate::error::AppError;
use crate::search::types::SearchResults;

/// Results for a search page URL's query string (`q=…&cert=bsci&page=2`):
/// the page and this function read the same string, so what the URL says is
/// what is searched. Public; the Meilisearch key stays on the server. When
/// Meilisearch cannot be reached the database answers, plainer, and the
/// results say so.
#[server(prefix = "/api", endpoint = "search")]
pub async fn search_directory(query: String) -> Result<SearchResults, AppError> {
    use crate::search::query::{Narrowing, SearchQuery};

    let mut query = SearchQuery::from_query_string(&query);
    query.q = crate::search::types::normalize_query(&query.q)?;
    let state = crate::state::app_state()?;
    let db = state.db.clone();
    let directory = state.directory.get(|| async move { crate::belts::repo::directory_snapshot(&db).await }).await?;
    let near = query.near.as_deref().and_then(|slug| directory.belts().iter().find(|b| b.slug == slug)).map(|b| (b.latitude, b.longitude));
    if near.is_none() && query.near.is_some() {
        // A belt that does not exist (any more) narrows nothing.
        query = query.without(Narrowing::Near).on_page(query.page);
    }
    match state.search.search(&query, near).await {
        Ok(found) => Ok(crate::search::results::assemble(query, found, &directory, near)),
        Err(err) => {
            tracing::warn!(error = %err, "search failed; answering from the database");
            Ok(crate::search::fallback::search(&state.db, &query, &directory).await?)
        }
    }
}
