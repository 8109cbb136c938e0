use serde::{Deserialize, Serialize};

use crate::belts::types::CategoryRef;
use crate::i18n::Bilingual;
use crate::scouting::types::Named;
use crate::services::types::ServiceType;
use crate::suppliers::types::{Certification, ProfileField, SalesBand};

/// One platform's supplier criteria, checked. An empty or `false` part is
/// not asked for.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PlatformCriteria {
    /// Makes its goods in a factory of its own.
    pub own_factory: bool,
    pub min_floor_area_m2: Option<i32>,
    /// Every one of these.
    pub certifications: Vec<Certification>,
    /// An overseas warehouse delivering to each of these markets.
    pub warehouse_markets: Vec<String>,
    pub min_export_years: Option<i32>,
    /// The organisation (its business licence) verified on Beltlink.
    pub business_licence: bool,
    pub test_reports: bool,
    pub min_annual_sales: Option<SalesBand>,
    /// Makes at least one of these categories.
    pub category_slugs: Vec<String>,
    /// Is in at least one of these belts.
    pub belt_slugs: Vec<String>,
    /// Anything else the platform tells suppliers, in its own words.
    pub notes: Bilingual,
}

/// One thing a platform asks of a supplier.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Requirement {
    MakesOneOf(Vec<String>),
    InOneOfBelts(Vec<String>),
    OwnFactory,
    FloorArea(i32),
    Certification(Certification),
    WarehouseIn(String),
    ExportYears(i32),
    BusinessLicence,
    TestReports,
    AnnualSales(SalesBand),
    /// Makes at least this much a month, in this unit (an event's entry
    /// criterion; units are never converted into each other).
    MonthlyCapacity(crate::suppliers::types::Quantity),
}

/// How a firm stands against one requirement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Standing {
    /// Met, and a verifier confirmed the fact it rests on.
    Verified,
    /// Met by what the firm says of itself.
    SelfDeclared,
    /// The profile does not say, so it cannot be judged.
    NotSaid,
    /// The profile says otherwise.
    NotMet,
}

impl Standing {
    pub fn is_met(self) -> bool {
        matches!(self, Standing::Verified | Standing::SelfDeclared)
    }
}

/// What the firm could do about a requirement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NextStep {
    /// Say it on the profile.
    FillIn(ProfileField),
    /// Correct it on the profile, if it changed.
    Update(ProfileField),
    /// Have a verifier confirm it.
    Verify(ProfileField),
    /// Have the organisation itself verified.
    VerifyOrganisation,
    /// Find a provider of this kind of service (for this market).
    FindProvider(ServiceType),
    /// Nothing on Beltlink supplies it (a factory, its size, its sales).
    OutOfReach,
}

/// One requirement judged.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Check {
    pub requirement: Requirement,
    pub standing: Standing,
    pub steps: Vec<NextStep>,
}

/// What a firm's readiness is judged on: its profile and what was verified.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FirmFacts {
    pub profile: crate::suppliers::types::ProfileData,
    pub verified: Vec<ProfileField>,
    pub organisation_verified: bool,
    pub belt_slugs: Vec<String>,
}

/// A provider's offering that could close a gap.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProviderOffer {
    pub provider: Named,
    pub title: Bilingual,
    pub service_type: ServiceType,
    pub markets: Vec<String>,
    /// It names one of the firm's belts (else it is not tied to a belt).
    pub serves_your_belt: bool,
    pub is_demo: bool,
}

/// A check as the readiness page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckView {
    pub check: Check,
    /// The requirement in words (category and belt names filled in).
    pub requirement: Bilingual,
    /// What the profile says for it, when it says anything.
    pub profile_says: Bilingual,
    pub providers: Vec<ProviderOffer>,
}

/// One platform's criteria and how the firm fares.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlatformFit {
    pub platform: Named,
    pub is_demo: bool,
    pub notes: Bilingual,
    pub checks: Vec<CheckView>,
    pub met: usize,
    pub verified: usize,
}

/// `/readiness`: the signed-in person's firm against every platform's criteria.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Readiness {
    /// The manufacturers the person works for, to switch between.
    pub firms: Vec<Named>,
    /// The one shown; `None` when the person works for none.
    pub firm: Option<Named>,
    /// Whether that firm has a supply profile to judge.
    pub has_profile: bool,
    pub fits: Vec<PlatformFit>,
    /// Platforms on Beltlink that have not published criteria.
    pub without_criteria: Vec<Named>,
}

/// `/orgs/{slug}/criteria`: a platform's published criteria, and for its
/// editors the form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CriteriaPage {
    pub platform: Named,
    pub criteria: Option<PlatformCriteria>,
    /// Each requirement in words.
    pub requirements: Vec<Bilingual>,
    pub is_demo: bool,
    pub updated_at: Option<crate::clock::Moment>,
    pub may_edit: bool,
    /// For the form: every category and belt.
    pub all_categories: Vec<CategoryRef>,
    pub all_belts: Vec<CategoryRef>,
}
