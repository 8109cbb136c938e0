//! Requests and their approval: associations and schools waiting for a site
//! admin, belts an association asks to serve, people asking to help run an
//! association. Every decision is one transaction and reaches search through
//! the outbox. Authorisation is the caller's (`orgs::policy`). Server only.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use crate::accounts::types::{CurrentUser, MemberRole, MembershipStatus};
use crate::changes as outbox;
use crate::changes::EntityKind;
use crate::entities::{belt, belt_organisation, membership, organisation, user};
use crate::error::AppError;
use crate::i18n::{Bilingual, Lang};
use crate::notifications::repo::{notify, Notice};
use crate::notifications::types::NotificationKind;
use crate::orgs::policy::needs_approval;
use crate::orgs::types::*;
use crate::read::org_name;
use crate::state::MailSettings;

fn stamp(at: &chrono::DateTime<Utc>) -> crate::clock::Moment {
    (*at).into()
}

async fn requesters<C: ConnectionTrait>(db: &C, ids: impl Iterator<Item = i32>) -> Result<HashMap<i32, Requester>, AppError> {
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, Requester { user_id: u.id, display_name: u.display_name, email: u.email }))
        .collect())
}

async fn belts_by_id<C: ConnectionTrait>(db: &C, ids: impl Iterator<Item = i32>) -> Result<HashMap<i32, belt::Model>, AppError> {
    Ok(belt::Entity::find().filter(belt::Column::Id.is_in(ids)).all(db).await?.into_iter().map(|b| (b.id, b)).collect())
}

fn org_belt(b: &belt::Model, link: &belt_organisation::Model) -> Option<OrgBelt> {
    Some(OrgBelt { slug: b.slug.clone(), name: Bilingual::new(&b.name_zh, &b.name_en), role: BeltRole::from_code(&link.role)? })
}

/// Everything waiting for a site admin, oldest first.
pub async fn queue<C: ConnectionTrait>(db: &C) -> Result<ApprovalQueue, AppError> {
    let pending_orgs: Vec<organisation::Model> = organisation::Entity::find()
        .filter(organisation::Column::ApprovedAt.is_null())
        .filter(organisation::Column::Kind.is_in([OrgKind::Association.code(), OrgKind::School.code()]))
        .order_by_asc(organisation::Column::Id)
        .all(db)
        .await?;
    let pending_links = belt_organisation::Entity::find().filter(belt_organisation::Column::ApprovedAt.is_null()).all(db).await?;
    let join_rows = membership::Entity::find()
        .filter(membership::Column::Status.eq(MembershipStatus::Pending.code()))
        .order_by_asc(membership::Column::CreatedAt)
        .all(db)
        .await?;
    let org_ids: Vec<i32> = pending_links.iter().map(|l| l.organisation_id).chain(join_rows.iter().map(|m| m.organisation_id)).collect();
    let orgs: HashMap<i32, organisation::Model> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(org_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let belts = belts_by_id(db, pending_links.iter().map(|l| l.belt_id)).await?;
    let people = requesters(db, pending_orgs.iter().filter_map(|o| o.created_by).chain(join_rows.iter().map(|m| m.user_id))).await?;

    let organisations = pending_orgs
        .iter()
        .filter_map(|o| {
            Some(PendingOrganisation {
                slug: o.slug.clone(),
                kind: OrgKind::from_code(&o.kind)?,
                name: org_name(o),
                description: Bilingual::new(&o.description_zh, &o.description_en),
                belts: pending_links
                    .iter()
                    .filter(|l| l.organisation_id == o.id)
                    .filter_map(|l| org_belt(belts.get(&l.belt_id)?, l))
                    .collect(),
                requested_by: o.created_by.and_then(|id| people.get(&id).cloned()),
                requested_at: stamp(&o.created_at),
            })
        })
        .collect();
    // Belts asked for by associations that are approved already (the others come with their organisation).
    let belts = pending_links
        .iter()
        .filter_map(|l| {
            let o = orgs.get(&l.organisation_id).filter(|o| o.approved_at.is_some())?;
            Some(PendingBelt {
                organisation_slug: o.slug.clone(),
                organisation_name: org_name(o),
                belt: org_belt(belts.get(&l.belt_id)?, l)?,
            })
        })
        .collect();
    let join_requests = join_rows
        .iter()
        .filter_map(|m| {
            let o = orgs.get(&m.organisation_id)?;
            Some(JoinRequest {
                organisation_slug: o.slug.clone(),
                organisation_name: org_name(o),
                requester: people.get(&m.user_id)?.clone(),
                requested_at: stamp(&m.created_at),
            })
        })
        .collect();
    Ok(ApprovalQueue { organisations, belts, join_requests })
}

/// The people asking to help run one organisation, oldest first.
pub async fn join_requests<C: ConnectionTrait>(db: &C, org: &organisation::Model) -> Result<Vec<JoinRequest>, AppError> {
    let rows = membership::Entity::find()
        .filter(membership::Column::OrganisationId.eq(org.id))
        .filter(membership::Column::Status.eq(MembershipStatus::Pending.code()))
        .order_by_asc(membership::Column::CreatedAt)
        .all(db)
        .await?;
    let people = requesters(db, rows.iter().map(|m| m.user_id)).await?;
    Ok(rows
        .iter()
        .filter_map(|m| {
            Some(JoinRequest {
                organisation_slug: org.slug.clone(),
                organisation_name: org_name(org),
                requester: people.get(&m.user_id)?.clone(),
                requested_at: stamp(&m.created_at),
            })
        })
        .collect())
}

/// Approves a waiting association or school and the belts it asked to serve,
/// or declines it: the request is removed with its links and memberships.
///
/// # Errors
/// `NotFound` when `org` is not a waiting association or school.
pub async fn decide_organisation(
    db: &DatabaseConnection,
    mail: &MailSettings,
    approver: &CurrentUser,
    org: &organisation::Model,
    decision: Decision,
) -> Result<(), AppError> {
    let waiting = org.approved_at.is_none() && OrgKind::from_code(&org.kind).is_some_and(needs_approval);
    if !waiting {
        return Err(AppError::NotFound);
    }
    let txn = crate::db::begin_write(db).await?;
    let now = Utc::now();
    // Those who asked hear of it (read before a decline removes their membership).
    let mut asked = crate::read::active_owners(&txn, org.id).await?;
    asked.extend(org.created_by);
    let name = org_name(org);
    let notice = match decision {
        Decision::Approve => Notice {
            kind: NotificationKind::RequestDecided,
            title: Bilingual::new(
                format!("“{}”已通过审核，现已公开", name.get(Lang::Zh)),
                format!("{} was approved and is now public", name.get(Lang::En)),
            ),
            link: format!("/orgs/{}", org.slug),
        },
        Decision::Decline => Notice {
            kind: NotificationKind::RequestDecided,
            title: Bilingual::new(
                format!("“{}”的申请未获批准", name.get(Lang::Zh)),
                format!("The request for {} was declined", name.get(Lang::En)),
            ),
            link: "/account".into(),
        },
    };
    match decision {
        Decision::Approve => {
            organisation::Entity::update_many()
                .col_expr(organisation::Column::ApprovedAt, Expr::value(now))
                .col_expr(organisation::Column::ApprovedBy, Expr::value(approver.id))
                .filter(organisation::Column::Id.eq(org.id))
                .exec(&txn)
                .await?;
            belt_organisation::Entity::update_many()
                .col_expr(belt_organisation::Column::ApprovedAt, Expr::value(now))
                .col_expr(belt_organisation::Column::ApprovedBy, Expr::value(approver.id))
                .filter(belt_organisation::Column::OrganisationId.eq(org.id))
                .filter(belt_organisation::Column::ApprovedAt.is_null())
                .exec(&txn)
                .await?;
        }
        Decision::Decline => {
            membership::Entity::delete_many().filter(membership::Column::OrganisationId.eq(org.id)).exec(&txn).await?;
            belt_organisation::Entity::delete_many().filter(belt_organisation::Column::OrganisationId.eq(org.id)).exec(&txn).await?;
            organisation::Entity::delete_by_id(org.id).exec(&txn).await?;
        }
    }
    notify(&txn, mail, &asked, &notice).await?;
    let action = match decision {
        Decision::Approve => crate::audit::AuditAction::ApproveOrganisation,
        Decision::Decline => crate::audit::AuditAction::DeclineOrganisation,
    };
    crate::audit::record(&txn, approver, action, Some(org.id), &display_name(&name), "").await?;
    outbox::enqueue(&txn, EntityKind::Organisation, org.id).await?;
    txn.commit().await?;
    Ok(())
}

/// An organisation's name as the audit trail keeps it: both languages where they differ.
pub fn display_name(name: &Bilingual) -> String {
    let (zh, en) = (name.get(Lang::Zh), name.get(Lang::En));
    if zh == en {
        zh.to_string()
    } else {
        format!("{zh} / {en}")
    }
}

/// Approves or declines an approved association's request to serve a belt.
///
/// # Errors
/// `NotFound` when no such request waits.
pub async fn decide_belt(
    db: &DatabaseConnection,
    mail: &MailSettings,
    approver: &CurrentUser,
    org: &organisation::Model,
    belt_id: i32,
    decision: Decision,
) -> Result<(), AppError> {
    let txn = crate::db::begin_write(db).await?;
    let waiting = belt_organisation::Entity::find()
        .filter(belt_organisation::Column::OrganisationId.eq(org.id))
        .filter(belt_organisation::Column::BeltId.eq(belt_id))
        .filter(belt_organisation::Column::ApprovedAt.is_null())
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let belt_name = belt::Entity::find_by_id(belt_id).one(&txn).await?.map(|b| Bilingual::new(b.name_zh, b.name_en)).unwrap_or_default();
    let (name, belt_zh, belt_en) = (org_name(org), belt_name.get(Lang::Zh).to_string(), belt_name.get(Lang::En).to_string());
    let title = match decision {
        Decision::Approve => Bilingual::new(
            format!("“{}”服务{belt_zh}的申请已获批准", name.get(Lang::Zh)),
            format!("{} may now serve {belt_en}", name.get(Lang::En)),
        ),
        Decision::Decline => Bilingual::new(
            format!("“{}”服务{belt_zh}的申请未获批准", name.get(Lang::Zh)),
            format!("The request for {} to serve {belt_en} was declined", name.get(Lang::En)),
        ),
    };
    let owners = crate::read::active_owners(&txn, org.id).await?;
    notify(&txn, mail, &owners, &Notice { kind: NotificationKind::RequestDecided, title, link: format!("/orgs/{}", org.slug) }).await?;
    match decision {
        Decision::Approve => {
            let mut active: belt_organisation::ActiveModel = waiting.into();
            active.approved_at = Set(Some(Utc::now()));
            active.approved_by = Set(Some(approver.id));
            active.update(&txn).await?;
        }
        Decision::Decline => {
            belt_organisation::Entity::delete_many()
                .filter(belt_organisation::Column::OrganisationId.eq(org.id))
                .filter(belt_organisation::Column::BeltId.eq(belt_id))
                .exec(&txn)
                .await?;
        }
    }
    let action = match decision {
        Decision::Approve => crate::audit::AuditAction::ApproveBelt,
        Decision::Decline => crate::audit::AuditAction::DeclineBelt,
    };
    crate::audit::record(&txn, approver, action, Some(org.id), &format!("{} · {belt_zh} / {belt_en}", display_name(&name)), "").await?;
    outbox::enqueue(&txn, EntityKind::Organisation, org.id).await?;
    outbox::enqueue(&txn, EntityKind::Belt, belt_id).await?;
    txn.commit().await?;
    Ok(())
}

/// Asks a site admin to let an association serve one more belt.
///
/// # Errors
/// `Invalid` when it serves or asked for the belt already.
pub async fn request_belt(db: &DatabaseConnection, actor: &CurrentUser, org: &organisation::Model, belt_id: i32) -> Result<(), AppError> {
    let txn = crate::db::begin_write(db).await?;
    let existing = belt_organisation::Entity::find()
        .filter(belt_organisation::Column::OrganisationId.eq(org.id))
        .filter(belt_organisation::Column::BeltId.eq(belt_id))
        .one(&txn)
        .await?;
    if existing.is_some() {
        let mut errors = crate::forms::FormErrors::new();
        errors.add("belt", crate::forms::Problem::AlreadyAsked);
        return Err(AppError::Invalid(errors));
    }
    let kind = OrgKind::from_code(&org.kind).ok_or(AppError::NotFound)?;
    crate::orgs::repo::link_belts(&txn, org.id, kind, &[belt_id], None, None).await?;
    txn.commit().await?;
    tracing::info!(organisation = org.slug, belt_id, user_id = actor.id, "association asked to serve a belt");
    Ok(())
}

/// Records `actor`'s request to help run `org`, and tells its owners.
pub async fn ask_to_join(
    db: &DatabaseConnection,
    mail: &MailSettings,
    actor: &CurrentUser,
    org: &organisation::Model,
) -> Result<(), AppError> {
    let txn = crate::db::begin_write(db).await?;
    let inserted = membership::ActiveModel {
        user_id: Set(actor.id),
        organisation_id: Set(org.id),
        role: Set(MemberRole::Editor.code().to_string()),
        created_at: Set(Utc::now()),
        status: Set(MembershipStatus::Pending.code().to_string()),
    }
    .insert(&txn)
    .await;
    match inserted {
        Ok(_) => {}
        // Asked twice at once: the first request stands.
        Err(err) if matches!(err.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_))) => return Ok(()),
        Err(err) => return Err(err.into()),
    }
    let name = org_name(org);
    let who = &actor.display_name;
    let title =
        Bilingual::new(format!("{who} 申请参与管理“{}”", name.get(Lang::Zh)), format!("{who} asks to help run {}", name.get(Lang::En)));
    let owners = crate::read::active_owners(&txn, org.id).await?;
    notify(&txn, mail, &owners, &Notice { kind: NotificationKind::JoinRequested, title, link: format!("/orgs/{}", org.slug) }).await?;
    txn.commit().await?;
    Ok(())
}

/// Accepts (as a member) or declines someone's request to help run `org`.
///
/// # Errors
/// `NotFound` when that person has no request waiting.
pub async fn decide_join(
    db: &DatabaseConnection,
    mail: &MailSettings,
    org: &organisation::Model,
    user_id: i32,
    decision: Decision,
) -> Result<(), AppError> {
    let txn = crate::db::begin_write(db).await?;
    let waiting = membership::Entity::find()
        .filter(membership::Column::OrganisationId.eq(org.id))
        .filter(membership::Column::UserId.eq(user_id))
        .filter(membership::Column::Status.eq(MembershipStatus::Pending.code()))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    match decision {
        Decision::Approve => {
            let mut active: membership::ActiveModel = waiting.into();
            active.status = Set(MembershipStatus::Active.code().to_string());
            active.update(&txn).await?;
        }
        Decision::Decline => {
            membership::Entity::delete_many()
                .filter(membership::Column::OrganisationId.eq(org.id))
                .filter(membership::Column::UserId.eq(user_id))
                .exec(&txn)
                .await?;
        }
    }
    let name = org_name(org);
    let title = match decision {
        Decision::Approve => {
            Bilingual::new(format!("你已加入“{}”", name.get(Lang::Zh)), format!("You now help run {}", name.get(Lang::En)))
        }
        Decision::Decline => Bilingual::new(
            format!("加入“{}”的申请未获同意", name.get(Lang::Zh)),
            format!("Your request to help run {} was declined", name.get(Lang::En)),
        ),
    };
    notify(&txn, mail, &[user_id], &Notice { kind: NotificationKind::JoinDecided, title, link: format!("/orgs/{}", org.slug) }).await?;
    txn.commit().await?;
    Ok(())
}
