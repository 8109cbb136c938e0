//! Email and notifications.
//!
//! - `mail_messages` is the outbox every email goes through: written in the
//!   same transaction as the change it tells of, delivered afterwards by SMTP
//!   (when configured) or kept in the local mailbox a site admin reads. A
//!   message sent by SMTP keeps its envelope but not its body.
//! - `email_tokens` holds one-time links (confirm an address, reset a
//!   password) as SHA-256 digests only, with their expiry and use.
//! - `users.email_confirmed_at`: when the address was proven.
//! - `notifications` is each user's in-app list (both languages stored, so
//!   the list reads in whichever the viewer uses); `notification_settings`
//!   says which kinds also go by email.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum MailMessages {
    Table,
    Id,
    ToAddress,
    Subject,
    BodyText,
    Purpose,
    CreatedAt,
    DeliveredAt,
    DeliveredVia,
    Attempts,
    NextAttemptAt,
    LastError,
}

#[derive(DeriveIden)]
enum EmailTokens {
    Table,
    Id,
    UserId,
    Purpose,
    TokenHash,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    EmailConfirmedAt,
}

#[derive(DeriveIden)]
enum Notifications {
    Table,
    Id,
    UserId,
    Kind,
    TitleZh,
    TitleEn,
    Link,
    CreatedAt,
    ReadAt,
}

#[derive(DeriveIden)]
enum NotificationSettings {
    Table,
    UserId,
    Kind,
    ByEmail,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(MailMessages::Table)
                    .if_not_exists()
                    .col(big_pk_auto(MailMessages::Id))
                    .col(string_len(MailMessages::ToAddress, 254))
                    .col(string_len(MailMessages::Subject, 300))
                    .col(text(MailMessages::BodyText))
                    .col(string_len(MailMessages::Purpose, 32))
                    .col(timestamp_with_time_zone(MailMessages::CreatedAt))
                    .col(timestamp_with_time_zone_null(MailMessages::DeliveredAt))
                    .col(string_len_null(MailMessages::DeliveredVia, 16))
                    .col(integer(MailMessages::Attempts).default(0))
                    .col(timestamp_with_time_zone(MailMessages::NextAttemptAt))
                    .col(text_null(MailMessages::LastError))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_mail_messages_pending")
                    .table(MailMessages::Table)
                    .col(MailMessages::DeliveredAt)
                    .col(MailMessages::NextAttemptAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EmailTokens::Table)
                    .if_not_exists()
                    .col(big_pk_auto(EmailTokens::Id))
                    .col(integer(EmailTokens::UserId))
                    .col(string_len(EmailTokens::Purpose, 16))
                    .col(string_len_uniq(EmailTokens::TokenHash, 64))
                    .col(timestamp_with_time_zone(EmailTokens::CreatedAt))
                    .col(timestamp_with_time_zone(EmailTokens::ExpiresAt))
                    .col(timestamp_with_time_zone_null(EmailTokens::UsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(EmailTokens::Table, EmailTokens::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_email_tokens_user")
                    .table(EmailTokens::Table)
                    .col(EmailTokens::UserId)
                    .col(EmailTokens::Purpose)
                    .col(EmailTokens::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(ColumnDef::new(Users::EmailConfirmedAt).timestamp_with_time_zone().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Notifications::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Notifications::Id))
                    .col(integer(Notifications::UserId))
                    .col(string_len(Notifications::Kind, 32))
                    .col(string_len(Notifications::TitleZh, 400))
                    .col(string_len(Notifications::TitleEn, 400))
                    .col(string_len(Notifications::Link, 300))
                    .col(timestamp_with_time_zone(Notifications::CreatedAt))
                    .col(timestamp_with_time_zone_null(Notifications::ReadAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Notifications::Table, Notifications::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_notifications_user")
                    .table(Notifications::Table)
                    .col(Notifications::UserId)
                    .col(Notifications::ReadAt)
                    .col(Notifications::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(NotificationSettings::Table)
                    .if_not_exists()
                    .col(integer(NotificationSettings::UserId))
                    .col(string_len(NotificationSettings::Kind, 32))
                    .col(boolean(NotificationSettings::ByEmail))
                    .primary_key(Index::create().col(NotificationSettings::UserId).col(NotificationSettings::Kind))
                    .foreign_key(
                        ForeignKey::create()
                            .from(NotificationSettings::Table, NotificationSettings::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(NotificationSettings::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Notifications::Table).to_owned()).await?;
        manager.alter_table(Table::alter().table(Users::Table).drop_column(Users::EmailConfirmedAt).to_owned()).await?;
        manager.drop_table(Table::drop().table(EmailTokens::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(MailMessages::Table).to_owned()).await?;
        Ok(())
    }
}
