//! Sign-up, sign-in, sign-out and the account overview. Each server function
//! checks who is calling itself; nothing relies on what the page shows.

use leptos::prelude::*;

use crate::accounts::types::{AccountOverview, CurrentUser as User};
use crate::error::AppError;

pub const PASSWORD_MIN: usize = 10;
pub const PASSWORD_MAX: usize = 128;
pub const DISPLAY_NAME_MAX: usize = 80;

/// Creates an account and signs it in. Anyone signed out may call it.
#[server(prefix = "/api", endpoint = "sign_up")]
pub async fn sign_up(
    email: String,
    display_name: String,
    role: String,
    password: String,
    password_again: String,
) -> Result<(), AppError> {
    use crate::accounts::{password as hashing, repo, types::Role};
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
    let length = password.chars().count();
    if length < PASSWORD_MIN {
        errors.add("password", Problem::TooShort { min: PASSWORD_MIN });
    } else if length > PASSWORD_MAX {
        errors.add("password", Problem::TooLong { max: PASSWORD_MAX });
    } else if password != password_again {
        errors.add("password_again", Problem::PasswordsDiffer);
    }
    if errors.problem("email").is_none() && repo::find_by_email(&state.db, &email).await?.is_some() {
        errors.add("email", Problem::EmailTaken);
    }
    let Some(role) = role.filter(|_| errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };

    let hash = hashing::hash(password).await?;
    let Some(user_id) = repo::create_user(&state.db, &email, &display_name, hash, role).await? else {
        errors.add("email", Problem::EmailTaken);
        return Err(AppError::Invalid(errors));
    };
    repo::start_session(&repo::session().await?, user_id).await?;
    leptos_axum::redirect("/account");
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
    }
    if password.is_empty() {
        errors.add("password", Problem::Required);
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let address = client_address().await;
    repo::throttle_check(&state.db, &email, &address).await?;

    let found = repo::find_by_email(&state.db, &email).await?;
    let matches = hashing::verify(password, found.as_ref().map(|u| u.password_hash.clone())).await?;
    let Some(user) = found.filter(|_| matches) else {
        repo::record_failure(&state.db, &email, &address).await?;
        errors.add("password", Problem::WrongCredentials);
        return Err(AppError::Invalid(errors));
    };
    repo::forgive_failures(&state.db, &email, &address).await?;
    repo::record_sign_in(&state.db, user.id).await?;
    repo::start_session(&repo::session().await?, user.id).await?;
    leptos_axum::redirect(&local_path(next.as_deref()).unwrap_or("/account"));
    Ok(())
}

/// Ends the session. Harmless when signed out.
#[server(prefix = "/api", endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::accounts::repo;
    repo::end_session(&repo::session().await?).await?;
    leptos_axum::redirect("/");
    Ok(())
}

/// Who is signed in, if anyone. Public.
#[server(prefix = "/api", endpoint = "current_user")]
pub async fn current_user() -> Result<Option<User>, AppError> {
    use crate::accounts::repo;
    let state = crate::state::app_state()?;
    repo::signed_in(&state.db, &repo::session().await?).await
}

/// The signed-in user's account. Signed-in users only.
#[server(prefix = "/api", endpoint = "my_account")]
pub async fn my_account() -> Result<AccountOverview, AppError> {
    use crate::accounts::repo;
    let state = crate::state::app_state()?;
    let user = repo::require_user(&state.db).await?;
    repo::overview(&state.db, user).await
}

/// `next` if it is a path on this site (no scheme, no `//host`), for redirects.
pub fn local_path(next: Option<&str>) -> Option<&str> {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.contains('\\'))
}

/// The peer address of this request, for the sign-in throttle.
#[cfg(feature = "ssr")]
async fn client_address() -> String {
    use std::net::SocketAddr;
    match leptos_axum::extract::<axum::extract::ConnectInfo<SocketAddr>>().await {
        Ok(axum::extract::ConnectInfo(addr)) => addr.ip().to_string(),
        Err(_) => "unknown".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(local_path(Some("/belts?province=shandong")), Some("/belts?province=shandong"));
        for outside in ["https://evil.example", "//evil.example", "/\\evil.example", "account"] {
            assert_eq!(local_path(Some(outside)), None, "{outside}");
        }
    }
}
