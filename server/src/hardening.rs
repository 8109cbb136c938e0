//! What every response carries for the browser's protection, and the guard on
//! form errors carried in URLs.
//!
//! A form posted without JavaScript that the server refuses is sent back to
//! its page with the error, and the user's input, in the query (`__path`,
//! `__err`); the page shows both. Anyone could craft such a link and have it
//! pre-fill a form with their text for whoever opens it. So the redirect
//! also sets a cookie holding a digest of that error, and a page request
//! whose `__err` does not match this browser's cookie is sent on to the same
//! address without it. Another site cannot set our cookies.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use crate::web::ServerState;

const FORM_ERROR_COOKIE: &str = "beltlink_form_error";
/// How long a refused form's page may be reloaded and still show its errors.
const FORM_ERROR_MAX_AGE_SECONDS: u32 = 3600;
const ERROR_KEYS: [&str; 2] = ["__path", "__err"];

/// The digest that ties one refused submission's error to the browser it was sent to.
fn form_error_digest(path: &str, error: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"beltlink form error\0");
    hasher.update(path.as_bytes());
    hasher.update(b"\0");
    hasher.update(error.as_bytes());
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The `__path` and `__err` values of a query, if it has either.
fn error_pair(query: &str) -> Option<(String, String)> {
    let mut path = None;
    let mut error = None;
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        match key.as_ref() {
            "__path" if path.is_none() => path = Some(value.into_owned()),
            "__err" if error.is_none() => error = Some(value.into_owned()),
            _ => {}
        }
    }
    (path.is_some() || error.is_some()).then(|| (path.unwrap_or_default(), error.unwrap_or_default()))
}

/// `query` without the form-error pairs, re-encoded.
fn query_without_error(query: &str) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(form_urlencoded::parse(query.as_bytes()).filter(|(key, _)| !ERROR_KEYS.contains(&key.as_ref())))
        .finish()
}

fn cookie_value<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// On the redirect a refused form post gets: remember which error it carries.
pub fn remember_form_error(response: &mut Response) {
    let Some(location) = response.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()) else { return };
    let Some((_, query)) = location.split_once('?') else { return };
    let query = query.split('#').next().unwrap_or_default();
    let Some((path, error)) = error_pair(query) else { return };
    let cookie = format!(
        "{FORM_ERROR_COOKIE}={}; Path=/; Max-Age={FORM_ERROR_MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax",
        form_error_digest(&path, &error)
    );
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
}

/// Lets a page request through only with a form error this browser was sent;
/// any other is dropped by a redirect to the same address without it, so the
/// page in the browser never shows it either.
pub async fn only_own_form_errors(request: Request<Body>, next: Next) -> Response {
    let uri = request.uri();
    let Some((path, error)) = uri.query().and_then(error_pair) else {
        return next.run(request).await;
    };
    let expected = form_error_digest(&path, &error);
    if cookie_value(request.headers(), FORM_ERROR_COOKIE) == Some(expected.as_str()) {
        return next.run(request).await;
    }
    let kept = query_without_error(uri.query().unwrap_or_default());
    let target = if kept.is_empty() { uri.path().to_string() } else { format!("{}?{kept}", uri.path()) };
    (StatusCode::SEE_OTHER, [(header::LOCATION, target), (header::CACHE_CONTROL, "no-store".to_string())]).into_response()
}

/// The policy of a response that is not a page: it may run and embed nothing.
const NON_PAGE_POLICY: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// Headers on every response. Pages set their own Content-Security-Policy
/// with the nonce of their scripts (`app::content_security_policy`); other
/// responses get one that allows nothing.
pub async fn security_headers(State(state): State<ServerState>, request: Request<Body>, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(NON_PAGE_POLICY));
    }
    if state.secure_cookies {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_pairs_are_found_and_dropped() {
        let query = "next=%2Fa&__path=%2Fapi%2Fsign_in&__err=eyJ9&x=1";
        assert_eq!(error_pair(query), Some(("/api/sign_in".into(), "eyJ9".into())));
        assert_eq!(query_without_error(query), "next=%2Fa&x=1");
        assert_eq!(error_pair("q=lashes"), None);
        assert_eq!(error_pair("__err=x"), Some((String::new(), "x".into())));
    }

    #[test]
    fn digests_differ_by_path_and_error() {
        let a = form_error_digest("/api/a", "e1");
        assert_eq!(a.len(), 64);
        assert_ne!(a, form_error_digest("/api/a", "e2"));
        assert_ne!(a, form_error_digest("/api/b", "e1"));
        // The separator keeps "ab"+"c" apart from "a"+"bc".
        assert_ne!(form_error_digest("ab", "c"), form_error_digest("a", "bc"));
    }

    #[test]
    fn the_cookie_is_read_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_static("lang=en; beltlink_form_error=abc ; other=1"));
        assert_eq!(cookie_value(&headers, FORM_ERROR_COOKIE), Some("abc"));
        assert_eq!(cookie_value(&headers, "missing"), None);
    }
}
