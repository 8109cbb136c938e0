//! Pages as anonymous visitors see them, kept in memory between changes.
//!
//! Most page views are anonymous (scouts browsing, web search crawling) and
//! see the same page for the same address, language and time zone, so a
//! rendered page is kept and served again until anything changes:
//! - any write through this server (every request that is not a GET or
//!   HEAD) drops every kept page once it is answered;
//! - so does every change the search outbox picks up (writes by other
//!   processes) and every batch Meilisearch finishes indexing (search
//!   results change then, after the write);
//! - and a page is kept at most `MAX_AGE` whatever happens.
//!
//! Signed-in people, and anyone with a refused form to show, always get a
//! freshly rendered page. A kept page gets a fresh CSP nonce each time it
//! is served, so no two responses share one.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

/// Longest a page is kept even when nothing seems to change.
const MAX_AGE: Duration = Duration::from_secs(10);
/// Most pages kept; beyond it, the kept pages are dropped and kept afresh.
const MAX_PAGES: usize = 2_000;
/// Larger pages are not kept.
const MAX_PAGE_BYTES: usize = 1 << 20;
/// Says whether a page came from the cache (for benchmarks and tests).
const CACHE_HEADER: &str = "x-page-cache";

#[derive(Clone)]
pub struct PageCache {
    pages: Arc<Mutex<HashMap<Key, Kept>>>,
    writes: Arc<AtomicU64>,
    /// Changes the search outbox picked up and batches it saw indexed.
    changes: app::cache::ChangeCounter,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Key {
    path_and_query: String,
    lang: app::i18n::Lang,
    zone: String,
}

struct Kept {
    stamp: Stamp,
    kept_at: Instant,
    headers: HeaderMap,
    /// The page cut where its nonce stood, so serving it again is one copy
    /// with the fresh nonce spliced in rather than a search through it.
    pieces: Vec<Bytes>,
    nonce: String,
}

/// What had happened when a page was rendered: writes here, changes the outbox saw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Stamp {
    writes: u64,
    changes: u64,
}

impl PageCache {
    pub fn new(changes: app::cache::ChangeCounter) -> PageCache {
        PageCache { pages: Arc::default(), writes: Arc::default(), changes }
    }

    fn stamp(&self) -> Stamp {
        Stamp { writes: self.writes.load(Ordering::SeqCst), changes: self.changes.current() }
    }
}

/// The middleware: serve a kept page, or render and keep it.
pub async fn serve(State(cache): State<PageCache>, request: Request<Body>, next: Next) -> Response {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let response = next.run(request).await;
        // Whatever the write changed shows from the next page on.
        cache.writes.fetch_add(1, Ordering::SeqCst);
        return response;
    }
    let Some(key) = key_of(&request) else {
        return next.run(request).await;
    };
    let stamp = cache.stamp();
    if let Some(response) = kept(&cache, &key, stamp) {
        return response;
    }
    let response = next.run(request).await;
    keep(&cache, key, stamp, response).await
}

/// The key of a page anyone without a session would see, or `None` when the
/// request is not for such a page.
fn key_of(request: &Request<Body>) -> Option<Key> {
    let uri = request.uri();
    let path = uri.path();
    let not_a_page = ["/api/", "/pkg/", "/media/", "/lang/", "/healthz", "/sitemap.xml", "/robots.txt"];
    if request.method() != Method::GET || not_a_page.iter().any(|p| path.starts_with(p)) || path.contains("/members/") {
        return None;
    }
    let header = |name: header::HeaderName| request.headers().get(name).and_then(|v| v.to_str().ok());
    let cookies = header(header::COOKIE);
    let personal = ["beltlink_session=", "beltlink_form_error="];
    if cookies.is_some_and(|c| c.split(';').any(|pair| personal.iter().any(|p| pair.trim().starts_with(p)))) {
        return None;
    }
    let lang = match uri.query().and_then(app::i18n::lang_in_query) {
        Some(lang) => lang,
        None => app::i18n::negotiate(cookies, header(header::ACCEPT_LANGUAGE)),
    };
    let zone = app::clock::ViewerZone::from_cookies(cookies).name().to_string();
    Some(Key { path_and_query: uri.path_and_query().map_or(path, |p| p.as_str()).to_string(), lang, zone })
}

fn kept(cache: &PageCache, key: &Key, stamp: Stamp) -> Option<Response> {
    let pages = cache.pages.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let page = pages.get(key).filter(|p| p.stamp == stamp && p.kept_at.elapsed() < MAX_AGE)?;
    let fresh = leptos::nonce::Nonce::new().to_string();
    let length = page.pieces.iter().map(Bytes::len).sum::<usize>() + fresh.len() * page.pieces.len();
    let mut body = Vec::with_capacity(length);
    for (n, piece) in page.pieces.iter().enumerate() {
        if n > 0 {
            body.extend_from_slice(fresh.as_bytes());
        }
        body.extend_from_slice(piece);
    }
    let mut response = Response::new(Body::from(body));
    *response.headers_mut() = page.headers.clone();
    if let Some(policy) = page.headers.get(header::CONTENT_SECURITY_POLICY).and_then(|v| v.to_str().ok()) {
        if let Ok(value) = HeaderValue::from_str(&policy.replace(&page.nonce, &fresh)) {
            response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, value);
        }
    }
    response.headers_mut().insert(CACHE_HEADER, HeaderValue::from_static("hit"));
    Some(response)
}

async fn keep(cache: &PageCache, key: Key, stamp: Stamp, response: Response) -> Response {
    let is_html = response.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|t| t.starts_with("text/html"));
    let nonce =
        response.headers().get(header::CONTENT_SECURITY_POLICY).and_then(|v| v.to_str().ok()).and_then(nonce_in).map(str::to_string);
    let keepable = response.status() == StatusCode::OK && is_html && !response.headers().contains_key(header::SET_COOKIE);
    let (Some(nonce), true) = (nonce, keepable) else {
        return response;
    };
    let (mut parts, body) = response.into_parts();
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        Err(err) => {
            tracing::warn!(error = %err, "a page failed while being rendered");
            parts.status = StatusCode::INTERNAL_SERVER_ERROR;
            return Response::from_parts(parts, Body::empty());
        }
    };
    parts.headers.remove(header::DATE);
    if bytes.len() <= MAX_PAGE_BYTES {
        let mut pages = cache.pages.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if pages.len() >= MAX_PAGES {
            pages.retain(|_, p| p.stamp == stamp && p.kept_at.elapsed() < MAX_AGE);
            if pages.len() >= MAX_PAGES {
                pages.clear();
            }
        }
        let pieces = cut_at(&bytes, nonce.as_bytes());
        let kept = Kept { stamp, kept_at: Instant::now(), headers: parts.headers.clone(), pieces, nonce };
        pages.insert(key, kept);
    }
    parts.headers.insert(CACHE_HEADER, HeaderValue::from_static("miss"));
    Response::from_parts(parts, Body::from(bytes))
}

/// The nonce a content security policy allows scripts by.
fn nonce_in(policy: &str) -> Option<&str> {
    let start = policy.find("'nonce-")? + "'nonce-".len();
    let length = policy[start..].find('\'')?;
    Some(&policy[start..start + length]).filter(|n| !n.is_empty())
}

/// `bytes` in the pieces between the copies of `separator`.
fn cut_at(bytes: &Bytes, separator: &[u8]) -> Vec<Bytes> {
    let mut pieces = Vec::new();
    let mut start = 0;
    while let Some(at) = bytes[start..].windows(separator.len()).position(|w| w == separator) {
        pieces.push(bytes.slice(start..start + at));
        start += at + separator.len();
    }
    pieces.push(bytes.slice(start..));
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_nonce_and_cuts_the_page_where_it_stands() {
        let policy = "default-src 'self'; script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval'";
        assert_eq!(nonce_in(policy), Some("abc123"));
        assert_eq!(nonce_in("default-src 'self'"), None);
        let page = Bytes::from_static(b"<script nonce=\"abc123\"></script>abc123");
        assert_eq!(cut_at(&page, b"abc123"), [&b"<script nonce=\""[..], b"\"></script>", b""]);
        assert_eq!(cut_at(&page, b"zzz"), [&page[..]]);
    }

    fn request(uri: &str, cookie: Option<&str>) -> Request<Body> {
        let mut builder = Request::get(uri).header(header::ACCEPT_LANGUAGE, "en");
        if let Some(cookie) = cookie {
            builder = builder.header(header::COOKIE, cookie);
        }
        builder.body(Body::empty()).unwrap()
    }

    #[test]
    fn only_anonymous_pages_are_kept() {
        assert!(key_of(&request("/belts", None)).is_some());
        assert!(key_of(&request("/belts", Some("beltlink_lang=zh; beltlink_tz=Europe/Berlin"))).is_some());
        assert!(key_of(&request("/belts", Some("beltlink_session=abc"))).is_none(), "signed in");
        assert!(key_of(&request("/orgs/new", Some("beltlink_form_error=abc"))).is_none(), "a refused form to show");
        assert!(key_of(&request("/api/search", None)).is_none());
        assert!(key_of(&request("/orgs/x/members/template.csv", None)).is_none());
        let english = key_of(&request("/belts", None)).unwrap();
        let chinese = key_of(&request("/belts", Some("beltlink_lang=zh"))).unwrap();
        let berlin = key_of(&request("/belts", Some("beltlink_tz=Europe/Berlin"))).unwrap();
        let asked_for_chinese = key_of(&request("/belts?hl=zh", None)).unwrap();
        assert_ne!(english, chinese);
        assert_ne!(english, berlin);
        assert_eq!(asked_for_chinese.lang, app::i18n::Lang::Zh);
    }
}
