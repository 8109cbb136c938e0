//! The rules of a supply profile, as pure functions: reading and checking a
//! submitted form, and which verifications an edit keeps.

use std::collections::BTreeMap;

use crate::codes::join_codes;
use crate::forms::{self, FormErrors, Problem};
use crate::suppliers::markets;
use crate::suppliers::types::*;

pub const PRODUCTS_MAX: usize = 2000;
pub const FREE_TEXT_MAX: usize = 200;
pub const QUANTITY_MAX: i64 = 1_000_000_000;
pub const LEAD_TIME_MAX: i64 = 365;
pub const FLOOR_AREA_MAX: i64 = 10_000_000;
/// The earliest year a firm may say it began exporting.
pub const EXPORTING_SINCE_MIN: i64 = 1900;

/// A profile form as submitted: every value as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProfileForm {
    pub products_zh: String,
    pub products_en: String,
    pub categories: Vec<String>,
    pub moq_value: String,
    pub moq_unit: String,
    pub capacity_value: String,
    pub capacity_unit: String,
    pub lead_time_days: String,
    pub sample_policy: String,
    pub price_band: String,
    pub certifications: Vec<String>,
    pub certifications_other: String,
    pub export_markets: String,
    pub business_models: Vec<String>,
    pub platforms: Vec<String>,
    pub languages: Vec<String>,
    pub floor_area_m2: String,
    pub overseas_warehouse: bool,
    pub overseas_warehouse_where: String,
    pub warehouse_markets: String,
    /// `yes`, `no` or empty (not said).
    pub own_factory: String,
    pub exporting_since: String,
    pub annual_sales: String,
    pub test_reports: String,
}

impl ProfileForm {
    /// The values as the form's fields hold them (lists comma-joined), to
    /// show again after a refusal or to fill the form from a saved profile.
    pub fn field_values(&self) -> BTreeMap<String, String> {
        let mut values = BTreeMap::new();
        let mut put = |k: &str, v: String| {
            values.insert(k.to_string(), v);
        };
        put("products_zh", self.products_zh.clone());
        put("products_en", self.products_en.clone());
        put("categories", self.categories.join(","));
        put("moq_value", self.moq_value.clone());
        put("moq_unit", self.moq_unit.clone());
        put("capacity_value", self.capacity_value.clone());
        put("capacity_unit", self.capacity_unit.clone());
        put("lead_time_days", self.lead_time_days.clone());
        put("sample_policy", self.sample_policy.clone());
        put("price_band", self.price_band.clone());
        put("certifications", self.certifications.join(","));
        put("certifications_other", self.certifications_other.clone());
        put("export_markets", self.export_markets.clone());
        put("business_models", self.business_models.join(","));
        put("platforms", self.platforms.join(","));
        put("languages", self.languages.join(","));
        put("floor_area_m2", self.floor_area_m2.clone());
        put("overseas_warehouse", if self.overseas_warehouse { "yes".into() } else { String::new() });
        put("overseas_warehouse_where", self.overseas_warehouse_where.clone());
        put("warehouse_markets", self.warehouse_markets.clone());
        put("own_factory", self.own_factory.clone());
        put("exporting_since", self.exporting_since.clone());
        put("annual_sales", self.annual_sales.clone());
        put("test_reports", self.test_reports.clone());
        values
    }

    /// The form a saved profile fills in.
    pub fn from_profile(p: &ProfileData) -> ProfileForm {
        let codes = |v: Vec<&str>| v.into_iter().map(str::to_string).collect::<Vec<_>>();
        ProfileForm {
            products_zh: p.products.zh.clone(),
            products_en: p.products.en.clone(),
            categories: p.category_slugs.clone(),
            moq_value: p.moq.map(|q| q.value.to_string()).unwrap_or_default(),
            moq_unit: p.moq.map(|q| q.unit.code().to_string()).unwrap_or_default(),
            capacity_value: p.capacity.map(|q| q.value.to_string()).unwrap_or_default(),
            capacity_unit: p.capacity.map(|q| q.unit.code().to_string()).unwrap_or_default(),
            lead_time_days: p.lead_time_days.map(|d| d.to_string()).unwrap_or_default(),
            sample_policy: p.sample_policy.map(|s| s.code().to_string()).unwrap_or_default(),
            price_band: p.price_band.map(|b| b.code().to_string()).unwrap_or_default(),
            certifications: codes(p.certifications.iter().map(|c| c.code()).collect()),
            certifications_other: p.certifications_other.clone(),
            export_markets: p.export_markets.join(", "),
            business_models: codes(p.business_models.iter().map(|m| m.code()).collect()),
            platforms: codes(p.platforms.iter().map(|m| m.code()).collect()),
            languages: codes(p.languages.iter().map(|m| m.code()).collect()),
            floor_area_m2: p.floor_area_m2.map(|a| a.to_string()).unwrap_or_default(),
            overseas_warehouse: p.overseas_warehouse.is_some(),
            overseas_warehouse_where: p.overseas_warehouse.clone().unwrap_or_default(),
            warehouse_markets: p.warehouse_markets.join(", "),
            own_factory: p.own_factory.map(|own| if own { "yes" } else { "no" }.to_string()).unwrap_or_default(),
            exporting_since: p.exporting_since.map(|y| y.to_string()).unwrap_or_default(),
            annual_sales: p.annual_sales.map(|b| b.code().to_string()).unwrap_or_default(),
            test_reports: p.test_reports.clone(),
        }
    }
}

/// A whole number as people type it: ASCII or full-width digits, with
/// thousands separators (`,` `，` spaces) allowed. `None` if it is not one.
pub fn parse_whole_number(input: &str) -> Option<i64> {
    let digits: String = input
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | ' ' | '\u{3000}' | '_'))
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// An optional whole number in `min..=max`.
pub fn number(errors: &mut FormErrors, field: &str, input: &str, min: i64, max: i64) -> Option<i64> {
    if input.trim().is_empty() {
        return None;
    }
    let problem = match parse_whole_number(input) {
        Some(n) if n > max => Problem::AtMost { max },
        Some(n) if n < min && min <= 1 => Problem::NotPositive,
        Some(n) if n < min => Problem::AtLeast { min },
        Some(n) => return Some(n),
        None => unreadable_number(input),
    };
    errors.add(field, problem);
    None
}

/// Why a number could not be read, as specifically as can be said: a minus
/// sign or a fraction, else not a number at all.
fn unreadable_number(input: &str) -> Problem {
    let trimmed = input.trim();
    if let Some(rest) = trimmed.strip_prefix(['-', '－', '−']) {
        if parse_whole_number(rest).is_some() || rest.parse::<f64>().is_ok() {
            return Problem::NotPositive;
        }
    }
    match trimmed.split_once(['.', '。', '．']) {
        Some((whole, fraction))
            if parse_whole_number(whole).is_some() && fraction.chars().all(|c| c.is_ascii_digit()) && !fraction.is_empty() =>
        {
            Problem::NoFractions
        }
        _ => Problem::NotAWholeNumber,
    }
}

/// An amount and its unit: both or neither. The problem goes on the amount,
/// unless only the unit is missing.
pub fn quantity(errors: &mut FormErrors, field: &str, value: &str, unit: &str) -> Option<Quantity> {
    let value_field = format!("{field}_value");
    let unit_field = format!("{field}_unit");
    let amount = number(errors, &value_field, value, 1, QUANTITY_MAX);
    let unit = choice(errors, &unit_field, unit, QuantityUnit::from_code);
    match (amount, unit) {
        (Some(value), Some(unit)) => Some(Quantity { value, unit }),
        (Some(_), None) if errors.problem(&unit_field).is_none() => {
            errors.add(&unit_field, Problem::UnitNeeded);
            None
        }
        (None, Some(_)) if errors.problem(&value_field).is_none() => {
            errors.add(&value_field, Problem::Required);
            None
        }
        _ => None,
    }
}

/// An optional choice from a closed list.
pub fn choice<T>(errors: &mut FormErrors, field: &str, code: &str, from_code: impl Fn(&str) -> Option<T>) -> Option<T> {
    let code = code.trim();
    if code.is_empty() {
        return None;
    }
    let found = from_code(code);
    if found.is_none() {
        errors.add(field, Problem::NotAChoice);
    }
    found
}

/// The most entries a list field takes (closed lists are far shorter).
pub const LIST_MAX: usize = 60;

/// Several choices from a closed list, each once, in the list's order.
pub fn choices<T: Ord + Copy>(errors: &mut FormErrors, field: &str, codes: &[String], from_code: impl Fn(&str) -> Option<T>) -> Vec<T> {
    if codes.len() > LIST_MAX {
        errors.add(field, Problem::TooMany { max: LIST_MAX });
        return Vec::new();
    }
    let mut chosen = Vec::new();
    for code in codes.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        match from_code(code) {
            Some(v) if !chosen.contains(&v) => chosen.push(v),
            Some(_) => {}
            None => errors.add(field, Problem::NotAChoice),
        }
    }
    chosen.sort();
    chosen
}

/// Checks a submitted profile against every rule; `known_categories` are the
/// category slugs that exist, `this_year` the latest year exporting may
/// have begun. On refusal the errors keep everything typed.
///
/// # Errors
/// The problems found, one per field, with the submitted values kept.
pub fn validate(form: &ProfileForm, known_categories: &[String], this_year: i32) -> Result<ProfileData, FormErrors> {
    let mut errors = FormErrors::new();
    for (field, value) in form.field_values() {
        errors.keep(&field, &value);
    }
    let products = forms::bilingual(&mut errors, "products", &form.products_zh, &form.products_en, PRODUCTS_MAX, true);
    let mut category_slugs: Vec<String> = Vec::new();
    if form.categories.len() > LIST_MAX {
        errors.add("categories", Problem::TooMany { max: LIST_MAX });
    }
    for slug in form.categories.iter().take(LIST_MAX).map(|c| c.trim()).filter(|c| !c.is_empty()) {
        if !known_categories.iter().any(|k| k == slug) {
            errors.add("categories", Problem::NotAChoice);
        } else if !category_slugs.iter().any(|c| c == slug) {
            category_slugs.push(slug.to_string());
        }
    }
    if category_slugs.is_empty() && errors.problem("categories").is_none() {
        errors.add("categories", Problem::ChooseAtLeastOne);
    }
    let moq = quantity(&mut errors, "moq", &form.moq_value, &form.moq_unit);
    let capacity = quantity(&mut errors, "capacity", &form.capacity_value, &form.capacity_unit);
    let lead_time_days = number(&mut errors, "lead_time_days", &form.lead_time_days, 1, LEAD_TIME_MAX).map(|d| d as i32);
    let sample_policy = choice(&mut errors, "sample_policy", &form.sample_policy, SamplePolicy::from_code);
    let price_band = choice(&mut errors, "price_band", &form.price_band, PriceBand::from_code);
    let certifications = choices(&mut errors, "certifications", &form.certifications, Certification::from_code);
    let certifications_other = forms::optional_text(&mut errors, "certifications_other", &form.certifications_other, FREE_TEXT_MAX);
    let export_markets = markets::checked_markets(&mut errors, "export_markets", &form.export_markets);
    let business_models = choices(&mut errors, "business_models", &form.business_models, BusinessModel::from_code);
    let platforms = choices(&mut errors, "platforms", &form.platforms, SalesPlatform::from_code);
    let languages = choices(&mut errors, "languages", &form.languages, Language::from_code);
    let floor_area_m2 = number(&mut errors, "floor_area_m2", &form.floor_area_m2, 1, FLOOR_AREA_MAX).map(|a| a as i32);
    let warehouse_where = forms::optional_text(&mut errors, "overseas_warehouse_where", &form.overseas_warehouse_where, FREE_TEXT_MAX);
    let overseas_warehouse = if form.overseas_warehouse {
        if warehouse_where.is_empty() {
            errors.add("overseas_warehouse_where", Problem::WhereNeeded);
        }
        Some(warehouse_where)
    } else {
        None
    };
    let warehouse_markets = markets::checked_markets(&mut errors, "warehouse_markets", &form.warehouse_markets);
    if !warehouse_markets.is_empty() && overseas_warehouse.is_none() {
        errors.add("warehouse_markets", Problem::WarehouseNotTicked);
    }
    let own_factory = choice(&mut errors, "own_factory", &form.own_factory, |code| match code {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    });
    let exporting_since =
        number(&mut errors, "exporting_since", &form.exporting_since, EXPORTING_SINCE_MIN, this_year.into()).map(|y| y as i32);
    let annual_sales = choice(&mut errors, "annual_sales", &form.annual_sales, SalesBand::from_code);
    let test_reports = forms::optional_text(&mut errors, "test_reports", &form.test_reports, FREE_TEXT_MAX);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(ProfileData {
        products,
        category_slugs,
        moq,
        capacity,
        lead_time_days,
        sample_policy,
        price_band,
        certifications,
        certifications_other,
        export_markets,
        business_models,
        platforms,
        languages,
        floor_area_m2,
        overseas_warehouse,
        warehouse_markets,
        own_factory,
        exporting_since,
        annual_sales,
        test_reports,
    })
}

/// The fields whose value differs between two versions of a profile.
pub fn changed_fields(old: &ProfileData, new: &ProfileData) -> Vec<ProfileField> {
    let mut old_categories = old.category_slugs.clone();
    let mut new_categories = new.category_slugs.clone();
    old_categories.sort();
    new_categories.sort();
    let checks = [
        (ProfileField::Products, old.products != new.products),
        (ProfileField::Categories, old_categories != new_categories),
        (ProfileField::Moq, old.moq != new.moq),
        (ProfileField::Capacity, old.capacity != new.capacity),
        (ProfileField::LeadTime, old.lead_time_days != new.lead_time_days),
        (ProfileField::SamplePolicy, old.sample_policy != new.sample_policy),
        (ProfileField::PriceBand, old.price_band != new.price_band),
        (ProfileField::Certifications, old.certifications != new.certifications || old.certifications_other != new.certifications_other),
        (ProfileField::ExportMarkets, old.export_markets != new.export_markets),
        (ProfileField::BusinessModels, old.business_models != new.business_models),
        (ProfileField::Platforms, old.platforms != new.platforms),
        (ProfileField::Languages, old.languages != new.languages),
        (ProfileField::FloorArea, old.floor_area_m2 != new.floor_area_m2),
        (
            ProfileField::OverseasWarehouse,
            old.overseas_warehouse != new.overseas_warehouse || old.warehouse_markets != new.warehouse_markets,
        ),
        (ProfileField::OwnFactory, old.own_factory != new.own_factory),
        (ProfileField::ExportExperience, old.exporting_since != new.exporting_since),
        (ProfileField::AnnualSales, old.annual_sales != new.annual_sales),
        (ProfileField::TestReports, old.test_reports != new.test_reports),
    ];
    checks.into_iter().filter(|(_, changed)| *changed).map(|(f, _)| f).collect()
}

/// A verification vouches for the value the verifier saw: an edit that
/// changes a verified field makes it self-declared again.
pub fn still_verified(verified: &[ProfileField], old: &ProfileData, new: &ProfileData) -> Vec<ProfileField> {
    let changed = changed_fields(old, new);
    verified.iter().copied().filter(|f| !changed.contains(f)).collect()
}

/// Whether a field has a value to show (and so something to verify).
pub fn is_filled(p: &ProfileData, field: ProfileField) -> bool {
    match field {
        ProfileField::Products => !p.products.zh.is_empty() || !p.products.en.is_empty(),
        ProfileField::Categories => !p.category_slugs.is_empty(),
        ProfileField::Moq => p.moq.is_some(),
        ProfileField::Capacity => p.capacity.is_some(),
        ProfileField::LeadTime => p.lead_time_days.is_some(),
        ProfileField::SamplePolicy => p.sample_policy.is_some(),
        ProfileField::PriceBand => p.price_band.is_some(),
        ProfileField::Certifications => !p.certifications.is_empty() || !p.certifications_other.is_empty(),
        ProfileField::ExportMarkets => !p.export_markets.is_empty(),
        ProfileField::BusinessModels => !p.business_models.is_empty(),
        ProfileField::Platforms => !p.platforms.is_empty(),
        ProfileField::Languages => !p.languages.is_empty(),
        ProfileField::FloorArea => p.floor_area_m2.is_some(),
        ProfileField::OverseasWarehouse => p.overseas_warehouse.is_some(),
        ProfileField::OwnFactory => p.own_factory.is_some(),
        ProfileField::ExportExperience => p.exporting_since.is_some(),
        ProfileField::AnnualSales => p.annual_sales.is_some(),
        ProfileField::TestReports => !p.test_reports.is_empty(),
    }
}

/// The member file has no columns for a firm's readiness facts (own factory,
/// export years, sales, test reports, warehouse markets): an import keeps
/// what the firm entered for them rather than clearing it.
pub fn keep_what_the_file_lacks(imported: &mut ProfileData, saved: &ProfileData) {
    if imported.overseas_warehouse.is_some() {
        imported.warehouse_markets.clone_from(&saved.warehouse_markets);
    }
    imported.own_factory = saved.own_factory;
    imported.exporting_since = saved.exporting_since;
    imported.annual_sales = saved.annual_sales;
    imported.test_reports.clone_from(&saved.test_reports);
}

/// Codes of a list of choices, for storage.
pub fn stored<T: Copy>(values: &[T], code: impl Fn(T) -> &'static str) -> String {
    join_codes(values.iter().map(|v| code(*v)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn known() -> Vec<String> {
        vec!["false-eyelashes".into(), "wigs".into()]
    }

    fn valid_form() -> ProfileForm {
        ProfileForm {
            products_zh: "手工假睫毛、磁性睫毛".into(),
            categories: vec!["false-eyelashes".into()],
            moq_value: "1，000".into(),
            moq_unit: "pair".into(),
            capacity_value: "２００ ０００".into(),
            capacity_unit: "pair".into(),
            lead_time_days: "15".into(),
            sample_policy: "refundable".into(),
            certifications: vec!["bsci".into(), "ce".into(), "bsci".into()],
            export_markets: "us, jp、uk".into(),
            business_models: vec!["own_brand".into(), "oem".into()],
            languages: vec!["zh".into(), "en".into()],
            overseas_warehouse: true,
            overseas_warehouse_where: "Los Angeles".into(),
            warehouse_markets: "us".into(),
            own_factory: "yes".into(),
            exporting_since: "2012".into(),
            annual_sales: "20m_100m".into(),
            ..ProfileForm::default()
        }
    }

    const THIS_YEAR: i32 = 2026;

    #[test]
    fn a_valid_form_is_read_into_a_profile() {
        let p = validate(&valid_form(), &known(), THIS_YEAR).unwrap();
        assert_eq!(p.moq, Some(Quantity { value: 1000, unit: QuantityUnit::Pair }));
        assert_eq!(p.capacity.unwrap().value, 200_000);
        assert_eq!(p.lead_time_days, Some(15));
        assert_eq!(p.certifications, vec![Certification::Ce, Certification::Bsci]);
        assert_eq!(p.export_markets, vec!["US", "JP", "GB"]);
        assert_eq!(p.business_models, vec![BusinessModel::Oem, BusinessModel::OwnBrand]);
        assert_eq!(p.overseas_warehouse.as_deref(), Some("Los Angeles"));
        assert_eq!(p.warehouse_markets, vec!["US"]);
        assert_eq!((p.own_factory, p.exporting_since, p.annual_sales), (Some(true), Some(2012), Some(SalesBand::From20mTo100m)));
        assert_eq!(p.price_band, None, "an empty field stays empty");
        assert_eq!(p.test_reports, "", "an empty field stays empty");
    }

    #[test]
    fn each_rule_names_its_field() {
        type Case = (&'static str, Box<dyn Fn(&mut ProfileForm)>, Problem);
        let cases: Vec<Case> = vec![
            ("products_zh", Box::new(|f| f.products_zh.clear()), Problem::NeedOneLanguage),
            ("categories", Box::new(|f| f.categories.clear()), Problem::ChooseAtLeastOne),
            ("categories", Box::new(|f| f.categories.push("rockets".into())), Problem::NotAChoice),
            ("moq_value", Box::new(|f| f.moq_value = "a thousand".into()), Problem::NotAWholeNumber),
            ("moq_value", Box::new(|f| f.moq_value = "0".into()), Problem::NotPositive),
            ("moq_value", Box::new(|f| f.moq_value = "2000000000".into()), Problem::AtMost { max: QUANTITY_MAX }),
            ("moq_value", Box::new(|f| f.moq_value = "-5".into()), Problem::NotPositive),
            ("moq_unit", Box::new(|f| f.moq_unit.clear()), Problem::UnitNeeded),
            ("capacity_value", Box::new(|f| f.capacity_value.clear()), Problem::Required),
            ("capacity_unit", Box::new(|f| f.capacity_unit = "barrels".into()), Problem::NotAChoice),
            ("lead_time_days", Box::new(|f| f.lead_time_days = "400".into()), Problem::AtMost { max: LEAD_TIME_MAX }),
            ("sample_policy", Box::new(|f| f.sample_policy = "maybe".into()), Problem::NotAChoice),
            ("certifications", Box::new(|f| f.certifications.push("ISO 9001".into())), Problem::NotAChoice),
            ("certifications_other", Box::new(|f| f.certifications_other = "x".repeat(201)), Problem::TooLong { max: FREE_TEXT_MAX }),
            ("export_markets", Box::new(|f| f.export_markets = "US, Europe".into()), Problem::UnknownCountryCodes(vec!["Europe".into()])),
            ("platforms", Box::new(|f| f.platforms.push("myspace".into())), Problem::NotAChoice),
            ("floor_area_m2", Box::new(|f| f.floor_area_m2 = "12.5".into()), Problem::NoFractions),
            ("overseas_warehouse_where", Box::new(|f| f.overseas_warehouse_where.clear()), Problem::WhereNeeded),
            ("warehouse_markets", Box::new(|f| f.overseas_warehouse = false), Problem::WarehouseNotTicked),
            ("warehouse_markets", Box::new(|f| f.warehouse_markets = "Mars".into()), Problem::UnknownCountryCodes(vec!["Mars".into()])),
            ("own_factory", Box::new(|f| f.own_factory = "sometimes".into()), Problem::NotAChoice),
            ("exporting_since", Box::new(|f| f.exporting_since = "2031".into()), Problem::AtMost { max: 2026 }),
            ("exporting_since", Box::new(|f| f.exporting_since = "1850".into()), Problem::AtLeast { min: EXPORTING_SINCE_MIN }),
            ("annual_sales", Box::new(|f| f.annual_sales = "lots".into()), Problem::NotAChoice),
            ("test_reports", Box::new(|f| f.test_reports = "x".repeat(201)), Problem::TooLong { max: FREE_TEXT_MAX }),
        ];
        for (field, break_it, problem) in cases {
            let mut form = valid_form();
            break_it(&mut form);
            let errors = validate(&form, &known(), THIS_YEAR).expect_err(field);
            assert_eq!(errors.problems.len(), 1, "only {field} is wrong: {:?}", errors.problems);
            assert_eq!(errors.problem(field), Some(&problem), "{field}");
            assert_eq!(errors.value("products_en"), Some(""), "other input is kept");
            assert_eq!(errors.value("export_markets"), Some(form.export_markets.as_str()));
        }
    }

    #[test]
    fn numbers_are_read_as_typed() {
        assert_eq!(parse_whole_number("1,000"), Some(1000));
        assert_eq!(parse_whole_number(" ３０００ "), Some(3000));
        assert_eq!(parse_whole_number("10 000"), Some(10000));
        for bad in ["", "1.5", "1e3", "abc", "-1", "99999999999999999999999"] {
            assert_eq!(parse_whole_number(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn changing_a_verified_field_makes_it_self_declared() {
        let old = validate(&valid_form(), &known(), THIS_YEAR).unwrap();
        let mut new = old.clone();
        new.moq = Some(Quantity { value: 500, unit: QuantityUnit::Pair });
        let verified = [ProfileField::Moq, ProfileField::ExportMarkets];
        assert_eq!(still_verified(&verified, &old, &new), vec![ProfileField::ExportMarkets]);
        new.category_slugs.reverse();
        assert_eq!(changed_fields(&old, &new), vec![ProfileField::Moq], "order of categories is not a change");
    }

    #[test]
    fn a_saved_profile_fills_the_form_it_came_from() {
        let p = validate(&valid_form(), &known(), THIS_YEAR).unwrap();
        let again = validate(&ProfileForm::from_profile(&p), &known(), THIS_YEAR).unwrap();
        assert_eq!(again, p);
    }

    #[test]
    fn an_import_keeps_the_facts_its_file_has_no_column_for() {
        let saved = validate(&valid_form(), &known(), THIS_YEAR).unwrap();
        let mut imported = ProfileData { overseas_warehouse: Some("LA".into()), ..ProfileData::default() };
        keep_what_the_file_lacks(&mut imported, &saved);
        assert_eq!(
            (imported.own_factory, imported.exporting_since, imported.annual_sales),
            (saved.own_factory, saved.exporting_since, saved.annual_sales)
        );
        assert_eq!(imported.warehouse_markets, saved.warehouse_markets);
        let mut without_warehouse = ProfileData::default();
        keep_what_the_file_lacks(&mut without_warehouse, &saved);
        assert!(without_warehouse.warehouse_markets.is_empty(), "no warehouse, so no markets for one");
    }

    proptest! {
        #[test]
        fn validation_never_panics_and_keeps_every_value(
            moq in ".{0,12}", lead in ".{0,8}", markets in ".{0,30}", area in "[0-9０-９,]{0,12}",
        ) {
            let form = ProfileForm { moq_value: moq.clone(), lead_time_days: lead, export_markets: markets, floor_area_m2: area, ..valid_form() };
            match validate(&form, &known(), THIS_YEAR) {
                Ok(p) => {
                    if let Some(q) = p.moq { prop_assert!((1..=QUANTITY_MAX).contains(&q.value)); }
                    if let Some(d) = p.lead_time_days { prop_assert!((1..=LEAD_TIME_MAX as i32).contains(&d)); }
                }
                Err(errors) => prop_assert_eq!(errors.value("moq_value"), Some(moq.as_str())),
            }
        }

        #[test]
        fn unchanged_profiles_keep_every_verification(n in 0usize..18) {
            let p = validate(&valid_form(), &known(), THIS_YEAR).unwrap();
            let verified: Vec<ProfileField> = ProfileField::ALL.iter().copied().take(n).collect();
            prop_assert_eq!(still_verified(&verified, &p, &p.clone()), verified);
        }
    }
}
