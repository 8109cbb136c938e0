//! Documents Meilisearch refused (a bad `_geo`, say): kept with the reason
//! for site admins instead of being retried forever or dropped. One row per
//! entity; a later successful delivery removes it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SearchDeadLetter {
    Table,
    Id,
    EntityKind,
    EntityId,
    Reason,
    FailedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SearchDeadLetter::Table)
                    .if_not_exists()
                    .col(pk_auto(SearchDeadLetter::Id))
                    .col(string_len(SearchDeadLetter::EntityKind, 32))
                    .col(integer(SearchDeadLetter::EntityId))
                    .col(text(SearchDeadLetter::Reason))
                    .col(timestamp_with_time_zone(SearchDeadLetter::FailedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_search_dead_letter_entity")
                    .table(SearchDeadLetter::Table)
                    .col(SearchDeadLetter::EntityKind)
                    .col(SearchDeadLetter::EntityId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(SearchDeadLetter::Table).if_exists().to_owned()).await
    }
}
