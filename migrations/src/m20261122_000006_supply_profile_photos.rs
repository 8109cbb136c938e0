//! Photos of a supply profile. The files live under the data directory; a
//! row holds the name the site gave the file and what the content proved to be.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SupplyProfilePhotos {
    Table,
    Id,
    ProfileId,
    FileName,
    ContentType,
    ByteSize,
    Width,
    Height,
    Caption,
    UploadedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SupplyProfiles {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SupplyProfilePhotos::Table)
                    .if_not_exists()
                    .col(pk_auto(SupplyProfilePhotos::Id))
                    .col(integer(SupplyProfilePhotos::ProfileId))
                    .col(string_len_uniq(SupplyProfilePhotos::FileName, 64))
                    .col(string_len(SupplyProfilePhotos::ContentType, 32))
                    .col(integer(SupplyProfilePhotos::ByteSize))
                    .col(integer(SupplyProfilePhotos::Width))
                    .col(integer(SupplyProfilePhotos::Height))
                    .col(string_len(SupplyProfilePhotos::Caption, 200))
                    .col(integer_null(SupplyProfilePhotos::UploadedBy))
                    .col(timestamp_with_time_zone(SupplyProfilePhotos::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_supply_profile_photos_profile")
                            .from(SupplyProfilePhotos::Table, SupplyProfilePhotos::ProfileId)
                            .to(SupplyProfiles::Table, SupplyProfiles::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_supply_profile_photos_profile")
                    .table(SupplyProfilePhotos::Table)
                    .col(SupplyProfilePhotos::ProfileId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(SupplyProfilePhotos::Table).if_exists().to_owned()).await
    }
}
