//! Database schema for Beltlink, as sea-orm migrations.
//!
//! The schema is portable between SQLite (the default) and PostgreSQL: only
//! column types both support, no JSON operators, enums stored as short strings
//! whose valid values live in the application's domain types.

pub use sea_orm_migration::prelude::*;

mod m20261122_000001_directory;
mod m20261122_000002_search_outbox;
mod m20261122_000003_accounts;
mod m20261122_000004_supply_profiles;
mod m20261122_000005_service_offerings;
mod m20261122_000006_supply_profile_photos;
mod m20261122_000007_association_members;
mod m20261122_000008_search_dead_letters;
mod m20261125_000009_granted_roles;
mod m20261125_000010_mail_and_notifications;
mod m20261125_000011_teams;
mod m20261125_000012_moderation;
mod m20261202_000013_briefs;
mod m20261202_000014_inquiries;
mod m20261202_000015_shortlists;
mod m20261202_000016_readiness;
mod m20261203_000017_associations;
mod m20261203_000018_events;
mod m20261203_000019_meeting_requests;
mod m20261203_000020_event_schedule;
mod m20261203_000021_event_day;
mod m20261203_000022_meeting_outcomes;
mod m20261203_000023_event_reminders;
mod m20261203_000024_policy_notices;
mod m20261203_000025_talent_programs;
mod m20261203_000026_graduate_profiles;
mod m20261203_000027_program_applications;
mod m20261203_000028_employer_marks;
mod m20261203_000029_graduate_cvs;
mod m20261203_000030_competition_teams;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_directory::Migration),
            Box::new(m20261122_000002_search_outbox::Migration),
            Box::new(m20261122_000003_accounts::Migration),
            Box::new(m20261122_000004_supply_profiles::Migration),
            Box::new(m20261122_000005_service_offerings::Migration),
            Box::new(m20261122_000006_supply_profile_photos::Migration),
            Box::new(m20261122_000007_association_members::Migration),
            Box::new(m20261122_000008_search_dead_letters::Migration),
            Box::new(m20261125_000009_granted_roles::Migration),
            Box::new(m20261125_000010_mail_and_notifications::Migration),
            Box::new(m20261125_000011_teams::Migration),
            Box::new(m20261125_000012_moderation::Migration),
            Box::new(m20261202_000013_briefs::Migration),
            Box::new(m20261202_000014_inquiries::Migration),
            Box::new(m20261202_000015_shortlists::Migration),
            Box::new(m20261202_000016_readiness::Migration),
            Box::new(m20261203_000017_associations::Migration),
            Box::new(m20261203_000018_events::Migration),
            Box::new(m20261203_000019_meeting_requests::Migration),
            Box::new(m20261203_000020_event_schedule::Migration),
            Box::new(m20261203_000021_event_day::Migration),
            Box::new(m20261203_000022_meeting_outcomes::Migration),
            Box::new(m20261203_000023_event_reminders::Migration),
            Box::new(m20261203_000024_policy_notices::Migration),
            Box::new(m20261203_000025_talent_programs::Migration),
            Box::new(m20261203_000026_graduate_profiles::Migration),
            Box::new(m20261203_000027_program_applications::Migration),
            Box::new(m20261203_000028_employer_marks::Migration),
            Box::new(m20261203_000029_graduate_cvs::Migration),
            Box::new(m20261203_000030_competition_teams::Migration),
        ]
    }
}
