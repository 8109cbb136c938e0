//! Accounts: users, their memberships in organisations, server-side sessions
//! and the failed sign-ins the throttle counts.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Email,
    DisplayName,
    PasswordHash,
    Role,
    CreatedAt,
    UpdatedAt,
    LastSignInAt,
}

#[derive(DeriveIden)]
enum Memberships {
    Table,
    UserId,
    OrganisationId,
    Role,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    Data,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum SignInFailures {
    Table,
    Id,
    Email,
    Address,
    FailedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .if_not_exists()
                    .col(pk_auto(Users::Id))
                    .col(string_len_uniq(Users::Email, 254))
                    .col(string_len(Users::DisplayName, 80))
                    .col(string_len(Users::PasswordHash, 200))
                    .col(string_len(Users::Role, 32))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .col(timestamp_with_time_zone(Users::UpdatedAt))
                    .col(timestamp_with_time_zone_null(Users::LastSignInAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Memberships::Table)
                    .if_not_exists()
                    .col(integer(Memberships::UserId))
                    .col(integer(Memberships::OrganisationId))
                    .col(string_len(Memberships::Role, 16))
                    .col(timestamp_with_time_zone(Memberships::CreatedAt))
                    .primary_key(Index::create().col(Memberships::UserId).col(Memberships::OrganisationId))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_memberships_user")
                            .from(Memberships::Table, Memberships::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_memberships_organisation")
                            .from(Memberships::Table, Memberships::OrganisationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_memberships_organisation").table(Memberships::Table).col(Memberships::OrganisationId).to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Sessions::Table)
                    .if_not_exists()
                    .col(string_len(Sessions::Id, 64).primary_key())
                    .col(text(Sessions::Data))
                    .col(timestamp_with_time_zone(Sessions::ExpiresAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("idx_sessions_expires").table(Sessions::Table).col(Sessions::ExpiresAt).to_owned())
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(SignInFailures::Table)
                    .if_not_exists()
                    .col(big_pk_auto(SignInFailures::Id))
                    .col(string_len(SignInFailures::Email, 254))
                    .col(string_len(SignInFailures::Address, 64))
                    .col(timestamp_with_time_zone(SignInFailures::FailedAt))
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_sign_in_failures_email", SignInFailures::Email),
            ("idx_sign_in_failures_address", SignInFailures::Address),
            ("idx_sign_in_failures_at", SignInFailures::FailedAt),
        ] {
            manager.create_index(Index::create().name(name).table(SignInFailures::Table).col(column).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in
            [SignInFailures::Table.into_iden(), Sessions::Table.into_iden(), Memberships::Table.into_iden(), Users::Table.into_iden()]
        {
            manager.drop_table(Table::drop().table(table).if_exists().to_owned()).await?;
        }
        Ok(())
    }
}
