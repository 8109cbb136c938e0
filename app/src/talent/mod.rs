//! Talent programs (training camps, order classes, competitions, job fairs)
//! and the graduates who join them.
//!
//! - `matching` and `rules`: pure (a program's requirements judged against a
//!   graduate's profile and the "for you" ranking; reading the program form).
//! - `policy`: pure, who may publish and change programs.
//! - `repo`: programs and the companies taking part, in the database.
//! - `applications`: pure, where an application stands and what a decision,
//!   a withdrawal or a lapsed offer does to it and to the seats;
//!   `application_repo` and `application_api` keep and serve them.
//! - `marks_repo`: the employers graduates want to meet at job fairs.
//! - `api`: the server functions; `pages` and `texts`: what people see.

pub mod api;
pub mod application_api;
pub mod application_pages;
#[cfg(feature = "ssr")]
pub mod application_repo;
pub mod applications;
#[cfg(feature = "ssr")]
pub mod marks_repo;
pub mod matching;
pub mod pages;
pub mod policy;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod rules;
pub mod texts;
pub mod types;
