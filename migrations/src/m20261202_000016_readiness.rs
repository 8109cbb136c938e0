//! Platform-fit readiness.
//!
//! - `supply_profiles` gains the facts platforms ask about and the profile
//!   did not hold yet: own factory, the year exporting began, an annual sales
//!   band, third-party test reports, and the markets an overseas warehouse
//!   delivers to (ISO codes, comma-separated like the other lists).
//! - `platform_criteria`: one platform's supplier criteria, one row per
//!   platform organisation; lists of codes and slugs as comma-separated text.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SupplyProfiles {
    Table,
    WarehouseMarkets,
    OwnFactory,
    ExportingSince,
    AnnualSales,
    TestReports,
}

#[derive(DeriveIden)]
enum PlatformCriteria {
    Table,
    Id,
    OrganisationId,
    OwnFactory,
    MinFloorAreaM2,
    Certifications,
    WarehouseMarkets,
    MinExportYears,
    BusinessLicence,
    TestReports,
    MinAnnualSales,
    CategorySlugs,
    BeltSlugs,
    NotesZh,
    NotesEn,
    IsDemo,
    UpdatedAt,
    UpdatedBy,
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
        // SQLite adds one column per statement.
        let columns = [
            text(SupplyProfiles::WarehouseMarkets).default("").to_owned(),
            boolean_null(SupplyProfiles::OwnFactory),
            integer_null(SupplyProfiles::ExportingSince),
            string_len_null(SupplyProfiles::AnnualSales, 16),
            text(SupplyProfiles::TestReports).default("").to_owned(),
        ];
        for column in columns {
            manager.alter_table(Table::alter().table(SupplyProfiles::Table).add_column(column).to_owned()).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(PlatformCriteria::Table)
                    .if_not_exists()
                    .col(pk_auto(PlatformCriteria::Id))
                    .col(integer_uniq(PlatformCriteria::OrganisationId))
                    .col(boolean(PlatformCriteria::OwnFactory))
                    .col(integer_null(PlatformCriteria::MinFloorAreaM2))
                    .col(text(PlatformCriteria::Certifications))
                    .col(text(PlatformCriteria::WarehouseMarkets))
                    .col(integer_null(PlatformCriteria::MinExportYears))
                    .col(boolean(PlatformCriteria::BusinessLicence))
                    .col(boolean(PlatformCriteria::TestReports))
                    .col(string_len_null(PlatformCriteria::MinAnnualSales, 16))
                    .col(text(PlatformCriteria::CategorySlugs))
                    .col(text(PlatformCriteria::BeltSlugs))
                    .col(text(PlatformCriteria::NotesZh))
                    .col(text(PlatformCriteria::NotesEn))
                    .col(boolean(PlatformCriteria::IsDemo))
                    .col(timestamp_with_time_zone(PlatformCriteria::UpdatedAt))
                    .col(integer_null(PlatformCriteria::UpdatedBy))
                    .foreign_key(
                        ForeignKey::create()
                            .from(PlatformCriteria::Table, PlatformCriteria::OrganisationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(PlatformCriteria::Table, PlatformCriteria::UpdatedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(PlatformCriteria::Table).to_owned()).await?;
        for column in [
            SupplyProfiles::WarehouseMarkets,
            SupplyProfiles::OwnFactory,
            SupplyProfiles::ExportingSince,
            SupplyProfiles::AnnualSales,
            SupplyProfiles::TestReports,
        ] {
            manager.alter_table(Table::alter().table(SupplyProfiles::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
