//! The admin's view of sent mail.

use leptos::prelude::*;

use crate::error::AppError;
use crate::mail::types::Mailbox;

/// The newest 200 messages. Site admins (`mail::policy::may_read_mailbox`).
#[server(prefix = "/api", endpoint = "read_mailbox")]
pub async fn read_mailbox() -> Result<Mailbox, AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::accounts::actor::require(&state.db).await?;
    if !crate::mail::policy::may_read_mailbox(&actor) {
        return Err(AppError::Forbidden);
    }
    crate::mail::outbox::mailbox(&state.db, state.mail.transport.is_smtp(), 200).await
}
