//! Meeting requests between an event's participants, and the slots each
//! participant cannot attend.
//!
//! - `meeting_requests`: one registered firm asks another, on the other side,
//!   for a meeting with a note; the other accepts or declines; an organiser's
//!   priority meeting is accepted from the start.
//! - `event_registrations.unavailable_slots`: slot numbers, comma-joined.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum MeetingRequests {
    Table,
    Id,
    EventId,
    FromRegistrationId,
    ToRegistrationId,
    Note,
    Status,
    Priority,
    CreatedBy,
    AnsweredBy,
    CreatedAt,
    AnsweredAt,
}

#[derive(DeriveIden)]
enum EventRegistrations {
    Table,
    Id,
    UnavailableSlots,
}

#[derive(DeriveIden)]
enum Events {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

fn to_registration(column: MeetingRequests) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(MeetingRequests::Table, column)
        .to(EventRegistrations::Table, EventRegistrations::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

fn to_user(column: MeetingRequests) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(MeetingRequests::Table, column).to(Users::Table, Users::Id).on_delete(ForeignKeyAction::SetNull).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(EventRegistrations::Table)
                    .add_column(text(EventRegistrations::UnavailableSlots).default(""))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MeetingRequests::Table)
                    .if_not_exists()
                    .col(pk_auto(MeetingRequests::Id))
                    .col(integer(MeetingRequests::EventId))
                    .col(integer(MeetingRequests::FromRegistrationId))
                    .col(integer(MeetingRequests::ToRegistrationId))
                    .col(text(MeetingRequests::Note))
                    .col(string_len(MeetingRequests::Status, 16))
                    .col(boolean(MeetingRequests::Priority))
                    .col(integer_null(MeetingRequests::CreatedBy))
                    .col(integer_null(MeetingRequests::AnsweredBy))
                    .col(timestamp_with_time_zone(MeetingRequests::CreatedAt))
                    .col(timestamp_with_time_zone_null(MeetingRequests::AnsweredAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(MeetingRequests::Table, MeetingRequests::EventId)
                            .to(Events::Table, Events::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut to_registration(MeetingRequests::FromRegistrationId))
                    .foreign_key(&mut to_registration(MeetingRequests::ToRegistrationId))
                    .foreign_key(&mut to_user(MeetingRequests::CreatedBy))
                    .foreign_key(&mut to_user(MeetingRequests::AnsweredBy))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_meeting_requests_event").table(MeetingRequests::Table).col(MeetingRequests::EventId).to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(MeetingRequests::Table).to_owned()).await?;
        manager
            .alter_table(Table::alter().table(EventRegistrations::Table).drop_column(EventRegistrations::UnavailableSlots).to_owned())
            .await
    }
}
