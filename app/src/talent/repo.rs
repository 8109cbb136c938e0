//! Talent programs in the database: saving them with the organisations
//! taking part, and reading them for lists, pages and the form.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::accounts::types::CurrentUser;
use crate::entities::{graduate_profile, organisation, talent_program, talent_program_company};
use crate::error::AppError;
use crate::i18n::Bilingual;
use crate::orgs::types::OrgKind;
use crate::read::named_org;
use crate::suppliers::types::Language;
use crate::talent::policy::{self, COMPANY_KINDS, ORGANISER_KINDS};
use crate::talent::types::*;

fn day_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn day_of(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
}

pub fn eligibility_of(row: &talent_program::Model) -> ProgramEligibility {
    serde_json::from_str(&row.eligibility).unwrap_or_default()
}

pub fn belt_slugs_of(row: &talent_program::Model) -> Vec<String> {
    serde_json::from_str(&row.belt_slugs).unwrap_or_default()
}

pub fn languages_of(row: &talent_program::Model) -> Vec<Language> {
    let codes: Vec<String> = serde_json::from_str(&row.instruction_languages).unwrap_or_default();
    codes.iter().filter_map(|c| Language::from_code(c)).collect()
}

pub fn data_of(row: &talent_program::Model, company_slugs: Vec<String>) -> ProgramData {
    ProgramData {
        kind: ProgramKind::from_code(&row.kind).unwrap_or(ProgramKind::TrainingCamp),
        title: Bilingual::new(&row.title_zh, &row.title_en),
        summary: Bilingual::new(&row.summary_zh, &row.summary_en),
        province: row.province.clone(),
        city: Bilingual::new(&row.city_zh, &row.city_en),
        venue: Bilingual::new(&row.venue_zh, &row.venue_en),
        starts_on: day_text(row.starts_on),
        ends_on: day_text(row.ends_on),
        applications_close: day_text(row.applications_close),
        seats: row.seats.map(|n| n.max(0) as u32),
        cost: Bilingual::new(&row.cost_zh, &row.cost_en),
        subsidised: row.subsidised,
        curriculum: Bilingual::new(&row.curriculum_zh, &row.curriculum_en),
        instruction_languages: languages_of(row),
        belt_slugs: belt_slugs_of(row),
        company_slugs,
        eligibility: eligibility_of(row),
    }
}

/// Taking applications on `today` (China): the last day to apply has not passed.
pub fn is_open(row: &talent_program::Model, today: NaiveDate) -> bool {
    row.applications_close >= today
}

/// A program's card; `organisers` by id, seats `held` by program id.
pub fn card_of(
    row: &talent_program::Model,
    organisers: &HashMap<i32, organisation::Model>,
    held: &HashMap<i32, u32>,
    today: NaiveDate,
) -> ProgramCard {
    let seats = row.seats.map(|n| n.max(0) as u32);
    ProgramCard {
        slug: row.slug.clone(),
        kind: ProgramKind::from_code(&row.kind).unwrap_or(ProgramKind::TrainingCamp),
        title: Bilingual::new(&row.title_zh, &row.title_en),
        organiser: organisers
            .get(&row.organiser_id)
            .map(named_org)
            .unwrap_or_else(|| crate::scouting::types::Named { slug: String::new(), name: Bilingual::default() }),
        city: Bilingual::new(&row.city_zh, &row.city_en),
        starts_on: day_text(row.starts_on),
        ends_on: day_text(row.ends_on),
        applications_close: day_text(row.applications_close),
        seats,
        seats_left: crate::talent::applications::seats_left(seats, held.get(&row.id).copied().unwrap_or(0)),
        subsidised: row.subsidised,
        is_open: is_open(row, today),
        is_demo: row.is_demo,
    }
}

/// The organisers of these programs, by id.
pub async fn organisers<'a, C: ConnectionTrait>(
    db: &C,
    rows: impl IntoIterator<Item = &'a talent_program::Model>,
) -> Result<HashMap<i32, organisation::Model>, AppError> {
    let ids: Vec<i32> = rows.into_iter().map(|r| r.organiser_id).collect();
    Ok(crate::read::organisations_by_ids(db, &ids).await?.into_iter().map(|o| (o.id, o)).collect())
}

pub async fn by_slug<C: ConnectionTrait>(db: &C, slug: &str) -> Result<talent_program::Model, AppError> {
    talent_program::Entity::find().filter(talent_program::Column::Slug.eq(slug)).one(db).await?.ok_or(AppError::NotFound)
}

/// Every program whose organiser is not hidden, soonest first.
pub async fn all_listed<C: ConnectionTrait>(db: &C) -> Result<Vec<talent_program::Model>, AppError> {
    let rows = talent_program::Entity::find()
        .filter(crate::search::document::searchable(crate::changes::EntityKind::TalentProgram))
        .order_by_asc(talent_program::Column::StartsOn)
        .order_by_desc(talent_program::Column::Id)
        .all(db)
        .await?;
    Ok(rows)
}

/// The organisations taking part in a program, in the order given.
pub async fn companies_of<C: ConnectionTrait>(db: &C, program_id: i32) -> Result<Vec<organisation::Model>, AppError> {
    let links = talent_program_company::Entity::find()
        .filter(talent_program_company::Column::ProgramId.eq(program_id))
        .order_by_asc(talent_program_company::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i32> = links.iter().map(|l| l.organisation_id).collect();
    let mut found: HashMap<i32, organisation::Model> =
        crate::read::organisations_by_ids(db, &ids).await?.into_iter().map(|o| (o.id, o)).collect();
    Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
}

/// Of these slugs, the organisations that exist and may take part in a
/// program (manufacturers, service providers, platforms), and are not hidden.
pub async fn companies_by_slugs<C: ConnectionTrait>(db: &C, slugs: &[String]) -> Result<Vec<organisation::Model>, AppError> {
    if slugs.is_empty() {
        return Ok(Vec::new());
    }
    let found = organisation::Entity::find()
        .filter(organisation::Column::Slug.is_in(slugs.iter().cloned()))
        .filter(organisation::Column::Kind.is_in(COMPANY_KINDS.iter().map(|k| k.code())))
        .filter(organisation::Column::HiddenAt.is_null())
        .all(db)
        .await?;
    Ok(slugs.iter().filter_map(|slug| found.iter().find(|o| &o.slug == slug).cloned()).collect())
}

/// The organisations `actor` may publish programs for.
pub async fn managed_organisers<C: ConnectionTrait>(db: &C, actor: &CurrentUser) -> Result<Vec<organisation::Model>, AppError> {
    let mut query = organisation::Entity::find()
        .filter(organisation::Column::Kind.is_in(ORGANISER_KINDS.iter().map(|k| k.code())))
        .filter(organisation::Column::HiddenAt.is_null())
        .order_by_asc(organisation::Column::Slug);
    if actor.role != crate::accounts::types::Role::SiteAdmin {
        let places = crate::read::active_places(db, actor.id).await?;
        query = query.filter(organisation::Column::Id.is_in(places.iter().filter(|(_, r)| r.edits()).map(|(id, _)| *id)));
    }
    let mut found = Vec::new();
    for org in query.all(db).await? {
        let Some(kind) = OrgKind::from_code(&org.kind) else { continue };
        let permissions = crate::orgs::repo::permissions(db, Some(actor), &org).await?;
        if policy::may_organise_for(kind, &permissions) {
            found.push(org);
        }
    }
    Ok(found)
}

/// Saves a program (a new one when `existing` is `None`) for `organiser` by
/// `user_id` (`None`: the seed) with `companies` taking part, queues it for
/// search, and returns its row.
#[allow(clippy::too_many_arguments)]
pub async fn save_in<C: ConnectionTrait>(
    txn: &C,
    organiser: &organisation::Model,
    user_id: Option<i32>,
    existing: Option<&talent_program::Model>,
    data: &ProgramData,
    companies: &[organisation::Model],
    is_demo: bool,
    now: DateTime<Utc>,
) -> Result<talent_program::Model, AppError> {
    let mut active: talent_program::ActiveModel = match existing {
        Some(row) => row.clone().into(),
        None => talent_program::ActiveModel {
            slug: Set(format!("program-{}", now.timestamp_nanos_opt().unwrap_or_default())),
            organiser_id: Set(organiser.id),
            created_by: Set(user_id),
            created_at: Set(now),
            ..Default::default()
        },
    };
    let json = |value: serde_json::Result<String>| value.unwrap_or_else(|_| "[]".into());
    active.kind = Set(data.kind.code().to_string());
    active.title_zh = Set(data.title.zh.clone());
    active.title_en = Set(data.title.en.clone());
    active.summary_zh = Set(data.summary.zh.clone());
    active.summary_en = Set(data.summary.en.clone());
    active.province = Set(data.province.clone());
    active.city_zh = Set(data.city.zh.clone());
    active.city_en = Set(data.city.en.clone());
    active.venue_zh = Set(data.venue.zh.clone());
    active.venue_en = Set(data.venue.en.clone());
    active.starts_on = Set(day_of(&data.starts_on));
    active.ends_on = Set(day_of(&data.ends_on));
    active.applications_close = Set(day_of(&data.applications_close));
    active.seats = Set(data.seats.map(|n| n as i32));
    active.cost_zh = Set(data.cost.zh.clone());
    active.cost_en = Set(data.cost.en.clone());
    active.subsidised = Set(data.subsidised);
    active.curriculum_zh = Set(data.curriculum.zh.clone());
    active.curriculum_en = Set(data.curriculum.en.clone());
    active.instruction_languages =
        Set(json(serde_json::to_string(&data.instruction_languages.iter().map(|l| l.code()).collect::<Vec<_>>())));
    active.belt_slugs = Set(json(serde_json::to_string(&data.belt_slugs)));
    active.eligibility = Set(serde_json::to_string(&data.eligibility).unwrap_or_else(|_| "{}".into()));
    active.is_demo = Set(is_demo);
    active.updated_at = Set(now);
    let saved = active.save(txn).await?;
    let id = saved.id.clone().unwrap();
    if existing.is_none() {
        talent_program::Entity::update_many()
            .col_expr(talent_program::Column::Slug, Expr::value(crate::orgs::rules::titled_slug(&data.title, "program", id)))
            .filter(talent_program::Column::Id.eq(id))
            .exec(txn)
            .await?;
    }
    talent_program_company::Entity::delete_many().filter(talent_program_company::Column::ProgramId.eq(id)).exec(txn).await?;
    for company in companies {
        talent_program_company::ActiveModel { program_id: Set(id), organisation_id: Set(company.id), ..Default::default() }
            .insert(txn)
            .await?;
    }
    crate::changes::enqueue(txn, crate::changes::EntityKind::TalentProgram, id).await?;
    talent_program::Entity::find_by_id(id).one(txn).await?.ok_or(AppError::NotFound)
}

/// A demo program by its English title.
pub async fn find_demo<C: ConnectionTrait>(db: &C, title_en: &str) -> Result<Option<talent_program::Model>, AppError> {
    Ok(talent_program::Entity::find()
        .filter(talent_program::Column::TitleEn.eq(title_en))
        .filter(talent_program::Column::IsDemo.eq(true))
        .one(db)
        .await?)
}

/// The profile `user_id` keeps, if any.
pub async fn graduate_of<C: ConnectionTrait>(db: &C, user_id: i32) -> Result<Option<GraduateProfileData>, AppError> {
    let row = graduate_profile::Entity::find().filter(graduate_profile::Column::UserId.eq(user_id)).one(db).await?;
    Ok(row.as_ref().map(graduate_data_of))
}

pub fn graduate_data_of(row: &graduate_profile::Model) -> GraduateProfileData {
    let kinds: Vec<String> = serde_json::from_str(&row.preferred_kinds).unwrap_or_default();
    GraduateProfileData {
        school: row.school.clone(),
        major: row.major.as_deref().and_then(Major::from_code),
        graduation_year: row.graduation_year,
        province: row.province.clone(),
        languages: serde_json::from_str(&row.languages).unwrap_or_default(),
        skills: row.skills.clone(),
        preferred_cities: serde_json::from_str(&row.preferred_cities).unwrap_or_default(),
        preferred_belts: serde_json::from_str(&row.preferred_belts).unwrap_or_default(),
        preferred_kinds: kinds.iter().filter_map(|k| ProgramKind::from_code(k)).collect(),
        statement: row.statement.clone(),
    }
}

/// Saves `user_id`'s profile (creating it the first time).
pub async fn save_graduate<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    data: &GraduateProfileData,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let existing = graduate_profile::Entity::find().filter(graduate_profile::Column::UserId.eq(user_id)).one(db).await?;
    let mut active: graduate_profile::ActiveModel = match existing {
        Some(row) => row.into(),
        None => graduate_profile::ActiveModel { user_id: Set(user_id), created_at: Set(now), ..Default::default() },
    };
    let json = |value: serde_json::Result<String>| value.unwrap_or_else(|_| "[]".into());
    active.school = Set(data.school.clone());
    active.major = Set(data.major.map(|m| m.code().to_string()));
    active.graduation_year = Set(data.graduation_year);
    active.province = Set(data.province.clone());
    active.languages = Set(json(serde_json::to_string(&data.languages)));
    active.skills = Set(data.skills.clone());
    active.preferred_cities = Set(json(serde_json::to_string(&data.preferred_cities)));
    active.preferred_belts = Set(json(serde_json::to_string(&data.preferred_belts)));
    active.preferred_kinds = Set(json(serde_json::to_string(&data.preferred_kinds.iter().map(|k| k.code()).collect::<Vec<_>>())));
    active.statement = Set(data.statement.clone());
    active.updated_at = Set(now);
    active.save(db).await?;
    Ok(())
}

/// What the ranking knows of a program row; seats `held` by program id.
pub fn program_facts(row: &talent_program::Model, held: &HashMap<i32, u32>) -> ProgramFacts {
    ProgramFacts {
        kind: ProgramKind::from_code(&row.kind).unwrap_or(ProgramKind::TrainingCamp),
        city: Bilingual::new(&row.city_zh, &row.city_en),
        belt_slugs: belt_slugs_of(row),
        starts_on: day_text(row.starts_on),
        applications_close: day_text(row.applications_close),
        seats_left: crate::talent::applications::seats_left(row.seats.map(|n| n.max(0) as u32), held.get(&row.id).copied().unwrap_or(0)),
        subsidised: row.subsidised,
        requirements: crate::talent::matching::requirements(&eligibility_of(row)),
    }
}

/// The open programs ranked for `profile` on `today`, with the reasons and
/// what each would need.
pub async fn for_you<C: ConnectionTrait>(db: &C, profile: &GraduateProfileData, today: NaiveDate) -> Result<Vec<ForYouItem>, AppError> {
    let rows = all_listed(db).await?;
    let held = crate::talent::application_repo::held_seats(db, &rows.iter().map(|r| r.id).collect::<Vec<_>>(), Utc::now()).await?;
    let facts: Vec<ProgramFacts> = rows.iter().map(|r| program_facts(r, &held)).collect();
    let graduate = profile.facts();
    let ranked = crate::talent::matching::for_you(&facts, &graduate, &day_text(today));
    let organisers = organisers(db, ranked.iter().map(|r| &rows[r.index])).await?;
    Ok(ranked
        .into_iter()
        .map(|r| ForYouItem {
            card: card_of(&rows[r.index], &organisers, &held, today),
            eligible: r.eligible,
            reasons: r.reasons,
            missing: r
                .missing
                .iter()
                .map(|m| {
                    (
                        Bilingual::each(|lang| crate::talent::texts::requirement_text(m, lang)),
                        Bilingual::each(|lang| crate::talent::texts::yours_text(m, profile, lang)),
                    )
                })
                .collect(),
        })
        .collect())
}
