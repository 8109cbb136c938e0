//! Shared read models: how the rows every domain shows are read and named
//! (an organisation's name, a supply profile's content, offerings, the belts
//! and categories an owner is linked to, a place). Domains' data layers and
//! search documents read through here, so none of them calls another's repo
//! and no two call each other in circles. Server only.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use crate::belts::types::CategoryRef;
use crate::codes::split_codes;
use crate::entities::{
    belt, belt_category, category, organisation, service_offering, service_offering_belt, supply_profile, supply_profile_category,
};
use crate::error::AppError;
use crate::geo;
use crate::i18n::Bilingual;
use crate::services::types::*;
use crate::suppliers::types::*;

/// Categories by owner, for any table linking owners (belts, profiles) to
/// categories: each owner's categories in slug order.
///
/// # Errors
/// On a database failure.
pub async fn categories_by_owner<C: ConnectionTrait>(
    db: &C,
    links: impl IntoIterator<Item = (i32, i32)>,
) -> Result<HashMap<i32, Vec<CategoryRef>>, DbErr> {
    let links: Vec<(i32, i32)> = links.into_iter().collect();
    let mut wanted: Vec<i32> = links.iter().map(|&(_, category_id)| category_id).collect();
    wanted.sort_unstable();
    wanted.dedup();
    let found: HashMap<i32, category::Model> =
        category::Entity::find().filter(category::Column::Id.is_in(wanted)).all(db).await?.into_iter().map(|c| (c.id, c)).collect();
    let mut by_owner: HashMap<i32, Vec<CategoryRef>> = HashMap::new();
    for (owner, category_id) in links {
        if let Some(c) = found.get(&category_id) {
            by_owner.entry(owner).or_default().push(CategoryRef { slug: c.slug.clone(), name: Bilingual::new(&c.name_zh, &c.name_en) });
        }
    }
    for owned in by_owner.values_mut() {
        owned.sort_by(|a, b| a.slug.cmp(&b.slug));
    }
    Ok(by_owner)
}

/// Belts by owner, for any table linking owners (organisations, offerings, …)
/// to belts: each owner's belts in slug order.
///
/// # Errors
/// On a database failure.
pub async fn belt_refs_by_owner<C: ConnectionTrait>(
    db: &C,
    links: impl IntoIterator<Item = (i32, i32)>,
) -> Result<HashMap<i32, Vec<CategoryRef>>, DbErr> {
    Ok(belts_by_owner(db, links)
        .await?
        .into_iter()
        .map(|(owner, belts)| {
            (owner, belts.into_iter().map(|b| CategoryRef { slug: b.slug, name: Bilingual::new(b.name_zh, b.name_en) }).collect())
        })
        .collect())
}

/// The belt rows by owner, for any table linking owners to belts: each
/// owner's belts in slug order.
///
/// # Errors
/// On a database failure.
pub async fn belts_by_owner<C: ConnectionTrait>(
    db: &C,
    links: impl IntoIterator<Item = (i32, i32)>,
) -> Result<HashMap<i32, Vec<belt::Model>>, DbErr> {
    let links: Vec<(i32, i32)> = links.into_iter().collect();
    let belts: HashMap<i32, belt::Model> = belt::Entity::find()
        .filter(belt::Column::Id.is_in(links.iter().map(|&(_, belt_id)| belt_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|b| (b.id, b))
        .collect();
    let mut by_owner: HashMap<i32, Vec<belt::Model>> = HashMap::new();
    for (owner, belt_id) in links {
        if let Some(b) = belts.get(&belt_id) {
            by_owner.entry(owner).or_default().push(b.clone());
        }
    }
    for owned in by_owner.values_mut() {
        owned.sort_by(|a, b| a.slug.cmp(&b.slug));
    }
    Ok(by_owner)
}

/// The profile's content from its row and its category slugs.
pub fn profile_data(m: &supply_profile::Model, category_slugs: Vec<String>) -> ProfileData {
    let quantity =
        |value: Option<i64>, unit: &Option<String>| Some(Quantity { value: value?, unit: QuantityUnit::from_code(unit.as_deref()?)? });
    ProfileData {
        products: Bilingual::new(&m.products_zh, &m.products_en),
        category_slugs,
        moq: quantity(m.moq_value, &m.moq_unit),
        capacity: quantity(m.capacity_value, &m.capacity_unit),
        lead_time_days: m.lead_time_days,
        sample_policy: m.sample_policy.as_deref().and_then(SamplePolicy::from_code),
        price_band: m.price_band.as_deref().and_then(PriceBand::from_code),
        certifications: split_codes(&m.certifications, Certification::from_code),
        certifications_other: m.certifications_other.clone(),
        export_markets: split_codes(&m.export_markets, |c| Some(c.to_string())),
        business_models: split_codes(&m.business_models, BusinessModel::from_code),
        platforms: split_codes(&m.platforms, SalesPlatform::from_code),
        languages: split_codes(&m.languages, Language::from_code),
        floor_area_m2: m.floor_area_m2,
        overseas_warehouse: m.overseas_warehouse.then(|| m.overseas_warehouse_where.clone()),
        warehouse_markets: split_codes(&m.warehouse_markets, |c| Some(c.to_string())),
        own_factory: m.own_factory,
        exporting_since: m.exporting_since,
        annual_sales: m.annual_sales.as_deref().and_then(SalesBand::from_code),
        test_reports: m.test_reports.clone(),
    }
}

pub async fn supply_profile_of<C: ConnectionTrait>(db: &C, org_id: i32) -> Result<Option<supply_profile::Model>, AppError> {
    Ok(supply_profile::Entity::find().filter(supply_profile::Column::OrganisationId.eq(org_id)).one(db).await?)
}

/// The slugs of a profile's categories.
pub async fn category_slugs<C: ConnectionTrait>(db: &C, profile_id: i32) -> Result<Vec<String>, sea_orm::DbErr> {
    Ok(categories_of(db, profile_id).await?.into_iter().map(|c| c.slug).collect())
}

/// A profile's categories, by name.
pub async fn categories_of<C: ConnectionTrait>(db: &C, profile_id: i32) -> Result<Vec<CategoryRef>, sea_orm::DbErr> {
    Ok(categories_of_profiles(db, &[profile_id]).await?.remove(&profile_id).unwrap_or_default())
}

/// Each of these profiles' categories, by name.
pub async fn categories_of_profiles<C: ConnectionTrait>(
    db: &C,
    profile_ids: &[i32],
) -> Result<std::collections::HashMap<i32, Vec<CategoryRef>>, sea_orm::DbErr> {
    let links = supply_profile_category::Entity::find()
        .filter(supply_profile_category::Column::ProfileId.is_in(profile_ids.iter().copied()))
        .all(db)
        .await?;
    categories_by_owner(db, links.into_iter().map(|l| (l.profile_id, l.category_id))).await
}

/// The categories each of these organisations' supply profile names, by organisation.
pub async fn categories_by_org<C: ConnectionTrait>(
    db: &C,
    org_ids: impl IntoIterator<Item = i32>,
) -> Result<std::collections::HashMap<i32, Vec<CategoryRef>>, sea_orm::DbErr> {
    let profiles: Vec<(i32, i32)> = supply_profile::Entity::find()
        .filter(supply_profile::Column::OrganisationId.is_in(org_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.organisation_id))
        .collect();
    let mut by_profile = categories_of_profiles(db, &profiles.iter().map(|(id, _)| *id).collect::<Vec<_>>()).await?;
    Ok(profiles.into_iter().filter_map(|(profile, org)| Some((org, by_profile.remove(&profile)?))).collect())
}

/// The published suppliers among these organisations, by name.
pub async fn published_supplier_cards<C: ConnectionTrait>(db: &C, orgs: &[organisation::Model]) -> Result<Vec<SupplierCard>, AppError> {
    let by_id: HashMap<i32, &organisation::Model> = orgs.iter().map(|o| (o.id, o)).collect();
    let rows = supply_profile::Entity::find()
        .filter(supply_profile::Column::OrganisationId.is_in(by_id.keys().copied()))
        .filter(supply_profile::Column::Status.eq(ProfileStatus::Published.code()))
        .all(db)
        .await?;
    let mut cards: Vec<SupplierCard> = rows
        .iter()
        .filter_map(|row| {
            let org = by_id.get(&row.organisation_id)?;
            let profile = profile_data(row, Vec::new());
            let facts = Bilingual::new(
                crate::suppliers::types::trade_facts(&profile, crate::i18n::Lang::Zh),
                crate::suppliers::types::trade_facts(&profile, crate::i18n::Lang::En),
            );
            Some(SupplierCard {
                slug: org.slug.clone(),
                name: org_name(org),
                products: profile.products,
                facts,
                verified: org.verified_at.is_some(),
                is_demo: row.is_demo || org.is_demo,
            })
        })
        .collect();
    cards.sort_by(|a, b| a.slug.cmp(&b.slug));
    Ok(cards)
}

/// The belts each of these offerings covers.
pub async fn offering_belts<C: ConnectionTrait>(db: &C, offering_ids: &[i32]) -> Result<HashMap<i32, Vec<CategoryRef>>, sea_orm::DbErr> {
    let links = service_offering_belt::Entity::find()
        .filter(service_offering_belt::Column::OfferingId.is_in(offering_ids.iter().copied()))
        .all(db)
        .await?;
    belt_refs_by_owner(db, links.into_iter().map(|l| (l.offering_id, l.belt_id))).await
}

pub fn offering_card(o: service_offering::Model, belts: Vec<CategoryRef>) -> Option<OfferingCard> {
    Some(OfferingCard {
        id: o.id,
        service_type: ServiceType::from_code(&o.service_type)?,
        title: Bilingual::new(o.title_zh, o.title_en),
        description: Bilingual::new(o.description_zh, o.description_en),
        terms: Bilingual::new(o.terms_zh, o.terms_en),
        markets: split_codes(&o.markets, |c| Some(c.to_string())),
        belts,
        published: o.published,
        is_demo: o.is_demo,
        updated_at: o.updated_at.into(),
    })
}

/// An organisation's offerings, oldest first; unpublished ones only when asked.
pub async fn offerings_of<C: ConnectionTrait>(db: &C, org_id: i32, with_unpublished: bool) -> Result<Vec<OfferingCard>, sea_orm::DbErr> {
    let mut query = service_offering::Entity::find().filter(service_offering::Column::OrganisationId.eq(org_id));
    if !with_unpublished {
        query = query.filter(service_offering::Column::Published.eq(true));
    }
    let rows = query.order_by_asc(service_offering::Column::Id).all(db).await?;
    let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let mut covered = offering_belts(db, &ids).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let belts = covered.remove(&r.id).unwrap_or_default();
            offering_card(r, belts)
        })
        .collect())
}

/// An organisation's name for display: where it has no English name, English
/// pages read the Chinese one in pinyin.
pub fn org_name(o: &organisation::Model) -> Bilingual {
    let zh = o.name_zh.clone().unwrap_or_default();
    let en = o.name_en.clone().filter(|en| !en.trim().is_empty()).unwrap_or_else(|| crate::chinese::transliterate(&zh));
    Bilingual::new(zh, en)
}

/// An organisation's slug and display name, for a link to it.
pub fn named_org(o: &organisation::Model) -> crate::scouting::types::Named {
    crate::scouting::types::Named { slug: o.slug.clone(), name: org_name(o) }
}

/// The people in force in an organisation (not those whose request waits), by user id.
pub async fn active_members<C: ConnectionTrait>(db: &C, org_id: i32) -> Result<Vec<i32>, AppError> {
    use crate::entities::membership;
    Ok(membership::Entity::find()
        .filter(membership::Column::OrganisationId.eq(org_id))
        .filter(membership::Column::Status.eq(crate::accounts::types::MembershipStatus::Active.code()))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect())
}

/// A person's places in force, by organisation id.
pub async fn active_places<C: ConnectionTrait>(db: &C, user_id: i32) -> Result<HashMap<i32, crate::accounts::types::MemberRole>, AppError> {
    use crate::entities::membership;
    Ok(membership::Entity::find()
        .filter(membership::Column::UserId.eq(user_id))
        .filter(membership::Column::Status.eq(crate::accounts::types::MembershipStatus::Active.code()))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|m| Some((m.organisation_id, crate::accounts::types::MemberRole::from_code(&m.role)?)))
        .collect())
}

/// The owners in force of an organisation, by user id.
pub async fn active_owners<C: ConnectionTrait>(db: &C, org_id: i32) -> Result<Vec<i32>, AppError> {
    use crate::entities::membership;
    Ok(membership::Entity::find()
        .filter(membership::Column::OrganisationId.eq(org_id))
        .filter(membership::Column::Status.eq(crate::accounts::types::MembershipStatus::Active.code()))
        .filter(membership::Column::Role.eq(crate::accounts::types::MemberRole::Owner.code()))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect())
}

pub async fn organisation_by_slug<C: ConnectionTrait>(db: &C, slug: &str) -> Result<organisation::Model, AppError> {
    organisation::Entity::find().filter(organisation::Column::Slug.eq(slug)).one(db).await?.ok_or(AppError::NotFound)
}

/// The organisation with this id.
///
/// # Errors
/// `NotFound` when there is none.
pub async fn organisation_by_id<C: ConnectionTrait>(db: &C, id: i32) -> Result<organisation::Model, AppError> {
    organisation::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)
}

/// The people who run these organisations' teams (owners and editors in force).
pub async fn active_runners<C: ConnectionTrait>(db: &C, org_ids: &[i32]) -> Result<Vec<i32>, AppError> {
    use crate::accounts::types::{MemberRole, MembershipStatus};
    use crate::entities::membership;
    Ok(membership::Entity::find()
        .filter(membership::Column::OrganisationId.is_in(org_ids.iter().copied()))
        .filter(membership::Column::Status.eq(MembershipStatus::Active.code()))
        .filter(membership::Column::Role.is_in([MemberRole::Owner.code(), MemberRole::Editor.code()]))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect())
}

/// These organisations, by slug.
pub async fn organisations_by_ids<C: ConnectionTrait>(db: &C, ids: &[i32]) -> Result<Vec<organisation::Model>, AppError> {
    Ok(organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(ids.iter().copied()))
        .order_by_asc(organisation::Column::Slug)
        .all(db)
        .await?)
}

/// A belt's province code.
pub async fn belt_province<C: ConnectionTrait>(db: &C, belt_id: i32) -> Result<Option<String>, AppError> {
    Ok(crate::entities::belt::Entity::find_by_id(belt_id).one(db).await?.map(|b| b.province))
}

/// The manufacturer behind `slug`, if others may act on it (write to it,
/// shortlist it): one with a published supply profile that no site admin hid.
///
/// # Errors
/// `NotFound` otherwise.
pub async fn listed_supplier<C: ConnectionTrait>(db: &C, slug: &str) -> Result<organisation::Model, AppError> {
    let org = organisation_by_slug(db, slug).await?;
    let published = supply_profile::Entity::find()
        .filter(supply_profile::Column::OrganisationId.eq(org.id))
        .filter(supply_profile::Column::Status.eq(crate::suppliers::types::ProfileStatus::Published.code()))
        .one(db)
        .await?
        .is_some();
    if org.kind != crate::orgs::types::OrgKind::Manufacturer.code() || org.hidden_at.is_some() || !published {
        return Err(AppError::NotFound);
    }
    Ok(org)
}

/// Where something is, for people: province and city names, in Chinese or English.
pub fn place(province: Option<&str>, parts: &[Option<&str>], zh: bool) -> String {
    let province = province.and_then(geo::province).map(|p| if zh { p.name_zh } else { p.name_en });
    let names: Vec<&str> = std::iter::once(province).chain(parts.iter().copied()).flatten().filter(|s| !s.is_empty()).collect();
    names.join(if zh { " · " } else { ", " })
}

/// Each of these belts' categories, by name.
///
/// # Errors
/// On a database failure.
pub async fn categories_of_belts<C: ConnectionTrait>(db: &C, belt_ids: &[i32]) -> Result<HashMap<i32, Vec<CategoryRef>>, DbErr> {
    let links = belt_category::Entity::find().filter(belt_category::Column::BeltId.is_in(belt_ids.iter().copied())).all(db).await?;
    categories_by_owner(db, links.into_iter().map(|l| (l.belt_id, l.category_id))).await
}

/// Every category by slug and name, in slug order.
///
/// # Errors
/// On a database failure.
pub async fn all_categories<C: ConnectionTrait>(db: &C) -> Result<Vec<CategoryRef>, AppError> {
    Ok(category::Entity::find()
        .order_by_asc(category::Column::Slug)
        .all(db)
        .await?
        .into_iter()
        .map(|c| CategoryRef { slug: c.slug, name: Bilingual::new(c.name_zh, c.name_en) })
        .collect())
}

/// Every belt by slug and name, in slug order.
///
/// # Errors
/// On a database failure.
pub async fn all_belts<C: ConnectionTrait>(db: &C) -> Result<Vec<CategoryRef>, AppError> {
    Ok(belt::Entity::find()
        .order_by_asc(belt::Column::Slug)
        .all(db)
        .await?
        .into_iter()
        .map(|b| CategoryRef { slug: b.slug, name: Bilingual::new(b.name_zh, b.name_en) })
        .collect())
}

/// The organisations of one kind that are not hidden, in slug order.
///
/// # Errors
/// On a database failure.
pub async fn organisations_of_kind<C: ConnectionTrait>(
    db: &C,
    kind: crate::orgs::types::OrgKind,
) -> Result<Vec<organisation::Model>, AppError> {
    Ok(organisation::Entity::find()
        .filter(organisation::Column::Kind.eq(kind.code()))
        .filter(organisation::Column::HiddenAt.is_null())
        .order_by_asc(organisation::Column::Slug)
        .all(db)
        .await?)
}

/// The needs a stored scouting brief states, with its target belts.
pub fn brief_needs(b: &crate::entities::brief::Model, belts: Vec<String>) -> crate::scouting::score::Needs {
    use crate::scouting::units::{Period, RequiredCapacity};
    let list = |stored: &str| stored.split(',').filter(|s| !s.is_empty()).map(str::to_string).collect::<Vec<_>>();
    let amount = match (b.capacity_value, b.capacity_unit.as_deref().and_then(QuantityUnit::from_code)) {
        (Some(value), Some(unit)) => Some(Quantity { value, unit }),
        _ => None,
    };
    let period = b.capacity_period.as_deref().and_then(Period::from_code).unwrap_or(Period::Month);
    crate::scouting::score::Needs {
        categories: list(&b.categories),
        markets: list(&b.markets),
        certifications: split_codes(&b.certifications, Certification::from_code),
        capacity: amount.map(|amount| RequiredCapacity { amount, period }),
        max_lead_time_days: b.max_lead_time_days,
        business_models: split_codes(&b.business_models, BusinessModel::from_code),
        belts,
        samples_needed: b.samples_needed,
    }
}

/// The belts each of these briefs targets, as slugs in slug order, by brief id.
///
/// # Errors
/// On a database failure.
pub async fn brief_targets<C: ConnectionTrait>(db: &C, brief_ids: &[i32]) -> Result<HashMap<i32, Vec<String>>, DbErr> {
    use crate::entities::brief_belt;
    let rows = brief_belt::Entity::find()
        .filter(brief_belt::Column::BriefId.is_in(brief_ids.iter().copied()))
        .filter(brief_belt::Column::Purpose.eq(BRIEF_TARGET))
        .all(db)
        .await?;
    let slugs: HashMap<i32, String> = belt::Entity::find()
        .filter(belt::Column::Id.is_in(rows.iter().map(|r| r.belt_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|b| (b.id, b.slug))
        .collect();
    let mut targets: HashMap<i32, Vec<String>> = HashMap::new();
    for row in rows {
        if let Some(slug) = slugs.get(&row.belt_id) {
            targets.entry(row.brief_id).or_default().push(slug.clone());
        }
    }
    for list in targets.values_mut() {
        list.sort();
    }
    Ok(targets)
}

/// What a `brief_belts` row is for: a belt the brief targets, or one whose firms may see it.
pub const BRIEF_TARGET: &str = "target";
pub const BRIEF_AUDIENCE: &str = "audience";
