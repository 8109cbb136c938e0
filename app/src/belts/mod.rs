//! Industrial belts: the directory, one belt's page and its map.

pub mod api;
mod china_map;
pub mod map;
pub mod pages;
pub mod types;

#[cfg(feature = "ssr")]
pub mod repo;
