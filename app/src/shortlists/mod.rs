//! Shortlists: a scout's named lists of suppliers, each with a stage and a
//! note, exported as CSV (`server::exports`) and printable.
//!
//! - `rules`, `policy`: pure (names, notes, limits; a list is its keeper's);
//! - `repo`: the data layer (server only);
//! - `api`: server functions; `pages` and `texts`: what is shown.

pub mod api;
pub mod pages;
pub mod policy;
pub mod rules;
pub mod texts;
pub mod types;

#[cfg(feature = "ssr")]
pub mod repo;
