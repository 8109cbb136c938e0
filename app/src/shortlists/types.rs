//! What a shortlist holds, and what its pages show.

use serde::{Deserialize, Serialize};

use crate::clock::Moment;
use crate::coded_enum;
use crate::i18n::Bilingual;
use crate::scouting::types::Named;

coded_enum! {
    /// Where a supplier on a shortlist stands for the scout.
    pub enum EntryStatus {
        Considering = ("considering", "考察中", "Considering"),
        Contacted = ("contacted", "已联系", "Contacted"),
        Sampling = ("sampling", "打样中", "Sampling"),
        Approved = ("approved", "已入选", "Approved"),
        Rejected = ("rejected", "已排除", "Rejected"),
    }
}

/// A shortlist in the list of them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShortlistSummary {
    pub id: i32,
    pub name: String,
    pub entries: u32,
    pub updated_at: Moment,
}

/// A supplier on a shortlist.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntryView {
    pub supplier: Named,
    pub place: Bilingual,
    /// Its categories, joined.
    pub categories: Bilingual,
    pub status: EntryStatus,
    pub note: String,
    pub added_at: Moment,
    /// Its profile is still published (one taken down stays on the list, marked).
    pub published: bool,
}

/// `/shortlists/{id}`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShortlistPage {
    pub id: i32,
    pub name: String,
    pub entries: Vec<EntryView>,
    pub updated_at: Moment,
}

/// A list one may add a supplier to, and whether it is on it already.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShortlistChoice {
    pub id: i32,
    pub name: String,
    pub holds_it: bool,
}

/// `/shortlists/add?supplier=…`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Picker {
    pub supplier: Named,
    pub lists: Vec<ShortlistChoice>,
}
