//! Platform-fit readiness: each platform organisation publishes its supplier
//! criteria as structured rules; a manufacturer sees, per platform, which it
//! meets (and whether verified), which it does not, and what to do next,
//! including the service providers in or serving its belt that offer what
//! is missing.
//!
//! - `rules`: pure (reading the criteria form, judging a firm against them);
//! - `policy`: pure (who edits criteria, who sees a firm's readiness);
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
