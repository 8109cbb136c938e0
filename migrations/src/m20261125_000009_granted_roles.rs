//! Powers are granted, not chosen, and verification keeps its history.
//!
//! - An association or school is a request until a site admin approves it
//!   (`approved_at`, `approved_by`); so is each belt an association serves
//!   (the same columns on its belt link). Other organisations need no approval.
//! - A membership is `active` or `pending` (someone asked to help run an
//!   association; its admins or a site admin decide).
//! - `created_by` names the user who created an organisation, by hand or by
//!   an import, so nobody verifies a firm they made.
//! - `verifications` is the append-only record of who verified what, for
//!   which organisation, on what evidence, when. The newest row for an
//!   organisation and subject is the one in force; the columns on
//!   `organisations` and `supply_profiles` keep a copy of it for pages and search.
//!
//! - `sign_up_attempts` records sign-ups per address, for their throttle.
//! - `users.session_epoch` counts "sign out everywhere" (and password
//!   changes): a session signed in under an older epoch is over.
//!
//! Existing data: demo organisations, organisations of the other kinds and
//! associations owned by a site admin are approved; other associations and
//! schools wait for a site admin (their members keep their place, and get
//! their powers back on approval). Verifications made so far move into the
//! history with the name they recorded and no verifier id.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organisations {
    Table,
    ApprovedAt,
    ApprovedBy,
    CreatedBy,
}

#[derive(DeriveIden)]
enum BeltOrganisations {
    Table,
    ApprovedAt,
    ApprovedBy,
}

#[derive(DeriveIden)]
enum Memberships {
    Table,
    Status,
}

#[derive(DeriveIden)]
enum Verifications {
    Table,
    Id,
    OrganisationId,
    Subject,
    Fields,
    Evidence,
    VerifierUserId,
    VerifierOrganisationId,
    VerifierName,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    SessionEpoch,
}

#[derive(DeriveIden)]
enum SignUpAttempts {
    Table,
    Id,
    Address,
    AttemptedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column at a time.
        for column in [
            ColumnDef::new(Organisations::ApprovedAt).timestamp_with_time_zone().null().to_owned(),
            ColumnDef::new(Organisations::ApprovedBy).integer().null().to_owned(),
            ColumnDef::new(Organisations::CreatedBy).integer().null().to_owned(),
        ] {
            let mut column = column;
            manager.alter_table(Table::alter().table(Organisations::Table).add_column(&mut column).to_owned()).await?;
        }
        for column in [
            ColumnDef::new(BeltOrganisations::ApprovedAt).timestamp_with_time_zone().null().to_owned(),
            ColumnDef::new(BeltOrganisations::ApprovedBy).integer().null().to_owned(),
        ] {
            let mut column = column;
            manager.alter_table(Table::alter().table(BeltOrganisations::Table).add_column(&mut column).to_owned()).await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Memberships::Table)
                    .add_column(ColumnDef::new(Memberships::Status).string_len(16).not_null().default("active"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Verifications::Table)
                    .if_not_exists()
                    .col(pk_auto(Verifications::Id))
                    .col(integer(Verifications::OrganisationId))
                    .col(string_len(Verifications::Subject, 16))
                    .col(text(Verifications::Fields))
                    .col(text(Verifications::Evidence))
                    .col(integer_null(Verifications::VerifierUserId))
                    .col(integer_null(Verifications::VerifierOrganisationId))
                    .col(string_len(Verifications::VerifierName, 200))
                    .col(timestamp_with_time_zone(Verifications::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(ColumnDef::new(Users::SessionEpoch).integer().not_null().default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SignUpAttempts::Table)
                    .if_not_exists()
                    .col(big_pk_auto(SignUpAttempts::Id))
                    .col(string_len(SignUpAttempts::Address, 64))
                    .col(timestamp_with_time_zone(SignUpAttempts::AttemptedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_sign_up_attempts_address")
                    .table(SignUpAttempts::Table)
                    .col(SignUpAttempts::Address)
                    .col(SignUpAttempts::AttemptedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_verifications_organisation")
                    .table(Verifications::Table)
                    .col(Verifications::OrganisationId)
                    .col(Verifications::Id)
                    .to_owned(),
            )
            .await?;

        let db = manager.get_connection();
        // Approvals for what was legitimately there.
        db.execute_unprepared(
            "UPDATE organisations SET approved_at = created_at \
             WHERE kind NOT IN ('association', 'school') OR is_demo \
             OR id IN (SELECT m.organisation_id FROM memberships m JOIN users u ON u.id = m.user_id \
                       WHERE m.role = 'owner' AND u.role = 'site_admin')",
        )
        .await?;
        // (The organisation's own timestamp: written by the app, so every backend reads it back alike.)
        db.execute_unprepared(
            "UPDATE belt_organisations SET approved_at = \
             (SELECT o.approved_at FROM organisations o WHERE o.id = belt_organisations.organisation_id) \
             WHERE organisation_id IN (SELECT id FROM organisations WHERE approved_at IS NOT NULL)",
        )
        .await?;
        db.execute_unprepared(
            "UPDATE organisations SET created_by = \
             (SELECT m.user_id FROM memberships m WHERE m.organisation_id = organisations.id AND m.role = 'owner' \
              ORDER BY m.created_at LIMIT 1)",
        )
        .await?;
        // The verifications made so far, as the first entries of the history.
        db.execute_unprepared(
            "INSERT INTO verifications (organisation_id, subject, fields, evidence, verifier_user_id, verifier_organisation_id, verifier_name, created_at) \
             SELECT id, 'organisation', '', COALESCE(verification_evidence, ''), NULL, NULL, COALESCE(verified_by, ''), verified_at \
             FROM organisations WHERE verified_at IS NOT NULL",
        )
        .await?;
        db.execute_unprepared(
            "INSERT INTO verifications (organisation_id, subject, fields, evidence, verifier_user_id, verifier_organisation_id, verifier_name, created_at) \
             SELECT organisation_id, 'profile', verified_fields, '', NULL, NULL, COALESCE(verified_by, ''), verified_at \
             FROM supply_profiles WHERE verified_at IS NOT NULL",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(SignUpAttempts::Table).if_exists().to_owned()).await?;
        manager.alter_table(Table::alter().table(Users::Table).drop_column(Users::SessionEpoch).to_owned()).await?;
        manager.drop_table(Table::drop().table(Verifications::Table).if_exists().to_owned()).await?;
        manager.alter_table(Table::alter().table(Memberships::Table).drop_column(Memberships::Status).to_owned()).await?;
        for column in [BeltOrganisations::ApprovedAt, BeltOrganisations::ApprovedBy] {
            manager.alter_table(Table::alter().table(BeltOrganisations::Table).drop_column(column).to_owned()).await?;
        }
        for column in [Organisations::ApprovedAt, Organisations::ApprovedBy, Organisations::CreatedBy] {
            manager.alter_table(Table::alter().table(Organisations::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
