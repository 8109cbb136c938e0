//! The suppliers that fit a brief: candidates from Meilisearch under the
//! brief's hard filters (published suppliers making one of its categories,
//! in one of its belts), ranked by `score`. Server only.
//!
//! Search gives at most [`POOL`] candidates per query, so two go in one round
//! trip: the hard filters alone, and the hard filters with every required
//! certification, market and a wanted business model. When the first holds
//! every candidate the ranking is exact; when there are more, the second
//! makes sure the suppliers that meet everything are among those ranked.
//! Search returns only what the score reads; the [`SHOWN`] best are then
//! read from the database to be shown. Without search the database gives
//! every candidate and the ranking is exact.

use std::collections::HashMap;

use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use serde::Deserialize;

use crate::clock::Moment;
use crate::codes::split_codes;
use crate::entities::{belt, belt_organisation, category, organisation, supply_profile, supply_profile_category};
use crate::error::AppError;
use crate::i18n::{Bilingual, Lang};
use crate::orgs::types::BeltRole;
use crate::scouting::score::{rank, Candidate, Fit, Needs};
use crate::scouting::types::{MatchView, Matches};
use crate::search::query::quoted;
use crate::search::service::{SearchError, SearchService};
use crate::suppliers::types::{
    BusinessModel, Certification, ProfileData, ProfileField, ProfileStatus, Quantity, QuantityUnit, SamplePolicy,
};

/// Suppliers shown per brief.
pub const SHOWN: usize = 50;
/// Candidates read from search per query.
pub const POOL: usize = 1_000;

/// How a candidate is shown, besides its score.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Shown {
    pub name: Bilingual,
    pub place: Bilingual,
    pub facts: Bilingual,
    pub verified_by: Option<String>,
    pub verified_at: Option<Moment>,
}

/// A supplier's document as far as the score reads it (what a match shows
/// is read from the database for the few shown).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
struct CandidateDocument {
    slug: String,
    category_slugs: Vec<String>,
    belt_slugs: Vec<String>,
    certifications: Vec<String>,
    export_markets: Vec<String>,
    business_models: Vec<String>,
    capacity: Option<i64>,
    capacity_unit: Option<String>,
    lead_time_days: Option<i32>,
    sample_policy: Option<String>,
    verified_fields: Vec<String>,
}

const ATTRIBUTES: [&str; 11] = [
    "slug",
    "category_slugs",
    "belt_slugs",
    "certifications",
    "export_markets",
    "business_models",
    "capacity",
    "capacity_unit",
    "lead_time_days",
    "sample_policy",
    "verified_fields",
];

impl CandidateDocument {
    fn into_candidate(self) -> Candidate {
        let capacity = match (self.capacity, self.capacity_unit.as_deref().and_then(QuantityUnit::from_code)) {
            (Some(value), Some(unit)) => Some(Quantity { value, unit }),
            _ => None,
        };
        let profile = ProfileData {
            category_slugs: self.category_slugs,
            capacity,
            lead_time_days: self.lead_time_days,
            sample_policy: self.sample_policy.as_deref().and_then(SamplePolicy::from_code),
            certifications: self.certifications.iter().filter_map(|c| Certification::from_code(c)).collect(),
            export_markets: self.export_markets,
            business_models: self.business_models.iter().filter_map(|m| BusinessModel::from_code(m)).collect(),
            ..ProfileData::default()
        };
        Candidate {
            slug: self.slug,
            profile,
            belts: self.belt_slugs,
            verified: self.verified_fields.iter().filter_map(|f| ProfileField::from_code(f)).collect(),
            median_reply_hours: None,
        }
    }
}

/// `attribute IN [values]`, or nothing for no values.
fn any_of(attribute: &str, values: &[String]) -> Option<String> {
    (!values.is_empty()).then(|| format!("{attribute} IN [{}]", values.iter().map(|v| quoted(v)).collect::<Vec<_>>().join(", ")))
}

/// The filter every candidate passes: a published supplier in one of the
/// brief's categories and belts.
pub fn hard_filter(needs: &Needs) -> String {
    let mut parts = vec![format!("kind = {}", quoted(crate::changes::EntityKind::SupplyProfile.code()))];
    parts.extend(any_of("category_slugs", &needs.categories));
    parts.extend(any_of("belt_slugs", &needs.belts));
    parts.join(" AND ")
}

/// The hard filter and everything else a brief requires that a filter can say.
pub fn full_filter(needs: &Needs) -> String {
    let mut parts = vec![hard_filter(needs)];
    parts.extend(needs.certifications.iter().map(|c| format!("certifications = {}", quoted(c.code()))));
    parts.extend(needs.markets.iter().map(|m| format!("export_markets = {}", quoted(m))));
    let models: Vec<String> = needs.business_models.iter().map(|m| m.code().to_string()).collect();
    parts.extend(any_of("business_models", &models));
    parts.join(" AND ")
}

/// Candidates from search, and how many pass the hard filters.
///
/// # Errors
/// When search cannot be reached.
pub async fn from_search(search: &SearchService, needs: &Needs) -> Result<(Vec<Candidate>, usize), SearchError> {
    let mut answers =
        search.filtered::<CandidateDocument>(&[(hard_filter(needs), POOL), (full_filter(needs), POOL)], &ATTRIBUTES).await?.into_iter();
    let (loose, total) = answers.next().ok_or(SearchError::Incomplete)?;
    let (strict, _) = answers.next().ok_or(SearchError::Incomplete)?;
    let mut seen = std::collections::HashSet::new();
    let pool = loose.into_iter().chain(strict).filter(|d| seen.insert(d.slug.clone())).map(CandidateDocument::into_candidate).collect();
    Ok((pool, total))
}

/// How the suppliers at these addresses are shown, read from the database.
///
/// # Errors
/// On a database failure.
pub async fn shown_for<C: ConnectionTrait>(db: &C, slugs: &[String]) -> Result<HashMap<String, Shown>, AppError> {
    let org_ids = organisation::Entity::find()
        .select_only()
        .column(organisation::Column::Id)
        .filter(organisation::Column::Slug.is_in(slugs.iter().cloned()));
    let profiles = supply_profile::Entity::find()
        .filter(supply_profile::Column::OrganisationId.in_subquery(sea_orm::QueryTrait::into_query(org_ids)))
        .all(db)
        .await?;
    Ok(candidates_of(db, &profiles).await?.into_iter().map(|(c, shown)| (c.slug, shown)).collect())
}

/// Published suppliers of organisations that are not hidden, passing the
/// brief's hard filters (one of its categories, one of its belts).
pub fn candidate_profiles(needs: &Needs) -> sea_orm::Select<supply_profile::Entity> {
    let mut found = supply_profile::Entity::find().filter(supply_profile::Column::Status.eq(ProfileStatus::Published.code())).filter(
        supply_profile::Column::OrganisationId.not_in_subquery(
            Query::select()
                .column(organisation::Column::Id)
                .from(organisation::Entity)
                .and_where(organisation::Column::HiddenAt.is_not_null())
                .to_owned(),
        ),
    );
    if !needs.categories.is_empty() {
        found = found.filter(
            supply_profile::Column::Id.in_subquery(
                Query::select()
                    .column(supply_profile_category::Column::ProfileId)
                    .from(supply_profile_category::Entity)
                    .and_where(
                        supply_profile_category::Column::CategoryId.in_subquery(
                            Query::select()
                                .column(category::Column::Id)
                                .from(category::Entity)
                                .and_where(category::Column::Slug.is_in(needs.categories.iter().cloned()))
                                .to_owned(),
                        ),
                    )
                    .to_owned(),
            ),
        );
    }
    if !needs.belts.is_empty() {
        found = found.filter(
            supply_profile::Column::OrganisationId.in_subquery(
                Query::select()
                    .column(belt_organisation::Column::OrganisationId)
                    .from(belt_organisation::Entity)
                    .and_where(belt_organisation::Column::Role.eq(BeltRole::Member.code()))
                    .and_where(
                        belt_organisation::Column::BeltId.in_subquery(
                            Query::select()
                                .column(belt::Column::Id)
                                .from(belt::Entity)
                                .and_where(belt::Column::Slug.is_in(needs.belts.iter().cloned()))
                                .to_owned(),
                        ),
                    )
                    .to_owned(),
            ),
        );
    }
    found
}

/// These published profiles as the score sees them, with how they are shown.
///
/// # Errors
/// On a database failure.
pub async fn candidates_of<C: ConnectionTrait>(db: &C, profiles: &[supply_profile::Model]) -> Result<Vec<(Candidate, Shown)>, AppError> {
    let belt_slugs: HashMap<i32, String> = belt::Entity::find().all(db).await?.into_iter().map(|b| (b.id, b.slug)).collect();
    let mut pool = Vec::with_capacity(profiles.len());
    // A few hundred at a time: a query's bound values stay far below any database's limit.
    for chunk in profiles.chunks(500) {
        let ids: Vec<i32> = chunk.iter().map(|p| p.id).collect();
        let org_ids: Vec<i32> = chunk.iter().map(|p| p.organisation_id).collect();
        let mut categories = crate::read::categories_of_profiles(db, &ids).await?;
        let replies = crate::reply_time::records(db, &org_ids, chrono::Utc::now()).await?;
        let orgs: HashMap<i32, organisation::Model> = organisation::Entity::find()
            .filter(organisation::Column::Id.is_in(org_ids.clone()))
            .all(db)
            .await?
            .into_iter()
            .map(|o| (o.id, o))
            .collect();
        let mut belts_of: HashMap<i32, Vec<String>> = HashMap::new();
        for link in belt_organisation::Entity::find()
            .filter(belt_organisation::Column::OrganisationId.is_in(org_ids))
            .filter(belt_organisation::Column::Role.eq(BeltRole::Member.code()))
            .all(db)
            .await?
        {
            if let Some(slug) = belt_slugs.get(&link.belt_id) {
                belts_of.entry(link.organisation_id).or_default().push(slug.clone());
            }
        }
        for p in chunk {
            let Some(org) = orgs.get(&p.organisation_id) else { continue };
            let slugs = categories.remove(&p.id).unwrap_or_default().into_iter().map(|c| c.slug).collect();
            let profile = crate::read::profile_data(p, slugs);
            let shown = Shown {
                name: crate::read::org_name(org),
                place: Bilingual::new(
                    crate::read::place(org.province.as_deref(), &[org.city_zh.as_deref()], true),
                    crate::read::place(org.province.as_deref(), &[org.city_en.as_deref()], false),
                ),
                facts: Bilingual::new(
                    crate::suppliers::types::trade_facts(&profile, Lang::Zh),
                    crate::suppliers::types::trade_facts(&profile, Lang::En),
                ),
                verified_by: p.verified_by.clone(),
                verified_at: p.verified_at.map(Moment),
            };
            let candidate = Candidate {
                slug: org.slug.clone(),
                profile,
                belts: belts_of.remove(&org.id).unwrap_or_default(),
                verified: split_codes(&p.verified_fields, ProfileField::from_code),
                median_reply_hours: replies.get(&org.id).map(|r| r.score_hours()),
            };
            pool.push((candidate, shown));
        }
    }
    Ok(pool)
}

/// Every candidate from the database, and how many there are.
///
/// # Errors
/// On a database failure.
pub async fn from_database<C: ConnectionTrait>(db: &C, needs: &Needs) -> Result<(Vec<(Candidate, Shown)>, usize), AppError> {
    let profiles = candidate_profiles(needs).all(db).await?;
    let pool = candidates_of(db, &profiles).await?;
    let total = pool.len();
    Ok((pool, total))
}

/// The best `n` of a pool, with how they are shown.
pub fn best(needs: &Needs, pool: Vec<(Candidate, Shown)>, n: usize) -> Vec<(Fit, Shown)> {
    let candidates: Vec<Candidate> = pool.iter().map(|(c, _)| c.clone()).collect();
    let mut shown: HashMap<String, Shown> = pool.into_iter().map(|(c, s)| (c.slug, s)).collect();
    rank(needs, &candidates).into_iter().take(n).filter_map(|fit| shown.remove(&fit.slug).map(|s| (fit, s))).collect()
}

/// A fit as a page shows it, in both languages.
pub fn view(fit: Fit, shown: Shown) -> MatchView {
    let both = |j: &crate::scouting::score::Judged| Bilingual::new(j.text(Lang::Zh), j.text(Lang::En));
    MatchView {
        reasons: fit.reasons().map(both).collect(),
        gaps: fit.gaps().map(both).collect(),
        slug: fit.slug,
        name: shown.name,
        place: shown.place,
        facts: shown.facts,
        score: fit.score,
        verified_by: shown.verified_by,
        verified_at: shown.verified_at,
    }
}

/// Gives each candidate its reply record, which changes too often to be indexed.
///
/// # Errors
/// On a database failure.
pub async fn with_reply_records<C: ConnectionTrait>(db: &C, candidates: &mut [Candidate]) -> Result<(), AppError> {
    let slugs: Vec<String> = candidates.iter().map(|c| c.slug.clone()).collect();
    let records = crate::reply_time::records_by_slug(db, &slugs, chrono::Utc::now()).await?;
    for candidate in candidates {
        candidate.median_reply_hours = records.get(&candidate.slug).map(|r| r.score_hours());
    }
    Ok(())
}

/// A brief's best suppliers: ranked from search (and shown from the
/// database), or wholly from the database when search is unavailable.
///
/// # Errors
/// On a database failure (search failures fall back).
pub async fn matches<C: ConnectionTrait>(db: &C, search: &SearchService, needs: &Needs) -> Result<Matches, AppError> {
    match from_search(search, needs).await {
        Ok((mut pool, candidates)) => {
            with_reply_records(db, &mut pool).await?;
            let mut fits = crate::scouting::score::rank(needs, &pool);
            fits.truncate(SHOWN);
            let mut shown = shown_for(db, &fits.iter().map(|f| f.slug.clone()).collect::<Vec<_>>()).await?;
            // A supplier unpublished since it was indexed has nothing to show and is left out.
            let shown = fits.into_iter().filter_map(|fit| shown.remove(&fit.slug).map(|s| view(fit, s))).collect();
            Ok(Matches { candidates, shown, from_database: false })
        }
        Err(error) => {
            tracing::warn!(%error, "search unavailable; matching from the database");
            let (pool, candidates) = from_database(db, needs).await?;
            let shown = best(needs, pool, SHOWN).into_iter().map(|(fit, s)| view(fit, s)).collect();
            Ok(Matches { candidates, shown, from_database: true })
        }
    }
}
