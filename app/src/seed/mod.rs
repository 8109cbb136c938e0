//! The demo data set (`demo.toml`, facts from the source articles) and the
//! idempotent seeding that loads it: entities are matched by slug, rewritten
//! only when they differ, and each change reaches search through the outbox.

pub mod synthetic;

use std::collections::BTreeMap;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, DatabaseTransaction, DbErr, EntityTrait, IntoActiveModel,
    PaginatorTrait, QueryFilter, QueryOrder,
};
use serde::Deserialize;

use crate::belts::types::Metric;
use crate::changes as outbox;
use crate::changes::EntityKind;
use crate::entities::{belt, belt_category, belt_figure, belt_organisation, category, organisation};
use crate::error::AppError;
use crate::geo;
use crate::i18n::Bilingual;
use crate::orgs::types::{BeltRole, OrgKind};

const DEMO: &str = include_str!("demo.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedFile {
    pub sources: BTreeMap<String, String>,
    pub categories: Vec<SeedCategory>,
    pub belts: Vec<SeedBelt>,
    pub organisations: Vec<SeedOrganisation>,
    #[serde(default)]
    pub briefs: Vec<SeedBrief>,
    #[serde(default)]
    pub events: Vec<SeedEvent>,
    #[serde(default)]
    pub policies: Vec<SeedPolicy>,
    #[serde(default)]
    pub programs: Vec<SeedProgram>,
}

/// A demo talent program: what a source reports, as far as it says (seats,
/// cost and conditions it does not give are left out), checked by the same
/// rules as the program form and marked as demo. A source gives no dates, so
/// the first seeding sets them ahead of that day (the page says the dates are
/// for the demo) and later seedings keep them. Its English title identifies it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedProgram {
    /// The association, school or platform running it.
    pub organiser: String,
    pub kind: String,
    pub title_zh: String,
    pub title_en: String,
    pub summary_zh: String,
    pub summary_en: String,
    pub province: String,
    pub city_zh: String,
    pub city_en: String,
    /// The first day, this many days after the first seeding…
    pub starts_in_days: i64,
    /// …lasting this many days; applications close a week before it starts.
    pub days: i64,
    #[serde(default)]
    pub subsidised: bool,
    pub instruction_languages: Vec<String>,
    #[serde(default)]
    pub belts: Vec<String>,
    pub source: String,
}

impl SeedProgram {
    /// The program's data, with its dates counted from `today`.
    fn data(&self, known_belts: &[String], today: chrono::NaiveDate) -> Result<crate::talent::types::ProgramData, String> {
        let day = |days: i64| (today + chrono::Duration::days(days)).format("%Y-%m-%d").to_string();
        let form = crate::talent::rules::ProgramForm {
            organiser: self.organiser.clone(),
            kind: self.kind.clone(),
            title_zh: self.title_zh.clone(),
            title_en: self.title_en.clone(),
            summary_zh: self.summary_zh.clone(),
            summary_en: self.summary_en.clone(),
            province: self.province.clone(),
            city_zh: self.city_zh.clone(),
            city_en: self.city_en.clone(),
            starts_on: day(self.starts_in_days),
            ends_on: day(self.starts_in_days + self.days - 1),
            applications_close: day(self.starts_in_days - 7),
            subsidised: self.subsidised,
            instruction_languages: self.instruction_languages.clone(),
            belts: self.belts.clone(),
            ..Default::default()
        };
        let known = crate::talent::rules::Known { belts: known_belts, companies: &[], today, is_new: true };
        crate::talent::rules::validate(&form, &known).map_err(|e| format!("{:?}", e.problems))
    }
}

/// A demo policy notice: what a source reports a government offering, as
/// far as it says (an amount or deadline it does not give is left out),
/// checked by the same rules as the notice form and marked as demo. Its
/// English title identifies it on re-seeding.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedPolicy {
    /// The association publishing it.
    pub publisher: String,
    pub title_zh: String,
    pub title_en: String,
    pub issuer_zh: String,
    pub issuer_en: String,
    pub summary_zh: String,
    pub summary_en: String,
    pub benefit: String,
    pub province: String,
    #[serde(default)]
    pub city_zh: String,
    #[serde(default)]
    pub city_en: String,
    pub org_kinds: Vec<String>,
    #[serde(default)]
    pub exports: bool,
    #[serde(default)]
    pub overseas_warehouse: bool,
    pub source: String,
}

impl SeedPolicy {
    fn data(&self, today: chrono::NaiveDate) -> Result<crate::policies::types::NoticeData, String> {
        let form = crate::policies::rules::NoticeForm {
            publisher: self.publisher.clone(),
            title_zh: self.title_zh.clone(),
            title_en: self.title_en.clone(),
            issuer_zh: self.issuer_zh.clone(),
            issuer_en: self.issuer_en.clone(),
            summary_zh: self.summary_zh.clone(),
            summary_en: self.summary_en.clone(),
            benefit: self.benefit.clone(),
            province: self.province.clone(),
            city_zh: self.city_zh.clone(),
            city_en: self.city_en.clone(),
            org_kinds: self.org_kinds.clone(),
            exports: self.exports,
            overseas_warehouse: self.overseas_warehouse,
            ..Default::default()
        };
        let known = crate::policies::rules::Known { categories: &[], belts: &[], today };
        crate::policies::rules::validate(&form, &known).map_err(|e| format!("{:?}", e.problems))
    }
}

/// A demo event the sources report as held: set up through the event rules
/// as of a month before `held_on`, then marked finished. Only what the
/// source says is stated; the day and hours are illustrative (the page says
/// so). Its association and English title identify it on re-seeding.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedEvent {
    pub association: String,
    pub platform: Option<String>,
    pub belt: Option<String>,
    pub title_zh: String,
    pub title_en: String,
    pub description_zh: String,
    pub description_en: String,
    pub venue_zh: String,
    pub venue_en: String,
    pub city_zh: String,
    pub city_en: String,
    pub held_on: chrono::NaiveDate,
    pub starts_at: String,
    pub ends_at: String,
    pub slot_minutes: u32,
    pub tables: u32,
    pub source: String,
}

impl SeedEvent {
    /// The event, checked by the event rules as its organisers would have set it up.
    fn data(&self, platforms: &[String], belts: &[String]) -> Result<crate::events::types::EventData, String> {
        let set_up = self.held_on - chrono::Duration::days(30);
        let date = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
        let form = crate::events::rules::EventForm {
            association: self.association.clone(),
            platform: self.platform.clone().unwrap_or_default(),
            belt: self.belt.clone().unwrap_or_default(),
            title_zh: self.title_zh.clone(),
            title_en: self.title_en.clone(),
            description_zh: self.description_zh.clone(),
            description_en: self.description_en.clone(),
            venue_zh: self.venue_zh.clone(),
            venue_en: self.venue_en.clone(),
            city_zh: self.city_zh.clone(),
            city_en: self.city_en.clone(),
            day: date(self.held_on),
            starts_at: self.starts_at.clone(),
            ends_at: self.ends_at.clone(),
            slot_minutes: self.slot_minutes.to_string(),
            tables: self.tables.to_string(),
            registration_opens: date(set_up),
            registration_closes: date(self.held_on - chrono::Duration::days(1)),
            ..Default::default()
        };
        let known = crate::events::rules::Known { platforms, belts, categories: &[] };
        crate::events::rules::validate(&form, &known, set_up).map_err(|e| format!("{:?}", e.problems))
    }
}

/// A demo scouting brief: what a platform is reported to look for, as far as
/// the source says, checked by the same rules as a scout's form, published
/// and marked as demo. It stays open `open_days` from the day it is seeded;
/// its English title identifies it on re-seeding.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedBrief {
    pub platform: String,
    pub title_zh: String,
    pub title_en: String,
    pub details_zh: String,
    pub details_en: String,
    pub categories: Vec<String>,
    #[serde(default)]
    pub belts: Vec<String>,
    #[serde(default)]
    pub markets: Vec<String>,
    pub source: String,
    pub open_days: i64,
}

impl SeedBrief {
    /// The brief, checked against the brief rules as of `today`.
    fn data(&self, categories: &[String], belts: &[String], today: chrono::NaiveDate) -> Result<crate::scouting::types::BriefData, String> {
        let form = crate::scouting::rules::BriefForm {
            platform: self.platform.clone(),
            title_zh: self.title_zh.clone(),
            title_en: self.title_en.clone(),
            details_zh: self.details_zh.clone(),
            details_en: self.details_en.clone(),
            categories: self.categories.clone(),
            markets: self.markets.join(","),
            belts: self.belts.clone(),
            deadline: (today + chrono::Duration::days(self.open_days)).format("%Y-%m-%d").to_string(),
            visibility: "public".into(),
            ..Default::default()
        };
        let known = crate::scouting::rules::Known { categories, belts, associations: &[] };
        crate::scouting::rules::validate(&form, &known, today).map_err(|e| format!("{:?}", e.problems))
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedCategory {
    pub slug: String,
    pub zh: String,
    pub en: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedBelt {
    pub slug: String,
    pub name_zh: String,
    pub name_en: String,
    pub province: String,
    pub city_zh: String,
    pub city_en: String,
    pub county_zh: Option<String>,
    pub county_en: Option<String>,
    pub latitude: f64,
    pub longitude: f64,
    pub categories: Vec<String>,
    pub summary_zh: String,
    pub summary_en: String,
    pub source: String,
    #[serde(default)]
    pub figures: Vec<SeedFigure>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedFigure {
    pub metric: String,
    pub value: i64,
    #[serde(default)]
    pub at_least: bool,
    pub year: Option<i32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedOrganisation {
    pub slug: String,
    pub kind: String,
    pub name_zh: Option<String>,
    pub name_en: Option<String>,
    pub description_zh: String,
    pub description_en: String,
    pub province: Option<String>,
    pub city_zh: Option<String>,
    pub city_en: Option<String>,
    pub source: String,
    #[serde(default)]
    pub belts: Vec<SeedLink>,
    /// A manufacturer's supply profile, holding only what the source says.
    pub profile: Option<SeedProfile>,
    /// A service provider's offerings, holding only what the source says.
    #[serde(default)]
    pub offerings: Vec<SeedOffering>,
    /// A platform's supplier criteria, stated only as far as the source states them.
    pub criteria: Option<SeedCriteria>,
    /// An association's secretariat cities, one a line as its form takes them.
    pub secretariats: Option<String>,
    /// An association's professional committees (kind codes), without chairs
    /// or members where the source names none.
    #[serde(default)]
    pub committees: Vec<String>,
}

/// Demo supplier criteria, checked by the same rules as a platform's form.
/// Re-seeding replaces them only while no one has saved their own.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedCriteria {
    #[serde(default)]
    pub own_factory: bool,
    #[serde(default)]
    pub categories: Vec<String>,
    #[serde(default)]
    pub belts: Vec<String>,
    pub notes_zh: String,
    pub notes_en: String,
}

/// An association's secretariats and committees from the source, through the
/// association's own write functions; what its people set is never overwritten
/// (secretariats only while there are none, committees only those missing).
async fn seed_association<C: sea_orm::ConnectionTrait>(txn: &C, org_id: i32, o: &SeedOrganisation) -> Result<(), SeedError> {
    use crate::associations::{directory, rules, types::CommitteeKind};
    let mut changed = false;
    if let Some(text) = &o.secretariats {
        let cities = rules::secretariats(text).map_err(|e| SeedError::Invalid(format!("{:?}", e.problems)))?;
        if directory::secretariat_count(txn, org_id).await? == 0 {
            directory::save_secretariats(txn, org_id, &cities).await?;
            changed = true;
        }
    }
    for code in &o.committees {
        let kind = CommitteeKind::from_code(code).ok_or_else(|| SeedError::Invalid(format!("unknown committee {code:?}")))?;
        if directory::committee_of(txn, org_id, kind).await?.is_none() {
            directory::save_committee(txn, org_id, kind, Some((None, Vec::new()))).await?;
            changed = true;
        }
    }
    // Only what changed goes to search again (re-seeding queues nothing).
    if changed {
        crate::changes::enqueue(txn, crate::changes::EntityKind::Organisation, org_id).await?;
    }
    Ok(())
}

impl SeedCriteria {
    fn data(&self, categories: &[String], belts: &[String]) -> Result<crate::readiness::types::PlatformCriteria, String> {
        let form = crate::readiness::rules::CriteriaForm {
            own_factory: self.own_factory,
            categories: self.categories.clone(),
            belts: self.belts.clone(),
            notes_zh: self.notes_zh.clone(),
            notes_en: self.notes_en.clone(),
            ..Default::default()
        };
        crate::readiness::rules::validate(&form, categories, belts).map_err(|e| format!("{:?}", e.problems))
    }
}

/// A demo service offering, checked by the same rules as a provider's form;
/// published and marked as demo. Its English title identifies it on re-seeding.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedOffering {
    pub service_type: String,
    pub title_zh: String,
    pub title_en: String,
    pub description_zh: String,
    pub description_en: String,
    #[serde(default)]
    pub markets: Vec<String>,
    #[serde(default)]
    pub belts: Vec<String>,
}

impl SeedOffering {
    fn data(&self, belts: &[String]) -> Result<crate::services::types::OfferingData, String> {
        let form = crate::services::rules::OfferingForm {
            service_type: self.service_type.clone(),
            title_zh: self.title_zh.clone(),
            title_en: self.title_en.clone(),
            description_zh: self.description_zh.clone(),
            description_en: self.description_en.clone(),
            markets: self.markets.join(","),
            belts: self.belts.clone(),
            published: true,
            ..Default::default()
        };
        crate::services::rules::validate(&form, belts).map_err(|e| format!("{:?}", e.problems))
    }
}

/// A demo supply profile: the source's facts, checked by the same rules as a
/// user's form, published and marked as demo.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedProfile {
    pub products_zh: String,
    pub products_en: String,
    pub categories: Vec<String>,
    #[serde(default)]
    pub export_markets: Vec<String>,
    #[serde(default)]
    pub business_models: Vec<String>,
    #[serde(default)]
    pub platforms: Vec<String>,
    pub overseas_warehouse: Option<String>,
    #[serde(default)]
    pub warehouse_markets: Vec<String>,
}

impl SeedProfile {
    fn form(&self) -> crate::suppliers::rules::ProfileForm {
        crate::suppliers::rules::ProfileForm {
            products_zh: self.products_zh.clone(),
            products_en: self.products_en.clone(),
            categories: self.categories.clone(),
            export_markets: self.export_markets.join(","),
            business_models: self.business_models.clone(),
            platforms: self.platforms.clone(),
            overseas_warehouse: self.overseas_warehouse.is_some(),
            overseas_warehouse_where: self.overseas_warehouse.clone().unwrap_or_default(),
            warehouse_markets: self.warehouse_markets.join(","),
            ..Default::default()
        }
    }

    /// The profile, checked against the supply-profile rules.
    fn data(&self, categories: &[String]) -> Result<crate::suppliers::types::ProfileData, String> {
        let this_year = crate::clock::year_in_china(chrono::Utc::now());
        crate::suppliers::rules::validate(&self.form(), categories, this_year).map_err(|e| format!("{:?}", e.problems))
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedLink {
    pub belt: String,
    pub role: String,
}

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("the seed file is not valid TOML: {0}")]
    Parse(#[from] toml::de::Error),
    #[error("seed file: {0}")]
    Invalid(String),
    #[error("database: {0}")]
    Db(#[from] DbErr),
    #[error("{0}")]
    App(#[from] AppError),
}

/// The demo data, parsed and checked.
///
/// # Errors
/// When `demo.toml` does not parse or refers to something it does not define.
pub fn demo() -> Result<SeedFile, SeedError> {
    let file: SeedFile = toml::from_str(DEMO)?;
    validate(&file)?;
    Ok(file)
}

/// Checks every cross-reference in a seed file, so seeding never half-applies.
///
/// # Errors
/// `Invalid` naming the first bad reference.
pub fn validate(file: &SeedFile) -> Result<(), SeedError> {
    let bad = |msg: String| Err(SeedError::Invalid(msg));
    let category_slugs: Vec<&str> = file.categories.iter().map(|c| c.slug.as_str()).collect();
    let belt_slugs: Vec<&str> = file.belts.iter().map(|b| b.slug.as_str()).collect();
    for (kind, slugs) in [
        ("category", category_slugs.clone()),
        ("belt", belt_slugs.clone()),
        ("organisation", file.organisations.iter().map(|o| o.slug.as_str()).collect()),
    ] {
        let mut sorted = slugs.clone();
        sorted.sort_unstable();
        if let Some(w) = sorted.windows(2).find(|w| w[0] == w[1]) {
            return bad(format!("{kind} slug {:?} appears twice", w[0]));
        }
    }
    for b in &file.belts {
        if geo::province(&b.province).is_none() {
            return bad(format!("belt {}: unknown province {:?}", b.slug, b.province));
        }
        if !file.sources.contains_key(&b.source) {
            return bad(format!("belt {}: unknown source {:?}", b.slug, b.source));
        }
        if !(-90.0..=90.0).contains(&b.latitude) || !(-180.0..=180.0).contains(&b.longitude) {
            return bad(format!("belt {}: coordinates out of range", b.slug));
        }
        if let Some(c) = b.categories.iter().find(|c| !category_slugs.contains(&c.as_str())) {
            return bad(format!("belt {}: unknown category {c:?}", b.slug));
        }
        if let Some(f) = b.figures.iter().find(|f| Metric::from_code(&f.metric).is_none()) {
            return bad(format!("belt {}: unknown metric {:?}", b.slug, f.metric));
        }
    }
    for o in &file.organisations {
        if OrgKind::from_code(&o.kind).is_none() {
            return bad(format!("organisation {}: unknown kind {:?}", o.slug, o.kind));
        }
        if o.name_zh.is_none() && o.name_en.is_none() {
            return bad(format!("organisation {}: needs a name", o.slug));
        }
        if !file.sources.contains_key(&o.source) {
            return bad(format!("organisation {}: unknown source {:?}", o.slug, o.source));
        }
        if let Some(p) = o.province.as_deref().filter(|p| geo::province(p).is_none()) {
            return bad(format!("organisation {}: unknown province {p:?}", o.slug));
        }
        if let Some(profile) = &o.profile {
            if o.kind != OrgKind::Manufacturer.code() {
                return bad(format!("organisation {}: only manufacturers have supply profiles", o.slug));
            }
            let known: Vec<String> = category_slugs.iter().map(|c| c.to_string()).collect();
            if let Err(problems) = profile.data(&known) {
                return bad(format!("organisation {}: profile: {problems}", o.slug));
            }
        }
        if !o.offerings.is_empty() && o.kind != OrgKind::ServiceProvider.code() {
            return bad(format!("organisation {}: only service providers have offerings", o.slug));
        }
        let known_belts: Vec<String> = belt_slugs.iter().map(|b| b.to_string()).collect();
        if let Some(criteria) = &o.criteria {
            if o.kind != OrgKind::Platform.code() {
                return bad(format!("organisation {}: only platforms have supplier criteria", o.slug));
            }
            let known: Vec<String> = category_slugs.iter().map(|c| c.to_string()).collect();
            if let Err(problems) = criteria.data(&known, &known_belts) {
                return bad(format!("organisation {}: criteria: {problems}", o.slug));
            }
        }
        let association_only = o.secretariats.is_some() || !o.committees.is_empty();
        if association_only && o.kind != OrgKind::Association.code() {
            return bad(format!("organisation {}: only associations have secretariats and committees", o.slug));
        }
        if let Some(Err(problems)) = o.secretariats.as_deref().map(crate::associations::rules::secretariats) {
            return bad(format!("organisation {}: secretariats: {:?}", o.slug, problems.problems));
        }
        if let Some(unknown) = o.committees.iter().find(|c| crate::associations::types::CommitteeKind::from_code(c).is_none()) {
            return bad(format!("organisation {}: unknown committee {unknown:?}", o.slug));
        }
        for offering in &o.offerings {
            if let Err(problems) = offering.data(&known_belts) {
                return bad(format!("organisation {}: offering {:?}: {problems}", o.slug, offering.title_en));
            }
        }
        for link in &o.belts {
            if !belt_slugs.contains(&link.belt.as_str()) {
                return bad(format!("organisation {}: unknown belt {:?}", o.slug, link.belt));
            }
            if BeltRole::from_code(&link.role).is_none() {
                return bad(format!("organisation {}: unknown role {:?}", o.slug, link.role));
            }
        }
    }
    let known_categories: Vec<String> = category_slugs.iter().map(|c| c.to_string()).collect();
    let known_belts: Vec<String> = belt_slugs.iter().map(|b| b.to_string()).collect();
    let today = crate::scouting::rules::china_today(Utc::now());
    for b in &file.briefs {
        let platform = file.organisations.iter().find(|o| o.slug == b.platform);
        if platform.is_none_or(|o| o.kind != OrgKind::Platform.code()) {
            return bad(format!("brief {:?}: {:?} is not a platform of the seed", b.title_en, b.platform));
        }
        if !file.sources.contains_key(&b.source) {
            return bad(format!("brief {:?}: unknown source {:?}", b.title_en, b.source));
        }
        if let Err(problems) = b.data(&known_categories, &known_belts, today) {
            return bad(format!("brief {:?}: {problems}", b.title_en));
        }
    }
    let platforms = platform_slugs(file);
    for e in &file.events {
        let host = file.organisations.iter().find(|o| o.slug == e.association);
        if host.is_none_or(|o| o.kind != OrgKind::Association.code()) {
            return bad(format!("event {:?}: {:?} is not an association of the seed", e.title_en, e.association));
        }
        if !file.sources.contains_key(&e.source) {
            return bad(format!("event {:?}: unknown source {:?}", e.title_en, e.source));
        }
        if let Err(problems) = e.data(&platforms, &known_belts) {
            return bad(format!("event {:?}: {problems}", e.title_en));
        }
    }
    let today = crate::scouting::rules::china_today(Utc::now());
    for p in &file.policies {
        let publisher = file.organisations.iter().find(|o| o.slug == p.publisher);
        if publisher.is_none_or(|o| o.kind != OrgKind::Association.code()) {
            return bad(format!("policy {:?}: {:?} is not an association of the seed", p.title_en, p.publisher));
        }
        if !file.sources.contains_key(&p.source) {
            return bad(format!("policy {:?}: unknown source {:?}", p.title_en, p.source));
        }
        if let Err(problems) = p.data(today) {
            return bad(format!("policy {:?}: {problems}", p.title_en));
        }
    }
    for p in &file.programs {
        let organiser = file.organisations.iter().find(|o| o.slug == p.organiser);
        let organiser_kinds = crate::talent::policy::ORGANISER_KINDS.map(|k| k.code());
        if organiser.is_none_or(|o| !organiser_kinds.contains(&o.kind.as_str())) {
            return bad(format!("program {:?}: {:?} is not an association, school or platform of the seed", p.title_en, p.organiser));
        }
        if !file.sources.contains_key(&p.source) {
            return bad(format!("program {:?}: unknown source {:?}", p.title_en, p.source));
        }
        if let Err(problems) = p.data(&known_belts, today) {
            return bad(format!("program {:?}: {problems}", p.title_en));
        }
    }
    Ok(())
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SeedReport {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
}

enum Outcome {
    Created,
    Updated,
    Unchanged,
}

impl SeedReport {
    fn count(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Created => self.created += 1,
            Outcome::Updated => self.updated += 1,
            Outcome::Unchanged => self.unchanged += 1,
        }
    }
}

/// Whether the directory holds no belt yet.
///
/// # Errors
/// On a database failure.
pub async fn is_empty(db: &DatabaseConnection) -> Result<bool, DbErr> {
    Ok(belt::Entity::find().count(db).await? == 0)
}

/// How many steps [`seed`] reports progress for.
pub fn step_count(file: &SeedFile) -> u64 {
    (file.categories.len()
        + file.belts.len()
        + file.organisations.len()
        + file.briefs.len()
        + file.events.len()
        + file.policies.len()
        + file.programs.len()) as u64
}

/// Loads `file` in one transaction. `progress(done, label)` is called after each entity.
///
/// # Errors
/// On a database failure; nothing is applied then.
pub async fn seed(db: &DatabaseConnection, file: &SeedFile, mut progress: impl FnMut(u64, &str)) -> Result<SeedReport, SeedError> {
    validate(file)?;
    let txn = crate::db::begin_write(db).await?;
    let mut report = SeedReport::default();
    let mut done = 0u64;
    let mut category_ids = BTreeMap::new();
    for c in &file.categories {
        let (id, outcome) = upsert_category(&txn, c).await?;
        category_ids.insert(c.slug.clone(), id);
        report.count(outcome);
        done += 1;
        progress(done, &c.slug);
    }
    let mut belt_ids = BTreeMap::new();
    for b in &file.belts {
        let source = &file.sources[&b.source];
        let (id, outcome) = upsert_belt(&txn, b, source, &category_ids).await?;
        belt_ids.insert(b.slug.clone(), id);
        report.count(outcome);
        done += 1;
        progress(done, &b.slug);
    }
    let known_categories: Vec<String> = category_ids.keys().cloned().collect();
    for o in &file.organisations {
        let source = &file.sources[&o.source];
        let (org_id, outcome) = upsert_organisation(&txn, o, source, &belt_ids).await?;
        report.count(outcome);
        if let Some(profile) = &o.profile {
            let data = profile.data(&known_categories).map_err(SeedError::Invalid)?;
            upsert_profile(&txn, org_id, &data).await?;
        }
        let known_belts: Vec<String> = belt_ids.keys().cloned().collect();
        for offering in &o.offerings {
            let data = offering.data(&known_belts).map_err(SeedError::Invalid)?;
            upsert_offering(&txn, org_id, &data).await?;
        }
        if let Some(criteria) = &o.criteria {
            let data = criteria.data(&known_categories, &known_belts).map_err(SeedError::Invalid)?;
            // Criteria a platform's people saved are theirs: the demo never overwrites them.
            let theirs = crate::readiness::repo::row_of(&txn, org_id).await?.is_some_and(|r| !r.is_demo);
            if !theirs {
                crate::readiness::repo::save_in(&txn, org_id, None, &data, Utc::now()).await?;
            }
        }
        seed_association(&txn, org_id, o).await?;
        done += 1;
        progress(done, &o.slug);
    }
    let known_belts: Vec<String> = belt_ids.keys().cloned().collect();
    let today = crate::scouting::rules::china_today(Utc::now());
    for b in &file.briefs {
        let data = b.data(&known_categories, &known_belts, today).map_err(SeedError::Invalid)?;
        report.count(upsert_brief(&txn, b, &data).await?);
        done += 1;
        progress(done, &b.title_en);
    }
    let platforms = platform_slugs(file);
    for e in &file.events {
        let data = e.data(&platforms, &known_belts).map_err(SeedError::Invalid)?;
        report.count(upsert_event(&txn, e, &data).await?);
        done += 1;
        progress(done, &e.title_en);
    }
    for p in &file.policies {
        let data = p.data(today).map_err(SeedError::Invalid)?;
        report.count(upsert_policy(&txn, p, &data).await?);
        done += 1;
        progress(done, &p.title_en);
    }
    let known_belts: Vec<String> = belt_ids.keys().cloned().collect();
    for p in &file.programs {
        let data = p.data(&known_belts, today).map_err(SeedError::Invalid)?;
        report.count(upsert_program(&txn, p, data).await?);
        done += 1;
        progress(done, &p.title_en);
    }
    txn.commit().await?;
    Ok(report)
}

async fn upsert_category(txn: &DatabaseTransaction, c: &SeedCategory) -> Result<(i32, Outcome), DbErr> {
    let existing = category::Entity::find().filter(category::Column::Slug.eq(&c.slug)).one(txn).await?;
    match existing {
        Some(m) if m.name_zh == c.zh && m.name_en == c.en => Ok((m.id, Outcome::Unchanged)),
        Some(m) => {
            let id = m.id;
            let mut active = m.into_active_model();
            active.name_zh = Set(c.zh.clone());
            active.name_en = Set(c.en.clone());
            active.update(txn).await?;
            Ok((id, Outcome::Updated))
        }
        None => {
            let inserted = category::ActiveModel {
                slug: Set(c.slug.clone()),
                name_zh: Set(c.zh.clone()),
                name_en: Set(c.en.clone()),
                parent_id: Set(None),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            Ok((inserted.id, Outcome::Created))
        }
    }
}

async fn upsert_belt(
    txn: &DatabaseTransaction,
    b: &SeedBelt,
    source: &str,
    category_ids: &BTreeMap<String, i32>,
) -> Result<(i32, Outcome), DbErr> {
    let now = Utc::now();
    let existing = belt::Entity::find().filter(belt::Column::Slug.eq(&b.slug)).one(txn).await?;
    let mut wanted_categories: Vec<i32> = b.categories.iter().map(|c| category_ids[c]).collect();
    wanted_categories.sort_unstable();
    let wanted_figures: Vec<(String, i64, bool, Option<i32>, String)> =
        b.figures.iter().map(|f| (f.metric.clone(), f.value, f.at_least, f.year, source.to_string())).collect();

    let (model, outcome) = match existing {
        Some(m) => {
            let mut current_categories: Vec<i32> = belt_category::Entity::find()
                .filter(belt_category::Column::BeltId.eq(m.id))
                .all(txn)
                .await?
                .into_iter()
                .map(|l| l.category_id)
                .collect();
            current_categories.sort_unstable();
            let current_figures: Vec<_> = belt_figure::Entity::find()
                .filter(belt_figure::Column::BeltId.eq(m.id))
                .order_by_asc(belt_figure::Column::Position)
                .all(txn)
                .await?
                .into_iter()
                .map(|f| (f.metric, f.value, f.at_least, f.year, f.source))
                .collect();
            let same = m.name_zh == b.name_zh
                && m.name_en == b.name_en
                && m.province == b.province
                && m.city_zh == b.city_zh
                && m.city_en == b.city_en
                && m.county_zh == b.county_zh
                && m.county_en == b.county_en
                && m.latitude == b.latitude
                && m.longitude == b.longitude
                && m.summary_zh == b.summary_zh
                && m.summary_en == b.summary_en
                && current_categories == wanted_categories
                && current_figures == wanted_figures;
            if same {
                return Ok((m.id, Outcome::Unchanged));
            }
            let mut active = m.into_active_model();
            fill_belt(&mut active, b);
            active.updated_at = Set(now);
            (active.update(txn).await?, Outcome::Updated)
        }
        None => {
            let mut active =
                belt::ActiveModel { slug: Set(b.slug.clone()), created_at: Set(now), updated_at: Set(now), ..Default::default() };
            fill_belt(&mut active, b);
            (active.insert(txn).await?, Outcome::Created)
        }
    };

    belt_category::Entity::delete_many().filter(belt_category::Column::BeltId.eq(model.id)).exec(txn).await?;
    for category_id in wanted_categories {
        belt_category::ActiveModel { belt_id: Set(model.id), category_id: Set(category_id) }.insert(txn).await?;
    }
    belt_figure::Entity::delete_many().filter(belt_figure::Column::BeltId.eq(model.id)).exec(txn).await?;
    for (position, (metric, value, at_least, year, source)) in wanted_figures.into_iter().enumerate() {
        belt_figure::ActiveModel {
            belt_id: Set(model.id),
            metric: Set(metric),
            value: Set(value),
            at_least: Set(at_least),
            year: Set(year),
            source: Set(source),
            position: Set(position as i32),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    outbox::enqueue(txn, EntityKind::Belt, model.id).await?;
    Ok((model.id, outcome))
}

fn fill_belt(active: &mut belt::ActiveModel, b: &SeedBelt) {
    active.name_zh = Set(b.name_zh.clone());
    active.name_en = Set(b.name_en.clone());
    active.province = Set(b.province.clone());
    active.city_zh = Set(b.city_zh.clone());
    active.city_en = Set(b.city_en.clone());
    active.county_zh = Set(b.county_zh.clone());
    active.county_en = Set(b.county_en.clone());
    active.latitude = Set(b.latitude);
    active.longitude = Set(b.longitude);
    active.summary_zh = Set(b.summary_zh.clone());
    active.summary_en = Set(b.summary_en.clone());
}

/// Creates or rewrites a demo organisation through the same write functions
/// the site uses (`orgs::repo`), only when it differs from the file.
async fn upsert_organisation(
    txn: &DatabaseTransaction,
    o: &SeedOrganisation,
    source: &str,
    belt_ids: &BTreeMap<String, i32>,
) -> Result<(i32, Outcome), SeedError> {
    use crate::orgs::repo::{insert_organisation, update_organisation, NewOrganisation};
    let kind = OrgKind::from_code(&o.kind).ok_or_else(|| SeedError::Invalid(format!("{}: unknown kind {}", o.slug, o.kind)))?;
    let mut wanted_belts: Vec<i32> = o.belts.iter().map(|l| belt_ids[&l.belt]).collect();
    wanted_belts.sort_unstable();
    let new = NewOrganisation {
        kind,
        name: Bilingual::new(o.name_zh.clone().unwrap_or_default(), o.name_en.clone().unwrap_or_default()),
        description: Bilingual::new(&o.description_zh, &o.description_en),
        province: o.province.clone(),
        city: Bilingual::new(o.city_zh.clone().unwrap_or_default(), o.city_en.clone().unwrap_or_default()),
        belt_ids: wanted_belts.clone(),
        created_by: None,
        // The demo data's organisations come from the source articles, not from a request.
        approved: true,
        slug: Some(o.slug.clone()),
        source: Some(source.to_string()),
        is_demo: true,
    };
    let existing = organisation::Entity::find().filter(organisation::Column::Slug.eq(&o.slug)).one(txn).await?;
    let Some(m) = existing else {
        let (id, _) = insert_organisation(txn, &new).await?;
        return Ok((id, Outcome::Created));
    };
    let mut current_belts: Vec<i32> = belt_organisation::Entity::find()
        .filter(belt_organisation::Column::OrganisationId.eq(m.id))
        .all(txn)
        .await?
        .into_iter()
        .map(|l| l.belt_id)
        .collect();
    current_belts.sort_unstable();
    let same = m.kind == o.kind
        && m.name_zh == o.name_zh
        && m.name_en == o.name_en
        && m.description_zh == o.description_zh
        && m.description_en == o.description_en
        && m.province == o.province
        && m.city_zh == o.city_zh
        && m.city_en == o.city_en
        && m.source.as_deref() == Some(source)
        && current_belts == wanted_belts;
    if same {
        return Ok((m.id, Outcome::Unchanged));
    }
    update_organisation(txn, m.id, &new).await?;
    Ok((m.id, Outcome::Updated))
}

/// Publishes a demo offering of `org_id`, rewriting it only when it differs.
async fn upsert_offering(txn: &DatabaseTransaction, org_id: i32, data: &crate::services::types::OfferingData) -> Result<(), SeedError> {
    use crate::services::repo;
    let existing = repo::find_demo(txn, org_id, &data.title.en).await?;
    let id = match existing {
        Some(row) => {
            let mut wanted = data.clone();
            wanted.belt_slugs.sort();
            if repo::data_of(txn, &row).await?.as_ref() == Some(&wanted) {
                return Ok(());
            }
            Some(row.id)
        }
        None => None,
    };
    repo::save_in(txn, org_id, None, id, data, true).await.map_err(|e| SeedError::Invalid(e.to_string()))?;
    Ok(())
}

/// Publishes the demo profile of `org_id`, rewriting it only when it differs.
async fn upsert_profile(txn: &DatabaseTransaction, org_id: i32, data: &crate::suppliers::types::ProfileData) -> Result<(), SeedError> {
    use crate::suppliers::{repo, types::ProfileStatus};
    if let Some(row) = crate::read::supply_profile_of(txn, org_id).await? {
        let current = crate::read::profile_data(&row, crate::read::category_slugs(txn, row.id).await?);
        if row.status == ProfileStatus::Published.code() && row.is_demo && &current == data {
            return Ok(());
        }
    }
    // The same writes a manufacturer's editor makes: save, publish; then marked as demo.
    repo::save_in(txn, org_id, None, data).await?;
    repo::set_status_in(txn, org_id, ProfileStatus::Published).await?;
    repo::mark_demo_in(txn, org_id).await?;
    Ok(())
}

fn platform_slugs(file: &SeedFile) -> Vec<String> {
    file.organisations.iter().filter(|o| o.kind == OrgKind::Platform.code()).map(|o| o.slug.clone()).collect()
}

/// Writes a demo event through the events data layer and marks it finished.
async fn upsert_event(txn: &DatabaseTransaction, e: &SeedEvent, data: &crate::events::types::EventData) -> Result<Outcome, SeedError> {
    use crate::events::{repo, types::EventStatus};
    let association = organisation::Entity::find().filter(organisation::Column::Slug.eq(&e.association)).one(txn).await?;
    let association =
        association.ok_or_else(|| SeedError::Invalid(format!("event {:?}: no association {:?}", e.title_en, e.association)))?;
    let existing = repo::find_demo(txn, association.id, &e.title_en).await?;
    let outcome = match &existing {
        Some(row) if repo::data_of(txn, row).await? == *data && repo::status_of(row) == EventStatus::Finished => {
            return Ok(Outcome::Unchanged)
        }
        Some(_) => Outcome::Updated,
        None => Outcome::Created,
    };
    let ids = repo::ids_of(txn, data).await?;
    let slug = repo::save_in(txn, &association, None, existing.as_ref(), data, ids, true, Utc::now()).await?;
    let row = repo::by_slug(txn, &slug).await?;
    repo::set_status(txn, &row, EventStatus::Finished, Utc::now()).await?;
    Ok(outcome)
}

/// Writes a demo policy notice through the policies data layer.
async fn upsert_policy(txn: &DatabaseTransaction, p: &SeedPolicy, data: &crate::policies::types::NoticeData) -> Result<Outcome, SeedError> {
    use crate::policies::repo;
    let publisher = organisation::Entity::find().filter(organisation::Column::Slug.eq(&p.publisher)).one(txn).await?;
    let publisher = publisher.ok_or_else(|| SeedError::Invalid(format!("policy {:?}: no association {:?}", p.title_en, p.publisher)))?;
    let existing = repo::find_demo(txn, &p.title_en).await?;
    let outcome = match &existing {
        Some(row) if repo::data_of(row) == *data => return Ok(Outcome::Unchanged),
        Some(_) => Outcome::Updated,
        None => Outcome::Created,
    };
    repo::save_in(txn, Some(&publisher), None, existing.as_ref(), data, true, Utc::now()).await?;
    Ok(outcome)
}

/// Writes a demo program through the talent data layer; one already there
/// keeps its dates.
async fn upsert_program(
    txn: &DatabaseTransaction,
    p: &SeedProgram,
    mut data: crate::talent::types::ProgramData,
) -> Result<Outcome, SeedError> {
    use crate::talent::repo;
    let organiser = organisation::Entity::find().filter(organisation::Column::Slug.eq(&p.organiser)).one(txn).await?;
    let organiser = organiser.ok_or_else(|| SeedError::Invalid(format!("program {:?}: no organiser {:?}", p.title_en, p.organiser)))?;
    let existing = repo::find_demo(txn, &p.title_en).await?;
    let outcome = match &existing {
        Some(row) => {
            let saved = repo::data_of(row, Vec::new());
            (data.starts_on, data.ends_on, data.applications_close) =
                (saved.starts_on.clone(), saved.ends_on.clone(), saved.applications_close.clone());
            if saved == data {
                return Ok(Outcome::Unchanged);
            }
            Outcome::Updated
        }
        None => Outcome::Created,
    };
    repo::save_in(txn, &organiser, None, existing.as_ref(), &data, &[], true, Utc::now()).await?;
    Ok(outcome)
}

/// Writes a demo brief through the scouting data layer and opens it; one
/// already there is updated and opened again with a fresh deadline.
async fn upsert_brief(txn: &DatabaseTransaction, b: &SeedBrief, data: &crate::scouting::types::BriefData) -> Result<Outcome, SeedError> {
    use crate::scouting::{repo, types::BriefStatus};
    let platform = organisation::Entity::find().filter(organisation::Column::Slug.eq(&b.platform)).one(txn).await?;
    let platform = platform.ok_or_else(|| SeedError::Invalid(format!("brief {:?}: no platform {:?}", b.title_en, b.platform)))?;
    let existing = repo::find_demo(txn, platform.id, &b.title_en).await?;
    let outcome = match &existing {
        Some(row) if repo::data_of(txn, row).await? == *data && row.status == BriefStatus::Open.code() => return Ok(Outcome::Unchanged),
        Some(_) => Outcome::Updated,
        None => Outcome::Created,
    };
    let slug = repo::save_in(txn, &platform, None, existing.as_ref(), data, true).await?;
    let row = repo::by_slug(txn, &slug).await?;
    if row.status != BriefStatus::Open.code() {
        repo::set_status(txn, &row, BriefStatus::Open, None, Utc::now()).await?;
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_data_is_valid_and_covers_the_four_provinces() {
        let file = demo().expect("demo.toml is valid");
        assert!(file.belts.len() >= 15, "at least 15 belts");
        for province in ["hunan", "shandong", "fujian", "guangdong"] {
            assert!(file.belts.iter().any(|b| b.province == province), "{province} has a belt");
        }
        let pingdu = file.belts.iter().find(|b| b.slug == "pingdu-false-eyelashes").unwrap();
        assert!(pingdu.figures.iter().any(|f| f.metric == "world_share_percent" && f.value == 70));
    }

    #[test]
    fn validation_names_the_bad_reference() {
        let mut file = demo().unwrap();
        file.belts[0].categories.push("unicorns".into());
        let err = validate(&file).unwrap_err().to_string();
        assert!(err.contains("unicorns"), "{err}");
    }
}
