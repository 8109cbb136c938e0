//! What every server function reaches for: the database and search.

use leptos::prelude::use_context;
use sea_orm::DatabaseConnection;

use crate::error::AppError;
use crate::search::service::SearchService;

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub search: SearchService,
}

/// The state handed to this request by the server.
///
/// # Errors
/// `Internal` when called outside a request the server set up.
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the request context");
        AppError::Internal
    })
}
