//! Policy notices ("policy finds the enterprise").
//!
//! - `policy_notices`: a notice as its publisher wrote it; who it is for is
//!   `policies::types::Eligibility` as JSON, with the province also in its
//!   own column to filter by. `publisher_id` is the association that
//!   published it (`NULL`: a site admin, for Beltlink).
//! - `policy_notice_matches`: which organisations were told a notice fits
//!   them, so an edited notice tells only those it newly fits.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PolicyNotices {
    Table,
    Id,
    Slug,
    PublisherId,
    TitleZh,
    TitleEn,
    IssuerZh,
    IssuerEn,
    SummaryZh,
    SummaryEn,
    Benefit,
    AmountZh,
    AmountEn,
    Deadline,
    SourceUrl,
    Province,
    Eligibility,
    IsDemo,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum PolicyNoticeMatches {
    Table,
    Id,
    NoticeId,
    OrganisationId,
    ToldAt,
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
        manager
            .create_table(
                Table::create()
                    .table(PolicyNotices::Table)
                    .if_not_exists()
                    .col(pk_auto(PolicyNotices::Id))
                    .col(string_len_uniq(PolicyNotices::Slug, 80))
                    .col(integer_null(PolicyNotices::PublisherId))
                    .col(text(PolicyNotices::TitleZh))
                    .col(text(PolicyNotices::TitleEn))
                    .col(text(PolicyNotices::IssuerZh))
                    .col(text(PolicyNotices::IssuerEn))
                    .col(text(PolicyNotices::SummaryZh))
                    .col(text(PolicyNotices::SummaryEn))
                    .col(string_len(PolicyNotices::Benefit, 24))
                    .col(text(PolicyNotices::AmountZh))
                    .col(text(PolicyNotices::AmountEn))
                    .col(date_null(PolicyNotices::Deadline))
                    .col(text(PolicyNotices::SourceUrl))
                    .col(string_len_null(PolicyNotices::Province, 32))
                    .col(text(PolicyNotices::Eligibility))
                    .col(boolean(PolicyNotices::IsDemo))
                    .col(integer_null(PolicyNotices::CreatedBy))
                    .col(timestamp_with_time_zone(PolicyNotices::CreatedAt))
                    .col(timestamp_with_time_zone(PolicyNotices::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(PolicyNotices::Table, PolicyNotices::PublisherId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(PolicyNotices::Table, PolicyNotices::CreatedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_policy_notices_deadline").table(PolicyNotices::Table).col(PolicyNotices::Deadline).to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PolicyNoticeMatches::Table)
                    .if_not_exists()
                    .col(pk_auto(PolicyNoticeMatches::Id))
                    .col(integer(PolicyNoticeMatches::NoticeId))
                    .col(integer(PolicyNoticeMatches::OrganisationId))
                    .col(timestamp_with_time_zone(PolicyNoticeMatches::ToldAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(PolicyNoticeMatches::Table, PolicyNoticeMatches::NoticeId)
                            .to(PolicyNotices::Table, PolicyNotices::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(PolicyNoticeMatches::Table, PolicyNoticeMatches::OrganisationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_policy_notice_matches_pair")
                    .table(PolicyNoticeMatches::Table)
                    .col(PolicyNoticeMatches::NoticeId)
                    .col(PolicyNoticeMatches::OrganisationId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(PolicyNoticeMatches::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(PolicyNotices::Table).to_owned()).await
    }
}
