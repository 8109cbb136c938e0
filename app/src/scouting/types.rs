//! What a scouting brief is made of, and what its pages show.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::belts::types::CategoryRef;
use crate::clock::Moment;
use crate::coded_enum;
use crate::i18n::Bilingual;
use crate::scouting::score::Needs;
use crate::suppliers::types::PriceBand;

coded_enum! {
    /// Where a brief is in its life: only an open one is listed and matched to suppliers.
    pub enum BriefStatus {
        Draft = ("draft", "草稿", "Draft"),
        Open = ("open", "征集中", "Open"),
        Closed = ("closed", "已结束", "Closed"),
    }
}

coded_enum! {
    /// Why a brief closed.
    pub enum CloseReason {
        Filled = ("filled", "已找到供应商", "Filled"),
        Withdrawn = ("withdrawn", "已撤回", "Withdrawn"),
        Expired = ("expired", "已过截止日期", "Past its deadline"),
    }
}

coded_enum! {
    /// A change of status the brief's team asks for.
    pub enum StatusChange {
        Open = ("open", "发布", "Publish"),
        Filled = ("filled", "关闭：已找到供应商", "Close: filled"),
        Withdrawn = ("withdrawn", "关闭：撤回", "Close: withdraw"),
    }
}

/// Who may see a brief besides its own team and site admins.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Audience {
    /// Belt slugs whose firms may see it.
    pub belts: Vec<String>,
    /// Association slugs whose member firms may see it.
    pub associations: Vec<String>,
}

/// A brief's content, checked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BriefData {
    pub title: Bilingual,
    pub details: Bilingual,
    pub needs: Needs,
    pub price_band: Option<PriceBand>,
    /// The last day it is open (China time); it closes at the end of that day.
    pub deadline: chrono::NaiveDate,
    /// `None`: public.
    pub audience: Option<Audience>,
}

/// A name with the address of its page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Named {
    pub slug: String,
    pub name: Bilingual,
}

/// An open brief as listed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BriefCard {
    pub slug: String,
    pub title: Bilingual,
    pub platform: Named,
    /// What it asks, as one line in each language.
    pub asks: Bilingual,
    /// Its last open day (`YYYY-MM-DD`, China's date): it closes at that day's end.
    pub open_until: String,
    pub status: BriefStatus,
    pub restricted: bool,
    pub is_demo: bool,
}

/// An open brief as one firm fits it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BriefFit {
    pub brief: BriefCard,
    pub score: u32,
    pub reasons: Vec<Bilingual>,
    pub gaps: Vec<Bilingual>,
}

/// The open briefs one of the viewer's firms fits, best first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FirmFits {
    pub firm: Named,
    pub fits: Vec<BriefFit>,
    /// How many fit in all (only the best are listed).
    pub total: usize,
}

/// `/briefs`: the open public briefs, narrowed by the URL's filters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BriefList {
    pub briefs: Vec<BriefCard>,
    pub categories: Vec<CategoryRef>,
    pub belts: Vec<CategoryRef>,
    pub platforms: Vec<Named>,
    /// The user's own briefs (drafts and closed ones too), for scouts.
    pub own: Vec<BriefCard>,
    /// Whether the user may post a brief (a platform's owner or editor).
    pub may_post: bool,
    /// For people of manufacturers with a published profile: the briefs their firms fit.
    pub for_firms: Vec<FirmFits>,
    /// The user's manufacturers without a published profile, which fit nothing yet.
    pub unpublished_firms: Vec<Named>,
}

/// One supplier as it fits a brief.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MatchView {
    pub slug: String,
    pub name: Bilingual,
    pub place: Bilingual,
    pub facts: Bilingual,
    pub score: u32,
    pub reasons: Vec<Bilingual>,
    pub gaps: Vec<Bilingual>,
    /// Who checked its verified fields, and when.
    pub verified_by: Option<String>,
    pub verified_at: Option<Moment>,
}

/// A brief's ranked suppliers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Matches {
    /// Published suppliers that pass the brief's categories and belts.
    pub candidates: usize,
    pub shown: Vec<MatchView>,
    /// Read from the database because search was unavailable.
    pub from_database: bool,
}

/// `/briefs/{slug}`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BriefPage {
    pub slug: String,
    pub title: Bilingual,
    pub details: Bilingual,
    pub platform: Named,
    /// What it asks, one (label, value) per line.
    pub asks: Vec<(Bilingual, Bilingual)>,
    pub status: BriefStatus,
    pub close_reason: Option<CloseReason>,
    /// Its last open day (`YYYY-MM-DD`, China's date).
    pub open_until: String,
    /// `None`: public.
    pub audience: Option<Vec<Bilingual>>,
    pub is_demo: bool,
    pub may_manage: bool,
    /// `None` when the viewer may not see them.
    pub matches: Option<Matches>,
    /// How the viewer's own firms fit it (those that make its categories in its belts).
    pub your_fits: Vec<MatchView>,
}

/// What the brief form starts from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BriefEditor {
    /// `None` for a new brief.
    pub slug: Option<String>,
    pub status: Option<BriefStatus>,
    /// The platforms the user may post for.
    pub platforms: Vec<Named>,
    pub categories: Vec<CategoryRef>,
    pub belts: Vec<CategoryRef>,
    pub associations: Vec<Named>,
    /// The form's values (a saved brief's, or a new one's defaults).
    pub values: BTreeMap<String, String>,
}
