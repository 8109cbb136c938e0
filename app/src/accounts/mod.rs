//! Accounts: sign-up, sign-in, sessions, roles and memberships.

pub mod api;
pub mod pages;
pub mod recovery;
pub mod rules;
pub mod throttle;
pub mod types;

#[cfg(feature = "ssr")]
pub mod actor;
#[cfg(feature = "ssr")]
pub mod letters;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod session_store;
#[cfg(feature = "ssr")]
pub mod tokens;
