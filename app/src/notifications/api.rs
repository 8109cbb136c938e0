//! The signed-in user's notifications. Each server function acts for the
//! caller only (`notifications::policy`).

use leptos::prelude::*;

use crate::error::AppError;
use crate::notifications::types::NotificationList;

/// How many unread notifications the caller has; `None` when signed out. Public.
#[server(prefix = "/api", endpoint = "unread_notifications")]
pub async fn unread_notifications() -> Result<Option<u64>, AppError> {
    let state = crate::state::app_state()?;
    let Some(actor) = crate::accounts::actor::current(&state.db).await? else { return Ok(None) };
    crate::notifications::repo::unread_count(&state.db, actor.id).await.map(Some)
}

/// The caller's newest 100 notifications and email choices. Signed-in users.
#[server(prefix = "/api", endpoint = "my_notifications")]
pub async fn my_notifications() -> Result<NotificationList, AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    crate::notifications::repo::list(&state.db, actor.id, 100).await
}

/// Marks one of the caller's notifications read and goes where it points.
#[server(prefix = "/api", endpoint = "open_notification")]
pub async fn open_notification(id: i64) -> Result<(), AppError> {
    use crate::notifications::{policy, repo};
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let recipient = repo::recipient(&state.db, id).await?.ok_or(AppError::NotFound)?;
    if !policy::may_handle(&actor, recipient) {
        // Someone else's: as if it did not exist.
        return Err(AppError::NotFound);
    }
    let link = repo::open(&state.db, id).await?.ok_or(AppError::NotFound)?;
    leptos_axum::redirect(&crate::accounts::api::local_path(Some(&link)).unwrap_or_else(|| "/notifications".into()));
    Ok(())
}

/// Marks all the caller's notifications read. Signed-in users.
#[server(prefix = "/api", endpoint = "mark_notifications_read")]
pub async fn mark_notifications_read() -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    crate::notifications::repo::mark_all_read(&state.db, actor.id).await?;
    leptos_axum::redirect("/notifications");
    Ok(())
}

/// Which kinds of notification also go by email: the ticked ones. Signed-in users.
#[server(prefix = "/api", endpoint = "save_email_choices")]
pub async fn save_email_choices(by_email: Option<Vec<String>>) -> Result<(), AppError> {
    use crate::notifications::types::NotificationKind;
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    let ticked = by_email.unwrap_or_default();
    if ticked.len() > NotificationKind::ALL.len() {
        return Err(AppError::Malformed("more choices than there are kinds".into()));
    }
    let kinds: Vec<NotificationKind> = ticked.iter().filter_map(|code| NotificationKind::from_code(code)).collect();
    if kinds.len() != ticked.len() {
        return Err(AppError::Malformed("an unknown kind of notification".into()));
    }
    let txn = crate::db::begin_write(&state.db).await?;
    crate::notifications::repo::save_choices(&txn, actor.id, &kinds).await?;
    txn.commit().await?;
    leptos_axum::redirect("/notifications?saved=1#email-settings");
    Ok(())
}
