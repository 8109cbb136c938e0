use serde::{Deserialize, Serialize};

use crate::i18n::{Bilingual, Lang};

/// Why someone reports an organisation; stored as its `code()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReportReason {
    /// It pretends to be a platform or another firm.
    Impersonation,
    /// What it says is not true.
    FalseInformation,
    Spam,
    Other,
}

impl ReportReason {
    pub const ALL: [ReportReason; 4] =
        [ReportReason::Impersonation, ReportReason::FalseInformation, ReportReason::Spam, ReportReason::Other];

    pub fn code(self) -> &'static str {
        match self {
            ReportReason::Impersonation => "impersonation",
            ReportReason::FalseInformation => "false_information",
            ReportReason::Spam => "spam",
            ReportReason::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<ReportReason> {
        ReportReason::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (ReportReason::Impersonation, Lang::Zh) => "冒充平台或其他机构",
            (ReportReason::Impersonation, Lang::En) => "Pretends to be a platform or another firm",
            (ReportReason::FalseInformation, Lang::Zh) => "信息不实",
            (ReportReason::FalseInformation, Lang::En) => "Its information is false",
            (ReportReason::Spam, Lang::Zh) => "垃圾信息或广告",
            (ReportReason::Spam, Lang::En) => "Spam or advertising",
            (ReportReason::Other, Lang::Zh) => "其他",
            (ReportReason::Other, Lang::En) => "Something else",
        }
    }
}

/// An organisation as moderation lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrgRef {
    pub slug: String,
    pub name: Bilingual,
    pub hidden: bool,
}

/// A report waiting for a site admin.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OpenReport {
    pub id: i64,
    pub organisation: OrgRef,
    pub reason: ReportReason,
    pub details: String,
    pub reporter: String,
    pub at: crate::clock::Moment,
}

/// An organisation created recently (by people, not the demo data).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecentOrganisation {
    pub organisation: OrgRef,
    pub kind: crate::orgs::types::OrgKind,
    pub created_by: String,
    pub at: crate::clock::Moment,
    /// Why it waits for a look, if it does.
    pub review_reason: Option<String>,
}

/// A verification recently made, and whether it still stands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecentVerification {
    pub id: i32,
    pub organisation: OrgRef,
    pub subject: crate::orgs::types::VerificationSubject,
    pub verifier: String,
    pub evidence: String,
    pub at: crate::clock::Moment,
    /// The newest of its subject and not withdrawn: it may be revoked.
    pub in_force: bool,
    pub revoked: bool,
}

/// What `/admin/moderation` shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModerationView {
    pub reports: Vec<OpenReport>,
    pub flagged: Vec<RecentOrganisation>,
    pub recent_organisations: Vec<RecentOrganisation>,
    pub recent_verifications: Vec<RecentVerification>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_round_trip_and_read_in_both_languages() {
        for reason in ReportReason::ALL {
            assert_eq!(ReportReason::from_code(reason.code()), Some(reason));
            assert_ne!(reason.label(Lang::Zh), reason.label(Lang::En));
        }
        assert_eq!(ReportReason::from_code("nonsense"), None);
    }
}
