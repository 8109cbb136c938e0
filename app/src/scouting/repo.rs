//! The data layer of scouting briefs: reading and writing briefs, who may
//! see them, the open list and the sweep that closes expired ones. Takes
//! the actor as an argument; never reads the request. Server only.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::accounts::types::{CurrentUser, MemberRole, MembershipStatus};
use crate::changes::EntityKind;
use crate::codes::join_codes;
use crate::entities::{
    association_member, belt, belt_organisation, brief, brief_association, brief_belt, membership, organisation, supply_profile,
};
use crate::error::AppError;
use crate::i18n::Bilingual;
use crate::orgs::types::{BeltRole, OrgKind};
use crate::read::org_name;
use crate::scouting::policy::BriefStanding;
use crate::scouting::rules;
use crate::scouting::score::Needs;
use crate::scouting::types::*;
use crate::suppliers::types::PriceBand;

use crate::read::{BRIEF_AUDIENCE as AUDIENCE, BRIEF_TARGET as TARGET};

/// The brief behind `slug`.
///
/// # Errors
/// `NotFound`.
pub async fn by_slug<C: ConnectionTrait>(db: &C, slug: &str) -> Result<brief::Model, AppError> {
    brief::Entity::find().filter(brief::Column::Slug.eq(slug)).one(db).await?.ok_or(AppError::NotFound)
}

/// The actor's active places, by organisation id.
async fn places<C: ConnectionTrait>(db: &C, actor: &CurrentUser) -> Result<HashMap<i32, MemberRole>, AppError> {
    crate::read::active_places(db, actor.id).await
}

/// The platforms `actor` may post briefs for (`scouting::policy::may_post`), by name.
///
/// # Errors
/// On a database failure.
pub async fn platforms_for<C: ConnectionTrait>(db: &C, actor: &CurrentUser) -> Result<Vec<Named>, AppError> {
    let places = places(db, actor).await?;
    let mut found = Vec::new();
    for org in organisation::Entity::find()
        .filter(organisation::Column::Kind.eq(OrgKind::Platform.code()))
        .order_by_asc(organisation::Column::Slug)
        .all(db)
        .await?
    {
        let standing = crate::orgs::policy::Standing {
            kind: Some(OrgKind::Platform),
            approved: true,
            membership: places.get(&org.id).copied(),
            hidden: org.hidden_at.is_some(),
            ..Default::default()
        };
        if crate::scouting::policy::may_post(actor, &standing) {
            found.push(crate::read::named_org(&org));
        }
    }
    Ok(found)
}

/// Approved associations that are not hidden, whose member firms a brief can be shown to.
///
/// # Errors
/// On a database failure.
pub async fn associations<C: ConnectionTrait>(db: &C) -> Result<Vec<Named>, AppError> {
    Ok(organisation::Entity::find()
        .filter(organisation::Column::Kind.eq(OrgKind::Association.code()))
        .filter(organisation::Column::ApprovedAt.is_not_null())
        .filter(organisation::Column::HiddenAt.is_null())
        .order_by_asc(organisation::Column::Slug)
        .all(db)
        .await?
        .iter()
        .map(crate::read::named_org)
        .collect())
}

/// The belts of a brief (by purpose) and its audience associations, as slugs.
async fn links<C: ConnectionTrait>(db: &C, b: &brief::Model) -> Result<(Vec<String>, Audience), AppError> {
    let rows = brief_belt::Entity::find().filter(brief_belt::Column::BriefId.eq(b.id)).all(db).await?;
    let belt_slugs: HashMap<i32, String> = belt::Entity::find()
        .filter(belt::Column::Id.is_in(rows.iter().map(|r| r.belt_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|x| (x.id, x.slug))
        .collect();
    let of = |purpose: &str| {
        let mut slugs: Vec<String> =
            rows.iter().filter(|r| r.purpose == purpose).filter_map(|r| belt_slugs.get(&r.belt_id).cloned()).collect();
        slugs.sort();
        slugs
    };
    let association_ids: Vec<i32> = brief_association::Entity::find()
        .filter(brief_association::Column::BriefId.eq(b.id))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.association_id)
        .collect();
    let mut associations: Vec<String> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(association_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| o.slug)
        .collect();
    associations.sort();
    Ok((of(TARGET), Audience { belts: of(AUDIENCE), associations }))
}

/// A stored brief's content.
///
/// # Errors
/// On a database failure.
pub async fn data_of<C: ConnectionTrait>(db: &C, b: &brief::Model) -> Result<BriefData, AppError> {
    let (targets, audience) = links(db, b).await?;
    Ok(BriefData {
        title: Bilingual::new(b.title_zh.clone(), b.title_en.clone()),
        details: Bilingual::new(b.details_zh.clone(), b.details_en.clone()),
        needs: crate::read::brief_needs(b, targets),
        price_band: b.price_band.as_deref().and_then(PriceBand::from_code),
        deadline: rules::deadline_date(b.deadline),
        audience: b.restricted.then_some(audience),
    })
}

/// What the data says about brief `b` and the actor's relation to it, for `scouting::policy`.
///
/// # Errors
/// On a database failure.
pub async fn standing<C: ConnectionTrait>(db: &C, actor: Option<&CurrentUser>, b: &brief::Model) -> Result<BriefStanding, AppError> {
    let platform = organisation::Entity::find_by_id(b.organisation_id).one(db).await?.ok_or(AppError::NotFound)?;
    let places = match actor {
        Some(actor) => places(db, actor).await?,
        None => HashMap::new(),
    };
    let in_audience = b.restricted && !places.is_empty() && in_audience(db, b.id, &places.keys().copied().collect::<Vec<_>>()).await?;
    Ok(BriefStanding {
        status: BriefStatus::from_code(&b.status).unwrap_or(BriefStatus::Draft),
        restricted: b.restricted,
        membership: places.get(&b.organisation_id).copied(),
        in_audience,
        platform_hidden: platform.hidden_at.is_some(),
    })
}

/// Whether one of `org_ids` is a firm in one of the brief's audience belts
/// or a member firm of one of its audience associations.
async fn in_audience<C: ConnectionTrait>(db: &C, brief_id: i32, org_ids: &[i32]) -> Result<bool, AppError> {
    let belts: Vec<i32> = brief_belt::Entity::find()
        .filter(brief_belt::Column::BriefId.eq(brief_id))
        .filter(brief_belt::Column::Purpose.eq(AUDIENCE))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.belt_id)
        .collect();
    let firms_in_belts = belt_organisation::Entity::find()
        .filter(belt_organisation::Column::BeltId.is_in(belts))
        .filter(belt_organisation::Column::OrganisationId.is_in(org_ids.iter().copied()))
        .filter(belt_organisation::Column::Role.eq(BeltRole::Member.code()))
        .one(db)
        .await?;
    if firms_in_belts.is_some() {
        return Ok(true);
    }
    let associations: Vec<i32> = brief_association::Entity::find()
        .filter(brief_association::Column::BriefId.eq(brief_id))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.association_id)
        .collect();
    Ok(association_member::Entity::find()
        .filter(association_member::Column::AssociationId.is_in(associations))
        .filter(association_member::Column::OrganisationId.is_in(org_ids.iter().copied()))
        .one(db)
        .await?
        .is_some())
}

/// Writes `data` into a brief row.
fn fill(active: &mut brief::ActiveModel, data: &BriefData) {
    let n = &data.needs;
    active.title_zh = Set(data.title.zh.clone());
    active.title_en = Set(data.title.en.clone());
    active.details_zh = Set(data.details.zh.clone());
    active.details_en = Set(data.details.en.clone());
    active.categories = Set(n.categories.join(","));
    active.markets = Set(n.markets.join(","));
    active.certifications = Set(join_codes(n.certifications.iter().map(|c| c.code())));
    active.capacity_value = Set(n.capacity.map(|c| c.amount.value));
    active.capacity_unit = Set(n.capacity.map(|c| c.amount.unit.code().to_string()));
    active.capacity_period = Set(n.capacity.map(|c| c.period.code().to_string()));
    active.max_lead_time_days = Set(n.max_lead_time_days);
    active.samples_needed = Set(n.samples_needed);
    active.business_models = Set(join_codes(n.business_models.iter().map(|m| m.code())));
    active.price_band = Set(data.price_band.map(|p| p.code().to_string()));
    active.restricted = Set(data.audience.is_some());
    active.deadline = Set(rules::closes_at(data.deadline));
}

/// Ids of belts and associations by slug (unknown slugs are left out: the
/// form checked them against the same lists).
async fn ids_of<C: ConnectionTrait>(
    db: &C,
    belts: &[String],
    associations: &[String],
) -> Result<(HashMap<String, i32>, Vec<i32>), AppError> {
    let belt_ids = belt::Entity::find()
        .filter(belt::Column::Slug.is_in(belts.iter().cloned()))
        .all(db)
        .await?
        .into_iter()
        .map(|b| (b.slug, b.id))
        .collect();
    let association_ids = organisation::Entity::find()
        .filter(organisation::Column::Slug.is_in(associations.iter().cloned()))
        .filter(organisation::Column::Kind.eq(OrgKind::Association.code()))
        .all(db)
        .await?
        .into_iter()
        .map(|o| o.id)
        .collect();
    Ok((belt_ids, association_ids))
}

/// Creates a brief (a draft) for `platform`, or updates `existing`, and
/// queues it for search; returns its slug. In the caller's transaction.
///
/// # Errors
/// On a database failure.
pub async fn save_in<C: ConnectionTrait>(
    txn: &C,
    platform: &organisation::Model,
    author: Option<i32>,
    existing: Option<&brief::Model>,
    data: &BriefData,
    is_demo: bool,
) -> Result<String, AppError> {
    let now = Utc::now();
    let (id, slug) = match existing {
        Some(b) => {
            let mut active: brief::ActiveModel = b.clone().into();
            fill(&mut active, data);
            active.updated_at = Set(now);
            active.update(txn).await?;
            (b.id, b.slug.clone())
        }
        None => {
            let mut active = brief::ActiveModel {
                // Unique until the id is known.
                slug: Set(format!("{}-new-{:016x}", platform.slug, rand::random::<u64>())),
                organisation_id: Set(platform.id),
                created_by: Set(author),
                status: Set(BriefStatus::Draft.code().to_string()),
                close_reason: Set(None),
                is_demo: Set(is_demo),
                created_at: Set(now),
                updated_at: Set(now),
                opened_at: Set(None),
                closed_at: Set(None),
                ..Default::default()
            };
            fill(&mut active, data);
            let row = active.insert(txn).await?;
            let slug = format!("{}-{}", platform.slug, row.id);
            brief::Entity::update_many()
                .col_expr(brief::Column::Slug, Expr::value(slug.clone()))
                .filter(brief::Column::Id.eq(row.id))
                .exec(txn)
                .await?;
            (row.id, slug)
        }
    };
    brief_belt::Entity::delete_many().filter(brief_belt::Column::BriefId.eq(id)).exec(txn).await?;
    brief_association::Entity::delete_many().filter(brief_association::Column::BriefId.eq(id)).exec(txn).await?;
    let audience = data.audience.clone().unwrap_or_default();
    let all_belts: Vec<String> = data.needs.belts.iter().chain(&audience.belts).cloned().collect();
    let (belt_ids, association_ids) = ids_of(txn, &all_belts, &audience.associations).await?;
    let mut rows = Vec::new();
    for (slugs, purpose) in [(&data.needs.belts, TARGET), (&audience.belts, AUDIENCE)] {
        let mut ids: Vec<i32> = slugs.iter().filter_map(|slug| belt_ids.get(slug).copied()).collect();
        ids.sort_unstable();
        ids.dedup();
        rows.extend(ids.into_iter().map(|belt_id| brief_belt::ActiveModel {
            brief_id: Set(id),
            belt_id: Set(belt_id),
            purpose: Set(purpose.to_string()),
        }));
    }
    if !rows.is_empty() {
        brief_belt::Entity::insert_many(rows).exec(txn).await?;
    }
    if !association_ids.is_empty() {
        brief_association::Entity::insert_many(
            association_ids.into_iter().map(|a| brief_association::ActiveModel { brief_id: Set(id), association_id: Set(a) }),
        )
        .exec(txn)
        .await?;
    }
    crate::changes::enqueue(txn, EntityKind::Brief, id).await?;
    Ok(slug)
}

/// A demo brief of `platform` by its English title, for re-seeding.
///
/// # Errors
/// On a database failure.
pub async fn find_demo<C: ConnectionTrait>(db: &C, platform_id: i32, title_en: &str) -> Result<Option<brief::Model>, AppError> {
    Ok(brief::Entity::find()
        .filter(brief::Column::OrganisationId.eq(platform_id))
        .filter(brief::Column::IsDemo.eq(true))
        .filter(brief::Column::TitleEn.eq(title_en))
        .one(db)
        .await?)
}

/// Moves brief `b` to `status` (closing it for `reason`), and queues it for search.
///
/// # Errors
/// On a database failure.
pub async fn set_status<C: ConnectionTrait>(
    db: &C,
    b: &brief::Model,
    status: BriefStatus,
    reason: Option<CloseReason>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut active: brief::ActiveModel = b.clone().into();
    active.status = Set(status.code().to_string());
    active.close_reason = Set(reason.map(|r| r.code().to_string()));
    active.updated_at = Set(now);
    match status {
        BriefStatus::Open => active.opened_at = Set(Some(now)),
        BriefStatus::Closed => active.closed_at = Set(Some(now)),
        BriefStatus::Draft => {}
    }
    active.update(db).await?;
    crate::changes::enqueue(db, EntityKind::Brief, b.id).await?;
    Ok(())
}

/// Closes every open brief whose deadline has passed and queues it, so it
/// leaves search; returns how many.
///
/// # Errors
/// On a database failure; nothing is changed then.
pub async fn close_expired(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<u64, AppError> {
    let due: Vec<i32> = brief::Entity::find()
        .select_only()
        .column(brief::Column::Id)
        .filter(brief::Column::Status.eq(BriefStatus::Open.code()))
        .filter(brief::Column::Deadline.lte(now))
        .into_tuple()
        .all(db)
        .await?;
    if due.is_empty() {
        return Ok(0);
    }
    let txn = crate::db::begin_write(db).await?;
    let result = brief::Entity::update_many()
        .col_expr(brief::Column::Status, Expr::value(BriefStatus::Closed.code()))
        .col_expr(brief::Column::CloseReason, Expr::value(CloseReason::Expired.code()))
        .col_expr(brief::Column::ClosedAt, Expr::value(now))
        .col_expr(brief::Column::UpdatedAt, Expr::value(now))
        .filter(brief::Column::Id.is_in(due.iter().copied()))
        .filter(brief::Column::Status.eq(BriefStatus::Open.code()))
        .exec(&txn)
        .await?;
    for id in due {
        crate::changes::enqueue(&txn, EntityKind::Brief, id).await?;
    }
    txn.commit().await?;
    Ok(result.rows_affected)
}

/// Category and belt names by slug, to write what briefs ask.
pub struct Lookup {
    /// Every category and belt, in slug order (the choices pages offer).
    pub all_categories: Vec<crate::belts::types::CategoryRef>,
    pub all_belts: Vec<crate::belts::types::CategoryRef>,
    categories: HashMap<String, Bilingual>,
    belts: HashMap<String, Bilingual>,
}

impl Lookup {
    /// # Errors
    /// On a database failure.
    pub async fn load<C: ConnectionTrait>(db: &C) -> Result<Lookup, AppError> {
        let all_categories = crate::read::all_categories(db).await?;
        let all_belts = crate::read::all_belts(db).await?;
        let categories = all_categories.iter().map(|c| (c.slug.clone(), c.name.clone())).collect();
        let belts = all_belts.iter().map(|b| (b.slug.clone(), b.name.clone())).collect();
        Ok(Lookup { all_categories, all_belts, categories, belts })
    }

    pub fn asks(&self, needs: &Needs, price_band: Option<PriceBand>) -> Vec<(Bilingual, Bilingual)> {
        let category = |s: &str| self.categories.get(s).cloned();
        let belt = |s: &str| self.belts.get(s).cloned();
        rules::asks(needs, price_band, &rules::Names { category: &category, belt: Some(&belt) })
    }

    pub fn belt(&self, slug: &str) -> Bilingual {
        self.belts.get(slug).cloned().unwrap_or_else(|| Bilingual::new(slug, slug))
    }
}

/// Cards for these briefs, in the order given.
async fn cards_of<C: ConnectionTrait>(db: &C, briefs: Vec<brief::Model>, lookup: &Lookup) -> Result<Vec<BriefCard>, AppError> {
    let platforms: HashMap<i32, organisation::Model> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(briefs.iter().map(|b| b.organisation_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let mut targets = crate::read::brief_targets(db, &briefs.iter().map(|b| b.id).collect::<Vec<_>>()).await?;
    Ok(briefs
        .into_iter()
        .filter_map(|b| {
            let platform = platforms.get(&b.organisation_id)?;
            let needs = crate::read::brief_needs(&b, targets.remove(&b.id).unwrap_or_default());
            let price_band = b.price_band.as_deref().and_then(PriceBand::from_code);
            Some(BriefCard {
                slug: b.slug.clone(),
                title: Bilingual::new(b.title_zh.clone(), b.title_en.clone()),
                platform: crate::read::named_org(platform),
                asks: rules::asks_line(&lookup.asks(&needs, price_band)),
                open_until: rules::deadline_date(b.deadline).format("%Y-%m-%d").to_string(),
                status: BriefStatus::from_code(&b.status).unwrap_or(BriefStatus::Draft),
                restricted: b.restricted,
                is_demo: b.is_demo,
            })
        })
        .collect())
}

/// What `/briefs` narrows the open briefs by.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListFilter {
    pub category: Option<String>,
    pub belt: Option<String>,
    pub platform: Option<String>,
    pub market: Option<String>,
}

/// Open public briefs of platforms that are not hidden, before their
/// deadline, soonest deadline first, narrowed by `filter`.
///
/// # Errors
/// On a database failure.
pub async fn open_cards<C: ConnectionTrait>(
    db: &C,
    filter: &ListFilter,
    now: DateTime<Utc>,
    lookup: &Lookup,
) -> Result<Vec<BriefCard>, AppError> {
    let mut found = brief::Entity::find()
        .filter(brief::Column::Status.eq(BriefStatus::Open.code()))
        .filter(brief::Column::Restricted.eq(false))
        .filter(brief::Column::Deadline.gt(now))
        .filter(brief::Column::OrganisationId.not_in_subquery(hidden_organisations()))
        .order_by_asc(brief::Column::Deadline)
        .order_by_asc(brief::Column::Id)
        .all(db)
        .await?;
    if let Some(platform) = &filter.platform {
        let id = organisation::Entity::find().filter(organisation::Column::Slug.eq(platform)).one(db).await?.map(|o| o.id);
        found.retain(|b| Some(b.organisation_id) == id);
    }
    let has = |stored: &str, code: &str| stored.split(',').any(|s| s == code);
    if let Some(category) = &filter.category {
        found.retain(|b| has(&b.categories, category));
    }
    if let Some(market) = &filter.market {
        found.retain(|b| has(&b.markets, market));
    }
    if let Some(belt_slug) = &filter.belt {
        let Some(belt_row) = belt::Entity::find().filter(belt::Column::Slug.eq(belt_slug)).one(db).await? else { return Ok(Vec::new()) };
        let targeting: Vec<i32> = brief_belt::Entity::find()
            .filter(brief_belt::Column::BeltId.eq(belt_row.id))
            .filter(brief_belt::Column::Purpose.eq(TARGET))
            .all(db)
            .await?
            .into_iter()
            .map(|r| r.brief_id)
            .collect();
        found.retain(|b| targeting.contains(&b.id));
    }
    cards_of(db, found, lookup).await
}

/// The briefs of the platforms `actor` belongs to (site admins: none of their own), newest first.
///
/// # Errors
/// On a database failure.
pub async fn own_cards<C: ConnectionTrait>(db: &C, actor: &CurrentUser, lookup: &Lookup) -> Result<Vec<BriefCard>, AppError> {
    let places = places(db, actor).await?;
    if places.is_empty() {
        return Ok(Vec::new());
    }
    let found = brief::Entity::find()
        .filter(brief::Column::OrganisationId.is_in(places.keys().copied()))
        .order_by_desc(brief::Column::UpdatedAt)
        .all(db)
        .await?;
    cards_of(db, found, lookup).await
}

/// Names of a restricted brief's audience, belts first.
///
/// # Errors
/// On a database failure.
pub async fn audience_names<C: ConnectionTrait>(db: &C, audience: &Audience, lookup: &Lookup) -> Result<Vec<Bilingual>, AppError> {
    let mut names: Vec<Bilingual> = audience.belts.iter().map(|b| lookup.belt(b)).collect();
    for association in
        organisation::Entity::find().filter(organisation::Column::Slug.is_in(audience.associations.iter().cloned())).all(db).await?
    {
        names.push(org_name(&association));
    }
    Ok(names)
}

/// The platform that posted brief `b`.
///
/// # Errors
/// `NotFound` when it is gone.
pub async fn platform_of<C: ConnectionTrait>(db: &C, b: &brief::Model) -> Result<organisation::Model, AppError> {
    organisation::Entity::find_by_id(b.organisation_id).one(db).await?.ok_or(AppError::NotFound)
}

/// The manufacturers among `actor`'s organisations that have a published profile.
async fn own_suppliers<C: ConnectionTrait>(db: &C, actor: &CurrentUser) -> Result<Vec<supply_profile::Model>, AppError> {
    let places = places(db, actor).await?;
    if places.is_empty() {
        return Ok(Vec::new());
    }
    Ok(supply_profile::Entity::find()
        .filter(supply_profile::Column::OrganisationId.is_in(places.keys().copied()))
        .filter(supply_profile::Column::Status.eq(crate::suppliers::types::ProfileStatus::Published.code()))
        .all(db)
        .await?)
}

/// How each of `actor`'s published suppliers fits brief `needs`, when it is a candidate at all.
///
/// # Errors
/// On a database failure.
pub async fn own_fits<C: ConnectionTrait>(db: &C, actor: &CurrentUser, needs: &Needs) -> Result<Vec<MatchView>, AppError> {
    let profiles = own_suppliers(db, actor).await?;
    let pool = crate::scouting::matching::candidates_of(db, &profiles).await?;
    let fitting = pool.into_iter().filter(|(c, _)| crate::scouting::score::passes_hard_filters(needs, c)).collect();
    Ok(crate::scouting::matching::best(needs, fitting, usize::MAX)
        .into_iter()
        .map(|(fit, s)| crate::scouting::matching::view(fit, s))
        .collect())
}

/// Briefs listed per firm.
pub const FITS_SHOWN: usize = 20;

/// For each of `actor`'s published suppliers: the open briefs it may see
/// and is a candidate for, best first.
///
/// # Errors
/// On a database failure.
pub async fn firm_fits<C: ConnectionTrait>(
    db: &C,
    actor: &CurrentUser,
    now: DateTime<Utc>,
    lookup: &Lookup,
) -> Result<Vec<FirmFits>, AppError> {
    let profiles = own_suppliers(db, actor).await?;
    if profiles.is_empty() {
        return Ok(Vec::new());
    }
    let pool = crate::scouting::matching::candidates_of(db, &profiles).await?;
    let open = open_visible_to(db, &profiles.iter().map(|p| p.organisation_id).collect::<Vec<_>>(), now).await?;
    let mut targets = crate::read::brief_targets(db, &open.iter().map(|b| b.id).collect::<Vec<_>>()).await?;
    let briefs: Vec<(brief::Model, Needs)> = open
        .into_iter()
        .map(|b| {
            let needs = crate::read::brief_needs(&b, targets.remove(&b.id).unwrap_or_default());
            (b, needs)
        })
        .collect();
    let mut all = Vec::new();
    for (candidate, shown) in pool {
        let mut scored: Vec<(u32, usize, crate::scouting::score::Fit)> = briefs
            .iter()
            .enumerate()
            .filter(|(_, (_, needs))| crate::scouting::score::passes_hard_filters(needs, &candidate))
            .map(|(i, (_, needs))| {
                let fit = crate::scouting::score::score(needs, &candidate);
                (fit.score, i, fit)
            })
            .collect();
        // Best first; equal scores by the sooner deadline (the list is in deadline order).
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let total = scored.len();
        scored.truncate(FITS_SHOWN);
        let chosen: Vec<brief::Model> = scored.iter().map(|(_, i, _)| briefs[*i].0.clone()).collect();
        let cards = cards_of(db, chosen, lookup).await?;
        let both = |j: &crate::scouting::score::Judged| Bilingual::new(j.text(crate::i18n::Lang::Zh), j.text(crate::i18n::Lang::En));
        let fits = cards
            .into_iter()
            .zip(scored)
            .map(|(brief, (score, _, fit))| BriefFit {
                brief,
                score,
                reasons: fit.reasons().map(both).collect(),
                gaps: fit.gaps().map(both).collect(),
            })
            .collect();
        all.push(FirmFits { firm: Named { slug: candidate.slug.clone(), name: shown.name.clone() }, fits, total });
    }
    Ok(all)
}

/// Open briefs before their deadline, of platforms that are not hidden, that
/// firms `org_ids` may see (public ones, and those shown to their belts or
/// associations), soonest deadline first.
async fn open_visible_to<C: ConnectionTrait>(db: &C, org_ids: &[i32], now: DateTime<Utc>) -> Result<Vec<brief::Model>, AppError> {
    let open = brief::Entity::find()
        .filter(brief::Column::Status.eq(BriefStatus::Open.code()))
        .filter(brief::Column::Deadline.gt(now))
        .filter(brief::Column::OrganisationId.not_in_subquery(hidden_organisations()))
        .order_by_asc(brief::Column::Deadline)
        .order_by_asc(brief::Column::Id)
        .all(db)
        .await?;
    let restricted: Vec<i32> = open.iter().filter(|b| b.restricted).map(|b| b.id).collect();
    let mut shown_to: std::collections::HashSet<i32> = std::collections::HashSet::new();
    if !restricted.is_empty() {
        let belts: Vec<i32> = belt_organisation::Entity::find()
            .filter(belt_organisation::Column::OrganisationId.is_in(org_ids.iter().copied()))
            .filter(belt_organisation::Column::Role.eq(BeltRole::Member.code()))
            .all(db)
            .await?
            .into_iter()
            .map(|l| l.belt_id)
            .collect();
        for row in brief_belt::Entity::find()
            .filter(brief_belt::Column::BriefId.is_in(restricted.iter().copied()))
            .filter(brief_belt::Column::Purpose.eq(AUDIENCE))
            .filter(brief_belt::Column::BeltId.is_in(belts))
            .all(db)
            .await?
        {
            shown_to.insert(row.brief_id);
        }
        let associations: Vec<i32> = association_member::Entity::find()
            .filter(association_member::Column::OrganisationId.is_in(org_ids.iter().copied()))
            .all(db)
            .await?
            .into_iter()
            .map(|m| m.association_id)
            .collect();
        for row in brief_association::Entity::find()
            .filter(brief_association::Column::BriefId.is_in(restricted))
            .filter(brief_association::Column::AssociationId.is_in(associations))
            .all(db)
            .await?
        {
            shown_to.insert(row.brief_id);
        }
    }
    Ok(open.into_iter().filter(|b| !b.restricted || shown_to.contains(&b.id)).collect())
}

fn hidden_organisations() -> sea_orm::sea_query::SelectStatement {
    sea_orm::sea_query::Query::select()
        .column(organisation::Column::Id)
        .from(organisation::Entity)
        .and_where(organisation::Column::HiddenAt.is_not_null())
        .to_owned()
}

/// Tells the people of every firm that is a candidate for brief `b` (and
/// may see it) that it opened: the notifications list, and email for those
/// who want it. Call in the transaction that opens it.
///
/// # Errors
/// On a database failure.
pub async fn announce<C: ConnectionTrait>(db: &C, mail: &crate::state::MailSettings, b: &brief::Model) -> Result<usize, AppError> {
    let (targets, audience) = links(db, b).await?;
    let needs = crate::read::brief_needs(b, targets);
    let mut firms: Vec<i32> = crate::scouting::matching::candidate_profiles(&needs)
        .select_only()
        .column(supply_profile::Column::OrganisationId)
        .into_tuple()
        .all(db)
        .await?;
    if b.restricted {
        let (belt_ids, association_ids) = ids_of(db, &audience.belts, &audience.associations).await?;
        let belt_ids: Vec<i32> = belt_ids.into_values().collect();
        let mut allowed = Vec::new();
        for chunk in firms.chunks(500) {
            let in_belts: Vec<i32> = belt_organisation::Entity::find()
                .filter(belt_organisation::Column::OrganisationId.is_in(chunk.iter().copied()))
                .filter(belt_organisation::Column::Role.eq(BeltRole::Member.code()))
                .filter(belt_organisation::Column::BeltId.is_in(belt_ids.iter().copied()))
                .all(db)
                .await?
                .into_iter()
                .map(|l| l.organisation_id)
                .collect();
            let members: Vec<i32> = association_member::Entity::find()
                .filter(association_member::Column::OrganisationId.is_in(chunk.iter().copied()))
                .filter(association_member::Column::AssociationId.is_in(association_ids.iter().copied()))
                .all(db)
                .await?
                .into_iter()
                .map(|m| m.organisation_id)
                .collect();
            allowed.extend(in_belts.into_iter().chain(members));
        }
        firms = allowed;
    }
    firms.sort_unstable();
    firms.dedup();
    let mut people = Vec::new();
    for chunk in firms.chunks(500) {
        let found: Vec<i32> = membership::Entity::find()
            .select_only()
            .column(membership::Column::UserId)
            .filter(membership::Column::OrganisationId.is_in(chunk.iter().copied()))
            .filter(membership::Column::Status.eq(MembershipStatus::Active.code()))
            .into_tuple()
            .all(db)
            .await?;
        people.extend(found);
    }
    let platform = platform_of(db, b).await?;
    let name = org_name(&platform);
    let title = |own: &str, other: &str| if own.is_empty() { other.to_string() } else { own.to_string() };
    let notice = crate::notifications::repo::Notice {
        kind: crate::notifications::types::NotificationKind::BriefFits,
        title: Bilingual::new(
            format!("{}发布了适合贵企业的寻源需求：{}", name.zh, title(&b.title_zh, &b.title_en)),
            format!("{} opened a scouting brief your firm fits: {}", name.en, title(&b.title_en, &b.title_zh)),
        ),
        link: format!("/briefs/{}", b.slug),
    };
    crate::notifications::repo::notify(db, mail, &people, &notice).await?;
    Ok(firms.len())
}

/// `actor`'s manufacturers (which they may edit) that have no published profile yet.
///
/// # Errors
/// On a database failure.
pub async fn unpublished_firms<C: ConnectionTrait>(db: &C, actor: &CurrentUser) -> Result<Vec<Named>, AppError> {
    let places = places(db, actor).await?;
    let editable: Vec<i32> = places.iter().filter(|(_, role)| role.edits()).map(|(id, _)| *id).collect();
    if editable.is_empty() {
        return Ok(Vec::new());
    }
    let published: Vec<i32> = own_suppliers(db, actor).await?.into_iter().map(|p| p.organisation_id).collect();
    Ok(organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(editable))
        .filter(organisation::Column::Kind.eq(OrgKind::Manufacturer.code()))
        .order_by_asc(organisation::Column::Slug)
        .all(db)
        .await?
        .iter()
        .filter(|o| !published.contains(&o.id))
        .map(crate::read::named_org)
        .collect())
}
