//! Reading organisations from the database into the shared types.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::entities::{belt, belt_organisation, organisation};
use crate::error::AppError;
use crate::i18n::Bilingual;
use crate::orgs::types::{BeltRole, OrgBelt, OrgDetail, OrgKind, Verification};

pub fn org_name(o: &organisation::Model) -> Bilingual {
    Bilingual::new(o.name_zh.clone().unwrap_or_default(), o.name_en.clone().unwrap_or_default())
}

/// One organisation with the belts it works in.
///
/// # Errors
/// `NotFound` when no organisation has this slug.
pub async fn detail<C: ConnectionTrait>(db: &C, slug: &str) -> Result<OrgDetail, AppError> {
    let o = organisation::Entity::find()
        .filter(organisation::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let kind = OrgKind::from_code(&o.kind).ok_or_else(|| {
        tracing::error!(slug, kind = o.kind, "organisation has an unknown kind");
        AppError::Internal
    })?;
    let links = belt_organisation::Entity::find()
        .filter(belt_organisation::Column::OrganisationId.eq(o.id))
        .all(db)
        .await?;
    let belts_found = belt::Entity::find()
        .filter(belt::Column::Id.is_in(links.iter().map(|l| l.belt_id)))
        .all(db)
        .await?;
    let mut belts: Vec<OrgBelt> = belts_found
        .into_iter()
        .filter_map(|b| {
            let link = links.iter().find(|l| l.belt_id == b.id)?;
            Some(OrgBelt {
                role: BeltRole::from_code(&link.role)?,
                name: Bilingual::new(b.name_zh, b.name_en),
                slug: b.slug,
            })
        })
        .collect();
    belts.sort_by(|a, b| a.slug.cmp(&b.slug));
    let verification = match (&o.verified_at, &o.verified_by) {
        (Some(at), Some(by)) => Some(Verification { verified_at: at.format("%Y-%m-%d").to_string(), verified_by: by.clone() }),
        _ => None,
    };
    let has_published_profile = crate::suppliers::repo::find_for_org(db, o.id)
        .await?
        .is_some_and(|p| p.status == crate::suppliers::types::ProfileStatus::Published.code());
    let offerings = crate::services::repo::offerings_of(db, o.id, false).await?;
    Ok(OrgDetail {
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

/// A slug no organisation has yet, from the English name (else the kind).
async fn unused_slug<C: ConnectionTrait>(db: &C, new: &NewOrganisation) -> Result<String, AppError> {
    let mut base = crate::orgs::rules::slugify(&new.name.en);
    if base.is_empty() {
        base = new.kind.code().replace('_', "-");
    }
    for n in 1.. {
        let candidate = if n == 1 { base.clone() } else { format!("{base}-{n}") };
        // `new` is the address of the creation form.
        let taken = candidate == "new"
            || organisation::Entity::find().filter(organisation::Column::Slug.eq(&candidate)).one(db).await?.is_some();
        if !taken {
            return Ok(candidate);
        }
    }
    unreachable!("some suffix is free")
}

/// Creates the organisation with `user_id` as its owner, linked to its belts,
/// and queues it for search, all in one transaction. Returns its slug.
pub async fn create(db: &sea_orm::DatabaseConnection, user_id: i32, new: NewOrganisation) -> Result<String, AppError> {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let txn = crate::db::begin_write(db).await?;
    let (id, slug) = insert_organisation(&txn, &new).await?;
    crate::entities::membership::ActiveModel {
        user_id: Set(user_id),
        organisation_id: Set(id),
        role: Set(crate::accounts::types::MemberRole::Owner.code().to_string()),
        created_at: Set(chrono::Utc::now()),
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
    let slug = unused_slug(txn, new).await?;
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
        source: Set(None),
        is_demo: Set(false),
        verified_at: Set(None),
        verified_by: Set(None),
        verification_evidence: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let role = belt_role_for(new.kind);
    for belt_id in &new.belt_ids {
        belt_organisation::ActiveModel {
            belt_id: Set(*belt_id),
            organisation_id: Set(created.id),
            role: Set(role.code().to_string()),
        }
        .insert(txn)
        .await?;
    }
    crate::search::outbox::enqueue(txn, crate::search::document::EntityKind::Organisation, created.id).await?;
    Ok((created.id, slug))
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
        .one(db)
        .await?
        .and_then(|m| crate::accounts::types::MemberRole::from_code(&m.role)))
}

/// What `user` may do on the organisation's page, by the rules in `orgs::rules`.
pub async fn permissions<C: ConnectionTrait>(
    db: &C,
    user: &crate::accounts::types::CurrentUser,
    org: &organisation::Model,
) -> Result<crate::orgs::types::Permissions, AppError> {
    use crate::entities::membership;
    use crate::orgs::rules;
    let membership = membership_of(db, user.id, org.id).await?;
    // The belts served by associations this user belongs to.
    let association_ids: Vec<i32> = membership::Entity::find()
        .filter(membership::Column::UserId.eq(user.id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.organisation_id)
        .collect();
    let associations = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(association_ids))
        .filter(organisation::Column::Kind.eq(OrgKind::Association.code()))
        .all(db)
        .await?;
    let association_belts: Vec<i32> = belt_organisation::Entity::find()
        .filter(belt_organisation::Column::OrganisationId.is_in(associations.iter().map(|a| a.id)))
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.belt_id)
        .collect();
    let shares_a_belt = belt_organisation::Entity::find()
        .filter(belt_organisation::Column::OrganisationId.eq(org.id))
        .filter(belt_organisation::Column::BeltId.is_in(association_belts))
        .one(db)
        .await?
        .is_some();
    let is_their_own = associations.iter().any(|a| a.id == org.id);
    Ok(crate::orgs::types::Permissions {
        edit: rules::may_edit(user.role, membership),
        verify: rules::may_verify(user.role, shares_a_belt, is_their_own),
    })
}

/// Marks the organisation verified by `who`, now, on `evidence`, and queues it for search.
pub async fn verify(db: &sea_orm::DatabaseConnection, org_id: i32, who: &str, evidence: &str) -> Result<(), AppError> {
    use sea_orm::sea_query::Expr;
    let txn = crate::db::begin_write(db).await?;
    let now = chrono::Utc::now();
    organisation::Entity::update_many()
        .col_expr(organisation::Column::VerifiedAt, Expr::value(now))
        .col_expr(organisation::Column::VerifiedBy, Expr::value(who))
        .col_expr(organisation::Column::VerificationEvidence, Expr::value(evidence))
        .col_expr(organisation::Column::UpdatedAt, Expr::value(now))
        .filter(organisation::Column::Id.eq(org_id))
        .exec(&txn)
        .await?;
    crate::search::outbox::enqueue(&txn, crate::search::document::EntityKind::Organisation, org_id).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn find_by_slug<C: ConnectionTrait>(db: &C, slug: &str) -> Result<organisation::Model, AppError> {
    organisation::Entity::find().filter(organisation::Column::Slug.eq(slug)).one(db).await?.ok_or(AppError::NotFound)
}
