//! The schedule in the database: running the scheduler on an event and
//! storing what it placed (telling the firms whose meetings changed), the
//! organisers' schedule page, each firm's agenda and its calendar feed.
//! Server only.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::entities::{event, event_meeting, event_registration, meeting_request};
use crate::error::AppError;
use crate::events::meetings::{self, RequestStatus};
use crate::events::scheduling::{self, Accepted, Participant, Stored};
use crate::events::types::*;
use crate::events::{calendar, meeting_repo, repo, timetable};
use crate::i18n::{Bilingual, Lang};
use crate::state::MailSettings;

/// Everything a schedule is made from, read once.
pub(crate) struct Inputs {
    /// Firms with a seat.
    pub(crate) seated: Vec<event_registration::Model>,
    /// Accepted requests between two seated firms, but those cancelled on the day.
    pub(crate) accepted: Vec<meeting_request::Model>,
    /// The meetings as stored, but those cancelled.
    pub(crate) stored: Vec<event_meeting::Model>,
    /// Meetings the organisers cancelled on the day, with their requests.
    pub(crate) cancelled: Vec<(event_meeting::Model, meeting_request::Model)>,
}

pub(crate) async fn inputs<C: ConnectionTrait>(db: &C, row: &event::Model, now: DateTime<Utc>) -> Result<Inputs, AppError> {
    let seated: Vec<event_registration::Model> =
        repo::standing_registrations(db, row.id).await?.into_iter().filter(|r| r.status == RegistrationStatus::Accepted.code()).collect();
    let ids: HashSet<i32> = seated.iter().map(|r| r.id).collect();
    let (cancelled, stored): (Vec<event_meeting::Model>, Vec<event_meeting::Model>) = event_meeting::Entity::find()
        .filter(event_meeting::Column::EventId.eq(row.id))
        .all(db)
        .await?
        .into_iter()
        .partition(|m| m.cancelled_at.is_some());
    let (called_off, accepted): (Vec<meeting_request::Model>, Vec<meeting_request::Model>) = meeting_repo::requests_of(db, row.id)
        .await?
        .into_iter()
        .filter(|r| meeting_repo::status_now(r, row, now) == RequestStatus::Accepted)
        .filter(|r| ids.contains(&r.from_registration_id) && ids.contains(&r.to_registration_id))
        .partition(|r| cancelled.iter().any(|m| m.request_id == r.id));
    let cancelled =
        cancelled.into_iter().filter_map(|m| Some((m.clone(), called_off.iter().find(|r| r.id == m.request_id)?.clone()))).collect();
    Ok(Inputs { seated, accepted, stored, cancelled })
}

impl Inputs {
    /// Stored meetings that stand: their request still accepted, their slot still in the day.
    pub(crate) fn standing(&self, slots: usize) -> Vec<&event_meeting::Model> {
        let accepted: HashSet<i32> = self.accepted.iter().map(|r| r.id).collect();
        self.stored.iter().filter(|m| accepted.contains(&m.request_id) && (m.slot as usize) < slots).collect()
    }

    fn side_of(&self, registration_id: i32) -> Side {
        self.seated.iter().find(|r| r.id == registration_id).and_then(|r| Side::from_code(&r.side)).unwrap_or(Side::Supplier)
    }

    /// (supplier, buyer) registrations of a request.
    pub(crate) fn ends(&self, request: &meeting_request::Model) -> (i32, i32) {
        if self.side_of(request.from_registration_id) == Side::Supplier {
            (request.from_registration_id, request.to_registration_id)
        } else {
            (request.to_registration_id, request.from_registration_id)
        }
    }
}

/// Schedules the event's accepted requests (keeping the published meetings
/// in place unless `rebuild`), stores the meetings and what the run did,
/// and tells every firm whose meetings were placed, moved or dropped.
pub async fn run<C: ConnectionTrait>(
    txn: &C,
    mail: &MailSettings,
    row: &event::Model,
    rebuild: bool,
    now: DateTime<Utc>,
) -> Result<ScheduleRun, AppError> {
    let inputs = inputs(txn, row, now).await?;
    let slots = repo::slots_of(row).len();
    let participants: Vec<Participant> = inputs
        .seated
        .iter()
        .map(|r| Participant { registration_id: r.id, unavailable: meetings::stored_slots(&r.unavailable_slots) })
        .collect();
    let accepted: Vec<Accepted> = inputs
        .accepted
        .iter()
        .map(|r| Accepted { request_id: r.id, from: r.from_registration_id, to: r.to_registration_id, priority: r.priority })
        .collect();
    let published: Vec<Stored> =
        inputs.stored.iter().map(|m| Stored { request_id: m.request_id, slot: m.slot as usize, table: m.table_no as usize }).collect();
    let outcome =
        scheduling::reschedule(slots, row.tables.max(1) as usize, &participants, &accepted, &published, rebuild, now).map_err(|e| {
            tracing::error!(event = row.slug, "the schedule's inputs are invalid: {e}");
            AppError::Internal
        })?;
    let placed: HashMap<i32, Stored> = outcome.meetings.iter().map(|m| (m.request_id, *m)).collect();
    let gone: Vec<i32> = inputs.stored.iter().filter(|m| !placed.contains_key(&m.request_id)).map(|m| m.id).collect();
    if !gone.is_empty() {
        event_meeting::Entity::delete_many().filter(event_meeting::Column::Id.is_in(gone)).exec(txn).await?;
    }
    let before: HashMap<i32, &event_meeting::Model> = inputs.stored.iter().map(|m| (m.request_id, m)).collect();
    for m in &outcome.meetings {
        match before.get(&m.request_id) {
            Some(old) if old.slot as usize == m.slot && old.table_no as usize == m.table => {}
            Some(old) => {
                event_meeting::Entity::update_many()
                    .col_expr(event_meeting::Column::Slot, Expr::value(m.slot as i32))
                    .col_expr(event_meeting::Column::TableNo, Expr::value(m.table as i32))
                    .col_expr(event_meeting::Column::ScheduledAt, Expr::value(now))
                    .filter(event_meeting::Column::Id.eq(old.id))
                    .exec(txn)
                    .await?;
            }
            None => {
                event_meeting::Entity::insert(event_meeting::ActiveModel {
                    event_id: Set(row.id),
                    request_id: Set(m.request_id),
                    slot: Set(m.slot as i32),
                    table_no: Set(m.table as i32),
                    scheduled_at: Set(now),
                    ..Default::default()
                })
                .exec(txn)
                .await?;
            }
        }
    }
    let stored_run = serde_json::to_string(&outcome.run).map_err(|_| AppError::Internal)?;
    event::Entity::update_many()
        .col_expr(event::Column::ScheduleRun, Expr::value(Some(stored_run)))
        .filter(event::Column::Id.eq(row.id))
        .exec(txn)
        .await?;
    // Every request the run touched, accepted or no longer: both its firms hear.
    let all_requests = meeting_repo::requests_of(txn, row.id).await?;
    let ends: HashMap<i32, (i32, i32)> = all_requests.iter().map(|r| (r.id, (r.from_registration_id, r.to_registration_id))).collect();
    let affected = scheduling::affected(&outcome.run, &ends);
    let registrations: Vec<event_registration::Model> = event_registration::Entity::find()
        .filter(event_registration::Column::Id.is_in(affected))
        .filter(event_registration::Column::Status.eq(RegistrationStatus::Accepted.code()))
        .all(txn)
        .await?;
    let t = repo::title_of(row);
    let title = Bilingual::new(
        format!("你在「{}」的洽谈安排有更新，请查看日程", t.zh),
        format!("Your meetings at {} were scheduled or changed: see your agenda", t.en),
    );
    for registration in registrations {
        meeting_repo::tell_schedule(txn, mail, row, registration.organisation_id, title.clone()).await?;
    }
    Ok(outcome.run)
}

fn last_run(row: &event::Model) -> Option<ScheduleRun> {
    row.schedule_run.as_deref().and_then(|s| serde_json::from_str(s).ok())
}

/// `/events/{slug}/schedule`
pub async fn page<C: ConnectionTrait>(db: &C, row: &event::Model, now: DateTime<Utc>) -> Result<SchedulePage, AppError> {
    let inputs = inputs(db, row, now).await?;
    let slots = repo::slots_of(row);
    let firms = meeting_repo::firms_by_registration(db, &inputs.seated).await?;
    let named = |id: i32| firms.get(&id).cloned();
    let placed: HashMap<i32, &event_meeting::Model> = inputs.standing(slots.len()).into_iter().map(|m| (m.request_id, m)).collect();
    let mut planned: Vec<PlannedMeeting> = inputs
        .accepted
        .iter()
        .filter_map(|r| {
            let (supplier, buyer) = inputs.ends(r);
            let at = placed.get(&r.id);
            Some(PlannedMeeting {
                request_id: r.id,
                supplier: named(supplier)?,
                buyer: named(buyer)?,
                priority: r.priority,
                slot: at.map(|m| m.slot as usize),
                table: at.map(|m| m.table_no as usize),
            })
        })
        .collect();
    planned.sort_by_key(|m| (m.slot.is_none(), m.slot, m.table, m.request_id));
    // A meeting the last run moved or dropped, by its firms' names now.
    let every_request = meeting_repo::requests_of(db, row.id).await?;
    // Dropped meetings may be of firms that left: every registration, withdrawn too.
    let everyone = event_registration::Entity::find().filter(event_registration::Column::EventId.eq(row.id)).all(db).await?;
    let all_firms = meeting_repo::firms_by_registration(db, &everyone).await?;
    let pair_of = |request_id: i32| {
        let r = every_request.iter().find(|r| r.id == request_id)?;
        let from_supplies = everyone.iter().any(|e| e.id == r.from_registration_id && e.side == Side::Supplier.code());
        let (supplier, buyer) =
            if from_supplies { (r.from_registration_id, r.to_registration_id) } else { (r.to_registration_id, r.from_registration_id) };
        Some((all_firms.get(&supplier)?.clone(), all_firms.get(&buyer)?.clone()))
    };
    let last_run = last_run(row).map(|run| {
        let moved = run
            .moved
            .iter()
            .filter_map(|&(id, before, after)| {
                let (supplier, buyer) = pair_of(id)?;
                Some(MovedMeeting { supplier, buyer, before, after: Some(after) })
            })
            .chain(run.dropped.iter().filter_map(|&(id, before)| {
                let (supplier, buyer) = pair_of(id)?;
                Some(MovedMeeting { supplier, buyer, before, after: None })
            }))
            .collect();
        ScheduleRunView {
            ran_at: crate::clock::Moment(run.ran_at),
            rebuild: run.rebuild,
            requests: run.requests,
            placed: run.placed,
            upper_bound: run.upper_bound,
            greedy: run.greedy,
            kept: run.kept,
            added: run.added.len(),
            moved,
        }
    });
    let sides = |side: Side| inputs.seated.iter().filter(|r| r.side == side.code()).count();
    Ok(SchedulePage {
        event: repo::cards(db, vec![row.clone()]).await?.into_iter().next().ok_or(AppError::NotFound)?,
        slots: slots.iter().map(timetable::Slot::label).collect(),
        tables: row.tables.max(1) as usize,
        participants: (sides(Side::Supplier), sides(Side::Buyer)),
        meetings: planned,
        last_run,
        may_run: repo::status_of(row) == EventStatus::Published,
    })
}

/// A firm's meetings in time order, and its accepted requests not placed.
pub(crate) async fn items_of<C: ConnectionTrait>(
    db: &C,
    row: &event::Model,
    registration: &event_registration::Model,
    now: DateTime<Utc>,
) -> Result<(Vec<AgendaItem>, Vec<Named>, bool), AppError> {
    let inputs = inputs(db, row, now).await?;
    let slots = repo::slots_of(row);
    let firms = meeting_repo::firms_by_registration(db, &inputs.seated).await?;
    let placed: HashMap<i32, &event_meeting::Model> = inputs.standing(slots.len()).into_iter().map(|m| (m.request_id, m)).collect();
    let mine = |r: &&meeting_request::Model| r.from_registration_id == registration.id || r.to_registration_id == registration.id;
    let outcomes: HashMap<i32, crate::entities::meeting_outcome::Model> = crate::entities::meeting_outcome::Entity::find()
        .filter(crate::entities::meeting_outcome::Column::RegistrationId.eq(registration.id))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.meeting_id, o))
        .collect();
    let held_or_live = matches!(repo::status_of(row), EventStatus::Published | EventStatus::Finished);
    let mut unplaced = Vec::new();
    let mut meetings: Vec<(&event_meeting::Model, &meeting_request::Model)> = Vec::new();
    for r in inputs.accepted.iter().filter(mine) {
        match placed.get(&r.id) {
            Some(m) => meetings.push((m, r)),
            None => unplaced.extend(firms.get(&other_end(r, registration.id)).cloned()),
        }
    }
    meetings.extend(inputs.cancelled.iter().filter(|(_, r)| mine(&r)).map(|(m, r)| (m, r)));
    let mut items: Vec<AgendaItem> = meetings
        .into_iter()
        .filter_map(|(m, r)| {
            let slot = slots.get(m.slot as usize)?;
            let cancelled = m.cancelled_at.is_some();
            let started = timetable::in_china(row.day, slot.start) <= now;
            Some(AgendaItem {
                request_id: r.id,
                slot: m.slot as usize,
                time: slot.label(),
                table: m.table_no as usize,
                counterpart: firms.get(&other_end(r, registration.id))?.clone(),
                priority: r.priority,
                cancelled,
                meeting_id: m.id,
                may_record: crate::events::day::may_record_outcome(cancelled, started, held_or_live),
                outcome: outcomes.get(&m.id).and_then(|o| Some((crate::events::day::Outcome::from_code(&o.outcome)?, o.note.clone()))),
            })
        })
        .collect();
    items.sort_by_key(|i| (i.slot, i.table));
    Ok((items, unplaced, row.schedule_run.is_some()))
}

/// The registration across a request from `registration_id`.
fn other_end(request: &meeting_request::Model, registration_id: i32) -> i32 {
    if request.from_registration_id == registration_id {
        request.to_registration_id
    } else {
        request.from_registration_id
    }
}

/// `/events/{slug}/agenda` for a firm's registration.
pub async fn agenda<C: ConnectionTrait>(
    db: &C,
    mail: &MailSettings,
    row: &event::Model,
    registration: &event_registration::Model,
    other_firms: Vec<Named>,
    may_act: bool,
    now: DateTime<Utc>,
) -> Result<AgendaPage, AppError> {
    let (items, unplaced, scheduled) = items_of(db, row, registration, now).await?;
    let firm = crate::read::named_org(&crate::read::organisation_by_id(db, registration.organisation_id).await?);
    Ok(AgendaPage {
        event: repo::cards(db, vec![row.clone()]).await?.into_iter().next().ok_or(AppError::NotFound)?,
        venue: Bilingual::new(&row.venue_zh, &row.venue_en),
        firm,
        side: Side::from_code(&registration.side).unwrap_or(Side::Supplier),
        other_firms,
        may_act,
        items,
        unplaced,
        scheduled,
        subscription: registration.calendar_token.as_ref().map(|token| mail.link(&subscription_path(token))),
    })
}

pub fn subscription_path(token: &str) -> String {
    format!("/calendars/{token}.ics")
}

/// A firm's calendar: the event's day and each of its meetings, in `lang`.
pub async fn calendar_of<C: ConnectionTrait>(
    db: &C,
    mail: &MailSettings,
    row: &event::Model,
    registration: &event_registration::Model,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let (items, _, _) = items_of(db, row, registration, now).await?;
    let firm = crate::read::organisation_by_id(db, registration.organisation_id).await?;
    let title = repo::title_of(row).get(lang).to_string();
    let venue = Bilingual::new(&row.venue_zh, &row.venue_en);
    let city = Bilingual::new(&row.city_zh, &row.city_en);
    let location = [venue.get(lang), city.get(lang)].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(", ");
    let agenda_url = mail.link(&format!("/events/{}/agenda?firm={}", row.slug, firm.slug));
    let slots = repo::slots_of(row);
    let at = |time| timetable::in_china(row.day, time);
    let (day_start, day_end) = repo::day_hours(row);
    let mut entries = vec![calendar::Entry {
        uid: format!("event-{}-firm-{}@beltlink", row.id, firm.id),
        starts: at(day_start),
        ends: at(day_end),
        summary: title.clone(),
        description: agenda_url.clone(),
        location: location.clone(),
        url: mail.link(&format!("/events/{}", row.slug)),
        cancelled: false,
    }];
    for item in &items {
        let slot = slots[item.slot];
        let (summary, table) = match lang {
            Lang::Zh => {
                (format!("洽谈：{}（{} 号桌）", item.counterpart.name.get(lang), item.table + 1), format!("{} 号桌", item.table + 1))
            }
            Lang::En => {
                (format!("Meeting: {} (table {})", item.counterpart.name.get(lang), item.table + 1), format!("Table {}", item.table + 1))
            }
        };
        entries.push(calendar::Entry {
            // By request, so a moved meeting moves in the calendar too.
            uid: format!("meeting-{}@beltlink", item.request_id),
            starts: at(slot.start),
            ends: at(slot.end),
            summary,
            description: format!("{title}\n{table}\n{agenda_url}"),
            location: location.clone(),
            url: agenda_url.clone(),
            cancelled: item.cancelled,
        });
    }
    let name = format!("{} · {}", title, crate::read::named_org(&firm).name.get(lang));
    Ok(calendar::ics(&name, &entries, repo::status_of(row) == EventStatus::Cancelled, now))
}

/// The registration a calendar subscription's secret belongs to, if it stands.
pub async fn by_token<C: ConnectionTrait>(db: &C, token: &str) -> Result<Option<event_registration::Model>, AppError> {
    if token.is_empty() || token.len() > 64 {
        return Ok(None);
    }
    Ok(event_registration::Entity::find()
        .filter(event_registration::Column::CalendarToken.eq(token))
        .filter(event_registration::Column::Status.ne(RegistrationStatus::Withdrawn.code()))
        .one(db)
        .await?)
}

/// Gives the registration a new subscription secret, revoking the old one.
pub async fn new_token<C: ConnectionTrait>(txn: &C, registration: &event_registration::Model) -> Result<String, AppError> {
    use rand::distr::{Alphanumeric, SampleString};
    let token = Alphanumeric.sample_string(&mut rand::rng(), 40);
    event_registration::Entity::update_many()
        .col_expr(event_registration::Column::CalendarToken, Expr::value(Some(token.clone())))
        .filter(event_registration::Column::Id.eq(registration.id))
        .exec(txn)
        .await?;
    Ok(token)
}
