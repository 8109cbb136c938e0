//! A service provider's offerings: what it does (logistics channel, overseas
//! warehouse, finance, …), for which markets and belts, on what terms.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ServiceOfferings {
    Table,
    Id,
    OrganisationId,
    ServiceType,
    TitleZh,
    TitleEn,
    DescriptionZh,
    DescriptionEn,
    TermsZh,
    TermsEn,
    Markets,
    Published,
    IsDemo,
    CreatedAt,
    UpdatedAt,
    UpdatedBy,
}

#[derive(DeriveIden)]
enum ServiceOfferingBelts {
    Table,
    OfferingId,
    BeltId,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Belts {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ServiceOfferings::Table)
                    .if_not_exists()
                    .col(pk_auto(ServiceOfferings::Id))
                    .col(integer(ServiceOfferings::OrganisationId))
                    .col(string_len(ServiceOfferings::ServiceType, 32))
                    .col(string_len(ServiceOfferings::TitleZh, 120))
                    .col(string_len(ServiceOfferings::TitleEn, 120))
                    .col(text(ServiceOfferings::DescriptionZh))
                    .col(text(ServiceOfferings::DescriptionEn))
                    .col(text(ServiceOfferings::TermsZh))
                    .col(text(ServiceOfferings::TermsEn))
                    .col(string_len(ServiceOfferings::Markets, 400))
                    .col(boolean(ServiceOfferings::Published).default(false))
                    .col(boolean(ServiceOfferings::IsDemo).default(false))
                    .col(timestamp_with_time_zone(ServiceOfferings::CreatedAt))
                    .col(timestamp_with_time_zone(ServiceOfferings::UpdatedAt))
                    .col(integer_null(ServiceOfferings::UpdatedBy))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_service_offerings_organisation")
                            .from(ServiceOfferings::Table, ServiceOfferings::OrganisationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_service_offerings_organisation")
                    .table(ServiceOfferings::Table)
                    .col(ServiceOfferings::OrganisationId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ServiceOfferingBelts::Table)
                    .if_not_exists()
                    .col(integer(ServiceOfferingBelts::OfferingId))
                    .col(integer(ServiceOfferingBelts::BeltId))
                    .primary_key(Index::create().col(ServiceOfferingBelts::OfferingId).col(ServiceOfferingBelts::BeltId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_service_offering_belts_offering")
                            .from(ServiceOfferingBelts::Table, ServiceOfferingBelts::OfferingId)
                            .to(ServiceOfferings::Table, ServiceOfferings::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_service_offering_belts_belt")
                            .from(ServiceOfferingBelts::Table, ServiceOfferingBelts::BeltId)
                            .to(Belts::Table, Belts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [ServiceOfferingBelts::Table.into_iden(), ServiceOfferings::Table.into_iden()] {
            manager.drop_table(Table::drop().table(table).if_exists().to_owned()).await?;
        }
        Ok(())
    }
}
