//! The rules of a scouting brief, as pure functions: reading and checking a
//! submitted form, when a brief closes, and how its needs read.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::forms::{self, FormErrors, Problem};
use crate::i18n::{Bilingual, Lang};
use crate::scouting::score::Needs;
use crate::scouting::types::{Audience, BriefData, BriefStatus, CloseReason, StatusChange};
use crate::scouting::units::{Period, RequiredCapacity};
use crate::suppliers::markets;
use crate::suppliers::rules::{choice, choices, number, quantity, LEAD_TIME_MAX, LIST_MAX};
use crate::suppliers::types::{BusinessModel, Certification, PriceBand};

pub const TITLE_MAX: usize = 200;
pub const DETAILS_MAX: usize = 4_000;
/// How far ahead a deadline may be: a brief is a search, not a standing order.
pub const DEADLINE_MAX_DAYS: i64 = 365;

/// A brief form as submitted: every value as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BriefForm {
    pub platform: String,
    pub title_zh: String,
    pub title_en: String,
    pub details_zh: String,
    pub details_en: String,
    pub categories: Vec<String>,
    pub markets: String,
    pub certifications: Vec<String>,
    pub capacity_value: String,
    pub capacity_unit: String,
    pub capacity_period: String,
    pub max_lead_time_days: String,
    pub samples_needed: bool,
    pub business_models: Vec<String>,
    pub price_band: String,
    pub belts: Vec<String>,
    pub deadline: String,
    /// `public` or `restricted`.
    pub visibility: String,
    pub audience_belts: Vec<String>,
    pub audience_associations: Vec<String>,
}

/// What exists for a form's choices to be checked against.
#[derive(Clone, Debug, Default)]
pub struct Known<'a> {
    pub categories: &'a [String],
    pub belts: &'a [String],
    pub associations: &'a [String],
}

impl BriefForm {
    /// The values as the form's fields hold them (lists comma-joined).
    pub fn field_values(&self) -> BTreeMap<String, String> {
        let pairs = [
            ("platform", self.platform.clone()),
            ("title_zh", self.title_zh.clone()),
            ("title_en", self.title_en.clone()),
            ("details_zh", self.details_zh.clone()),
            ("details_en", self.details_en.clone()),
            ("categories", self.categories.join(",")),
            ("markets", self.markets.clone()),
            ("certifications", self.certifications.join(",")),
            ("capacity_value", self.capacity_value.clone()),
            ("capacity_unit", self.capacity_unit.clone()),
            ("capacity_period", self.capacity_period.clone()),
            ("max_lead_time_days", self.max_lead_time_days.clone()),
            ("samples_needed", if self.samples_needed { "yes".into() } else { String::new() }),
            ("business_models", self.business_models.join(",")),
            ("price_band", self.price_band.clone()),
            ("belts", self.belts.join(",")),
            ("deadline", self.deadline.clone()),
            ("visibility", self.visibility.clone()),
            ("audience_belts", self.audience_belts.join(",")),
            ("audience_associations", self.audience_associations.join(",")),
        ];
        pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
    }

    /// The form a saved brief fills in.
    pub fn from_data(platform: &str, b: &BriefData) -> BriefForm {
        let codes = |v: Vec<&str>| v.into_iter().map(str::to_string).collect::<Vec<_>>();
        let n = &b.needs;
        let audience = b.audience.clone().unwrap_or_default();
        BriefForm {
            platform: platform.to_string(),
            title_zh: b.title.zh.clone(),
            title_en: b.title.en.clone(),
            details_zh: b.details.zh.clone(),
            details_en: b.details.en.clone(),
            categories: n.categories.clone(),
            markets: n.markets.join(", "),
            certifications: codes(n.certifications.iter().map(|c| c.code()).collect()),
            capacity_value: n.capacity.map(|c| c.amount.value.to_string()).unwrap_or_default(),
            capacity_unit: n.capacity.map(|c| c.amount.unit.code().to_string()).unwrap_or_default(),
            capacity_period: n.capacity.map_or(Period::Month, |c| c.period).code().to_string(),
            max_lead_time_days: n.max_lead_time_days.map(|d| d.to_string()).unwrap_or_default(),
            samples_needed: n.samples_needed,
            business_models: codes(n.business_models.iter().map(|m| m.code()).collect()),
            price_band: b.price_band.map(|p| p.code().to_string()).unwrap_or_default(),
            belts: n.belts.clone(),
            deadline: b.deadline.format("%Y-%m-%d").to_string(),
            visibility: if b.audience.is_some() { "restricted" } else { "public" }.to_string(),
            audience_belts: audience.belts,
            audience_associations: audience.associations,
        }
    }
}

/// Slugs chosen from a known list, each once, in slug order.
fn known_slugs(errors: &mut FormErrors, field: &str, chosen: &[String], known: &[String]) -> Vec<String> {
    let mut slugs = crate::forms::known_slugs(errors, field, chosen, known, LIST_MAX);
    // One order whatever the form's: a brief reads back the same as it was saved.
    slugs.sort();
    slugs
}

/// Checks a submitted brief against every rule. `today` is China's date.
///
/// # Errors
/// The problems found, one per field, with the submitted values kept.
pub fn validate(form: &BriefForm, known: &Known, today: NaiveDate) -> Result<BriefData, FormErrors> {
    let mut errors = FormErrors::new();
    for (field, value) in form.field_values() {
        errors.keep(&field, &value);
    }
    let title = forms::bilingual(&mut errors, "title", &form.title_zh, &form.title_en, TITLE_MAX, true);
    let details = forms::bilingual(&mut errors, "details", &form.details_zh, &form.details_en, DETAILS_MAX, false);
    let categories = known_slugs(&mut errors, "categories", &form.categories, known.categories);
    if categories.is_empty() && errors.problem("categories").is_none() {
        errors.add("categories", Problem::ChooseAtLeastOne);
    }
    let markets = markets::checked_markets(&mut errors, "markets", &form.markets);
    let certifications = choices(&mut errors, "certifications", &form.certifications, Certification::from_code);
    let amount = quantity(&mut errors, "capacity", &form.capacity_value, &form.capacity_unit);
    let period = choice(&mut errors, "capacity_period", &form.capacity_period, Period::from_code).unwrap_or(Period::Month);
    let max_lead_time_days = number(&mut errors, "max_lead_time_days", &form.max_lead_time_days, 1, LEAD_TIME_MAX).map(|d| d as i32);
    let business_models = choices(&mut errors, "business_models", &form.business_models, BusinessModel::from_code);
    let price_band = choice(&mut errors, "price_band", &form.price_band, PriceBand::from_code);
    let belts = known_slugs(&mut errors, "belts", &form.belts, known.belts);
    let deadline = forms::date_ahead(&mut errors, "deadline", &form.deadline, today, DEADLINE_MAX_DAYS);
    let audience = match form.visibility.trim() {
        "public" => None,
        "restricted" => {
            let belts = known_slugs(&mut errors, "audience_belts", &form.audience_belts, known.belts);
            let associations = known_slugs(&mut errors, "audience_associations", &form.audience_associations, known.associations);
            if belts.is_empty() && associations.is_empty() && errors.problem("audience_belts").is_none() {
                errors.add("audience_belts", Problem::ChooseWhoSees);
            }
            Some(Audience { belts, associations })
        }
        _ => {
            errors.add("visibility", Problem::NotAChoice);
            None
        }
    };
    match (errors.is_empty(), deadline) {
        (true, Some(deadline)) => Ok(BriefData {
            title,
            details,
            needs: Needs {
                categories,
                markets,
                certifications,
                capacity: amount.map(|amount| RequiredCapacity { amount, period }),
                max_lead_time_days,
                business_models,
                belts,
                samples_needed: form.samples_needed,
            },
            price_band,
            deadline,
            audience,
        }),
        _ => Err(errors),
    }
}

/// The moment a brief with this deadline closes: the end of that day in China.
pub fn closes_at(deadline: NaiveDate) -> DateTime<Utc> {
    let next_day = deadline.succ_opt().unwrap_or(deadline).and_hms_opt(0, 0, 0).unwrap_or_default();
    (next_day - Duration::hours(8)).and_utc()
}

/// China's date at `now`: the day deadlines are counted in.
pub fn china_today(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&crate::clock::china()).date_naive()
}

/// A deadline shown as the date it closes on, in China.
pub fn deadline_date(closes: DateTime<Utc>) -> NaiveDate {
    china_today(closes - Duration::seconds(1))
}

/// Where a change of status takes a brief, or why it cannot: a closed
/// brief stays closed, and one past its deadline cannot be opened.
///
/// # Errors
/// The field and problem to show.
pub fn transition(
    status: BriefStatus,
    change: StatusChange,
    closes: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(BriefStatus, Option<CloseReason>), (&'static str, Problem)> {
    match (status, change) {
        (BriefStatus::Closed, _) => Err(("status", Problem::AlreadyClosed)),
        (_, StatusChange::Open) if closes <= now => Err(("deadline", Problem::DateInThePast)),
        (_, StatusChange::Open) => Ok((BriefStatus::Open, None)),
        (_, StatusChange::Filled) => Ok((BriefStatus::Closed, Some(CloseReason::Filled))),
        (_, StatusChange::Withdrawn) => Ok((BriefStatus::Closed, Some(CloseReason::Withdrawn))),
    }
}

/// A brief's status as it stands at `now`: an open brief past its deadline
/// is closed, whether or not the sweep has written so yet.
pub fn status_at(
    status: BriefStatus,
    reason: Option<CloseReason>,
    closes: DateTime<Utc>,
    now: DateTime<Utc>,
) -> (BriefStatus, Option<CloseReason>) {
    match status {
        BriefStatus::Open if closes <= now => (BriefStatus::Closed, Some(CloseReason::Expired)),
        _ => (status, reason),
    }
}

/// The name of the thing a slug stands for, if there is one.
pub type NameOf<'a> = &'a dyn Fn(&str) -> Option<Bilingual>;

/// Names a brief's needs refer to by slug.
pub struct Names<'a> {
    pub category: NameOf<'a>,
    /// `None` leaves the belts out (a search document, which would go stale when a belt is renamed).
    pub belt: Option<NameOf<'a>>,
}

/// What a brief asks, one (label, value) line per need it states, in both languages.
pub fn asks(needs: &Needs, price_band: Option<PriceBand>, names: &Names) -> Vec<(Bilingual, Bilingual)> {
    let both = |f: &dyn Fn(Lang) -> String| Bilingual::new(f(Lang::Zh), f(Lang::En));
    let label = |zh: &str, en: &str| Bilingual::new(zh, en);
    let list =
        |items: Vec<Bilingual>| both(&|lang| items.iter().map(|b| b.get(lang).to_string()).collect::<Vec<_>>().join(lang.pick("、", ", ")));
    let mut lines = Vec::new();
    let named = |slugs: &[String], find: &dyn Fn(&str) -> Option<Bilingual>| {
        slugs.iter().map(|s| find(s).unwrap_or_else(|| Bilingual::new(s.clone(), s.clone()))).collect::<Vec<_>>()
    };
    if !needs.categories.is_empty() {
        lines.push((label("品类", "Categories"), list(named(&needs.categories, names.category))));
    }
    if let Some(belt) = names.belt {
        lines.push((
            label("产业带", "Belts"),
            if needs.belts.is_empty() { label("不限", "Anywhere") } else { list(named(&needs.belts, belt)) },
        ));
    }
    if !needs.markets.is_empty() {
        let markets =
            needs.markets.iter().map(|m| Bilingual::new(markets::market_name(m, Lang::Zh), markets::market_name(m, Lang::En))).collect();
        lines.push((label("出口市场", "Export markets"), list(markets)));
    }
    if !needs.certifications.is_empty() {
        let certs = needs.certifications.iter().map(|c| Bilingual::new(c.label(Lang::Zh), c.label(Lang::En))).collect();
        lines.push((label("所需认证", "Certifications"), list(certs)));
    }
    if let Some(c) = needs.capacity {
        lines.push((label("最低产能", "Minimum capacity"), both(&|lang| format!("{} {}", c.amount.exact(lang), c.period.label(lang)))));
    }
    if let Some(days) = needs.max_lead_time_days {
        lines.push((
            label("最长交期", "Longest lead time"),
            both(&|lang| format!("{days} {}", lang.pick("天", if days == 1 { "day" } else { "days" }))),
        ));
    }
    if !needs.business_models.is_empty() {
        let models = needs.business_models.iter().map(|m| Bilingual::new(m.label(Lang::Zh), m.label(Lang::En))).collect();
        lines.push((label("经营模式", "Business model"), list(models)));
    }
    if let Some(band) = price_band {
        lines.push((label("价格档位", "Price band"), Bilingual::new(band.label(Lang::Zh), band.label(Lang::En))));
    }
    if needs.samples_needed {
        lines.push((label("样品", "Samples"), label("需要样品", "Samples needed")));
    }
    lines
}

/// A brief's needs as one line, for lists.
pub fn asks_line(lines: &[(Bilingual, Bilingual)]) -> Bilingual {
    let line = |lang: Lang| lines.iter().map(|(_, value)| value.get(lang).to_string()).collect::<Vec<_>>().join(" · ");
    Bilingual::new(line(Lang::Zh), line(Lang::En))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
    }

    fn known_lists() -> (Vec<String>, Vec<String>, Vec<String>) {
        (vec!["false-eyelashes".into(), "wigs".into()], vec!["pingdu-false-eyelashes".into()], vec!["qingdao-association".into()])
    }

    fn lash_form() -> BriefForm {
        BriefForm {
            platform: "amazon".into(),
            title_en: "False eyelashes for the US".into(),
            categories: vec!["false-eyelashes".into()],
            markets: "US".into(),
            certifications: vec!["bsci".into()],
            capacity_value: "20,000".into(),
            capacity_unit: "pair".into(),
            capacity_period: "week".into(),
            max_lead_time_days: "30".into(),
            business_models: vec!["oem".into()],
            belts: vec!["pingdu-false-eyelashes".into()],
            deadline: "2027-01-31".into(),
            visibility: "public".into(),
            ..BriefForm::default()
        }
    }

    #[test]
    fn a_complete_brief_reads_and_fills_its_form_again() {
        let (c, b, a) = known_lists();
        let known = Known { categories: &c, belts: &b, associations: &a };
        let data = validate(&lash_form(), &known, today()).expect("valid");
        assert_eq!(data.needs.capacity.unwrap().period, Period::Week);
        assert_eq!(data.needs.capacity.unwrap().amount.value, 20_000);
        assert_eq!(data.needs.certifications, vec![Certification::Bsci]);
        assert!(data.audience.is_none());
        let again = validate(&BriefForm::from_data("amazon", &data), &known, today()).expect("round trip");
        assert_eq!(again, data);
    }

    #[test]
    fn each_problem_is_named_on_its_field_and_nothing_typed_is_lost() {
        let (c, b, a) = known_lists();
        let known = Known { categories: &c, belts: &b, associations: &a };
        let form = BriefForm {
            title_en: String::new(),
            categories: vec!["tea".into()],
            capacity_value: "20000".into(),
            capacity_unit: String::new(),
            deadline: "2026-12-01".into(),
            visibility: "restricted".into(),
            markets: "US, XX".into(),
            ..lash_form()
        };
        let errors = validate(&form, &known, today()).unwrap_err();
        assert_eq!(errors.problem("title_zh"), Some(&Problem::NeedOneLanguage));
        assert_eq!(errors.problem("categories"), Some(&Problem::NotAChoice));
        assert_eq!(errors.problem("capacity_unit"), Some(&Problem::UnitNeeded));
        assert_eq!(errors.problem("deadline"), Some(&Problem::DateInThePast));
        assert_eq!(errors.problem("audience_belts"), Some(&Problem::ChooseWhoSees));
        assert!(matches!(errors.problem("markets"), Some(Problem::UnknownCountryCodes(_))));
        assert_eq!(errors.value("markets"), Some("US, XX"));
        assert_eq!(errors.value("capacity_value"), Some("20000"));
        let far = BriefForm { deadline: "2028-01-01".into(), ..lash_form() };
        assert_eq!(validate(&far, &known, today()).unwrap_err().problem("deadline"), Some(&Problem::TooFarAhead { days: 365 }));
        let odd = BriefForm { deadline: "31/01/2027".into(), ..lash_form() };
        assert_eq!(validate(&odd, &known, today()).unwrap_err().problem("deadline"), Some(&Problem::NotADate));
        let wide = BriefForm { deadline: "２０２７／０１／３１".into(), ..lash_form() };
        assert!(validate(&wide, &known, today()).is_ok(), "full-width digits and slashes are a date");
    }

    #[test]
    fn a_brief_closes_at_the_end_of_its_day_in_china() {
        let day = NaiveDate::from_ymd_opt(2027, 1, 31).unwrap();
        let closes = closes_at(day);
        assert_eq!(closes.to_rfc3339(), "2027-01-31T16:00:00+00:00");
        assert_eq!(deadline_date(closes), day);
        assert_eq!(china_today(closes - Duration::seconds(1)), day);
        assert_eq!(china_today(closes), day.succ_opt().unwrap());
    }

    #[test]
    fn needs_read_in_both_languages() {
        let (c, b, a) = known_lists();
        let data = validate(&lash_form(), &Known { categories: &c, belts: &b, associations: &a }, today()).unwrap();
        let category = |_: &str| Some(Bilingual::new("假睫毛", "False eyelashes"));
        let belt = |_: &str| Some(Bilingual::new("平度假睫毛", "Pingdu false eyelashes"));
        let lines = asks(&data.needs, None, &Names { category: &category, belt: Some(&belt) });
        assert!(asks_line(&lines).en.contains("Pingdu false eyelashes"));
        let without_belts = asks(&data.needs, None, &Names { category: &category, belt: None });
        assert!(!asks_line(&without_belts).en.contains("Pingdu"));
        let line = asks_line(&lines);
        assert!(line.en.contains("20,000 pairs a week") && line.en.contains("United States") && line.en.contains("30 days"), "{}", line.en);
        assert!(line.zh.contains("20,000 副 每周") && line.zh.contains("美国") && line.zh.contains("BSCI"), "{}", line.zh);
    }

    #[test]
    fn closed_stays_closed_and_the_past_cannot_open() {
        let closes = closes_at(NaiveDate::from_ymd_opt(2027, 1, 31).unwrap());
        let before = closes - Duration::days(1);
        let after = closes + Duration::seconds(1);
        assert_eq!(transition(BriefStatus::Draft, StatusChange::Open, closes, before), Ok((BriefStatus::Open, None)));
        assert_eq!(transition(BriefStatus::Draft, StatusChange::Open, closes, after), Err(("deadline", Problem::DateInThePast)));
        assert_eq!(
            transition(BriefStatus::Open, StatusChange::Filled, closes, after),
            Ok((BriefStatus::Closed, Some(CloseReason::Filled)))
        );
        for change in StatusChange::ALL {
            assert_eq!(transition(BriefStatus::Closed, *change, closes, before), Err(("status", Problem::AlreadyClosed)));
        }
    }

    proptest! {
        /// Whatever is typed, validation answers (never panics), and a refusal keeps every field as sent.
        #[test]
        fn any_input_is_judged_and_kept(title in "\\PC{0,300}", markets in "\\PC{0,40}", amount in "\\PC{0,20}", date in "\\PC{0,20}") {
            let (c, b, a) = known_lists();
            let known = Known { categories: &c, belts: &b, associations: &a };
            let form = BriefForm { title_zh: title.clone(), markets: markets.clone(), capacity_value: amount.clone(), deadline: date.clone(), ..lash_form() };
            match validate(&form, &known, today()) {
                Ok(data) => {
                    prop_assert!(data.title.zh.chars().count() <= TITLE_MAX);
                    prop_assert!(data.deadline >= today());
                }
                Err(errors) => {
                    prop_assert_eq!(errors.value("title_zh"), Some(title.as_str()));
                    prop_assert_eq!(errors.value("markets"), Some(markets.as_str()));
                    prop_assert_eq!(errors.value("deadline"), Some(date.as_str()));
                }
            }
        }
    }
}
