//! Mail as the admin's mailbox page shows it.

use serde::{Deserialize, Serialize};

/// Where a message stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Delivery {
    /// Not sent yet (or waiting to try again).
    Waiting,
    /// Kept in the local mailbox: no SMTP server is configured.
    Local,
    /// Handed to the SMTP server.
    Sent,
    /// Given up on after repeated failures.
    Failed,
}

/// One message in the mailbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailRow {
    pub id: i64,
    pub to: String,
    pub subject: String,
    /// Empty once SMTP has taken the message.
    pub body: String,
    pub created_at: crate::clock::Moment,
    pub delivery: Delivery,
    pub attempts: i32,
    pub last_error: Option<String>,
}

/// The mailbox page's content.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mailbox {
    /// Whether an SMTP server is configured (else every message stays here).
    pub smtp: bool,
    pub messages: Vec<MailRow>,
    pub waiting: u64,
}
