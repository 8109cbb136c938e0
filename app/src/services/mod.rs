//! Service providers' offerings: logistics channels, overseas warehouses,
//! finance, customs, tax, legal, supply chain, data and training, with the
//! markets and belts each covers and its terms.

pub mod api;
pub mod pages;
pub mod rules;
pub mod types;

#[cfg(feature = "ssr")]
pub mod repo;
