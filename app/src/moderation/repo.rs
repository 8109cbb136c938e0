//! Moderation's reads and changes. Each change is one transaction with its
//! audit entry, the notices it posts and the search updates it queues.

use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use crate::accounts::types::CurrentUser;
use crate::audit::{self, AuditAction};
use crate::changes::{enqueue, EntityKind};
use crate::entities::{invitation, membership, organisation, report, service_offering, supply_profile, user, verification};
use crate::error::AppError;
use crate::forms::{FormErrors, Problem};
use crate::i18n::{Bilingual, Lang};
use crate::moderation::types::{ModerationView, OpenReport, OrgRef, RecentOrganisation, RecentVerification, ReportReason};
use crate::notifications::repo::{notify, Notice};
use crate::notifications::types::NotificationKind;
use crate::orgs::approvals::display_name;
use crate::orgs::types::{OrgKind, VerificationSubject};
use crate::read::org_name;
use crate::state::MailSettings;

fn refused(field: &str, problem: Problem) -> AppError {
    FormErrors::refusing(field, problem)
}

async fn tell_team<C: ConnectionTrait>(
    txn: &C,
    mail: &MailSettings,
    org: &organisation::Model,
    title: Bilingual,
    link: String,
) -> Result<(), AppError> {
    let people = crate::read::active_members(txn, org.id).await?;
    notify(txn, mail, &people, &Notice { kind: NotificationKind::Moderated, title, link }).await
}

/// Resolves `org`'s open reports as `resolution`.
async fn resolve_reports<C: ConnectionTrait>(txn: &C, actor: &CurrentUser, org_id: i32, resolution: &str) -> Result<(), AppError> {
    report::Entity::update_many()
        .col_expr(report::Column::ResolvedAt, Expr::value(Utc::now()))
        .col_expr(report::Column::ResolvedBy, Expr::value(actor.id))
        .col_expr(report::Column::Resolution, Expr::value(resolution))
        .filter(report::Column::OrganisationId.eq(org_id))
        .filter(report::Column::ResolvedAt.is_null())
        .exec(txn)
        .await?;
    Ok(())
}

/// Hides `org` from every public page and search, keeping it with who and
/// why; its open reports are resolved and its team is told.
///
/// # Errors
/// `Invalid` when it is hidden already.
pub async fn hide(
    db: &DatabaseConnection,
    mail: &MailSettings,
    actor: &CurrentUser,
    org: &organisation::Model,
    reason: &str,
) -> Result<(), AppError> {
    if org.hidden_at.is_some() {
        return Err(refused("reason", Problem::AlreadyAsked));
    }
    let txn = crate::db::begin_write(db).await?;
    organisation::Entity::update_many()
        .col_expr(organisation::Column::HiddenAt, Expr::value(Utc::now()))
        .col_expr(organisation::Column::HiddenBy, Expr::value(actor.id))
        .col_expr(organisation::Column::HiddenReason, Expr::value(reason))
        .filter(organisation::Column::Id.eq(org.id))
        .exec(&txn)
        .await?;
    resolve_reports(&txn, actor, org.id, "hidden").await?;
    let name = org_name(org);
    audit::record(&txn, actor, AuditAction::Hide, Some(org.id), &display_name(&name), reason).await?;
    let title = Bilingual::new(
        format!("站点管理员隐藏了“{}”：{reason}", name.get(Lang::Zh)),
        format!("A site admin hid {}: {reason}", name.get(Lang::En)),
    );
    tell_team(&txn, mail, org, title, format!("/orgs/{}", org.slug)).await?;
    crate::orgs::repo::requeue_with_its_documents(&txn, org.id).await?;
    txn.commit().await?;
    Ok(())
}

/// Shows a hidden organisation again.
///
/// # Errors
/// `NotFound` when it is not hidden, or was merged into another.
pub async fn restore(
    db: &DatabaseConnection,
    mail: &MailSettings,
    actor: &CurrentUser,
    org: &organisation::Model,
    reason: &str,
) -> Result<(), AppError> {
    if org.hidden_at.is_none() || org.merged_into.is_some() {
        return Err(AppError::NotFound);
    }
    let txn = crate::db::begin_write(db).await?;
    organisation::Entity::update_many()
        .col_expr(organisation::Column::HiddenAt, Expr::value(Option::<chrono::DateTime<Utc>>::None))
        .col_expr(organisation::Column::HiddenBy, Expr::value(Option::<i32>::None))
        .col_expr(organisation::Column::HiddenReason, Expr::value(Option::<String>::None))
        .filter(organisation::Column::Id.eq(org.id))
        .exec(&txn)
        .await?;
    let name = org_name(org);
    audit::record(&txn, actor, AuditAction::Restore, Some(org.id), &display_name(&name), reason).await?;
    let title = Bilingual::new(format!("“{}”已恢复显示", name.get(Lang::Zh)), format!("{} is shown again", name.get(Lang::En)));
    tell_team(&txn, mail, org, title, format!("/orgs/{}", org.slug)).await?;
    crate::orgs::repo::requeue_with_its_documents(&txn, org.id).await?;
    txn.commit().await?;
    Ok(())
}

/// Clears `org`'s look-alike flag: an admin looked and found nothing wrong.
pub async fn clear_review(db: &DatabaseConnection, actor: &CurrentUser, org: &organisation::Model) -> Result<(), AppError> {
    let Some(reason) = org.review_reason.clone() else { return Err(AppError::NotFound) };
    let txn = crate::db::begin_write(db).await?;
    organisation::Entity::update_many()
        .col_expr(organisation::Column::ReviewReason, Expr::value(Option::<String>::None))
        .filter(organisation::Column::Id.eq(org.id))
        .exec(&txn)
        .await?;
    audit::record(&txn, actor, AuditAction::ClearReview, Some(org.id), &display_name(&org_name(org)), &reason).await?;
    txn.commit().await?;
    Ok(())
}

/// Withdraws verification `id` (which must be the one in force for its
/// subject) for `reason`: a new row in the record says so, and the copy that
/// pages and search read is cleared.
///
/// # Errors
/// `NotFound` when it is not the verification in force.
pub async fn revoke_verification(
    db: &DatabaseConnection,
    mail: &MailSettings,
    actor: &CurrentUser,
    id: i32,
    reason: &str,
) -> Result<(), AppError> {
    let txn = crate::db::begin_write(db).await?;
    let row = verification::Entity::find_by_id(id).one(&txn).await?.ok_or(AppError::NotFound)?;
    let newest = verification::Entity::find()
        .filter(verification::Column::OrganisationId.eq(row.organisation_id))
        .filter(verification::Column::Subject.eq(row.subject.clone()))
        .order_by_desc(verification::Column::Id)
        .one(&txn)
        .await?;
    if row.revoked || newest.map(|n| n.id) != Some(row.id) {
        return Err(AppError::NotFound);
    }
    let subject = VerificationSubject::from_code(&row.subject).ok_or(AppError::Internal)?;
    let now = Utc::now();
    verification::ActiveModel {
        organisation_id: Set(row.organisation_id),
        subject: Set(row.subject.clone()),
        fields: Set(row.fields.clone()),
        evidence: Set(reason.to_string()),
        verifier_user_id: Set(Some(actor.id)),
        verifier_organisation_id: Set(None),
        verifier_name: Set(actor.display_name.clone()),
        created_at: Set(now),
        revoked: Set(true),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let org = organisation::Entity::find_by_id(row.organisation_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    match subject {
        VerificationSubject::Organisation => {
            organisation::Entity::update_many()
                .col_expr(organisation::Column::VerifiedAt, Expr::value(Option::<chrono::DateTime<Utc>>::None))
                .col_expr(organisation::Column::VerifiedBy, Expr::value(Option::<String>::None))
                .col_expr(organisation::Column::VerificationEvidence, Expr::value(Option::<String>::None))
                .col_expr(organisation::Column::UpdatedAt, Expr::value(now))
                .filter(organisation::Column::Id.eq(org.id))
                .exec(&txn)
                .await?;
        }
        VerificationSubject::Profile => {
            supply_profile::Entity::update_many()
                .col_expr(supply_profile::Column::VerifiedFields, Expr::value(""))
                .col_expr(supply_profile::Column::VerifiedBy, Expr::value(Option::<String>::None))
                .col_expr(supply_profile::Column::VerifiedAt, Expr::value(Option::<chrono::DateTime<Utc>>::None))
                .filter(supply_profile::Column::OrganisationId.eq(org.id))
                .exec(&txn)
                .await?;
        }
    }
    let name = org_name(&org);
    let what = match subject {
        VerificationSubject::Organisation => Bilingual::new("机构信息", "organisation details"),
        VerificationSubject::Profile => Bilingual::new("供货档案", "supply profile"),
    };
    audit::record(
        &txn,
        actor,
        AuditAction::RevokeVerification,
        Some(org.id),
        &format!("{} · {}", display_name(&name), what.get(Lang::En)),
        reason,
    )
    .await?;
    let title = Bilingual::new(
        format!("“{}”的{}核验已被撤销：{reason}", name.get(Lang::Zh), what.get(Lang::Zh)),
        format!("The verification of {}'s {} was withdrawn: {reason}", name.get(Lang::En), what.get(Lang::En)),
    );
    tell_team(&txn, mail, &org, title, format!("/orgs/{}#verifications", org.slug)).await?;
    crate::orgs::repo::requeue_with_its_documents(&txn, org.id).await?;
    txn.commit().await?;
    Ok(())
}

/// Folds the duplicate `from` into `into`: its people, belts, offerings and
/// (if `into` has none) its supply profile move over; `from` is hidden as
/// merged, and its address leads to `into`.
///
/// # Errors
/// `Invalid` when they are the same, of different kinds, or `into` is hidden.
pub async fn merge(
    db: &DatabaseConnection,
    mail: &MailSettings,
    actor: &CurrentUser,
    from: &organisation::Model,
    into: &organisation::Model,
    reason: &str,
) -> Result<(), AppError> {
    if from.id == into.id || from.kind != into.kind || into.hidden_at.is_some() || from.merged_into.is_some() {
        return Err(refused("into", Problem::NotAChoice));
    }
    use crate::entities::belt_organisation;
    let txn = crate::db::begin_write(db).await?;
    let now = Utc::now();
    // People: those not in `into` yet move over with their role; the rest keep their place there.
    let people_there: Vec<i32> = membership::Entity::find()
        .filter(membership::Column::OrganisationId.eq(into.id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect();
    let moving = membership::Entity::find().filter(membership::Column::OrganisationId.eq(from.id)).all(&txn).await?;
    let told: Vec<i32> = moving.iter().map(|m| m.user_id).collect();
    for m in moving {
        let place = membership::Entity::update_many()
            .filter(membership::Column::OrganisationId.eq(from.id))
            .filter(membership::Column::UserId.eq(m.user_id));
        if people_there.contains(&m.user_id) {
            membership::Entity::delete_many()
                .filter(membership::Column::OrganisationId.eq(from.id))
                .filter(membership::Column::UserId.eq(m.user_id))
                .exec(&txn)
                .await?;
        } else {
            place.col_expr(membership::Column::OrganisationId, Expr::value(into.id)).exec(&txn).await?;
        }
    }
    // Belts `into` is not in yet.
    let belts_there: Vec<i32> = belt_organisation::Entity::find()
        .filter(belt_organisation::Column::OrganisationId.eq(into.id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|l| l.belt_id)
        .collect();
    belt_organisation::Entity::update_many()
        .col_expr(belt_organisation::Column::OrganisationId, Expr::value(into.id))
        .filter(belt_organisation::Column::OrganisationId.eq(from.id))
        .filter(belt_organisation::Column::BeltId.is_not_in(belts_there.clone()))
        .exec(&txn)
        .await?;
    belt_organisation::Entity::delete_many().filter(belt_organisation::Column::OrganisationId.eq(from.id)).exec(&txn).await?;
    service_offering::Entity::update_many()
        .col_expr(service_offering::Column::OrganisationId, Expr::value(into.id))
        .filter(service_offering::Column::OrganisationId.eq(from.id))
        .exec(&txn)
        .await?;
    if crate::read::supply_profile_of(&txn, into.id).await?.is_none() {
        supply_profile::Entity::update_many()
            .col_expr(supply_profile::Column::OrganisationId, Expr::value(into.id))
            .filter(supply_profile::Column::OrganisationId.eq(from.id))
            .exec(&txn)
            .await?;
    }
    invitation::Entity::update_many()
        .col_expr(invitation::Column::RevokedAt, Expr::value(now))
        .filter(invitation::Column::OrganisationId.eq(from.id))
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::RevokedAt.is_null())
        .exec(&txn)
        .await?;
    let (from_name, into_name) = (org_name(from), org_name(into));
    let note = format!("{} → {}", display_name(&from_name), display_name(&into_name));
    organisation::Entity::update_many()
        .col_expr(organisation::Column::HiddenAt, Expr::value(now))
        .col_expr(organisation::Column::HiddenBy, Expr::value(actor.id))
        .col_expr(organisation::Column::HiddenReason, Expr::value(format!("{note}: {reason}")))
        .col_expr(organisation::Column::MergedInto, Expr::value(into.id))
        .filter(organisation::Column::Id.eq(from.id))
        .exec(&txn)
        .await?;
    resolve_reports(&txn, actor, from.id, "merged").await?;
    audit::record(&txn, actor, AuditAction::Merge, Some(from.id), &note, reason).await?;
    let title = Bilingual::new(
        format!("“{}”已合并到“{}”", from_name.get(Lang::Zh), into_name.get(Lang::Zh)),
        format!("{} was merged into {}", from_name.get(Lang::En), into_name.get(Lang::En)),
    );
    notify(&txn, mail, &told, &Notice { kind: NotificationKind::Moderated, title, link: format!("/orgs/{}", into.slug) }).await?;
    crate::orgs::repo::requeue_with_its_documents(&txn, from.id).await?;
    crate::orgs::repo::requeue_with_its_documents(&txn, into.id).await?;
    for belt in belts_there {
        enqueue(&txn, EntityKind::Belt, belt).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Files `reporter`'s report about `org`.
///
/// # Errors
/// `Invalid(AlreadyAsked)` when they have an open report about it;
/// `Invalid(TooMany)` past [`crate::moderation::policy::REPORTS_PER_DAY`].
pub async fn file_report(
    db: &DatabaseConnection,
    reporter: &CurrentUser,
    org: &organisation::Model,
    reason: ReportReason,
    details: &str,
) -> Result<(), AppError> {
    let txn = crate::db::begin_write(db).await?;
    let open = report::Entity::find()
        .filter(report::Column::OrganisationId.eq(org.id))
        .filter(report::Column::ReporterId.eq(reporter.id))
        .filter(report::Column::ResolvedAt.is_null())
        .count(&txn)
        .await?;
    if open > 0 {
        return Err(refused("reason", Problem::AlreadyAsked));
    }
    let today = report::Entity::find()
        .filter(report::Column::ReporterId.eq(reporter.id))
        .filter(report::Column::CreatedAt.gt(Utc::now() - Duration::days(1)))
        .count(&txn)
        .await?;
    if today >= crate::moderation::policy::REPORTS_PER_DAY {
        return Err(refused("reason", Problem::TooMany { max: crate::moderation::policy::REPORTS_PER_DAY as usize }));
    }
    report::ActiveModel {
        organisation_id: Set(org.id),
        reporter_id: Set(Some(reporter.id)),
        reason: Set(reason.code().to_string()),
        details: Set(details.to_string()),
        created_at: Set(Utc::now()),
        resolved_at: Set(None),
        resolved_by: Set(None),
        resolution: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Dismisses open report `id`: nothing needed doing.
pub async fn dismiss_report(db: &DatabaseConnection, actor: &CurrentUser, id: i64, reason: &str) -> Result<(), AppError> {
    let txn = crate::db::begin_write(db).await?;
    let found = report::Entity::find_by_id(id).one(&txn).await?.filter(|r| r.resolved_at.is_none()).ok_or(AppError::NotFound)?;
    report::Entity::update_many()
        .col_expr(report::Column::ResolvedAt, Expr::value(Utc::now()))
        .col_expr(report::Column::ResolvedBy, Expr::value(actor.id))
        .col_expr(report::Column::Resolution, Expr::value("dismissed"))
        .filter(report::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    let org = organisation::Entity::find_by_id(found.organisation_id).one(&txn).await?;
    let subject = org.as_ref().map(|o| display_name(&org_name(o))).unwrap_or_default();
    audit::record(&txn, actor, AuditAction::DismissReport, Some(found.organisation_id), &subject, reason).await?;
    txn.commit().await?;
    Ok(())
}

fn org_ref(o: &organisation::Model) -> OrgRef {
    OrgRef { slug: o.slug.clone(), name: org_name(o), hidden: o.hidden_at.is_some() }
}

async fn names_of<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = i32>,
) -> Result<std::collections::HashMap<i32, String>, AppError> {
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, format!("{} · {}", u.display_name, u.email)))
        .collect())
}

/// How many rows each list of the moderation page holds.
const LIST_LIMIT: u64 = 50;

/// What `/admin/moderation` lists.
/// How many reports are open and how many organisations' names wait to be
/// checked (all of them, not just the listed ones).
pub async fn waiting<C: ConnectionTrait>(db: &C) -> Result<(u64, u64), AppError> {
    let reports = report::Entity::find().filter(report::Column::ResolvedAt.is_null()).count(db).await?;
    let names = organisation::Entity::find().filter(organisation::Column::ReviewReason.is_not_null()).count(db).await?;
    Ok((reports, names))
}

pub async fn overview<C: ConnectionTrait>(db: &C) -> Result<ModerationView, AppError> {
    let open = report::Entity::find()
        .filter(report::Column::ResolvedAt.is_null())
        .order_by_asc(report::Column::CreatedAt)
        .limit(LIST_LIMIT)
        .all(db)
        .await?;
    let recent = organisation::Entity::find()
        .filter(organisation::Column::CreatedBy.is_not_null())
        .filter(organisation::Column::IsDemo.eq(false))
        .order_by_desc(organisation::Column::CreatedAt)
        .limit(LIST_LIMIT)
        .all(db)
        .await?;
    let flagged = organisation::Entity::find()
        .filter(organisation::Column::ReviewReason.is_not_null())
        .order_by_desc(organisation::Column::CreatedAt)
        .limit(LIST_LIMIT)
        .all(db)
        .await?;
    let verifications = verification::Entity::find().order_by_desc(verification::Column::Id).limit(LIST_LIMIT).all(db).await?;
    let org_ids: Vec<i32> = open.iter().map(|r| r.organisation_id).chain(verifications.iter().map(|v| v.organisation_id)).collect();
    let orgs: std::collections::HashMap<i32, organisation::Model> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(org_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let people =
        names_of(db, open.iter().filter_map(|r| r.reporter_id).chain(recent.iter().chain(&flagged).filter_map(|o| o.created_by))).await?;
    let recent_org = |o: &organisation::Model| {
        Some(RecentOrganisation {
            organisation: org_ref(o),
            kind: OrgKind::from_code(&o.kind)?,
            created_by: o.created_by.and_then(|id| people.get(&id).cloned()).unwrap_or_default(),
            at: o.created_at.into(),
            review_reason: o.review_reason.clone(),
        })
    };
    // The newest row of each organisation's subject is the one in force.
    let mut newest: std::collections::HashSet<(i32, String)> = std::collections::HashSet::new();
    let mut in_force_ids = std::collections::HashSet::new();
    for v in verification::Entity::find()
        .filter(verification::Column::OrganisationId.is_in(verifications.iter().map(|v| v.organisation_id)))
        .order_by_desc(verification::Column::Id)
        .all(db)
        .await?
    {
        if newest.insert((v.organisation_id, v.subject.clone())) {
            in_force_ids.insert(v.id);
        }
    }
    Ok(ModerationView {
        reports: open
            .iter()
            .filter_map(|r| {
                Some(OpenReport {
                    id: r.id,
                    organisation: org_ref(orgs.get(&r.organisation_id)?),
                    reason: ReportReason::from_code(&r.reason)?,
                    details: r.details.clone(),
                    reporter: r.reporter_id.and_then(|id| people.get(&id).cloned()).unwrap_or_default(),
                    at: r.created_at.into(),
                })
            })
            .collect(),
        flagged: flagged.iter().filter_map(recent_org).collect(),
        recent_organisations: recent.iter().filter_map(recent_org).collect(),
        recent_verifications: verifications
            .iter()
            .filter_map(|v| {
                Some(RecentVerification {
                    id: v.id,
                    organisation: org_ref(orgs.get(&v.organisation_id)?),
                    subject: VerificationSubject::from_code(&v.subject)?,
                    verifier: v.verifier_name.clone(),
                    evidence: v.evidence.clone(),
                    at: v.created_at.into(),
                    in_force: in_force_ids.contains(&v.id) && !v.revoked,
                    revoked: v.revoked,
                })
            })
            .collect(),
    })
}
