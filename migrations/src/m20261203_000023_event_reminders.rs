//! When an event's reminders went out: the day before, and an hour before it starts.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Events {
    Table,
    RemindedDayBeforeAt,
    RemindedHourBeforeAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter().table(Events::Table).add_column(timestamp_with_time_zone_null(Events::RemindedDayBeforeAt)).to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter().table(Events::Table).add_column(timestamp_with_time_zone_null(Events::RemindedHourBeforeAt)).to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table(Events::Table).drop_column(Events::RemindedHourBeforeAt).to_owned()).await?;
        manager.alter_table(Table::alter().table(Events::Table).drop_column(Events::RemindedDayBeforeAt).to_owned()).await
    }
}
