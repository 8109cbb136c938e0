//! Integration tests through the real router, on real SQLite files, a real
//! PostgreSQL and real Meilisearch processes. One binary for all of them:
//! each test binary links the whole server, so eleven of them cost minutes
//! of linking and gigabytes of disk.

mod common;

mod accounts;
mod applications;
mod approvals;
mod associations;
mod chinese;
mod competition_teams;
mod cvs;
mod dashboards;
mod data;
mod discovery;
mod events;
mod faults;
mod fuzz;
mod hostile;
mod imports;
mod inquiries;
mod mail;
mod managed_meilisearch;
mod moderation;
mod notifications;
mod offerings;
mod organisations;
mod page_cache;
mod pages;
mod photos;
mod policies;
mod programs;
mod readiness;
mod relevance;
mod scouting;
mod search_sync;
mod security;
mod shortlists;
mod suppliers;
mod teams;
