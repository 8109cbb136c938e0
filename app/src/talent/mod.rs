//! Talent programs (training camps, order classes, competitions, job fairs)
//! and the graduates who join them.
//!
//! - `matching`: pure (a program's requirements judged against a
//!   graduate's profile, and the "for you" ranking with its reasons).
//!
//! Programs, graduate profiles, applications and their pages come next
//! (issue 20); the matching they will use is here and benchmarked.

pub mod matching;
pub mod types;
