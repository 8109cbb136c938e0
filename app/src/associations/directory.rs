//! The association directory and profile, committees, secretariats and
//! firms' applications to join: the data layer. Server only; the actor is
//! passed in, never read from the request.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::accounts::types::MemberRole;
use crate::associations::types::*;
use crate::entities::{association_member, committee, committee_member, membership_application, organisation, secretariat};
use crate::error::AppError;
use crate::i18n::Bilingual;
use crate::notifications::repo::{notify, Notice};
use crate::notifications::types::NotificationKind;
use crate::orgs::types::OrgKind;
use crate::read::{named_org, org_name};
use crate::state::MailSettings;

/// How many decided applications the manage page lists.
const RECENT_DECISIONS: u64 = 20;

fn city(org: &organisation::Model) -> Bilingual {
    Bilingual::new(org.city_zh.clone().unwrap_or_default(), org.city_en.clone().unwrap_or_default())
}

/// Secretariats by association, in their order.
async fn secretariats_of<C: ConnectionTrait>(db: &C, ids: &[i32]) -> Result<HashMap<i32, Vec<Bilingual>>, AppError> {
    let mut out: HashMap<i32, Vec<Bilingual>> = HashMap::new();
    for s in secretariat::Entity::find()
        .filter(secretariat::Column::AssociationId.is_in(ids.iter().copied()))
        .order_by_asc(secretariat::Column::Position)
        .all(db)
        .await?
    {
        out.entry(s.association_id).or_default().push(Bilingual::new(s.city_zh, s.city_en));
    }
    Ok(out)
}

/// Member firm ids of each association.
async fn member_ids<C: ConnectionTrait>(db: &C, association_ids: &[i32]) -> Result<HashMap<i32, Vec<i32>>, AppError> {
    let mut out: HashMap<i32, Vec<i32>> = HashMap::new();
    for m in association_member::Entity::find()
        .filter(association_member::Column::AssociationId.is_in(association_ids.iter().copied()))
        .all(db)
        .await?
    {
        out.entry(m.association_id).or_default().push(m.organisation_id);
    }
    Ok(out)
}

/// Visible member firms of one association, by name.
async fn members<C: ConnectionTrait>(db: &C, association_id: i32) -> Result<Vec<organisation::Model>, AppError> {
    let ids = member_ids(db, &[association_id]).await?.remove(&association_id).unwrap_or_default();
    let mut firms = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(ids))
        .filter(organisation::Column::HiddenAt.is_null())
        .all(db)
        .await?;
    firms.sort_by_cached_key(|f| org_name(f).zh);
    Ok(firms)
}

/// The association's visible member firms, named, for choosing chairs and committee members.
pub async fn member_names<C: ConnectionTrait>(db: &C, association_id: i32) -> Result<Vec<Named>, AppError> {
    Ok(members(db, association_id).await?.iter().map(named_org).collect())
}

/// Committees of one association in the order of their kinds, with chairs and members named.
async fn committees<C: ConnectionTrait>(db: &C, association_id: i32) -> Result<Vec<CommitteeView>, AppError> {
    let rows = committee::Entity::find().filter(committee::Column::AssociationId.eq(association_id)).all(db).await?;
    let seats =
        committee_member::Entity::find().filter(committee_member::Column::CommitteeId.is_in(rows.iter().map(|c| c.id))).all(db).await?;
    let firm_ids: HashSet<i32> =
        seats.iter().map(|s| s.organisation_id).chain(rows.iter().filter_map(|c| c.chair_organisation_id)).collect();
    let firms: HashMap<i32, organisation::Model> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(firm_ids))
        .filter(organisation::Column::HiddenAt.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|f| (f.id, f))
        .collect();
    let mut views: Vec<CommitteeView> = rows
        .iter()
        .filter_map(|c| {
            let kind = CommitteeKind::from_code(&c.kind)?;
            let mut members: Vec<Named> =
                seats.iter().filter(|s| s.committee_id == c.id).filter_map(|s| firms.get(&s.organisation_id).map(named_org)).collect();
            members.sort_by(|a, b| a.name.zh.cmp(&b.name.zh));
            Some(CommitteeView { kind, chair: c.chair_organisation_id.and_then(|id| firms.get(&id)).map(named_org), members })
        })
        .collect();
    views.sort_by_key(|v| v.kind);
    Ok(views)
}

/// `/associations`: approved, visible associations by name.
pub async fn directory<C: ConnectionTrait>(db: &C) -> Result<Vec<AssociationCard>, AppError> {
    let associations = organisation::Entity::find()
        .filter(organisation::Column::Kind.eq(OrgKind::Association.code()))
        .filter(organisation::Column::ApprovedAt.is_not_null())
        .filter(organisation::Column::HiddenAt.is_null())
        .all(db)
        .await?;
    let ids: Vec<i32> = associations.iter().map(|a| a.id).collect();
    let mut belts = crate::associations::repo::belts_of(db, &ids).await?;
    let mut secretariats = secretariats_of(db, &ids).await?;
    let mut members = member_ids(db, &ids).await?;
    // Count only the members anyone can see, as each profile lists them.
    let hidden: HashSet<i32> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(members.values().flatten().copied()))
        .filter(organisation::Column::HiddenAt.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .map(|o| o.id)
        .collect();
    for firms in members.values_mut() {
        firms.retain(|f| !hidden.contains(f));
    }
    let mut kinds: HashMap<i32, Vec<CommitteeKind>> = HashMap::new();
    for c in committee::Entity::find().filter(committee::Column::AssociationId.is_in(ids.iter().copied())).all(db).await? {
        if let Some(kind) = CommitteeKind::from_code(&c.kind) {
            kinds.entry(c.association_id).or_default().push(kind);
        }
    }
    let mut cards: Vec<AssociationCard> = associations
        .iter()
        .map(|a| {
            let mut committees = kinds.remove(&a.id).unwrap_or_default();
            committees.sort();
            AssociationCard {
                slug: a.slug.clone(),
                name: org_name(a),
                city: city(a),
                belts: belts.remove(&a.id).unwrap_or_default(),
                members: members.get(&a.id).map_or(0, |m| m.len() as u64),
                committees,
                secretariats: secretariats.remove(&a.id).unwrap_or_default(),
            }
        })
        .collect();
    cards.sort_by(|a, b| a.name.zh.cmp(&b.name.zh));
    Ok(cards)
}

fn application_view(a: membership_application::Model, names: &HashMap<i32, organisation::Model>) -> Option<ApplicationView> {
    Some(ApplicationView {
        id: a.id,
        association: named_org(names.get(&a.association_id)?),
        firm: named_org(names.get(&a.organisation_id)?),
        message: a.message,
        status: ApplicationStatus::from_code(&a.status)?,
        reason: a.reason,
        created_at: a.created_at.into(),
        decided_at: a.decided_at.map(Into::into),
    })
}

/// Applications, newest first, with their firms and associations named.
async fn application_views<C: ConnectionTrait>(db: &C, rows: Vec<membership_application::Model>) -> Result<Vec<ApplicationView>, AppError> {
    let ids: HashSet<i32> = rows.iter().flat_map(|a| [a.association_id, a.organisation_id]).collect();
    let names: HashMap<i32, organisation::Model> =
        organisation::Entity::find().filter(organisation::Column::Id.is_in(ids)).all(db).await?.into_iter().map(|o| (o.id, o)).collect();
    Ok(rows.into_iter().filter_map(|a| application_view(a, &names)).collect())
}

/// Firms `user_id` runs (owner or editor) that could join an association, with their ids.
pub async fn firms_run_by<C: ConnectionTrait>(db: &C, user_id: i32) -> Result<Vec<(organisation::Model, MemberRole)>, AppError> {
    let places = crate::read::active_places(db, user_id).await?;
    let mut firms: Vec<(organisation::Model, MemberRole)> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(places.keys().copied()))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|o| places.get(&o.id).copied().map(|role| (o, role)))
        .collect();
    firms.sort_by(|a, b| a.0.slug.cmp(&b.0.slug));
    Ok(firms)
}

/// Whether `firm_id` is a member of the association, and whether it has an application waiting.
pub async fn firm_standing<C: ConnectionTrait>(db: &C, association_id: i32, firm_id: i32) -> Result<(bool, bool), AppError> {
    let member = association_member::Entity::find_by_id((association_id, firm_id)).one(db).await?.is_some();
    let pending = membership_application::Entity::find()
        .filter(membership_application::Column::AssociationId.eq(association_id))
        .filter(membership_application::Column::OrganisationId.eq(firm_id))
        .filter(membership_application::Column::Status.eq(ApplicationStatus::Pending.code()))
        .one(db)
        .await?
        .is_some();
    Ok((member, pending))
}

/// `/associations/{slug}`, for a viewer whose firms (run by them) are given
/// with what `associations::policy` allows each.
pub async fn profile<C: ConnectionTrait>(
    db: &C,
    association: &organisation::Model,
    manages: bool,
    may_apply_for: Vec<Named>,
    viewer_firm_ids: &[i32],
    signed_in: bool,
) -> Result<AssociationProfile, AppError> {
    let mut belts = crate::associations::repo::belts_of(db, &[association.id]).await?;
    let applications = membership_application::Entity::find()
        .filter(membership_application::Column::AssociationId.eq(association.id))
        .filter(membership_application::Column::OrganisationId.is_in(viewer_firm_ids.iter().copied()))
        .order_by_desc(membership_application::Column::Id)
        .all(db)
        .await?;
    Ok(AssociationProfile {
        slug: association.slug.clone(),
        name: org_name(association),
        description: Bilingual::new(association.description_zh.clone(), association.description_en.clone()),
        city: city(association),
        belts: belts.remove(&association.id).unwrap_or_default(),
        secretariats: secretariats_of(db, &[association.id]).await?.remove(&association.id).unwrap_or_default(),
        committees: committees(db, association.id).await?,
        members: member_names(db, association.id).await?,
        viewer: Viewer { signed_in, manages, may_apply_for, applications: application_views(db, applications).await? },
    })
}

/// `/associations/{slug}/manage`
pub async fn manage_page<C: ConnectionTrait>(db: &C, association: &organisation::Model) -> Result<ManagePage, AppError> {
    let base = || membership_application::Entity::find().filter(membership_application::Column::AssociationId.eq(association.id));
    let pending = base()
        .filter(membership_application::Column::Status.eq(ApplicationStatus::Pending.code()))
        .order_by_asc(membership_application::Column::Id)
        .all(db)
        .await?;
    let decided = base()
        .filter(membership_application::Column::Status.ne(ApplicationStatus::Pending.code()))
        .order_by_desc(membership_application::Column::Id)
        .limit(RECENT_DECISIONS)
        .all(db)
        .await?;
    Ok(ManagePage {
        association: named_org(association),
        pending: application_views(db, pending).await?,
        decided: application_views(db, decided).await?,
        secretariats: secretariats_of(db, &[association.id]).await?.remove(&association.id).unwrap_or_default(),
        committees: committees(db, association.id).await?,
        members: member_names(db, association.id).await?,
    })
}

/// One application, with the ids a server function checks.
pub async fn application<C: ConnectionTrait>(db: &C, id: i32) -> Result<membership_application::Model, AppError> {
    membership_application::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)
}

/// Records `firm`'s application and tells the association's people.
pub async fn apply<C: ConnectionTrait>(
    txn: &C,
    mail: &MailSettings,
    association: &organisation::Model,
    firm: &organisation::Model,
    actor_id: i32,
    message: &str,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let row = membership_application::Entity::insert(membership_application::ActiveModel {
        association_id: Set(association.id),
        organisation_id: Set(firm.id),
        applied_by: Set(Some(actor_id)),
        message: Set(message.to_string()),
        status: Set(ApplicationStatus::Pending.code().to_string()),
        reason: Set(String::new()),
        decided_by: Set(None),
        created_at: Set(now),
        decided_at: Set(None),
        ..Default::default()
    })
    .exec(txn)
    .await?;
    let name = org_name(firm);
    let notice = Notice {
        kind: NotificationKind::MembershipApplied,
        title: Bilingual::new(format!("{} 申请加入本协会", name.zh), format!("{} applies to join", name.en)),
        link: format!("/associations/{}/manage", association.slug),
    };
    notify(txn, mail, &crate::read::active_runners(txn, &[association.id]).await?, &notice).await?;
    Ok(row.last_insert_id)
}

/// Approves (adding the firm as a member) or declines an application, and
/// tells the firm's people.
pub async fn decide<C: ConnectionTrait>(
    txn: &C,
    mail: &MailSettings,
    application: &membership_application::Model,
    association: &organisation::Model,
    approve: bool,
    reason: &str,
    actor_id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let status = if approve { ApplicationStatus::Approved } else { ApplicationStatus::Declined };
    let updated = membership_application::Entity::update_many()
        .col_expr(membership_application::Column::Status, status.code().into())
        .col_expr(membership_application::Column::Reason, reason.into())
        .col_expr(membership_application::Column::DecidedBy, Some(actor_id).into())
        .col_expr(membership_application::Column::DecidedAt, Some(now).into())
        .filter(membership_application::Column::Id.eq(application.id))
        // Two managers deciding at once: the first decision stands.
        .filter(membership_application::Column::Status.eq(ApplicationStatus::Pending.code()))
        .exec(txn)
        .await?;
    if updated.rows_affected == 0 {
        return Err(crate::forms::FormErrors::refusing("decision", crate::forms::Problem::AlreadyClosed));
    }
    if approve && association_member::Entity::find_by_id((association.id, application.organisation_id)).one(txn).await?.is_none() {
        association_member::Entity::insert(association_member::ActiveModel {
            association_id: Set(association.id),
            organisation_id: Set(application.organisation_id),
            created_at: Set(now),
        })
        .exec(txn)
        .await?;
    }
    let name = org_name(association);
    let title = if approve {
        Bilingual::new(format!("已加入{}", name.zh), format!("Welcome to {}", name.en))
    } else {
        Bilingual::new(format!("{}未通过入会申请", name.zh), format!("{} declined the application", name.en))
    };
    let notice = Notice { kind: NotificationKind::MembershipDecided, title, link: format!("/associations/{}", association.slug) };
    notify(txn, mail, &crate::read::active_runners(txn, &[application.organisation_id]).await?, &notice).await
}

/// Withdraws a waiting application.
pub async fn withdraw<C: ConnectionTrait>(txn: &C, application_id: i32, now: DateTime<Utc>) -> Result<(), AppError> {
    let updated = membership_application::Entity::update_many()
        .col_expr(membership_application::Column::Status, ApplicationStatus::Withdrawn.code().into())
        .col_expr(membership_application::Column::DecidedAt, Some(now).into())
        .filter(membership_application::Column::Id.eq(application_id))
        .filter(membership_application::Column::Status.eq(ApplicationStatus::Pending.code()))
        .exec(txn)
        .await?;
    if updated.rows_affected == 0 {
        return Err(crate::forms::FormErrors::refusing("decision", crate::forms::Problem::AlreadyClosed));
    }
    Ok(())
}

/// How many secretariats an association lists.
pub async fn secretariat_count<C: ConnectionTrait>(db: &C, association_id: i32) -> Result<u64, AppError> {
    use sea_orm::PaginatorTrait;
    Ok(secretariat::Entity::find().filter(secretariat::Column::AssociationId.eq(association_id)).count(db).await?)
}

/// Replaces an association's secretariats.
pub async fn save_secretariats<C: ConnectionTrait>(txn: &C, association_id: i32, cities: &[Bilingual]) -> Result<(), AppError> {
    secretariat::Entity::delete_many().filter(secretariat::Column::AssociationId.eq(association_id)).exec(txn).await?;
    if !cities.is_empty() {
        secretariat::Entity::insert_many(cities.iter().enumerate().map(|(i, c)| secretariat::ActiveModel {
            association_id: Set(association_id),
            city_zh: Set(c.zh.clone()),
            city_en: Set(c.en.clone()),
            position: Set(i as i32),
            ..Default::default()
        }))
        .exec(txn)
        .await?;
    }
    Ok(())
}

/// Member firm ids by slug, for checking a committee form against the members.
pub async fn member_slugs<C: ConnectionTrait>(db: &C, association_id: i32) -> Result<HashMap<String, i32>, AppError> {
    Ok(members(db, association_id).await?.into_iter().map(|m| (m.slug, m.id)).collect())
}

/// Sets up or changes a committee (chair and members), or removes it (`None`).
pub async fn save_committee<C: ConnectionTrait>(
    txn: &C,
    association_id: i32,
    kind: CommitteeKind,
    seats: Option<(Option<i32>, Vec<i32>)>,
) -> Result<(), AppError> {
    let existing = committee::Entity::find()
        .filter(committee::Column::AssociationId.eq(association_id))
        .filter(committee::Column::Kind.eq(kind.code()))
        .one(txn)
        .await?;
    let Some((chair, members)) = seats else {
        if let Some(c) = existing {
            committee::Entity::delete_by_id(c.id).exec(txn).await?;
        }
        return Ok(());
    };
    let id = match existing {
        Some(c) => {
            committee::Entity::update_many()
                .col_expr(committee::Column::ChairOrganisationId, chair.into())
                .filter(committee::Column::Id.eq(c.id))
                .exec(txn)
                .await?;
            c.id
        }
        None => {
            committee::Entity::insert(committee::ActiveModel {
                association_id: Set(association_id),
                kind: Set(kind.code().to_string()),
                chair_organisation_id: Set(chair),
                ..Default::default()
            })
            .exec(txn)
            .await?
            .last_insert_id
        }
    };
    committee_member::Entity::delete_many().filter(committee_member::Column::CommitteeId.eq(id)).exec(txn).await?;
    if !members.is_empty() {
        committee_member::Entity::insert_many(
            members
                .into_iter()
                .map(|organisation_id| committee_member::ActiveModel { committee_id: Set(id), organisation_id: Set(organisation_id) }),
        )
        .exec(txn)
        .await?;
    }
    Ok(())
}

/// One committee of an association, for its edit form (`None`: not set up yet).
pub async fn committee_of<C: ConnectionTrait>(db: &C, association_id: i32, kind: CommitteeKind) -> Result<Option<CommitteeView>, AppError> {
    Ok(committees(db, association_id).await?.into_iter().find(|c| c.kind == kind))
}
