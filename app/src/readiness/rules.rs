//! The rules of readiness, as pure functions: reading a platform's criteria
//! form, listing what the criteria ask, and judging a firm against them.

use std::collections::BTreeMap;

use crate::codes::join_codes;
use crate::forms::{self, FormErrors};
use crate::readiness::types::*;
use crate::services::types::ServiceType;
use crate::suppliers::rules::{choice, choices, number, FLOOR_AREA_MAX, LIST_MAX};
use crate::suppliers::types::{Certification, ProfileField, SalesBand};

pub const NOTES_MAX: usize = 2000;
pub const EXPORT_YEARS_MAX: i64 = 100;

/// A criteria form as submitted: every value as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CriteriaForm {
    pub own_factory: bool,
    pub min_floor_area_m2: String,
    pub certifications: Vec<String>,
    pub warehouse_markets: String,
    pub min_export_years: String,
    pub business_licence: bool,
    pub test_reports: bool,
    pub min_annual_sales: String,
    pub categories: Vec<String>,
    pub belts: Vec<String>,
    pub notes_zh: String,
    pub notes_en: String,
}

impl CriteriaForm {
    /// The values as the form's fields hold them (lists comma-joined).
    pub fn field_values(&self) -> BTreeMap<String, String> {
        let flag = |on: bool| if on { "yes".to_string() } else { String::new() };
        BTreeMap::from([
            ("own_factory".to_string(), flag(self.own_factory)),
            ("min_floor_area_m2".to_string(), self.min_floor_area_m2.clone()),
            ("certifications".to_string(), self.certifications.join(",")),
            ("warehouse_markets".to_string(), self.warehouse_markets.clone()),
            ("min_export_years".to_string(), self.min_export_years.clone()),
            ("business_licence".to_string(), flag(self.business_licence)),
            ("test_reports".to_string(), flag(self.test_reports)),
            ("min_annual_sales".to_string(), self.min_annual_sales.clone()),
            ("categories".to_string(), self.categories.join(",")),
            ("belts".to_string(), self.belts.join(",")),
            ("notes_zh".to_string(), self.notes_zh.clone()),
            ("notes_en".to_string(), self.notes_en.clone()),
        ])
    }

    /// The form saved criteria fill in.
    pub fn from_criteria(c: &PlatformCriteria) -> CriteriaForm {
        CriteriaForm {
            own_factory: c.own_factory,
            min_floor_area_m2: c.min_floor_area_m2.map(|a| a.to_string()).unwrap_or_default(),
            certifications: c.certifications.iter().map(|c| c.code().to_string()).collect(),
            warehouse_markets: c.warehouse_markets.join(", "),
            min_export_years: c.min_export_years.map(|y| y.to_string()).unwrap_or_default(),
            business_licence: c.business_licence,
            test_reports: c.test_reports,
            min_annual_sales: c.min_annual_sales.map(|b| b.code().to_string()).unwrap_or_default(),
            categories: c.category_slugs.clone(),
            belts: c.belt_slugs.clone(),
            notes_zh: c.notes.zh.clone(),
            notes_en: c.notes.en.clone(),
        }
    }
}

/// Checks submitted criteria; `categories` and `belts` are the slugs that exist.
///
/// # Errors
/// The problems found, one per field, with the submitted values kept.
pub fn validate(form: &CriteriaForm, categories: &[String], belts: &[String]) -> Result<PlatformCriteria, FormErrors> {
    let mut errors = FormErrors::new();
    for (field, value) in form.field_values() {
        errors.keep(&field, &value);
    }
    let min_floor_area_m2 = number(&mut errors, "min_floor_area_m2", &form.min_floor_area_m2, 1, FLOOR_AREA_MAX).map(|a| a as i32);
    let certifications = choices(&mut errors, "certifications", &form.certifications, Certification::from_code);
    let warehouse_markets = crate::suppliers::markets::checked_markets(&mut errors, "warehouse_markets", &form.warehouse_markets);
    let min_export_years = number(&mut errors, "min_export_years", &form.min_export_years, 1, EXPORT_YEARS_MAX).map(|y| y as i32);
    let min_annual_sales = choice(&mut errors, "min_annual_sales", &form.min_annual_sales, SalesBand::from_code);
    let category_slugs = forms::known_slugs(&mut errors, "categories", &form.categories, categories, LIST_MAX);
    let belt_slugs = forms::known_slugs(&mut errors, "belts", &form.belts, belts, LIST_MAX);
    let notes = forms::bilingual(&mut errors, "notes", &form.notes_zh, &form.notes_en, NOTES_MAX, false);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(PlatformCriteria {
        own_factory: form.own_factory,
        min_floor_area_m2,
        certifications,
        warehouse_markets,
        min_export_years,
        business_licence: form.business_licence,
        test_reports: form.test_reports,
        min_annual_sales,
        category_slugs,
        belt_slugs,
        notes,
    })
}

/// What the criteria ask, one requirement each, in a fixed reading order:
/// what it makes and where, then the factory, papers, reach and size.
pub fn requirements(c: &PlatformCriteria) -> Vec<Requirement> {
    let mut all = Vec::new();
    if !c.category_slugs.is_empty() {
        all.push(Requirement::MakesOneOf(c.category_slugs.clone()));
    }
    if !c.belt_slugs.is_empty() {
        all.push(Requirement::InOneOfBelts(c.belt_slugs.clone()));
    }
    if c.own_factory {
        all.push(Requirement::OwnFactory);
    }
    if let Some(area) = c.min_floor_area_m2 {
        all.push(Requirement::FloorArea(area));
    }
    if c.business_licence {
        all.push(Requirement::BusinessLicence);
    }
    all.extend(c.certifications.iter().map(|cert| Requirement::Certification(*cert)));
    if c.test_reports {
        all.push(Requirement::TestReports);
    }
    all.extend(c.warehouse_markets.iter().map(|m| Requirement::WarehouseIn(m.clone())));
    if let Some(years) = c.min_export_years {
        all.push(Requirement::ExportYears(years));
    }
    if let Some(band) = c.min_annual_sales {
        all.push(Requirement::AnnualSales(band));
    }
    all
}

/// The profile field a requirement rests on (`None`: the organisation's own verification).
pub fn field_of(requirement: &Requirement) -> Option<ProfileField> {
    Some(match requirement {
        Requirement::MakesOneOf(_) => ProfileField::Categories,
        Requirement::InOneOfBelts(_) | Requirement::BusinessLicence => return None,
        Requirement::OwnFactory => ProfileField::OwnFactory,
        Requirement::FloorArea(_) => ProfileField::FloorArea,
        Requirement::Certification(_) => ProfileField::Certifications,
        Requirement::WarehouseIn(_) => ProfileField::OverseasWarehouse,
        Requirement::ExportYears(_) => ProfileField::ExportExperience,
        Requirement::TestReports => ProfileField::TestReports,
        Requirement::AnnualSales(_) => ProfileField::AnnualSales,
        Requirement::MonthlyCapacity(_) => ProfileField::Capacity,
    })
}

/// The kind of service provider that could help where a requirement is not met.
pub fn service_for(requirement: &Requirement) -> Option<ServiceType> {
    match requirement {
        Requirement::WarehouseIn(_) => Some(ServiceType::OverseasWarehouse),
        Requirement::Certification(_) | Requirement::TestReports => Some(ServiceType::Certification),
        Requirement::ExportYears(_) => Some(ServiceType::Training),
        _ => None,
    }
}

/// Whether the facts meet a requirement: `Some(true)` met, `Some(false)`
/// not met, `None` when the profile does not say.
fn meets(requirement: &Requirement, f: &FirmFacts, this_year: i32) -> Option<bool> {
    let p = &f.profile;
    match requirement {
        Requirement::MakesOneOf(slugs) => (!p.category_slugs.is_empty()).then(|| p.category_slugs.iter().any(|c| slugs.contains(c))),
        Requirement::InOneOfBelts(slugs) => Some(f.belt_slugs.iter().any(|b| slugs.contains(b))),
        Requirement::OwnFactory => p.own_factory,
        Requirement::FloorArea(min) => p.floor_area_m2.map(|a| a >= *min),
        Requirement::Certification(cert) => {
            if p.certifications.contains(cert) {
                Some(true)
            } else if p.certifications.is_empty() && p.certifications_other.is_empty() {
                None
            } else {
                Some(false)
            }
        }
        Requirement::WarehouseIn(market) => match &p.overseas_warehouse {
            None => Some(false),
            Some(_) if p.warehouse_markets.is_empty() => None,
            Some(_) => Some(p.warehouse_markets.contains(market)),
        },
        Requirement::ExportYears(min) => p.exporting_since.map(|since| this_year - since >= *min),
        Requirement::BusinessLicence => Some(f.organisation_verified),
        Requirement::TestReports => (!p.test_reports.is_empty()).then_some(true),
        Requirement::AnnualSales(min) => p.annual_sales.map(|band| band >= *min),
        // Stated in another unit, the capacity says nothing about this one.
        Requirement::MonthlyCapacity(min) => p.capacity.filter(|c| c.unit == min.unit).map(|c| c.value >= min.value),
    }
}

/// One requirement judged against a firm's facts, with what to do next.
pub fn judge(requirement: &Requirement, f: &FirmFacts, this_year: i32) -> Check {
    let field = field_of(requirement);
    let vouched = match field {
        Some(field) => f.verified.contains(&field),
        None => f.organisation_verified,
    };
    let standing = match meets(requirement, f, this_year) {
        Some(true) if vouched => Standing::Verified,
        Some(true) => Standing::SelfDeclared,
        Some(false) => Standing::NotMet,
        None => Standing::NotSaid,
    };
    let mut steps = Vec::new();
    match (standing, field) {
        (Standing::Verified, _) => {}
        (Standing::SelfDeclared, Some(field)) => steps.push(NextStep::Verify(field)),
        (Standing::SelfDeclared, None) => steps.push(NextStep::VerifyOrganisation),
        (Standing::NotSaid, field) => {
            steps.extend(field.map(NextStep::FillIn));
            // Perhaps it has none yet: who could help.
            steps.extend(service_for(requirement).map(NextStep::FindProvider));
        }
        (Standing::NotMet, _) => match requirement {
            Requirement::BusinessLicence => steps.push(NextStep::VerifyOrganisation),
            // What a firm makes and where it is are what the platform scouts for, not gaps to close.
            Requirement::MakesOneOf(_) | Requirement::InOneOfBelts(_) => {}
            _ => {
                steps.extend(service_for(requirement).map(NextStep::FindProvider));
                if service_for(requirement).is_none() {
                    steps.push(NextStep::OutOfReach);
                }
                // Perhaps the profile is out of date.
                steps.extend(field.map(NextStep::Update));
            }
        },
    }
    Check { requirement: requirement.clone(), standing, steps }
}

/// Every requirement of `criteria` judged against `facts`.
pub fn assess(criteria: &PlatformCriteria, facts: &FirmFacts, this_year: i32) -> Vec<Check> {
    requirements(criteria).iter().map(|r| judge(r, facts, this_year)).collect()
}

/// Platforms in the order a firm wants them: the most requirements met
/// first, then the fewest left, then by slug.
pub fn closest_first(fits: &mut [PlatformFit]) {
    fits.sort_by(|a, b| {
        let left = |f: &PlatformFit| f.checks.len() - f.met;
        b.met.cmp(&a.met).then(left(a).cmp(&left(b))).then(a.platform.slug.cmp(&b.platform.slug))
    });
}

/// Lists of codes for storage.
pub fn stored_codes(certifications: &[Certification]) -> String {
    join_codes(certifications.iter().map(|c| c.code()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::Problem;
    use crate::suppliers::types::ProfileData;
    use proptest::prelude::*;

    const YEAR: i32 = 2026;

    fn strict() -> PlatformCriteria {
        PlatformCriteria {
            own_factory: true,
            min_floor_area_m2: Some(2000),
            certifications: vec![Certification::Bsci],
            warehouse_markets: vec!["US".into()],
            min_export_years: Some(3),
            business_licence: true,
            test_reports: true,
            min_annual_sales: Some(SalesBand::From5mTo20m),
            category_slugs: vec!["false-eyelashes".into()],
            belt_slugs: vec!["pingdu-false-eyelashes".into()],
            ..PlatformCriteria::default()
        }
    }

    fn ready_firm() -> FirmFacts {
        FirmFacts {
            profile: ProfileData {
                category_slugs: vec!["false-eyelashes".into()],
                own_factory: Some(true),
                floor_area_m2: Some(3000),
                certifications: vec![Certification::Bsci],
                overseas_warehouse: Some("Los Angeles".into()),
                warehouse_markets: vec!["US".into()],
                exporting_since: Some(2015),
                test_reports: "SGS".into(),
                annual_sales: Some(SalesBand::From20mTo100m),
                ..ProfileData::default()
            },
            verified: vec![ProfileField::Certifications],
            organisation_verified: true,
            belt_slugs: vec!["pingdu-false-eyelashes".into()],
        }
    }

    fn standing_of(checks: &[Check], requirement: &Requirement) -> Standing {
        checks.iter().find(|c| &c.requirement == requirement).map(|c| c.standing).unwrap()
    }

    #[test]
    fn a_firm_that_has_everything_meets_everything() {
        let checks = assess(&strict(), &ready_firm(), YEAR);
        assert_eq!(checks.len(), 10);
        assert!(checks.iter().all(|c| c.standing.is_met()), "{checks:?}");
        assert_eq!(standing_of(&checks, &Requirement::Certification(Certification::Bsci)), Standing::Verified);
        assert_eq!(standing_of(&checks, &Requirement::BusinessLicence), Standing::Verified);
        assert_eq!(standing_of(&checks, &Requirement::OwnFactory), Standing::SelfDeclared);
        let own = checks.iter().find(|c| c.requirement == Requirement::OwnFactory).unwrap();
        assert_eq!(own.steps, vec![NextStep::Verify(ProfileField::OwnFactory)]);
    }

    #[test]
    fn gaps_say_what_is_missing_and_what_helps() {
        let mut firm = ready_firm();
        firm.profile.warehouse_markets = vec!["DE".into()];
        firm.profile.certifications = vec![Certification::Ce];
        firm.profile.exporting_since = Some(2025);
        firm.profile.own_factory = None;
        firm.organisation_verified = false;
        let checks = assess(&strict(), &firm, YEAR);
        let of = |r: Requirement| checks.iter().find(|c| c.requirement == r).unwrap().clone();
        let warehouse = of(Requirement::WarehouseIn("US".into()));
        assert_eq!(warehouse.standing, Standing::NotMet);
        assert_eq!(
            warehouse.steps,
            vec![NextStep::FindProvider(ServiceType::OverseasWarehouse), NextStep::Update(ProfileField::OverseasWarehouse)]
        );
        assert_eq!(of(Requirement::Certification(Certification::Bsci)).steps[0], NextStep::FindProvider(ServiceType::Certification));
        assert_eq!(of(Requirement::ExportYears(3)).standing, Standing::NotMet, "one year of exports is not three");
        assert_eq!(of(Requirement::OwnFactory).standing, Standing::NotSaid);
        assert_eq!(of(Requirement::OwnFactory).steps, vec![NextStep::FillIn(ProfileField::OwnFactory)]);
        assert_eq!(of(Requirement::BusinessLicence).steps, vec![NextStep::VerifyOrganisation]);
        firm.profile.floor_area_m2 = Some(500);
        assert_eq!(
            judge(&Requirement::FloorArea(2000), &firm, YEAR).steps,
            vec![NextStep::OutOfReach, NextStep::Update(ProfileField::FloorArea)]
        );
        firm.profile.category_slugs = vec!["wigs".into()];
        assert!(judge(&Requirement::MakesOneOf(vec!["false-eyelashes".into()]), &firm, YEAR).steps.is_empty(), "not a gap to close");
    }

    #[test]
    fn an_unsaid_fact_is_not_taken_for_a_no() {
        let firm = FirmFacts::default();
        for requirement in requirements(&strict()) {
            let standing = judge(&requirement, &firm, YEAR).standing;
            let expected = match requirement {
                // A belt is membership and a licence is verification: never "not said".
                Requirement::InOneOfBelts(_) | Requirement::BusinessLicence => Standing::NotMet,
                // No warehouse ticked is a no; no test reports listed is not said.
                Requirement::WarehouseIn(_) => Standing::NotMet,
                _ => Standing::NotSaid,
            };
            assert_eq!(standing, expected, "{requirement:?}");
        }
    }

    #[test]
    fn criteria_asking_nothing_ask_nothing() {
        assert!(requirements(&PlatformCriteria::default()).is_empty());
    }

    #[test]
    fn the_form_reads_and_refuses_field_by_field() {
        let categories = vec!["false-eyelashes".to_string()];
        let belts = vec!["pingdu-false-eyelashes".to_string()];
        let form = CriteriaForm {
            own_factory: true,
            min_floor_area_m2: "2,000".into(),
            certifications: vec!["bsci".into()],
            warehouse_markets: "us".into(),
            min_export_years: "3".into(),
            categories: categories.clone(),
            belts: belts.clone(),
            notes_en: "<script>alert(1)</script>".into(),
            ..CriteriaForm::default()
        };
        let c = validate(&form, &categories, &belts).unwrap();
        assert_eq!((c.min_floor_area_m2, c.warehouse_markets.clone(), c.min_export_years), (Some(2000), vec!["US".to_string()], Some(3)));
        assert_eq!(validate(&CriteriaForm::from_criteria(&c), &categories, &belts).unwrap(), c, "saved criteria fill their form");
        type Case = (&'static str, Box<dyn Fn(&mut CriteriaForm)>, Problem);
        let cases: Vec<Case> = vec![
            ("min_floor_area_m2", Box::new(|f| f.min_floor_area_m2 = "big".into()), Problem::NotAWholeNumber),
            ("min_export_years", Box::new(|f| f.min_export_years = "101".into()), Problem::AtMost { max: EXPORT_YEARS_MAX }),
            ("certifications", Box::new(|f| f.certifications.push("iso-nothing".into())), Problem::NotAChoice),
            ("warehouse_markets", Box::new(|f| f.warehouse_markets = "Europe".into()), Problem::UnknownCountryCodes(vec!["Europe".into()])),
            ("min_annual_sales", Box::new(|f| f.min_annual_sales = "heaps".into()), Problem::NotAChoice),
            ("categories", Box::new(|f| f.categories.push("rockets".into())), Problem::NotAChoice),
            ("belts", Box::new(|f| f.belts.push("moon".into())), Problem::NotAChoice),
            ("notes_zh", Box::new(|f| f.notes_zh = "字".repeat(NOTES_MAX + 1)), Problem::TooLong { max: NOTES_MAX }),
        ];
        for (field, break_it, problem) in cases {
            let mut broken = form.clone();
            break_it(&mut broken);
            let errors = validate(&broken, &categories, &belts).expect_err(field);
            assert_eq!(errors.problems.len(), 1, "{field}: {:?}", errors.problems);
            assert_eq!(errors.problem(field), Some(&problem), "{field}");
            assert_eq!(errors.value("min_floor_area_m2"), Some(broken.min_floor_area_m2.as_str()), "input is kept");
        }
    }

    fn met(checks: &[Check]) -> usize {
        checks.iter().filter(|c| c.standing.is_met()).count()
    }

    proptest! {
        /// Saying more about the firm, or having more of it, never makes it less ready.
        #[test]
        fn more_facts_never_meet_fewer_requirements(
            area in proptest::option::of(1i32..10_000), more_area in 0i32..5_000,
            since in proptest::option::of(1990i32..=2026), earlier in 0i32..10,
            band in proptest::option::of(0usize..5), better in 0usize..5,
        ) {
            let mut firm = ready_firm();
            firm.profile.floor_area_m2 = area;
            firm.profile.exporting_since = since;
            firm.profile.annual_sales = band.map(|b| SalesBand::ALL[b]);
            let before = met(&assess(&strict(), &firm, YEAR));
            firm.profile.floor_area_m2 = Some(area.unwrap_or(0) + more_area).filter(|a| *a > 0);
            firm.profile.exporting_since = Some(since.unwrap_or(2026) - earlier);
            firm.profile.annual_sales = Some(SalesBand::ALL[(band.unwrap_or(0) + better).min(SalesBand::ALL.len() - 1)]);
            prop_assert!(met(&assess(&strict(), &firm, YEAR)) >= before);
        }

        /// Verified only where a verifier confirmed the fact; met only where met.
        #[test]
        fn verification_only_relabels_a_met_requirement(n in 0usize..18) {
            let mut firm = ready_firm();
            firm.profile.own_factory = Some(false);
            let plain = assess(&strict(), &firm, YEAR);
            firm.verified = ProfileField::ALL.iter().copied().take(n).collect();
            let vouched = assess(&strict(), &firm, YEAR);
            for (a, b) in plain.iter().zip(&vouched) {
                prop_assert_eq!(a.standing.is_met(), b.standing.is_met());
                if b.standing == Standing::Verified {
                    let vouched_for = field_of(&b.requirement).map_or(firm.organisation_verified, |f| firm.verified.contains(&f));
                    prop_assert!(vouched_for);
                }
            }
        }
    }
}
