//! Associations as the articles describe them: secretariats in several
//! cities, professional committees with a chair and members, and firms
//! applying to join (an admin approves, or declines with a reason).
//!
//! - `secretariats`: the cities an association keeps an office in.
//! - `committees`: one per kind and association; the chair is a member firm.
//! - `committee_members`: member firms assigned to a committee.
//! - `membership_applications`: a firm's request to join, and the decision.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Secretariats {
    Table,
    Id,
    AssociationId,
    CityZh,
    CityEn,
    Position,
}

#[derive(DeriveIden)]
enum Committees {
    Table,
    Id,
    AssociationId,
    Kind,
    ChairOrganisationId,
}

#[derive(DeriveIden)]
enum CommitteeMembers {
    Table,
    CommitteeId,
    OrganisationId,
}

#[derive(DeriveIden)]
enum MembershipApplications {
    Table,
    Id,
    AssociationId,
    OrganisationId,
    AppliedBy,
    Message,
    Status,
    Reason,
    DecidedBy,
    CreatedAt,
    DecidedAt,
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
                    .table(Secretariats::Table)
                    .if_not_exists()
                    .col(pk_auto(Secretariats::Id))
                    .col(integer(Secretariats::AssociationId))
                    .col(text(Secretariats::CityZh))
                    .col(text(Secretariats::CityEn))
                    .col(integer(Secretariats::Position))
                    .foreign_key(&mut to_org((Secretariats::Table, Secretariats::AssociationId), ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Committees::Table)
                    .if_not_exists()
                    .col(pk_auto(Committees::Id))
                    .col(integer(Committees::AssociationId))
                    .col(string_len(Committees::Kind, 24))
                    .col(integer_null(Committees::ChairOrganisationId))
                    .foreign_key(&mut to_org((Committees::Table, Committees::AssociationId), ForeignKeyAction::Cascade))
                    .foreign_key(&mut to_org((Committees::Table, Committees::ChairOrganisationId), ForeignKeyAction::SetNull))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_committees_association_kind")
                    .table(Committees::Table)
                    .col(Committees::AssociationId)
                    .col(Committees::Kind)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CommitteeMembers::Table)
                    .if_not_exists()
                    .col(integer(CommitteeMembers::CommitteeId))
                    .col(integer(CommitteeMembers::OrganisationId))
                    .primary_key(Index::create().col(CommitteeMembers::CommitteeId).col(CommitteeMembers::OrganisationId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(CommitteeMembers::Table, CommitteeMembers::CommitteeId)
                            .to(Committees::Table, Committees::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut to_org((CommitteeMembers::Table, CommitteeMembers::OrganisationId), ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MembershipApplications::Table)
                    .if_not_exists()
                    .col(pk_auto(MembershipApplications::Id))
                    .col(integer(MembershipApplications::AssociationId))
                    .col(integer(MembershipApplications::OrganisationId))
                    .col(integer_null(MembershipApplications::AppliedBy))
                    .col(text(MembershipApplications::Message))
                    .col(string_len(MembershipApplications::Status, 16))
                    .col(text(MembershipApplications::Reason))
                    .col(integer_null(MembershipApplications::DecidedBy))
                    .col(timestamp_with_time_zone(MembershipApplications::CreatedAt))
                    .col(timestamp_with_time_zone_null(MembershipApplications::DecidedAt))
                    .foreign_key(&mut to_org(
                        (MembershipApplications::Table, MembershipApplications::AssociationId),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut to_org(
                        (MembershipApplications::Table, MembershipApplications::OrganisationId),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut to_user((MembershipApplications::Table, MembershipApplications::AppliedBy)))
                    .foreign_key(&mut to_user((MembershipApplications::Table, MembershipApplications::DecidedBy)))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_membership_applications_association_status")
                    .table(MembershipApplications::Table)
                    .col(MembershipApplications::AssociationId)
                    .col(MembershipApplications::Status)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            MembershipApplications::Table.into_iden(),
            CommitteeMembers::Table.into_iden(),
            Committees::Table.into_iden(),
            Secretariats::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
