//! Belt dashboards (`/belts/{slug}/dashboard`): a belt's published suppliers
//! counted by category, certification, capacity, export market and
//! verification, its open briefs and how fast its firms answer inquiries,
//! as server-rendered SVG charts each with the same numbers in a table.
//!
//! - `rules`, `policy`: pure (bands, buckets, tallies; who may look);
//! - `repo`: the data layer (server only; `crate::charts` draws);
//! - `api`: the server function; `pages` and `texts`: what is shown.

pub mod api;
pub mod pages;
pub mod policy;
pub mod rules;
pub mod texts;
pub mod types;

#[cfg(feature = "ssr")]
pub mod repo;
