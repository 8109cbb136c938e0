//! The event report in the database: each meeting as the day view sees it,
//! with its supplier's belts and categories and both sides' outcomes; the
//! report page with its charts, its CSV file, and the order intents an
//! association's or a belt's pages show. Server only.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::belts::types::CategoryRef;
use crate::charts::{Stack, Tally};
use crate::entities::{belt_organisation, event, event_meeting, event_registration, meeting_outcome};
use crate::error::AppError;
use crate::events::day::{MeetingState, Outcome};
use crate::events::report::{self, ReportMeeting};
use crate::events::types::*;
use crate::events::{day_repo, repo};
use crate::i18n::{Bilingual, Lang};

/// One side's record of a meeting.
struct Recorded {
    outcome: Outcome,
    note: String,
}

/// A meeting with what the report and its file need.
struct Line {
    meeting: DayMeeting,
    belts: Vec<CategoryRef>,
    categories: Vec<CategoryRef>,
    supplier_said: Option<Recorded>,
    buyer_said: Option<Recorded>,
}

impl Line {
    fn for_report(&self) -> ReportMeeting {
        ReportMeeting {
            state: self.meeting.state,
            belts: self.belts.iter().map(|b| b.slug.clone()).collect(),
            categories: self.categories.iter().map(|c| c.slug.clone()).collect(),
            outcomes: [&self.supplier_said, &self.buyer_said].into_iter().flatten().map(|r| r.outcome).collect(),
        }
    }
}

/// What the report reads: the event's card, its slots' labels, and every
/// meeting as it stands at `now` (cancelled ones too) in slot and table order.
struct Gathered {
    event: EventCard,
    slots: Vec<String>,
    lines: Vec<Line>,
}

async fn gather<C: ConnectionTrait>(db: &C, row: &event::Model, now: DateTime<Utc>) -> Result<Gathered, AppError> {
    let day = day_repo::page(db, row, None, now).await?;
    let suppliers: HashSet<i32> = day.meetings.iter().map(|m| m.supplier_registration).collect();
    let registrations: HashMap<i32, i32> = event_registration::Entity::find()
        .filter(event_registration::Column::Id.is_in(suppliers))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.organisation_id))
        .collect();
    let orgs: Vec<i32> = registrations.values().copied().collect();
    let belt_links =
        belt_organisation::Entity::find().filter(belt_organisation::Column::OrganisationId.is_in(orgs.iter().copied())).all(db).await?;
    let belts = crate::read::belt_refs_by_owner(db, belt_links.into_iter().map(|l| (l.organisation_id, l.belt_id))).await?;
    let categories = crate::read::categories_by_org(db, orgs).await?;
    let mut said: HashMap<(i32, i32), Recorded> = meeting_outcome::Entity::find()
        .filter(meeting_outcome::Column::MeetingId.is_in(day.meetings.iter().map(|m| m.meeting_id)))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|o| Some(((o.meeting_id, o.registration_id), Recorded { outcome: Outcome::from_code(&o.outcome)?, note: o.note })))
        .collect();
    let lines = day
        .meetings
        .into_iter()
        .map(|meeting| {
            let org = registrations.get(&meeting.supplier_registration).copied().unwrap_or_default();
            Line {
                belts: belts.get(&org).cloned().unwrap_or_default(),
                categories: categories.get(&org).cloned().unwrap_or_default(),
                supplier_said: said.remove(&(meeting.meeting_id, meeting.supplier_registration)),
                buyer_said: said.remove(&(meeting.meeting_id, meeting.buyer_registration)),
                meeting,
            }
        })
        .collect();
    Ok(Gathered { event: day.event, slots: day.slots, lines })
}

fn not_stated() -> Bilingual {
    Bilingual::new("未注明", "Not stated")
}

fn chart(drawn: Result<String, String>, key: &str) -> String {
    drawn.unwrap_or_else(|error| {
        tracing::error!(key, %error, "a report chart could not be drawn; its table stands alone");
        String::new()
    })
}

fn breakdown(
    key: &str,
    lines: &[Line],
    meetings: &[ReportMeeting],
    refs_of: impl Fn(&Line) -> &[CategoryRef],
    keys_of: impl Fn(&ReportMeeting) -> &[String],
    lang: Lang,
) -> ReportBreakdown {
    let names: HashMap<&str, &Bilingual> = lines.iter().flat_map(|l| refs_of(l).iter()).map(|r| (r.slug.as_str(), &r.name)).collect();
    let rows: Vec<ReportRow> = report::grouped(meetings, keys_of)
        .into_iter()
        .map(|group| ReportRow { label: names.get(group.key.as_str()).map(|n| (*n).clone()).unwrap_or_else(not_stated), group })
        .collect();
    let with_outcomes: Vec<Stack> = rows
        .iter()
        .filter(|r| r.group.outcomes.iter().any(|c| *c > 0))
        .map(|r| Stack { label: r.label.clone(), counts: r.group.outcomes.to_vec() })
        .collect();
    let series: Vec<Bilingual> = Outcome::ALL.iter().map(|o| Bilingual::each(|lang| o.label(lang).to_string())).collect();
    ReportBreakdown { key: key.to_string(), svg: chart(crate::charts::stacked_bars(&with_outcomes, &series, lang), key), rows }
}

/// `/events/{slug}/report`, its charts drawn in `lang`.
pub async fn page<C: ConnectionTrait>(db: &C, row: &event::Model, lang: Lang, now: DateTime<Utc>) -> Result<EventReport, AppError> {
    let Gathered { event, lines, .. } = gather(db, row, now).await?;
    let meetings: Vec<ReportMeeting> = lines.iter().map(Line::for_report).collect();
    let figures = report::figures(&meetings);
    let label = |state: MeetingState| Bilingual::each(|lang| state.label(lang).to_string());
    let states: Vec<Tally> = [
        (MeetingState::Held, figures.held),
        (MeetingState::NoShow, figures.no_shows),
        (MeetingState::Upcoming, figures.upcoming),
        (MeetingState::Cancelled, figures.cancelled),
    ]
    .into_iter()
    .map(|(state, count)| Tally { label: label(state), count })
    .collect();
    let outcomes: Vec<Tally> = Outcome::ALL
        .iter()
        .zip(figures.outcomes)
        .map(|(o, count)| Tally { label: Bilingual::each(|lang| o.label(lang).to_string()), count })
        .collect();
    let meetings_svg =
        if figures.scheduled + figures.cancelled == 0 { String::new() } else { chart(crate::charts::bars(&states, lang), "meetings") };
    let outcomes_svg = if figures.recorded() == 0 { String::new() } else { chart(crate::charts::bars(&outcomes, lang), "outcomes") };
    Ok(EventReport {
        event,
        breakdowns: vec![
            breakdown("belts", &lines, &meetings, |l| &l.belts, |m| &m.belts, lang),
            breakdown("categories", &lines, &meetings, |l| &l.categories, |m| &m.categories, lang),
        ],
        figures,
        meetings_svg,
        outcomes_svg,
        computed_at: now.into(),
    })
}

/// The report as a spreadsheet: a row per meeting with both sides'
/// outcomes and notes (the organisers read them), in `lang`, formula-safe.
pub async fn csv<C: ConnectionTrait>(db: &C, row: &event::Model, lang: Lang, now: DateTime<Utc>) -> Result<Vec<u8>, AppError> {
    let Gathered { slots, lines, .. } = gather(db, row, now).await?;
    let zh = lang == Lang::Zh;
    let header: Vec<&str> = if zh {
        vec!["时间", "桌号", "供应方", "产业带", "品类", "采购方", "状态", "优先", "供应方结果", "供应方备注", "采购方结果", "采购方备注"]
    } else {
        vec![
            "Time",
            "Table",
            "Supplier",
            "Belts",
            "Categories",
            "Buyer",
            "State",
            "Priority",
            "Supplier's outcome",
            "Supplier's note",
            "Buyer's outcome",
            "Buyer's note",
        ]
    };
    let names = |refs: &[CategoryRef]| refs.iter().map(|r| r.name.get(lang).to_string()).collect::<Vec<_>>().join("; ");
    let outcome = |said: &Option<Recorded>| said.as_ref().map(|r| r.outcome.label(lang).to_string()).unwrap_or_default();
    let note = |said: &Option<Recorded>| said.as_ref().map(|r| r.note.clone()).unwrap_or_default();
    let rows: Vec<Vec<String>> = lines
        .iter()
        .map(|l| {
            let m = &l.meeting;
            vec![
                format!("{} {}", row.day.format("%Y-%m-%d"), slots.get(m.slot).cloned().unwrap_or_default()),
                (m.table + 1).to_string(),
                m.supplier.name.get(lang).to_string(),
                names(&l.belts),
                names(&l.categories),
                m.buyer.name.get(lang).to_string(),
                m.state.label(lang).to_string(),
                if m.priority {
                    if zh {
                        "是"
                    } else {
                        "yes"
                    }
                } else {
                    ""
                }
                .to_string(),
                outcome(&l.supplier_said),
                note(&l.supplier_said),
                outcome(&l.buyer_said),
                note(&l.buyer_said),
            ]
        })
        .collect();
    crate::spreadsheet::csv_file(&header, &rows)
}

/// Order intents at the public (published or finished) events whose
/// `column` is `id`: an association's events, or a belt's. A meeting counts
/// once however many sides intend to order; a cancelled one never.
pub async fn order_intents<C: ConnectionTrait>(db: &C, column: event::Column, id: i32) -> Result<OrderIntents, AppError> {
    let events: Vec<i32> = event::Entity::find()
        .filter(repo::listed_association())
        .filter(column.eq(id))
        .filter(event::Column::Status.is_in([EventStatus::Published.code(), EventStatus::Finished.code()]))
        .all(db)
        .await?
        .into_iter()
        .map(|e| e.id)
        .collect();
    let meetings: HashMap<i32, i32> = event_meeting::Entity::find()
        .filter(event_meeting::Column::EventId.is_in(events))
        .filter(event_meeting::Column::CancelledAt.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m.event_id))
        .collect();
    let intended: HashSet<i32> = meeting_outcome::Entity::find()
        .filter(meeting_outcome::Column::Outcome.eq(Outcome::OrderIntent.code()))
        .filter(meeting_outcome::Column::MeetingId.is_in(meetings.keys().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|o| o.meeting_id)
        .collect();
    let at: HashSet<i32> = intended.iter().filter_map(|m| meetings.get(m).copied()).collect();
    Ok(OrderIntents { meetings: intended.len() as u64, events: at.len() as u64 })
}
