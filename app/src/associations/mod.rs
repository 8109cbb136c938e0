//! Associations and their member firms: the public directory and profile
//! (secretariats, professional committees, members), firms applying to join
//! and the association deciding, the member list, and bulk onboarding from a
//! spreadsheet (import with per-row problems and progress, export in the
//! same format).
//!
//! - `rules` and `policy`: pure; `directory` and `repo`: the data layer;
//! - `api`: server functions; `pages`, `profile_pages` and `texts`: what is shown.

pub mod api;
pub mod member_csv;
pub mod pages;
pub mod policy;
pub mod profile_pages;
pub mod rules;
pub mod texts;
pub mod types;

#[cfg(feature = "ssr")]
pub mod directory;
#[cfg(feature = "ssr")]
pub mod import;
#[cfg(feature = "ssr")]
pub mod repo;
