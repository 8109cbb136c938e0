//! CSV downloads, in the language the reader reads the site in, every cell
//! formula-safe: a scout's shortlist (`/shortlists/{id}/export.csv`) and an
//! event's report for its organisers (`/events/{slug}/report.csv`), and a
//! program's applications for its organisers (`/programs/{slug}/applications.csv`).

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use tower_sessions::Session;

use crate::web::{refusal, ServerState};

pub fn routes() -> Router<ServerState> {
    Router::new()
        .route("/shortlists/{id}/export.csv", get(shortlist))
        .route("/events/{slug}/report.csv", get(event_report))
        .route("/programs/{slug}/applications.csv", get(program_applications))
}

/// The signed-in user, or the response that sends a visitor to sign in and back to `back`.
async fn reader(state: &ServerState, session: &Session, back: &str) -> Result<app::accounts::types::CurrentUser, Response> {
    match app::accounts::repo::signed_in(&state.app.db, session).await {
        Ok(Some(user)) => Ok(user),
        Ok(None) => Err(Redirect::to(&format!("/signin?next={}", app::layout::encode_component(back))).into_response()),
        Err(error) => Err(refusal(&error)),
    }
}

fn language(headers: &HeaderMap) -> app::i18n::Lang {
    let text = |name| headers.get(name).and_then(|v| v.to_str().ok());
    app::i18n::negotiate(text(header::COOKIE), text(header::ACCEPT_LANGUAGE))
}

/// `bytes` as a CSV attachment named `name` (made of slugs and digits: safe in the header).
fn csv_file(name: &str, bytes: Result<Vec<u8>, app::error::AppError>) -> Response {
    match bytes {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
                (header::CACHE_CONTROL, "no-store".to_string()),
            ],
            bytes,
        )
            .into_response(),
        Err(error) => refusal(&error),
    }
}

async fn shortlist(State(state): State<ServerState>, session: Session, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let Ok(id) = id.parse::<i32>() else { return refusal(&app::error::AppError::NotFound) };
    let user = match reader(&state, &session, &format!("/shortlists/{id}")).await {
        Ok(user) => user,
        Err(response) => return response,
    };
    let list = match app::shortlists::repo::by_id(&state.app.db, id).await {
        // Another's list is not there, as far as one can tell.
        Ok(list) if app::shortlists::policy::may_use(Some(&user), list.owner_id) => list,
        Ok(_) => return refusal(&app::error::AppError::NotFound),
        Err(error) => return refusal(&error),
    };
    let page = match app::shortlists::repo::page(&state.app.db, &list).await {
        Ok(page) => page,
        Err(error) => return refusal(&error),
    };
    csv_file(&format!("shortlist-{id}.csv"), app::shortlists::repo::csv(&page, language(&headers), &state.app.mail.public_url))
}

async fn event_report(State(state): State<ServerState>, session: Session, headers: HeaderMap, Path(slug): Path<String>) -> Response {
    let user = match reader(&state, &session, &format!("/events/{slug}/report")).await {
        Ok(user) => user,
        Err(response) => return response,
    };
    match app::events::api::report_file(&state.app, &user, &slug, language(&headers)).await {
        Ok((name, bytes)) => csv_file(&name, Ok(bytes)),
        Err(error) => refusal(&error),
    }
}

async fn program_applications(
    State(state): State<ServerState>,
    session: Session,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Response {
    let user = match reader(&state, &session, &format!("/programs/{slug}/applications")).await {
        Ok(user) => user,
        Err(response) => return response,
    };
    match app::talent::application_api::applications_file(&state.app, &user, &slug, language(&headers)).await {
        Ok((name, bytes)) => csv_file(&name, Ok(bytes)),
        Err(error) => refusal(&error),
    }
}
