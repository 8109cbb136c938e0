//! Who a user is and what they may do, shared by server and browser.

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// A user's role on Beltlink; stored as its `code()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    Manufacturer,
    PlatformScout,
    ServiceProvider,
    AssociationAdmin,
    Graduate,
    SiteAdmin,
}

impl Role {
    pub const ALL: [Role; 6] =
        [Role::Manufacturer, Role::PlatformScout, Role::ServiceProvider, Role::AssociationAdmin, Role::Graduate, Role::SiteAdmin];

    /// The roles a person may pick when signing up. Powers are granted, not
    /// chosen: running an association is a request a site admin approves, and
    /// site admins are made with `server make-admin`, never through the web.
    /// (`AssociationAdmin` remains for accounts that chose it before; it grants nothing.)
    pub const SELF_CHOSEN: [Role; 4] = [Role::Manufacturer, Role::PlatformScout, Role::ServiceProvider, Role::Graduate];

    pub fn code(self) -> &'static str {
        match self {
            Role::Manufacturer => "manufacturer",
            Role::PlatformScout => "platform_scout",
            Role::ServiceProvider => "service_provider",
            Role::AssociationAdmin => "association_admin",
            Role::Graduate => "graduate",
            Role::SiteAdmin => "site_admin",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Role::Manufacturer, Lang::Zh) => "工厂 / 厂二代",
            (Role::Manufacturer, Lang::En) => "Manufacturer",
            (Role::PlatformScout, Lang::Zh) => "平台招商",
            (Role::PlatformScout, Lang::En) => "Platform scout",
            (Role::ServiceProvider, Lang::Zh) => "服务商",
            (Role::ServiceProvider, Lang::En) => "Service provider",
            (Role::AssociationAdmin, Lang::Zh) => "协会管理员",
            (Role::AssociationAdmin, Lang::En) => "Association admin",
            (Role::Graduate, Lang::Zh) => "毕业生 / 创二代",
            (Role::Graduate, Lang::En) => "Graduate or returning operator",
            (Role::SiteAdmin, Lang::Zh) => "站点管理员",
            (Role::SiteAdmin, Lang::En) => "Site admin",
        }
    }
}

/// The signed-in user as pages see them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i32,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// Whether they opened the link sent to their address.
    pub email_confirmed: bool,
}

/// Whether a membership is in force or a request waiting for a decision; stored as its `code()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MembershipStatus {
    Active,
    Pending,
}

impl MembershipStatus {
    pub fn code(self) -> &'static str {
        match self {
            MembershipStatus::Active => "active",
            MembershipStatus::Pending => "pending",
        }
    }
}

/// A user's place in an organisation; stored as its `code()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MemberRole {
    /// Runs the team as well as the content.
    Owner,
    /// Changes the organisation and what it publishes.
    Editor,
    /// Sees what the team sees and is told what happens, changes nothing.
    Viewer,
}

impl MemberRole {
    pub const ALL: [MemberRole; 3] = [MemberRole::Owner, MemberRole::Editor, MemberRole::Viewer];

    pub fn code(self) -> &'static str {
        match self {
            MemberRole::Owner => "owner",
            MemberRole::Editor => "editor",
            MemberRole::Viewer => "viewer",
        }
    }

    pub fn from_code(code: &str) -> Option<MemberRole> {
        MemberRole::ALL.into_iter().find(|r| r.code() == code)
    }

    /// Whether this place lets one change the organisation's content.
    pub fn edits(self) -> bool {
        matches!(self, MemberRole::Owner | MemberRole::Editor)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (MemberRole::Owner, Lang::Zh) => "负责人",
            (MemberRole::Owner, Lang::En) => "Owner",
            (MemberRole::Editor, Lang::Zh) => "编辑者",
            (MemberRole::Editor, Lang::En) => "Editor",
            (MemberRole::Viewer, Lang::Zh) => "查看者",
            (MemberRole::Viewer, Lang::En) => "Viewer",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_codes_round_trip_and_admins_cannot_be_chosen() {
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(role));
        }
        assert!(!Role::SELF_CHOSEN.contains(&Role::SiteAdmin));
        assert!(!Role::SELF_CHOSEN.contains(&Role::AssociationAdmin), "association powers are granted");
        assert_eq!(Role::from_code("root"), None);
    }
}

/// One organisation the user belongs to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Membership {
    pub slug: String,
    pub name: crate::i18n::Bilingual,
    pub kind: crate::orgs::types::OrgKind,
    pub role: MemberRole,
    /// The user asked to join and waits for a decision.
    pub pending: bool,
    /// The organisation itself waits for a site admin's approval.
    pub awaiting_approval: bool,
}

/// What `/account` shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccountOverview {
    pub user: CurrentUser,
    pub memberships: Vec<Membership>,
    /// Whether the user's role may create some kind of organisation.
    pub may_create_organisation: bool,
    /// Whether the user opened a link sent to their address.
    pub email_confirmed: bool,
}
