//! The HTTP surface: Leptos pages and server functions, hashed static assets
//! with long cache headers, `/healthz`, and the language switch.

use std::time::Duration;

use app::accounts::session_store::DbSessionStore;
use app::i18n::{Lang, LANG_COOKIE};
use app::state::AppState;
use app::{shell, App};
use axum::body::Body;
use axum::extract::{FromRef, Path, Query, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Json, Router};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, handle_server_fns_with_context, LeptosRoutes};
use serde::Deserialize;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

#[derive(Clone, FromRef)]
pub struct ServerState {
    pub leptos_options: LeptosOptions,
    pub app: AppState,
    /// Mark the session cookie `Secure` (the site is served over https).
    pub secure_cookies: bool,
}

/// Builds the whole router for `state`.
pub fn router(state: ServerState) -> Router {
    let routes = generate_route_list(|| view! { <App lang=Lang::default()/> });
    let options = state.leptos_options.clone();
    let app_state = state.app.clone();
    let sessions = session_layer(&state);
    let context = move || provide_context(app_state.clone());

    // Hashed file names change with their content, so browsers may keep them for a year.
    let pkg_cache = if options.hash_files { "public, max-age=31536000, immutable" } else { "no-cache" };
    let pkg_dir = format!("{}/{}", options.site_root, options.site_pkg_dir);
    let pkg = Router::new()
        .fallback_service(ServeDir::new(pkg_dir).precompressed_br().precompressed_gzip())
        .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static(pkg_cache)));

    Router::new()
        .route("/healthz", get(healthz))
        .route("/lang/{code}", get(switch_language))
        .route("/sitemap.xml", get(sitemap))
        .route("/robots.txt", get(robots))
        .route("/api/{*fn_name}", get(server_fn).post(server_fn))
        .merge(crate::media::routes())
        .merge(crate::imports::routes())
        .merge(crate::exports::routes())
        .merge(crate::calendars::routes())
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .nest(&format!("/{}", options.site_pkg_dir), pkg)
        .merge(root_files(&options))
        // Any other address: the app's own "not found" page, rendered in full
        // (with its 404 status) like every other page.
        .fallback(leptos_axum::render_app_async_with_context(context, move || shell(options.clone())))
        .layer(middleware::from_fn_with_state(state.clone(), follow_renames))
        .layer(middleware::from_fn_with_state(
            crate::page_cache::PageCache::new(state.app.search.changes_seen.clone()),
            crate::page_cache::serve,
        ))
        .layer(middleware::from_fn(server_fn_conventions))
        .layer(middleware::from_fn(crate::hardening::only_own_form_errors))
        .layer(middleware::from_fn(same_origin_writes_only))
        .layer(sessions)
        // Pages are compressed on the fly, quickly; the wasm and JS come precompressed.
        .layer(CompressionLayer::new().quality(CompressionLevel::Fastest))
        .layer(middleware::from_fn_with_state(state.clone(), crate::hardening::security_headers))
        .with_state(state)
}

/// A page of an organisation that was renamed, asked for at its old address,
/// moves permanently to the new one (the rest of the path and the query kept).
async fn follow_renames(State(state): State<ServerState>, request: Request<Body>, next: Next) -> Response {
    let asked = (request.method() == axum::http::Method::GET)
        .then(|| request.uri().clone())
        .filter(|uri| uri.path().starts_with("/orgs/") || uri.path().starts_with("/suppliers/"));
    let response = next.run(request).await;
    // An old address is unknown to the page itself, which answers 404 (or 401 / 403 if it asks who you are first).
    let Some(uri) = asked.filter(|_| response.status().is_client_error()) else { return response };
    let mut parts = uri.path().splitn(4, '/').skip(1);
    let (Some(section), Some(slug)) = (parts.next(), parts.next()) else { return response };
    if !app::orgs::rules::is_slug(slug) {
        return response;
    }
    match app::orgs::repo::renamed(&state.app.db, slug).await {
        Ok(Some(now)) => {
            let rest = parts.next().map(|r| format!("/{r}")).unwrap_or_default();
            let query = uri.query().map(|q| format!("?{q}")).unwrap_or_default();
            Redirect::permanent(&format!("/{section}/{now}{rest}{query}")).into_response()
        }
        Ok(None) => response,
        Err(err) => {
            tracing::warn!(error = %err, "looking up a renamed organisation failed");
            response
        }
    }
}

/// The files at the site root (the favicon and its kin), each on its own
/// route: they are few and known when the server starts, and a route serves
/// them straight from disk rather than through the page fallback.
fn root_files(options: &LeptosOptions) -> Router<ServerState> {
    let mut router = Router::new();
    let Ok(entries) = std::fs::read_dir(options.site_root.as_ref()) else { return router };
    for entry in entries.flatten() {
        let is_file = entry.file_type().is_ok_and(|kind| kind.is_file());
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_file && !name.starts_with('.') {
            router = router.route_service(&format!("/{name}"), ServeFile::new(entry.path()));
        }
    }
    // Not hashed: a day, so a changed icon reaches everyone by tomorrow.
    router.layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=86400")))
}

/// Server-side sessions in the database: HttpOnly, SameSite=Lax, Secure
/// behind https, ending after a quiet spell (and, see `accounts::repo`, a
/// fixed time after sign-in however active).
/// A plain-text refusal for the non-Leptos routes (uploads, downloads), in
/// both languages since these answers have no page to carry a language.
pub fn refusal(error: &app::error::AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let text = format!("{}\n{}", error.message(Lang::Zh), error.message(Lang::En));
    (status, [(header::CACHE_CONTROL, "no-store")], text).into_response()
}

fn session_layer(state: &ServerState) -> SessionManagerLayer<DbSessionStore> {
    let idle = time::Duration::seconds(app::accounts::repo::IDLE_LIFETIME.num_seconds());
    SessionManagerLayer::new(DbSessionStore::new(state.app.db.clone()))
        .with_name("beltlink_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.secure_cookies)
        .with_expiry(Expiry::OnInactivity(idle))
}

/// Refuses a state-changing request that a browser says came from another
/// site. Server functions accept plain form posts, which any site can make a
/// browser send with its cookies, so SameSite alone is not enough: a write
/// must show `Sec-Fetch-Site: same-origin` or an `Origin` (else a `Referer`)
/// naming this host.
async fn same_origin_writes_only(request: Request<Body>, next: Next) -> Response {
    if request.method().is_safe() || is_same_origin(request.headers()) {
        return next.run(request).await;
    }
    let lang = app::i18n::negotiate(
        request.headers().get(header::COOKIE).and_then(|v| v.to_str().ok()),
        request.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()),
    );
    let message = lang.pick(
        "请求被拒绝：它不是从本站页面发出的。请回到页面重试。",
        "Request refused: it did not come from a page of this site. Go back to the page and try again.",
    );
    (StatusCode::FORBIDDEN, [(header::CACHE_CONTROL, "no-store")], message).into_response()
}

/// The `host[:port]` part of an absolute URL.
fn authority(url: &str) -> Option<&str> {
    url.split_once("://").map(|(_, rest)| rest.split(['/', '?', '#']).next().unwrap_or(""))
}

fn is_same_origin(headers: &header::HeaderMap) -> bool {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    match text("sec-fetch-site") {
        Some("same-origin" | "none") => return true,
        Some(_) => return false,
        None => {}
    }
    let Some(host) = text("host") else { return false };
    match (text("origin"), text("referer")) {
        (Some(origin), _) => authority(origin) == Some(host),
        (None, Some(referer)) => authority(referer) == Some(host),
        (None, None) => false,
    }
}

async fn server_fn(State(state): State<ServerState>, request: Request<Body>) -> impl IntoResponse {
    let app_state = state.app.clone();
    handle_server_fns_with_context(move || provide_context(app_state.clone()), request).await
}

/// Around every server function call (leptos routes them itself).
async fn server_fn_conventions(request: Request<Body>, next: Next) -> Response {
    if !request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    // No form is anywhere near this; refused before any of it is read.
    const API_BODY_MAX: usize = 256 * 1024;
    let declared = request.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|length| length > API_BODY_MAX) {
        let error = app::error::AppError::Malformed(format!("a body over {API_BODY_MAX} bytes"));
        return (StatusCode::BAD_REQUEST, [(header::CACHE_CONTROL, "no-store")], Json(error)).into_response();
    }
    let request = request.map(|body| Body::new(http_body_util::Limited::new(body, API_BODY_MAX)));
    let mut request = request;
    // A form posted without JavaScript is sent back to its page with the error
    // in the query; drop an earlier one so the page shows the latest.
    if let Some(referer) = request.headers().get(header::REFERER).and_then(|v| v.to_str().ok()) {
        if let Ok(value) = HeaderValue::from_str(&without_form_error(referer)) {
            request.headers_mut().insert(header::REFERER, value);
        }
    }
    let mut response = with_error_status(next.run(request).await).await;
    crate::hardening::remember_form_error(&mut response);
    response
}

/// Server functions answer every error with 500; give callers the status
/// the error stands for (400, 401, 403, 404, 429, ...).
async fn with_error_status(response: Response) -> Response {
    // Refusals keep the user's input, cut at `forms::KEPT_MAX` characters a field.
    const ERROR_BODY_LIMIT: usize = 1024 * 1024;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR || !response.headers().contains_key("serverfnerror") {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, ERROR_BODY_LIMIT).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "error body too large").into_response();
    };
    if let Ok(error) = serde_json::from_slice::<app::error::AppError>(&bytes) {
        parts.status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// `url` without the `__path`/`__err` pairs leptos adds after a failed form post.
fn without_form_error(url: &str) -> String {
    let Some((base, query)) = url.split_once('?') else { return url.to_string() };
    let kept: Vec<&str> = query.split('&').filter(|pair| !(pair.starts_with("__path=") || pair.starts_with("__err="))).collect();
    if kept.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", kept.join("&"))
    }
}

/// Every public page, for web search; read afresh at most hourly by caches.
async fn sitemap(State(state): State<ServerState>) -> Response {
    let mail = state.app.mail.clone();
    match app::search::sitemap::sitemap(&state.app.db, |path| mail.link(path)).await {
        Ok(xml) => ([(header::CONTENT_TYPE, "application/xml; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")], xml)
            .into_response(),
        Err(error) => refusal(&error),
    }
}

async fn robots(State(state): State<ServerState>) -> Response {
    let text = app::search::sitemap::robots(|path| state.app.mail.link(path));
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=86400")], text).into_response()
}

#[derive(serde::Serialize)]
struct Health {
    status: &'static str,
    database: &'static str,
    search: &'static str,
    outbox_pending: Option<u64>,
}

/// 200 when the database and Meilisearch both answer, 503 otherwise.
async fn healthz(State(state): State<ServerState>) -> impl IntoResponse {
    let db = &state.app.db;
    let (database_up, search_up) = tokio::join!(
        tokio::time::timeout(Duration::from_secs(2), db.ping()),
        tokio::time::timeout(Duration::from_secs(2), state.app.search.is_healthy()),
    );
    let database_up = matches!(database_up, Ok(Ok(())));
    let search_up = matches!(search_up, Ok(true));
    let outbox_pending = if database_up { app::search::outbox::pending(db).await.ok() } else { None };
    let up = |b: bool| if b { "up" } else { "down" };
    let healthy = database_up && search_up;
    let body = Health { status: if healthy { "ok" } else { "degraded" }, database: up(database_up), search: up(search_up), outbox_pending };
    let status = if healthy { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (status, [(header::CACHE_CONTROL, "no-store")], Json(body))
}

#[derive(Deserialize)]
struct SwitchQuery {
    next: Option<String>,
}

/// `/lang/en?next=/belts`: remembers the choice in a cookie and goes back.
/// Works without JavaScript; `next` must be a local path (no open redirect).
async fn switch_language(Path(code): Path<String>, Query(query): Query<SwitchQuery>) -> Response {
    let Some(lang) = (code == "zh" || code == "en").then(|| Lang::from_code(&code)).flatten() else {
        return (StatusCode::BAD_REQUEST, format!("unknown language {code:?}; use zh or en")).into_response();
    };
    let next = app::accounts::api::local_path(query.next.as_deref()).unwrap_or_else(|| "/".into());
    let cookie = format!("{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax", lang.code());
    Response::builder()
        .status(StatusCode::SEE_OTHER)
        .header(header::LOCATION, next)
        .header(header::SET_COOKIE, cookie)
        .body(Body::empty())
        .expect("static response parts are valid")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> header::HeaderMap {
        pairs.iter().map(|(k, v)| (header::HeaderName::from_static(k), HeaderValue::from_static(v))).collect()
    }

    #[test]
    fn writes_must_come_from_this_site() {
        assert!(is_same_origin(&headers(&[("host", "127.0.0.1:3000"), ("origin", "http://127.0.0.1:3000")])));
        assert!(is_same_origin(&headers(&[("host", "a.example"), ("referer", "https://a.example/signin?x=1")])));
        assert!(is_same_origin(&headers(&[("sec-fetch-site", "same-origin")])));
        assert!(!is_same_origin(&headers(&[("host", "a.example"), ("origin", "https://evil.example")])));
        assert!(!is_same_origin(&headers(&[("host", "a.example"), ("origin", "null")])));
        assert!(!is_same_origin(&headers(&[("host", "a.example"), ("origin", "https://a.example.evil.example")])));
        assert!(!is_same_origin(&headers(&[("sec-fetch-site", "cross-site"), ("host", "a.example"), ("origin", "https://a.example")])));
        assert!(!is_same_origin(&headers(&[("host", "a.example")])));
    }

    #[test]
    fn old_form_errors_are_dropped_from_the_referer() {
        assert_eq!(without_form_error("http://h/signin?next=%2Fa&__path=%2Fapi%2Fsign_in&__err=eyJ9"), "http://h/signin?next=%2Fa");
        assert_eq!(without_form_error("http://h/signup?__path=x&__err=y"), "http://h/signup");
        assert_eq!(without_form_error("http://h/signup"), "http://h/signup");
    }
}
