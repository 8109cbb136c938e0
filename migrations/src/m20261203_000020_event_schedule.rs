//! The meeting schedule of an event and each participant's calendar feed.
//!
//! - `event_meetings`: an accepted meeting request placed at a slot and a
//!   table (both numbered from 0); one per request.
//! - `events.schedule_run`: what the organisers' last scheduling run did, as JSON.
//! - `event_registrations.calendar_token`: the secret in a participant's
//!   calendar subscription address; a new one revokes the old.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum EventMeetings {
    Table,
    Id,
    EventId,
    RequestId,
    Slot,
    TableNo,
    ScheduledAt,
}

#[derive(DeriveIden)]
enum Events {
    Table,
    Id,
    ScheduleRun,
}

#[derive(DeriveIden)]
enum EventRegistrations {
    Table,
    CalendarToken,
}

#[derive(DeriveIden)]
enum MeetingRequests {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(EventMeetings::Table)
                    .if_not_exists()
                    .col(pk_auto(EventMeetings::Id))
                    .col(integer(EventMeetings::EventId))
                    .col(integer(EventMeetings::RequestId).unique_key())
                    .col(integer(EventMeetings::Slot))
                    .col(integer(EventMeetings::TableNo))
                    .col(timestamp_with_time_zone(EventMeetings::ScheduledAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(EventMeetings::Table, EventMeetings::EventId)
                            .to(Events::Table, Events::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(EventMeetings::Table, EventMeetings::RequestId)
                            .to(MeetingRequests::Table, MeetingRequests::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_event_meetings_event").table(EventMeetings::Table).col(EventMeetings::EventId).to_owned(),
            )
            .await?;
        manager.alter_table(Table::alter().table(Events::Table).add_column(text_null(Events::ScheduleRun)).to_owned()).await?;
        manager
            .alter_table(
                Table::alter()
                    .table(EventRegistrations::Table)
                    .add_column(string_len_null(EventRegistrations::CalendarToken, 64))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_event_registrations_calendar_token")
                    .table(EventRegistrations::Table)
                    .col(EventRegistrations::CalendarToken)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name("idx_event_registrations_calendar_token").table(EventRegistrations::Table).to_owned())
            .await?;
        manager
            .alter_table(Table::alter().table(EventRegistrations::Table).drop_column(EventRegistrations::CalendarToken).to_owned())
            .await?;
        manager.alter_table(Table::alter().table(Events::Table).drop_column(Events::ScheduleRun).to_owned()).await?;
        manager.drop_table(Table::drop().table(EventMeetings::Table).to_owned()).await
    }
}
