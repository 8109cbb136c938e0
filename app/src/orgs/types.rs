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
    pub const ALL: [OrgKind; 5] = [
        OrgKind::Manufacturer,
        OrgKind::Platform,
        OrgKind::ServiceProvider,
        OrgKind::Association,
        OrgKind::School,
    ];

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
    pub const ALL: [BeltRole; 4] =
        [BeltRole::Member, BeltRole::Platform, BeltRole::Service, BeltRole::Association];

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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Verification {
    pub verified_at: String,
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

/// What the person looking at an organisation may do with it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Permissions {
    pub edit: bool,
    pub verify: bool,
}
