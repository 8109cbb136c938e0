//! Sign-up, sign-in, sign-out and the account overview. Each server function
//! checks who is calling itself; nothing relies on what the page shows.

use leptos::prelude::*;

use crate::accounts::types::{AccountOverview, CurrentUser as User};
use crate::error::AppError;

pub use crate::accounts::rules::{PASSWORD_MAX, PASSWORD_MIN};
pub const DISPLAY_NAME_MAX: usize = 80;

/// Creates an account. Anyone signed out may call it; throttled per address.
/// Whether or not the email was registered already, the answer is the same
/// (after the same work: a password hash), a neutral note on the sign-in
/// page, so sign-up cannot be used to find out who has an account.
#[server(prefix = "/api", endpoint = "sign_up")]
pub async fn sign_up(
    email: String,
    display_name: String,
    role: String,
    password: String,
    password_again: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use crate::accounts::{password as hashing, repo, rules, types::Role};
    use crate::forms::{self, FormErrors, Problem};

    let state = crate::state::app_state()?;
    let mut errors = FormErrors::new();
    errors.keep("email", &email);
    errors.keep("display_name", &display_name);
    errors.keep("role", &role);
    let email = forms::email(&mut errors, "email", &email);
    let display_name = forms::required_text(&mut errors, "display_name", &display_name, DISPLAY_NAME_MAX);
    let role = Role::from_code(&role).filter(|r| Role::SELF_CHOSEN.contains(r));
    if role.is_none() {
        errors.add("role", Problem::NotAChoice);
    }
    if let Some(problem) = rules::password_problem(&password, &email) {
        errors.add("password", problem);
    } else if password != password_again {
        errors.add("password_again", Problem::PasswordsDiffer);
    }
    let Some(role) = role.filter(|_| errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };

    repo::reserve_mailing(&state.db, &client_address(&state.trusted_proxies).await).await?;
    let hash = hashing::hash(password).await?;
    // Either way an email goes to the address: a confirmation link to a new
    // account, a heads-up to an existing one's owner.
    let txn = crate::db::begin_write(&state.db).await?;
    match repo::create_user(&txn, &email, &display_name, hash, role).await? {
        Some(user_id) => {
            let token = crate::accounts::tokens::issue(&txn, user_id, crate::accounts::tokens::TokenPurpose::ConfirmEmail).await?;
            crate::mail::outbox::queue(&txn, crate::accounts::letters::confirm_email(&state.mail, &email, &display_name, &token)).await?;
            tracing::info!(user_id, "account created");
        }
        None => {
            crate::mail::outbox::queue(&txn, crate::accounts::letters::already_registered(&state.mail, &email)).await?;
            tracing::info!("sign-up for an email that has an account; answered alike");
        }
    }
    txn.commit().await?;
    state.mail.wake.notify_one();
    // Someone who came to accept an invitation goes back to it after signing in.
    match local_path(next.as_deref()) {
        Some(next) => leptos_axum::redirect(&format!("/signin?welcome=1&next={}", crate::layout::encode_component(&next))),
        None => leptos_axum::redirect("/signin?welcome=1"),
    }
    Ok(())
}

/// Signs in; throttled per account and per address. `next` is where to go
/// afterwards (a local path; anything else goes to `/account`).
#[server(prefix = "/api", endpoint = "sign_in")]
pub async fn sign_in(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    use crate::accounts::{password as hashing, repo};
    use crate::forms::{FormErrors, Problem};

    let state = crate::state::app_state()?;
    let mut errors = FormErrors::new();
    errors.keep("email", &email);
    let email = email.trim().to_lowercase();
    if email.is_empty() {
        errors.add("email", Problem::Required);
    } else if email.chars().count() > 254 {
        errors.add("email", Problem::TooLong { max: 254 });
    }
    if password.is_empty() {
        errors.add("password", Problem::Required);
    } else if password.chars().count() > PASSWORD_MAX {
        // Refused before any work: no account has a longer password.
        errors.add("password", Problem::WrongCredentials);
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let address = client_address(&state.trusted_proxies).await;
    repo::reserve_attempt(&state.db, &email, &address).await?;

    let found = repo::find_by_email(&state.db, &email).await?;
    let matches = hashing::verify(password, found.as_ref().map(|u| u.password_hash.clone())).await?;
    let Some(user) = found.filter(|_| matches) else {
        // The reserved attempt stays recorded as a failure.
        errors.add("password", Problem::WrongCredentials);
        return Err(AppError::Invalid(errors));
    };
    repo::forgive_failures(&state.db, &email, &address).await?;
    repo::record_sign_in(&state.db, user.id).await?;
    repo::start_session(&state.db, &crate::accounts::actor::session().await?, user.id).await?;
    leptos_axum::redirect(&local_path(next.as_deref()).unwrap_or_else(|| "/account".into()));
    Ok(())
}

/// Ends the session. Harmless when signed out.
#[server(prefix = "/api", endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::accounts::repo;
    repo::end_session(&crate::accounts::actor::session().await?).await?;
    leptos_axum::redirect("/");
    Ok(())
}

/// Who is signed in, if anyone. Public.
#[server(prefix = "/api", endpoint = "current_user")]
pub async fn current_user() -> Result<Option<User>, AppError> {
    let state = crate::state::app_state()?;
    crate::accounts::actor::current(&state.db).await
}

/// The organisations the signed-in user is in (not those they asked to
/// join), for switching between them; empty when signed out.
#[server(prefix = "/api", endpoint = "my_organisations")]
pub async fn my_organisations() -> Result<Vec<crate::accounts::types::Membership>, AppError> {
    let state = crate::state::app_state()?;
    let Some(user) = crate::accounts::actor::current(&state.db).await? else { return Ok(Vec::new()) };
    let overview = crate::accounts::repo::overview(&state.db, user).await?;
    Ok(overview.memberships.into_iter().filter(|m| !m.pending).collect())
}

/// The signed-in user's account. Signed-in users only.
#[server(prefix = "/api", endpoint = "my_account")]
pub async fn my_account() -> Result<AccountOverview, AppError> {
    use crate::accounts::repo;
    let state = crate::state::app_state()?;
    let user = crate::accounts::actor::require(&state.db).await?;
    repo::overview(&state.db, user).await
}

/// Changes the signed-in user's password, after checking the current one
/// (throttled like a sign-in). Every other session of the account ends; this
/// one goes on.
#[server(prefix = "/api", endpoint = "change_password")]
pub async fn change_password(current_password: String, new_password: String, new_password_again: String) -> Result<(), AppError> {
    use crate::accounts::{password as hashing, repo, rules};
    use crate::forms::{FormErrors, Problem};

    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let mut errors = FormErrors::new();
    if current_password.is_empty() {
        errors.add("current_password", Problem::Required);
    } else if current_password.chars().count() > PASSWORD_MAX {
        errors.add("current_password", Problem::WrongCredentials);
    }
    if let Some(problem) = rules::password_problem(&new_password, &actor.email) {
        errors.add("new_password", problem);
    } else if new_password != new_password_again {
        errors.add("new_password_again", Problem::PasswordsDiffer);
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let address = client_address(&state.trusted_proxies).await;
    repo::reserve_attempt(&state.db, &actor.email, &address).await?;
    let stored = repo::find_by_email(&state.db, &actor.email).await?.map(|u| u.password_hash);
    if !hashing::verify(current_password, stored).await? {
        errors.add("current_password", Problem::WrongCredentials);
        return Err(AppError::Invalid(errors));
    }
    repo::forgive_failures(&state.db, &actor.email, &address).await?;
    let hash = hashing::hash(new_password).await?;
    repo::set_password(&state.db, actor.id, hash).await?;
    repo::end_all_sessions(&state.db, actor.id).await?;
    repo::start_session(&state.db, &crate::accounts::actor::session().await?, actor.id).await?;
    tracing::info!(user_id = actor.id, "password changed; other sessions ended");
    leptos_axum::redirect("/account?password=changed");
    Ok(())
}

/// Ends every session of the signed-in user, on every device, this one included.
#[server(prefix = "/api", endpoint = "sign_out_everywhere")]
pub async fn sign_out_everywhere() -> Result<(), AppError> {
    use crate::accounts::repo;
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    repo::end_all_sessions(&state.db, actor.id).await?;
    repo::end_session(&crate::accounts::actor::session().await?).await?;
    tracing::info!(user_id = actor.id, "signed out everywhere");
    leptos_axum::redirect("/signin?signed_out=everywhere");
    Ok(())
}

/// `next` if it is a path on this site, for redirects: it starts with one
/// `/`, and holds no control character, no backslash and no percent-encoded
/// slash, backslash or control character. Browsers drop tabs and newlines
/// from addresses and read `\\` as `/`, so `/\t/evil.example` or
/// `/\\evil.example` would leave the site; CR/LF would end the header.
/// Characters beyond ASCII come back percent-encoded, as a header needs them.
pub fn local_path(next: Option<&str>) -> Option<String> {
    const MAX: usize = 2000;
    let next = next?;
    let plain = next.starts_with('/') && !next.starts_with("//") && next.len() <= MAX && !next.chars().any(|c| c.is_control() || c == '\\');
    if !plain || has_encoded_separator(next) {
        return None;
    }
    let mut path = String::with_capacity(next.len());
    for c in next.chars() {
        if c.is_ascii() {
            path.push(c);
        } else {
            let mut utf8 = [0; 4];
            for byte in c.encode_utf8(&mut utf8).bytes() {
                path.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    Some(path)
}

/// Whether `path` percent-encodes a slash, a backslash or a control character.
fn has_encoded_separator(path: &str) -> bool {
    let bytes = path.as_bytes();
    bytes.windows(3).any(|w| {
        w[0] == b'%'
            && std::str::from_utf8(&w[1..])
                .ok()
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
                .is_some_and(|b| b < 0x20 || b == 0x7f || b == b'/' || b == b'\\')
    })
}

/// The client's address, for the sign-in throttle: the peer, or behind a
/// trusted proxy the address it names (`net::client_address`).
#[cfg(feature = "ssr")]
pub async fn client_address(trusted: &[std::net::IpAddr]) -> String {
    use std::net::SocketAddr;
    let Ok(axum::extract::ConnectInfo(peer)) = leptos_axum::extract::<axum::extract::ConnectInfo<SocketAddr>>().await else {
        return "unknown".into();
    };
    let headers = leptos_axum::extract::<http::HeaderMap>().await.unwrap_or_default();
    let forwarded: Vec<&str> = headers.get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).collect();
    crate::net::client_address(peer.ip(), &forwarded, trusted).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(local_path(Some("/belts?province=shandong")).as_deref(), Some("/belts?province=shandong"));
        assert_eq!(local_path(Some("/search?q=%E5%81%87%20lashes")).as_deref(), Some("/search?q=%E5%81%87%20lashes"));
        assert_eq!(local_path(Some("/search?q=假")).as_deref(), Some("/search?q=%E5%81%87"));
        for outside in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "account",
            "/\t/evil.example",
            "/%09/evil.example",
            "/%2F/evil.example",
            "/%2f%2fevil.example",
            "/%5Cevil.example",
            "/a\r\nSet-Cookie: x=1",
            "/a%0d%0aSet-Cookie: x=1",
            "",
        ] {
            assert_eq!(local_path(Some(outside)), None, "{outside:?}");
        }
    }

    proptest::proptest! {
        /// Whatever is accepted is a valid header value that a browser reads
        /// as a path on this site.
        #[test]
        fn accepted_paths_stay_on_the_site(next in "[/\\\\%\t\r\n 0-9a-fA-F.:?=&假]{0,30}") {
            if let Some(path) = local_path(Some(&next)) {
                proptest::prop_assert!(http::HeaderValue::from_str(&path).is_ok());
                let cleaned: String = path.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
                proptest::prop_assert!(cleaned.starts_with('/') && !cleaned.starts_with("//") && !cleaned.contains('\\'));
            }
        }
    }
}
