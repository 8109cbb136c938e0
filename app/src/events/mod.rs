//! Matchmaking events run by associations: the event and its day, entry
//! criteria per side, registration with a waitlist, and (coming in this
//! domain) meeting requests, the schedule, the day itself and its outcomes.
//!
//! - `rules`, `policy`, `registration`, `timetable` and `schedule`: pure;
//! - `repo`: the data layer; `api`: server functions; `pages` and `texts`: what is shown.

pub mod api;
pub mod day;
pub mod meetings;
pub mod pages;
pub mod policy;
pub mod registration;
pub mod rules;
pub mod schedule;
pub mod scheduling;
pub mod texts;
pub mod timetable;
pub mod types;

#[cfg(feature = "ssr")]
pub mod calendar;
#[cfg(feature = "ssr")]
pub mod day_repo;
#[cfg(feature = "ssr")]
pub mod meeting_repo;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod schedule_repo;
