//! Teams and renamed organisations.
//!
//! - Members are owners, editors or viewers; the old `member` role could
//!   edit, so it becomes `editor`.
//! - `invitations`: an owner invites someone by email with a role. The link
//!   is stored only as a SHA-256 digest; an invitation expires, is used once
//!   and can be revoked.
//! - `organisation_slugs`: an organisation's former addresses, so links made
//!   before a rename still lead to it (and no other organisation takes them).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Memberships {
    Table,
    Role,
}

#[derive(DeriveIden)]
enum Invitations {
    Table,
    Id,
    OrganisationId,
    Email,
    Role,
    TokenHash,
    InvitedBy,
    CreatedAt,
    ExpiresAt,
    AcceptedAt,
    AcceptedBy,
    RevokedAt,
}

#[derive(DeriveIden)]
enum OrganisationSlugs {
    Table,
    Slug,
    OrganisationId,
    RetiredAt,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let rename = Query::update()
            .table(Memberships::Table)
            .value(Memberships::Role, "editor")
            .and_where(Expr::col(Memberships::Role).eq("member"))
            .to_owned();
        manager.exec_stmt(rename).await?;
        manager
            .create_table(
                Table::create()
                    .table(Invitations::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Invitations::Id))
                    .col(integer(Invitations::OrganisationId))
                    .col(string_len(Invitations::Email, 254))
                    .col(string_len(Invitations::Role, 16))
                    .col(string_len_uniq(Invitations::TokenHash, 64))
                    .col(integer_null(Invitations::InvitedBy))
                    .col(timestamp_with_time_zone(Invitations::CreatedAt))
                    .col(timestamp_with_time_zone(Invitations::ExpiresAt))
                    .col(timestamp_with_time_zone_null(Invitations::AcceptedAt))
                    .col(integer_null(Invitations::AcceptedBy))
                    .col(timestamp_with_time_zone_null(Invitations::RevokedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Invitations::Table, Invitations::OrganisationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_invitations_organisation")
                    .table(Invitations::Table)
                    .col(Invitations::OrganisationId)
                    .col(Invitations::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OrganisationSlugs::Table)
                    .if_not_exists()
                    .col(string_len(OrganisationSlugs::Slug, 80).primary_key())
                    .col(integer(OrganisationSlugs::OrganisationId))
                    .col(timestamp_with_time_zone(OrganisationSlugs::RetiredAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(OrganisationSlugs::Table, OrganisationSlugs::OrganisationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(OrganisationSlugs::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Invitations::Table).to_owned()).await?;
        let rename = Query::update()
            .table(Memberships::Table)
            .value(Memberships::Role, "member")
            .and_where(Expr::col(Memberships::Role).is_in(["editor", "viewer"]))
            .to_owned();
        manager.exec_stmt(rename).await?;
        Ok(())
    }
}
