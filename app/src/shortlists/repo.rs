//! Reading and writing shortlists, for the person passed in.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

use crate::entities::{organisation, shortlist, shortlist_entry, supply_profile};
use crate::error::AppError;
use crate::i18n::{Bilingual, Lang};
use crate::shortlists::types::*;
use crate::suppliers::types::ProfileStatus;

/// The list `id`.
///
/// # Errors
/// `NotFound`.
pub async fn by_id<C: ConnectionTrait>(db: &C, id: i32) -> Result<shortlist::Model, AppError> {
    shortlist::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)
}

/// The lists `owner_id` keeps, most recently changed first.
pub async fn lists_of<C: ConnectionTrait>(db: &C, owner_id: i32) -> Result<Vec<ShortlistSummary>, AppError> {
    let lists = shortlist::Entity::find()
        .filter(shortlist::Column::OwnerId.eq(owner_id))
        .order_by_desc(shortlist::Column::UpdatedAt)
        .order_by_desc(shortlist::Column::Id)
        .all(db)
        .await?;
    let mut counts: HashMap<i32, u32> = HashMap::new();
    for entry in
        shortlist_entry::Entity::find().filter(shortlist_entry::Column::ShortlistId.is_in(lists.iter().map(|l| l.id))).all(db).await?
    {
        *counts.entry(entry.shortlist_id).or_default() += 1;
    }
    Ok(lists
        .into_iter()
        .map(|l| ShortlistSummary {
            entries: counts.get(&l.id).copied().unwrap_or(0),
            id: l.id,
            name: l.name,
            updated_at: l.updated_at.into(),
        })
        .collect())
}

pub async fn count_of<C: ConnectionTrait>(db: &C, owner_id: i32) -> Result<u64, AppError> {
    Ok(shortlist::Entity::find().filter(shortlist::Column::OwnerId.eq(owner_id)).count(db).await?)
}

pub async fn create<C: ConnectionTrait>(db: &C, owner_id: i32, name: &str, now: DateTime<Utc>) -> Result<i32, AppError> {
    let saved = shortlist::ActiveModel {
        owner_id: Set(owner_id),
        name: Set(name.to_string()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(saved.id)
}

async fn touch<C: ConnectionTrait>(db: &C, list: &shortlist::Model, now: DateTime<Utc>) -> Result<(), AppError> {
    let mut active: shortlist::ActiveModel = list.clone().into();
    active.updated_at = Set(now);
    active.update(db).await?;
    Ok(())
}

pub async fn rename<C: ConnectionTrait>(db: &C, list: &shortlist::Model, name: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let mut active: shortlist::ActiveModel = list.clone().into();
    active.name = Set(name.to_string());
    active.updated_at = Set(now);
    active.update(db).await?;
    Ok(())
}

pub async fn delete<C: ConnectionTrait>(db: &C, list: &shortlist::Model) -> Result<(), AppError> {
    shortlist_entry::Entity::delete_many().filter(shortlist_entry::Column::ShortlistId.eq(list.id)).exec(db).await?;
    shortlist::Entity::delete_by_id(list.id).exec(db).await?;
    Ok(())
}

pub async fn entry_count<C: ConnectionTrait>(db: &C, list_id: i32) -> Result<u64, AppError> {
    Ok(shortlist_entry::Entity::find().filter(shortlist_entry::Column::ShortlistId.eq(list_id)).count(db).await?)
}

async fn entry<C: ConnectionTrait>(db: &C, list_id: i32, supplier_id: i32) -> Result<Option<shortlist_entry::Model>, AppError> {
    Ok(shortlist_entry::Entity::find_by_id((list_id, supplier_id)).one(db).await?)
}

/// Puts `supplier` on `list` (once: again changes nothing); whether it was new there.
pub async fn add<C: ConnectionTrait>(db: &C, list: &shortlist::Model, supplier_id: i32, now: DateTime<Utc>) -> Result<bool, AppError> {
    if entry(db, list.id, supplier_id).await?.is_some() {
        return Ok(false);
    }
    shortlist_entry::ActiveModel {
        shortlist_id: Set(list.id),
        supplier_id: Set(supplier_id),
        status: Set(EntryStatus::Considering.code().to_string()),
        note: Set(String::new()),
        added_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await?;
    touch(db, list, now).await?;
    Ok(true)
}

/// Sets the status and note of `supplier_id` on `list`.
///
/// # Errors
/// `NotFound` when it is not on the list.
pub async fn update_entry<C: ConnectionTrait>(
    db: &C,
    list: &shortlist::Model,
    supplier_id: i32,
    status: EntryStatus,
    note: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let found = entry(db, list.id, supplier_id).await?.ok_or(AppError::NotFound)?;
    let mut active: shortlist_entry::ActiveModel = found.into();
    active.status = Set(status.code().to_string());
    active.note = Set(note.to_string());
    active.updated_at = Set(now);
    active.update(db).await?;
    touch(db, list, now).await
}

pub async fn remove<C: ConnectionTrait>(db: &C, list: &shortlist::Model, supplier_id: i32, now: DateTime<Utc>) -> Result<(), AppError> {
    shortlist_entry::Entity::delete_by_id((list.id, supplier_id)).exec(db).await?;
    touch(db, list, now).await
}

/// `list` with its suppliers, in the order they were added.
pub async fn page<C: ConnectionTrait>(db: &C, list: &shortlist::Model) -> Result<ShortlistPage, AppError> {
    let entries = shortlist_entry::Entity::find()
        .filter(shortlist_entry::Column::ShortlistId.eq(list.id))
        .order_by_asc(shortlist_entry::Column::AddedAt)
        .order_by_asc(shortlist_entry::Column::SupplierId)
        .all(db)
        .await?;
    let ids: Vec<i32> = entries.iter().map(|e| e.supplier_id).collect();
    let orgs: HashMap<i32, organisation::Model> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let profiles: HashMap<i32, supply_profile::Model> = supply_profile::Entity::find()
        .filter(supply_profile::Column::OrganisationId.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.organisation_id, p))
        .collect();
    let categories = crate::read::categories_of_profiles(db, &profiles.values().map(|p| p.id).collect::<Vec<_>>()).await?;
    let mut shown = Vec::with_capacity(entries.len());
    for e in entries {
        let Some(org) = orgs.get(&e.supplier_id) else { continue };
        let profile = profiles.get(&org.id);
        let names = profile.and_then(|p| categories.get(&p.id)).cloned().unwrap_or_default();
        let joined = |lang: Lang| names.iter().map(|c| c.name.get(lang).to_string()).collect::<Vec<_>>().join(lang.pick("、", ", "));
        shown.push(EntryView {
            supplier: crate::read::named_org(org),
            place: Bilingual::new(
                crate::read::place(org.province.as_deref(), &[org.city_zh.as_deref()], true),
                crate::read::place(org.province.as_deref(), &[org.city_en.as_deref()], false),
            ),
            categories: Bilingual::new(joined(Lang::Zh), joined(Lang::En)),
            status: EntryStatus::from_code(&e.status).unwrap_or(EntryStatus::Considering),
            note: e.note,
            added_at: e.added_at.into(),
            published: org.hidden_at.is_none() && profile.is_some_and(|p| p.status == ProfileStatus::Published.code()),
        });
    }
    Ok(ShortlistPage { id: list.id, name: list.name.clone(), entries: shown, updated_at: list.updated_at.into() })
}

/// `owner_id`'s lists, each saying whether `supplier_id` is on it.
pub async fn choices<C: ConnectionTrait>(db: &C, owner_id: i32, supplier_id: i32) -> Result<Vec<ShortlistChoice>, AppError> {
    let lists = lists_of(db, owner_id).await?;
    let holding: Vec<i32> = shortlist_entry::Entity::find()
        .filter(shortlist_entry::Column::SupplierId.eq(supplier_id))
        .filter(shortlist_entry::Column::ShortlistId.is_in(lists.iter().map(|l| l.id)))
        .all(db)
        .await?
        .into_iter()
        .map(|e| e.shortlist_id)
        .collect();
    Ok(lists.into_iter().map(|l| ShortlistChoice { holds_it: holding.contains(&l.id), id: l.id, name: l.name }).collect())
}

/// `list` as a spreadsheet, in `lang` (headers, names and statuses), with
/// links to the suppliers' pages on `site` (its public address).
pub fn csv(page: &ShortlistPage, lang: Lang, site: &str) -> Result<Vec<u8>, AppError> {
    let china = crate::clock::ViewerZone::default();
    let header = match lang {
        Lang::Zh => ["企业", "地点", "品类", "状态", "备注", "加入日期", "页面"],
        Lang::En => ["Firm", "Place", "Categories", "Status", "Note", "Added", "Page"],
    };
    let rows: Vec<Vec<String>> = page
        .entries
        .iter()
        .map(|e| {
            vec![
                e.supplier.name.get(lang).to_string(),
                e.place.get(lang).to_string(),
                e.categories.get(lang).to_string(),
                e.status.label(lang).to_string(),
                e.note.clone(),
                e.added_at.date_in(&china),
                format!("{}/suppliers/{}", site.trim_end_matches('/'), e.supplier.slug),
            ]
        })
        .collect();
    crate::spreadsheet::csv_file(&header, &rows)
}
