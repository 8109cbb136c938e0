use serde::{Deserialize, Serialize};

use crate::i18n::{Bilingual, Lang};

/// What an organisation is; stored as its `code()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OrgKind {
    Manufacturer,
    Platform,
    ServiceProvider,
    Association,
    School,
}

impl OrgKind {
    pub const ALL: [OrgKind; 5] =
        [OrgKind::Manufacturer, OrgKind::Platform, OrgKind::ServiceProvider, OrgKind::Association, OrgKind::School];

    pub fn code(self) -> &'static str {
        match self {
            OrgKind::Manufacturer => "manufacturer",
            OrgKind::Platform => "platform",
            OrgKind::ServiceProvider => "service_provider",
            OrgKind::Association => "association",
            OrgKind::School => "school",
        }
    }

    pub fn from_code(code: &str) -> Option<OrgKind> {
        OrgKind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        let t = lang.texts();
        match self {
            OrgKind::Manufacturer => t.kind_manufacturer,
            OrgKind::Platform => t.kind_platform,
            OrgKind::ServiceProvider => t.kind_service_provider,
            OrgKind::Association => t.kind_association,
            OrgKind::School => t.kind_school,
        }
    }
}

/// How an organisation relates to a belt; stored as its `code()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BeltRole {
    /// A firm located in the belt.
    Member,
    /// A platform present in or scouting the belt.
    Platform,
    /// A provider serving firms of the belt.
    Service,
    /// An association whose members include the belt's firms.
    Association,
}

impl BeltRole {
    pub const ALL: [BeltRole; 4] = [BeltRole::Member, BeltRole::Platform, BeltRole::Service, BeltRole::Association];

    pub fn code(self) -> &'static str {
        match self {
            BeltRole::Member => "member",
            BeltRole::Platform => "platform",
            BeltRole::Service => "service",
            BeltRole::Association => "association",
        }
    }

    pub fn from_code(code: &str) -> Option<BeltRole> {
        BeltRole::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        let t = lang.texts();
        match self {
            BeltRole::Member => t.role_member,
            BeltRole::Platform => t.role_platform,
            BeltRole::Service => t.role_service,
            BeltRole::Association => t.role_association,
        }
    }
}

/// An organisation as listed on a belt page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrgCard {
    pub slug: String,
    pub kind: OrgKind,
    pub name: Bilingual,
    pub role: BeltRole,
}

/// What a verification covers; stored as its `code()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum VerificationSubject {
    /// The organisation itself: that it exists and is who it says.
    Organisation,
    /// Single fields of its supply profile.
    Profile,
}

impl VerificationSubject {
    pub fn code(self) -> &'static str {
        match self {
            VerificationSubject::Organisation => "organisation",
            VerificationSubject::Profile => "profile",
        }
    }

    pub fn from_code(code: &str) -> Option<VerificationSubject> {
        [VerificationSubject::Organisation, VerificationSubject::Profile].into_iter().find(|s| s.code() == code)
    }
}

/// One entry of an organisation's verification record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VerificationEntry {
    pub subject: VerificationSubject,
    /// For a profile: the fields it confirmed.
    pub fields: Vec<crate::suppliers::types::ProfileField>,
    pub evidence: String,
    /// The verifier's name at the time.
    pub verifier: String,
    /// False for entries made before verifiers' accounts were recorded.
    pub verifier_recorded: bool,
    /// The association the verifier acted for (slug, name); `None`: a site admin.
    pub verifier_organisation: Option<(String, Bilingual)>,
    /// `YYYY-MM-DD HH:MM UTC`.
    pub at: crate::clock::Moment,
    /// The newest entry of its subject: the one in force.
    pub in_force: bool,
    /// This entry withdraws the one before it; `evidence` is the reason.
    pub revoked: bool,
    /// Its id, for a site admin to revoke it.
    pub id: i32,
}

/// The verification in force for the organisation itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Verification {
    pub verified_at: crate::clock::Moment,
    pub verified_by: String,
}

/// A belt as listed on an organisation page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrgBelt {
    pub slug: String,
    pub name: Bilingual,
    pub role: BeltRole,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrgDetail {
    pub slug: String,
    pub kind: OrgKind,
    pub name: Bilingual,
    pub description: Bilingual,
    pub province: Option<String>,
    pub city: Bilingual,
    pub source: Option<String>,
    pub is_demo: bool,
    pub verification: Option<Verification>,
    pub belts: Vec<OrgBelt>,
    /// A manufacturer whose supply profile is public at `/suppliers/{slug}`.
    pub has_published_profile: bool,
    /// A service provider's published offerings.
    pub offerings: Vec<crate::services::types::OfferingCard>,
    /// Every verification of the organisation and its profile, newest first.
    pub verifications: Vec<VerificationEntry>,
    /// An association or school that waits for a site admin's approval.
    pub awaiting_approval: bool,
    /// Belts it asked to serve that wait for approval (shown to its own people).
    pub pending_belts: Vec<OrgBelt>,
    /// Why a site admin hid it, when they did (only those who may still see it get here).
    pub hidden_reason: Option<String>,
    /// Why it waits for a site admin's look: sent to site admins only.
    pub review_reason: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for kind in OrgKind::ALL {
            assert_eq!(OrgKind::from_code(kind.code()), Some(kind));
        }
        for role in BeltRole::ALL {
            assert_eq!(BeltRole::from_code(role.code()), Some(role));
        }
        assert_eq!(OrgKind::from_code("bank"), None);
    }
}

/// What the person looking at an organisation may do with it (see `orgs::policy`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Permissions {
    /// It is not hidden, or the viewer may see it anyway.
    pub see: bool,
    /// A site admin: hide, restore, merge, revoke.
    pub moderate: bool,
    /// Report it to the site admins.
    pub report: bool,
    pub edit: bool,
    /// In its team (any role), or a site admin.
    pub see_inside: bool,
    /// Runs its team: an owner or a site admin.
    pub manage_team: bool,
    pub verify: bool,
    pub manage_members: bool,
    pub decide_requests: bool,
    pub ask_to_join: bool,
    /// Approved by a site admin (or of a kind that needs no approval).
    pub approved: bool,
    /// The viewer asked to join and waits.
    pub request_pending: bool,
    /// The viewer may approve or decline it (a waiting request, and a site admin).
    pub approve: bool,
}

/// A site admin's or an owner's answer to a request; posted as its `code()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    Approve,
    Decline,
}

impl Decision {
    pub fn code(self) -> &'static str {
        match self {
            Decision::Approve => "approve",
            Decision::Decline => "decline",
        }
    }

    pub fn from_code(code: &str) -> Option<Decision> {
        [Decision::Approve, Decision::Decline].into_iter().find(|d| d.code() == code)
    }
}

/// Someone who asked for something, as an approver sees them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Requester {
    pub user_id: i32,
    pub display_name: String,
    pub email: String,
}

/// An association or school waiting for approval, with the belts it asks to serve.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PendingOrganisation {
    pub slug: String,
    pub kind: OrgKind,
    pub name: Bilingual,
    pub description: Bilingual,
    pub belts: Vec<OrgBelt>,
    pub requested_by: Option<Requester>,
    /// `YYYY-MM-DD HH:MM UTC`.
    pub requested_at: crate::clock::Moment,
}

/// An approved association asking to serve one more belt.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PendingBelt {
    pub organisation_slug: String,
    pub organisation_name: Bilingual,
    pub belt: OrgBelt,
}

/// Someone asking to help run an approved association or school.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JoinRequest {
    pub organisation_slug: String,
    pub organisation_name: Bilingual,
    pub requester: Requester,
    pub requested_at: crate::clock::Moment,
}

/// What waits for a site admin at `/admin/approvals`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ApprovalQueue {
    pub organisations: Vec<PendingOrganisation>,
    pub belts: Vec<PendingBelt>,
    pub join_requests: Vec<JoinRequest>,
}

/// An organisation's facts as its edit form shows them: as stored, without
/// the pinyin that stands in for a missing English name on pages.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OrgFormValues {
    pub slug: String,
    pub kind: Option<OrgKind>,
    pub name_zh: String,
    pub name_en: String,
    pub description_zh: String,
    pub description_en: String,
    pub province: String,
    pub city_zh: String,
    pub city_en: String,
    /// Its belts, approved or waiting.
    pub belts: Vec<String>,
}
