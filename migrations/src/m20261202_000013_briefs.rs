//! Scouting briefs: what a platform's category manager looks for.
//!
//! - `briefs`: one brief, its needs as codes (lists comma-joined, like a
//!   supply profile's), its state (draft, open, closed with a reason) and
//!   its deadline, after which it closes itself.
//! - `brief_belts`: the belts a brief targets (none: anywhere), and, for a
//!   brief shown only to some, the belts whose firms may see it.
//! - `brief_associations`: the associations whose member firms may see it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Briefs {
    Table,
    Id,
    Slug,
    OrganisationId,
    CreatedBy,
    Status,
    CloseReason,
    TitleZh,
    TitleEn,
    DetailsZh,
    DetailsEn,
    Categories,
    Markets,
    Certifications,
    CapacityValue,
    CapacityUnit,
    CapacityPeriod,
    MaxLeadTimeDays,
    SamplesNeeded,
    BusinessModels,
    PriceBand,
    Restricted,
    Deadline,
    IsDemo,
    CreatedAt,
    UpdatedAt,
    OpenedAt,
    ClosedAt,
}

#[derive(DeriveIden)]
enum BriefBelts {
    Table,
    BriefId,
    BeltId,
    Purpose,
}

#[derive(DeriveIden)]
enum BriefAssociations {
    Table,
    BriefId,
    AssociationId,
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
                    .table(Briefs::Table)
                    .if_not_exists()
                    .col(pk_auto(Briefs::Id))
                    .col(string_len_uniq(Briefs::Slug, 120))
                    .col(integer(Briefs::OrganisationId))
                    .col(integer_null(Briefs::CreatedBy))
                    .col(string_len(Briefs::Status, 16))
                    .col(string_len_null(Briefs::CloseReason, 16))
                    .col(string_len(Briefs::TitleZh, 400))
                    .col(string_len(Briefs::TitleEn, 400))
                    .col(text(Briefs::DetailsZh))
                    .col(text(Briefs::DetailsEn))
                    .col(text(Briefs::Categories))
                    .col(text(Briefs::Markets))
                    .col(text(Briefs::Certifications))
                    .col(big_integer_null(Briefs::CapacityValue))
                    .col(string_len_null(Briefs::CapacityUnit, 16))
                    .col(string_len_null(Briefs::CapacityPeriod, 16))
                    .col(integer_null(Briefs::MaxLeadTimeDays))
                    .col(boolean(Briefs::SamplesNeeded).default(false))
                    .col(text(Briefs::BusinessModels))
                    .col(string_len_null(Briefs::PriceBand, 16))
                    .col(boolean(Briefs::Restricted).default(false))
                    .col(timestamp_with_time_zone(Briefs::Deadline))
                    .col(boolean(Briefs::IsDemo).default(false))
                    .col(timestamp_with_time_zone(Briefs::CreatedAt))
                    .col(timestamp_with_time_zone(Briefs::UpdatedAt))
                    .col(timestamp_with_time_zone_null(Briefs::OpenedAt))
                    .col(timestamp_with_time_zone_null(Briefs::ClosedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Briefs::Table, Briefs::OrganisationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Briefs::Table, Briefs::CreatedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        // Open briefs by deadline: the list, and the sweep that closes expired ones.
        manager
            .create_index(
                Index::create()
                    .name("idx_briefs_status_deadline")
                    .table(Briefs::Table)
                    .col(Briefs::Status)
                    .col(Briefs::Deadline)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("idx_briefs_organisation").table(Briefs::Table).col(Briefs::OrganisationId).to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BriefBelts::Table)
                    .if_not_exists()
                    .col(integer(BriefBelts::BriefId))
                    .col(integer(BriefBelts::BeltId))
                    .col(string_len(BriefBelts::Purpose, 16))
                    .primary_key(Index::create().col(BriefBelts::BriefId).col(BriefBelts::BeltId).col(BriefBelts::Purpose))
                    .foreign_key(
                        ForeignKey::create()
                            .from(BriefBelts::Table, BriefBelts::BriefId)
                            .to(Briefs::Table, Briefs::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(BriefBelts::Table, BriefBelts::BeltId)
                            .to(Belts::Table, Belts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("idx_brief_belts_belt").table(BriefBelts::Table).col(BriefBelts::BeltId).to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BriefAssociations::Table)
                    .if_not_exists()
                    .col(integer(BriefAssociations::BriefId))
                    .col(integer(BriefAssociations::AssociationId))
                    .primary_key(Index::create().col(BriefAssociations::BriefId).col(BriefAssociations::AssociationId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(BriefAssociations::Table, BriefAssociations::BriefId)
                            .to(Briefs::Table, Briefs::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(BriefAssociations::Table, BriefAssociations::AssociationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(BriefAssociations::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(BriefBelts::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Briefs::Table).to_owned()).await?;
        Ok(())
    }
}
