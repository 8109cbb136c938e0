//! Who is making the request being handled. A server function resolves its
//! actor here once and passes it down explicitly: policy functions and the
//! data layer never read the request or the session themselves.

use tower_sessions::Session;

use crate::accounts::repo;
use crate::accounts::types::CurrentUser;
use crate::error::AppError;

/// The session of the request being handled.
pub async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|err| {
        tracing::error!(error = %err, "no session layer on this request");
        AppError::Internal
    })
}

/// The signed-in user, if any.
pub async fn current<C: sea_orm::ConnectionTrait>(db: &C) -> Result<Option<CurrentUser>, AppError> {
    repo::signed_in(db, &session().await?).await
}

/// The signed-in user, or `SignInRequired`.
pub async fn require<C: sea_orm::ConnectionTrait>(db: &C) -> Result<CurrentUser, AppError> {
    current(db).await?.ok_or(AppError::SignInRequired)
}
