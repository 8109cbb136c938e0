//! Matchmaking events run by associations: the event and its day, entry
//! criteria per side, registration with a waitlist, meeting requests, the
//! schedule with agendas and calendars, and the day itself — check-in,
//! no-shows, moves and cancellations, each side's outcomes — and the report.
//!
//! - `rules`, `policy`, `registration`, `timetable`, `meetings`, `schedule`,
//!   `scheduling`, `day` and `report`: pure (but `day`'s QR code);
//! - `repo`, `meeting_repo`, `schedule_repo`, `day_repo`, `report_repo` and `calendar`: the data
//!   layer and the calendar file; `api`: server functions; `pages` and `texts`: what is shown.

pub mod api;
pub mod day;
pub mod meetings;
pub mod pages;
pub mod policy;
pub mod registration;
pub mod reminders;
pub mod report;
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
pub mod report_repo;
#[cfg(feature = "ssr")]
pub mod schedule_repo;
