//! Discovery through Meilisearch: the shared result types, the search server
//! function and page, and (server only) documents, index settings, the
//! outbox worker, full rebuilds and the managed Meilisearch process.

pub mod admin;
pub mod api;
pub mod pages;
pub mod policy;
pub mod query;
pub mod types;

#[cfg(feature = "ssr")]
pub mod document;
#[cfg(feature = "ssr")]
pub mod drift;
#[cfg(feature = "ssr")]
pub mod fallback;
#[cfg(feature = "ssr")]
pub mod http;
#[cfg(feature = "ssr")]
pub mod managed;
#[cfg(feature = "ssr")]
pub mod outbox;
#[cfg(feature = "ssr")]
pub mod reindex;
#[cfg(feature = "ssr")]
pub mod results;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod sitemap;
#[cfg(feature = "ssr")]
pub mod subwords;
#[cfg(feature = "ssr")]
pub mod synonyms;
