//! Matchmaking events an association runs, and the firms registered for them.
//!
//! - `events`: what, when, where, the day's slots (start, end, slot length,
//!   breaks), tables, the registration window, seats and entry criteria per
//!   side (criteria as JSON: `events::types::SideCriteria`), and the status.
//! - `event_registrations`: one firm on one side of one event: accepted,
//!   waiting for a seat, or withdrawn.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Events {
    Table,
    Id,
    Slug,
    AssociationId,
    PlatformId,
    BeltId,
    TitleZh,
    TitleEn,
    DescriptionZh,
    DescriptionEn,
    VenueZh,
    VenueEn,
    CityZh,
    CityEn,
    Latitude,
    Longitude,
    Day,
    StartsAt,
    EndsAt,
    SlotMinutes,
    Breaks,
    Tables,
    RegistrationOpens,
    RegistrationCloses,
    SupplierSeats,
    BuyerSeats,
    SupplierCriteria,
    BuyerCriteria,
    Status,
    IsDemo,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum EventRegistrations {
    Table,
    Id,
    EventId,
    OrganisationId,
    Side,
    Status,
    RegisteredBy,
    CreatedAt,
    UpdatedAt,
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

fn to_org(from: (impl IntoIden, impl IntoIden), on_delete: ForeignKeyAction) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(from.0, from.1).to(Organisations::Table, Organisations::Id).on_delete(on_delete).to_owned()
}

fn to_user(from: (impl IntoIden, impl IntoIden)) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(from.0, from.1).to(Users::Table, Users::Id).on_delete(ForeignKeyAction::SetNull).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Events::Table)
                    .if_not_exists()
                    .col(pk_auto(Events::Id))
                    .col(string_len_uniq(Events::Slug, 160))
                    .col(integer(Events::AssociationId))
                    .col(integer_null(Events::PlatformId))
                    .col(integer_null(Events::BeltId))
                    .col(text(Events::TitleZh))
                    .col(text(Events::TitleEn))
                    .col(text(Events::DescriptionZh))
                    .col(text(Events::DescriptionEn))
                    .col(text(Events::VenueZh))
                    .col(text(Events::VenueEn))
                    .col(text(Events::CityZh))
                    .col(text(Events::CityEn))
                    .col(double_null(Events::Latitude))
                    .col(double_null(Events::Longitude))
                    .col(date(Events::Day))
                    .col(string_len(Events::StartsAt, 5))
                    .col(string_len(Events::EndsAt, 5))
                    .col(integer(Events::SlotMinutes))
                    .col(text(Events::Breaks))
                    .col(integer(Events::Tables))
                    .col(date(Events::RegistrationOpens))
                    .col(date(Events::RegistrationCloses))
                    .col(integer_null(Events::SupplierSeats))
                    .col(integer_null(Events::BuyerSeats))
                    .col(text(Events::SupplierCriteria))
                    .col(text(Events::BuyerCriteria))
                    .col(string_len(Events::Status, 16))
                    .col(boolean(Events::IsDemo))
                    .col(integer_null(Events::CreatedBy))
                    .col(timestamp_with_time_zone(Events::CreatedAt))
                    .col(timestamp_with_time_zone(Events::UpdatedAt))
                    .foreign_key(&mut to_org((Events::Table, Events::AssociationId), ForeignKeyAction::Cascade))
                    .foreign_key(&mut to_org((Events::Table, Events::PlatformId), ForeignKeyAction::SetNull))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Events::Table, Events::BeltId)
                            .to(Belts::Table, Belts::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(&mut to_user((Events::Table, Events::CreatedBy)))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_events_status_day").table(Events::Table).col(Events::Status).col(Events::Day).to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EventRegistrations::Table)
                    .if_not_exists()
                    .col(pk_auto(EventRegistrations::Id))
                    .col(integer(EventRegistrations::EventId))
                    .col(integer(EventRegistrations::OrganisationId))
                    .col(string_len(EventRegistrations::Side, 16))
                    .col(string_len(EventRegistrations::Status, 16))
                    .col(integer_null(EventRegistrations::RegisteredBy))
                    .col(timestamp_with_time_zone(EventRegistrations::CreatedAt))
                    .col(timestamp_with_time_zone(EventRegistrations::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(EventRegistrations::Table, EventRegistrations::EventId)
                            .to(Events::Table, Events::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut to_org((EventRegistrations::Table, EventRegistrations::OrganisationId), ForeignKeyAction::Cascade))
                    .foreign_key(&mut to_user((EventRegistrations::Table, EventRegistrations::RegisteredBy)))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_event_registrations_event_firm")
                    .table(EventRegistrations::Table)
                    .col(EventRegistrations::EventId)
                    .col(EventRegistrations::OrganisationId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(EventRegistrations::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Events::Table).to_owned()).await
    }
}
