//! The rules of a service offering, as a pure function over the submitted form.

use std::collections::BTreeMap;

use crate::forms::{self, FormErrors, Problem};
use crate::services::types::{OfferingData, ServiceType};
use crate::suppliers::markets;

pub const TITLE_MAX: usize = 120;
pub const TEXT_MAX: usize = 2000;

/// An offering form as submitted.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OfferingForm {
    pub service_type: String,
    pub title_zh: String,
    pub title_en: String,
    pub description_zh: String,
    pub description_en: String,
    pub terms_zh: String,
    pub terms_en: String,
    pub markets: String,
    pub belts: Vec<String>,
    pub published: bool,
}

impl OfferingForm {
    pub fn field_values(&self) -> BTreeMap<String, String> {
        [
            ("service_type", self.service_type.clone()),
            ("title_zh", self.title_zh.clone()),
            ("title_en", self.title_en.clone()),
            ("description_zh", self.description_zh.clone()),
            ("description_en", self.description_en.clone()),
            ("terms_zh", self.terms_zh.clone()),
            ("terms_en", self.terms_en.clone()),
            ("markets", self.markets.clone()),
            ("belts", self.belts.join(",")),
            ("published", if self.published { "yes".into() } else { String::new() }),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
    }

    pub fn from_offering(o: &OfferingData) -> OfferingForm {
        OfferingForm {
            service_type: o.service_type.code().to_string(),
            title_zh: o.title.zh.clone(),
            title_en: o.title.en.clone(),
            description_zh: o.description.zh.clone(),
            description_en: o.description.en.clone(),
            terms_zh: o.terms.zh.clone(),
            terms_en: o.terms.en.clone(),
            markets: o.markets.join(", "),
            belts: o.belt_slugs.clone(),
            published: o.published,
        }
    }
}

/// Checks a submitted offering; `known_belts` are the belt slugs that exist.
///
/// # Errors
/// The problems found, one per field, with every submitted value kept.
pub fn validate(form: &OfferingForm, known_belts: &[String]) -> Result<OfferingData, FormErrors> {
    let mut errors = FormErrors::new();
    for (field, value) in form.field_values() {
        errors.keep(&field, &value);
    }
    let service_type = ServiceType::from_code(form.service_type.trim());
    if service_type.is_none() {
        let problem = if form.service_type.trim().is_empty() { Problem::Required } else { Problem::NotAChoice };
        errors.add("service_type", problem);
    }
    let title = forms::bilingual(&mut errors, "title", &form.title_zh, &form.title_en, TITLE_MAX, true);
    let description = forms::bilingual(&mut errors, "description", &form.description_zh, &form.description_en, TEXT_MAX, false);
    let terms = forms::bilingual(&mut errors, "terms", &form.terms_zh, &form.terms_en, TEXT_MAX, false);
    let markets = markets::checked_markets(&mut errors, "markets", &form.markets);
    let mut belt_slugs: Vec<String> = Vec::new();
    if form.belts.len() > crate::suppliers::rules::LIST_MAX {
        errors.add("belts", Problem::TooMany { max: crate::suppliers::rules::LIST_MAX });
    }
    for slug in form.belts.iter().take(crate::suppliers::rules::LIST_MAX).map(|b| b.trim()).filter(|b| !b.is_empty()) {
        if !known_belts.iter().any(|k| k == slug) {
            errors.add("belts", Problem::NotAChoice);
        } else if !belt_slugs.iter().any(|b| b == slug) {
            belt_slugs.push(slug.to_string());
        }
    }
    match service_type {
        Some(service_type) if errors.is_empty() => {
            Ok(OfferingData { service_type, title, description, terms, markets, belt_slugs, published: form.published })
        }
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> OfferingForm {
        OfferingForm {
            service_type: "overseas_warehouse".into(),
            title_en: "Los Angeles warehouse".into(),
            markets: "us, ca".into(),
            belts: vec!["jiaozhou-solid-wood-furniture".into()],
            published: true,
            ..OfferingForm::default()
        }
    }

    fn belts() -> Vec<String> {
        vec!["jiaozhou-solid-wood-furniture".into()]
    }

    #[test]
    fn a_valid_offering_is_read() {
        let o = validate(&form(), &belts()).unwrap();
        assert_eq!(o.service_type, ServiceType::OverseasWarehouse);
        assert_eq!(o.markets, vec!["US", "CA"]);
        assert!(o.published);
        assert_eq!(validate(&OfferingForm::from_offering(&o), &belts()).unwrap(), o, "round trip");
    }

    #[test]
    fn each_rule_names_its_field_and_keeps_the_input() {
        let cases: Vec<(OfferingForm, &str, Problem)> = vec![
            (OfferingForm { service_type: String::new(), ..form() }, "service_type", Problem::Required),
            (OfferingForm { service_type: "catering".into(), ..form() }, "service_type", Problem::NotAChoice),
            (OfferingForm { title_en: String::new(), ..form() }, "title_zh", Problem::NeedOneLanguage),
            (OfferingForm { title_en: "x".repeat(121), ..form() }, "title_en", Problem::TooLong { max: TITLE_MAX }),
            (OfferingForm { terms_zh: "条".repeat(2001), ..form() }, "terms_zh", Problem::TooLong { max: TEXT_MAX }),
            (OfferingForm { markets: "US, Mars".into(), ..form() }, "markets", Problem::UnknownCountryCodes(vec!["Mars".into()])),
            (OfferingForm { belts: vec!["atlantis".into()], ..form() }, "belts", Problem::NotAChoice),
        ];
        for (bad, field, problem) in cases {
            let errors = validate(&bad, &belts()).expect_err(field);
            assert_eq!(errors.problems.len(), 1, "{field}: {:?}", errors.problems);
            assert_eq!(errors.problem(field), Some(&problem));
            assert_eq!(errors.value("markets"), Some(bad.markets.as_str()));
        }
    }
}
