//! Inquiries: a buyer writes to a manufacturer, and the two talk in a thread.
//!
//! - `inquiries`: one thread, from one person (perhaps writing for an
//!   organisation of theirs) to one manufacturer, perhaps about a brief; its
//!   status, when it was first answered (the reply-time record is made of
//!   these), who spoke last and when each side last read it (unread counts).
//! - `inquiry_messages`: what was said, and status changes, in order.
//! - `inquiry_blocks`: senders a manufacturer no longer hears from.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Inquiries {
    Table,
    Id,
    SenderId,
    SenderOrganisationId,
    SupplierId,
    BriefId,
    Subject,
    Status,
    CreatedAt,
    FirstReplyAt,
    LastMessageAt,
    LastSide,
    BuyerSeenAt,
    SupplierSeenAt,
}

#[derive(DeriveIden)]
enum InquiryMessages {
    Table,
    Id,
    InquiryId,
    AuthorId,
    Side,
    Body,
    StatusTo,
    CreatedAt,
}

#[derive(DeriveIden)]
enum InquiryBlocks {
    Table,
    SupplierId,
    SenderId,
    BlockedBy,
    CreatedAt,
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

#[derive(DeriveIden)]
enum Briefs {
    Table,
    Id,
}

fn to_organisation(table: Inquiries, on_delete: ForeignKeyAction) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(Inquiries::Table, table).to(Organisations::Table, Organisations::Id).on_delete(on_delete).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Inquiries::Table)
                    .if_not_exists()
                    .col(pk_auto(Inquiries::Id))
                    .col(integer(Inquiries::SenderId))
                    .col(integer_null(Inquiries::SenderOrganisationId))
                    .col(integer(Inquiries::SupplierId))
                    .col(integer_null(Inquiries::BriefId))
                    .col(string_len(Inquiries::Subject, 400))
                    .col(string_len(Inquiries::Status, 24))
                    .col(timestamp_with_time_zone(Inquiries::CreatedAt))
                    .col(timestamp_with_time_zone_null(Inquiries::FirstReplyAt))
                    .col(timestamp_with_time_zone(Inquiries::LastMessageAt))
                    .col(string_len(Inquiries::LastSide, 16))
                    .col(timestamp_with_time_zone_null(Inquiries::BuyerSeenAt))
                    .col(timestamp_with_time_zone_null(Inquiries::SupplierSeenAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Inquiries::Table, Inquiries::SenderId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut to_organisation(Inquiries::SenderOrganisationId, ForeignKeyAction::SetNull))
                    .foreign_key(&mut to_organisation(Inquiries::SupplierId, ForeignKeyAction::Cascade))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Inquiries::Table, Inquiries::BriefId)
                            .to(Briefs::Table, Briefs::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        // A manufacturer's inbox and its reply record; a sender's inbox and daily count.
        manager
            .create_index(
                Index::create()
                    .name("idx_inquiries_supplier_created")
                    .table(Inquiries::Table)
                    .col(Inquiries::SupplierId)
                    .col(Inquiries::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_inquiries_sender_created")
                    .table(Inquiries::Table)
                    .col(Inquiries::SenderId)
                    .col(Inquiries::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(InquiryMessages::Table)
                    .if_not_exists()
                    .col(pk_auto(InquiryMessages::Id))
                    .col(integer(InquiryMessages::InquiryId))
                    .col(integer_null(InquiryMessages::AuthorId))
                    .col(string_len(InquiryMessages::Side, 16))
                    .col(text(InquiryMessages::Body))
                    .col(string_len_null(InquiryMessages::StatusTo, 24))
                    .col(timestamp_with_time_zone(InquiryMessages::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(InquiryMessages::Table, InquiryMessages::InquiryId)
                            .to(Inquiries::Table, Inquiries::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(InquiryMessages::Table, InquiryMessages::AuthorId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_inquiry_messages_inquiry")
                    .table(InquiryMessages::Table)
                    .col(InquiryMessages::InquiryId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(InquiryBlocks::Table)
                    .if_not_exists()
                    .col(integer(InquiryBlocks::SupplierId))
                    .col(integer(InquiryBlocks::SenderId))
                    .col(integer_null(InquiryBlocks::BlockedBy))
                    .col(timestamp_with_time_zone(InquiryBlocks::CreatedAt))
                    .primary_key(Index::create().col(InquiryBlocks::SupplierId).col(InquiryBlocks::SenderId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(InquiryBlocks::Table, InquiryBlocks::SupplierId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(InquiryBlocks::Table, InquiryBlocks::SenderId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(InquiryBlocks::Table, InquiryBlocks::BlockedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(InquiryBlocks::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(InquiryMessages::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Inquiries::Table).to_owned()).await?;
        Ok(())
    }
}
