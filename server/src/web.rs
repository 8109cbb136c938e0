//! The HTTP surface: Leptos pages and server functions, hashed static assets
//! with long cache headers, `/healthz`, and the language switch.

use std::time::Duration;

use app::i18n::{Lang, LANG_COOKIE};
use app::state::AppState;
use app::{shell, App};
use axum::body::Body;
use axum::extract::{FromRef, Path, Query, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, handle_server_fns_with_context, LeptosRoutes};
use serde::Deserialize;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

#[derive(Clone, FromRef)]
pub struct ServerState {
    pub leptos_options: LeptosOptions,
    pub app: AppState,
}

/// Builds the whole router for `state`.
pub fn router(state: ServerState) -> Router {
    let routes = generate_route_list(|| view! { <App lang=Lang::default()/> });
    let options = state.leptos_options.clone();
    let app_state = state.app.clone();
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
        .route("/api/{*fn_name}", get(server_fn).post(server_fn))
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .nest(&format!("/{}", options.site_pkg_dir), pkg)
        .fallback(leptos_axum::file_and_error_handler_with_context::<ServerState, _>(context, shell))
        // Pages are compressed on the fly, quickly; the wasm and JS come precompressed.
        .layer(CompressionLayer::new().quality(CompressionLevel::Fastest))
        .with_state(state)
}

async fn server_fn(State(state): State<ServerState>, request: Request<Body>) -> impl IntoResponse {
    let app_state = state.app.clone();
    handle_server_fns_with_context(move || provide_context(app_state.clone()), request).await
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
    let body = Health {
        status: if healthy { "ok" } else { "degraded" },
        database: up(database_up),
        search: up(search_up),
        outbox_pending,
    };
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
    let next = query
        .next
        .filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.contains('\\'))
        .unwrap_or_else(|| "/".into());
    let cookie = format!("{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax", lang.code());
    Response::builder()
        .status(StatusCode::SEE_OTHER)
        .header(header::LOCATION, next)
        .header(header::SET_COOKIE, cookie)
        .body(Body::empty())
        .expect("static response parts are valid")
}
