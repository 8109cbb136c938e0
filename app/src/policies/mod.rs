//! Policy notices: association admins and site admins publish notices
//! (issuer, region, benefit, amount, deadline, source, and who is eligible
//! as structured rules); the eligibility engine matches them to
//! manufacturers and service providers, which see the notices they qualify
//! for with the reasons and those they nearly qualify for with exactly what
//! is missing ("policy finds the enterprise").
//!
//! - `eligibility`: pure (the rules, judging them, the fit);
//! - `rules`: pure (reading the notice form);
//! - `policy`: pure (who publishes, edits and sees matches);
//! - `repo`: the data layer (server only);
//! - `api`: server functions; `pages` and `texts`: what is shown.

pub mod api;
pub mod eligibility;
pub mod pages;
pub mod policy;
pub mod rules;
pub mod texts;
pub mod types;

#[cfg(feature = "ssr")]
pub mod repo;
