//! Industrial belts: the directory, one belt's page and its map.

pub mod api;
pub mod map;
mod china_map;
pub mod pages;
pub mod types;

#[cfg(feature = "ssr")]
pub mod repo;
