//! Organisations of every kind: manufacturers, platforms, service providers,
//! associations and schools.

pub mod api;
pub mod approval_pages;
pub mod pages;
pub mod policy;
pub mod rules;
pub mod texts;
pub mod types;

#[cfg(feature = "ssr")]
pub mod approvals;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod verifications;
