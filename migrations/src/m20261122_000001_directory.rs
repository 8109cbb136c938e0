//! The directory: industrial belts, product categories, headline figures,
//! organisations of every kind and which belts they work in.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Belts {
    Table,
    Id,
    Slug,
    NameZh,
    NameEn,
    Province,
    CityZh,
    CityEn,
    CountyZh,
    CountyEn,
    Latitude,
    Longitude,
    SummaryZh,
    SummaryEn,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Categories {
    Table,
    Id,
    Slug,
    NameZh,
    NameEn,
    ParentId,
}

#[derive(DeriveIden)]
enum BeltCategories {
    Table,
    BeltId,
    CategoryId,
}

#[derive(DeriveIden)]
enum BeltFigures {
    Table,
    Id,
    BeltId,
    Metric,
    Value,
    AtLeast,
    Year,
    Source,
    Position,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
    Slug,
    Kind,
    NameZh,
    NameEn,
    DescriptionZh,
    DescriptionEn,
    Province,
    CityZh,
    CityEn,
    Source,
    IsDemo,
    VerifiedAt,
    VerifiedBy,
    VerificationEvidence,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum BeltOrganisations {
    Table,
    BeltId,
    OrganisationId,
    Role,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Belts::Table)
                    .if_not_exists()
                    .col(pk_auto(Belts::Id))
                    .col(string_len_uniq(Belts::Slug, 80))
                    .col(string_len(Belts::NameZh, 120))
                    .col(string_len(Belts::NameEn, 160))
                    .col(string_len(Belts::Province, 32))
                    .col(string_len(Belts::CityZh, 64))
                    .col(string_len(Belts::CityEn, 64))
                    .col(string_len_null(Belts::CountyZh, 64))
                    .col(string_len_null(Belts::CountyEn, 64))
                    .col(double(Belts::Latitude))
                    .col(double(Belts::Longitude))
                    .col(text(Belts::SummaryZh))
                    .col(text(Belts::SummaryEn))
                    .col(timestamp_with_time_zone(Belts::CreatedAt))
                    .col(timestamp_with_time_zone(Belts::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager.create_index(Index::create().name("idx_belts_province").table(Belts::Table).col(Belts::Province).to_owned()).await?;

        manager
            .create_table(
                Table::create()
                    .table(Categories::Table)
                    .if_not_exists()
                    .col(pk_auto(Categories::Id))
                    .col(string_len_uniq(Categories::Slug, 80))
                    .col(string_len(Categories::NameZh, 80))
                    .col(string_len(Categories::NameEn, 120))
                    .col(integer_null(Categories::ParentId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_categories_parent")
                            .from(Categories::Table, Categories::ParentId)
                            .to(Categories::Table, Categories::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(BeltCategories::Table)
                    .if_not_exists()
                    .col(integer(BeltCategories::BeltId))
                    .col(integer(BeltCategories::CategoryId))
                    .primary_key(Index::create().col(BeltCategories::BeltId).col(BeltCategories::CategoryId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_belt_categories_belt")
                            .from(BeltCategories::Table, BeltCategories::BeltId)
                            .to(Belts::Table, Belts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_belt_categories_category")
                            .from(BeltCategories::Table, BeltCategories::CategoryId)
                            .to(Categories::Table, Categories::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_belt_categories_category")
                    .table(BeltCategories::Table)
                    .col(BeltCategories::CategoryId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(BeltFigures::Table)
                    .if_not_exists()
                    .col(pk_auto(BeltFigures::Id))
                    .col(integer(BeltFigures::BeltId))
                    .col(string_len(BeltFigures::Metric, 40))
                    .col(big_integer(BeltFigures::Value))
                    .col(boolean(BeltFigures::AtLeast).default(false))
                    .col(integer_null(BeltFigures::Year))
                    .col(string_len(BeltFigures::Source, 200))
                    .col(integer(BeltFigures::Position).default(0))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_belt_figures_belt")
                            .from(BeltFigures::Table, BeltFigures::BeltId)
                            .to(Belts::Table, Belts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("idx_belt_figures_belt").table(BeltFigures::Table).col(BeltFigures::BeltId).to_owned())
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Organisations::Table)
                    .if_not_exists()
                    .col(pk_auto(Organisations::Id))
                    .col(string_len_uniq(Organisations::Slug, 80))
                    .col(string_len(Organisations::Kind, 32))
                    .col(string_len_null(Organisations::NameZh, 160))
                    .col(string_len_null(Organisations::NameEn, 200))
                    .col(text(Organisations::DescriptionZh))
                    .col(text(Organisations::DescriptionEn))
                    .col(string_len_null(Organisations::Province, 32))
                    .col(string_len_null(Organisations::CityZh, 64))
                    .col(string_len_null(Organisations::CityEn, 64))
                    .col(string_len_null(Organisations::Source, 200))
                    .col(boolean(Organisations::IsDemo).default(false))
                    .col(timestamp_with_time_zone_null(Organisations::VerifiedAt))
                    .col(string_len_null(Organisations::VerifiedBy, 120))
                    .col(text_null(Organisations::VerificationEvidence))
                    .col(timestamp_with_time_zone(Organisations::CreatedAt))
                    .col(timestamp_with_time_zone(Organisations::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("idx_organisations_kind").table(Organisations::Table).col(Organisations::Kind).to_owned())
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(BeltOrganisations::Table)
                    .if_not_exists()
                    .col(integer(BeltOrganisations::BeltId))
                    .col(integer(BeltOrganisations::OrganisationId))
                    .col(string_len(BeltOrganisations::Role, 32))
                    .primary_key(Index::create().col(BeltOrganisations::BeltId).col(BeltOrganisations::OrganisationId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_belt_organisations_belt")
                            .from(BeltOrganisations::Table, BeltOrganisations::BeltId)
                            .to(Belts::Table, Belts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_belt_organisations_organisation")
                            .from(BeltOrganisations::Table, BeltOrganisations::OrganisationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_belt_organisations_organisation")
                    .table(BeltOrganisations::Table)
                    .col(BeltOrganisations::OrganisationId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            BeltOrganisations::Table.into_iden(),
            Organisations::Table.into_iden(),
            BeltFigures::Table.into_iden(),
            BeltCategories::Table.into_iden(),
            Categories::Table.into_iden(),
            Belts::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).if_exists().to_owned()).await?;
        }
        Ok(())
    }
}
