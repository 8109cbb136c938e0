//! Service offerings in the database. A save or a change of status queues
//! the offering for search in the same transaction.

use crate::read::{offering_belts, offering_card};

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};

use crate::changes as outbox;
use crate::changes::EntityKind;
use crate::codes::split_codes;
use crate::entities::{belt, organisation, service_offering, service_offering_belt};
use crate::error::AppError;
use crate::i18n::Bilingual;
use crate::orgs::types::OrgKind;
use crate::read::org_name;
use crate::services::types::*;

/// The organisation behind `slug`, which must be a service provider to have offerings.
pub async fn provider<C: ConnectionTrait>(db: &C, slug: &str) -> Result<organisation::Model, AppError> {
    let org = crate::read::organisation_by_slug(db, slug).await?;
    if OrgKind::from_code(&org.kind) != Some(OrgKind::ServiceProvider) {
        return Err(AppError::NotFound);
    }
    Ok(org)
}

/// One offering of one organisation.
async fn find<C: ConnectionTrait>(db: &C, org_id: i32, id: i32) -> Result<service_offering::Model, AppError> {
    service_offering::Entity::find_by_id(id)
        .filter(service_offering::Column::OrganisationId.eq(org_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The form's starting point: offering `id` of the provider, or a blank one.
pub async fn editor<C: ConnectionTrait>(db: &C, org: &organisation::Model, id: Option<i32>) -> Result<OfferingEditor, AppError> {
    let offering = match id {
        Some(id) => {
            let row = find(db, org.id, id).await?;
            let belts = offering_belts(db, &[id]).await?.remove(&id).unwrap_or_default();
            let card = offering_card(row, belts).ok_or(AppError::Internal)?;
            Some(OfferingData {
                service_type: card.service_type,
                title: card.title,
                description: card.description,
                terms: card.terms,
                markets: card.markets,
                belt_slugs: card.belts.into_iter().map(|b| b.slug).collect(),
                published: card.published,
            })
        }
        None => None,
    };
    Ok(OfferingEditor { slug: org.slug.clone(), name: org_name(org), id, offering, all_belts: crate::read::all_belts(db).await? })
}

pub fn fill(active: &mut service_offering::ActiveModel, o: &OfferingData) {
    active.service_type = Set(o.service_type.code().to_string());
    active.title_zh = Set(o.title.zh.clone());
    active.title_en = Set(o.title.en.clone());
    active.description_zh = Set(o.description.zh.clone());
    active.description_en = Set(o.description.en.clone());
    active.terms_zh = Set(o.terms.zh.clone());
    active.terms_en = Set(o.terms.en.clone());
    active.markets = Set(o.markets.join(","));
    active.published = Set(o.published);
}

/// Creates (`id` is `None`) or updates an offering of `org_id` by `user_id`,
/// and queues it for search. Returns its id.
pub async fn save(
    db: &DatabaseConnection,
    org_id: i32,
    user_id: Option<i32>,
    id: Option<i32>,
    data: &OfferingData,
) -> Result<i32, AppError> {
    let txn = crate::db::begin_write(db).await?;
    let id = save_in(&txn, org_id, user_id, id, data, false).await?;
    txn.commit().await?;
    Ok(id)
}

/// [`save`] inside a caller's transaction (seeding uses it too).
pub async fn save_in<C: ConnectionTrait>(
    txn: &C,
    org_id: i32,
    user_id: Option<i32>,
    id: Option<i32>,
    data: &OfferingData,
    is_demo: bool,
) -> Result<i32, AppError> {
    let now = Utc::now();
    let saved = match id {
        Some(id) => {
            let mut active: service_offering::ActiveModel = find(txn, org_id, id).await?.into();
            fill(&mut active, data);
            active.updated_at = Set(now);
            active.updated_by = Set(user_id);
            active.update(txn).await?
        }
        None => {
            let mut active = service_offering::ActiveModel {
                organisation_id: Set(org_id),
                is_demo: Set(is_demo),
                created_at: Set(now),
                updated_at: Set(now),
                updated_by: Set(user_id),
                ..Default::default()
            };
            fill(&mut active, data);
            active.insert(txn).await?
        }
    };
    service_offering_belt::Entity::delete_many().filter(service_offering_belt::Column::OfferingId.eq(saved.id)).exec(txn).await?;
    let belts = belt::Entity::find().filter(belt::Column::Slug.is_in(data.belt_slugs.iter().cloned())).all(txn).await?;
    for b in belts {
        service_offering_belt::ActiveModel { offering_id: Set(saved.id), belt_id: Set(b.id) }.insert(txn).await?;
    }
    outbox::enqueue(txn, EntityKind::Offering, saved.id).await?;
    Ok(saved.id)
}

/// Deletes an offering of `org_id` and takes it out of search.
pub async fn delete(db: &DatabaseConnection, org_id: i32, id: i32) -> Result<(), AppError> {
    let txn = crate::db::begin_write(db).await?;
    find(&txn, org_id, id).await?;
    service_offering::Entity::delete_by_id(id).exec(&txn).await?;
    outbox::enqueue(&txn, EntityKind::Offering, id).await?;
    txn.commit().await?;
    Ok(())
}

/// The demo offering of `org_id` with this title, if seeded before.
pub async fn find_demo<C: ConnectionTrait>(db: &C, org_id: i32, title_en: &str) -> Result<Option<service_offering::Model>, sea_orm::DbErr> {
    service_offering::Entity::find()
        .filter(service_offering::Column::OrganisationId.eq(org_id))
        .filter(service_offering::Column::IsDemo.eq(true))
        .filter(service_offering::Column::TitleEn.eq(title_en))
        .one(db)
        .await
}

/// The offering's content as stored, for comparing with a seed (`None` if
/// its type is no longer known).
pub async fn data_of<C: ConnectionTrait>(db: &C, row: &service_offering::Model) -> Result<Option<OfferingData>, sea_orm::DbErr> {
    let mut belt_slugs: Vec<String> =
        offering_belts(db, &[row.id]).await?.remove(&row.id).unwrap_or_default().into_iter().map(|b| b.slug).collect();
    belt_slugs.sort();
    let Some(service_type) = ServiceType::from_code(&row.service_type) else { return Ok(None) };
    Ok(Some(OfferingData {
        service_type,
        title: Bilingual::new(&row.title_zh, &row.title_en),
        description: Bilingual::new(&row.description_zh, &row.description_en),
        terms: Bilingual::new(&row.terms_zh, &row.terms_en),
        markets: split_codes(&row.markets, |c| Some(c.to_string())),
        belt_slugs,
        published: row.published,
    }))
}
