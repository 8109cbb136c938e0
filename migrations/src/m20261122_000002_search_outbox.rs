//! The transactional outbox that carries every change of a searchable entity
//! to Meilisearch. A row is written in the same transaction as the change and
//! deleted only once Meilisearch has confirmed the task.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SearchOutbox {
    Table,
    Id,
    EntityKind,
    EntityId,
    EnqueuedAt,
    Attempts,
    AvailableAt,
    LastError,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SearchOutbox::Table)
                    .if_not_exists()
                    .col(big_pk_auto(SearchOutbox::Id))
                    .col(string_len(SearchOutbox::EntityKind, 32))
                    .col(integer(SearchOutbox::EntityId))
                    .col(timestamp_with_time_zone(SearchOutbox::EnqueuedAt))
                    .col(integer(SearchOutbox::Attempts).default(0))
                    .col(timestamp_with_time_zone(SearchOutbox::AvailableAt))
                    .col(text_null(SearchOutbox::LastError))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_search_outbox_available").table(SearchOutbox::Table).col(SearchOutbox::AvailableAt).to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(SearchOutbox::Table).if_exists().to_owned()).await
    }
}
