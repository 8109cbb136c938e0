//! Talent programs and graduates, as the pure matching sees them.

use serde::{Deserialize, Serialize};

use crate::belts::types::CategoryRef;
use crate::i18n::Bilingual;
use crate::scouting::types::Named;
use crate::suppliers::types::Language;

crate::coded_enum! {
    /// What kind of program it is.
    pub enum ProgramKind {
        TrainingCamp = ("camp", "训练营", "Training camp"),
        OrderClass = ("order_class", "订单班", "Order class"),
        Competition = ("competition", "大赛", "Competition"),
        JobFair = ("job_fair", "招聘会 / 双选会", "Job fair"),
    }
}

crate::coded_enum! {
    /// A field of study, as programs ask for them.
    pub enum Major {
        ECommerce = ("ecommerce", "电子商务", "E-commerce"),
        InternationalTrade = ("trade", "国际经济与贸易", "International trade"),
        ForeignLanguages = ("languages", "外语（含商务英语）", "Foreign languages (incl. business English)"),
        Marketing = ("marketing", "市场营销", "Marketing"),
        Logistics = ("logistics", "物流管理", "Logistics"),
        Computing = ("computing", "计算机与数据", "Computing and data"),
        Design = ("design", "设计与视觉", "Design and media"),
        Engineering = ("engineering", "工科", "Engineering"),
        Other = ("other", "其他专业", "Other"),
    }
}

crate::coded_enum! {
    /// How well someone uses a language, lowest first.
    pub enum LanguageLevel {
        Basic = ("basic", "入门", "Basic"),
        Working = ("working", "工作水平", "Working"),
        Fluent = ("fluent", "流利", "Fluent"),
        Native = ("native", "母语", "Native"),
    }
}

/// A language at a level (asked: at least that level).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Spoken {
    pub language: Language,
    pub level: LanguageLevel,
}

/// Who a program takes. An empty or `None` part asks nothing.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ProgramEligibility {
    /// Graduated (or graduating) in this year or later…
    pub graduation_from: Option<i32>,
    /// …and in this year or earlier.
    pub graduation_to: Option<i32>,
    /// Studied one of these.
    pub majors: Vec<Major>,
    /// Speaks every one of these at least this well.
    pub languages: Vec<Spoken>,
    /// Comes from (or returns to) this province (a `geo` code).
    pub province: Option<String>,
}

/// One thing a program asks of an applicant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Requirement {
    GraduationYears { from: Option<i32>, to: Option<i32> },
    MajorOneOf(Vec<Major>),
    Speaks(Spoken),
    FromProvince(String),
}

/// What a graduate's profile says that programs ask about and rank by.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GraduateFacts {
    pub graduation_year: Option<i32>,
    pub major: Option<Major>,
    pub languages: Vec<Spoken>,
    /// Where they come from or return to.
    pub province: Option<String>,
    /// Cities they would go to, by name (either language).
    pub preferred_cities: Vec<Bilingual>,
    /// Belts they want to work in, by slug.
    pub preferred_belts: Vec<String>,
    /// Kinds of program they look for (empty: any).
    pub preferred_kinds: Vec<ProgramKind>,
}

/// What the ranking knows of an open program.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgramFacts {
    pub kind: ProgramKind,
    pub city: Bilingual,
    pub belt_slugs: Vec<String>,
    /// `YYYY-MM-DD`, China time.
    pub starts_on: String,
    pub applications_close: String,
    /// Seats not yet taken (`None`: no limit).
    pub seats_left: Option<u32>,
    pub subsidised: bool,
    pub requirements: Vec<Requirement>,
}

/// Why a program is shown to a graduate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reason {
    /// Meets every requirement (or the program asks none).
    Eligible,
    InPreferredCity,
    InPreferredBelt,
    KindWanted,
    Subsidised,
    /// Applications close within a week.
    ClosingSoon,
}

/// One program in a graduate's "for you" list.
#[derive(Clone, Debug, PartialEq)]
pub struct Ranked {
    /// Its place in the list given to the ranking.
    pub index: usize,
    pub eligible: bool,
    pub score: u32,
    pub reasons: Vec<Reason>,
    /// What would make the graduate eligible: the requirements not met or not said.
    pub missing: Vec<Requirement>,
}

/// A program as its organiser describes it: what the form gives and a row holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProgramData {
    pub kind: ProgramKind,
    pub title: Bilingual,
    pub summary: Bilingual,
    /// A `geo` province code.
    pub province: String,
    pub city: Bilingual,
    pub venue: Bilingual,
    /// `YYYY-MM-DD`, China time.
    pub starts_on: String,
    pub ends_on: String,
    pub applications_close: String,
    /// `None`: no limit.
    pub seats: Option<u32>,
    /// What taking part costs, in the organiser's words (empty: free).
    pub cost: Bilingual,
    /// Paid for in part or whole by a subsidy.
    pub subsidised: bool,
    pub curriculum: Bilingual,
    pub instruction_languages: Vec<Language>,
    pub belt_slugs: Vec<String>,
    /// The organisations taking part, by slug.
    pub company_slugs: Vec<String>,
    pub eligibility: ProgramEligibility,
}

/// A program in a list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProgramCard {
    pub slug: String,
    pub kind: ProgramKind,
    pub title: Bilingual,
    pub organiser: Named,
    pub city: Bilingual,
    pub starts_on: String,
    pub ends_on: String,
    pub applications_close: String,
    pub seats: Option<u32>,
    /// Seats not held by an accepted or offered application (`None`: no limit).
    pub seats_left: Option<u32>,
    pub subsidised: bool,
    /// Applications not closed yet (China time).
    pub is_open: bool,
    pub is_demo: bool,
}

/// `/programs`: open programs first, then those whose applications closed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProgramList {
    pub open: Vec<ProgramCard>,
    pub closed: Vec<ProgramCard>,
    /// The cities programs are in, to filter by (the Chinese name is the value).
    pub cities: Vec<Bilingual>,
    /// The belts programs serve, to filter by.
    pub belts: Vec<CategoryRef>,
    pub may_publish: bool,
    /// Signed in: the list links to the programs ranked for them.
    pub signed_in: bool,
}

/// `/programs/{slug}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProgramPage {
    pub card: ProgramCard,
    pub summary: Bilingual,
    pub province: Bilingual,
    pub venue: Bilingual,
    pub cost: Bilingual,
    pub curriculum: Bilingual,
    pub instruction_languages: Vec<Language>,
    /// Who may apply, each requirement in words (empty: anyone).
    pub requirements: Vec<Bilingual>,
    pub belts: Vec<CategoryRef>,
    pub companies: Vec<Named>,
    pub may_edit: bool,
    pub apply: ApplyPanel,
    pub marks: MarksPanel,
    /// A competition's teams as the viewer sees them (`None` for other kinds).
    pub teams: Option<TeamsPanel>,
}

/// A competition's teams on its page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TeamsPanel {
    /// How many teams have entered.
    pub count: usize,
    /// Teams form and change (before the first day).
    pub forming: bool,
    /// The submission link changes (until the last day).
    pub submitting: bool,
    pub signed_in: bool,
    /// The viewer's application lets them form or join a team.
    pub may_team_up: bool,
    /// The viewer's team.
    pub mine: Option<MyTeam>,
    /// Invitations to the viewer awaiting an answer.
    pub invitations: Vec<TeamInvite>,
}

/// The viewer's team, as its members see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyTeam {
    pub id: i32,
    pub name: String,
    /// The viewer is its captain.
    pub captain: bool,
    pub captain_name: String,
    pub members: Vec<String>,
    /// Invitations awaiting an answer: (id, invitee's name).
    pub pending: Vec<(i32, String)>,
    pub submission: Option<String>,
}

/// An invitation to join a team.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TeamInvite {
    pub id: i32,
    pub team: String,
    pub captain: String,
}

/// A team as the organisers see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TeamSummary {
    pub name: String,
    pub captain: String,
    pub members: Vec<String>,
    pub submission: Option<String>,
    pub submitted_at: Option<crate::clock::Moment>,
}

/// A job fair's marks as the viewer sees them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MarksPanel {
    /// The viewer may mark the employers they want to meet (signed in, a job fair not over).
    pub may_mark: bool,
    /// The employers (slugs) the viewer marked.
    pub marked: Vec<String>,
    /// For each employer the viewer runs (every one, for a site admin): who marked it.
    pub employers: Vec<EmployerMarks>,
}

/// The graduates who want to meet one employer at a job fair.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EmployerMarks {
    pub firm: Named,
    pub graduates: Vec<Marker>,
}

/// A graduate who marked an employer, as the employer sees them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Marker {
    pub name: String,
    pub school: String,
    pub major: Option<Major>,
    pub graduation_year: Option<i32>,
}

/// The program form: a program (`slug`) or a new one, the organisations the
/// person may publish for, and the values to fill in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProgramEditor {
    pub slug: Option<String>,
    pub organisers: Vec<Named>,
    pub belts: Vec<CategoryRef>,
    pub values: std::collections::BTreeMap<String, String>,
}

/// A graduate's profile: what the form gives and a row holds.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GraduateProfileData {
    pub school: String,
    pub major: Option<Major>,
    pub graduation_year: Option<i32>,
    /// Where they come from or return to (a `geo` code).
    pub province: Option<String>,
    pub languages: Vec<Spoken>,
    pub skills: String,
    /// City names as typed (either language).
    pub preferred_cities: Vec<String>,
    pub preferred_belts: Vec<String>,
    pub preferred_kinds: Vec<ProgramKind>,
    pub statement: String,
}

impl GraduateProfileData {
    /// What programs ask about and the ranking weighs.
    pub fn facts(&self) -> GraduateFacts {
        GraduateFacts {
            graduation_year: self.graduation_year,
            major: self.major,
            languages: self.languages.clone(),
            province: self.province.clone(),
            // A typed name may be either language's: it is compared as both.
            preferred_cities: self.preferred_cities.iter().map(|c| Bilingual::new(c.clone(), c.clone())).collect(),
            preferred_belts: self.preferred_belts.clone(),
            preferred_kinds: self.preferred_kinds.clone(),
        }
    }
}

/// The graduate profile form: the values to fill in, and the belts to choose from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GraduateEditor {
    pub exists: bool,
    pub cv: Option<crate::talent::cv::CvFile>,
    pub belts: Vec<CategoryRef>,
    pub values: std::collections::BTreeMap<String, String>,
}

/// One program in a graduate's "for you" list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ForYouItem {
    pub card: ProgramCard,
    pub eligible: bool,
    pub reasons: Vec<Reason>,
    /// What would make the graduate eligible: each requirement not met, in
    /// words, with what their profile says (empty: it does not say).
    pub missing: Vec<(Bilingual, Bilingual)>,
}

/// `/programs/for-you`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ForYou {
    pub has_profile: bool,
    pub items: Vec<ForYouItem>,
}

/// The viewer's own application to a program.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyApplication {
    pub id: i32,
    pub status: crate::talent::applications::ApplicationStatus,
    pub motivation: String,
    /// Why it was declined.
    pub reason: String,
    /// The deadline to confirm a seat offered.
    pub offer_expires_at: Option<crate::clock::Moment>,
    /// Place on the waitlist (1 = next in).
    pub position: Option<usize>,
}

/// What a program's page offers its viewer about applying.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ApplyPanel {
    pub signed_in: bool,
    pub has_profile: bool,
    /// Requirements the viewer's profile does not meet, with what it says.
    pub missing: Vec<Bilingual>,
    pub mine: Option<MyApplication>,
    /// The viewer runs the organiser (or is a site admin): they review applications.
    pub may_review: bool,
}

/// One application in the applicant's list, `/me/applications`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ApplicationItem {
    pub card: ProgramCard,
    pub application: MyApplication,
    pub applied_at: crate::clock::Moment,
}

/// One application as organisers review it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewItem {
    pub id: i32,
    pub name: String,
    pub profile: Option<GraduateProfileData>,
    pub cv: Option<crate::talent::cv::CvFile>,
    pub motivation: String,
    pub status: crate::talent::applications::ApplicationStatus,
    pub reason: String,
    pub offer_expires_at: Option<crate::clock::Moment>,
    pub position: Option<usize>,
    pub applied_at: crate::clock::Moment,
}

/// `/programs/{slug}/applications`: a program's applications for its organisers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewPage {
    pub card: ProgramCard,
    pub items: Vec<ReviewItem>,
    /// The status shown (`None`: all).
    pub status: Option<crate::talent::applications::ApplicationStatus>,
    /// How many stand at each status.
    pub counts: Vec<(crate::talent::applications::ApplicationStatus, usize)>,
    /// Every application counted by status, school, major and graduation year.
    pub breakdowns: Vec<Breakdown>,
    /// A competition's teams (empty for other kinds).
    pub teams: Vec<TeamSummary>,
}

/// One way of counting a program's applications: a chart drawn on the server
/// (empty when it could not be) and the same numbers as a table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Breakdown {
    /// `status`, `school`, `major` or `graduation_year`.
    pub key: String,
    pub svg: String,
    pub rows: Vec<crate::charts::Tally>,
}
