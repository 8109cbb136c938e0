//! What each side of a meeting records after it: no fit, a follow-up, a
//! sample requested or an intent to order, with a note only that side (and
//! the organisers) read. One per side per meeting; the side may change it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum MeetingOutcomes {
    Table,
    Id,
    MeetingId,
    RegistrationId,
    Outcome,
    Note,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden)]
enum EventMeetings {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum EventRegistrations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(MeetingOutcomes::Table)
                    .if_not_exists()
                    .col(pk_auto(MeetingOutcomes::Id))
                    .col(integer(MeetingOutcomes::MeetingId))
                    .col(integer(MeetingOutcomes::RegistrationId))
                    .col(string_len(MeetingOutcomes::Outcome, 24))
                    .col(text(MeetingOutcomes::Note))
                    .col(integer_null(MeetingOutcomes::RecordedBy))
                    .col(timestamp_with_time_zone(MeetingOutcomes::RecordedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(MeetingOutcomes::Table, MeetingOutcomes::MeetingId)
                            .to(EventMeetings::Table, EventMeetings::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(MeetingOutcomes::Table, MeetingOutcomes::RegistrationId)
                            .to(EventRegistrations::Table, EventRegistrations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(MeetingOutcomes::Table, MeetingOutcomes::RecordedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_meeting_outcomes_side")
                    .table(MeetingOutcomes::Table)
                    .col(MeetingOutcomes::MeetingId)
                    .col(MeetingOutcomes::RegistrationId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(MeetingOutcomes::Table).to_owned()).await
    }
}
