//! Platform criteria in the database, and a firm's readiness read from its
//! profile, its verifications, its belts and the providers serving them.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::codes::split_codes;
use crate::entities::{belt_organisation, organisation, platform_criteria, service_offering, service_offering_belt};
use crate::error::AppError;
use crate::i18n::Bilingual;
use crate::orgs::types::OrgKind;
use crate::read::named_org;
use crate::readiness::rules;
use crate::readiness::texts::{self, Names};
use crate::readiness::types::*;
use crate::services::types::ServiceType;
use crate::suppliers::types::{Certification, ProfileField, SalesBand};

/// Most providers suggested for one gap.
pub const PROVIDERS_SHOWN: usize = 5;

fn list(stored: &str) -> Vec<String> {
    split_codes(stored, |c| Some(c.to_string()))
}

pub fn criteria_from(row: &platform_criteria::Model) -> PlatformCriteria {
    PlatformCriteria {
        own_factory: row.own_factory,
        min_floor_area_m2: row.min_floor_area_m2,
        certifications: split_codes(&row.certifications, Certification::from_code),
        warehouse_markets: list(&row.warehouse_markets),
        min_export_years: row.min_export_years,
        business_licence: row.business_licence,
        test_reports: row.test_reports,
        min_annual_sales: row.min_annual_sales.as_deref().and_then(SalesBand::from_code),
        category_slugs: list(&row.category_slugs),
        belt_slugs: list(&row.belt_slugs),
        notes: Bilingual::new(&row.notes_zh, &row.notes_en),
    }
}

pub async fn row_of<C: ConnectionTrait>(db: &C, org_id: i32) -> Result<Option<platform_criteria::Model>, AppError> {
    Ok(platform_criteria::Entity::find().filter(platform_criteria::Column::OrganisationId.eq(org_id)).one(db).await?)
}

/// Saves a platform's criteria by `user_id` (`None`: the seed), replacing
/// any before. Criteria someone saves are no longer demo data.
pub async fn save_in<C: ConnectionTrait>(
    txn: &C,
    org_id: i32,
    user_id: Option<i32>,
    c: &PlatformCriteria,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let existing = row_of(txn, org_id).await?;
    let mut active = match existing {
        Some(row) => row.into(),
        None => platform_criteria::ActiveModel { organisation_id: Set(org_id), ..Default::default() },
    };
    active.own_factory = Set(c.own_factory);
    active.min_floor_area_m2 = Set(c.min_floor_area_m2);
    active.certifications = Set(rules::stored_codes(&c.certifications));
    active.warehouse_markets = Set(c.warehouse_markets.join(","));
    active.min_export_years = Set(c.min_export_years);
    active.business_licence = Set(c.business_licence);
    active.test_reports = Set(c.test_reports);
    active.min_annual_sales = Set(c.min_annual_sales.map(|b| b.code().to_string()));
    active.category_slugs = Set(c.category_slugs.join(","));
    active.belt_slugs = Set(c.belt_slugs.join(","));
    active.notes_zh = Set(c.notes.zh.clone());
    active.notes_en = Set(c.notes.en.clone());
    active.is_demo = Set(user_id.is_none());
    active.updated_at = Set(now);
    active.updated_by = Set(user_id);
    active.save(txn).await?;
    Ok(())
}

fn by_slug(refs: &[crate::belts::types::CategoryRef]) -> Names {
    refs.iter().map(|c| (c.slug.clone(), c.name.clone())).collect()
}

async fn names<C: ConnectionTrait>(db: &C) -> Result<(Names, Names), AppError> {
    Ok((by_slug(&crate::read::all_categories(db).await?), by_slug(&crate::read::all_belts(db).await?)))
}

/// `/orgs/{slug}/criteria` for a viewer who may read it; `may_edit` adds the form's choices.
pub async fn criteria_page<C: ConnectionTrait>(db: &C, org: &organisation::Model, may_edit: bool) -> Result<CriteriaPage, AppError> {
    let row = row_of(db, org.id).await?;
    let criteria = row.as_ref().map(criteria_from);
    // Read once: the names for the requirements, and the form's choices.
    let all_categories = crate::read::all_categories(db).await?;
    let all_belts = crate::read::all_belts(db).await?;
    let (categories, belts) = (by_slug(&all_categories), by_slug(&all_belts));
    let requirements = criteria
        .as_ref()
        .map(|c| {
            rules::requirements(c).iter().map(|r| Bilingual::each(|lang| texts::requirement_text(r, &categories, &belts, lang))).collect()
        })
        .unwrap_or_default();
    let (all_categories, all_belts) = if may_edit { (all_categories, all_belts) } else { (Vec::new(), Vec::new()) };
    Ok(CriteriaPage {
        platform: named_org(org),
        criteria,
        requirements,
        is_demo: row.as_ref().is_some_and(|r| r.is_demo),
        updated_at: row.as_ref().map(|r| r.updated_at.into()),
        may_edit,
        all_categories,
        all_belts,
    })
}

/// The manufacturers `user_id` works for (active in their team), by name.
pub async fn firms_of<C: ConnectionTrait>(db: &C, user_id: i32) -> Result<Vec<organisation::Model>, AppError> {
    let places = crate::read::active_places(db, user_id).await?;
    Ok(organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(places.keys().copied()))
        .filter(organisation::Column::Kind.eq(OrgKind::Manufacturer.code()))
        .order_by_asc(organisation::Column::Slug)
        .all(db)
        .await?)
}

/// What readiness is judged on for `firm`, or `None` without a profile.
pub async fn facts_of<C: ConnectionTrait>(db: &C, firm: &organisation::Model) -> Result<Option<(FirmFacts, Vec<i32>)>, AppError> {
    let Some(row) = crate::read::supply_profile_of(db, firm.id).await? else { return Ok(None) };
    let profile = crate::read::profile_data(&row, crate::read::category_slugs(db, row.id).await?);
    let links = belt_organisation::Entity::find().filter(belt_organisation::Column::OrganisationId.eq(firm.id)).all(db).await?;
    let belt_ids: Vec<i32> = links.iter().map(|l| l.belt_id).collect();
    let belts = crate::read::belts_by_owner(db, links.iter().map(|l| (firm.id, l.belt_id))).await?;
    let facts = FirmFacts {
        profile,
        verified: split_codes(&row.verified_fields, ProfileField::from_code),
        organisation_verified: firm.verified_at.is_some(),
        belt_slugs: belts.get(&firm.id).map(|b| b.iter().map(|b| b.slug.clone()).collect()).unwrap_or_default(),
    };
    Ok(Some((facts, belt_ids)))
}

/// Published offerings of `service` (for `market`, when one is named) whose
/// provider is listed: those covering one of `belt_ids` (or whose provider
/// serves one of them) first, then those not tied to any belt.
pub async fn providers<C: ConnectionTrait>(
    db: &C,
    service: ServiceType,
    market: Option<&str>,
    belt_ids: &[i32],
) -> Result<Vec<ProviderOffer>, AppError> {
    let offerings = service_offering::Entity::find()
        .filter(service_offering::Column::ServiceType.eq(service.code()))
        .filter(service_offering::Column::Published.eq(true))
        .order_by_asc(service_offering::Column::Id)
        .all(db)
        .await?;
    let offerings: Vec<service_offering::Model> =
        offerings.into_iter().filter(|o| market.is_none_or(|m| list(&o.markets).iter().any(|x| x == m))).collect();
    if offerings.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i32> = offerings.iter().map(|o| o.id).collect();
    let covered = service_offering_belt::Entity::find().filter(service_offering_belt::Column::OfferingId.is_in(ids)).all(db).await?;
    let provider_ids: Vec<i32> = offerings.iter().map(|o| o.organisation_id).collect();
    let providers: HashMap<i32, organisation::Model> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(provider_ids.iter().copied()))
        .filter(organisation::Column::HiddenAt.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let serving: Vec<i32> = belt_organisation::Entity::find()
        .filter(belt_organisation::Column::OrganisationId.is_in(provider_ids))
        .filter(belt_organisation::Column::BeltId.is_in(belt_ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.organisation_id)
        .collect();
    let mut found: Vec<ProviderOffer> = offerings
        .into_iter()
        .filter_map(|o| {
            let provider = providers.get(&o.organisation_id)?;
            let belts: Vec<i32> = covered.iter().filter(|c| c.offering_id == o.id).map(|c| c.belt_id).collect();
            // An offering naming belts serves those; one naming none serves where its provider does.
            let serves_your_belt = if belts.is_empty() {
                serving.contains(&o.organisation_id)
            } else if belts.iter().any(|b| belt_ids.contains(b)) {
                true
            } else {
                return None;
            };
            Some(ProviderOffer {
                provider: named_org(provider),
                title: Bilingual::new(o.title_zh, o.title_en),
                service_type: service,
                markets: list(&o.markets),
                serves_your_belt,
                is_demo: o.is_demo || provider.is_demo,
            })
        })
        .collect();
    found.sort_by_key(|p| !p.serves_your_belt);
    found.truncate(PROVIDERS_SHOWN);
    Ok(found)
}

/// `/readiness` for `firm`, one of `firms` (the person's manufacturers).
pub async fn readiness<C: ConnectionTrait>(
    db: &C,
    firms: &[organisation::Model],
    firm: Option<&organisation::Model>,
    now: DateTime<Utc>,
) -> Result<Readiness, AppError> {
    let mut page = Readiness {
        firms: firms.iter().map(named_org).collect(),
        firm: firm.map(named_org),
        has_profile: false,
        fits: Vec::new(),
        without_criteria: Vec::new(),
    };
    let platforms = crate::read::organisations_of_kind(db, OrgKind::Platform).await?;
    let rows: HashMap<i32, platform_criteria::Model> = platform_criteria::Entity::find()
        .filter(platform_criteria::Column::OrganisationId.is_in(platforms.iter().map(|p| p.id)))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.organisation_id, r))
        .collect();
    let facts = match firm {
        Some(firm) => facts_of(db, firm).await?,
        None => None,
    };
    page.has_profile = facts.is_some();
    let (categories, belts) = names(db).await?;
    let this_year = crate::clock::year_in_china(now);
    let mut offers: HashMap<(ServiceType, Option<String>), Vec<ProviderOffer>> = HashMap::new();
    for platform in &platforms {
        let criteria = rows.get(&platform.id).map(criteria_from);
        let Some(criteria) = criteria.filter(|c| !rules::requirements(c).is_empty()) else {
            page.without_criteria.push(named_org(platform));
            continue;
        };
        let Some((facts, belt_ids)) = &facts else { continue };
        let mut checks = Vec::new();
        for check in rules::assess(&criteria, facts, this_year) {
            let mut found = Vec::new();
            for step in &check.steps {
                if let NextStep::FindProvider(service) = step {
                    let market = match &check.requirement {
                        Requirement::WarehouseIn(m) => Some(m.clone()),
                        _ => None,
                    };
                    let key = (*service, market);
                    if !offers.contains_key(&key) {
                        let list = providers(db, *service, key.1.as_deref(), belt_ids).await?;
                        offers.insert(key.clone(), list);
                    }
                    found.extend(offers[&key].iter().cloned());
                }
            }
            let requirement = Bilingual::each(|lang| texts::requirement_text(&check.requirement, &categories, &belts, lang));
            let says = Bilingual::each(|lang| texts::profile_says(&check.requirement, facts, &categories, &belts, lang));
            checks.push(CheckView { check, requirement, profile_says: says, providers: found });
        }
        let met = checks.iter().filter(|c| c.check.standing.is_met()).count();
        let verified = checks.iter().filter(|c| c.check.standing == Standing::Verified).count();
        page.fits.push(PlatformFit {
            platform: named_org(platform),
            is_demo: rows.get(&platform.id).is_some_and(|r| r.is_demo),
            notes: criteria.notes.clone(),
            checks,
            met,
            verified,
        });
    }
    rules::closest_first(&mut page.fits);
    Ok(page)
}
