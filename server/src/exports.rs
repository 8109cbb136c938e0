//! A scout's shortlist as a CSV download (`/shortlists/{id}/export.csv`), in
//! the language the reader reads the site in, every cell formula-safe.

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use tower_sessions::Session;

use crate::web::{refusal, ServerState};

pub fn routes() -> Router<ServerState> {
    Router::new().route("/shortlists/{id}/export.csv", get(export))
}

async fn export(State(state): State<ServerState>, session: Session, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let back = format!("/shortlists/{id}");
    let Ok(id) = id.parse::<i32>() else { return refusal(&app::error::AppError::NotFound) };
    let user = match app::accounts::repo::signed_in(&state.app.db, &session).await {
        Ok(Some(user)) => user,
        Ok(None) => return Redirect::to(&format!("/signin?next={}", app::layout::encode_component(&back))).into_response(),
        Err(error) => return refusal(&error),
    };
    let list = match app::shortlists::repo::by_id(&state.app.db, id).await {
        // Another's list is not there, as far as one can tell.
        Ok(list) if app::shortlists::policy::may_use(Some(&user), list.owner_id) => list,
        Ok(_) => return refusal(&app::error::AppError::NotFound),
        Err(error) => return refusal(&error),
    };
    let text = |name| headers.get(name).and_then(|v| v.to_str().ok());
    let lang = app::i18n::negotiate(text(header::COOKIE), text(header::ACCEPT_LANGUAGE));
    let page = match app::shortlists::repo::page(&state.app.db, &list).await {
        Ok(page) => page,
        Err(error) => return refusal(&error),
    };
    match app::shortlists::repo::csv(&page, lang, &state.app.mail.public_url) {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"shortlist-{id}.csv\"")),
                (header::CACHE_CONTROL, "no-store".to_string()),
            ],
            bytes,
        )
            .into_response(),
        Err(error) => refusal(&error),
    }
}
