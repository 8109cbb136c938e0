//! The event's day: who arrived, and meetings the organisers cancelled.
//!
//! - `event_registrations.checked_in_at`: when the firm's people arrived (checked in by an organiser).
//! - `event_meetings.cancelled_at`: an organiser cancelled the meeting on the day; reruns leave it out.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum EventRegistrations {
    Table,
    CheckedInAt,
}

#[derive(DeriveIden)]
enum EventMeetings {
    Table,
    CancelledAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(EventRegistrations::Table)
                    .add_column(timestamp_with_time_zone_null(EventRegistrations::CheckedInAt))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter().table(EventMeetings::Table).add_column(timestamp_with_time_zone_null(EventMeetings::CancelledAt)).to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table(EventMeetings::Table).drop_column(EventMeetings::CancelledAt).to_owned()).await?;
        manager.alter_table(Table::alter().table(EventRegistrations::Table).drop_column(EventRegistrations::CheckedInAt).to_owned()).await
    }
}
