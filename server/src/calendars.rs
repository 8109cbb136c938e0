//! Participants' calendars: `/events/{slug}/agenda.ics?firm=` for a firm's
//! team (signed in), and `/calendars/{secret}.ics` for calendar apps that
//! subscribe. `?lang=zh|en` picks the language, else the reader's.

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use tower_sessions::Session;

use crate::web::{refusal, ServerState};

pub fn routes() -> Router<ServerState> {
    Router::new().route("/events/{slug}/agenda.ics", get(download)).route("/calendars/{file}", get(subscription))
}

#[derive(Deserialize)]
struct Choice {
    #[serde(default)]
    firm: String,
    #[serde(default)]
    lang: String,
}

fn language(headers: &HeaderMap, asked: &str) -> app::i18n::Lang {
    app::i18n::Lang::from_code(asked).unwrap_or_else(|| {
        let text = |name| headers.get(name).and_then(|v| v.to_str().ok());
        app::i18n::negotiate(text(header::COOKIE), text(header::ACCEPT_LANGUAGE))
    })
}

fn calendar(text: String, download: Option<String>) -> Response {
    let mut response =
        ([(header::CONTENT_TYPE, "text/calendar; charset=utf-8"), (header::CACHE_CONTROL, "no-store")], text).into_response();
    if let Some(name) = download {
        if let Ok(value) = format!("attachment; filename=\"{name}\"").parse() {
            response.headers_mut().insert(header::CONTENT_DISPOSITION, value);
        }
    }
    response
}

async fn download(
    State(state): State<ServerState>,
    session: Session,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Query(choice): Query<Choice>,
) -> Response {
    let user = match app::accounts::repo::signed_in(&state.app.db, &session).await {
        Ok(Some(user)) => user,
        Ok(None) => {
            let back = format!("/events/{slug}/agenda?firm={}", choice.firm);
            return Redirect::to(&format!("/signin?next={}", app::layout::encode_component(&back))).into_response();
        }
        Err(error) => return refusal(&error),
    };
    let lang = language(&headers, &choice.lang);
    match app::events::api::agenda_calendar(&state.app, &user, &slug, &choice.firm, lang).await {
        // Slugs are lowercase letters, digits and dashes: safe in the header.
        Ok((name, text)) => calendar(text, Some(name)),
        Err(error) => refusal(&error),
    }
}

async fn subscription(
    State(state): State<ServerState>,
    headers: HeaderMap,
    Path(file): Path<String>,
    Query(choice): Query<Choice>,
) -> Response {
    let Some(token) = file.strip_suffix(".ics") else { return refusal(&app::error::AppError::NotFound) };
    let lang = language(&headers, &choice.lang);
    match app::events::api::subscribed_calendar(&state.app, token, lang).await {
        Ok(text) => calendar(text, None),
        Err(error) => refusal(&error),
    }
}
