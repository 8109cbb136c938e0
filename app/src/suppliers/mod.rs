//! Manufacturers' supply profiles: what a factory makes, how much, how fast
//! and for which markets, with each field marked self-declared or verified.

pub mod api;
pub mod markets;
pub mod pages;
pub mod photos;
pub mod rules;
pub mod types;

#[cfg(feature = "ssr")]
pub mod photo_store;
#[cfg(feature = "ssr")]
pub mod repo;
