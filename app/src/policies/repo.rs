//! Policy notices in the database; the facts the eligibility engine judges,
//! read for one organisation or for all at once; and telling organisations
//! a notice fits them.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::entities::{
    belt, belt_organisation, category, membership, organisation, policy_notice, policy_notice_match, supply_profile,
    supply_profile_category,
};
use crate::error::AppError;
use crate::i18n::Bilingual;
use crate::orgs::types::OrgKind;
use crate::policies::eligibility;
use crate::policies::texts::{self, region_text};
use crate::policies::types::*;
use crate::read::named_org;
use crate::readiness::texts::Names;

/// How many days ahead the account page looks for deadlines.
pub const DEADLINE_HORIZON_DAYS: i64 = 30;

pub fn data_of(row: &policy_notice::Model) -> NoticeData {
    NoticeData {
        title: Bilingual::new(&row.title_zh, &row.title_en),
        issuer: Bilingual::new(&row.issuer_zh, &row.issuer_en),
        summary: Bilingual::new(&row.summary_zh, &row.summary_en),
        benefit: Benefit::from_code(&row.benefit),
        amount: Bilingual::new(&row.amount_zh, &row.amount_en),
        deadline: row.deadline.map(|d| d.format("%Y-%m-%d").to_string()),
        source_url: row.source_url.clone(),
        eligibility: eligibility_of(row),
    }
}

pub fn eligibility_of(row: &policy_notice::Model) -> Eligibility {
    serde_json::from_str(&row.eligibility).unwrap_or_default()
}

/// Open on `today` (China): no deadline, or not passed.
pub fn is_open(row: &policy_notice::Model, today: NaiveDate) -> bool {
    row.deadline.is_none_or(|d| d >= today)
}

/// A notice's card; `publishers` by id.
pub fn card_of(row: &policy_notice::Model, publishers: &HashMap<i32, organisation::Model>, today: NaiveDate) -> NoticeCard {
    let e = eligibility_of(row);
    NoticeCard {
        slug: row.slug.clone(),
        title: Bilingual::new(&row.title_zh, &row.title_en),
        issuer: Bilingual::new(&row.issuer_zh, &row.issuer_en),
        benefit: Benefit::from_code(&row.benefit),
        amount: Bilingual::new(&row.amount_zh, &row.amount_en),
        deadline: row.deadline.map(|d| d.format("%Y-%m-%d").to_string()),
        region: Bilingual::each(|lang| region_text(e.province.as_deref(), &e.city, lang)),
        is_open: is_open(row, today),
        is_demo: row.is_demo,
        published_by: row.publisher_id.and_then(|id| publishers.get(&id)).map(named_org),
    }
}

/// The publishers of these notices, by id.
pub async fn publishers<C: ConnectionTrait>(db: &C, rows: &[policy_notice::Model]) -> Result<HashMap<i32, organisation::Model>, AppError> {
    let ids: Vec<i32> = rows.iter().filter_map(|r| r.publisher_id).collect();
    Ok(crate::read::organisations_by_ids(db, &ids).await?.into_iter().map(|o| (o.id, o)).collect())
}

pub async fn by_slug<C: ConnectionTrait>(db: &C, slug: &str) -> Result<policy_notice::Model, AppError> {
    policy_notice::Entity::find().filter(policy_notice::Column::Slug.eq(slug)).one(db).await?.ok_or(AppError::NotFound)
}

/// Every notice, soonest deadline first (open-ended last).
pub async fn all<C: ConnectionTrait>(db: &C) -> Result<Vec<policy_notice::Model>, AppError> {
    let mut rows = policy_notice::Entity::find().all(db).await?;
    rows.sort_by(|a, b| a.deadline.is_none().cmp(&b.deadline.is_none()).then(a.deadline.cmp(&b.deadline)).then(b.id.cmp(&a.id)));
    Ok(rows)
}

/// Saves a notice (a new one when `existing` is `None`) for `publisher`
/// (`None`: Beltlink) by `user_id` (`None`: the seed), and returns its row.
#[allow(clippy::too_many_arguments)]
pub async fn save_in<C: ConnectionTrait>(
    txn: &C,
    publisher: Option<&organisation::Model>,
    user_id: Option<i32>,
    existing: Option<&policy_notice::Model>,
    data: &NoticeData,
    is_demo: bool,
    now: DateTime<Utc>,
) -> Result<policy_notice::Model, AppError> {
    let mut active: policy_notice::ActiveModel = match existing {
        Some(row) => row.clone().into(),
        None => policy_notice::ActiveModel {
            slug: Set(format!("notice-{}", now.timestamp_nanos_opt().unwrap_or_default())),
            publisher_id: Set(publisher.map(|p| p.id)),
            created_by: Set(user_id),
            created_at: Set(now),
            ..Default::default()
        },
    };
    active.title_zh = Set(data.title.zh.clone());
    active.title_en = Set(data.title.en.clone());
    active.issuer_zh = Set(data.issuer.zh.clone());
    active.issuer_en = Set(data.issuer.en.clone());
    active.summary_zh = Set(data.summary.zh.clone());
    active.summary_en = Set(data.summary.en.clone());
    active.benefit = Set(data.benefit.map(|b| b.code()).unwrap_or(Benefit::Other.code()).to_string());
    active.amount_zh = Set(data.amount.zh.clone());
    active.amount_en = Set(data.amount.en.clone());
    active.deadline = Set(data.deadline.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()));
    active.source_url = Set(data.source_url.clone());
    active.province = Set(data.eligibility.province.clone());
    active.eligibility = Set(serde_json::to_string(&data.eligibility).unwrap_or_else(|_| "{}".into()));
    active.is_demo = Set(is_demo);
    active.updated_at = Set(now);
    let saved = active.save(txn).await?;
    let id = saved.id.clone().unwrap();
    if existing.is_none() {
        policy_notice::Entity::update_many()
            .col_expr(policy_notice::Column::Slug, Expr::value(crate::orgs::rules::titled_slug(&data.title, "notice", id)))
            .filter(policy_notice::Column::Id.eq(id))
            .exec(txn)
            .await?;
    }
    crate::changes::enqueue(txn, crate::changes::EntityKind::PolicyNotice, id).await?;
    policy_notice::Entity::find_by_id(id).one(txn).await?.ok_or(AppError::NotFound)
}

/// A demo notice by its English title.
pub async fn find_demo<C: ConnectionTrait>(db: &C, title_en: &str) -> Result<Option<policy_notice::Model>, AppError> {
    Ok(policy_notice::Entity::find()
        .filter(policy_notice::Column::TitleEn.eq(title_en))
        .filter(policy_notice::Column::IsDemo.eq(true))
        .one(db)
        .await?)
}

/// Category and belt names by slug.
pub async fn names<C: ConnectionTrait>(db: &C) -> Result<(Names, Names), AppError> {
    let by_slug = |refs: Vec<crate::belts::types::CategoryRef>| refs.into_iter().map(|c| (c.slug, c.name)).collect::<Names>();
    Ok((by_slug(crate::read::all_categories(db).await?), by_slug(crate::read::all_belts(db).await?)))
}

fn profile_facts(row: &supply_profile::Model, category_slugs: Vec<String>) -> ProfileFacts {
    let data = crate::read::profile_data(row, category_slugs);
    ProfileFacts {
        category_slugs: data.category_slugs,
        annual_sales: data.annual_sales,
        overseas_warehouse: data.overseas_warehouse,
        export_markets: data.export_markets,
        exporting_since: data.exporting_since,
    }
}

fn org_facts(org: &organisation::Model, kind: OrgKind, belt_slugs: Vec<String>, profile: Option<ProfileFacts>) -> OrgFacts {
    OrgFacts {
        kind,
        province: org.province.clone().filter(|p| !p.is_empty()),
        city: Bilingual::new(org.city_zh.clone().unwrap_or_default(), org.city_en.clone().unwrap_or_default()),
        verified: org.verified_at.is_some(),
        belt_slugs,
        profile,
    }
}

/// The facts notices are judged on for one organisation (`None`: a kind notices are not for).
pub async fn facts_of<C: ConnectionTrait>(db: &C, org: &organisation::Model) -> Result<Option<OrgFacts>, AppError> {
    let Some(kind) = OrgKind::from_code(&org.kind).filter(|k| crate::policies::rules::KINDS.contains(k)) else { return Ok(None) };
    let profile = match crate::read::supply_profile_of(db, org.id).await? {
        Some(row) => Some(profile_facts(&row, crate::read::category_slugs(db, row.id).await?)),
        None => None,
    };
    let links = belt_organisation::Entity::find().filter(belt_organisation::Column::OrganisationId.eq(org.id)).all(db).await?;
    let belts = crate::read::belts_by_owner(db, links.iter().map(|l| (org.id, l.belt_id))).await?;
    let belt_slugs = belts.get(&org.id).map(|b| b.iter().map(|b| b.slug.clone()).collect()).unwrap_or_default();
    Ok(Some(org_facts(org, kind, belt_slugs, profile)))
}

/// The facts of every listed manufacturer and service provider, read in a
/// handful of whole-table queries (no per-organisation round trips).
pub async fn all_facts<C: ConnectionTrait>(db: &C) -> Result<Vec<(i32, OrgFacts)>, AppError> {
    let orgs = organisation::Entity::find()
        .filter(organisation::Column::Kind.is_in(crate::policies::rules::KINDS.iter().map(|k| k.code())))
        .filter(organisation::Column::HiddenAt.is_null())
        .filter(organisation::Column::MergedInto.is_null())
        .all(db)
        .await?;
    let category_slugs: HashMap<i32, String> = category::Entity::find().all(db).await?.into_iter().map(|c| (c.id, c.slug)).collect();
    let belt_slugs: HashMap<i32, String> = belt::Entity::find().all(db).await?.into_iter().map(|b| (b.id, b.slug)).collect();
    let mut categories_of: HashMap<i32, Vec<String>> = HashMap::new();
    for link in supply_profile_category::Entity::find().all(db).await? {
        if let Some(slug) = category_slugs.get(&link.category_id) {
            categories_of.entry(link.profile_id).or_default().push(slug.clone());
        }
    }
    let mut profiles: HashMap<i32, ProfileFacts> = HashMap::new();
    for row in supply_profile::Entity::find().all(db).await? {
        let mut slugs = categories_of.remove(&row.id).unwrap_or_default();
        slugs.sort();
        profiles.insert(row.organisation_id, profile_facts(&row, slugs));
    }
    let mut belts_of: HashMap<i32, Vec<String>> = HashMap::new();
    for link in belt_organisation::Entity::find().all(db).await? {
        if let Some(slug) = belt_slugs.get(&link.belt_id) {
            belts_of.entry(link.organisation_id).or_default().push(slug.clone());
        }
    }
    Ok(orgs
        .iter()
        .filter_map(|org| {
            let kind = OrgKind::from_code(&org.kind)?;
            Some((org.id, org_facts(org, kind, belts_of.remove(&org.id).unwrap_or_default(), profiles.remove(&org.id))))
        })
        .collect())
}

/// Tells the people of every organisation that qualifies for `row` and was
/// not told before (in-app, and by email for those who want it), and
/// remembers them. Call in the transaction that saves the notice. Returns
/// how many organisations were told.
pub async fn tell_matches<C: ConnectionTrait>(
    txn: &C,
    mail: &crate::state::MailSettings,
    row: &policy_notice::Model,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let today = crate::scouting::rules::china_today(now);
    if !is_open(row, today) {
        return Ok(0);
    }
    let rules = eligibility::rules(&eligibility_of(row));
    let this_year = crate::clock::year_in_china(now);
    let told: std::collections::HashSet<i32> = policy_notice_match::Entity::find()
        .filter(policy_notice_match::Column::NoticeId.eq(row.id))
        .all(txn)
        .await?
        .into_iter()
        .map(|m| m.organisation_id)
        .collect();
    let fresh: Vec<i32> = all_facts(txn)
        .await?
        .into_iter()
        .filter(|(id, facts)| !told.contains(id) && eligibility::fit(&rules, facts, this_year) == Fit::Qualifies)
        .map(|(id, _)| id)
        .collect();
    if fresh.is_empty() {
        return Ok(0);
    }
    for chunk in fresh.chunks(500) {
        policy_notice_match::Entity::insert_many(chunk.iter().map(|&organisation_id| policy_notice_match::ActiveModel {
            notice_id: Set(row.id),
            organisation_id: Set(organisation_id),
            told_at: Set(now),
            ..Default::default()
        }))
        .exec(txn)
        .await?;
    }
    let mut people = Vec::new();
    for chunk in fresh.chunks(500) {
        let found: Vec<i32> = membership::Entity::find()
            .filter(membership::Column::OrganisationId.is_in(chunk.iter().copied()))
            .filter(membership::Column::Status.eq(crate::accounts::types::MembershipStatus::Active.code()))
            .all(txn)
            .await?
            .into_iter()
            .map(|m| m.user_id)
            .collect();
        people.extend(found);
    }
    let title = |own: &str, other: &str| if own.is_empty() { other.to_string() } else { own.to_string() };
    let notice = crate::notifications::repo::Notice {
        kind: crate::notifications::types::NotificationKind::PolicyFits,
        title: Bilingual::new(
            format!("有一条贵机构符合条件的政策：{}", title(&row.title_zh, &row.title_en)),
            format!("A policy notice your organisation qualifies for: {}", title(&row.title_en, &row.title_zh)),
        ),
        link: format!("/policies/{}", row.slug),
    };
    crate::notifications::repo::notify(txn, mail, &people, &notice).await?;
    Ok(fresh.len())
}

/// Every rule of `rules` in words, judged against `facts` when given.
pub fn rule_views(rules: &[Rule], facts: Option<&OrgFacts>, names: &(Names, Names), this_year: i32) -> Vec<RuleView> {
    let (categories, belts) = names;
    rules
        .iter()
        .map(|rule| RuleView {
            rule: rule.clone(),
            text: Bilingual::each(|lang| texts::rule_text(rule, categories, belts, lang)),
            judged: facts.map(|f| eligibility::judge(rule, f, this_year)),
            yours: facts.map(|f| Bilingual::each(|lang| texts::yours_text(rule, f, categories, belts, lang))).unwrap_or_default(),
        })
        .collect()
}

/// The manufacturers and service providers `user_id` works for (active in their team), by slug.
pub async fn firms_of<C: ConnectionTrait>(db: &C, user_id: i32) -> Result<Vec<organisation::Model>, AppError> {
    let places = crate::read::active_places(db, user_id).await?;
    Ok(organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(places.keys().copied()))
        .filter(organisation::Column::Kind.is_in(crate::policies::rules::KINDS.iter().map(|k| k.code())))
        .order_by_asc(organisation::Column::Slug)
        .all(db)
        .await?)
}

/// `/policies/for-me` for `firm`, one of `firms`.
pub async fn for_me<C: ConnectionTrait>(
    db: &C,
    firms: &[organisation::Model],
    firm: Option<&organisation::Model>,
    now: DateTime<Utc>,
) -> Result<ForMe, AppError> {
    let mut page = ForMe {
        firms: firms.iter().map(named_org).collect(),
        firm: firm.map(named_org),
        firm_kind: firm.and_then(|f| OrgKind::from_code(&f.kind)),
        has_profile: false,
        qualifies: Vec::new(),
        nearly: Vec::new(),
    };
    let Some(firm) = firm else { return Ok(page) };
    let Some(facts) = facts_of(db, firm).await? else { return Ok(page) };
    page.has_profile = facts.profile.is_some();
    let today = crate::scouting::rules::china_today(now);
    let this_year = crate::clock::year_in_china(now);
    let rows: Vec<policy_notice::Model> = all(db).await?.into_iter().filter(|r| is_open(r, today)).collect();
    let publishers = publishers(db, &rows).await?;
    let names = names(db).await?;
    for row in &rows {
        let rules = eligibility::rules(&eligibility_of(row));
        let fit = eligibility::fit(&rules, &facts, this_year);
        if fit == Fit::Not {
            continue;
        }
        let views = rule_views(&rules, Some(&facts), &names, this_year);
        let (met, missing): (Vec<RuleView>, Vec<RuleView>) = views.into_iter().partition(|v| v.judged == Some(Judged::Met));
        let found = Match { card: card_of(row, &publishers, today), fit, reasons: met.into_iter().map(|v| v.text).collect(), missing };
        match fit {
            Fit::Qualifies => page.qualifies.push(found),
            _ => page.nearly.push(found),
        }
    }
    for list in [&mut page.qualifies, &mut page.nearly] {
        eligibility::soonest_first(list, |m| (m.card.deadline.as_deref(), m.card.slug.as_str()));
    }
    Ok(page)
}

/// Open notices closing within `DEADLINE_HORIZON_DAYS` that one of
/// `user_id`'s organisations qualifies for, soonest first.
pub async fn deadlines<C: ConnectionTrait>(db: &C, user_id: i32, now: DateTime<Utc>) -> Result<Vec<Deadline>, AppError> {
    let today = crate::scouting::rules::china_today(now);
    let horizon = today + chrono::Duration::days(DEADLINE_HORIZON_DAYS);
    let firms = firms_of(db, user_id).await?;
    if firms.is_empty() {
        return Ok(Vec::new());
    }
    let rows = policy_notice::Entity::find()
        .filter(policy_notice::Column::Deadline.gte(today))
        .filter(policy_notice::Column::Deadline.lte(horizon))
        .order_by_asc(policy_notice::Column::Deadline)
        .all(db)
        .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let publishers = publishers(db, &rows).await?;
    let this_year = crate::clock::year_in_china(now);
    let mut found = Vec::new();
    for firm in &firms {
        let Some(facts) = facts_of(db, firm).await? else { continue };
        for row in &rows {
            if eligibility::fit(&eligibility::rules(&eligibility_of(row)), &facts, this_year) == Fit::Qualifies {
                let days_left = row.deadline.map_or(0, |d| (d - today).num_days());
                found.push(Deadline { card: card_of(row, &publishers, today), firm: named_org(firm), days_left });
            }
        }
    }
    found.sort_by(|a, b| a.days_left.cmp(&b.days_left).then(a.card.slug.cmp(&b.card.slug)));
    Ok(found)
}
