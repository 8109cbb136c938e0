//! Outgoing email. Every message is written to the mail outbox in the same
//! transaction as the change it tells of, and delivered afterwards: by SMTP
//! when `BELTLINK_SMTP_URL` is set, otherwise into the local mailbox a site
//! admin reads at `/admin/mail`, so the product works with nothing else set up.

pub mod api;
pub mod pages;
pub mod policy;
pub mod texts;
pub mod types;

#[cfg(feature = "ssr")]
pub mod outbox;
#[cfg(feature = "ssr")]
pub mod transport;
