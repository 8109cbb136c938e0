//! What one searchable entity looks like in Meilisearch, and how it is read
//! from the database. Every entity kind goes into one index with a `kind`
//! field, so one query ranks belts, organisations and suppliers together.
//! A manufacturer with a published supply profile is found as that supplier
//! only, not twice.

use serde::{Deserialize, Serialize};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::belts::repo::categories_of_belt;
use crate::entities::{belt, organisation, service_offering, supply_profile};
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
    /// Chinese sub-words of the longer words above (see `subwords`).
    #[serde(default)]
    pub subwords_zh: String,
    /// The shape of this document; see [`DOCUMENT_SCHEMA`].
    #[serde(default)]
    pub schema_version: u32,
}

/// Bumped whenever what a document holds changes, so that start-up can tell
/// an index written by an older build and rebuild it (`schema_version` 1 had
/// no Chinese sub-words; documents before it had no version at all).
pub const DOCUMENT_SCHEMA: u32 = 1;

impl SearchDocument {
    /// The document as indexed: with the sub-words of its Chinese text.
    fn with_subwords(mut self) -> Self {
        let texts = [&self.name_zh, &self.place_zh, &self.summary_zh].into_iter().chain(&self.categories_zh);
        self.subwords_zh = crate::search::subwords::subwords_zh(texts.map(String::as_str));
        self
    }
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
    Ok(load_plain(db, kind, id).await?.map(SearchDocument::with_subwords))
}

async fn load_plain<C: ConnectionTrait>(db: &C, kind: EntityKind, id: i32) -> Result<Option<SearchDocument>, DbErr> {
    match kind {
        EntityKind::Belt => match belt::Entity::find_by_id(id).one(db).await? {
            Some(b) => Ok(Some(belt_document(db, b).await?)),
            None => Ok(None),
        },
        EntityKind::Organisation => match organisation::Entity::find_by_id(id).one(db).await? {
            Some(o) if !has_published_profile(db, &[o.id]).await?.contains(&o.id) => Ok(Some(organisation_document(o))),
            _ => Ok(None),
        },
        EntityKind::SupplyProfile => match supply_profile::Entity::find_by_id(id).one(db).await? {
            Some(p) if p.status == ProfileStatus::Published.code() => {
                match organisation::Entity::find_by_id(p.organisation_id).one(db).await? {
                    Some(o) => Ok(Some(supplier_document(db, o, p).await?)),
                    None => Ok(None),
                }
            }
            _ => Ok(None),
        },
        EntityKind::Offering => match service_offering::Entity::find_by_id(id).one(db).await? {
            Some(offering) if offering.published => match organisation::Entity::find_by_id(offering.organisation_id).one(db).await? {
                Some(o) => Ok(Some(offering_document(o, offering))),
                None => Ok(None),
            },
            _ => Ok(None),
        },
    }
}

fn offering_document(o: organisation::Model, offering: service_offering::Model) -> SearchDocument {
    let service_type = crate::services::types::ServiceType::from_code(&offering.service_type);
    let org = organisation_document(o);
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
        verified: org.verified,
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
    p: supply_profile::Model,
) -> Result<SearchDocument, DbErr> {
    let categories = crate::suppliers::repo::categories_of(db, p.id).await?;
    let profile = crate::suppliers::repo::profile_data(&p, Vec::new());
    let org = organisation_document(o);
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
        subwords_zh: String::new(),
        schema_version: DOCUMENT_SCHEMA,
    })
}

fn organisation_document(o: organisation::Model) -> SearchDocument {
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
        province: o.province,
        slug: o.slug,
        name_zh: name.zh,
        name_en: name.en,
        summary_zh: o.description_zh,
        summary_en: o.description_en,
        geo: None,
        certifications: Vec::new(),
        export_markets: Vec::new(),
        business_models: Vec::new(),
        verified: o.verified_at.is_some(),
        service_type: None,
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
                    page.into_iter().filter(|o| !shown_as_supplier.contains(&o.id)).map(organisation_document).collect()
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
                    let mut docs = Vec::with_capacity(page.len());
                    for p in page {
                        if let Some(o) = orgs.iter().find(|o| o.id == p.organisation_id) {
                            docs.push(supplier_document(self.db, o.clone(), p).await?);
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
                    page.into_iter()
                        .filter_map(|p| Some(offering_document(orgs.iter().find(|o| o.id == p.organisation_id)?.clone(), p)))
                        .collect()
                }
            };
            // A page may hold no document (organisations shown as suppliers)
            // without the stage being over: the stage ends when no row was read.
            if self.after_id != before {
                return Ok(Some(docs.into_iter().map(SearchDocument::with_subwords).collect()));
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
