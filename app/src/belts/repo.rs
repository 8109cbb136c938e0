//! Reading belts from the database into the shared types.

use crate::read::categories_of_belts;
use std::collections::{BTreeMap, HashMap};

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use crate::belts::types::{BeltCard, BeltDetail, BeltDirectory, BeltFilter, CategoryRef, FacetOption, Figure, Metric};
use crate::entities::{belt, belt_category, belt_figure, belt_organisation, category, organisation};
use crate::error::AppError;
use crate::geo;
use crate::i18n::Bilingual;
use crate::orgs::types::{BeltRole, OrgCard, OrgKind};
use crate::read::org_name;

/// Everything the directory shows, read in one go and cached between changes
/// (see `crate::cache`): the directory is the busiest page.
#[derive(Debug)]
pub struct DirectorySnapshot {
    categories: Vec<category::Model>,
    belts: Vec<belt::Model>,
    categories_of: HashMap<i32, Vec<i32>>,
    headlines: HashMap<i32, Figure>,
}

impl DirectorySnapshot {
    /// Every belt, by province and slug.
    pub fn belts(&self) -> &[belt::Model] {
        &self.belts
    }

    /// Every category, by slug.
    pub fn categories(&self) -> &[category::Model] {
        &self.categories
    }
}

/// Reads the directory's data from the database.
///
/// # Errors
/// On a database failure.
pub async fn directory_snapshot<C: ConnectionTrait>(db: &C) -> Result<DirectorySnapshot, DbErr> {
    let categories = category::Entity::find().order_by_asc(category::Column::Slug).all(db).await?;
    let belts = belt::Entity::find().order_by_asc(belt::Column::Province).order_by_asc(belt::Column::Slug).all(db).await?;
    let mut categories_of: HashMap<i32, Vec<i32>> = HashMap::new();
    for link in belt_category::Entity::find().all(db).await? {
        categories_of.entry(link.belt_id).or_default().push(link.category_id);
    }
    let headlines = headline_figures(db, belts.iter().map(|b| b.id).collect()).await?;
    Ok(DirectorySnapshot { categories, belts, categories_of, headlines })
}

/// The directory page: the belts that pass `filter`, and the filter choices
/// with their counts over all belts.
///
/// # Errors
/// `UnknownProvince`/`UnknownCategory` for a filter value that names nothing.
pub fn directory(snapshot: &DirectorySnapshot, filter: BeltFilter) -> Result<BeltDirectory, AppError> {
    if let Some(code) = &filter.province {
        if geo::province(code).is_none() {
            return Err(AppError::UnknownProvince(code.clone()));
        }
    }
    let DirectorySnapshot { categories, belts, categories_of, headlines } = snapshot;
    let chosen_category = match &filter.category {
        Some(slug) => {
            Some(categories.iter().find(|c| &c.slug == slug).map(|c| c.id).ok_or_else(|| AppError::UnknownCategory(slug.clone()))?)
        }
        None => None,
    };

    let passes_province = |b: &belt::Model| filter.province.as_ref().is_none_or(|p| &b.province == p);
    let passes_category = |b: &belt::Model| chosen_category.is_none_or(|c| categories_of.get(&b.id).is_some_and(|cs| cs.contains(&c)));

    // Each facet counts the belts the other filter leaves, so a choice never leads to nothing.
    let mut province_counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut category_counts: HashMap<i32, usize> = HashMap::new();
    for b in belts {
        if passes_category(b) {
            *province_counts.entry(b.province.as_str()).or_default() += 1;
        }
        if passes_province(b) {
            for c in categories_of.get(&b.id).into_iter().flatten() {
                *category_counts.entry(*c).or_default() += 1;
            }
        }
    }
    let provinces = geo::PROVINCES
        .iter()
        .filter_map(|p| {
            province_counts.get(p.code).map(|count| FacetOption {
                value: p.code.to_string(),
                label: Bilingual::new(p.name_zh, p.name_en),
                count: *count,
            })
        })
        .collect();
    let category_options = categories
        .iter()
        .filter_map(|c| {
            category_counts.get(&c.id).map(|count| FacetOption {
                value: c.slug.clone(),
                label: Bilingual::new(&c.name_zh, &c.name_en),
                count: *count,
            })
        })
        .collect();

    let category_by_id: HashMap<i32, &category::Model> = categories.iter().map(|c| (c.id, c)).collect();
    let cards = belts
        .iter()
        .filter(|b| passes_province(b) && passes_category(b))
        .map(|b| {
            let cats = category_refs(categories_of.get(&b.id), &category_by_id);
            card(b.clone(), cats, headlines.get(&b.id).cloned())
        })
        .collect();

    Ok(BeltDirectory { filter, belts: cards, all_belts_total: belts.len(), provinces, categories: category_options })
}

/// One belt with its figures and organisations.
///
/// # Errors
/// `NotFound` when no belt has this slug.
pub async fn detail<C: ConnectionTrait>(db: &C, slug: &str) -> Result<BeltDetail, AppError> {
    let b = belt::Entity::find().filter(belt::Column::Slug.eq(slug)).one(db).await?.ok_or(AppError::NotFound)?;
    let categories = categories_of_belt(db, b.id).await?;
    let figures: Vec<Figure> = belt_figure::Entity::find()
        .filter(belt_figure::Column::BeltId.eq(b.id))
        .order_by_asc(belt_figure::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .filter_map(figure)
        .collect();
    // Links waiting for approval (an association asking to serve the belt) are not shown.
    let links = belt_organisation::Entity::find()
        .filter(belt_organisation::Column::BeltId.eq(b.id))
        .filter(belt_organisation::Column::ApprovedAt.is_not_null())
        .all(db)
        .await?;
    let role_of: HashMap<i32, BeltRole> = links.iter().filter_map(|l| Some((l.organisation_id, BeltRole::from_code(&l.role)?))).collect();
    let linked = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(role_of.keys().copied()))
        .filter(organisation::Column::HiddenAt.is_null())
        .all(db)
        .await?;
    let suppliers = crate::read::published_supplier_cards(db, &linked).await?;
    let mut organisations: Vec<OrgCard> = linked
        .into_iter()
        .filter_map(|o| Some(OrgCard { role: *role_of.get(&o.id)?, kind: OrgKind::from_code(&o.kind)?, name: org_name(&o), slug: o.slug }))
        .collect();
    organisations.sort_by(|a, b| (a.role.code(), &a.slug).cmp(&(b.role.code(), &b.slug)));

    let county = match (&b.county_zh, &b.county_en) {
        (None, None) => None,
        (zh, en) => Some(Bilingual::new(zh.clone().unwrap_or_default(), en.clone().unwrap_or_default())),
    };
    let summary = Bilingual::new(&b.summary_zh, &b.summary_en);
    let headline = figures.first().cloned();
    Ok(BeltDetail { card: card(b, categories, headline), county, summary, figures, organisations, suppliers })
}

/// A belt's categories, by name.
///
/// # Errors
/// On a database failure.
pub async fn categories_of_belt<C: ConnectionTrait>(db: &C, belt_id: i32) -> Result<Vec<CategoryRef>, DbErr> {
    Ok(categories_of_belts(db, &[belt_id]).await?.remove(&belt_id).unwrap_or_default())
}

fn category_refs(ids: Option<&Vec<i32>>, by_id: &HashMap<i32, &category::Model>) -> Vec<CategoryRef> {
    let mut refs: Vec<CategoryRef> = ids
        .into_iter()
        .flatten()
        .filter_map(|id| by_id.get(id))
        .map(|c| CategoryRef { slug: c.slug.clone(), name: Bilingual::new(&c.name_zh, &c.name_en) })
        .collect();
    refs.sort_by(|a, b| a.slug.cmp(&b.slug));
    refs
}

async fn headline_figures<C: ConnectionTrait>(db: &C, belt_ids: Vec<i32>) -> Result<HashMap<i32, Figure>, DbErr> {
    let rows = belt_figure::Entity::find()
        .filter(belt_figure::Column::BeltId.is_in(belt_ids))
        .order_by_asc(belt_figure::Column::Position)
        .all(db)
        .await?;
    let mut first = HashMap::new();
    for row in rows {
        let belt_id = row.belt_id;
        if let (false, Some(f)) = (first.contains_key(&belt_id), figure(row)) {
            first.insert(belt_id, f);
        }
    }
    Ok(first)
}

fn figure(row: belt_figure::Model) -> Option<Figure> {
    Some(Figure { metric: Metric::from_code(&row.metric)?, value: row.value, at_least: row.at_least, year: row.year, source: row.source })
}

fn card(b: belt::Model, categories: Vec<CategoryRef>, headline: Option<Figure>) -> BeltCard {
    BeltCard {
        name: Bilingual::new(b.name_zh, b.name_en),
        city: Bilingual::new(b.city_zh, b.city_en),
        slug: b.slug,
        province: b.province,
        latitude: b.latitude,
        longitude: b.longitude,
        categories,
        headline,
    }
}
