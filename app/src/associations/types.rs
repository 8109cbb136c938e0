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

coded_enum! {
    /// The professional committees an association may run (the Yueyang
    /// association lists these ten).
    pub enum CommitteeKind {
        Brand = ("brand", "品牌专业委员会", "Brand committee"),
        Operations = ("operations", "运营专业委员会", "Operations committee"),
        Logistics = ("logistics", "物流专业委员会", "Logistics committee"),
        OverseasWarehouse = ("overseas_warehouse", "海外仓专业委员会", "Overseas warehouse committee"),
        Finance = ("finance", "金融专业委员会", "Finance committee"),
        Tax = ("tax", "税务专业委员会", "Tax committee"),
        Legal = ("legal", "法务专业委员会", "Legal committee"),
        SupplyChain = ("supply_chain", "供应链专业委员会", "Supply chain committee"),
        Data = ("data", "数据专业委员会", "Data committee"),
        Training = ("training", "培训专业委员会", "Training committee"),
    }
}

coded_enum! {
    pub enum ApplicationStatus {
        Pending = ("pending", "待审核", "Waiting for a decision"),
        Approved = ("approved", "已通过", "Approved"),
        Declined = ("declined", "未通过", "Declined"),
        Withdrawn = ("withdrawn", "已撤回", "Withdrawn"),
    }
}

pub use crate::scouting::types::Named;

/// An association as `/associations` lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AssociationCard {
    pub slug: String,
    pub name: Bilingual,
    pub city: Bilingual,
    pub belts: Vec<CategoryRef>,
    pub members: u64,
    pub committees: Vec<CommitteeKind>,
    pub secretariats: Vec<Bilingual>,
}

/// One committee: its chair (a member firm) and members.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommitteeView {
    pub kind: CommitteeKind,
    pub chair: Option<Named>,
    pub members: Vec<Named>,
}

/// A firm's application to join, as either side sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ApplicationView {
    pub id: i32,
    pub association: Named,
    pub firm: Named,
    pub message: String,
    pub status: ApplicationStatus,
    pub reason: String,
    pub created_at: crate::clock::Moment,
    pub decided_at: Option<crate::clock::Moment>,
}

/// What the signed-in viewer may do on an association's page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Viewer {
    pub signed_in: bool,
    /// Runs the association (or is a site admin).
    pub manages: bool,
    /// Firms the viewer edits that may apply now.
    pub may_apply_for: Vec<Named>,
    /// The viewer's firms' applications here, newest first.
    pub applications: Vec<ApplicationView>,
}

/// `/associations/{slug}`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AssociationProfile {
    pub slug: String,
    pub name: Bilingual,
    pub description: Bilingual,
    pub city: Bilingual,
    pub belts: Vec<CategoryRef>,
    pub secretariats: Vec<Bilingual>,
    pub committees: Vec<CommitteeView>,
    pub members: Vec<Named>,
    pub viewer: Viewer,
}

/// `/associations/{slug}/manage`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ManagePage {
    pub association: Named,
    pub pending: Vec<ApplicationView>,
    /// The most recent decisions.
    pub decided: Vec<ApplicationView>,
    pub secretariats: Vec<Bilingual>,
    pub committees: Vec<CommitteeView>,
    /// Member firms, for choosing chairs and committee members.
    pub members: Vec<Named>,
}

/// `/associations/{slug}/committees/{kind}`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommitteePage {
    pub association: Named,
    pub kind: CommitteeKind,
    /// `None`: not set up yet.
    pub committee: Option<CommitteeView>,
    pub members: Vec<Named>,
}
