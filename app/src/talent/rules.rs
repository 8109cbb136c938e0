//! Reading the program form, pure: every value as typed in, checked field by
//! field, into a program's data.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::forms::{self, FormErrors, Problem};
use crate::suppliers::rules::{choice, choices, number, LIST_MAX};
use crate::suppliers::types::Language;
use crate::talent::types::*;

pub const TITLE_MAX: usize = 120;
pub const SUMMARY_MAX: usize = 4000;
pub const CITY_MAX: usize = 40;
pub const VENUE_MAX: usize = 200;
pub const COST_MAX: usize = 200;
pub const CURRICULUM_MAX: usize = 8000;
pub const COMPANIES_MAX: usize = 50;
pub const SEATS_MAX: i64 = 100_000;
pub const YEAR_MIN: i64 = 1980;
pub const YEAR_MAX: i64 = 2100;
/// How far ahead a program may start.
pub const START_DAYS_MAX: i64 = 2 * 366;
/// The longest a program may run (order classes run a school year or two).
pub const LENGTH_DAYS_MAX: i64 = 3 * 366;

/// The program form as submitted.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProgramForm {
    /// The organisation running it (an association, school or platform), by slug.
    pub organiser: String,
    pub kind: String,
    pub title_zh: String,
    pub title_en: String,
    pub summary_zh: String,
    pub summary_en: String,
    pub province: String,
    pub city_zh: String,
    pub city_en: String,
    pub venue_zh: String,
    pub venue_en: String,
    pub starts_on: String,
    pub ends_on: String,
    pub applications_close: String,
    pub seats: String,
    pub cost_zh: String,
    pub cost_en: String,
    pub subsidised: bool,
    pub curriculum_zh: String,
    pub curriculum_en: String,
    pub instruction_languages: Vec<String>,
    pub belts: Vec<String>,
    /// Organisation addresses on Beltlink (their slugs), separated by commas or spaces.
    pub companies: String,
    pub graduation_from: String,
    pub graduation_to: String,
    pub majors: Vec<String>,
    pub language: String,
    pub language_level: String,
    pub from_province: String,
}

impl ProgramForm {
    /// The values as the form's fields hold them (lists comma-joined).
    pub fn field_values(&self) -> BTreeMap<String, String> {
        let text = |pairs: &[(&str, &String)]| pairs.iter().map(|(k, v)| (k.to_string(), (*v).clone())).collect::<Vec<_>>();
        let mut values: BTreeMap<String, String> = text(&[
            ("organiser", &self.organiser),
            ("kind", &self.kind),
            ("title_zh", &self.title_zh),
            ("title_en", &self.title_en),
            ("summary_zh", &self.summary_zh),
            ("summary_en", &self.summary_en),
            ("province", &self.province),
            ("city_zh", &self.city_zh),
            ("city_en", &self.city_en),
            ("venue_zh", &self.venue_zh),
            ("venue_en", &self.venue_en),
            ("starts_on", &self.starts_on),
            ("ends_on", &self.ends_on),
            ("applications_close", &self.applications_close),
            ("seats", &self.seats),
            ("cost_zh", &self.cost_zh),
            ("cost_en", &self.cost_en),
            ("curriculum_zh", &self.curriculum_zh),
            ("curriculum_en", &self.curriculum_en),
            ("companies", &self.companies),
            ("graduation_from", &self.graduation_from),
            ("graduation_to", &self.graduation_to),
            ("language", &self.language),
            ("language_level", &self.language_level),
            ("from_province", &self.from_province),
        ])
        .into_iter()
        .collect();
        values.insert("subsidised".into(), if self.subsidised { "yes".into() } else { String::new() });
        values.insert("instruction_languages".into(), self.instruction_languages.join(","));
        values.insert("belts".into(), self.belts.join(","));
        values.insert("majors".into(), self.majors.join(","));
        values
    }

    /// The form a saved program fills in.
    pub fn from_data(organiser: &str, d: &ProgramData) -> ProgramForm {
        let e = &d.eligibility;
        let year = |y: Option<i32>| y.map(|y| y.to_string()).unwrap_or_default();
        let spoken = e.languages.first();
        ProgramForm {
            organiser: organiser.to_string(),
            kind: d.kind.code().to_string(),
            title_zh: d.title.zh.clone(),
            title_en: d.title.en.clone(),
            summary_zh: d.summary.zh.clone(),
            summary_en: d.summary.en.clone(),
            province: d.province.clone(),
            city_zh: d.city.zh.clone(),
            city_en: d.city.en.clone(),
            venue_zh: d.venue.zh.clone(),
            venue_en: d.venue.en.clone(),
            starts_on: d.starts_on.clone(),
            ends_on: d.ends_on.clone(),
            applications_close: d.applications_close.clone(),
            seats: d.seats.map(|n| n.to_string()).unwrap_or_default(),
            cost_zh: d.cost.zh.clone(),
            cost_en: d.cost.en.clone(),
            subsidised: d.subsidised,
            curriculum_zh: d.curriculum.zh.clone(),
            curriculum_en: d.curriculum.en.clone(),
            instruction_languages: d.instruction_languages.iter().map(|l| l.code().to_string()).collect(),
            belts: d.belt_slugs.clone(),
            companies: d.company_slugs.join(", "),
            graduation_from: year(e.graduation_from),
            graduation_to: year(e.graduation_to),
            majors: e.majors.iter().map(|m| m.code().to_string()).collect(),
            language: spoken.map(|s| s.language.code().to_string()).unwrap_or_default(),
            language_level: spoken.map(|s| s.level.code().to_string()).unwrap_or_default(),
            from_province: e.province.clone().unwrap_or_default(),
        }
    }
}

/// The organisation slugs typed into the companies field, each once.
pub fn company_slugs(typed: &str) -> Vec<String> {
    let mut slugs: Vec<String> = Vec::new();
    for slug in typed.split([',', '，', ' ', '\n', '、']).map(|s| s.trim().trim_start_matches("/orgs/").to_lowercase()) {
        if !slug.is_empty() && !slugs.contains(&slug) {
            slugs.push(slug);
        }
    }
    slugs
}

/// What the form checks against: the belts, the organisations named in the
/// companies field that exist and may take part, and today (China time).
pub struct Known<'a> {
    pub belts: &'a [String],
    pub companies: &'a [String],
    pub today: NaiveDate,
    /// A new program may not start in the past; an edited one keeps its dates.
    pub is_new: bool,
}

fn province_code(errors: &mut FormErrors, field: &str, code: &str) -> Option<String> {
    match code.trim() {
        "" => None,
        code if crate::geo::province(code).is_some() => Some(code.to_string()),
        _ => {
            errors.add(field, Problem::NotAChoice);
            None
        }
    }
}

/// Checks a submitted program.
///
/// # Errors
/// The problems found, one per field, with the submitted values kept.
pub fn validate(form: &ProgramForm, known: &Known) -> Result<ProgramData, FormErrors> {
    let mut errors = FormErrors::new();
    for (field, value) in form.field_values() {
        errors.keep(&field, &value);
    }
    let kind = choice(&mut errors, "kind", &form.kind, ProgramKind::from_code);
    if form.kind.trim().is_empty() {
        errors.add("kind", Problem::Required);
    }
    let title = forms::bilingual(&mut errors, "title", &form.title_zh, &form.title_en, TITLE_MAX, true);
    let summary = forms::bilingual(&mut errors, "summary", &form.summary_zh, &form.summary_en, SUMMARY_MAX, false);
    let province = province_code(&mut errors, "province", &form.province);
    if form.province.trim().is_empty() {
        errors.add("province", Problem::Required);
    }
    let city = forms::bilingual(&mut errors, "city", &form.city_zh, &form.city_en, CITY_MAX, true);
    let venue = forms::bilingual(&mut errors, "venue", &form.venue_zh, &form.venue_en, VENUE_MAX, false);
    let day = |errors: &mut FormErrors, field: &str, input: &str| {
        if input.trim().is_empty() {
            errors.add(field, Problem::Required);
            return None;
        }
        if known.is_new {
            forms::date_ahead(errors, field, input, known.today, START_DAYS_MAX)
        } else {
            forms::date(errors, field, input)
        }
    };
    let starts_on = day(&mut errors, "starts_on", &form.starts_on);
    let ends_on = day(&mut errors, "ends_on", &form.ends_on);
    let applications_close = day(&mut errors, "applications_close", &form.applications_close);
    if let (Some(start), Some(end)) = (starts_on, ends_on) {
        if end < start {
            errors.add("ends_on", Problem::EndsBeforeStart);
        } else if (end - start).num_days() > LENGTH_DAYS_MAX {
            errors.add("ends_on", Problem::TooFarAhead { days: LENGTH_DAYS_MAX });
        }
    }
    if let (Some(start), Some(close)) = (starts_on, applications_close) {
        if close > start {
            errors.add("applications_close", Problem::ApplicationsCloseAfterStart);
        }
    }
    let seats = number(&mut errors, "seats", &form.seats, 1, SEATS_MAX).map(|n| n as u32);
    let cost = forms::bilingual(&mut errors, "cost", &form.cost_zh, &form.cost_en, COST_MAX, false);
    let curriculum = forms::bilingual(&mut errors, "curriculum", &form.curriculum_zh, &form.curriculum_en, CURRICULUM_MAX, false);
    let instruction_languages = choices(&mut errors, "instruction_languages", &form.instruction_languages, Language::from_code);
    if instruction_languages.is_empty() && errors.problem("instruction_languages").is_none() {
        errors.add("instruction_languages", Problem::ChooseAtLeastOne);
    }
    let belt_slugs = forms::known_slugs(&mut errors, "belts", &form.belts, known.belts, LIST_MAX);
    let company_slugs = company_slugs(&form.companies);
    if company_slugs.len() > COMPANIES_MAX {
        errors.add("companies", Problem::TooMany { max: COMPANIES_MAX });
    } else if company_slugs.iter().any(|slug| !known.companies.contains(slug)) {
        errors.add("companies", Problem::NotAChoice);
    }
    let graduation_from = number(&mut errors, "graduation_from", &form.graduation_from, YEAR_MIN, YEAR_MAX).map(|y| y as i32);
    let graduation_to = number(&mut errors, "graduation_to", &form.graduation_to, YEAR_MIN, YEAR_MAX).map(|y| y as i32);
    if let (Some(from), Some(to)) = (graduation_from, graduation_to) {
        if to < from {
            errors.add("graduation_to", Problem::EndsBeforeStart);
        }
    }
    let majors = choices(&mut errors, "majors", &form.majors, Major::from_code);
    let language = choice(&mut errors, "language", &form.language, Language::from_code);
    let level = choice(&mut errors, "language_level", &form.language_level, LanguageLevel::from_code);
    let languages = match (language, level) {
        (Some(language), Some(level)) => vec![Spoken { language, level }],
        (Some(_), None) if form.language_level.trim().is_empty() => {
            errors.add("language_level", Problem::Required);
            Vec::new()
        }
        (None, Some(_)) if form.language.trim().is_empty() => {
            errors.add("language", Problem::Required);
            Vec::new()
        }
        _ => Vec::new(),
    };
    let from_province = province_code(&mut errors, "from_province", &form.from_province);
    if !errors.is_empty() {
        return Err(errors);
    }
    let day_text = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
    Ok(ProgramData {
        kind: kind.unwrap_or(ProgramKind::TrainingCamp),
        title,
        summary,
        province: province.unwrap_or_default(),
        city,
        venue,
        starts_on: day_text(starts_on),
        ends_on: day_text(ends_on),
        applications_close: day_text(applications_close),
        seats,
        cost,
        subsidised: form.subsidised,
        curriculum,
        instruction_languages,
        belt_slugs,
        company_slugs,
        eligibility: ProgramEligibility { graduation_from, graduation_to, majors, languages, province: from_province },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()
    }

    fn good() -> ProgramForm {
        ProgramForm {
            organiser: "yueyang-ecommerce-association".into(),
            kind: "camp".into(),
            title_zh: "岳阳跨境电商成长营".into(),
            province: "hunan".into(),
            city_zh: "岳阳".into(),
            city_en: "Yueyang".into(),
            starts_on: "2027-03-01".into(),
            ends_on: "2027-03-20".into(),
            applications_close: "2027-02-15".into(),
            seats: "40".into(),
            instruction_languages: vec!["zh".into()],
            belts: vec!["yueyang-tea".into()],
            companies: "junshan-tea, /orgs/Hunan-Tea-Co".into(),
            graduation_from: "2024".into(),
            graduation_to: "2027".into(),
            majors: vec!["ecommerce".into(), "trade".into()],
            language: "en".into(),
            language_level: "working".into(),
            ..ProgramForm::default()
        }
    }

    fn known<'a>(belts: &'a [String], companies: &'a [String]) -> Known<'a> {
        Known { belts, companies, today: today(), is_new: true }
    }

    #[test]
    fn a_good_form_round_trips() {
        let belts = vec!["yueyang-tea".to_string()];
        let companies = vec!["junshan-tea".to_string(), "hunan-tea-co".to_string()];
        let data = validate(&good(), &known(&belts, &companies)).unwrap();
        assert_eq!(data.kind, ProgramKind::TrainingCamp);
        assert_eq!(data.seats, Some(40));
        assert_eq!(data.company_slugs, companies);
        assert_eq!(data.eligibility.languages, vec![Spoken { language: Language::English, level: LanguageLevel::Working }]);
        assert_eq!(data.eligibility.graduation_from, Some(2024));
        let again = ProgramForm::from_data("yueyang-ecommerce-association", &data);
        assert_eq!(validate(&again, &known(&belts, &companies)).unwrap(), data);
    }

    #[test]
    fn each_field_is_refused_by_name_and_the_rest_kept() {
        let belts = vec!["yueyang-tea".to_string()];
        let companies = vec!["junshan-tea".to_string()];
        type Change = Box<dyn Fn(&mut ProgramForm)>;
        let cases: Vec<(&str, Change, Problem)> = vec![
            ("kind", Box::new(|f| f.kind = "retreat".into()), Problem::NotAChoice),
            ("kind", Box::new(|f| f.kind.clear()), Problem::Required),
            ("title_zh", Box::new(|f| f.title_zh.clear()), Problem::NeedOneLanguage),
            ("province", Box::new(|f| f.province.clear()), Problem::Required),
            ("province", Box::new(|f| f.province = "atlantis".into()), Problem::NotAChoice),
            ("starts_on", Box::new(|f| f.starts_on = "2026-01-01".into()), Problem::DateInThePast),
            ("ends_on", Box::new(|f| f.ends_on = "2027-02-01".into()), Problem::EndsBeforeStart),
            ("applications_close", Box::new(|f| f.applications_close = "2027-03-02".into()), Problem::ApplicationsCloseAfterStart),
            ("applications_close", Box::new(|f| f.applications_close.clear()), Problem::Required),
            ("seats", Box::new(|f| f.seats = "0".into()), Problem::NotPositive),
            ("instruction_languages", Box::new(|f| f.instruction_languages.clear()), Problem::ChooseAtLeastOne),
            ("belts", Box::new(|f| f.belts = vec!["nowhere".into()]), Problem::NotAChoice),
            ("companies", Box::new(|f| f.companies = "junshan-tea, no-such-firm".into()), Problem::NotAChoice),
            ("graduation_to", Box::new(|f| f.graduation_to = "2020".into()), Problem::EndsBeforeStart),
            ("majors", Box::new(|f| f.majors = vec!["alchemy".into()]), Problem::NotAChoice),
            ("language_level", Box::new(|f| f.language_level.clear()), Problem::Required),
            ("from_province", Box::new(|f| f.from_province = "mars".into()), Problem::NotAChoice),
        ];
        for (field, change, problem) in cases {
            let mut form = good();
            form.companies = "junshan-tea".into();
            change(&mut form);
            let errors = validate(&form, &known(&belts, &companies)).expect_err(field);
            assert_eq!(errors.problem(field), Some(&problem), "{field}");
            assert_eq!(errors.value("title_zh"), Some(form.title_zh.as_str()), "{field}: the title is kept");
            assert_eq!(errors.value("city_en"), Some("Yueyang"), "{field}: the city is kept");
        }
    }

    #[test]
    fn an_edit_keeps_dates_already_past() {
        let mut form = good();
        form.companies.clear();
        form.starts_on = "2026-06-01".into();
        form.ends_on = "2026-06-20".into();
        form.applications_close = "2026-05-20".into();
        let belts = vec!["yueyang-tea".to_string()];
        assert!(validate(&form, &known(&belts, &[])).is_err());
        let edit = Known { is_new: false, ..known(&belts, &[]) };
        assert_eq!(validate(&form, &edit).unwrap().starts_on, "2026-06-01");
    }

    #[test]
    fn company_addresses_are_read_loosely() {
        assert_eq!(company_slugs(" a-b，/orgs/C-D  a-b、e\n"), vec!["a-b", "c-d", "e"]);
        assert!(company_slugs("  ").is_empty());
    }
}

pub const SCHOOL_MAX: usize = 120;
pub const SKILLS_MAX: usize = 500;
pub const STATEMENT_MAX: usize = 2000;
pub const CITIES_MAX: usize = 10;
/// How many languages the profile form takes.
pub const LANGUAGE_ROWS: usize = 3;

/// The graduate profile form as submitted.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GraduateForm {
    pub school: String,
    pub major: String,
    pub graduation_year: String,
    pub province: String,
    /// Up to [`LANGUAGE_ROWS`] pairs of language and level codes.
    pub languages: Vec<(String, String)>,
    pub skills: String,
    /// City names separated by commas.
    pub preferred_cities: String,
    pub preferred_belts: Vec<String>,
    pub preferred_kinds: Vec<String>,
    pub statement: String,
}

impl GraduateForm {
    /// The values as the form's fields hold them.
    pub fn field_values(&self) -> BTreeMap<String, String> {
        let mut values = BTreeMap::from([
            ("school".to_string(), self.school.clone()),
            ("major".to_string(), self.major.clone()),
            ("graduation_year".to_string(), self.graduation_year.clone()),
            ("province".to_string(), self.province.clone()),
            ("skills".to_string(), self.skills.clone()),
            ("preferred_cities".to_string(), self.preferred_cities.clone()),
            ("preferred_belts".to_string(), self.preferred_belts.join(",")),
            ("preferred_kinds".to_string(), self.preferred_kinds.join(",")),
            ("statement".to_string(), self.statement.clone()),
        ]);
        for row in 0..LANGUAGE_ROWS {
            let (language, level) = self.languages.get(row).cloned().unwrap_or_default();
            values.insert(format!("language_{}", row + 1), language);
            values.insert(format!("level_{}", row + 1), level);
        }
        values
    }

    /// The form a saved profile fills in.
    pub fn from_data(d: &GraduateProfileData) -> GraduateForm {
        GraduateForm {
            school: d.school.clone(),
            major: d.major.map(|m| m.code().to_string()).unwrap_or_default(),
            graduation_year: d.graduation_year.map(|y| y.to_string()).unwrap_or_default(),
            province: d.province.clone().unwrap_or_default(),
            languages: d.languages.iter().map(|s| (s.language.code().to_string(), s.level.code().to_string())).collect(),
            skills: d.skills.clone(),
            preferred_cities: d.preferred_cities.join(", "),
            preferred_belts: d.preferred_belts.clone(),
            preferred_kinds: d.preferred_kinds.iter().map(|k| k.code().to_string()).collect(),
            statement: d.statement.clone(),
        }
    }
}

/// Checks a submitted graduate profile against the known belts.
///
/// # Errors
/// The problems found, one per field, with the submitted values kept.
pub fn validate_graduate(form: &GraduateForm, belts: &[String]) -> Result<GraduateProfileData, FormErrors> {
    let mut errors = FormErrors::new();
    for (field, value) in form.field_values() {
        errors.keep(&field, &value);
    }
    let school = forms::required_text(&mut errors, "school", &form.school, SCHOOL_MAX);
    let major = choice(&mut errors, "major", &form.major, Major::from_code);
    let graduation_year = number(&mut errors, "graduation_year", &form.graduation_year, YEAR_MIN, YEAR_MAX).map(|y| y as i32);
    let province = province_code(&mut errors, "province", &form.province);
    let mut languages: Vec<Spoken> = Vec::new();
    for (row, (language, level)) in form.languages.iter().take(LANGUAGE_ROWS).enumerate() {
        let (language_field, level_field) = (format!("language_{}", row + 1), format!("level_{}", row + 1));
        let language_code = choice(&mut errors, &language_field, language, Language::from_code);
        let level_code = choice(&mut errors, &level_field, level, LanguageLevel::from_code);
        match (language_code, level_code) {
            (Some(language), Some(_)) if languages.iter().any(|s| s.language == language) => errors.add(&language_field, Problem::Repeated),
            (Some(language), Some(level)) => languages.push(Spoken { language, level }),
            (Some(_), None) if level.trim().is_empty() => errors.add(&level_field, Problem::Required),
            (None, Some(_)) if language.trim().is_empty() => errors.add(&language_field, Problem::Required),
            _ => {}
        }
    }
    let skills = forms::optional_text(&mut errors, "skills", &form.skills, SKILLS_MAX);
    let mut preferred_cities: Vec<String> = Vec::new();
    for city in form.preferred_cities.split([',', '，', '、', ';', '；']).map(str::trim).filter(|c| !c.is_empty()) {
        if city.chars().count() > CITY_MAX {
            errors.add("preferred_cities", Problem::TooLong { max: CITY_MAX });
        } else if !preferred_cities.iter().any(|c| c == city) {
            preferred_cities.push(city.to_string());
        }
    }
    if preferred_cities.len() > CITIES_MAX {
        errors.add("preferred_cities", Problem::TooMany { max: CITIES_MAX });
    }
    let preferred_belts = forms::known_slugs(&mut errors, "preferred_belts", &form.preferred_belts, belts, LIST_MAX);
    let preferred_kinds = choices(&mut errors, "preferred_kinds", &form.preferred_kinds, ProgramKind::from_code);
    let statement = forms::optional_text(&mut errors, "statement", &form.statement, STATEMENT_MAX);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(GraduateProfileData {
        school,
        major,
        graduation_year,
        province,
        languages,
        skills,
        preferred_cities,
        preferred_belts,
        preferred_kinds,
        statement,
    })
}

#[cfg(test)]
mod graduate_tests {
    use super::*;

    fn good() -> GraduateForm {
        GraduateForm {
            school: "湖南理工学院".into(),
            major: "ecommerce".into(),
            graduation_year: "2026".into(),
            province: "hunan".into(),
            languages: vec![("en".into(), "working".into()), (String::new(), String::new())],
            skills: "Amazon listings, PPC".into(),
            preferred_cities: "岳阳，Qingdao, 岳阳".into(),
            preferred_belts: vec!["junshan-yinzhen-tea".into()],
            preferred_kinds: vec!["camp".into()],
            statement: "我想回岳阳做跨境。".into(),
        }
    }

    #[test]
    fn a_good_profile_round_trips_and_gives_its_facts() {
        let belts = vec!["junshan-yinzhen-tea".to_string()];
        let data = validate_graduate(&good(), &belts).unwrap();
        assert_eq!(data.preferred_cities, vec!["岳阳", "Qingdao"], "each city once");
        assert_eq!(data.languages, vec![Spoken { language: Language::English, level: LanguageLevel::Working }], "empty rows are skipped");
        assert_eq!(validate_graduate(&GraduateForm::from_data(&data), &belts).unwrap(), data);
        let facts = data.facts();
        assert_eq!(facts.graduation_year, Some(2026));
        assert!(crate::policies::eligibility::same_city(&facts.preferred_cities[0], &crate::i18n::Bilingual::new("岳阳市", "Yueyang")));
        assert!(crate::policies::eligibility::same_city(&facts.preferred_cities[1], &crate::i18n::Bilingual::new("青岛", "Qingdao")));
    }

    #[test]
    fn each_field_is_refused_by_name_and_the_rest_kept() {
        let belts = vec!["junshan-yinzhen-tea".to_string()];
        type Change = Box<dyn Fn(&mut GraduateForm)>;
        let cases: Vec<(&str, Change, Problem)> = vec![
            ("school", Box::new(|f| f.school = "  ".into()), Problem::Required),
            ("major", Box::new(|f| f.major = "alchemy".into()), Problem::NotAChoice),
            ("graduation_year", Box::new(|f| f.graduation_year = "1900".into()), Problem::AtLeast { min: YEAR_MIN }),
            ("province", Box::new(|f| f.province = "atlantis".into()), Problem::NotAChoice),
            ("level_1", Box::new(|f| f.languages[0].1.clear()), Problem::Required),
            ("language_2", Box::new(|f| f.languages[1] = ("en".into(), "basic".into())), Problem::Repeated),
            ("preferred_cities", Box::new(|f| f.preferred_cities = "x".repeat(CITY_MAX + 1)), Problem::TooLong { max: CITY_MAX }),
            ("preferred_belts", Box::new(|f| f.preferred_belts = vec!["nowhere".into()]), Problem::NotAChoice),
            ("preferred_kinds", Box::new(|f| f.preferred_kinds = vec!["retreat".into()]), Problem::NotAChoice),
            ("statement", Box::new(|f| f.statement = "字".repeat(STATEMENT_MAX + 1)), Problem::TooLong { max: STATEMENT_MAX }),
        ];
        for (field, change, problem) in cases {
            let mut form = good();
            change(&mut form);
            let errors = validate_graduate(&form, &belts).expect_err(field);
            assert_eq!(errors.problem(field), Some(&problem), "{field}");
            assert_eq!(errors.value("skills"), Some("Amazon listings, PPC"), "{field}: the rest is kept");
        }
    }
}
