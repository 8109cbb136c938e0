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
//! - `cv`: pure, what makes an uploaded CV acceptable and how it is written
//!   afresh; `cv_store` keeps the files.
//! - `marks_repo`: the employers graduates want to meet at job fairs.
//! - `teams`: pure, competition teams' names, links, size and when they
//!   change; `team_repo`, `team_api` and `team_pages` keep and show them.
//! - `api`: the server functions; `pages` and `texts`: what people see.

pub mod api;
pub mod application_api;
pub mod application_pages;
#[cfg(feature = "ssr")]
pub mod application_repo;
pub mod applications;
pub mod cv;
#[cfg(feature = "ssr")]
pub mod cv_store;
#[cfg(feature = "ssr")]
pub mod marks_repo;
pub mod matching;
pub mod pages;
pub mod policy;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod rules;
pub mod team_api;
pub mod team_pages;
#[cfg(feature = "ssr")]
pub mod team_repo;
pub mod teams;
pub mod texts;
pub mod types;
