//! Shortlists: the suppliers a scout keeps an eye on, in named lists, each
//! with a note and where it stands.
//!
//! - `shortlists`: one person's named list.
//! - `shortlist_entries`: a manufacturer on a list, with a note and a status.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Shortlists {
    Table,
    Id,
    OwnerId,
    Name,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ShortlistEntries {
    Table,
    ShortlistId,
    SupplierId,
    Status,
    Note,
    AddedAt,
    UpdatedAt,
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
                    .table(Shortlists::Table)
                    .if_not_exists()
                    .col(pk_auto(Shortlists::Id))
                    .col(integer(Shortlists::OwnerId))
                    .col(string_len(Shortlists::Name, 400))
                    .col(timestamp_with_time_zone(Shortlists::CreatedAt))
                    .col(timestamp_with_time_zone(Shortlists::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Shortlists::Table, Shortlists::OwnerId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("idx_shortlists_owner").table(Shortlists::Table).col(Shortlists::OwnerId).to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ShortlistEntries::Table)
                    .if_not_exists()
                    .col(integer(ShortlistEntries::ShortlistId))
                    .col(integer(ShortlistEntries::SupplierId))
                    .col(string_len(ShortlistEntries::Status, 24))
                    .col(text(ShortlistEntries::Note))
                    .col(timestamp_with_time_zone(ShortlistEntries::AddedAt))
                    .col(timestamp_with_time_zone(ShortlistEntries::UpdatedAt))
                    .primary_key(Index::create().col(ShortlistEntries::ShortlistId).col(ShortlistEntries::SupplierId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ShortlistEntries::Table, ShortlistEntries::ShortlistId)
                            .to(Shortlists::Table, Shortlists::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ShortlistEntries::Table, ShortlistEntries::SupplierId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ShortlistEntries::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Shortlists::Table).to_owned()).await?;
        Ok(())
    }
}
