//! The event's day in the database: checking firms in, the organisers' day
//! view with each meeting's state, moving or cancelling a meeting (both
//! firms told), the check-in page a badge opens, and the badge. Server only.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::entities::{event, event_meeting, event_registration};
use crate::error::AppError;
use crate::events::day::{self, Busy};
use crate::events::types::*;
use crate::events::{meeting_repo, meetings, repo, schedule_repo, timetable};
use crate::i18n::{Bilingual, Lang};
use crate::state::MailSettings;

fn participant(r: &event_registration::Model, firms: &HashMap<i32, Named>) -> Option<DayParticipant> {
    Some(DayParticipant {
        registration_id: r.id,
        firm: firms.get(&r.id)?.clone(),
        side: Side::from_code(&r.side).unwrap_or(Side::Supplier),
        checked_in: r.checked_in_at.map(crate::clock::Moment),
    })
}

/// The first slot not yet begun at `now` (every slot before the day).
fn first_open_slot(row: &event::Model, slots: &[timetable::Slot], now: DateTime<Utc>) -> usize {
    slots.iter().position(|s| timetable::in_china(row.day, s.start) > now).unwrap_or(slots.len())
}

/// `/events/{slug}/day`; `moving` names a meeting to offer places for.
pub async fn page<C: ConnectionTrait>(db: &C, row: &event::Model, moving: Option<i32>, now: DateTime<Utc>) -> Result<DayPage, AppError> {
    let inputs = schedule_repo::inputs(db, row, now).await?;
    let slots = repo::slots_of(row);
    let firms = meeting_repo::firms_by_registration(db, &inputs.seated).await?;
    let here: HashSet<i32> = inputs.seated.iter().filter(|r| r.checked_in_at.is_some()).map(|r| r.id).collect();
    let requests: HashMap<i32, &crate::entities::meeting_request::Model> = inputs.accepted.iter().map(|r| (r.id, r)).collect();
    let standing = inputs.standing(slots.len()).into_iter().filter_map(|m| Some((m, *requests.get(&m.request_id)?)));
    let cancelled = inputs.cancelled.iter().filter(|(m, _)| (m.slot as usize) < slots.len()).map(|(m, r)| (m, r));
    let mut meetings: Vec<DayMeeting> = standing
        .chain(cancelled)
        .filter_map(|(m, r)| {
            let (supplier, buyer) = inputs.ends(r);
            let slot = m.slot as usize;
            let started = timetable::in_china(row.day, slots[slot].start) <= now;
            Some(DayMeeting {
                meeting_id: m.id,
                slot,
                table: m.table_no as usize,
                supplier: firms.get(&supplier)?.clone(),
                buyer: firms.get(&buyer)?.clone(),
                supplier_registration: supplier,
                buyer_registration: buyer,
                supplier_here: here.contains(&supplier),
                buyer_here: here.contains(&buyer),
                state: day::state(m.cancelled_at.is_some(), started, here.contains(&supplier), here.contains(&buyer)),
                priority: r.priority,
            })
        })
        .collect();
    meetings.sort_by_key(|m| (m.slot, m.table, m.meeting_id));
    let mut participants: Vec<DayParticipant> = inputs.seated.iter().filter_map(|r| participant(r, &firms)).collect();
    participants.sort_by(|a, b| (a.side.code(), a.firm.name.en.to_lowercase()).cmp(&(b.side.code(), b.firm.name.en.to_lowercase())));
    let moving = match moving {
        Some(id) => {
            let meeting = meetings.iter().find(|m| m.meeting_id == id && m.state != day::MeetingState::Cancelled).cloned();
            match meeting {
                Some(meeting) => Some((meeting, places_for(row, &inputs, id, now)?)),
                None => None,
            }
        }
        None => None,
    };
    Ok(DayPage {
        event: repo::cards(db, vec![row.clone()]).await?.into_iter().next().ok_or(AppError::NotFound)?,
        slots: slots.iter().map(timetable::Slot::label).collect(),
        meetings,
        participants,
        may_act: repo::status_of(row) == EventStatus::Published,
        moving,
    })
}

/// Where a standing meeting may move: a free table in a slot not begun that both firms have free.
fn places_for(row: &event::Model, inputs: &schedule_repo::Inputs, meeting_id: i32, now: DateTime<Utc>) -> Result<Vec<Place>, AppError> {
    let slots = repo::slots_of(row);
    let standing = inputs.standing(slots.len());
    let meeting = standing.iter().find(|m| m.id == meeting_id).ok_or(AppError::NotFound)?;
    let request = inputs.accepted.iter().find(|r| r.id == meeting.request_id).ok_or(AppError::NotFound)?;
    let ends = [request.from_registration_id, request.to_registration_id];
    let mut busy = Busy::default();
    for other in standing.iter().filter(|m| m.id != meeting_id) {
        busy.taken.insert((other.slot as usize, other.table_no as usize));
        let Some(r) = inputs.accepted.iter().find(|r| r.id == other.request_id) else { continue };
        if ends.contains(&r.from_registration_id) || ends.contains(&r.to_registration_id) {
            busy.firms_busy.insert(other.slot as usize);
        }
    }
    for firm in inputs.seated.iter().filter(|r| ends.contains(&r.id)) {
        busy.firms_busy.extend(meetings::stored_slots(&firm.unavailable_slots));
    }
    let current = (meeting.slot as usize, meeting.table_no as usize);
    Ok(day::free_places(slots.len(), row.tables.max(1) as usize, &busy, current, first_open_slot(row, &slots, now)))
}

/// Marks a firm arrived (or not, to undo a mistake).
pub async fn check_in<C: ConnectionTrait>(
    txn: &C,
    registration: &event_registration::Model,
    arrived: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    event_registration::Entity::update_many()
        .col_expr(event_registration::Column::CheckedInAt, Expr::value(arrived.then_some(now)))
        .filter(event_registration::Column::Id.eq(registration.id))
        .exec(txn)
        .await?;
    Ok(())
}

pub async fn meeting_by_id<C: ConnectionTrait>(db: &C, event_id: i32, id: i32) -> Result<event_meeting::Model, AppError> {
    event_meeting::Entity::find_by_id(id).one(db).await?.filter(|m| m.event_id == event_id).ok_or(AppError::NotFound)
}

/// Tells both firms of a meeting what happened to it.
async fn tell_both<C: ConnectionTrait>(
    txn: &C,
    mail: &MailSettings,
    row: &event::Model,
    meeting: &event_meeting::Model,
    title: impl Fn(Lang, &str) -> String,
) -> Result<(), AppError> {
    let request = meeting_repo::request_by_id(txn, meeting.request_id).await?;
    let ends = [request.from_registration_id, request.to_registration_id];
    for (mine, other) in [(ends[0], ends[1]), (ends[1], ends[0])] {
        let other_firm = crate::read::named_org(
            &crate::read::organisation_by_id(txn, repo::registration_by_id(txn, other).await?.organisation_id).await?,
        );
        let firm = repo::registration_by_id(txn, mine).await?.organisation_id;
        let words = Bilingual::each(|lang| title(lang, other_firm.name.get(lang)));
        meeting_repo::tell_schedule(txn, mail, row, firm, words).await?;
    }
    Ok(())
}

/// Cancels a meeting on the day; both firms are told. Reruns leave it out.
pub async fn cancel<C: ConnectionTrait>(
    txn: &C,
    mail: &MailSettings,
    row: &event::Model,
    meeting: &event_meeting::Model,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let updated = event_meeting::Entity::update_many()
        .col_expr(event_meeting::Column::CancelledAt, Expr::value(Some(now)))
        .filter(event_meeting::Column::Id.eq(meeting.id))
        .filter(event_meeting::Column::CancelledAt.is_null())
        .exec(txn)
        .await?;
    if updated.rows_affected == 0 {
        return Err(crate::forms::FormErrors::refusing("meeting", crate::forms::Problem::AlreadyClosed));
    }
    let time = repo::slots_of(row).get(meeting.slot as usize).map(timetable::Slot::label).unwrap_or_default();
    let t = repo::title_of(row);
    tell_both(txn, mail, row, meeting, |lang, other| match lang {
        Lang::Zh => format!("主办方取消了你在「{}」{time} 与 {other} 的洽谈", t.zh),
        Lang::En => format!("The organisers cancelled your {time} meeting with {other} at {}", t.en),
    })
    .await
}

/// Moves a meeting to `place` if it is free for both firms; both are told.
pub async fn move_to<C: ConnectionTrait>(
    txn: &C,
    mail: &MailSettings,
    row: &event::Model,
    meeting: &event_meeting::Model,
    place: Place,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let inputs = schedule_repo::inputs(txn, row, now).await?;
    if !places_for(row, &inputs, meeting.id, now)?.contains(&place) {
        return Err(crate::forms::FormErrors::refusing("place", crate::forms::Problem::NotAChoice));
    }
    event_meeting::Entity::update_many()
        .col_expr(event_meeting::Column::Slot, Expr::value(place.0 as i32))
        .col_expr(event_meeting::Column::TableNo, Expr::value(place.1 as i32))
        .col_expr(event_meeting::Column::ScheduledAt, Expr::value(now))
        .filter(event_meeting::Column::Id.eq(meeting.id))
        .exec(txn)
        .await?;
    let time = repo::slots_of(row).get(place.0).map(timetable::Slot::label).unwrap_or_default();
    let table = place.1 + 1;
    let t = repo::title_of(row);
    tell_both(txn, mail, row, meeting, |lang, other| match lang {
        Lang::Zh => format!("你在「{}」与 {other} 的洽谈改到 {time}，{table} 号桌", t.zh),
        Lang::En => format!("Your meeting with {other} at {} moved to {time}, table {table}", t.en),
    })
    .await
}

/// `/events/{slug}/check-in/{registration}`
pub async fn check_in_page<C: ConnectionTrait>(
    db: &C,
    row: &event::Model,
    registration: &event_registration::Model,
    now: DateTime<Utc>,
) -> Result<CheckInPage, AppError> {
    let firms = meeting_repo::firms_by_registration(db, std::slice::from_ref(registration)).await?;
    let (items, _, _) = schedule_repo::items_of(db, row, registration, now).await?;
    Ok(CheckInPage {
        event: repo::cards(db, vec![row.clone()]).await?.into_iter().next().ok_or(AppError::NotFound)?,
        participant: participant(registration, &firms).ok_or(AppError::NotFound)?,
        items,
        may_act: repo::status_of(row) == EventStatus::Published,
    })
}

/// `/events/{slug}/badge` for a firm's registration.
pub async fn badge<C: ConnectionTrait>(
    db: &C,
    mail: &MailSettings,
    row: &event::Model,
    registration: &event_registration::Model,
    now: DateTime<Utc>,
) -> Result<BadgePage, AppError> {
    let (items, _, _) = schedule_repo::items_of(db, row, registration, now).await?;
    let firm = crate::read::named_org(&crate::read::organisation_by_id(db, registration.organisation_id).await?);
    let check_in_url = mail.link(&format!("/events/{}/check-in/{}", row.slug, registration.id));
    Ok(BadgePage {
        event: repo::cards(db, vec![row.clone()]).await?.into_iter().next().ok_or(AppError::NotFound)?,
        venue: Bilingual::new(&row.venue_zh, &row.venue_en),
        firm,
        side: Side::from_code(&registration.side).unwrap_or(Side::Supplier),
        // A badge is worn in public: the meetings, never what the firm noted of them.
        items: items.into_iter().filter(|i| !i.cancelled).map(|i| AgendaItem { outcome: None, may_record: false, ..i }).collect(),
        qr_svg: day::qr_svg(&check_in_url).ok_or(AppError::Internal)?,
        check_in_url,
    })
}

/// Whether `registration`'s side may record an outcome for `meeting` at `now`.
pub fn may_record(row: &event::Model, meeting: &event_meeting::Model, now: DateTime<Utc>) -> bool {
    let started = repo::slots_of(row).get(meeting.slot as usize).is_some_and(|s| timetable::in_china(row.day, s.start) <= now);
    let live_or_held = matches!(repo::status_of(row), EventStatus::Published | EventStatus::Finished);
    day::may_record_outcome(meeting.cancelled_at.is_some(), started, live_or_held)
}

/// Records (or changes) one side's outcome of a meeting.
pub async fn record_outcome<C: ConnectionTrait>(
    txn: &C,
    meeting: &event_meeting::Model,
    registration: &event_registration::Model,
    outcome: day::Outcome,
    note: &str,
    actor_id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    use crate::entities::meeting_outcome;
    use sea_orm::ActiveValue::Set;
    let existing = meeting_outcome::Entity::find()
        .filter(meeting_outcome::Column::MeetingId.eq(meeting.id))
        .filter(meeting_outcome::Column::RegistrationId.eq(registration.id))
        .one(txn)
        .await?;
    match existing {
        Some(found) => {
            meeting_outcome::Entity::update_many()
                .col_expr(meeting_outcome::Column::Outcome, Expr::value(outcome.code()))
                .col_expr(meeting_outcome::Column::Note, Expr::value(note))
                .col_expr(meeting_outcome::Column::RecordedBy, Expr::value(Some(actor_id)))
                .col_expr(meeting_outcome::Column::RecordedAt, Expr::value(now))
                .filter(meeting_outcome::Column::Id.eq(found.id))
                .exec(txn)
                .await?;
        }
        None => {
            meeting_outcome::Entity::insert(meeting_outcome::ActiveModel {
                meeting_id: Set(meeting.id),
                registration_id: Set(registration.id),
                outcome: Set(outcome.code().to_string()),
                note: Set(note.to_string()),
                recorded_by: Set(Some(actor_id)),
                recorded_at: Set(now),
                ..Default::default()
            })
            .exec(txn)
            .await?;
        }
    }
    Ok(())
}
