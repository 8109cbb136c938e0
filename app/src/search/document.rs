//! What one searchable entity looks like in Meilisearch, and how it is read
//! from the database. Every entity kind goes into one index with a `kind`
//! field, so one query ranks belts, organisations and suppliers together.
//! A manufacturer with a published supply profile is found as that supplier
//! only, not twice.
//!
//! Beltlink holds no street addresses: a firm located in a belt (a member) is
//! placed at that belt (`_geo`), which is what "within N km of a belt" needs.
//! Platforms, providers and associations only serve belts, so they have no
//! place; nor do offerings.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::belts::repo::{belts_by_owner, categories_of_belt};
use crate::entities::{belt, belt_organisation, organisation, service_offering, service_offering_belt, supply_profile};
use crate::search::query::CapacityBand;
use crate::search::types::without_marks;
use crate::suppliers::types::ProfileStatus;
use crate::geo;
use crate::orgs::repo::org_name;
use crate::orgs::types::OrgKind;

/// The kinds of entity that reach search; stored in the outbox as `code()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EntityKind {
    Belt,
    Organisation,
    SupplyProfile,
    Offering,
}

impl EntityKind {
    pub const ALL: [EntityKind; 4] =
        [EntityKind::Belt, EntityKind::Organisation, EntityKind::SupplyProfile, EntityKind::Offering];

    pub fn code(self) -> &'static str {
        match self {
            EntityKind::Belt => "belt",
            EntityKind::Organisation => "organisation",
            EntityKind::SupplyProfile => "supply_profile",
            EntityKind::Offering => "offering",
        }
    }

    pub fn from_code(code: &str) -> Option<EntityKind> {
        EntityKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The Meilisearch primary key of this entity's document.
    pub fn document_id(self, id: i32) -> String {
        format!("{}-{id}", self.code())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Geo {
    pub lat: f64,
    pub lng: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchDocument {
    pub id: String,
    pub kind: String,
    pub org_kind: Option<String>,
    pub slug: String,
    pub name_zh: String,
    pub name_en: String,
    pub place_zh: String,
    pub place_en: String,
    pub categories_zh: Vec<String>,
    pub categories_en: Vec<String>,
    pub category_slugs: Vec<String>,
    pub province: Option<String>,
    /// `English|中文`: one facet value that can be shown in either language.
    #[serde(default)]
    pub city: Option<String>,
    /// The belt itself, the belts an organisation belongs to, or those an offering covers.
    #[serde(default)]
    pub belt_slugs: Vec<String>,
    pub summary_zh: String,
    pub summary_en: String,
    #[serde(rename = "_geo", skip_serializing_if = "Option::is_none", default)]
    pub geo: Option<Geo>,
    /// Supply profiles: certification codes, export markets (ISO codes), business models.
    #[serde(default)]
    pub certifications: Vec<String>,
    #[serde(default)]
    pub export_markets: Vec<String>,
    #[serde(default)]
    pub business_models: Vec<String>,
    #[serde(default)]
    pub verified: bool,
    /// Service offerings: the type's code.
    #[serde(default)]
    pub service_type: Option<String>,
    /// Supply profiles: monthly capacity in the profile's own unit, and its band.
    #[serde(default)]
    pub capacity: Option<i64>,
    #[serde(default)]
    pub capacity_band: Option<String>,
    /// Unix seconds of the last change, for "recently updated".
    #[serde(default)]
    pub updated_at: i64,
    /// Chinese sub-words of the longer words above (see `subwords`).
    #[serde(default)]
    pub subwords_zh: String,
    /// The shape of this document; see [`DOCUMENT_SCHEMA`].
    #[serde(default)]
    pub schema_version: u32,
}

/// Bumped whenever what a document holds changes, so that start-up can tell
/// an index written by an older build and rebuild it (`schema_version` 1 had
/// no Chinese sub-words; 2 added belts, cities, capacity, update times and
/// `_geo` for organisations; documents before 1 had no version at all).
pub const DOCUMENT_SCHEMA: u32 = 2;

impl SearchDocument {
    /// The document as indexed: without highlight marks in its text (so
    /// none can be forged) and with the sub-words of its Chinese text.
    fn prepared(mut self) -> Self {
        for text in [
            &mut self.name_zh,
            &mut self.name_en,
            &mut self.place_zh,
            &mut self.place_en,
            &mut self.summary_zh,
            &mut self.summary_en,
        ] {
            if text.contains([crate::search::types::MARK_START, crate::search::types::MARK_END]) {
                *text = without_marks(text);
            }
        }
        let texts = [&self.name_zh, &self.place_zh, &self.summary_zh].into_iter().chain(&self.categories_zh);
        self.subwords_zh = crate::search::subwords::subwords_zh(texts.map(String::as_str));
        self
    }
}

/// The facet value of a city named in either or both languages.
pub fn city_key(en: Option<&str>, zh: Option<&str>) -> Option<String> {
    let (en, zh) = (en.unwrap_or("").trim(), zh.unwrap_or("").trim());
    (!en.is_empty() || !zh.is_empty()).then(|| format!("{}|{}", en.replace('|', " "), zh.replace('|', " ")))
}

/// A city facet value's name in each language (the other one when a name is missing).
pub fn city_names(key: &str) -> crate::i18n::Bilingual {
    let (en, zh) = key.split_once('|').unwrap_or((key, ""));
    let pick = |a: &str, b: &str| if a.is_empty() { b.to_string() } else { a.to_string() };
    crate::i18n::Bilingual::new(pick(zh, en), pick(en, zh))
}

/// The belts an organisation is linked to, and where it is (see the module comment).
#[derive(Default)]
struct Placed {
    belts: Vec<belt::Model>,
    geo: Option<Geo>,
}

/// The belts each organisation is linked to, and where each one is.
async fn org_belts<C: ConnectionTrait>(db: &C, org_ids: &[i32]) -> Result<HashMap<i32, Placed>, DbErr> {
    let links = belt_organisation::Entity::find()
        .filter(belt_organisation::Column::OrganisationId.is_in(org_ids.iter().copied()))
        .all(db)
        .await?;
    let member = crate::orgs::types::BeltRole::Member.code();
    let mut placed: HashMap<i32, Placed> = HashMap::new();
    for (org, belts) in belts_by_owner(db, links.iter().map(|l| (l.organisation_id, l.belt_id))).await? {
        let home = belts
            .iter()
            .find(|b| links.iter().any(|l| l.organisation_id == org && l.belt_id == b.id && l.role == member))
            .map(|b| Geo { lat: b.latitude, lng: b.longitude });
        placed.insert(org, Placed { belts, geo: home });
    }
    Ok(placed)
}

/// The belts each offering covers.
async fn offering_belts<C: ConnectionTrait>(db: &C, offering_ids: &[i32]) -> Result<HashMap<i32, Vec<belt::Model>>, DbErr> {
    let links = service_offering_belt::Entity::find()
        .filter(service_offering_belt::Column::OfferingId.is_in(offering_ids.iter().copied()))
        .all(db)
        .await?;
    belts_by_owner(db, links.into_iter().map(|l| (l.offering_id, l.belt_id))).await
}

pub fn place(province: Option<&str>, parts: &[Option<&str>], zh: bool) -> String {
    let province = province.and_then(geo::province).map(|p| if zh { p.name_zh } else { p.name_en });
    let names: Vec<&str> = std::iter::once(province)
        .chain(parts.iter().copied())
        .flatten()
        .filter(|s| !s.is_empty())
        .collect();
    names.join(if zh { " · " } else { ", " })
}

/// The document for one entity, or `None` when it should not be searchable
/// (deleted, or not public).
///
/// # Errors
/// On a database failure.
pub async fn load<C: ConnectionTrait>(db: &C, kind: EntityKind, id: i32) -> Result<Option<SearchDocument>, DbErr> {
    Ok(load_plain(db, kind, id).await?.map(SearchDocument::prepared))
}

async fn load_plain<C: ConnectionTrait>(db: &C, kind: EntityKind, id: i32) -> Result<Option<SearchDocument>, DbErr> {
    match kind {
        EntityKind::Belt => match belt::Entity::find_by_id(id).one(db).await? {
            Some(b) => Ok(Some(belt_document(db, b).await?)),
            None => Ok(None),
        },
        EntityKind::Organisation => match organisation::Entity::find_by_id(id).one(db).await? {
            Some(o) if !has_published_profile(db, &[o.id]).await?.contains(&o.id) => {
                let placed = org_belts(db, &[o.id]).await?.remove(&o.id).unwrap_or_default();
                Ok(Some(organisation_document(o, &placed)))
            }
            _ => Ok(None),
        },
        EntityKind::SupplyProfile => match supply_profile::Entity::find_by_id(id).one(db).await? {
            Some(p) if p.status == ProfileStatus::Published.code() => {
                match organisation::Entity::find_by_id(p.organisation_id).one(db).await? {
                    Some(o) => {
                        let placed = org_belts(db, &[o.id]).await?.remove(&o.id).unwrap_or_default();
                        Ok(Some(supplier_document(db, o, &placed, p).await?))
                    }
                    None => Ok(None),
                }
            }
            _ => Ok(None),
        },
        EntityKind::Offering => match service_offering::Entity::find_by_id(id).one(db).await? {
            Some(offering) if offering.published => match organisation::Entity::find_by_id(offering.organisation_id).one(db).await? {
                Some(o) => {
                    let covered = offering_belts(db, &[offering.id]).await?.remove(&offering.id).unwrap_or_default();
                    Ok(Some(offering_document(o, offering, &covered)))
                }
                None => Ok(None),
            },
            _ => Ok(None),
        },
    }
}

fn offering_document(o: organisation::Model, offering: service_offering::Model, covered: &[belt::Model]) -> SearchDocument {
    let service_type = crate::services::types::ServiceType::from_code(&offering.service_type);
    let org = organisation_document(o, &Placed::default());
    let label = |lang| service_type.map(|t| t.label(lang).to_string()).into_iter().collect::<Vec<_>>();
    let join = |parts: [&str; 3]| parts.into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join("\n");
    SearchDocument {
        id: EntityKind::Offering.document_id(offering.id),
        kind: EntityKind::Offering.code().into(),
        org_kind: None,
        name_zh: offering.title_zh,
        name_en: offering.title_en,
        categories_zh: label(crate::i18n::Lang::Zh),
        categories_en: label(crate::i18n::Lang::En),
        summary_zh: join([&offering.description_zh, &offering.terms_zh, &org.name_zh]),
        summary_en: join([&offering.description_en, &offering.terms_en, &org.name_en]),
        export_markets: offering.markets.split(',').filter(|m| !m.is_empty()).map(str::to_string).collect(),
        service_type: service_type.map(|t| t.code().to_string()),
        belt_slugs: covered.iter().map(|b| b.slug.clone()).collect(),
        updated_at: offering.updated_at.timestamp(),
        ..org
    }
}

/// Which of these organisations have a published supply profile.
async fn has_published_profile<C: ConnectionTrait>(db: &C, org_ids: &[i32]) -> Result<Vec<i32>, DbErr> {
    Ok(supply_profile::Entity::find()
        .filter(supply_profile::Column::OrganisationId.is_in(org_ids.iter().copied()))
        .filter(supply_profile::Column::Status.eq(ProfileStatus::Published.code()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.organisation_id)
        .collect())
}

async fn supplier_document<C: ConnectionTrait>(
    db: &C,
    o: organisation::Model,
    placed: &Placed,
    p: supply_profile::Model,
) -> Result<SearchDocument, DbErr> {
    let categories = crate::suppliers::repo::categories_of(db, p.id).await?;
    let profile = crate::suppliers::repo::profile_data(&p, Vec::new());
    let org = organisation_document(o, placed);
    let join = |a: &str, b: &str| [a, b].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join("\n");
    Ok(SearchDocument {
        id: EntityKind::SupplyProfile.document_id(p.id),
        kind: EntityKind::SupplyProfile.code().into(),
        categories_zh: categories.iter().map(|c| c.name.zh.clone()).collect(),
        categories_en: categories.iter().map(|c| c.name.en.clone()).collect(),
        category_slugs: categories.into_iter().map(|c| c.slug).collect(),
        summary_zh: join(&profile.products.zh, &org.summary_zh),
        summary_en: join(&profile.products.en, &org.summary_en),
        certifications: profile.certifications.iter().map(|c| c.code().to_string()).collect(),
        export_markets: profile.export_markets,
        business_models: profile.business_models.iter().map(|m| m.code().to_string()).collect(),
        capacity: p.capacity_value,
        capacity_band: p.capacity_value.map(|v| CapacityBand::of(v).code().to_string()),
        updated_at: p.updated_at.timestamp().max(org.updated_at),
        ..org
    })
}

async fn belt_document<C: ConnectionTrait>(db: &C, b: belt::Model) -> Result<SearchDocument, DbErr> {
    let categories = categories_of_belt(db, b.id).await?;
    Ok(SearchDocument {
        id: EntityKind::Belt.document_id(b.id),
        kind: EntityKind::Belt.code().into(),
        org_kind: None,
        place_zh: place(Some(&b.province), &[Some(&b.city_zh), b.county_zh.as_deref()], true),
        place_en: place(Some(&b.province), &[b.county_en.as_deref(), Some(&b.city_en)], false),
        categories_zh: categories.iter().map(|c| c.name.zh.clone()).collect(),
        categories_en: categories.iter().map(|c| c.name.en.clone()).collect(),
        category_slugs: categories.into_iter().map(|c| c.slug).collect(),
        province: Some(b.province),
        city: city_key(Some(&b.city_en), Some(&b.city_zh)),
        belt_slugs: vec![b.slug.clone()],
        slug: b.slug,
        name_zh: b.name_zh,
        name_en: b.name_en,
        summary_zh: b.summary_zh,
        summary_en: b.summary_en,
        geo: Some(Geo { lat: b.latitude, lng: b.longitude }),
        certifications: Vec::new(),
        export_markets: Vec::new(),
        business_models: Vec::new(),
        verified: false,
        service_type: None,
        capacity: None,
        capacity_band: None,
        updated_at: b.updated_at.timestamp(),
        subwords_zh: String::new(),
        schema_version: DOCUMENT_SCHEMA,
    })
}

fn organisation_document(o: organisation::Model, placed: &Placed) -> SearchDocument {
    let name = org_name(&o);
    let kind = OrgKind::from_code(&o.kind);
    SearchDocument {
        id: EntityKind::Organisation.document_id(o.id),
        kind: EntityKind::Organisation.code().into(),
        org_kind: kind.map(|k| k.code().to_string()),
        place_zh: place(o.province.as_deref(), &[o.city_zh.as_deref()], true),
        place_en: place(o.province.as_deref(), &[o.city_en.as_deref()], false),
        categories_zh: Vec::new(),
        categories_en: Vec::new(),
        category_slugs: Vec::new(),
        city: city_key(o.city_en.as_deref(), o.city_zh.as_deref()),
        province: o.province,
        belt_slugs: placed.belts.iter().map(|b| b.slug.clone()).collect(),
        slug: o.slug,
        name_zh: name.zh,
        name_en: name.en,
        summary_zh: o.description_zh,
        summary_en: o.description_en,
        geo: placed.geo.clone(),
        certifications: Vec::new(),
        export_markets: Vec::new(),
        business_models: Vec::new(),
        verified: o.verified_at.is_some(),
        service_type: None,
        capacity: None,
        capacity_band: None,
        updated_at: o.updated_at.timestamp(),
        subwords_zh: String::new(),
        schema_version: DOCUMENT_SCHEMA,
    }
}

async fn organisations<C: ConnectionTrait>(db: &C, ids: impl Iterator<Item = i32>) -> Result<Vec<organisation::Model>, DbErr> {
    organisation::Entity::find().filter(organisation::Column::Id.is_in(ids.collect::<Vec<_>>())).all(db).await
}

/// Every searchable document, a page at a time (keyset pagination by id),
/// for a full rebuild.
pub struct AllDocuments<'a, C> {
    db: &'a C,
    page_size: u64,
    stage: EntityKind,
    after_id: i32,
    done: bool,
}

impl<'a, C: ConnectionTrait> AllDocuments<'a, C> {
    pub fn new(db: &'a C, page_size: u64) -> Self {
        AllDocuments { db, page_size, stage: EntityKind::Belt, after_id: 0, done: false }
    }

    /// The next page, or `None` when every entity was read.
    ///
    /// # Errors
    /// On a database failure.
    pub async fn next_page(&mut self) -> Result<Option<Vec<SearchDocument>>, DbErr> {
        while !self.done {
            let before = self.after_id;
            let docs = match self.stage {
                EntityKind::Belt => {
                    let page = belt::Entity::find()
                        .filter(belt::Column::Id.gt(self.after_id))
                        .order_by_asc(belt::Column::Id)
                        .limit(self.page_size)
                        .all(self.db)
                        .await?;
                    self.after_id = page.last().map_or(self.after_id, |b| b.id);
                    let mut docs = Vec::with_capacity(page.len());
                    for b in page {
                        docs.push(belt_document(self.db, b).await?);
                    }
                    docs
                }
                EntityKind::Organisation => {
                    let page = organisation::Entity::find()
                        .filter(organisation::Column::Id.gt(self.after_id))
                        .order_by_asc(organisation::Column::Id)
                        .limit(self.page_size)
                        .all(self.db)
                        .await?;
                    self.after_id = page.last().map_or(self.after_id, |o| o.id);
                    let ids: Vec<i32> = page.iter().map(|o| o.id).collect();
                    let shown_as_supplier = has_published_profile(self.db, &ids).await?;
                    let placed = org_belts(self.db, &ids).await?;
                    let nowhere = Placed::default();
                    page.into_iter()
                        .filter(|o| !shown_as_supplier.contains(&o.id))
                        .map(|o| {
                            let own = placed.get(&o.id).unwrap_or(&nowhere);
                            organisation_document(o, own)
                        })
                        .collect()
                }
                EntityKind::SupplyProfile => {
                    let page = supply_profile::Entity::find()
                        .filter(supply_profile::Column::Id.gt(self.after_id))
                        .filter(supply_profile::Column::Status.eq(ProfileStatus::Published.code()))
                        .order_by_asc(supply_profile::Column::Id)
                        .limit(self.page_size)
                        .all(self.db)
                        .await?;
                    self.after_id = page.last().map_or(self.after_id, |p| p.id);
                    let orgs = organisations(self.db, page.iter().map(|p| p.organisation_id)).await?;
                    let placed = org_belts(self.db, &orgs.iter().map(|o| o.id).collect::<Vec<_>>()).await?;
                    let nowhere = Placed::default();
                    let mut docs = Vec::with_capacity(page.len());
                    for p in page {
                        if let Some(o) = orgs.iter().find(|o| o.id == p.organisation_id) {
                            let own = placed.get(&o.id).unwrap_or(&nowhere);
                            docs.push(supplier_document(self.db, o.clone(), own, p).await?);
                        }
                    }
                    docs
                }
                EntityKind::Offering => {
                    let page = service_offering::Entity::find()
                        .filter(service_offering::Column::Id.gt(self.after_id))
                        .filter(service_offering::Column::Published.eq(true))
                        .order_by_asc(service_offering::Column::Id)
                        .limit(self.page_size)
                        .all(self.db)
                        .await?;
                    self.after_id = page.last().map_or(self.after_id, |p| p.id);
                    let orgs = organisations(self.db, page.iter().map(|p| p.organisation_id)).await?;
                    let covered = offering_belts(self.db, &page.iter().map(|p| p.id).collect::<Vec<_>>()).await?;
                    let none: &[belt::Model] = &[];
                    page.into_iter()
                        .filter_map(|p| {
                            let o = orgs.iter().find(|o| o.id == p.organisation_id)?.clone();
                            let covered = covered.get(&p.id).map_or(none, Vec::as_slice);
                            Some(offering_document(o, p, covered))
                        })
                        .collect()
                }
            };
            // A page may hold no document (organisations shown as suppliers)
            // without the stage being over: the stage ends when no row was read.
            if self.after_id != before {
                return Ok(Some(docs.into_iter().map(SearchDocument::prepared).collect()));
            }
            match self.stage {
                EntityKind::Belt => self.stage = EntityKind::Organisation,
                EntityKind::Organisation => self.stage = EntityKind::SupplyProfile,
                EntityKind::SupplyProfile => self.stage = EntityKind::Offering,
                EntityKind::Offering => self.done = true,
            }
            self.after_id = 0;
        }
        Ok(None)
    }
}

/// How many documents a full rebuild writes.
///
/// # Errors
/// On a database failure.
pub async fn count_all<C: ConnectionTrait>(db: &C) -> Result<u64, DbErr> {
    // A published profile stands in for its organisation: one document each.
    let offerings = service_offering::Entity::find().filter(service_offering::Column::Published.eq(true)).count(db).await?;
    Ok(belt::Entity::find().count(db).await? + organisation::Entity::find().count(db).await? + offerings)
}
