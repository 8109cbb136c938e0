//! Moderation by site admins: hiding and restoring organisations, revoking
//! verifications, merging duplicates, reviewing look-alike names and users'
//! reports, and the audit trail of it all.

pub mod api;
pub mod pages;
pub mod policy;
pub mod types;

#[cfg(feature = "ssr")]
pub mod repo;
