//! Organisations of every kind: manufacturers, platforms, service providers,
//! associations and schools.

pub mod api;
pub mod pages;
pub mod rules;
pub mod types;

#[cfg(feature = "ssr")]
pub mod repo;
