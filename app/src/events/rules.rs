//! The rules of an event, as pure functions: reading and checking its form,
//! when registration is open, who takes which side, what each side's entry
//! criteria ask, and where a change of status takes it.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveTime};

use crate::events::timetable::{self, Break, TimetableProblem};
use crate::events::types::*;
use crate::forms::{self, FormErrors, Problem};
use crate::orgs::types::OrgKind;
use crate::readiness::types::{PlatformCriteria, Requirement};
use crate::suppliers::rules::{choices, number, quantity, FLOOR_AREA_MAX, LIST_MAX};
use crate::suppliers::types::Certification;

pub const TITLE_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 4_000;
pub const PLACE_MAX: usize = 200;
/// How far ahead an event may be set.
pub const DAY_MAX_DAYS: i64 = 365;
pub const TABLES_MAX: i64 = 200;
pub const SEATS_MAX: i64 = 5_000;
pub const EXPORT_YEARS_MAX: i64 = 100;
/// China, roughly: a position outside this box is a typing mistake.
const LATITUDES: std::ops::RangeInclusive<f64> = 18.0..=54.0;
const LONGITUDES: std::ops::RangeInclusive<f64> = 73.0..=136.0;

/// An event form as submitted: every value as typed. Fields starting `s_`
/// are the suppliers' entry criteria, `b_` the buyers'.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventForm {
    pub association: String,
    pub platform: String,
    pub belt: String,
    pub title_zh: String,
    pub title_en: String,
    pub description_zh: String,
    pub description_en: String,
    pub venue_zh: String,
    pub venue_en: String,
    pub city_zh: String,
    pub city_en: String,
    pub latitude: String,
    pub longitude: String,
    pub day: String,
    pub starts_at: String,
    pub ends_at: String,
    pub slot_minutes: String,
    pub breaks: String,
    pub tables: String,
    pub registration_opens: String,
    pub registration_closes: String,
    pub supplier_seats: String,
    pub buyer_seats: String,
    pub s_categories: Vec<String>,
    pub s_certifications: Vec<String>,
    pub s_capacity_value: String,
    pub s_capacity_unit: String,
    pub s_own_factory: bool,
    pub s_min_floor_area: String,
    pub s_export_years: String,
    pub s_verified: bool,
    pub b_verified: bool,
}

/// What exists for a form's choices to be checked against.
#[derive(Clone, Debug, Default)]
pub struct Known<'a> {
    pub platforms: &'a [String],
    pub belts: &'a [String],
    pub categories: &'a [String],
}

fn flag(on: bool) -> String {
    if on {
        "yes".to_string()
    } else {
        String::new()
    }
}

fn hh_mm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

/// Breaks as stored and as the form shows them: `12:00-13:30`, comma-joined.
pub fn breaks_text(breaks: &[Break]) -> String {
    breaks.iter().map(|b| format!("{}-{}", hh_mm(b.start), hh_mm(b.end))).collect::<Vec<_>>().join(", ")
}

impl EventForm {
    /// The values as the form's fields hold them (lists comma-joined).
    pub fn field_values(&self) -> BTreeMap<String, String> {
        let pairs = [
            ("association", self.association.clone()),
            ("platform", self.platform.clone()),
            ("belt", self.belt.clone()),
            ("title_zh", self.title_zh.clone()),
            ("title_en", self.title_en.clone()),
            ("description_zh", self.description_zh.clone()),
            ("description_en", self.description_en.clone()),
            ("venue_zh", self.venue_zh.clone()),
            ("venue_en", self.venue_en.clone()),
            ("city_zh", self.city_zh.clone()),
            ("city_en", self.city_en.clone()),
            ("latitude", self.latitude.clone()),
            ("longitude", self.longitude.clone()),
            ("day", self.day.clone()),
            ("starts_at", self.starts_at.clone()),
            ("ends_at", self.ends_at.clone()),
            ("slot_minutes", self.slot_minutes.clone()),
            ("breaks", self.breaks.clone()),
            ("tables", self.tables.clone()),
            ("registration_opens", self.registration_opens.clone()),
            ("registration_closes", self.registration_closes.clone()),
            ("supplier_seats", self.supplier_seats.clone()),
            ("buyer_seats", self.buyer_seats.clone()),
            ("s_categories", self.s_categories.join(",")),
            ("s_certifications", self.s_certifications.join(",")),
            ("s_capacity_value", self.s_capacity_value.clone()),
            ("s_capacity_unit", self.s_capacity_unit.clone()),
            ("s_own_factory", flag(self.s_own_factory)),
            ("s_min_floor_area", self.s_min_floor_area.clone()),
            ("s_export_years", self.s_export_years.clone()),
            ("s_verified", flag(self.s_verified)),
            ("b_verified", flag(self.b_verified)),
        ];
        pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
    }

    /// The form a saved event fills in.
    pub fn from_data(association: &str, e: &EventData) -> EventForm {
        let s = &e.supplier_criteria;
        let number = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
        let (latitude, longitude) = e.position.map(|(lat, lng)| (lat.to_string(), lng.to_string())).unwrap_or_default();
        EventForm {
            association: association.to_string(),
            platform: e.platform.clone().unwrap_or_default(),
            belt: e.belt.clone().unwrap_or_default(),
            title_zh: e.title.zh.clone(),
            title_en: e.title.en.clone(),
            description_zh: e.description.zh.clone(),
            description_en: e.description.en.clone(),
            venue_zh: e.venue.zh.clone(),
            venue_en: e.venue.en.clone(),
            city_zh: e.city.zh.clone(),
            city_en: e.city.en.clone(),
            latitude,
            longitude,
            day: e.day.format("%Y-%m-%d").to_string(),
            starts_at: hh_mm(e.starts_at),
            ends_at: hh_mm(e.ends_at),
            slot_minutes: e.slot_minutes.to_string(),
            breaks: breaks_text(&e.breaks),
            tables: e.tables.to_string(),
            registration_opens: e.registration_opens.format("%Y-%m-%d").to_string(),
            registration_closes: e.registration_closes.format("%Y-%m-%d").to_string(),
            supplier_seats: number(e.supplier_seats),
            buyer_seats: number(e.buyer_seats),
            s_categories: s.criteria.category_slugs.clone(),
            s_certifications: s.criteria.certifications.iter().map(|c| c.code().to_string()).collect(),
            s_capacity_value: s.min_monthly_capacity.map(|q| q.value.to_string()).unwrap_or_default(),
            s_capacity_unit: s.min_monthly_capacity.map(|q| q.unit.code().to_string()).unwrap_or_default(),
            s_own_factory: s.criteria.own_factory,
            s_min_floor_area: s.criteria.min_floor_area_m2.map(|a| a.to_string()).unwrap_or_default(),
            s_export_years: s.criteria.min_export_years.map(|y| y.to_string()).unwrap_or_default(),
            s_verified: s.criteria.business_licence,
            b_verified: e.buyer_criteria.criteria.business_licence,
        }
    }
}

/// A time of day as `09:30` (also `9:30`, `0930`, a full-width colon or digits).
pub fn time_of_day(input: &str) -> Option<NaiveTime> {
    let normal: String = input
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '：' | '.' => ':',
            _ => c,
        })
        .collect();
    let normal =
        if normal.len() == 4 && normal.chars().all(|c| c.is_ascii_digit()) { format!("{}:{}", &normal[..2], &normal[2..]) } else { normal };
    NaiveTime::parse_from_str(&normal, "%H:%M").ok()
}

fn time(errors: &mut FormErrors, field: &str, input: &str) -> Option<NaiveTime> {
    if input.trim().is_empty() {
        errors.add(field, Problem::Required);
        return None;
    }
    let time = time_of_day(input);
    if time.is_none() {
        errors.add(field, Problem::NotATime);
    }
    time
}

/// Breaks written one a line or comma-separated, each `12:00-13:30`
/// (a dash, tilde or `至` between); `None` when one cannot be read.
pub fn parse_breaks(input: &str) -> Option<Vec<Break>> {
    input
        .split(['\n', ',', '，', ';', '；'])
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| {
            let (start, end) = line.split_once(['-', '–', '—', '~', '～', '至'])?;
            Some(Break { start: time_of_day(start)?, end: time_of_day(end)? })
        })
        .collect()
}

fn whole(errors: &mut FormErrors, field: &str, input: &str, min: i64, max: i64, required: bool) -> Option<u32> {
    if required && input.trim().is_empty() {
        errors.add(field, Problem::Required);
        return None;
    }
    number(errors, field, input, min, max).map(|n| n as u32)
}

fn position(errors: &mut FormErrors, latitude: &str, longitude: &str) -> Option<(f64, f64)> {
    let (lat, lng) = (latitude.trim(), longitude.trim());
    if lat.is_empty() && lng.is_empty() {
        return None;
    }
    match (lat.parse::<f64>(), lng.parse::<f64>()) {
        (Ok(lat), Ok(lng)) if LATITUDES.contains(&lat) && LONGITUDES.contains(&lng) => Some((lat, lng)),
        _ => {
            errors.add("latitude", Problem::NotAPosition);
            None
        }
    }
}

fn chosen(errors: &mut FormErrors, field: &str, input: &str, known: &[String]) -> Option<String> {
    let input = input.trim();
    if input.is_empty() {
        return None;
    }
    if !known.iter().any(|k| k == input) {
        errors.add(field, Problem::NotAChoice);
        return None;
    }
    Some(input.to_string())
}

/// Checks a submitted event against every rule. `today` is China's date;
/// the day must be from today to [`DAY_MAX_DAYS`] ahead.
///
/// # Errors
/// The problems found, one per field, with the submitted values kept.
pub fn validate(form: &EventForm, known: &Known, today: NaiveDate) -> Result<EventData, FormErrors> {
    let mut errors = FormErrors::new();
    for (field, value) in form.field_values() {
        errors.keep(&field, &value);
    }
    let platform = chosen(&mut errors, "platform", &form.platform, known.platforms);
    let belt = chosen(&mut errors, "belt", &form.belt, known.belts);
    let title = forms::bilingual(&mut errors, "title", &form.title_zh, &form.title_en, TITLE_MAX, true);
    let description = forms::bilingual(&mut errors, "description", &form.description_zh, &form.description_en, DESCRIPTION_MAX, false);
    let venue = forms::bilingual(&mut errors, "venue", &form.venue_zh, &form.venue_en, PLACE_MAX, true);
    let city = forms::bilingual(&mut errors, "city", &form.city_zh, &form.city_en, PLACE_MAX, true);
    let position = position(&mut errors, &form.latitude, &form.longitude);
    let day = forms::date_ahead(&mut errors, "day", &form.day, today, DAY_MAX_DAYS);
    let starts_at = time(&mut errors, "starts_at", &form.starts_at);
    let ends_at = time(&mut errors, "ends_at", &form.ends_at);
    let slot_minutes = whole(&mut errors, "slot_minutes", &form.slot_minutes, 5, 120, true);
    let breaks = parse_breaks(&form.breaks);
    if breaks.is_none() {
        errors.add("breaks", Problem::BadBreaks);
    }
    if let (Some(start), Some(end), Some(minutes), Some(breaks)) = (starts_at, ends_at, slot_minutes, &breaks) {
        match timetable::slots(start, end, minutes, breaks) {
            Ok(_) => {}
            Err(TimetableProblem::EndsBeforeStart) => errors.add("ends_at", Problem::EndsBeforeStart),
            Err(TimetableProblem::SlotLength) => errors.add("slot_minutes", Problem::AtLeast { min: 5 }),
            Err(TimetableProblem::BadBreak) => errors.add("breaks", Problem::BadBreaks),
            Err(TimetableProblem::NoSlots) => errors.add("slot_minutes", Problem::NoSlotsFit),
            Err(TimetableProblem::TooManySlots) => {
                errors.add("slot_minutes", Problem::TooManySlots { max: crate::events::schedule::MOST_SLOTS })
            }
        }
    }
    let tables = whole(&mut errors, "tables", &form.tables, 1, TABLES_MAX, true);
    let opens = forms::date(&mut errors, "registration_opens", &form.registration_opens);
    let closes = forms::date(&mut errors, "registration_closes", &form.registration_closes);
    if let (Some(opens), Some(closes)) = (opens, closes) {
        if opens > closes {
            errors.add("registration_opens", Problem::OpensAfterCloses);
        }
        if day.is_some_and(|day| closes > day) {
            errors.add("registration_closes", Problem::ClosesAfterTheDay);
        }
    }
    let supplier_seats = whole(&mut errors, "supplier_seats", &form.supplier_seats, 1, SEATS_MAX, false);
    let buyer_seats = whole(&mut errors, "buyer_seats", &form.buyer_seats, 1, SEATS_MAX, false);
    let category_slugs = forms::known_slugs(&mut errors, "s_categories", &form.s_categories, known.categories, LIST_MAX);
    let certifications = choices(&mut errors, "s_certifications", &form.s_certifications, Certification::from_code);
    let min_monthly_capacity = quantity(&mut errors, "s_capacity", &form.s_capacity_value, &form.s_capacity_unit);
    let min_floor_area_m2 = number(&mut errors, "s_min_floor_area", &form.s_min_floor_area, 1, FLOOR_AREA_MAX).map(|a| a as i32);
    let min_export_years = number(&mut errors, "s_export_years", &form.s_export_years, 1, EXPORT_YEARS_MAX).map(|y| y as i32);
    match (errors.is_empty(), day, starts_at, ends_at, slot_minutes, breaks, tables, opens, closes) {
        (true, Some(day), Some(starts_at), Some(ends_at), Some(slot_minutes), Some(breaks), Some(tables), Some(opens), Some(closes)) => {
            Ok(EventData {
                platform,
                belt,
                title,
                description,
                venue,
                city,
                position,
                day,
                starts_at,
                ends_at,
                slot_minutes,
                breaks,
                tables,
                registration_opens: opens,
                registration_closes: closes,
                supplier_seats,
                buyer_seats,
                supplier_criteria: SideCriteria {
                    criteria: PlatformCriteria {
                        own_factory: form.s_own_factory,
                        min_floor_area_m2,
                        certifications,
                        min_export_years,
                        business_licence: form.s_verified,
                        category_slugs,
                        ..PlatformCriteria::default()
                    },
                    min_monthly_capacity,
                },
                buyer_criteria: SideCriteria {
                    criteria: PlatformCriteria { business_licence: form.b_verified, ..PlatformCriteria::default() },
                    min_monthly_capacity: None,
                },
            })
        }
        _ => Err(errors),
    }
}

/// What a side's entry criteria ask, one requirement each.
pub fn requirements(side: &SideCriteria) -> Vec<Requirement> {
    let mut all = crate::readiness::rules::requirements(&side.criteria);
    all.extend(side.min_monthly_capacity.map(Requirement::MonthlyCapacity));
    all
}

/// The side an organisation takes: manufacturers supply, platforms buy;
/// others do not attend.
pub fn side_for(kind: OrgKind) -> Option<Side> {
    match kind {
        OrgKind::Manufacturer => Some(Side::Supplier),
        OrgKind::Platform => Some(Side::Buyer),
        _ => None,
    }
}

/// Whether registration is open on `today` (China's date): published, and
/// from the day it opens to the day it closes.
pub fn registration_open(status: EventStatus, opens: NaiveDate, closes: NaiveDate, today: NaiveDate) -> bool {
    status == EventStatus::Published && opens <= today && today <= closes
}

/// Where a change of status takes an event, or why it cannot: cancelled
/// and finished events stay so; a draft is published only for a day not
/// past; an event is finished on its day or after.
///
/// # Errors
/// The field and problem to show.
pub fn transition(
    status: EventStatus,
    change: StatusChange,
    day: NaiveDate,
    today: NaiveDate,
) -> Result<EventStatus, (&'static str, Problem)> {
    match (status, change) {
        (EventStatus::Cancelled | EventStatus::Finished, _) => Err(("change", Problem::AlreadyClosed)),
        (EventStatus::Draft, StatusChange::Publish) if day < today => Err(("day", Problem::DateInThePast)),
        (EventStatus::Draft, StatusChange::Publish) => Ok(EventStatus::Published),
        (EventStatus::Published, StatusChange::Publish) => Err(("change", Problem::AlreadyClosed)),
        (_, StatusChange::Cancel) => Ok(EventStatus::Cancelled),
        (EventStatus::Draft, StatusChange::Finish) => Err(("change", Problem::NotAChoice)),
        (EventStatus::Published, StatusChange::Finish) if day > today => Err(("change", Problem::NotHeldYet)),
        (EventStatus::Published, StatusChange::Finish) => Ok(EventStatus::Finished),
    }
}

/// The changes an organiser is offered for an event in `status`.
pub fn changes_offered(status: EventStatus) -> &'static [StatusChange] {
    match status {
        EventStatus::Draft => &[StatusChange::Publish, StatusChange::Cancel],
        EventStatus::Published => &[StatusChange::Finish, StatusChange::Cancel],
        EventStatus::Cancelled | EventStatus::Finished => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suppliers::types::{Quantity, QuantityUnit};
    use proptest::prelude::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()
    }

    fn form() -> EventForm {
        EventForm {
            association: "qingdao".into(),
            platform: "shein".into(),
            belt: "jiaozhou-baseball-caps".into(),
            title_zh: "希音棒球帽产业带对接会".into(),
            venue_zh: "胶州市会展中心".into(),
            city_zh: "胶州".into(),
            city_en: "Jiaozhou".into(),
            latitude: "36.29".into(),
            longitude: "120.01".into(),
            day: "2027-01-15".into(),
            starts_at: "9:00".into(),
            ends_at: "17：00".into(),
            slot_minutes: "20".into(),
            breaks: "12:00-13:30".into(),
            tables: "12".into(),
            registration_opens: "2026-12-01".into(),
            registration_closes: "2027-01-10".into(),
            supplier_seats: "40".into(),
            s_certifications: vec!["bsci".into()],
            s_capacity_value: "10,000".into(),
            s_capacity_unit: "piece".into(),
            ..EventForm::default()
        }
    }

    fn known() -> (Vec<String>, Vec<String>, Vec<String>) {
        (vec!["shein".into()], vec!["jiaozhou-baseball-caps".into()], vec!["caps".into()])
    }

    #[test]
    fn a_good_form_reads_and_reads_back_the_same() {
        let (platforms, belts, categories) = known();
        let known = Known { platforms: &platforms, belts: &belts, categories: &categories };
        let data = validate(&form(), &known, today()).unwrap();
        assert_eq!(data.starts_at, NaiveTime::from_hms_opt(9, 0, 0).unwrap());
        assert_eq!(data.supplier_seats, Some(40));
        assert_eq!(data.buyer_seats, None);
        assert_eq!(data.supplier_criteria.min_monthly_capacity, Some(Quantity { value: 10_000, unit: QuantityUnit::Piece }));
        assert_eq!(
            requirements(&data.supplier_criteria),
            vec![
                Requirement::Certification(Certification::Bsci),
                Requirement::MonthlyCapacity(Quantity { value: 10_000, unit: QuantityUnit::Piece })
            ]
        );
        let again = validate(&EventForm::from_data("qingdao", &data), &known, today()).unwrap();
        assert_eq!(again, data, "a saved event fills its form");
    }

    #[test]
    fn each_bad_field_is_named() {
        let (platforms, belts, categories) = known();
        let known = Known { platforms: &platforms, belts: &belts, categories: &categories };
        type Case = (&'static str, Box<dyn Fn(&mut EventForm)>, Problem);
        let cases: Vec<Case> = vec![
            ("platform", Box::new(|f| f.platform = "nobody".into()), Problem::NotAChoice),
            ("title_zh", Box::new(|f| f.title_zh.clear()), Problem::NeedOneLanguage),
            ("latitude", Box::new(|f| f.longitude.clear()), Problem::NotAPosition),
            ("latitude", Box::new(|f| f.latitude = "10.5".into()), Problem::NotAPosition),
            ("day", Box::new(|f| f.day = "2026-11-30".into()), Problem::DateInThePast),
            ("starts_at", Box::new(|f| f.starts_at = "nine".into()), Problem::NotATime),
            ("ends_at", Box::new(|f| f.ends_at = "08:00".into()), Problem::EndsBeforeStart),
            ("breaks", Box::new(|f| f.breaks = "lunch".into()), Problem::BadBreaks),
            ("breaks", Box::new(|f| f.breaks = "07:00-08:00".into()), Problem::BadBreaks),
            ("slot_minutes", Box::new(|f| f.slot_minutes = "121".into()), Problem::AtMost { max: 120 }),
            ("slot_minutes", Box::new(|f| f.slot_minutes = "5".into()), Problem::TooManySlots { max: crate::events::schedule::MOST_SLOTS }),
            ("tables", Box::new(|f| f.tables.clear()), Problem::Required),
            ("registration_opens", Box::new(|f| f.registration_opens = "2027-01-11".into()), Problem::OpensAfterCloses),
            ("registration_closes", Box::new(|f| f.registration_closes = "2027-01-16".into()), Problem::ClosesAfterTheDay),
            ("supplier_seats", Box::new(|f| f.supplier_seats = "0".into()), Problem::NotPositive),
            ("s_certifications", Box::new(|f| f.s_certifications.push("made-up".into())), Problem::NotAChoice),
            ("s_capacity_unit", Box::new(|f| f.s_capacity_unit.clear()), Problem::UnitNeeded),
        ];
        for (field, break_it, problem) in cases {
            let mut broken = form();
            break_it(&mut broken);
            let errors = validate(&broken, &known, today()).expect_err(field);
            assert_eq!(errors.problem(field), Some(&problem), "{field}: {:?}", errors.problems);
            assert_eq!(errors.problems.len(), 1, "{field}: {:?}", errors.problems);
            assert_eq!(errors.value("title_en"), Some(broken.title_en.as_str()), "input is kept");
        }
    }

    #[test]
    fn times_and_breaks_read_as_people_write_them() {
        assert_eq!(time_of_day("0930"), NaiveTime::from_hms_opt(9, 30, 0));
        assert_eq!(time_of_day("０９：３０"), NaiveTime::from_hms_opt(9, 30, 0));
        assert_eq!(time_of_day("25:00"), None);
        let breaks = parse_breaks("12:00-13:30\n15:00～15:15，").unwrap();
        assert_eq!(breaks_text(&breaks), "12:00-13:30, 15:00-15:15");
        assert_eq!(parse_breaks("12:00"), None);
        assert_eq!(parse_breaks(""), Some(vec![]));
    }

    #[test]
    fn only_manufacturers_and_platforms_attend() {
        assert_eq!(side_for(OrgKind::Manufacturer), Some(Side::Supplier));
        assert_eq!(side_for(OrgKind::Platform), Some(Side::Buyer));
        for kind in [OrgKind::ServiceProvider, OrgKind::Association, OrgKind::School] {
            assert_eq!(side_for(kind), None);
        }
    }

    #[test]
    fn status_moves_one_way() {
        let (day, before, after) = (today(), today() - chrono::Duration::days(1), today() + chrono::Duration::days(1));
        use EventStatus::*;
        assert_eq!(transition(Draft, StatusChange::Publish, day, day), Ok(Published));
        assert_eq!(transition(Draft, StatusChange::Publish, before, day), Err(("day", Problem::DateInThePast)));
        assert_eq!(transition(Published, StatusChange::Finish, after, day), Err(("change", Problem::NotHeldYet)));
        assert_eq!(transition(Published, StatusChange::Finish, day, day), Ok(Finished));
        assert_eq!(transition(Published, StatusChange::Cancel, after, day), Ok(Cancelled));
        for closed in [Cancelled, Finished] {
            for change in StatusChange::ALL {
                assert_eq!(transition(closed, *change, day, day), Err(("change", Problem::AlreadyClosed)));
            }
        }
    }

    proptest! {
        /// Every change offered is allowed on the event's day, and only those.
        #[test]
        fn offered_changes_are_the_allowed_ones(status in 0usize..4, change in 0usize..3) {
            let (status, change) = (EventStatus::ALL[status], StatusChange::ALL[change]);
            let allowed = transition(status, change, today(), today()).is_ok();
            prop_assert_eq!(allowed, changes_offered(status).contains(&change));
        }

        /// Registration is open exactly on the days of its window, and only once published.
        #[test]
        fn registration_is_open_inside_its_window(opens in 0i64..30, length in 0i64..30, at in 0i64..70, status in 0usize..4) {
            let start = today();
            let (o, c, t) = (start + chrono::Duration::days(opens), start + chrono::Duration::days(opens + length), start + chrono::Duration::days(at));
            let status = EventStatus::ALL[status];
            prop_assert_eq!(registration_open(status, o, c, t), status == EventStatus::Published && o <= t && t <= c);
        }
    }
}
