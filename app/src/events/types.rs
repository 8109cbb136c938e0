//! What events are made of: their statuses and sides, the entry criteria per
//! side, and what the pages show.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::belts::types::CategoryRef;
use crate::clock::Moment;
use crate::coded_enum;
use crate::i18n::Bilingual;
use crate::readiness::types::PlatformCriteria;
use crate::suppliers::types::Quantity;

pub use crate::scouting::types::Named;

coded_enum! {
    /// Draft → published → cancelled or finished. Only its organisers see a draft.
    pub enum EventStatus {
        Draft = ("draft", "草稿", "Draft"),
        Published = ("published", "已发布", "Published"),
        Cancelled = ("cancelled", "已取消", "Cancelled"),
        Finished = ("finished", "已结束", "Finished"),
    }
}

coded_enum! {
    /// The two sides that meet: manufacturers supply, platforms buy.
    pub enum Side {
        Supplier = ("supplier", "供应商", "Supplier"),
        Buyer = ("buyer", "采购方（平台）", "Buyer (platform)"),
    }
}

coded_enum! {
    pub enum RegistrationStatus {
        Accepted = ("accepted", "已报名", "Registered"),
        Waitlisted = ("waitlisted", "候补中", "On the waitlist"),
        Withdrawn = ("withdrawn", "已退出", "Withdrawn"),
    }
}

coded_enum! {
    /// What an organiser can do to an event's status.
    pub enum StatusChange {
        Publish = ("publish", "发布", "Publish"),
        Cancel = ("cancel", "取消活动", "Cancel the event"),
        Finish = ("finish", "标记为已结束", "Mark as finished"),
    }
}

/// One side's entry criteria: a platform's supplier criteria (the readiness
/// rules judge them) and a least monthly capacity. Empty asks nothing.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SideCriteria {
    #[serde(default)]
    pub criteria: PlatformCriteria,
    #[serde(default)]
    pub min_monthly_capacity: Option<Quantity>,
}

/// An event as checked from its form, before it is saved.
#[derive(Clone, Debug, PartialEq)]
pub struct EventData {
    pub platform: Option<String>,
    pub belt: Option<String>,
    pub title: Bilingual,
    pub description: Bilingual,
    pub venue: Bilingual,
    pub city: Bilingual,
    /// Latitude and longitude.
    pub position: Option<(f64, f64)>,
    pub day: chrono::NaiveDate,
    pub starts_at: chrono::NaiveTime,
    pub ends_at: chrono::NaiveTime,
    pub slot_minutes: u32,
    pub breaks: Vec<crate::events::timetable::Break>,
    pub tables: u32,
    pub registration_opens: chrono::NaiveDate,
    pub registration_closes: chrono::NaiveDate,
    pub supplier_seats: Option<u32>,
    pub buyer_seats: Option<u32>,
    pub supplier_criteria: SideCriteria,
    pub buyer_criteria: SideCriteria,
}

/// An event as listed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventCard {
    pub slug: String,
    pub title: Bilingual,
    pub association: Named,
    pub platform: Option<Named>,
    pub belt: Option<CategoryRef>,
    pub city: Bilingual,
    /// `YYYY-MM-DD`, China.
    pub day: String,
    /// `HH:MM`–`HH:MM`, China time.
    pub hours: String,
    pub status: EventStatus,
    /// Accepted registrations: suppliers, buyers.
    pub registered: (u32, u32),
    pub is_demo: bool,
}

/// `/events`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventList {
    pub upcoming: Vec<EventCard>,
    pub past: Vec<EventCard>,
    /// Drafts and every other event of the associations the viewer runs.
    pub own: Vec<EventCard>,
    pub may_create: bool,
    /// For the filters.
    pub belts: Vec<CategoryRef>,
    pub cities: Vec<Bilingual>,
    pub platforms: Vec<Named>,
}

/// One side of an event as the event page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SideView {
    pub side: Side,
    /// `None`: no limit.
    pub seats: Option<u32>,
    pub taken: u32,
    pub waiting: u32,
    /// The entry criteria in words.
    pub requirements: Vec<Bilingual>,
    /// Accepted firms.
    pub participants: Vec<Named>,
}

/// A registration as its firm, or the organisers, see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegistrationView {
    pub id: i32,
    pub firm: Named,
    pub side: Side,
    pub status: RegistrationStatus,
    /// On the waitlist: 1 is next in.
    pub position: Option<u32>,
    pub created_at: Moment,
}

/// A registration refused for the entry criteria: each unmet one, in words,
/// and whether the profile says otherwise or does not say.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Refused {
    pub firm: Named,
    pub failed: Vec<(Bilingual, bool)>,
}

/// What the viewer may do on an event page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EventViewer {
    pub signed_in: bool,
    pub manages: bool,
    /// Firms the viewer runs that may register, and the side they would take.
    pub may_register: Vec<(Named, Side)>,
    /// The viewer's firms' registrations.
    pub registrations: Vec<RegistrationView>,
}

/// `/events/{slug}`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventPage {
    pub card: EventCard,
    pub description: Bilingual,
    pub venue: Bilingual,
    pub position: Option<(f64, f64)>,
    /// The belt's province, to shade on the map.
    pub province: Option<String>,
    /// The meeting slots, `HH:MM`–`HH:MM`.
    pub slots: Vec<String>,
    pub breaks: Vec<String>,
    pub slot_minutes: u32,
    pub tables: u32,
    pub registration_opens: String,
    pub registration_closes: String,
    pub registration_open: bool,
    pub sides: Vec<SideView>,
    pub viewer: EventViewer,
    /// For the organisers: every registration, waitlist included.
    pub registrations: Vec<RegistrationView>,
}

/// The event form's data: an event (`slug`), or a new one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventEditor {
    pub slug: Option<String>,
    pub status: Option<EventStatus>,
    /// The associations the viewer may run events for.
    pub associations: Vec<Named>,
    pub platforms: Vec<Named>,
    pub belts: Vec<CategoryRef>,
    pub categories: Vec<CategoryRef>,
    pub values: BTreeMap<String, String>,
}

/// A meeting request as one of its two firms (or an organiser) sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequestView {
    pub id: i32,
    pub from: Named,
    pub to: Named,
    /// Only the two firms and the organisers read it.
    pub note: String,
    pub status: crate::events::meetings::RequestStatus,
    /// Set by an organiser.
    pub priority: bool,
    pub created_at: Moment,
}

/// A participant on the other side, as the meetings page lists them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Counterpart {
    pub registration_id: i32,
    pub firm: Named,
    /// What it makes (suppliers' profile categories).
    pub categories: Vec<Bilingual>,
    /// The open request between the viewer's firm and this one, if any.
    pub open_request: Option<crate::events::meetings::RequestStatus>,
}

/// `/events/{slug}/meetings`: one registered firm's view of the other side,
/// its requests, and the slots it cannot attend.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeetingsPage {
    pub event: EventCard,
    pub firm: Named,
    pub side: Side,
    /// The viewer's other registered firms at this event.
    pub other_firms: Vec<Named>,
    /// The viewer may act for the firm (owner or editor).
    pub may_act: bool,
    /// The firm has a seat (a firm on the waitlist asks once it has one).
    pub registered: bool,
    pub requests_open: bool,
    /// When requests close, `YYYY-MM-DD HH:MM` China time.
    pub requests_close: String,
    pub counterparts: Vec<Counterpart>,
    pub incoming: Vec<RequestView>,
    pub outgoing: Vec<RequestView>,
    pub open_outgoing: usize,
    pub limit: usize,
    pub slots: Vec<String>,
    pub unavailable: Vec<usize>,
}

/// A meeting's place in the day: (slot, table), both from 0.
pub type Place = (usize, usize);

/// What an organisers' scheduling run did, kept on the event (as JSON) so
/// the schedule page can say it afterwards. Requests by id.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ScheduleRun {
    pub ran_at: chrono::DateTime<chrono::Utc>,
    /// Built afresh, not keeping the published meetings in place.
    pub rebuild: bool,
    /// Accepted requests the run had to place.
    pub requests: usize,
    pub placed: usize,
    /// No schedule keeping the kept meetings in place holds more.
    pub upper_bound: usize,
    /// What first come, first served would have placed.
    pub greedy: usize,
    pub kept: usize,
    /// (request, slot and table before, slot and table after)
    pub moved: Vec<(i32, Place, Place)>,
    pub added: Vec<i32>,
    /// Published before, not placed now (the request was withdrawn, a firm
    /// left, or its slot no longer works and none other does).
    pub dropped: Vec<(i32, Place)>,
}

/// One meeting as the schedule and the agendas show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlannedMeeting {
    pub request_id: i32,
    pub supplier: Named,
    pub buyer: Named,
    pub priority: bool,
    /// From 0; `None` while not placed.
    pub slot: Option<usize>,
    /// From 0.
    pub table: Option<usize>,
}

/// A meeting that moved in the last run, or was dropped (`after` is `None`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MovedMeeting {
    pub supplier: Named,
    pub buyer: Named,
    pub before: Place,
    pub after: Option<Place>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScheduleRunView {
    pub ran_at: Moment,
    pub rebuild: bool,
    pub requests: usize,
    pub placed: usize,
    pub upper_bound: usize,
    pub greedy: usize,
    pub kept: usize,
    pub added: usize,
    pub moved: Vec<MovedMeeting>,
}

/// `/events/{slug}/schedule`: the organisers' schedule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SchedulePage {
    pub event: EventCard,
    /// `HH:MM`–`HH:MM`, China time.
    pub slots: Vec<String>,
    pub tables: usize,
    /// Participants with a seat, suppliers and buyers.
    pub participants: (usize, usize),
    /// Placed meetings by slot then table, then accepted requests not placed.
    pub meetings: Vec<PlannedMeeting>,
    pub last_run: Option<ScheduleRunView>,
    /// The event takes a new schedule (published, not over).
    pub may_run: bool,
}

/// One meeting on a firm's agenda.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub request_id: i32,
    pub slot: usize,
    /// `HH:MM`–`HH:MM`, China time.
    pub time: String,
    /// From 0; shown from 1.
    pub table: usize,
    pub counterpart: Named,
    pub priority: bool,
    /// Cancelled by the organisers on the day.
    pub cancelled: bool,
    pub meeting_id: i32,
    /// The firm may record how it went (its slot has begun).
    pub may_record: bool,
    /// What the firm recorded, and its note (the other side's is not here).
    pub outcome: Option<(crate::events::day::Outcome, String)>,
}

/// `/events/{slug}/agenda`: a registered firm's meetings on the day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgendaPage {
    pub event: EventCard,
    pub venue: Bilingual,
    pub firm: Named,
    pub side: Side,
    pub other_firms: Vec<Named>,
    pub may_act: bool,
    pub items: Vec<AgendaItem>,
    /// Accepted requests of the firm's not (yet) in the schedule.
    pub unplaced: Vec<Named>,
    /// The organisers have scheduled the event.
    pub scheduled: bool,
    /// The firm's calendar subscription address (`https://…/calendars/….ics`), once made.
    pub subscription: Option<String>,
}

/// A firm with a seat, as the day's desk sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DayParticipant {
    pub registration_id: i32,
    pub firm: Named,
    pub side: Side,
    pub checked_in: Option<Moment>,
}

/// One meeting on the organisers' day view.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DayMeeting {
    pub meeting_id: i32,
    pub slot: usize,
    pub table: usize,
    pub supplier: Named,
    pub buyer: Named,
    pub supplier_registration: i32,
    pub buyer_registration: i32,
    pub supplier_here: bool,
    pub buyer_here: bool,
    pub state: crate::events::day::MeetingState,
    pub priority: bool,
}

/// `/events/{slug}/day`: the organisers' day — the table plan as it stands,
/// who has arrived, and moving or cancelling a meeting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DayPage {
    pub event: EventCard,
    pub slots: Vec<String>,
    pub meetings: Vec<DayMeeting>,
    pub participants: Vec<DayParticipant>,
    /// The event is published: check-in, moves and cancellations are open.
    pub may_act: bool,
    /// The meeting being moved, and the places it may go.
    pub moving: Option<(DayMeeting, Vec<Place>)>,
}

/// `/events/{slug}/check-in/{registration}`: what the badge's QR code opens.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckInPage {
    pub event: EventCard,
    pub participant: DayParticipant,
    pub items: Vec<AgendaItem>,
    pub may_act: bool,
}

/// `/events/{slug}/badge`: a participant's printable badge.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BadgePage {
    pub event: EventCard,
    pub venue: Bilingual,
    pub firm: Named,
    pub side: Side,
    pub items: Vec<AgendaItem>,
    /// The QR code (SVG made on the server from the check-in address only).
    pub qr_svg: String,
    pub check_in_url: String,
}

/// One row of a report's breakdown: a belt or a category ("not stated" for
/// suppliers that name none) and its meetings and outcomes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportRow {
    pub label: Bilingual,
    pub group: crate::events::report::Group,
}

/// The report's meetings and outcomes by the supplier's belt, or category.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportBreakdown {
    /// `belts` or `categories`: the anchor, and which heading.
    pub key: String,
    pub rows: Vec<ReportRow>,
    /// Outcomes stacked by kind, drawn on the server in the viewer's language
    /// (empty when no outcome is recorded).
    pub svg: String,
}

/// `/events/{slug}/report`: how the day went, for its organisers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventReport {
    pub event: EventCard,
    pub figures: crate::events::report::Figures,
    /// The meetings by how they stood, and the outcomes by kind, as SVG.
    pub meetings_svg: String,
    pub outcomes_svg: String,
    pub breakdowns: Vec<ReportBreakdown>,
    pub computed_at: Moment,
}

/// Order intents recorded at an association's or a belt's events, for their pages.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderIntents {
    /// Meetings where at least one side recorded an intent to order.
    pub meetings: u64,
    /// The events those meetings were at.
    pub events: u64,
}

/// An association's or a belt's events, and the order intents recorded at them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EventsOf {
    pub cards: Vec<EventCard>,
    pub order_intents: OrderIntents,
}
