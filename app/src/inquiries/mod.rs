//! Inquiries: a buyer writes to a manufacturer and the two carry on in a
//! private thread (open → replied → sample requested → quoted → closed won
//! or lost), each side with an inbox and unread counts; limits and blocking
//! keep firms from being flooded. First replies make the firm's reply record
//! (`crate::reply_time`).
//!
//! - `rules`, `policy`: pure (texts, steps, limits; who may do what);
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
