//! A manufacturer's supply profile: what it makes, how much, how fast, for
//! which markets. Lists of codes (certifications, markets, models, platforms,
//! languages) are kept as comma-separated text, valid values living in the
//! application's domain types, so the schema stays portable. `verified_fields`
//! names the fields a verifier has checked; the others are self-declared.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SupplyProfiles {
    Table,
    Id,
    OrganisationId,
    Status,
    ProductsZh,
    ProductsEn,
    MoqValue,
    MoqUnit,
    CapacityValue,
    CapacityUnit,
    LeadTimeDays,
    SamplePolicy,
    PriceBand,
    Certifications,
    CertificationsOther,
    ExportMarkets,
    BusinessModels,
    Platforms,
    Languages,
    FloorAreaM2,
    OverseasWarehouse,
    OverseasWarehouseWhere,
    VerifiedFields,
    VerifiedBy,
    VerifiedAt,
    IsDemo,
    CreatedAt,
    UpdatedAt,
    UpdatedBy,
    PublishedAt,
}

#[derive(DeriveIden)]
enum SupplyProfileCategories {
    Table,
    ProfileId,
    CategoryId,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Categories {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SupplyProfiles::Table)
                    .if_not_exists()
                    .col(pk_auto(SupplyProfiles::Id))
                    .col(integer_uniq(SupplyProfiles::OrganisationId))
                    .col(string_len(SupplyProfiles::Status, 16))
                    .col(text(SupplyProfiles::ProductsZh))
                    .col(text(SupplyProfiles::ProductsEn))
                    .col(big_integer_null(SupplyProfiles::MoqValue))
                    .col(string_len_null(SupplyProfiles::MoqUnit, 16))
                    .col(big_integer_null(SupplyProfiles::CapacityValue))
                    .col(string_len_null(SupplyProfiles::CapacityUnit, 16))
                    .col(integer_null(SupplyProfiles::LeadTimeDays))
                    .col(string_len_null(SupplyProfiles::SamplePolicy, 16))
                    .col(string_len_null(SupplyProfiles::PriceBand, 16))
                    .col(string_len(SupplyProfiles::Certifications, 200))
                    .col(string_len(SupplyProfiles::CertificationsOther, 200))
                    .col(string_len(SupplyProfiles::ExportMarkets, 400))
                    .col(string_len(SupplyProfiles::BusinessModels, 40))
                    .col(string_len(SupplyProfiles::Platforms, 200))
                    .col(string_len(SupplyProfiles::Languages, 100))
                    .col(integer_null(SupplyProfiles::FloorAreaM2))
                    .col(boolean(SupplyProfiles::OverseasWarehouse).default(false))
                    .col(string_len(SupplyProfiles::OverseasWarehouseWhere, 200))
                    .col(string_len(SupplyProfiles::VerifiedFields, 400))
                    .col(string_len_null(SupplyProfiles::VerifiedBy, 120))
                    .col(timestamp_with_time_zone_null(SupplyProfiles::VerifiedAt))
                    .col(boolean(SupplyProfiles::IsDemo).default(false))
                    .col(timestamp_with_time_zone(SupplyProfiles::CreatedAt))
                    .col(timestamp_with_time_zone(SupplyProfiles::UpdatedAt))
                    .col(integer_null(SupplyProfiles::UpdatedBy))
                    .col(timestamp_with_time_zone_null(SupplyProfiles::PublishedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_supply_profiles_organisation")
                            .from(SupplyProfiles::Table, SupplyProfiles::OrganisationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_supply_profiles_status").table(SupplyProfiles::Table).col(SupplyProfiles::Status).to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SupplyProfileCategories::Table)
                    .if_not_exists()
                    .col(integer(SupplyProfileCategories::ProfileId))
                    .col(integer(SupplyProfileCategories::CategoryId))
                    .primary_key(Index::create().col(SupplyProfileCategories::ProfileId).col(SupplyProfileCategories::CategoryId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_supply_profile_categories_profile")
                            .from(SupplyProfileCategories::Table, SupplyProfileCategories::ProfileId)
                            .to(SupplyProfiles::Table, SupplyProfiles::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_supply_profile_categories_category")
                            .from(SupplyProfileCategories::Table, SupplyProfileCategories::CategoryId)
                            .to(Categories::Table, Categories::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [SupplyProfileCategories::Table.into_iden(), SupplyProfiles::Table.into_iden()] {
            manager.drop_table(Table::drop().table(table).if_exists().to_owned()).await?;
        }
        Ok(())
    }
}
