//! Reading organisations from the database into the shared types.

use crate::read::org_name;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::accounts::types::MembershipStatus;
use crate::entities::{belt, belt_organisation, organisation};
use crate::error::AppError;
use crate::i18n::Bilingual;
use crate::orgs::policy::{self, Standing};
use crate::orgs::types::{BeltRole, OrgBelt, OrgDetail, OrgKind, Verification};

/// One organisation with the belts it works in.
///
/// # Errors
/// `NotFound` when no organisation has this slug.
pub async fn detail<C: ConnectionTrait>(db: &C, slug: &str) -> Result<OrgDetail, AppError> {
    let o = organisation::Entity::find().filter(organisation::Column::Slug.eq(slug)).one(db).await?.ok_or(AppError::NotFound)?;
    let kind = OrgKind::from_code(&o.kind).ok_or_else(|| {
        tracing::error!(slug, kind = o.kind, "organisation has an unknown kind");
        AppError::Internal
    })?;
    let links = belt_organisation::Entity::find().filter(belt_organisation::Column::OrganisationId.eq(o.id)).all(db).await?;
    let belts_found = belt::Entity::find().filter(belt::Column::Id.is_in(links.iter().map(|l| l.belt_id))).all(db).await?;
    let (mut belts, mut pending_belts): (Vec<OrgBelt>, Vec<OrgBelt>) = (Vec::new(), Vec::new());
    for b in belts_found {
        let Some(link) = links.iter().find(|l| l.belt_id == b.id) else { continue };
        let Some(role) = BeltRole::from_code(&link.role) else { continue };
        let belt = OrgBelt { role, name: Bilingual::new(b.name_zh, b.name_en), slug: b.slug };
        if link.approved_at.is_some() {
            belts.push(belt);
        } else {
            pending_belts.push(belt);
        }
    }
    belts.sort_by(|a, b| a.slug.cmp(&b.slug));
    pending_belts.sort_by(|a, b| a.slug.cmp(&b.slug));
    let verification = match (&o.verified_at, &o.verified_by) {
        (Some(at), Some(by)) => Some(Verification { verified_at: (*at).into(), verified_by: by.clone() }),
        _ => None,
    };
    let has_published_profile = crate::read::supply_profile_of(db, o.id)
        .await?
        .is_some_and(|p| p.status == crate::suppliers::types::ProfileStatus::Published.code());
    let offerings = crate::read::offerings_of(db, o.id, false).await?;
    let verifications = crate::orgs::verifications::history(db, o.id).await?;
    Ok(OrgDetail {
        pending_belts,
        verifications,
        awaiting_approval: policy::needs_approval(kind) && o.approved_at.is_none(),
        has_published_profile,
        offerings,
        name: org_name(&o),
        slug: o.slug,
        kind,
        description: Bilingual::new(o.description_zh, o.description_en),
        province: o.province,
        city: Bilingual::new(o.city_zh.unwrap_or_default(), o.city_en.unwrap_or_default()),
        source: o.source,
        is_demo: o.is_demo,
        verification,
        belts,
        hidden_reason: o.hidden_at.map(|_| o.hidden_reason.clone().unwrap_or_default()),
        review_reason: o.review_reason.clone(),
    })
}

/// What a new organisation is made of, checked already.
#[derive(Clone, Debug, PartialEq)]
pub struct NewOrganisation {
    pub kind: OrgKind,
    pub name: Bilingual,
    pub description: Bilingual,
    pub province: Option<String>,
    pub city: Bilingual,
    pub belt_ids: Vec<i32>,
    /// Who creates it (`None`: the demo data).
    pub created_by: Option<i32>,
    /// Whether it may use its powers at once; an association or school
    /// created as a request waits for a site admin.
    pub approved: bool,
    /// The address it must have (the demo data's own); `None`: made from its name.
    pub slug: Option<String>,
    /// Where its facts come from (the demo data's articles).
    pub source: Option<String>,
    /// Part of the demo data.
    pub is_demo: bool,
}

impl NewOrganisation {
    /// An organisation someone creates through the site.
    pub fn by(created_by: i32, kind: OrgKind, name: Bilingual, belt_ids: Vec<i32>, approved: bool) -> NewOrganisation {
        NewOrganisation {
            kind,
            name,
            description: Bilingual::default(),
            province: None,
            city: Bilingual::default(),
            belt_ids,
            created_by: Some(created_by),
            approved,
            slug: None,
            source: None,
            is_demo: false,
        }
    }
}

/// How an organisation of `kind` relates to the belts it names.
pub fn belt_role_for(kind: OrgKind) -> BeltRole {
    match kind {
        OrgKind::Manufacturer => BeltRole::Member,
        OrgKind::Platform => BeltRole::Platform,
        OrgKind::Association => BeltRole::Association,
        OrgKind::ServiceProvider | OrgKind::School => BeltRole::Service,
    }
}

fn non_empty(text: &str) -> Option<String> {
    Some(text.trim().to_string()).filter(|t| !t.is_empty())
}

/// A slug no organisation has or had, from the English name, else the
/// Chinese name's pinyin, else the kind.
async fn unused_slug<C: ConnectionTrait>(db: &C, name: &Bilingual, kind: OrgKind, own_id: Option<i32>) -> Result<String, AppError> {
    use crate::entities::organisation_slug;
    let base = crate::orgs::rules::slug_base(name, kind);
    for n in 1.. {
        let candidate = if n == 1 { base.clone() } else { format!("{base}-{n}") };
        // `new` is the address of the creation form.
        let holder = organisation::Entity::find().filter(organisation::Column::Slug.eq(&candidate)).one(db).await?.map(|o| o.id);
        let former_holder = organisation_slug::Entity::find_by_id(candidate.clone()).one(db).await?.map(|s| s.organisation_id);
        // An organisation may take back one of its own former addresses.
        let taken = candidate == "new" || holder.is_some() || former_holder.is_some_and(|id| Some(id) != own_id);
        if !taken {
            return Ok(candidate);
        }
    }
    unreachable!("some suffix is free")
}

/// Creates the organisation with `owner` as its owner, linked to its belts,
/// and queues it for search, all in one transaction. Returns its slug.
pub async fn create(
    db: &sea_orm::DatabaseConnection,
    owner: &crate::accounts::types::CurrentUser,
    new: NewOrganisation,
) -> Result<String, AppError> {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let txn = crate::db::begin_write(db).await?;
    let (id, slug) = insert_organisation(&txn, &new).await?;
    crate::entities::membership::ActiveModel {
        user_id: Set(owner.id),
        organisation_id: Set(id),
        role: Set(crate::accounts::types::MemberRole::Owner.code().to_string()),
        created_at: Set(chrono::Utc::now()),
        status: Set(MembershipStatus::Active.code().to_string()),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(slug)
}

/// Inserts the organisation with its belt links and queues it for search,
/// inside the caller's transaction. Returns its id and slug.
pub async fn insert_organisation<C: ConnectionTrait>(txn: &C, new: &NewOrganisation) -> Result<(i32, String), AppError> {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let slug = match &new.slug {
        Some(slug) => slug.clone(),
        None => unused_slug(txn, &new.name, new.kind, None).await?,
    };
    let now = chrono::Utc::now();
    let created = organisation::ActiveModel {
        slug: Set(slug.clone()),
        kind: Set(new.kind.code().to_string()),
        name_zh: Set(non_empty(&new.name.zh)),
        name_en: Set(non_empty(&new.name.en)),
        description_zh: Set(new.description.zh.trim().to_string()),
        description_en: Set(new.description.en.trim().to_string()),
        province: Set(new.province.clone()),
        city_zh: Set(non_empty(&new.city.zh)),
        city_en: Set(non_empty(&new.city.en)),
        source: Set(new.source.clone()),
        is_demo: Set(new.is_demo),
        verified_at: Set(None),
        verified_by: Set(None),
        verification_evidence: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        approved_at: Set(new.approved.then_some(now)),
        approved_by: Set(new.approved.then_some(new.created_by).flatten()),
        created_by: Set(new.created_by),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    link_belts(txn, created.id, new.kind, &new.belt_ids, new.approved.then_some(now), new.created_by).await?;
    // What people create is checked against names already taken; the demo data is not.
    if new.created_by.is_some() && !new.is_demo {
        flag_if_lookalike(txn, created.id, &new.name).await?;
    }
    crate::changes::enqueue(txn, crate::changes::EntityKind::Organisation, created.id).await?;
    Ok((created.id, slug))
}

/// Flags organisation `id` for a site admin's review when `name` imitates a
/// platform or another organisation (`orgs::rules::resemblance`).
pub async fn flag_if_lookalike<C: ConnectionTrait>(txn: &C, id: i32, name: &Bilingual) -> Result<(), AppError> {
    use sea_orm::sea_query::Expr;
    use sea_orm::QuerySelect;
    let others: Vec<(i32, Option<String>, Option<String>)> = organisation::Entity::find()
        .select_only()
        .columns([organisation::Column::Id, organisation::Column::NameZh, organisation::Column::NameEn])
        .filter(organisation::Column::Id.ne(id))
        .into_tuple()
        .all(txn)
        .await?;
    let existing = others.iter().map(|(id, zh, en)| (*id, zh.as_deref().unwrap_or(""), en.as_deref().unwrap_or("")));
    let Some(found) = crate::orgs::rules::resemblance((&name.zh, &name.en), existing) else { return Ok(()) };
    let reason = match found {
        crate::orgs::rules::Resemblance::Platform(platform) => format!("名称与平台 {platform} 相似 · Name like the platform {platform}"),
        crate::orgs::rules::Resemblance::Organisation { name, .. } => {
            format!("名称与“{name}”相同或相近 · Same or nearly the same name as {name}")
        }
    };
    organisation::Entity::update_many()
        .col_expr(organisation::Column::ReviewReason, Expr::value(reason.chars().take(300).collect::<String>()))
        .filter(organisation::Column::Id.eq(id))
        .exec(txn)
        .await?;
    Ok(())
}

/// Rewrites an organisation's own facts (not its verification or approval)
/// and its belts, and queues it for search, inside the caller's transaction.
/// Belts it keeps keep their approval; new ones are linked as [`link_belts`] does.
pub async fn update_organisation<C: ConnectionTrait>(txn: &C, org_id: i32, new: &NewOrganisation) -> Result<(), AppError> {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, IntoActiveModel};
    let org = organisation::Entity::find_by_id(org_id).one(txn).await?.ok_or(AppError::NotFound)?;
    let mut active = org.into_active_model();
    active.kind = Set(new.kind.code().to_string());
    active.name_zh = Set(non_empty(&new.name.zh));
    active.name_en = Set(non_empty(&new.name.en));
    active.description_zh = Set(new.description.zh.trim().to_string());
    active.description_en = Set(new.description.en.trim().to_string());
    active.province = Set(new.province.clone());
    active.city_zh = Set(non_empty(&new.city.zh));
    active.city_en = Set(non_empty(&new.city.en));
    active.source = Set(new.source.clone());
    active.updated_at = Set(chrono::Utc::now());
    active.update(txn).await?;
    let current: Vec<i32> = belt_organisation::Entity::find()
        .filter(belt_organisation::Column::OrganisationId.eq(org_id))
        .all(txn)
        .await?
        .into_iter()
        .map(|l| l.belt_id)
        .collect();
    belt_organisation::Entity::delete_many()
        .filter(belt_organisation::Column::OrganisationId.eq(org_id))
        .filter(belt_organisation::Column::BeltId.is_not_in(new.belt_ids.iter().copied()))
        .exec(txn)
        .await?;
    let added: Vec<i32> = new.belt_ids.iter().copied().filter(|b| !current.contains(b)).collect();
    let approved_at = new.approved.then(chrono::Utc::now);
    link_belts(txn, org_id, new.kind, &added, approved_at, new.created_by).await?;
    crate::changes::enqueue(txn, crate::changes::EntityKind::Organisation, org_id).await?;
    Ok(())
}

/// Links an organisation to belts in the role its kind has there; an
/// association's links wait for approval unless `approved_at` is given.
pub async fn link_belts<C: ConnectionTrait>(
    txn: &C,
    org_id: i32,
    kind: OrgKind,
    belt_ids: &[i32],
    approved_at: Option<chrono::DateTime<chrono::Utc>>,
    approved_by: Option<i32>,
) -> Result<(), AppError> {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let role = belt_role_for(kind);
    let approved_at = approved_at.or_else(|| (!crate::orgs::policy::needs_approval(kind)).then(chrono::Utc::now));
    for belt_id in belt_ids {
        belt_organisation::ActiveModel {
            belt_id: Set(*belt_id),
            organisation_id: Set(org_id),
            role: Set(role.code().to_string()),
            approved_at: Set(approved_at),
            approved_by: Set(approved_at.and(approved_by)),
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// The ids of the belts with these slugs; `Err` names the first unknown one.
pub async fn belt_ids<C: ConnectionTrait>(db: &C, slugs: &[String]) -> Result<Result<Vec<i32>, String>, AppError> {
    let found = belt::Entity::find().filter(belt::Column::Slug.is_in(slugs.iter().cloned())).all(db).await?;
    let mut ids = Vec::new();
    for slug in slugs {
        match found.iter().find(|b| &b.slug == slug) {
            Some(b) if !ids.contains(&b.id) => ids.push(b.id),
            Some(_) => {}
            None => return Ok(Err(slug.clone())),
        }
    }
    Ok(Ok(ids))
}

/// The user's place in the organisation `org_id`, if any.
pub async fn membership_of<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    org_id: i32,
) -> Result<Option<crate::accounts::types::MemberRole>, AppError> {
    use crate::entities::membership;
    Ok(membership::Entity::find()
        .filter(membership::Column::UserId.eq(user_id))
        .filter(membership::Column::OrganisationId.eq(org_id))
        .filter(membership::Column::Status.eq(MembershipStatus::Active.code()))
        .one(db)
        .await?
        .and_then(|m| crate::accounts::types::MemberRole::from_code(&m.role)))
}

/// What the data says about `org` and `actor`'s relation to it, for `orgs::policy`.
pub async fn standing<C: ConnectionTrait>(
    db: &C,
    actor: &crate::accounts::types::CurrentUser,
    org: &organisation::Model,
) -> Result<Standing, AppError> {
    use crate::entities::membership;
    let kind = OrgKind::from_code(&org.kind);
    let links = membership::Entity::find().filter(membership::Column::UserId.eq(actor.id)).all(db).await?;
    let here = links.iter().find(|m| m.organisation_id == org.id);
    let active = |m: &&membership::Model| m.status == MembershipStatus::Active.code();
    // The approved associations this actor actively helps run, and the belts they are approved to serve.
    let associations: Vec<i32> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(links.iter().filter(active).map(|m| m.organisation_id)))
        .filter(organisation::Column::Kind.eq(OrgKind::Association.code()))
        .filter(organisation::Column::ApprovedAt.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.id)
        .collect();
    let served_belts: Vec<(i32, i32)> = belt_organisation::Entity::find()
        .filter(belt_organisation::Column::OrganisationId.is_in(associations))
        .filter(belt_organisation::Column::ApprovedAt.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .map(|l| (l.belt_id, l.organisation_id))
        .collect();
    let serving_association = if served_belts.is_empty() {
        None
    } else {
        belt_organisation::Entity::find()
            .filter(belt_organisation::Column::OrganisationId.eq(org.id))
            .filter(belt_organisation::Column::BeltId.is_in(served_belts.iter().map(|(belt, _)| *belt)))
            .one(db)
            .await?
            .and_then(|link| served_belts.iter().find(|(belt, _)| *belt == link.belt_id).map(|(_, association)| *association))
    };
    Ok(Standing {
        kind,
        approved: org.approved_at.is_some() || !kind.is_some_and(policy::needs_approval),
        membership: here.filter(active).and_then(|m| crate::accounts::types::MemberRole::from_code(&m.role)),
        request_pending: here.is_some_and(|m| m.status == MembershipStatus::Pending.code()),
        created_by_actor: org.created_by == Some(actor.id),
        in_a_belt_the_actor_serves: serving_association.is_some(),
        serving_association,
        hidden: org.hidden_at.is_some(),
    })
}

/// What `actor` may do with `org`, by `orgs::policy` (nothing when signed out).
pub async fn permissions<C: ConnectionTrait>(
    db: &C,
    actor: Option<&crate::accounts::types::CurrentUser>,
    org: &organisation::Model,
) -> Result<crate::orgs::types::Permissions, AppError> {
    let Some(actor) = actor else {
        let kind = OrgKind::from_code(&org.kind);
        let standing = Standing {
            kind,
            approved: org.approved_at.is_some() || !kind.is_some_and(policy::needs_approval),
            hidden: org.hidden_at.is_some(),
            ..Standing::default()
        };
        return Ok(policy::permissions(None, &standing));
    };
    Ok(policy::permissions(Some(actor), &standing(db, actor, org).await?))
}

/// Records that `verifier` verified the organisation on `evidence`, now,
/// and queues it for search.
pub async fn verify(
    db: &sea_orm::DatabaseConnection,
    org_id: i32,
    verifier: &crate::orgs::verifications::Verifier<'_>,
    evidence: &str,
) -> Result<(), AppError> {
    use sea_orm::sea_query::Expr;
    let txn = crate::db::begin_write(db).await?;
    let entry =
        crate::orgs::verifications::append(&txn, org_id, crate::orgs::types::VerificationSubject::Organisation, "", evidence, verifier)
            .await?;
    organisation::Entity::update_many()
        .col_expr(organisation::Column::VerifiedAt, Expr::value(entry.created_at))
        .col_expr(organisation::Column::VerifiedBy, Expr::value(entry.verifier_name))
        .col_expr(organisation::Column::VerificationEvidence, Expr::value(evidence))
        .col_expr(organisation::Column::UpdatedAt, Expr::value(entry.created_at))
        .filter(organisation::Column::Id.eq(org_id))
        .exec(&txn)
        .await?;
    crate::changes::enqueue(&txn, crate::changes::EntityKind::Organisation, org_id).await?;
    txn.commit().await?;
    Ok(())
}

/// An organisation's own facts as its edit form sends them, checked already.
#[derive(Clone, Debug, PartialEq)]
pub struct OrgFacts {
    pub name: Bilingual,
    pub description: Bilingual,
    pub province: Option<String>,
    pub city: Bilingual,
    pub belt_ids: Vec<i32>,
}

/// Rewrites `org`'s facts and belts for `editor`. A new name gives it a new
/// address when the name makes a different one; the old address is kept so
/// links to it still lead here. Its search documents (its profile's and
/// offerings' too, which carry its name) are queued. Returns the address.
pub async fn edit(
    db: &sea_orm::DatabaseConnection,
    editor: &crate::accounts::types::CurrentUser,
    org: &organisation::Model,
    facts: OrgFacts,
) -> Result<String, AppError> {
    use crate::entities::organisation_slug;
    use sea_orm::sea_query::Expr;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let kind = OrgKind::from_code(&org.kind).ok_or(AppError::Internal)?;
    let txn = crate::db::begin_write(db).await?;
    let renamed = non_empty(&facts.name.zh) != org.name_zh || non_empty(&facts.name.en) != org.name_en;
    let mut slug = org.slug.clone();
    // Only a name that makes another address moves it: "Co., Ltd." → "Co Ltd" keeps it.
    let base = crate::orgs::rules::slug_base(&facts.name, kind);
    let same_base = org.slug == base
        || org.slug.strip_prefix(&base).is_some_and(|rest| rest.strip_prefix('-').is_some_and(|n| n.parse::<u32>().is_ok()));
    if renamed && !same_base && !org.is_demo {
        slug = unused_slug(&txn, &facts.name, kind, Some(org.id)).await?;
        organisation_slug::Entity::delete_by_id(slug.clone()).exec(&txn).await?;
        organisation_slug::ActiveModel { slug: Set(org.slug.clone()), organisation_id: Set(org.id), retired_at: Set(chrono::Utc::now()) }
            .insert(&txn)
            .await?;
        organisation::Entity::update_many()
            .col_expr(organisation::Column::Slug, Expr::value(slug.clone()))
            .filter(organisation::Column::Id.eq(org.id))
            .exec(&txn)
            .await?;
    }
    let admin = editor.role == crate::accounts::types::Role::SiteAdmin;
    let new = NewOrganisation {
        kind,
        name: facts.name,
        description: facts.description,
        province: facts.province,
        city: facts.city,
        belt_ids: facts.belt_ids,
        created_by: Some(editor.id),
        approved: admin,
        slug: Some(slug.clone()),
        source: org.source.clone(),
        is_demo: org.is_demo,
    };
    update_organisation(&txn, org.id, &new).await?;
    if renamed && !admin {
        flag_if_lookalike(&txn, org.id, &new.name).await?;
    }
    requeue_with_its_documents(&txn, org.id).await?;
    txn.commit().await?;
    Ok(slug)
}

/// Queues an organisation and everything it publishes (its profile,
/// offerings and briefs carry its name and visibility) for search.
pub async fn requeue_with_its_documents<C: ConnectionTrait>(txn: &C, org_id: i32) -> Result<(), AppError> {
    use crate::changes::{enqueue, EntityKind};
    use crate::entities::service_offering;
    use sea_orm::QuerySelect;
    enqueue(txn, EntityKind::Organisation, org_id).await?;
    if let Some(profile) = crate::read::supply_profile_of(txn, org_id).await? {
        enqueue(txn, EntityKind::SupplyProfile, profile.id).await?;
    }
    let offerings: Vec<i32> = service_offering::Entity::find()
        .select_only()
        .column(service_offering::Column::Id)
        .filter(service_offering::Column::OrganisationId.eq(org_id))
        .into_tuple()
        .all(txn)
        .await?;
    for id in offerings {
        enqueue(txn, EntityKind::Offering, id).await?;
    }
    // A platform's briefs carry its name and go with its visibility.
    let briefs: Vec<i32> = crate::entities::brief::Entity::find()
        .select_only()
        .column(crate::entities::brief::Column::Id)
        .filter(crate::entities::brief::Column::OrganisationId.eq(org_id))
        .into_tuple()
        .all(txn)
        .await?;
    for id in briefs {
        enqueue(txn, EntityKind::Brief, id).await?;
    }
    // An association's policy notices go with its visibility.
    let notices: Vec<i32> = crate::entities::policy_notice::Entity::find()
        .select_only()
        .column(crate::entities::policy_notice::Column::Id)
        .filter(crate::entities::policy_notice::Column::PublisherId.eq(org_id))
        .into_tuple()
        .all(txn)
        .await?;
    for id in notices {
        enqueue(txn, EntityKind::PolicyNotice, id).await?;
    }
    // So do the programs it runs.
    let programs: Vec<i32> = crate::entities::talent_program::Entity::find()
        .select_only()
        .column(crate::entities::talent_program::Column::Id)
        .filter(crate::entities::talent_program::Column::OrganiserId.eq(org_id))
        .into_tuple()
        .all(txn)
        .await?;
    for id in programs {
        enqueue(txn, EntityKind::TalentProgram, id).await?;
    }
    Ok(())
}

/// Where the organisation once at `slug` lives now: renamed away from it, or
/// merged into another (followed through a few merges).
pub async fn renamed<C: ConnectionTrait>(db: &C, slug: &str) -> Result<Option<String>, AppError> {
    use crate::entities::organisation_slug;
    let mut current = match organisation_slug::Entity::find_by_id(slug.to_string()).one(db).await? {
        Some(former) => organisation::Entity::find_by_id(former.organisation_id).one(db).await?,
        None => organisation::Entity::find().filter(organisation::Column::Slug.eq(slug)).one(db).await?,
    };
    for _ in 0..5 {
        match current.as_ref().and_then(|o| o.merged_into) {
            Some(into) => current = organisation::Entity::find_by_id(into).one(db).await?,
            None => break,
        }
    }
    Ok(current.map(|o| o.slug).filter(|now| now != slug))
}

/// `org` as its edit form shows it.
pub async fn form_values<C: ConnectionTrait>(db: &C, org: &organisation::Model) -> Result<crate::orgs::types::OrgFormValues, AppError> {
    let links = belt_organisation::Entity::find().filter(belt_organisation::Column::OrganisationId.eq(org.id)).all(db).await?;
    let belts = belt::Entity::find().filter(belt::Column::Id.is_in(links.iter().map(|l| l.belt_id))).all(db).await?;
    Ok(crate::orgs::types::OrgFormValues {
        slug: org.slug.clone(),
        kind: OrgKind::from_code(&org.kind),
        name_zh: org.name_zh.clone().unwrap_or_default(),
        name_en: org.name_en.clone().unwrap_or_default(),
        description_zh: org.description_zh.clone(),
        description_en: org.description_en.clone(),
        province: org.province.clone().unwrap_or_default(),
        city_zh: org.city_zh.clone().unwrap_or_default(),
        city_en: org.city_en.clone().unwrap_or_default(),
        belts: belts.into_iter().map(|b| b.slug).collect(),
    })
}
