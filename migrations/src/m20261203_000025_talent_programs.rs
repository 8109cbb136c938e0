//! Talent programs: training camps, order classes, competitions and job fairs.
//!
//! - `talent_programs`: a program as its organiser wrote it. Who may apply is
//!   `talent::types::ProgramEligibility` as JSON; the languages it is taught
//!   in and the belts it serves are JSON lists of codes and slugs (a program
//!   has a handful of each, and the lists are read whole).
//! - `talent_program_companies`: the organisations taking part (a job fair's
//!   employers, an order class's hiring firms), linked so their pages can say so.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum TalentPrograms {
    Table,
    Id,
    Slug,
    OrganiserId,
    Kind,
    TitleZh,
    TitleEn,
    SummaryZh,
    SummaryEn,
    Province,
    CityZh,
    CityEn,
    VenueZh,
    VenueEn,
    StartsOn,
    EndsOn,
    ApplicationsClose,
    Seats,
    CostZh,
    CostEn,
    Subsidised,
    CurriculumZh,
    CurriculumEn,
    InstructionLanguages,
    BeltSlugs,
    Eligibility,
    IsDemo,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum TalentProgramCompanies {
    Table,
    Id,
    ProgramId,
    OrganisationId,
}

#[derive(DeriveIden)]
enum Organisations {
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
                    .table(TalentPrograms::Table)
                    .if_not_exists()
                    .col(pk_auto(TalentPrograms::Id))
                    .col(string_len_uniq(TalentPrograms::Slug, 80))
                    .col(integer(TalentPrograms::OrganiserId))
                    .col(string_len(TalentPrograms::Kind, 24))
                    .col(text(TalentPrograms::TitleZh))
                    .col(text(TalentPrograms::TitleEn))
                    .col(text(TalentPrograms::SummaryZh))
                    .col(text(TalentPrograms::SummaryEn))
                    .col(string_len(TalentPrograms::Province, 32))
                    .col(text(TalentPrograms::CityZh))
                    .col(text(TalentPrograms::CityEn))
                    .col(text(TalentPrograms::VenueZh))
                    .col(text(TalentPrograms::VenueEn))
                    .col(date(TalentPrograms::StartsOn))
                    .col(date(TalentPrograms::EndsOn))
                    .col(date(TalentPrograms::ApplicationsClose))
                    .col(integer_null(TalentPrograms::Seats))
                    .col(text(TalentPrograms::CostZh))
                    .col(text(TalentPrograms::CostEn))
                    .col(boolean(TalentPrograms::Subsidised))
                    .col(text(TalentPrograms::CurriculumZh))
                    .col(text(TalentPrograms::CurriculumEn))
                    .col(text(TalentPrograms::InstructionLanguages))
                    .col(text(TalentPrograms::BeltSlugs))
                    .col(text(TalentPrograms::Eligibility))
                    .col(boolean(TalentPrograms::IsDemo))
                    .col(integer_null(TalentPrograms::CreatedBy))
                    .col(timestamp_with_time_zone(TalentPrograms::CreatedAt))
                    .col(timestamp_with_time_zone(TalentPrograms::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(TalentPrograms::Table, TalentPrograms::OrganiserId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(TalentPrograms::Table, TalentPrograms::CreatedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_talent_programs_starts_on").table(TalentPrograms::Table).col(TalentPrograms::StartsOn).to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TalentProgramCompanies::Table)
                    .if_not_exists()
                    .col(pk_auto(TalentProgramCompanies::Id))
                    .col(integer(TalentProgramCompanies::ProgramId))
                    .col(integer(TalentProgramCompanies::OrganisationId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(TalentProgramCompanies::Table, TalentProgramCompanies::ProgramId)
                            .to(TalentPrograms::Table, TalentPrograms::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(TalentProgramCompanies::Table, TalentProgramCompanies::OrganisationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_talent_program_companies_pair")
                    .table(TalentProgramCompanies::Table)
                    .col(TalentProgramCompanies::ProgramId)
                    .col(TalentProgramCompanies::OrganisationId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_talent_program_companies_org")
                    .table(TalentProgramCompanies::Table)
                    .col(TalentProgramCompanies::OrganisationId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(TalentProgramCompanies::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(TalentPrograms::Table).to_owned()).await
    }
}
