//! Supply profiles in the database. Every write that changes what search
//! shows queues the profile (and its organisation, which search shows in its
//! place while no profile is published) in the same transaction.

use crate::read::{categories_of, category_slugs, profile_data, supply_profile_of};

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};

use crate::changes as outbox;
use crate::changes::EntityKind;
use crate::codes::split_codes;
use crate::entities::{category, organisation, supply_profile, supply_profile_category, user};
use crate::error::AppError;
use crate::i18n::Bilingual;
use crate::orgs::types::OrgKind;
use crate::read::org_name;
use crate::suppliers::rules::{self, stored};
use crate::suppliers::types::*;

/// Writes a profile's content into its row (status and bookkeeping aside).
pub fn fill(active: &mut supply_profile::ActiveModel, p: &ProfileData) {
    active.products_zh = Set(p.products.zh.clone());
    active.products_en = Set(p.products.en.clone());
    active.moq_value = Set(p.moq.map(|q| q.value));
    active.moq_unit = Set(p.moq.map(|q| q.unit.code().to_string()));
    active.capacity_value = Set(p.capacity.map(|q| q.value));
    active.capacity_unit = Set(p.capacity.map(|q| q.unit.code().to_string()));
    active.lead_time_days = Set(p.lead_time_days);
    active.sample_policy = Set(p.sample_policy.map(|s| s.code().to_string()));
    active.price_band = Set(p.price_band.map(|b| b.code().to_string()));
    active.certifications = Set(stored(&p.certifications, Certification::code));
    active.certifications_other = Set(p.certifications_other.clone());
    active.export_markets = Set(p.export_markets.join(","));
    active.business_models = Set(stored(&p.business_models, BusinessModel::code));
    active.platforms = Set(stored(&p.platforms, SalesPlatform::code));
    active.languages = Set(stored(&p.languages, Language::code));
    active.floor_area_m2 = Set(p.floor_area_m2);
    active.overseas_warehouse = Set(p.overseas_warehouse.is_some());
    active.overseas_warehouse_where = Set(p.overseas_warehouse.clone().unwrap_or_default());
    active.warehouse_markets = Set(p.warehouse_markets.join(","));
    active.own_factory = Set(p.own_factory);
    active.exporting_since = Set(p.exporting_since);
    active.annual_sales = Set(p.annual_sales.map(|b| b.code().to_string()));
    active.test_reports = Set(p.test_reports.clone());
}

/// The organisation behind `slug`, which must be a manufacturer to have a profile.
pub async fn manufacturer<C: ConnectionTrait>(db: &C, slug: &str) -> Result<organisation::Model, AppError> {
    let org = crate::read::organisation_by_slug(db, slug).await?;
    if OrgKind::from_code(&org.kind) != Some(OrgKind::Manufacturer) {
        return Err(AppError::NotFound);
    }
    Ok(org)
}

/// Saves the profile's content by `user_id`. A new profile starts as a
/// draft; a published one stays published and search is told. Fields whose
/// value changed lose their verification.
pub async fn save(db: &DatabaseConnection, org_id: i32, user_id: i32, data: &ProfileData) -> Result<(), AppError> {
    let txn = crate::db::begin_write(db).await?;
    save_in(&txn, org_id, Some(user_id), data).await?;
    txn.commit().await?;
    Ok(())
}

/// [`save`] inside the caller's transaction (imports use it too).
pub async fn save_in<C: ConnectionTrait>(txn: &C, org_id: i32, user_id: Option<i32>, data: &ProfileData) -> Result<(), AppError> {
    let now = Utc::now();
    let existing = supply_profile_of(txn, org_id).await?;
    let saved = match existing {
        Some(row) => {
            let old = profile_data(&row, category_slugs(txn, row.id).await?);
            let verified = split_codes(&row.verified_fields, ProfileField::from_code);
            let kept = rules::still_verified(&verified, &old, data);
            let is_published = row.status == ProfileStatus::Published.code();
            let mut active: supply_profile::ActiveModel = row.into();
            fill(&mut active, data);
            active.verified_fields = Set(stored(&kept, ProfileField::code));
            active.updated_at = Set(now);
            active.updated_by = Set(user_id);
            let saved = active.update(txn).await?;
            if is_published {
                outbox::enqueue(txn, EntityKind::SupplyProfile, saved.id).await?;
            }
            saved
        }
        None => {
            let mut active = supply_profile::ActiveModel {
                organisation_id: Set(org_id),
                status: Set(ProfileStatus::Draft.code().to_string()),
                verified_fields: Set(String::new()),
                verified_by: Set(None),
                verified_at: Set(None),
                is_demo: Set(false),
                created_at: Set(now),
                updated_at: Set(now),
                updated_by: Set(user_id),
                published_at: Set(None),
                ..Default::default()
            };
            fill(&mut active, data);
            active.insert(txn).await?
        }
    };
    replace_categories(txn, saved.id, &data.category_slugs).await?;
    Ok(())
}

pub async fn replace_categories<C: ConnectionTrait>(db: &C, profile_id: i32, slugs: &[String]) -> Result<(), AppError> {
    supply_profile_category::Entity::delete_many().filter(supply_profile_category::Column::ProfileId.eq(profile_id)).exec(db).await?;
    let ids = category::Entity::find().filter(category::Column::Slug.is_in(slugs.iter().cloned())).all(db).await?;
    for c in ids {
        supply_profile_category::ActiveModel { profile_id: Set(profile_id), category_id: Set(c.id) }.insert(db).await?;
    }
    Ok(())
}

/// Publishes or unpublishes a saved profile, and tells search.
///
/// # Errors
/// `NotFound` when the organisation has no saved profile yet.
pub async fn set_status(db: &DatabaseConnection, org_id: i32, status: ProfileStatus) -> Result<(), AppError> {
    let txn = crate::db::begin_write(db).await?;
    set_status_in(&txn, org_id, status).await?;
    txn.commit().await?;
    Ok(())
}

/// [`set_status`] inside the caller's transaction.
pub async fn set_status_in<C: ConnectionTrait>(txn: &C, org_id: i32, status: ProfileStatus) -> Result<(), AppError> {
    let row = supply_profile_of(txn, org_id).await?.ok_or(AppError::NotFound)?;
    let id = row.id;
    let mut active: supply_profile::ActiveModel = row.into();
    active.status = Set(status.code().to_string());
    if status == ProfileStatus::Published {
        active.published_at = Set(Some(Utc::now()));
    }
    active.update(txn).await?;
    outbox::enqueue(txn, EntityKind::SupplyProfile, id).await?;
    outbox::enqueue(txn, EntityKind::Organisation, org_id).await?;
    Ok(())
}

/// Marks the organisation's profile as part of the demo data.
pub async fn mark_demo_in<C: ConnectionTrait>(txn: &C, org_id: i32) -> Result<(), AppError> {
    use sea_orm::sea_query::Expr;
    supply_profile::Entity::update_many()
        .col_expr(supply_profile::Column::IsDemo, Expr::value(true))
        .filter(supply_profile::Column::OrganisationId.eq(org_id))
        .exec(txn)
        .await?;
    Ok(())
}

/// Records that `verifier` checked `fields` on `evidence`, now: a new entry
/// in the organisation's verification record, which supersedes the earlier
/// set of verified fields.
pub async fn verify_fields(
    db: &DatabaseConnection,
    org_id: i32,
    fields: &[ProfileField],
    evidence: &str,
    verifier: &crate::orgs::verifications::Verifier<'_>,
) -> Result<(), AppError> {
    let txn = crate::db::begin_write(db).await?;
    let row = supply_profile_of(&txn, org_id).await?.ok_or(AppError::NotFound)?;
    let codes = stored(fields, ProfileField::code);
    let entry =
        crate::orgs::verifications::append(&txn, org_id, crate::orgs::types::VerificationSubject::Profile, &codes, evidence, verifier)
            .await?;
    let id = row.id;
    let is_published = row.status == ProfileStatus::Published.code();
    let mut active: supply_profile::ActiveModel = row.into();
    active.verified_fields = Set(codes);
    active.verified_by = Set(Some(entry.verifier_name));
    active.verified_at = Set(Some(entry.created_at));
    active.update(&txn).await?;
    if is_published {
        outbox::enqueue(&txn, EntityKind::SupplyProfile, id).await?;
    }
    txn.commit().await?;
    Ok(())
}

fn day(at: &chrono::DateTime<Utc>) -> crate::clock::Moment {
    (*at).into()
}

/// The page of a supplier as a viewer with `permissions` sees it (who may
/// see it at all is the caller's question).
pub async fn supplier_page<C: ConnectionTrait>(
    db: &C,
    org: &organisation::Model,
    permissions: crate::orgs::types::Permissions,
) -> Result<SupplierPage, AppError> {
    let slug = org.slug.as_str();
    let row = supply_profile_of(db, org.id).await?.ok_or(AppError::NotFound)?;
    let status = ProfileStatus::from_code(&row.status).ok_or(AppError::Internal)?;
    let categories = categories_of(db, row.id).await?;
    let profile = profile_data(&row, categories.iter().map(|c| c.slug.clone()).collect());
    let detail = crate::orgs::repo::detail(db, slug).await?;
    let updated_by = match row.updated_by {
        Some(id) => user::Entity::find_by_id(id).one(db).await?.map(|u| u.display_name),
        None => None,
    };
    let place = Bilingual::new(
        crate::read::place(org.province.as_deref(), &[org.city_zh.as_deref()], true),
        crate::read::place(org.province.as_deref(), &[org.city_en.as_deref()], false),
    );
    let photos = crate::suppliers::photo_store::photos_of(db, row.id).await?;
    let reply_record = crate::reply_time::records(db, &[org.id], Utc::now()).await?.remove(&org.id);
    Ok(SupplierPage {
        reply_record,
        photos,
        slug: org.slug.clone(),
        name: org_name(org),
        place,
        status,
        profile,
        categories,
        belts: detail.belts,
        verified_fields: split_codes(&row.verified_fields, ProfileField::from_code),
        verified_by: row.verified_by.clone(),
        verified_at: row.verified_at.as_ref().map(day),
        organisation_verified: org.verified_at.is_some(),
        is_demo: row.is_demo || org.is_demo,
        updated_at: day(&row.updated_at),
        updated_by,
        may_edit: permissions.edit,
        verifications: detail.verifications,
    })
}

/// What the editor starts from, for a viewer with `permissions`.
pub async fn editor<C: ConnectionTrait>(
    db: &C,
    org: &organisation::Model,
    permissions: crate::orgs::types::Permissions,
) -> Result<ProfileEditor, AppError> {
    let row = supply_profile_of(db, org.id).await?;
    let profile = match &row {
        Some(r) => Some(profile_data(r, category_slugs(db, r.id).await?)),
        None => None,
    };
    let photos = match &row {
        Some(r) => crate::suppliers::photo_store::photos_of(db, r.id).await?,
        None => Vec::new(),
    };
    Ok(ProfileEditor {
        photos,
        slug: org.slug.clone(),
        name: org_name(org),
        status: row.as_ref().and_then(|r| ProfileStatus::from_code(&r.status)),
        profile,
        all_categories: crate::read::all_categories(db).await?,
        verified_fields: row.as_ref().map(|r| split_codes(&r.verified_fields, ProfileField::from_code)).unwrap_or_default(),
        updated_at: row.as_ref().map(|r| day(&r.updated_at)),
        may_edit: permissions.edit,
        may_verify: permissions.verify,
    })
}
