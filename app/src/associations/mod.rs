//! Associations and their member firms: the member list, and bulk
//! onboarding from a spreadsheet (import with per-row problems and progress,
//! export in the same format).

pub mod api;
pub mod member_csv;
pub mod pages;
pub mod types;

#[cfg(feature = "ssr")]
pub mod import;
#[cfg(feature = "ssr")]
pub mod repo;
