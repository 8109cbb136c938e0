//! Teams: the people of an organisation as owners, editors and viewers;
//! invitations by email, changing roles, removing people and leaving.

pub mod api;
pub mod pages;
pub mod policy;
pub mod texts;
pub mod types;

#[cfg(feature = "ssr")]
pub mod letters;
#[cfg(feature = "ssr")]
pub mod repo;
