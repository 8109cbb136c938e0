//! Platform scouting: briefs from platforms' category managers, and the
//! suppliers that fit them, ranked with the reasons and the gaps.
//!
//! So far the pure core: honest unit comparison (`units`) and the
//! documented, deterministic score (`score`).

pub mod score;
pub mod units;
