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

use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::belts::types::CategoryRef;
use crate::entities::{
    belt, belt_organisation, brief, event, organisation, policy_notice, service_offering, service_offering_belt, supply_profile,
    supply_profile_photo, talent_program,
};
use crate::i18n::Lang;
use crate::orgs::types::OrgKind;
use crate::read::categories_of_profiles;
use crate::read::org_name;
use crate::read::{belts_by_owner, categories_of_belts, place};
use crate::search::query::CapacityBand;
use crate::search::types::without_marks;
use crate::suppliers::types::ProfileStatus;

pub use crate::changes::EntityKind;

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
    /// Supply profiles: the certifications and export markets as words people
    /// type ("BSCI", "美国", "United States", "US"), so they are found by search
    /// and not only by the facets.
    #[serde(default)]
    pub trade_zh: String,
    #[serde(default)]
    pub trade_en: String,
    /// Supply profiles: the trade facts a result card shows (MOQ, capacity,
    /// lead time, certifications, markets), in each language.
    #[serde(default)]
    pub facts_zh: String,
    #[serde(default)]
    pub facts_en: String,
    /// Supply profiles: the address of their first photo.
    #[serde(default)]
    pub photo: Option<String>,
    /// Supply profiles: what scouting's score reads besides the facets — the
    /// capacity's unit, the lead time, the sample policy, and which fields a
    /// verifier checked (by whom, when: Unix seconds).
    #[serde(default)]
    pub capacity_unit: Option<String>,
    #[serde(default)]
    pub lead_time_days: Option<i32>,
    #[serde(default)]
    pub sample_policy: Option<String>,
    #[serde(default)]
    pub verified_fields: Vec<String>,
    #[serde(default)]
    pub verified_by: Option<String>,
    #[serde(default)]
    pub verified_at: Option<i64>,
    /// 1 for what ranks after the directory when it matches the words no
    /// better (scouting briefs), 0 for the directory itself.
    #[serde(default)]
    pub listing_rank: u8,
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
/// `_geo` for organisations; 3 added certifications and markets as words;
/// 4 added suppliers' trade facts and first photo for result cards; 5 what
/// scouting scores: capacity unit, lead time, samples, verified fields;
/// documents before 1 had no version at all).
pub const DOCUMENT_SCHEMA: u32 = 5;

impl SearchDocument {
    /// A document with nothing in it but its shape's version.
    fn empty() -> Self {
        SearchDocument {
            id: String::new(),
            kind: String::new(),
            org_kind: None,
            slug: String::new(),
            name_zh: String::new(),
            name_en: String::new(),
            place_zh: String::new(),
            place_en: String::new(),
            categories_zh: Vec::new(),
            categories_en: Vec::new(),
            category_slugs: Vec::new(),
            province: None,
            city: None,
            belt_slugs: Vec::new(),
            summary_zh: String::new(),
            summary_en: String::new(),
            geo: None,
            certifications: Vec::new(),
            export_markets: Vec::new(),
            business_models: Vec::new(),
            verified: false,
            service_type: None,
            capacity: None,
            capacity_band: None,
            updated_at: 0,
            trade_zh: String::new(),
            trade_en: String::new(),
            facts_zh: String::new(),
            facts_en: String::new(),
            photo: None,
            capacity_unit: None,
            lead_time_days: None,
            sample_policy: None,
            verified_fields: Vec::new(),
            verified_by: None,
            verified_at: None,
            listing_rank: 0,
            subwords_zh: String::new(),
            schema_version: DOCUMENT_SCHEMA,
        }
    }

    /// The document as indexed: without highlight marks in its text (so
    /// none can be forged) and with the sub-words of its Chinese text.
    fn prepared(mut self) -> Self {
        for text in
            [&mut self.name_zh, &mut self.name_en, &mut self.place_zh, &mut self.place_en, &mut self.summary_zh, &mut self.summary_en]
        {
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
        .filter(belt_organisation::Column::ApprovedAt.is_not_null())
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

/// The document for one entity, or `None` when it should not be searchable
/// (deleted, or not public).
///
/// # Errors
/// On a database failure.
pub async fn load<C: ConnectionTrait>(db: &C, kind: EntityKind, id: i32) -> Result<Option<SearchDocument>, DbErr> {
    Ok(load_many(db, kind, vec![id]).await?.remove(&id))
}

/// The documents of these entities of one kind, by entity id, with a few
/// queries for all of them; entities that should not be searchable are
/// missing from the map.
///
/// # Errors
/// On a database failure.
pub async fn load_many<C: ConnectionTrait>(db: &C, kind: EntityKind, ids: Vec<i32>) -> Result<HashMap<i32, SearchDocument>, DbErr> {
    let (_, docs) = read(db, kind, &Rows::Ids(ids)).await?;
    Ok(docs.into_iter().map(|(id, doc)| (id, doc.prepared())).collect())
}

/// Which rows of an entity's table to read.
enum Rows {
    Ids(Vec<i32>),
    /// A page in id order, for keyset pagination.
    After {
        id: i32,
        limit: u64,
    },
}

async fn select<E: EntityTrait, C: ConnectionTrait>(
    db: &C,
    id: E::Column,
    searchable: Condition,
    rows: &Rows,
) -> Result<Vec<E::Model>, DbErr> {
    let found = E::find().filter(searchable);
    match rows {
        Rows::Ids(ids) => found.filter(id.is_in(ids.iter().copied())).all(db).await,
        Rows::After { id: after, limit } => found.filter(id.gt(*after)).order_by_asc(id).limit(*limit).all(db).await,
    }
}

/// Which rows of `kind` are searchable: the one place that decides it, for
/// loading and rebuilding alike (and in SQL, so a rebuild does not read the
/// organisations it would leave out).
pub(crate) fn searchable(kind: EntityKind) -> Condition {
    let published_profile = || supply_profile::Column::Status.eq(ProfileStatus::Published.code());
    // What a site admin hid is found by nobody, nor anything it publishes.
    let hidden = || {
        Query::select()
            .column(organisation::Column::Id)
            .from(organisation::Entity)
            .and_where(organisation::Column::HiddenAt.is_not_null())
            .to_owned()
    };
    match kind {
        EntityKind::Belt => Condition::all(),
        // A manufacturer with a published supply profile is found as that
        // supplier; an association or school waiting for approval is not found.
        EntityKind::Organisation => {
            Condition::all().add(organisation::Column::ApprovedAt.is_not_null()).add(organisation::Column::HiddenAt.is_null()).add(
                organisation::Column::Id.not_in_subquery(
                    Query::select()
                        .column(supply_profile::Column::OrganisationId)
                        .from(supply_profile::Entity)
                        .and_where(published_profile())
                        .to_owned(),
                ),
            )
        }
        EntityKind::SupplyProfile => {
            Condition::all().add(published_profile()).add(supply_profile::Column::OrganisationId.not_in_subquery(hidden()))
        }
        EntityKind::Offering => Condition::all()
            .add(service_offering::Column::Published.eq(true))
            .add(service_offering::Column::OrganisationId.not_in_subquery(hidden())),
        // Open public briefs before their deadline; the sweep that closes a
        // brief at its deadline queues it, so it leaves search then.
        EntityKind::Brief => Condition::all()
            .add(brief::Column::Status.eq(crate::scouting::types::BriefStatus::Open.code()))
            .add(brief::Column::Restricted.eq(false))
            .add(brief::Column::Deadline.gt(chrono::Utc::now()))
            .add(brief::Column::OrganisationId.not_in_subquery(hidden())),
        // Every event but drafts, while its association is listed: people
        // look for past ones too (who met whom, what came of it).
        EntityKind::Event => Condition::all()
            .add(event::Column::Status.ne(crate::events::types::EventStatus::Draft.code()))
            .add(event::Column::AssociationId.not_in_subquery(hidden()))
            .add(
                event::Column::AssociationId.in_subquery(
                    Query::select()
                        .column(organisation::Column::Id)
                        .from(organisation::Entity)
                        .and_where(organisation::Column::ApprovedAt.is_not_null())
                        .to_owned(),
                ),
            ),
        // Every notice, open or closed, unless its publisher is hidden.
        EntityKind::PolicyNotice => Condition::any()
            .add(policy_notice::Column::PublisherId.is_null())
            .add(policy_notice::Column::PublisherId.not_in_subquery(hidden())),
        // Every program, past ones too, unless its organiser is hidden.
        EntityKind::TalentProgram => Condition::all().add(talent_program::Column::OrganiserId.not_in_subquery(hidden())),
    }
}

/// The documents of the searchable rows read (before
/// [`SearchDocument::prepared`]), with their entity ids, and the largest id
/// read.
async fn read<C: ConnectionTrait>(db: &C, kind: EntityKind, rows: &Rows) -> Result<(Option<i32>, Vec<(i32, SearchDocument)>), DbErr> {
    let only = searchable(kind);
    Ok(match kind {
        EntityKind::Belt => {
            let found = select::<belt::Entity, _>(db, belt::Column::Id, only, rows).await?;
            (found.iter().map(|b| b.id).max(), belt_documents(db, found).await?)
        }
        EntityKind::Organisation => {
            let found = select::<organisation::Entity, _>(db, organisation::Column::Id, only, rows).await?;
            (found.iter().map(|o| o.id).max(), organisation_documents(db, found).await?)
        }
        EntityKind::SupplyProfile => {
            let found = select::<supply_profile::Entity, _>(db, supply_profile::Column::Id, only, rows).await?;
            (found.iter().map(|p| p.id).max(), supplier_documents(db, found).await?)
        }
        EntityKind::Offering => {
            let found = select::<service_offering::Entity, _>(db, service_offering::Column::Id, only, rows).await?;
            (found.iter().map(|o| o.id).max(), offering_documents(db, found).await?)
        }
        EntityKind::Brief => {
            let found = select::<brief::Entity, _>(db, brief::Column::Id, only, rows).await?;
            (found.iter().map(|b| b.id).max(), brief_documents(db, found).await?)
        }
        EntityKind::Event => {
            let found = select::<event::Entity, _>(db, event::Column::Id, only, rows).await?;
            (found.iter().map(|e| e.id).max(), event_documents(db, found).await?)
        }
        EntityKind::PolicyNotice => {
            let found = select::<policy_notice::Entity, _>(db, policy_notice::Column::Id, only, rows).await?;
            (found.iter().map(|n| n.id).max(), notice_documents(db, found).await?)
        }
        EntityKind::TalentProgram => {
            let found = select::<talent_program::Entity, _>(db, talent_program::Column::Id, only, rows).await?;
            (found.iter().map(|p| p.id).max(), program_documents(db, found).await?)
        }
    })
}

async fn belt_documents<C: ConnectionTrait>(db: &C, belts: Vec<belt::Model>) -> Result<Vec<(i32, SearchDocument)>, DbErr> {
    let mut categories = categories_of_belts(db, &belts.iter().map(|b| b.id).collect::<Vec<_>>()).await?;
    Ok(belts
        .into_iter()
        .map(|b| {
            let own = categories.remove(&b.id).unwrap_or_default();
            (b.id, belt_document(b, own))
        })
        .collect())
}

async fn organisation_documents<C: ConnectionTrait>(db: &C, orgs: Vec<organisation::Model>) -> Result<Vec<(i32, SearchDocument)>, DbErr> {
    let placed = org_belts(db, &orgs.iter().map(|o| o.id).collect::<Vec<_>>()).await?;
    let mut extra = association_words(db, &orgs).await?;
    let nowhere = Placed::default();
    Ok(orgs
        .into_iter()
        .map(|o| {
            let own = placed.get(&o.id).unwrap_or(&nowhere);
            let (id, words) = (o.id, extra.remove(&o.id));
            let mut document = organisation_document(o, own);
            if let Some(words) = words {
                let join = |a: &str, b: &str| [a, b].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join("\n");
                document.summary_zh = join(&document.summary_zh, &words.zh);
                document.summary_en = join(&document.summary_en, &words.en);
            }
            (id, document)
        })
        .collect())
}

/// What makes an association findable beyond its description: its
/// committees and secretariat cities, in each language.
async fn association_words<C: ConnectionTrait>(
    db: &C,
    orgs: &[organisation::Model],
) -> Result<HashMap<i32, crate::i18n::Bilingual>, DbErr> {
    use crate::associations::types::CommitteeKind;
    use crate::entities::{committee, secretariat};
    use crate::i18n::Lang;
    let ids: Vec<i32> = orgs.iter().filter(|o| OrgKind::from_code(&o.kind) == Some(OrgKind::Association)).map(|o| o.id).collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let mut kinds: HashMap<i32, Vec<CommitteeKind>> = HashMap::new();
    for c in committee::Entity::find().filter(committee::Column::AssociationId.is_in(ids.iter().copied())).all(db).await? {
        kinds.entry(c.association_id).or_default().extend(CommitteeKind::from_code(&c.kind));
    }
    let mut cities: HashMap<i32, Vec<secretariat::Model>> = HashMap::new();
    for s in secretariat::Entity::find()
        .filter(secretariat::Column::AssociationId.is_in(ids.iter().copied()))
        .order_by_asc(secretariat::Column::Position)
        .all(db)
        .await?
    {
        cities.entry(s.association_id).or_default().push(s);
    }
    Ok(ids
        .into_iter()
        .map(|id| {
            let mut committees = kinds.remove(&id).unwrap_or_default();
            committees.sort();
            let offices = cities.remove(&id).unwrap_or_default();
            let words = |lang: Lang| {
                let named: Vec<&str> = committees.iter().map(|k| k.label(lang)).collect();
                let places: Vec<&str> = offices
                    .iter()
                    .map(|s| if lang == Lang::Zh { s.city_zh.as_str() } else { s.city_en.as_str() })
                    .filter(|c| !c.is_empty())
                    .collect();
                let mut parts = Vec::new();
                if !named.is_empty() {
                    parts.push(format!("{}{}", lang.pick("专业委员会：", "Committees: "), named.join(lang.pick("、", ", "))));
                }
                if !places.is_empty() {
                    parts.push(format!("{}{}", lang.pick("秘书处：", "Secretariats: "), places.join(lang.pick("、", ", "))));
                }
                parts.join(lang.pick("；", "; "))
            };
            (id, crate::i18n::Bilingual::new(words(Lang::Zh), words(Lang::En)))
        })
        .collect())
}

async fn supplier_documents<C: ConnectionTrait>(
    db: &C,
    published: Vec<supply_profile::Model>,
) -> Result<Vec<(i32, SearchDocument)>, DbErr> {
    let orgs = organisations(db, published.iter().map(|p| p.organisation_id)).await?;
    let placed = org_belts(db, &orgs.keys().copied().collect::<Vec<_>>()).await?;
    let ids: Vec<i32> = published.iter().map(|p| p.id).collect();
    let mut categories = categories_of_profiles(db, &ids).await?;
    // Each profile's first photo (the lowest id), for its result card.
    let mut photos: HashMap<i32, String> = HashMap::new();
    for photo in supply_profile_photo::Entity::find()
        .filter(supply_profile_photo::Column::ProfileId.is_in(ids))
        .order_by_asc(supply_profile_photo::Column::Id)
        .all(db)
        .await?
    {
        photos.entry(photo.profile_id).or_insert_with(|| crate::suppliers::photos::photo_url(&photo.file_name));
    }
    let nowhere = Placed::default();
    Ok(published
        .into_iter()
        .filter_map(|p| {
            let o = orgs.get(&p.organisation_id)?.clone();
            let own = placed.get(&o.id).unwrap_or(&nowhere);
            let categories = categories.remove(&p.id).unwrap_or_default();
            let photo = photos.remove(&p.id);
            Some((p.id, supplier_document(o, own, p, categories, photo)))
        })
        .collect())
}

async fn offering_documents<C: ConnectionTrait>(
    db: &C,
    published: Vec<service_offering::Model>,
) -> Result<Vec<(i32, SearchDocument)>, DbErr> {
    let orgs = organisations(db, published.iter().map(|o| o.organisation_id)).await?;
    let covered = offering_belts(db, &published.iter().map(|o| o.id).collect::<Vec<_>>()).await?;
    let none: &[belt::Model] = &[];
    Ok(published
        .into_iter()
        .filter_map(|offering| {
            let o = orgs.get(&offering.organisation_id)?.clone();
            let covered = covered.get(&offering.id).map_or(none, Vec::as_slice);
            Some((offering.id, offering_document(o, offering, covered)))
        })
        .collect())
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

async fn brief_documents<C: ConnectionTrait>(db: &C, open: Vec<brief::Model>) -> Result<Vec<(i32, SearchDocument)>, DbErr> {
    let orgs = organisations(db, open.iter().map(|b| b.organisation_id)).await?;
    let mut targets = crate::read::brief_targets(db, &open.iter().map(|b| b.id).collect::<Vec<_>>()).await?;
    let categories: HashMap<String, CategoryRef> = crate::entities::category::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.slug.clone(), CategoryRef { slug: c.slug, name: crate::i18n::Bilingual::new(c.name_zh, c.name_en) }))
        .collect();
    Ok(open
        .into_iter()
        .filter_map(|b| {
            let platform = orgs.get(&b.organisation_id)?;
            let needs = crate::read::brief_needs(&b, targets.remove(&b.id).unwrap_or_default());
            let category = |s: &str| categories.get(s).map(|c| c.name.clone());
            let price_band = b.price_band.as_deref().and_then(crate::suppliers::types::PriceBand::from_code);
            let asks = crate::scouting::rules::asks_line(&crate::scouting::rules::asks(
                &needs,
                price_band,
                &crate::scouting::rules::Names { category: &category, belt: None },
            ));
            let named: Vec<&CategoryRef> = needs.categories.iter().filter_map(|c| categories.get(c)).collect();
            let platform_name = org_name(platform);
            let title = |own: &str, other: &str| if own.is_empty() { other.to_string() } else { own.to_string() };
            let doc = SearchDocument {
                id: EntityKind::Brief.document_id(b.id),
                kind: EntityKind::Brief.code().into(),
                org_kind: None,
                slug: b.slug.clone(),
                name_zh: title(&b.title_zh, &b.title_en),
                name_en: title(&b.title_en, &b.title_zh),
                place_zh: platform_name.zh,
                place_en: platform_name.en,
                categories_zh: named.iter().map(|c| c.name.zh.clone()).collect(),
                categories_en: named.iter().map(|c| c.name.en.clone()).collect(),
                category_slugs: needs.categories.clone(),
                belt_slugs: needs.belts.clone(),
                summary_zh: b.details_zh.clone(),
                summary_en: b.details_en.clone(),
                certifications: needs.certifications.iter().map(|c| c.code().to_string()).collect(),
                export_markets: needs.markets.clone(),
                business_models: needs.business_models.iter().map(|m| m.code().to_string()).collect(),
                facts_zh: asks.zh,
                facts_en: asks.en,
                updated_at: b.updated_at.timestamp(),
                listing_rank: 1,
                ..SearchDocument::empty()
            };
            Some((b.id, doc))
        })
        .collect())
}

async fn event_documents<C: ConnectionTrait>(db: &C, events: Vec<event::Model>) -> Result<Vec<(i32, SearchDocument)>, DbErr> {
    let org_ids: Vec<i32> = events.iter().flat_map(|e| [Some(e.association_id), e.platform_id]).flatten().collect();
    let orgs = organisations(db, org_ids.into_iter()).await?;
    let belts: HashMap<i32, belt::Model> = belt::Entity::find()
        .filter(belt::Column::Id.is_in(events.iter().filter_map(|e| e.belt_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|b| (b.id, b))
        .collect();
    Ok(events
        .into_iter()
        .filter_map(|e| {
            let association = org_name(orgs.get(&e.association_id)?);
            let platform = e.platform_id.and_then(|id| orgs.get(&id)).map(org_name);
            let belt = e.belt_id.and_then(|id| belts.get(&id));
            let title = |own: &str, other: &str| if own.is_empty() { other.to_string() } else { own.to_string() };
            let status = crate::events::types::EventStatus::from_code(&e.status).unwrap_or(crate::events::types::EventStatus::Draft);
            let facts = |lang: Lang| {
                let mut parts = vec![format!("{} {}–{}", e.day.format("%Y-%m-%d"), e.starts_at, e.ends_at), status.label(lang).to_string()];
                parts.extend(platform.as_ref().map(|p| p.get(lang).to_string()));
                parts.join(" · ")
            };
            let summary = |description: &str, venue: &str, host: &str| {
                [description, venue, host].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join("\n")
            };
            let doc = SearchDocument {
                id: EntityKind::Event.document_id(e.id),
                kind: EntityKind::Event.code().into(),
                org_kind: None,
                slug: e.slug.clone(),
                name_zh: title(&e.title_zh, &e.title_en),
                name_en: title(&e.title_en, &e.title_zh),
                place_zh: title(&e.city_zh, &e.city_en),
                place_en: title(&e.city_en, &e.city_zh),
                province: belt.map(|b| b.province.clone()),
                city: city_key(Some(&e.city_en), Some(&e.city_zh)),
                belt_slugs: belt.map(|b| vec![b.slug.clone()]).unwrap_or_default(),
                categories_zh: belt.map(|b| vec![b.name_zh.clone()]).unwrap_or_default(),
                categories_en: belt.map(|b| vec![b.name_en.clone()]).unwrap_or_default(),
                summary_zh: summary(&e.description_zh, &e.venue_zh, &join_names(&association, platform.as_ref(), Lang::Zh)),
                summary_en: summary(&e.description_en, &e.venue_en, &join_names(&association, platform.as_ref(), Lang::En)),
                geo: e.latitude.zip(e.longitude).map(|(lat, lng)| Geo { lat, lng }),
                facts_zh: facts(Lang::Zh),
                facts_en: facts(Lang::En),
                updated_at: e.updated_at.timestamp(),
                listing_rank: 1,
                ..SearchDocument::empty()
            };
            Some((e.id, doc))
        })
        .collect())
}

async fn notice_documents<C: ConnectionTrait>(db: &C, notices: Vec<policy_notice::Model>) -> Result<Vec<(i32, SearchDocument)>, DbErr> {
    let publishers = organisations(db, notices.iter().filter_map(|n| n.publisher_id)).await?;
    let today = crate::scouting::rules::china_today(chrono::Utc::now());
    Ok(notices
        .into_iter()
        .map(|n| {
            let eligibility = crate::policies::repo::eligibility_of(&n);
            let publisher = n.publisher_id.and_then(|id| publishers.get(&id)).map(org_name);
            let either = |own: &str, other: &str| if own.is_empty() { other.to_string() } else { own.to_string() };
            let region = |lang: Lang| crate::policies::texts::region_text(eligibility.province.as_deref(), &eligibility.city, lang);
            let benefit = crate::policies::types::Benefit::from_code(&n.benefit);
            let facts = |lang: Lang| {
                let t = crate::policies::texts::texts(lang);
                let mut parts: Vec<String> = benefit.map(|b| b.label(lang).to_string()).into_iter().collect();
                parts.push(match n.deadline {
                    Some(day) if day < today => t.closed.to_string(),
                    Some(day) => format!("{}{}{}", t.deadline, lang.pick("：", ": "), day.format("%Y-%m-%d")),
                    None => t.no_deadline.to_string(),
                });
                parts.join(" · ")
            };
            let summary = |summary: &str, issuer: &str, amount: &str, by: Option<&str>| {
                [issuer, amount, summary, by.unwrap_or("")].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join("\n")
            };
            let doc = SearchDocument {
                id: EntityKind::PolicyNotice.document_id(n.id),
                kind: EntityKind::PolicyNotice.code().into(),
                org_kind: None,
                slug: n.slug.clone(),
                name_zh: either(&n.title_zh, &n.title_en),
                name_en: either(&n.title_en, &n.title_zh),
                place_zh: region(Lang::Zh),
                place_en: region(Lang::En),
                province: eligibility.province.clone(),
                city: city_key(Some(&eligibility.city.en), Some(&eligibility.city.zh)),
                belt_slugs: eligibility.belt_slugs.clone(),
                summary_zh: summary(
                    &n.summary_zh,
                    &either(&n.issuer_zh, &n.issuer_en),
                    &n.amount_zh,
                    publisher.as_ref().map(|p| p.zh.as_str()),
                ),
                summary_en: summary(
                    &n.summary_en,
                    &either(&n.issuer_en, &n.issuer_zh),
                    &n.amount_en,
                    publisher.as_ref().map(|p| p.en.as_str()),
                ),
                facts_zh: facts(Lang::Zh),
                facts_en: facts(Lang::En),
                updated_at: n.updated_at.timestamp(),
                listing_rank: 1,
                ..SearchDocument::empty()
            };
            (n.id, doc)
        })
        .collect())
}

async fn program_documents<C: ConnectionTrait>(db: &C, programs: Vec<talent_program::Model>) -> Result<Vec<(i32, SearchDocument)>, DbErr> {
    let organisers = organisations(db, programs.iter().map(|p| p.organiser_id)).await?;
    let today = crate::scouting::rules::china_today(chrono::Utc::now());
    Ok(programs
        .into_iter()
        .map(|p| {
            let organiser = organisers.get(&p.organiser_id).map(org_name).unwrap_or_default();
            let either = |own: &str, other: &str| if own.is_empty() { other.to_string() } else { own.to_string() };
            let province = crate::geo::province(&p.province);
            let place = |lang: Lang| {
                let city = if lang == Lang::Zh { either(&p.city_zh, &p.city_en) } else { either(&p.city_en, &p.city_zh) };
                let province = province.map(|pr| lang.pick(pr.name_zh, pr.name_en).to_string()).unwrap_or_default();
                [city, province].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(lang.pick("，", ", "))
            };
            let kind = crate::talent::types::ProgramKind::from_code(&p.kind);
            let facts =
                |lang: Lang| crate::talent::texts::program_facts(kind, p.starts_on, p.applications_close, p.subsidised, today, lang);
            let summary = |summary: &str, cost: &str, by: &str| {
                [by, cost, summary].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join("\n")
            };
            let doc = SearchDocument {
                id: EntityKind::TalentProgram.document_id(p.id),
                kind: EntityKind::TalentProgram.code().into(),
                org_kind: None,
                slug: p.slug.clone(),
                name_zh: either(&p.title_zh, &p.title_en),
                name_en: either(&p.title_en, &p.title_zh),
                place_zh: place(Lang::Zh),
                place_en: place(Lang::En),
                province: Some(p.province.clone()).filter(|code| !code.is_empty()),
                city: city_key(Some(&p.city_en), Some(&p.city_zh)),
                belt_slugs: crate::talent::repo::belt_slugs_of(&p),
                summary_zh: summary(&either(&p.summary_zh, &p.summary_en), &p.cost_zh, &organiser.zh),
                summary_en: summary(&either(&p.summary_en, &p.summary_zh), &p.cost_en, &organiser.en),
                facts_zh: facts(Lang::Zh),
                facts_en: facts(Lang::En),
                updated_at: p.updated_at.timestamp(),
                listing_rank: 1,
                ..SearchDocument::empty()
            };
            (p.id, doc)
        })
        .collect())
}

/// The host and co-host's names, for an event's words.
fn join_names(association: &crate::i18n::Bilingual, platform: Option<&crate::i18n::Bilingual>, lang: Lang) -> String {
    std::iter::once(association).chain(platform).map(|n| n.get(lang).to_string()).collect::<Vec<_>>().join(" ")
}

fn supplier_document(
    o: organisation::Model,
    placed: &Placed,
    p: supply_profile::Model,
    categories: Vec<CategoryRef>,
    photo: Option<String>,
) -> SearchDocument {
    let profile = crate::read::profile_data(&p, Vec::new());
    let org = organisation_document(o, placed);
    let join = |a: &str, b: &str| [a, b].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join("\n");
    SearchDocument {
        id: EntityKind::SupplyProfile.document_id(p.id),
        kind: EntityKind::SupplyProfile.code().into(),
        categories_zh: categories.iter().map(|c| c.name.zh.clone()).collect(),
        categories_en: categories.iter().map(|c| c.name.en.clone()).collect(),
        category_slugs: categories.into_iter().map(|c| c.slug).collect(),
        summary_zh: join(&profile.products.zh, &org.summary_zh),
        summary_en: join(&profile.products.en, &org.summary_en),
        trade_zh: trade_words(&profile, Lang::Zh),
        trade_en: trade_words(&profile, Lang::En),
        facts_zh: crate::suppliers::types::trade_facts(&profile, Lang::Zh),
        facts_en: crate::suppliers::types::trade_facts(&profile, Lang::En),
        photo,
        certifications: profile.certifications.iter().map(|c| c.code().to_string()).collect(),
        export_markets: profile.export_markets,
        business_models: profile.business_models.iter().map(|m| m.code().to_string()).collect(),
        capacity: p.capacity_value,
        capacity_band: p.capacity_value.map(|v| CapacityBand::of(v).code().to_string()),
        capacity_unit: p.capacity_unit.clone(),
        lead_time_days: p.lead_time_days,
        sample_policy: p.sample_policy.clone(),
        verified_fields: p.verified_fields.split(',').filter(|f| !f.is_empty()).map(str::to_string).collect(),
        verified_by: p.verified_by.clone(),
        verified_at: p.verified_at.map(|at| at.timestamp()),
        updated_at: p.updated_at.timestamp().max(org.updated_at),
        ..org
    }
}

/// A profile's certifications (listed and free-text) and export markets, as
/// words in `lang`; the market codes too, which people type in both languages.
fn trade_words(profile: &crate::suppliers::types::ProfileData, lang: Lang) -> String {
    let certifications = profile.certifications.iter().map(|c| c.label(lang).to_string());
    let markets = profile.export_markets.iter().map(|code| format!("{} {code}", crate::suppliers::markets::market_name(code, lang)));
    certifications
        .chain(std::iter::once(profile.certifications_other.clone()))
        .chain(markets)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn belt_document(b: belt::Model, categories: Vec<CategoryRef>) -> SearchDocument {
    SearchDocument {
        id: EntityKind::Belt.document_id(b.id),
        kind: EntityKind::Belt.code().into(),
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
        updated_at: b.updated_at.timestamp(),
        ..SearchDocument::empty()
    }
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
        city: city_key(o.city_en.as_deref(), o.city_zh.as_deref()),
        province: o.province,
        belt_slugs: placed.belts.iter().map(|b| b.slug.clone()).collect(),
        slug: o.slug,
        name_zh: name.zh,
        name_en: name.en,
        summary_zh: o.description_zh,
        summary_en: o.description_en,
        geo: placed.geo.clone(),
        verified: o.verified_at.is_some(),
        updated_at: o.updated_at.timestamp(),
        ..SearchDocument::empty()
    }
}

async fn organisations<C: ConnectionTrait>(db: &C, ids: impl Iterator<Item = i32>) -> Result<HashMap<i32, organisation::Model>, DbErr> {
    let ids: Vec<i32> = ids.collect();
    Ok(organisation::Entity::find().filter(organisation::Column::Id.is_in(ids)).all(db).await?.into_iter().map(|o| (o.id, o)).collect())
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
            let (last, docs) = read(self.db, self.stage, &Rows::After { id: self.after_id, limit: self.page_size }).await?;
            // A stage ends when no row was read.
            if let Some(last) = last {
                self.after_id = last;
                return Ok(Some(docs.into_iter().map(|(_, doc)| doc.prepared()).collect()));
            }
            match self.stage {
                EntityKind::Belt => self.stage = EntityKind::Organisation,
                EntityKind::Organisation => self.stage = EntityKind::SupplyProfile,
                EntityKind::SupplyProfile => self.stage = EntityKind::Offering,
                EntityKind::Offering => self.stage = EntityKind::Brief,
                EntityKind::Brief => self.stage = EntityKind::Event,
                EntityKind::Event => self.stage = EntityKind::PolicyNotice,
                EntityKind::PolicyNotice => self.stage = EntityKind::TalentProgram,
                EntityKind::TalentProgram => self.done = true,
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
    let offerings = service_offering::Entity::find().filter(searchable(EntityKind::Offering)).count(db).await?;
    let organisations = organisation::Entity::find().filter(searchable(EntityKind::Organisation)).count(db).await?;
    let suppliers = supply_profile::Entity::find().filter(searchable(EntityKind::SupplyProfile)).count(db).await?;
    let briefs = brief::Entity::find().filter(searchable(EntityKind::Brief)).count(db).await?;
    let events = event::Entity::find().filter(searchable(EntityKind::Event)).count(db).await?;
    let notices = policy_notice::Entity::find().filter(searchable(EntityKind::PolicyNotice)).count(db).await?;
    let programs = talent_program::Entity::find().filter(searchable(EntityKind::TalentProgram)).count(db).await?;
    Ok(belt::Entity::find().count(db).await? + organisations + suppliers + offerings + briefs + events + notices + programs)
}
