//! Moderation by site admins.
//!
//! - `organisations.hidden_*`: a hidden organisation is kept, with who hid
//!   it and why, but shown nowhere public and found by no search.
//! - `organisations.review_reason`: why it was flagged for a look (a name
//!   like a platform's or another organisation's), until an admin clears it.
//! - `organisations.merged_into`: a duplicate folded into another; its
//!   address leads there.
//! - `verifications.revoked`: a row that withdraws the verification before
//!   it (with the reason as its evidence); the record stays append-only.
//! - `reports`: what users report about an organisation, queued for admins.
//! - `audit_entries`: every site admin action, who, when, what and why.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
    HiddenAt,
    HiddenBy,
    HiddenReason,
    ReviewReason,
    MergedInto,
}

#[derive(DeriveIden)]
enum Verifications {
    Table,
    Revoked,
}

#[derive(DeriveIden)]
enum Reports {
    Table,
    Id,
    OrganisationId,
    ReporterId,
    Reason,
    Details,
    CreatedAt,
    ResolvedAt,
    ResolvedBy,
    Resolution,
}

#[derive(DeriveIden)]
enum AuditEntries {
    Table,
    Id,
    ActorId,
    ActorName,
    Action,
    OrganisationId,
    Subject,
    Reason,
    CreatedAt,
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
        for column in [
            ColumnDef::new(Organisations::HiddenAt).timestamp_with_time_zone().null().to_owned(),
            ColumnDef::new(Organisations::HiddenBy).integer().null().to_owned(),
            ColumnDef::new(Organisations::HiddenReason).text().null().to_owned(),
            ColumnDef::new(Organisations::ReviewReason).string_len(300).null().to_owned(),
            ColumnDef::new(Organisations::MergedInto).integer().null().to_owned(),
        ] {
            let mut column = column;
            manager.alter_table(Table::alter().table(Organisations::Table).add_column(&mut column).to_owned()).await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Verifications::Table)
                    .add_column(ColumnDef::new(Verifications::Revoked).boolean().not_null().default(false))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Reports::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Reports::Id))
                    .col(integer(Reports::OrganisationId))
                    .col(integer_null(Reports::ReporterId))
                    .col(string_len(Reports::Reason, 32))
                    .col(text(Reports::Details))
                    .col(timestamp_with_time_zone(Reports::CreatedAt))
                    .col(timestamp_with_time_zone_null(Reports::ResolvedAt))
                    .col(integer_null(Reports::ResolvedBy))
                    .col(string_len_null(Reports::Resolution, 32))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Reports::Table, Reports::OrganisationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Reports::Table, Reports::ReporterId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_reports_open").table(Reports::Table).col(Reports::ResolvedAt).col(Reports::CreatedAt).to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AuditEntries::Table)
                    .if_not_exists()
                    .col(big_pk_auto(AuditEntries::Id))
                    .col(integer_null(AuditEntries::ActorId))
                    .col(string_len(AuditEntries::ActorName, 120))
                    .col(string_len(AuditEntries::Action, 32))
                    .col(integer_null(AuditEntries::OrganisationId))
                    .col(string_len(AuditEntries::Subject, 300))
                    .col(text(AuditEntries::Reason))
                    .col(timestamp_with_time_zone(AuditEntries::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_audit_entries_created").table(AuditEntries::Table).col(AuditEntries::CreatedAt).to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(AuditEntries::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Reports::Table).to_owned()).await?;
        manager.alter_table(Table::alter().table(Verifications::Table).drop_column(Verifications::Revoked).to_owned()).await?;
        for column in [
            Organisations::MergedInto,
            Organisations::ReviewReason,
            Organisations::HiddenReason,
            Organisations::HiddenBy,
            Organisations::HiddenAt,
        ] {
            manager.alter_table(Table::alter().table(Organisations::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
