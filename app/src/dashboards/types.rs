use serde::{Deserialize, Serialize};

use crate::i18n::Bilingual;
use crate::scouting::types::{BriefCard, Named};

pub use crate::charts::Tally;

/// One breakdown of the belt's suppliers: its chart and its table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Breakdown {
    /// Stable, for the anchor and the test (`categories`, `markets`, …).
    pub key: String,
    pub title: Bilingual,
    /// What the numbers count, said once under the title.
    pub note: Bilingual,
    pub tallies: Vec<Tally>,
    /// The chart as SVG, drawn on the server in the viewer's language
    /// (empty when there is nothing to draw).
    pub svg: String,
}

/// `/belts/{slug}/dashboard`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BeltDashboard {
    pub belt: Named,
    /// Published supply profiles of the belt's member firms.
    pub suppliers: u64,
    /// Of those, with at least one field a verifier confirmed.
    pub verified_profiles: u64,
    /// Of those, whose organisation is verified.
    pub verified_organisations: u64,
    pub breakdowns: Vec<Breakdown>,
    pub open_briefs: Vec<BriefCard>,
    /// When the figures were read.
    pub computed_at: crate::clock::Moment,
}
