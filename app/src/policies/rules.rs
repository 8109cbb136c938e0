//! Reading the notice form, pure: every value as typed in, checked field by
//! field, into a notice's data.

use std::collections::BTreeMap;

use crate::forms::{self, FormErrors, Problem};
use crate::orgs::types::OrgKind;
use crate::policies::types::*;
use crate::suppliers::rules::{choice, number, LIST_MAX};
use crate::suppliers::types::SalesBand;

pub const TITLE_MAX: usize = 120;
pub const ISSUER_MAX: usize = 120;
pub const SUMMARY_MAX: usize = 4000;
pub const AMOUNT_MAX: usize = 200;
pub const CITY_MAX: usize = 40;
pub const LINK_MAX: usize = 500;
pub const EXPORT_YEARS_MAX: i64 = 100;
/// How far ahead a deadline may be set.
pub const DEADLINE_DAYS_MAX: i64 = 3 * 366;

/// The notice form as submitted.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NoticeForm {
    /// The association publishing it (empty: a site admin publishing for Beltlink).
    pub publisher: String,
    pub title_zh: String,
    pub title_en: String,
    pub issuer_zh: String,
    pub issuer_en: String,
    pub summary_zh: String,
    pub summary_en: String,
    pub benefit: String,
    pub amount_zh: String,
    pub amount_en: String,
    pub deadline: String,
    pub source_url: String,
    pub province: String,
    pub city_zh: String,
    pub city_en: String,
    pub org_kinds: Vec<String>,
    pub categories: Vec<String>,
    pub belts: Vec<String>,
    pub min_annual_sales: String,
    pub overseas_warehouse: bool,
    pub exports: bool,
    pub export_markets: String,
    pub min_export_years: String,
    pub verified: bool,
}

impl NoticeForm {
    /// The values as the form's fields hold them (lists comma-joined).
    pub fn field_values(&self) -> BTreeMap<String, String> {
        let flag = |on: bool| if on { "yes".to_string() } else { String::new() };
        BTreeMap::from([
            ("publisher".to_string(), self.publisher.clone()),
            ("title_zh".to_string(), self.title_zh.clone()),
            ("title_en".to_string(), self.title_en.clone()),
            ("issuer_zh".to_string(), self.issuer_zh.clone()),
            ("issuer_en".to_string(), self.issuer_en.clone()),
            ("summary_zh".to_string(), self.summary_zh.clone()),
            ("summary_en".to_string(), self.summary_en.clone()),
            ("benefit".to_string(), self.benefit.clone()),
            ("amount_zh".to_string(), self.amount_zh.clone()),
            ("amount_en".to_string(), self.amount_en.clone()),
            ("deadline".to_string(), self.deadline.clone()),
            ("source_url".to_string(), self.source_url.clone()),
            ("province".to_string(), self.province.clone()),
            ("city_zh".to_string(), self.city_zh.clone()),
            ("city_en".to_string(), self.city_en.clone()),
            ("org_kinds".to_string(), self.org_kinds.join(",")),
            ("categories".to_string(), self.categories.join(",")),
            ("belts".to_string(), self.belts.join(",")),
            ("min_annual_sales".to_string(), self.min_annual_sales.clone()),
            ("overseas_warehouse".to_string(), flag(self.overseas_warehouse)),
            ("exports".to_string(), flag(self.exports)),
            ("export_markets".to_string(), self.export_markets.clone()),
            ("min_export_years".to_string(), self.min_export_years.clone()),
            ("verified".to_string(), flag(self.verified)),
        ])
    }

    /// The form a saved notice fills in.
    pub fn from_data(publisher: &str, d: &NoticeData) -> NoticeForm {
        let e = &d.eligibility;
        NoticeForm {
            publisher: publisher.to_string(),
            title_zh: d.title.zh.clone(),
            title_en: d.title.en.clone(),
            issuer_zh: d.issuer.zh.clone(),
            issuer_en: d.issuer.en.clone(),
            summary_zh: d.summary.zh.clone(),
            summary_en: d.summary.en.clone(),
            benefit: d.benefit.map(|b| b.code().to_string()).unwrap_or_default(),
            amount_zh: d.amount.zh.clone(),
            amount_en: d.amount.en.clone(),
            deadline: d.deadline.clone().unwrap_or_default(),
            source_url: d.source_url.clone(),
            province: e.province.clone().unwrap_or_default(),
            city_zh: e.city.zh.clone(),
            city_en: e.city.en.clone(),
            org_kinds: e.org_kinds.iter().map(|k| k.code().to_string()).collect(),
            categories: e.category_slugs.clone(),
            belts: e.belt_slugs.clone(),
            min_annual_sales: e.min_annual_sales.map(|b| b.code().to_string()).unwrap_or_default(),
            overseas_warehouse: e.overseas_warehouse,
            exports: e.exports,
            export_markets: e.export_markets.join(", "),
            min_export_years: e.min_export_years.map(|y| y.to_string()).unwrap_or_default(),
            verified: e.verified,
        }
    }
}

/// The organisation kinds a notice can be for.
pub const KINDS: [OrgKind; 2] = [OrgKind::Manufacturer, OrgKind::ServiceProvider];

pub use crate::forms::is_web_link;

/// What the form can check without the database: the known categories and
/// belts, and today (China time).
pub struct Known<'a> {
    pub categories: &'a [String],
    pub belts: &'a [String],
    pub today: chrono::NaiveDate,
}

/// Checks a submitted notice.
///
/// # Errors
/// The problems found, one per field, with the submitted values kept.
pub fn validate(form: &NoticeForm, known: &Known) -> Result<NoticeData, FormErrors> {
    let mut errors = FormErrors::new();
    for (field, value) in form.field_values() {
        errors.keep(&field, &value);
    }
    let title = forms::bilingual(&mut errors, "title", &form.title_zh, &form.title_en, TITLE_MAX, true);
    let issuer = forms::bilingual(&mut errors, "issuer", &form.issuer_zh, &form.issuer_en, ISSUER_MAX, true);
    let summary = forms::bilingual(&mut errors, "summary", &form.summary_zh, &form.summary_en, SUMMARY_MAX, false);
    let benefit = choice(&mut errors, "benefit", &form.benefit, Benefit::from_code);
    if benefit.is_none() && form.benefit.trim().is_empty() {
        errors.add("benefit", Problem::Required);
    }
    let amount = forms::bilingual(&mut errors, "amount", &form.amount_zh, &form.amount_en, AMOUNT_MAX, false);
    let deadline = if form.deadline.trim().is_empty() {
        None
    } else {
        forms::date_ahead(&mut errors, "deadline", &form.deadline, known.today, DEADLINE_DAYS_MAX).map(|d| d.format("%Y-%m-%d").to_string())
    };
    let source_url = forms::optional_text(&mut errors, "source_url", &form.source_url, LINK_MAX);
    if !source_url.is_empty() && !is_web_link(&source_url) {
        errors.add("source_url", Problem::NotALink);
    }
    let province = match form.province.trim() {
        "" => None,
        code if crate::geo::province(code).is_some() => Some(code.to_string()),
        _ => {
            errors.add("province", Problem::NotAChoice);
            None
        }
    };
    let city = forms::bilingual(&mut errors, "city", &form.city_zh, &form.city_en, CITY_MAX, false);
    if province.is_none() && form.province.trim().is_empty() && !(city.zh.is_empty() && city.en.is_empty()) {
        // A city without its province would match a namesake anywhere.
        errors.add("province", Problem::Required);
    }
    let mut org_kinds = Vec::new();
    for code in form.org_kinds.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        match OrgKind::from_code(code).filter(|k| KINDS.contains(k)) {
            Some(kind) if !org_kinds.contains(&kind) => org_kinds.push(kind),
            Some(_) => {}
            None => errors.add("org_kinds", Problem::NotAChoice),
        }
    }
    let category_slugs = forms::known_slugs(&mut errors, "categories", &form.categories, known.categories, LIST_MAX);
    let belt_slugs = forms::known_slugs(&mut errors, "belts", &form.belts, known.belts, LIST_MAX);
    let min_annual_sales = choice(&mut errors, "min_annual_sales", &form.min_annual_sales, SalesBand::from_code);
    let export_markets = crate::suppliers::markets::checked_markets(&mut errors, "export_markets", &form.export_markets);
    let min_export_years = number(&mut errors, "min_export_years", &form.min_export_years, 1, EXPORT_YEARS_MAX).map(|y| y as i32);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(NoticeData {
        title,
        issuer,
        summary,
        benefit,
        amount,
        deadline,
        source_url,
        eligibility: Eligibility {
            province,
            city,
            org_kinds,
            category_slugs,
            belt_slugs,
            min_annual_sales,
            overseas_warehouse: form.overseas_warehouse,
            exports: form.exports,
            export_markets,
            min_export_years,
            verified: form.verified,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()
    }

    fn good() -> NoticeForm {
        NoticeForm {
            title_zh: "境外参展补贴".into(),
            issuer_zh: "福州市人民政府".into(),
            benefit: "fair_subsidy".into(),
            deadline: "2027-03-31".into(),
            source_url: "https://www.fuzhou.gov.cn/notice?id=1".into(),
            province: "fujian".into(),
            city_zh: "福州".into(),
            org_kinds: vec!["manufacturer".into()],
            categories: vec!["tea".into()],
            exports: true,
            export_markets: "us, de".into(),
            min_export_years: "2".into(),
            summary_en: "<script>alert(1)</script>".into(),
            ..NoticeForm::default()
        }
    }

    fn known() -> (Vec<String>, Vec<String>) {
        (vec!["tea".to_string()], vec!["yueyang-tea".to_string()])
    }

    #[test]
    fn a_good_form_reads_and_its_data_fills_the_form_again() {
        let (categories, belts) = known();
        let known = Known { categories: &categories, belts: &belts, today: today() };
        let data = validate(&good(), &known).unwrap();
        assert_eq!(data.benefit, Some(Benefit::FairSubsidy));
        assert_eq!(data.deadline.as_deref(), Some("2027-03-31"));
        assert_eq!(data.eligibility.export_markets, vec!["US".to_string(), "DE".to_string()]);
        assert_eq!(data.eligibility.org_kinds, vec![OrgKind::Manufacturer]);
        assert_eq!(data.summary.en, "<script>alert(1)</script>", "kept as text; escaping is the page's job");
        assert_eq!(validate(&NoticeForm::from_data("", &data), &known).unwrap(), data);
    }

    #[test]
    fn each_bad_field_is_named_and_the_rest_is_kept() {
        let (categories, belts) = known();
        let known = Known { categories: &categories, belts: &belts, today: today() };
        type Case = (&'static str, Box<dyn Fn(&mut NoticeForm)>, Problem);
        let cases: Vec<Case> = vec![
            ("title_zh", Box::new(|f| f.title_zh.clear()), Problem::NeedOneLanguage),
            ("issuer_zh", Box::new(|f| f.issuer_zh = "x".repeat(ISSUER_MAX + 1)), Problem::TooLong { max: ISSUER_MAX }),
            ("benefit", Box::new(|f| f.benefit.clear()), Problem::Required),
            ("benefit", Box::new(|f| f.benefit = "free-money".into()), Problem::NotAChoice),
            ("deadline", Box::new(|f| f.deadline = "2026-12-02".into()), Problem::DateInThePast),
            ("deadline", Box::new(|f| f.deadline = "soon".into()), Problem::NotADate),
            ("source_url", Box::new(|f| f.source_url = "javascript:alert(1)".into()), Problem::NotALink),
            ("province", Box::new(|f| f.province = "atlantis".into()), Problem::NotAChoice),
            ("province", Box::new(|f| f.province.clear()), Problem::Required),
            ("org_kinds", Box::new(|f| f.org_kinds.push("platform".into())), Problem::NotAChoice),
            ("categories", Box::new(|f| f.categories.push("rockets".into())), Problem::NotAChoice),
            ("export_markets", Box::new(|f| f.export_markets = "Europe".into()), Problem::UnknownCountryCodes(vec!["Europe".into()])),
            ("min_export_years", Box::new(|f| f.min_export_years = "101".into()), Problem::AtMost { max: EXPORT_YEARS_MAX }),
            ("min_annual_sales", Box::new(|f| f.min_annual_sales = "lots".into()), Problem::NotAChoice),
        ];
        for (field, break_it, problem) in cases {
            let mut broken = good();
            break_it(&mut broken);
            let errors = validate(&broken, &known).expect_err(field);
            assert_eq!(errors.problems.len(), 1, "{field}: {:?}", errors.problems);
            assert_eq!(errors.problem(field), Some(&problem), "{field}");
            assert_eq!(errors.value("summary_en"), Some("<script>alert(1)</script>"), "input is kept");
        }
    }

    #[test]
    fn links_are_web_addresses_only() {
        for good in ["https://www.gov.cn/a", "http://fz.gov.cn", "https://example.com/x?y=1#z"] {
            assert!(is_web_link(good), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "https://",
            "https:// evil.com",
            "ftp://x.com",
            "https://x.com/\"onmouseover=",
            "example.com",
            "https://.com",
        ] {
            assert!(!is_web_link(bad), "{bad}");
        }
    }
}
