//! The record of verifications: written once, never changed or removed. A
//! new verification of the same organisation and subject supersedes the
//! previous one; the copy on `organisations` / `supply_profiles` that pages
//! and search read is updated in the same transaction. Server only.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::accounts::types::CurrentUser;
use crate::entities::{organisation, verification};
use crate::error::AppError;
use crate::i18n::{Bilingual, Lang};
use crate::orgs::types::{VerificationEntry, VerificationSubject};
use crate::read::org_name;

/// Who verifies: the actor, acting for the association through which they
/// may (`None` for a site admin, who acts for the site).
pub struct Verifier<'a> {
    pub actor: &'a CurrentUser,
    pub organisation_id: Option<i32>,
    /// How the organisation's people hear of it.
    pub mail: &'a crate::state::MailSettings,
}

/// Appends a verification of `subject` (with the profile `fields` it covers,
/// as codes) to the record, inside the caller's transaction.
pub async fn append<C: ConnectionTrait>(
    txn: &C,
    org_id: i32,
    subject: VerificationSubject,
    fields: &str,
    evidence: &str,
    verifier: &Verifier<'_>,
) -> Result<verification::Model, AppError> {
    tell_members(txn, org_id, subject, verifier).await?;
    Ok(verification::ActiveModel {
        organisation_id: Set(org_id),
        subject: Set(subject.code().to_string()),
        fields: Set(fields.to_string()),
        evidence: Set(evidence.to_string()),
        verifier_user_id: Set(Some(verifier.actor.id)),
        verifier_organisation_id: Set(verifier.organisation_id),
        verifier_name: Set(verifier.actor.display_name.clone()),
        created_at: Set(Utc::now()),
        revoked: Set(false),
        ..Default::default()
    }
    .insert(txn)
    .await?)
}

/// Tells the organisation's active members that it (or its profile) was verified.
async fn tell_members<C: ConnectionTrait>(
    txn: &C,
    org_id: i32,
    subject: VerificationSubject,
    verifier: &Verifier<'_>,
) -> Result<(), AppError> {
    use crate::notifications::{repo::Notice, types::NotificationKind};
    let org = organisation::Entity::find_by_id(org_id).one(txn).await?.ok_or(AppError::NotFound)?;
    let name = org_name(&org);
    let by = &verifier.actor.display_name;
    let (title, link) = match subject {
        VerificationSubject::Organisation => (
            Bilingual::new(
                format!("“{}”的机构信息已由 {by} 核验", name.get(Lang::Zh)),
                format!("{}: organisation details verified by {by}", name.get(Lang::En)),
            ),
            format!("/orgs/{}", org.slug),
        ),
        VerificationSubject::Profile => (
            Bilingual::new(
                format!("“{}”的供货档案已由 {by} 核验", name.get(Lang::Zh)),
                format!("{}: supply profile verified by {by}", name.get(Lang::En)),
            ),
            format!("/suppliers/{}", org.slug),
        ),
    };
    let members = crate::read::active_members(txn, org_id).await?;
    crate::notifications::repo::notify(txn, verifier.mail, &members, &Notice { kind: NotificationKind::Verified, title, link }).await
}

/// The whole record for an organisation, newest first, as pages show it.
pub async fn history<C: ConnectionTrait>(db: &C, org_id: i32) -> Result<Vec<VerificationEntry>, AppError> {
    let rows = verification::Entity::find()
        .filter(verification::Column::OrganisationId.eq(org_id))
        .order_by_desc(verification::Column::Id)
        .all(db)
        .await?;
    let acting_for = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(rows.iter().filter_map(|r| r.verifier_organisation_id)))
        .all(db)
        .await?;
    let mut superseded = std::collections::HashSet::new();
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let subject = VerificationSubject::from_code(&row.subject)?;
            let in_force = superseded.insert(subject);
            let organisation =
                row.verifier_organisation_id.and_then(|id| acting_for.iter().find(|o| o.id == id)).map(|o| (o.slug.clone(), org_name(o)));
            Some(VerificationEntry {
                subject,
                fields: crate::codes::split_codes(&row.fields, crate::suppliers::types::ProfileField::from_code),
                evidence: row.evidence,
                verifier: row.verifier_name,
                verifier_recorded: row.verifier_user_id.is_some(),
                verifier_organisation: organisation,
                at: row.created_at.into(),
                in_force,
                revoked: row.revoked,
                id: row.id,
            })
        })
        .collect())
}
