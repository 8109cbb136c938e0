//! Job fairs: the employers a graduate wants to meet there. One row per
//! person, fair and employer; the employer's people see who marked them.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum EmployerMarks {
    Table,
    Id,
    ProgramId,
    OrganisationId,
    UserId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum TalentPrograms {
    Table,
    Id,
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
                    .table(EmployerMarks::Table)
                    .if_not_exists()
                    .col(pk_auto(EmployerMarks::Id))
                    .col(integer(EmployerMarks::ProgramId))
                    .col(integer(EmployerMarks::OrganisationId))
                    .col(integer(EmployerMarks::UserId))
                    .col(timestamp_with_time_zone(EmployerMarks::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(EmployerMarks::Table, EmployerMarks::ProgramId)
                            .to(TalentPrograms::Table, TalentPrograms::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(EmployerMarks::Table, EmployerMarks::OrganisationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(EmployerMarks::Table, EmployerMarks::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("employer_marks_once")
                    .table(EmployerMarks::Table)
                    .col(EmployerMarks::ProgramId)
                    .col(EmployerMarks::OrganisationId)
                    .col(EmployerMarks::UserId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(EmployerMarks::Table).to_owned()).await
    }
}
