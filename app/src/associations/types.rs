use serde::{Deserialize, Serialize};

use crate::associations::member_csv::RowError;
use crate::belts::types::CategoryRef;
use crate::coded_enum;
use crate::i18n::Bilingual;
use crate::suppliers::types::ProfileStatus;

coded_enum! {
    /// `Interrupted`: the server stopped before the job ended; importing the file again finishes it.
    pub enum JobStatus {
        Running = ("running", "导入中", "Importing"),
        Finished = ("finished", "已完成", "Finished"),
        Interrupted = ("interrupted", "已中断，请重新导入同一文件", "Interrupted; import the same file again"),
    }
}

/// One member firm as the association sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MemberSummary {
    pub slug: String,
    pub name: Bilingual,
    pub belts: Vec<CategoryRef>,
    pub profile_status: Option<ProfileStatus>,
}

/// An import: how far it got, what it did, what it refused.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportJobView {
    pub id: i32,
    pub status: JobStatus,
    pub total_rows: i32,
    pub done_rows: i32,
    pub created: i32,
    pub updated: i32,
    pub failed: i32,
    pub problems: Vec<RowError>,
    pub started_at: crate::clock::Moment,
}

/// `/orgs/{slug}/members`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MembersPage {
    pub slug: String,
    pub name: Bilingual,
    pub belts: Vec<CategoryRef>,
    pub members: Vec<MemberSummary>,
    pub recent_imports: Vec<ImportJobView>,
}
