//! Matchmaking events run by associations: registration, meeting requests,
//! the schedule, the day itself and its outcomes.
//!
//! - `schedule`: pure — placing accepted meeting requests at slot × table.

pub mod schedule;
