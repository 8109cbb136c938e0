//! A graduate's CV: one PDF per person, stored as a file under a random name
//! in the media directory; the row says whose it is and what it holds.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum GraduateCvs {
    Table,
    Id,
    UserId,
    FileName,
    ByteSize,
    Pages,
    UploadedAt,
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
                    .table(GraduateCvs::Table)
                    .if_not_exists()
                    .col(pk_auto(GraduateCvs::Id))
                    .col(integer_uniq(GraduateCvs::UserId))
                    .col(string_len_uniq(GraduateCvs::FileName, 64))
                    .col(integer(GraduateCvs::ByteSize))
                    .col(integer(GraduateCvs::Pages))
                    .col(timestamp_with_time_zone(GraduateCvs::UploadedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(GraduateCvs::Table, GraduateCvs::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(GraduateCvs::Table).to_owned()).await
    }
}
