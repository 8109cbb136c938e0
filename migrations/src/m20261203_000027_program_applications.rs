//! Applications to talent programs: a graduate's motivation and where the
//! application stands (applied, accepted, waitlisted, offered a freed seat,
//! declined with a reason, withdrawn, or an offer that lapsed). One per
//! person and program. `queued_at` orders the waitlist; `offer_expires_at`
//! is the deadline to confirm a freed seat.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ProgramApplications {
    Table,
    Id,
    ProgramId,
    ApplicantId,
    Motivation,
    Status,
    Reason,
    QueuedAt,
    OfferExpiresAt,
    DecidedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum TalentPrograms {
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
                    .table(ProgramApplications::Table)
                    .if_not_exists()
                    .col(pk_auto(ProgramApplications::Id))
                    .col(integer(ProgramApplications::ProgramId))
                    .col(integer(ProgramApplications::ApplicantId))
                    .col(text(ProgramApplications::Motivation))
                    .col(string_len(ProgramApplications::Status, 16))
                    .col(text(ProgramApplications::Reason))
                    .col(timestamp_with_time_zone_null(ProgramApplications::QueuedAt))
                    .col(timestamp_with_time_zone_null(ProgramApplications::OfferExpiresAt))
                    .col(integer_null(ProgramApplications::DecidedBy))
                    .col(timestamp_with_time_zone(ProgramApplications::CreatedAt))
                    .col(timestamp_with_time_zone(ProgramApplications::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProgramApplications::Table, ProgramApplications::ProgramId)
                            .to(TalentPrograms::Table, TalentPrograms::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProgramApplications::Table, ProgramApplications::ApplicantId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProgramApplications::Table, ProgramApplications::DecidedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("program_applications_one_per_person")
                    .table(ProgramApplications::Table)
                    .col(ProgramApplications::ProgramId)
                    .col(ProgramApplications::ApplicantId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("program_applications_applicant")
                    .table(ProgramApplications::Table)
                    .col(ProgramApplications::ApplicantId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ProgramApplications::Table).to_owned()).await
    }
}
