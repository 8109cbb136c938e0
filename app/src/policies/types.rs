use serde::{Deserialize, Serialize};

use crate::belts::types::CategoryRef;
use crate::i18n::Bilingual;
use crate::orgs::types::OrgKind;
use crate::scouting::types::Named;
use crate::suppliers::types::SalesBand;

crate::coded_enum! {
    /// What a notice offers.
    pub enum Benefit {
        FairSubsidy = ("fair_subsidy", "境外参展补贴", "Overseas trade-fair subsidy"),
        HiringSubsidy = ("hiring_subsidy", "人才引进补贴", "Hiring subsidy"),
        TrainingSubsidy = ("training_subsidy", "培训补贴", "Training subsidy"),
        WarehouseSupport = ("warehouse", "海外仓支持", "Overseas-warehouse support"),
        BrandSupport = ("brand", "品牌培育", "Brand building"),
        TaxAndFiling = ("tax_filing", "税务与备案便利", "Tax and filing"),
        Finance = ("finance", "金融与保险", "Finance and insurance"),
        Other = ("other", "其他", "Other"),
    }
}

/// Who a notice is for, as structured rules. An empty, `false` or `None`
/// part asks nothing.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Eligibility {
    /// Registered in this province (a `geo` code)…
    pub province: Option<String>,
    /// …and, when named, in this city of it.
    pub city: Bilingual,
    /// Is one of these kinds of organisation.
    pub org_kinds: Vec<OrgKind>,
    /// Makes at least one of these categories.
    pub category_slugs: Vec<String>,
    /// Is in at least one of these belts.
    pub belt_slugs: Vec<String>,
    /// Sells at least this much a year (the size rule).
    pub min_annual_sales: Option<SalesBand>,
    /// Has an overseas warehouse.
    pub overseas_warehouse: bool,
    /// Already exports…
    pub exports: bool,
    /// …to at least one of these markets (ISO codes; empty: anywhere).
    pub export_markets: Vec<String>,
    /// Has exported for at least this many years.
    pub min_export_years: Option<i32>,
    /// Verified on Beltlink (its business licence checked).
    pub verified: bool,
}

/// One rule of a notice's eligibility.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rule {
    /// A province code, and a city in it (empty: anywhere in the province).
    InRegion {
        province: String,
        city: Bilingual,
    },
    KindIs(Vec<OrgKind>),
    MakesOneOf(Vec<String>),
    InOneOfBelts(Vec<String>),
    AnnualSales(SalesBand),
    OverseasWarehouse,
    /// Exports to one of these markets (empty: to anywhere).
    ExportsTo(Vec<String>),
    ExportYears(i32),
    Verified,
}

impl Rule {
    /// Rules about what an organisation is and where: no step closes them.
    pub fn is_fixed(&self) -> bool {
        matches!(self, Rule::InRegion { .. } | Rule::KindIs(_))
    }
}

/// How an organisation stands against one rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Judged {
    Met,
    /// Its profile does not say (or it has none), so it cannot be judged.
    NotSaid,
    NotMet,
}

/// How an organisation fits a notice as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Fit {
    /// Meets every rule.
    Qualifies,
    /// In the region and of a kind the notice is for, and misses at most
    /// `eligibility::NEARLY_MISSING_MAX` of its other rules.
    Nearly,
    /// Neither.
    Not,
}

/// The facts a notice's rules are judged on: the organisation itself, and
/// its supply profile when it has one.
#[derive(Clone, Debug, PartialEq)]
pub struct OrgFacts {
    pub kind: OrgKind,
    pub province: Option<String>,
    pub city: Bilingual,
    pub verified: bool,
    pub belt_slugs: Vec<String>,
    pub profile: Option<ProfileFacts>,
}

/// What a supply profile says that notices ask about.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProfileFacts {
    pub category_slugs: Vec<String>,
    pub annual_sales: Option<SalesBand>,
    /// `Some(where)` for a firm that has an overseas warehouse.
    pub overseas_warehouse: Option<String>,
    pub export_markets: Vec<String>,
    pub exporting_since: Option<i32>,
}

/// A notice as written: what it offers, who issued it, and who it is for.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NoticeData {
    pub title: Bilingual,
    pub issuer: Bilingual,
    pub summary: Bilingual,
    pub benefit: Option<Benefit>,
    /// The amount or rate, in the issuer's words ("up to CNY 50,000", "50% of the booth fee").
    pub amount: Bilingual,
    /// `YYYY-MM-DD`, China time; `None`: open until withdrawn.
    pub deadline: Option<String>,
    pub source_url: String,
    pub eligibility: Eligibility,
}

/// One rule in words, and how the reader's organisation stands on it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RuleView {
    pub rule: Rule,
    pub text: Bilingual,
    /// `None` when no organisation is being judged.
    pub judged: Option<Judged>,
    /// What the organisation's facts say for it (its city, its markets…).
    pub yours: Bilingual,
}

/// A notice in a list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NoticeCard {
    pub slug: String,
    pub title: Bilingual,
    pub issuer: Bilingual,
    pub benefit: Option<Benefit>,
    pub amount: Bilingual,
    pub deadline: Option<String>,
    /// The region in words ("Fuzhou, Fujian"; empty: anywhere).
    pub region: Bilingual,
    pub is_open: bool,
    pub is_demo: bool,
    pub published_by: Option<Named>,
}

/// `/policies`: notices, newest first, with filters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NoticeList {
    pub open: Vec<NoticeCard>,
    pub closed: Vec<NoticeCard>,
    /// The provinces notices are for, to filter by: (code, name).
    pub provinces: Vec<(String, Bilingual)>,
    pub may_publish: bool,
    /// Whether the reader works for an organisation notices can be matched to.
    pub has_firm: bool,
}

/// `/policies/{slug}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NoticePage {
    pub card: NoticeCard,
    pub summary: Bilingual,
    pub source_url: String,
    pub rules: Vec<RuleView>,
    /// The reader's organisations to judge by, and the one judged.
    pub firms: Vec<Named>,
    pub firm: Option<Named>,
    pub fit: Option<Fit>,
    pub signed_in: bool,
    pub may_edit: bool,
    pub updated_at: crate::clock::Moment,
}

/// One notice matched to an organisation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Match {
    pub card: NoticeCard,
    pub fit: Fit,
    /// The rules met, in words (the reasons it qualifies).
    pub reasons: Vec<Bilingual>,
    /// The rules not met or not said (exactly what is missing), judged.
    pub missing: Vec<RuleView>,
}

/// `/policies/for-me`: the organisation's open notices.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ForMe {
    pub firms: Vec<Named>,
    pub firm: Option<Named>,
    pub firm_kind: Option<OrgKind>,
    pub has_profile: bool,
    pub qualifies: Vec<Match>,
    pub nearly: Vec<Match>,
}

/// The notice form's data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NoticeEditor {
    /// `None` for a new notice.
    pub slug: Option<String>,
    /// The associations the person may publish for; site admins may also publish as Beltlink.
    pub associations: Vec<Named>,
    pub as_site: bool,
    pub categories: Vec<CategoryRef>,
    pub belts: Vec<CategoryRef>,
    pub values: std::collections::BTreeMap<String, String>,
}

/// A notice with an approaching deadline that one of the person's organisations qualifies for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Deadline {
    pub card: NoticeCard,
    pub firm: Named,
    pub days_left: i64,
}
