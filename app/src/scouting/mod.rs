//! Platform scouting: briefs from platforms' category managers, and the
//! suppliers that fit them, ranked with the reasons and the gaps.
//!
//! - `units`, `score`, `rules`, `policy`: pure (comparison, score, form
//!   rules, who may do what);
//! - `repo` and `matching`: the data layer (server only);
//! - `api`: server functions; `pages` and `texts`: what is shown.

pub mod api;
pub mod pages;
pub mod policy;
pub mod rules;
pub mod score;
pub mod texts;
pub mod types;
pub mod units;

#[cfg(feature = "ssr")]
pub mod matching;
#[cfg(feature = "ssr")]
pub mod repo;
