//! Events and their registrations in the database: saving, listing, the
//! event page, registering, withdrawing and the waitlist moving up, with
//! the registered firms told of what concerns them. Server only.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::accounts::types::CurrentUser;
use crate::belts::types::CategoryRef;
use crate::changes::{enqueue, EntityKind};
use crate::entities::{belt, event, event_registration, organisation};
use crate::error::AppError;
use crate::events::rules;
use crate::events::timetable::{self, Break};
use crate::events::types::*;
use crate::i18n::Bilingual;
use crate::notifications::repo::{notify, Notice};
use crate::notifications::types::NotificationKind;
use crate::orgs::types::OrgKind;
use crate::read::named_org;
use crate::readiness::texts::Names;
use crate::state::MailSettings;

/// The most events a list shows of each kind.
pub const LISTED: u64 = 100;

pub async fn by_slug<C: ConnectionTrait>(db: &C, slug: &str) -> Result<event::Model, AppError> {
    event::Entity::find().filter(event::Column::Slug.eq(slug.trim())).one(db).await?.ok_or(AppError::NotFound)
}

pub fn status_of(row: &event::Model) -> EventStatus {
    EventStatus::from_code(&row.status).unwrap_or(EventStatus::Draft)
}

fn criteria_of(stored: &str) -> SideCriteria {
    serde_json::from_str(stored).unwrap_or_default()
}

fn time(stored: &str) -> chrono::NaiveTime {
    rules::time_of_day(stored).unwrap_or_default()
}

fn breaks_of(row: &event::Model) -> Vec<Break> {
    rules::parse_breaks(&row.breaks).unwrap_or_default()
}

/// The event's meeting slots as saved (a saved event always has some).
pub fn slots_of(row: &event::Model) -> Vec<timetable::Slot> {
    timetable::slots(time(&row.starts_at), time(&row.ends_at), row.slot_minutes as u32, &breaks_of(row)).unwrap_or_default()
}

/// The day's start and end, China time.
pub fn day_hours(row: &event::Model) -> (chrono::NaiveTime, chrono::NaiveTime) {
    (time(&row.starts_at), time(&row.ends_at))
}

/// A saved event as its form's data.
pub async fn data_of<C: ConnectionTrait>(db: &C, row: &event::Model) -> Result<EventData, AppError> {
    let platform = match row.platform_id {
        Some(id) => Some(crate::read::organisation_by_id(db, id).await?.slug),
        None => None,
    };
    let belt = match row.belt_id {
        Some(id) => belt::Entity::find_by_id(id).one(db).await?.map(|b| b.slug),
        None => None,
    };
    let seats = |n: Option<i32>| n.map(|n| n.max(0) as u32);
    Ok(EventData {
        platform,
        belt,
        title: Bilingual::new(&row.title_zh, &row.title_en),
        description: Bilingual::new(&row.description_zh, &row.description_en),
        venue: Bilingual::new(&row.venue_zh, &row.venue_en),
        city: Bilingual::new(&row.city_zh, &row.city_en),
        position: row.latitude.zip(row.longitude),
        day: row.day,
        starts_at: time(&row.starts_at),
        ends_at: time(&row.ends_at),
        slot_minutes: row.slot_minutes as u32,
        breaks: breaks_of(row),
        tables: row.tables as u32,
        registration_opens: row.registration_opens,
        registration_closes: row.registration_closes,
        supplier_seats: seats(row.supplier_seats),
        buyer_seats: seats(row.buyer_seats),
        supplier_criteria: criteria_of(&row.supplier_criteria),
        buyer_criteria: criteria_of(&row.buyer_criteria),
    })
}

/// The side's criteria and seats of a saved event.
pub fn side_terms(row: &event::Model, side: Side) -> (SideCriteria, Option<u32>) {
    let (criteria, seats) = match side {
        Side::Supplier => (&row.supplier_criteria, row.supplier_seats),
        Side::Buyer => (&row.buyer_criteria, row.buyer_seats),
    };
    (criteria_of(criteria), seats.map(|n| n.max(0) as u32))
}

/// The associations `actor` may run events for (`events::policy::may_manage`), by slug.
pub async fn managed_associations<C: ConnectionTrait>(db: &C, actor: &CurrentUser) -> Result<Vec<organisation::Model>, AppError> {
    let mut query = organisation::Entity::find()
        .filter(organisation::Column::Kind.eq(OrgKind::Association.code()))
        .filter(organisation::Column::ApprovedAt.is_not_null())
        .order_by_asc(organisation::Column::Slug);
    if actor.role != crate::accounts::types::Role::SiteAdmin {
        let places = crate::read::active_places(db, actor.id).await?;
        query = query.filter(organisation::Column::Id.is_in(places.iter().filter(|(_, r)| r.edits()).map(|(id, _)| *id)));
    }
    let mut found = Vec::new();
    for association in query.all(db).await? {
        let permissions = crate::orgs::repo::permissions(db, Some(actor), &association).await?;
        if crate::events::policy::may_manage(&permissions) {
            found.push(association);
        }
    }
    Ok(found)
}

/// Saves an event for `association` (a new one when `existing` is `None`),
/// queues it for search, and returns its slug. A new event is a draft.
/// `platform_id` and `belt_id` are what the data's slugs name.
#[allow(clippy::too_many_arguments)]
pub async fn save_in<C: ConnectionTrait>(
    txn: &C,
    association: &organisation::Model,
    user_id: Option<i32>,
    existing: Option<&event::Model>,
    data: &EventData,
    (platform_id, belt_id): (Option<i32>, Option<i32>),
    is_demo: bool,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let json = |c: &SideCriteria| serde_json::to_string(c).unwrap_or_else(|_| "{}".into());
    let hh_mm = |t: chrono::NaiveTime| t.format("%H:%M").to_string();
    let mut active: event::ActiveModel = match existing {
        Some(row) => row.clone().into(),
        None => event::ActiveModel {
            slug: Set(format!("new-{:016x}", rand::random::<u64>())),
            association_id: Set(association.id),
            status: Set(EventStatus::Draft.code().to_string()),
            created_by: Set(user_id),
            created_at: Set(now),
            ..Default::default()
        },
    };
    active.platform_id = Set(platform_id);
    active.belt_id = Set(belt_id);
    active.title_zh = Set(data.title.zh.clone());
    active.title_en = Set(data.title.en.clone());
    active.description_zh = Set(data.description.zh.clone());
    active.description_en = Set(data.description.en.clone());
    active.venue_zh = Set(data.venue.zh.clone());
    active.venue_en = Set(data.venue.en.clone());
    active.city_zh = Set(data.city.zh.clone());
    active.city_en = Set(data.city.en.clone());
    active.latitude = Set(data.position.map(|p| p.0));
    active.longitude = Set(data.position.map(|p| p.1));
    active.day = Set(data.day);
    active.starts_at = Set(hh_mm(data.starts_at));
    active.ends_at = Set(hh_mm(data.ends_at));
    active.slot_minutes = Set(data.slot_minutes as i32);
    active.breaks = Set(rules::breaks_text(&data.breaks));
    active.tables = Set(data.tables as i32);
    active.registration_opens = Set(data.registration_opens);
    active.registration_closes = Set(data.registration_closes);
    active.supplier_seats = Set(data.supplier_seats.map(|n| n as i32));
    active.buyer_seats = Set(data.buyer_seats.map(|n| n as i32));
    active.supplier_criteria = Set(json(&data.supplier_criteria));
    active.buyer_criteria = Set(json(&data.buyer_criteria));
    active.is_demo = Set(is_demo);
    active.updated_at = Set(now);
    let saved = sea_orm::ActiveModelTrait::save(active, txn).await?;
    let id = saved.id.clone().unwrap();
    let slug = match existing {
        Some(row) => row.slug.clone(),
        None => {
            // The address reads as the title; the id keeps it unique.
            let slug = crate::orgs::rules::titled_slug(&data.title, "event", id);
            event::Entity::update_many()
                .col_expr(event::Column::Slug, Expr::value(slug.clone()))
                .filter(event::Column::Id.eq(id))
                .exec(txn)
                .await?;
            slug
        }
    };
    enqueue(txn, EntityKind::Event, id).await?;
    Ok(slug)
}

/// The ids named by an event's platform and belt slugs.
pub async fn ids_of<C: ConnectionTrait>(db: &C, data: &EventData) -> Result<(Option<i32>, Option<i32>), AppError> {
    let platform = match &data.platform {
        Some(slug) => Some(crate::read::organisation_by_slug(db, slug).await?.id),
        None => None,
    };
    let belt = match &data.belt {
        Some(slug) => belt::Entity::find().filter(belt::Column::Slug.eq(slug.as_str())).one(db).await?.map(|b| b.id),
        None => None,
    };
    Ok((platform, belt))
}

/// The event's title in each language, the other one standing in for a missing one.
pub fn title_of(row: &event::Model) -> Bilingual {
    let t = Bilingual::new(&row.title_zh, &row.title_en);
    Bilingual::each(|lang| t.get(lang).to_string())
}

/// Registrations that stand (registered or waiting).
pub async fn standing_registrations<C: ConnectionTrait>(db: &C, event_id: i32) -> Result<Vec<event_registration::Model>, AppError> {
    Ok(event_registration::Entity::find()
        .filter(event_registration::Column::EventId.eq(event_id))
        .filter(event_registration::Column::Status.ne(RegistrationStatus::Withdrawn.code()))
        .order_by_asc(event_registration::Column::CreatedAt)
        .order_by_asc(event_registration::Column::Id)
        .all(db)
        .await?)
}

/// Tells the people of every firm registered (or waiting) for `row`.
pub async fn tell_registered<C: ConnectionTrait>(
    txn: &C,
    mail: &MailSettings,
    row: &event::Model,
    title: Bilingual,
) -> Result<(), AppError> {
    let firms: Vec<i32> = standing_registrations(txn, row.id).await?.iter().map(|r| r.organisation_id).collect();
    let notice = Notice { kind: NotificationKind::EventUpdated, title, link: format!("/events/{}", row.slug) };
    notify(txn, mail, &crate::read::active_runners(txn, &firms).await?, &notice).await
}

/// Moves an event to `status` and queues it for search.
pub async fn set_status<C: ConnectionTrait>(txn: &C, row: &event::Model, status: EventStatus, now: DateTime<Utc>) -> Result<(), AppError> {
    event::Entity::update_many()
        .col_expr(event::Column::Status, Expr::value(status.code()))
        .col_expr(event::Column::UpdatedAt, Expr::value(now))
        .filter(event::Column::Id.eq(row.id))
        .exec(txn)
        .await?;
    enqueue(txn, EntityKind::Event, row.id).await?;
    Ok(())
}

/// Tells every registered firm that the event is cancelled.
pub async fn tell_cancelled<C: ConnectionTrait>(txn: &C, mail: &MailSettings, row: &event::Model) -> Result<(), AppError> {
    let t = title_of(row);
    let title = Bilingual::new(format!("对接会已取消：{}", t.zh), format!("Event cancelled: {}", t.en));
    tell_registered(txn, mail, row, title).await
}

/// A demo event of `association` by its English title.
pub async fn find_demo<C: ConnectionTrait>(db: &C, association_id: i32, title_en: &str) -> Result<Option<event::Model>, AppError> {
    Ok(event::Entity::find()
        .filter(event::Column::AssociationId.eq(association_id))
        .filter(event::Column::TitleEn.eq(title_en))
        .filter(event::Column::IsDemo.eq(true))
        .one(db)
        .await?)
}

/// Registers `firm` on `side` as `status` (registered or waiting).
pub async fn register<C: ConnectionTrait>(
    txn: &C,
    row: &event::Model,
    firm: &organisation::Model,
    side: Side,
    status: RegistrationStatus,
    actor_id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    // A firm that withdrew registers again on its old row, at the back of the queue.
    let old = event_registration::Entity::find()
        .filter(event_registration::Column::EventId.eq(row.id))
        .filter(event_registration::Column::OrganisationId.eq(firm.id))
        .one(txn)
        .await?;
    let mut active: event_registration::ActiveModel = match old {
        Some(old) => old.into(),
        None => event_registration::ActiveModel { event_id: Set(row.id), organisation_id: Set(firm.id), ..Default::default() },
    };
    active.side = Set(side.code().to_string());
    active.status = Set(status.code().to_string());
    active.registered_by = Set(Some(actor_id));
    active.created_at = Set(now);
    active.updated_at = Set(now);
    sea_orm::ActiveModelTrait::save(active, txn).await?;
    Ok(())
}

/// Withdraws a registration with its open meeting requests (no schedule
/// places a firm that left), and gives its seat to the first waiting.
pub async fn withdraw<C: ConnectionTrait>(
    txn: &C,
    mail: &MailSettings,
    row: &event::Model,
    registration: &event_registration::Model,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let updated = event_registration::Entity::update_many()
        .col_expr(event_registration::Column::Status, Expr::value(RegistrationStatus::Withdrawn.code()))
        .col_expr(event_registration::Column::UpdatedAt, Expr::value(now))
        .filter(event_registration::Column::Id.eq(registration.id))
        .filter(event_registration::Column::Status.ne(RegistrationStatus::Withdrawn.code()))
        .exec(txn)
        .await?;
    if updated.rows_affected == 0 {
        return Err(crate::forms::FormErrors::refusing("id", crate::forms::Problem::AlreadyClosed));
    }
    crate::events::meeting_repo::withdraw_all_of(txn, mail, row, registration.id, now).await?;
    fill_seats(txn, mail, row, now).await
}

/// Gives free seats on each side to the firms waiting longest, and tells them.
pub async fn fill_seats<C: ConnectionTrait>(txn: &C, mail: &MailSettings, row: &event::Model, now: DateTime<Utc>) -> Result<(), AppError> {
    let standing = standing_registrations(txn, row.id).await?;
    let mut moved = Vec::new();
    for side in Side::ALL {
        let (_, seats) = side_terms(row, *side);
        let of_side: Vec<&event_registration::Model> = standing.iter().filter(|r| r.side == side.code()).collect();
        let taken = of_side.iter().filter(|r| r.status == RegistrationStatus::Accepted.code()).count();
        let waitlist: Vec<(i32, DateTime<Utc>)> =
            of_side.iter().filter(|r| r.status == RegistrationStatus::Waitlisted.code()).map(|r| (r.id, r.created_at)).collect();
        let free = seats.map_or(waitlist.len(), |seats| (seats as usize).saturating_sub(taken));
        moved.extend(crate::events::registration::promote(&waitlist, free));
    }
    if moved.is_empty() {
        return Ok(());
    }
    event_registration::Entity::update_many()
        .col_expr(event_registration::Column::Status, Expr::value(RegistrationStatus::Accepted.code()))
        .col_expr(event_registration::Column::UpdatedAt, Expr::value(now))
        .filter(event_registration::Column::Id.is_in(moved.iter().copied()))
        .exec(txn)
        .await?;
    let firms: Vec<i32> = standing.iter().filter(|r| moved.contains(&r.id)).map(|r| r.organisation_id).collect();
    let t = title_of(row);
    let notice = Notice {
        kind: NotificationKind::EventUpdated,
        title: Bilingual::new(format!("候补转正：{}", t.zh), format!("A seat freed up — you are registered: {}", t.en)),
        link: format!("/events/{}", row.slug),
    };
    notify(txn, mail, &crate::read::active_runners(txn, &firms).await?, &notice).await
}

/// What a firm's readiness is judged on, for the entry criteria (a firm
/// without a supply profile says nothing of itself).
pub async fn facts_of<C: ConnectionTrait>(db: &C, firm: &organisation::Model) -> Result<crate::readiness::types::FirmFacts, AppError> {
    Ok(match crate::readiness::repo::facts_of(db, firm).await? {
        Some((facts, _)) => facts,
        None => crate::readiness::types::FirmFacts { organisation_verified: firm.verified_at.is_some(), ..Default::default() },
    })
}

/// Category and belt names by slug, to write the criteria in words.
pub async fn names<C: ConnectionTrait>(db: &C) -> Result<(Names, Names), AppError> {
    let by_slug = |refs: Vec<CategoryRef>| refs.into_iter().map(|c| (c.slug, c.name)).collect::<Names>();
    Ok((by_slug(crate::read::all_categories(db).await?), by_slug(crate::read::all_belts(db).await?)))
}

/// Which events a list shows.
#[derive(Clone, Debug, Default)]
pub struct ListFilter {
    pub belt: Option<String>,
    /// A city in either language.
    pub city: Option<String>,
    pub platform: Option<String>,
}

/// Cards for `rows`, in their order.
pub async fn cards<C: ConnectionTrait>(db: &C, rows: Vec<event::Model>) -> Result<Vec<EventCard>, AppError> {
    let org_ids: Vec<i32> = rows.iter().flat_map(|r| [Some(r.association_id), r.platform_id]).flatten().collect();
    let orgs: HashMap<i32, organisation::Model> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(org_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let belts: HashMap<i32, belt::Model> = belt::Entity::find()
        .filter(belt::Column::Id.is_in(rows.iter().filter_map(|r| r.belt_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|b| (b.id, b))
        .collect();
    let counts: Vec<(i32, String, i64)> = event_registration::Entity::find()
        .select_only()
        .column(event_registration::Column::EventId)
        .column(event_registration::Column::Side)
        .column_as(event_registration::Column::Id.count(), "n")
        .filter(event_registration::Column::EventId.is_in(rows.iter().map(|r| r.id)))
        .filter(event_registration::Column::Status.eq(RegistrationStatus::Accepted.code()))
        .group_by(event_registration::Column::EventId)
        .group_by(event_registration::Column::Side)
        .into_tuple()
        .all(db)
        .await?;
    let count = |id: i32, side: Side| counts.iter().find(|(e, s, _)| *e == id && s == side.code()).map_or(0, |(_, _, n)| *n as u32);
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let association = named_org(orgs.get(&r.association_id)?);
            Some(EventCard {
                title: title_of(&r),
                association,
                platform: r.platform_id.and_then(|id| orgs.get(&id)).map(named_org),
                belt: r
                    .belt_id
                    .and_then(|id| belts.get(&id))
                    .map(|b| CategoryRef { slug: b.slug.clone(), name: Bilingual::new(&b.name_zh, &b.name_en) }),
                city: Bilingual::new(&r.city_zh, &r.city_en),
                day: r.day.format("%Y-%m-%d").to_string(),
                hours: format!("{}–{}", r.starts_at, r.ends_at),
                status: status_of(&r),
                registered: (count(r.id, Side::Supplier), count(r.id, Side::Buyer)),
                is_demo: r.is_demo,
                slug: r.slug,
            })
        })
        .collect())
}

/// Events whose association is listed (approved, not hidden).
pub(crate) fn listed_association() -> Condition {
    Condition::all().add(
        event::Column::AssociationId.in_subquery(
            sea_orm::sea_query::Query::select()
                .column(organisation::Column::Id)
                .from(organisation::Entity)
                .and_where(organisation::Column::ApprovedAt.is_not_null())
                .and_where(organisation::Column::HiddenAt.is_null())
                .to_owned(),
        ),
    )
}

/// Public events narrowed by `filter`: upcoming (published, from `today`,
/// soonest first) and past (held, finished or cancelled, latest first).
pub async fn listed<C: ConnectionTrait>(
    db: &C,
    filter: &ListFilter,
    today: NaiveDate,
) -> Result<(Vec<EventCard>, Vec<EventCard>), AppError> {
    let mut narrowed = listed_association().add(event::Column::Status.ne(EventStatus::Draft.code()));
    if let Some(slug) = &filter.belt {
        let id = belt::Entity::find().filter(belt::Column::Slug.eq(slug.as_str())).one(db).await?.map_or(-1, |b| b.id);
        narrowed = narrowed.add(event::Column::BeltId.eq(id));
    }
    if let Some(slug) = &filter.platform {
        let id = organisation::Entity::find().filter(organisation::Column::Slug.eq(slug.as_str())).one(db).await?.map_or(-1, |o| o.id);
        narrowed = narrowed.add(event::Column::PlatformId.eq(id));
    }
    if let Some(city) = &filter.city {
        narrowed = narrowed.add(Condition::any().add(event::Column::CityZh.eq(city.as_str())).add(event::Column::CityEn.eq(city.as_str())));
    }
    let upcoming = event::Entity::find()
        .filter(narrowed.clone())
        .filter(event::Column::Status.eq(EventStatus::Published.code()))
        .filter(event::Column::Day.gte(today))
        .order_by_asc(event::Column::Day)
        .order_by_asc(event::Column::Id)
        .limit(LISTED)
        .all(db)
        .await?;
    let past = event::Entity::find()
        .filter(narrowed)
        .filter(
            Condition::any()
                .add(event::Column::Status.is_in([EventStatus::Finished.code(), EventStatus::Cancelled.code()]))
                .add(event::Column::Day.lt(today)),
        )
        .order_by_desc(event::Column::Day)
        .order_by_desc(event::Column::Id)
        .limit(LISTED)
        .all(db)
        .await?;
    Ok((cards(db, upcoming).await?, cards(db, past).await?))
}

/// Every event of these associations, drafts included, latest day first.
pub async fn of_associations<C: ConnectionTrait>(db: &C, association_ids: &[i32]) -> Result<Vec<EventCard>, AppError> {
    let rows = event::Entity::find()
        .filter(event::Column::AssociationId.is_in(association_ids.iter().copied()))
        .order_by_desc(event::Column::Day)
        .order_by_desc(event::Column::Id)
        .limit(LISTED)
        .all(db)
        .await?;
    cards(db, rows).await
}

/// Public events of one association, or about one belt: upcoming first, then past.
pub async fn public_of<C: ConnectionTrait>(db: &C, column: event::Column, id: i32, today: NaiveDate) -> Result<Vec<EventCard>, AppError> {
    let rows = event::Entity::find()
        .filter(listed_association())
        .filter(column.eq(id))
        .filter(event::Column::Status.ne(EventStatus::Draft.code()))
        .order_by_desc(event::Column::Day)
        .limit(LISTED)
        .all(db)
        .await?;
    let (mut upcoming, past): (Vec<_>, Vec<_>) = rows.into_iter().partition(|r| status_of(r) == EventStatus::Published && r.day >= today);
    upcoming.reverse();
    upcoming.extend(past);
    cards(db, upcoming).await
}

/// The cities events are held in, for the filter.
pub async fn cities<C: ConnectionTrait>(db: &C) -> Result<Vec<Bilingual>, AppError> {
    let rows: Vec<(String, String)> = event::Entity::find()
        .select_only()
        .column(event::Column::CityZh)
        .column(event::Column::CityEn)
        .filter(listed_association())
        .filter(event::Column::Status.ne(EventStatus::Draft.code()))
        .distinct()
        .into_tuple()
        .all(db)
        .await?;
    let mut cities: Vec<Bilingual> = rows.into_iter().map(|(zh, en)| Bilingual::new(zh, en)).collect();
    cities.sort_by(|a, b| a.en.cmp(&b.en).then(a.zh.cmp(&b.zh)));
    cities.dedup();
    Ok(cities)
}

/// Registrations as shown, with waitlist positions per side.
pub async fn registration_views<C: ConnectionTrait>(db: &C, rows: &[event_registration::Model]) -> Result<Vec<RegistrationView>, AppError> {
    let orgs: HashMap<i32, organisation::Model> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(rows.iter().map(|r| r.organisation_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let mut waiting: HashMap<String, u32> = HashMap::new();
    let mut views = Vec::new();
    for r in rows {
        let Some(org) = orgs.get(&r.organisation_id) else { continue };
        let status = RegistrationStatus::from_code(&r.status).unwrap_or(RegistrationStatus::Withdrawn);
        let position = (status == RegistrationStatus::Waitlisted).then(|| {
            let n = waiting.entry(r.side.clone()).or_default();
            *n += 1;
            *n
        });
        views.push(RegistrationView {
            id: r.id,
            firm: named_org(org),
            side: Side::from_code(&r.side).unwrap_or(Side::Supplier),
            status,
            position,
            created_at: r.created_at.into(),
        });
    }
    Ok(views)
}

pub async fn registration_by_id<C: ConnectionTrait>(db: &C, id: i32) -> Result<event_registration::Model, AppError> {
    event_registration::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)
}
