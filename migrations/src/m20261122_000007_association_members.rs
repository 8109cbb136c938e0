//! An association's member firms, and the member imports it runs: each
//! import is a job whose progress and per-row problems are kept for the page
//! that follows it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AssociationMembers {
    Table,
    AssociationId,
    OrganisationId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ImportJobs {
    Table,
    Id,
    AssociationId,
    UserId,
    Status,
    TotalRows,
    DoneRows,
    Created,
    Updated,
    Failed,
    Problems,
    CreatedAt,
    FinishedAt,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AssociationMembers::Table)
                    .if_not_exists()
                    .col(integer(AssociationMembers::AssociationId))
                    .col(integer(AssociationMembers::OrganisationId))
                    .col(timestamp_with_time_zone(AssociationMembers::CreatedAt))
                    .primary_key(Index::create().col(AssociationMembers::AssociationId).col(AssociationMembers::OrganisationId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_association_members_association")
                            .from(AssociationMembers::Table, AssociationMembers::AssociationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_association_members_member")
                            .from(AssociationMembers::Table, AssociationMembers::OrganisationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ImportJobs::Table)
                    .if_not_exists()
                    .col(pk_auto(ImportJobs::Id))
                    .col(integer(ImportJobs::AssociationId))
                    .col(integer(ImportJobs::UserId))
                    .col(string_len(ImportJobs::Status, 16))
                    .col(integer(ImportJobs::TotalRows))
                    .col(integer(ImportJobs::DoneRows))
                    .col(integer(ImportJobs::Created))
                    .col(integer(ImportJobs::Updated))
                    .col(integer(ImportJobs::Failed))
                    .col(text(ImportJobs::Problems))
                    .col(timestamp_with_time_zone(ImportJobs::CreatedAt))
                    .col(timestamp_with_time_zone_null(ImportJobs::FinishedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_import_jobs_association")
                            .from(ImportJobs::Table, ImportJobs::AssociationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [ImportJobs::Table.into_iden(), AssociationMembers::Table.into_iden()] {
            manager.drop_table(Table::drop().table(table).if_exists().to_owned()).await?;
        }
        Ok(())
    }
}
