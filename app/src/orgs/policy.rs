//! Who may do what with an organisation. Pure functions of the actor and of
//! what the data layer found out about the organisation ([`Standing`]), so
//! every server function and route asks the same question the same way, and
//! the answers are tested as a matrix of roles.
//!
//! Powers are granted, never chosen: an association or a school is a request
//! until a site admin approves it, and so is each belt an association serves.
//! Only an approved association's active members verify, only in its approved
//! belts, and never an organisation they belong to or created.

use serde::{Deserialize, Serialize};

use crate::accounts::types::{CurrentUser, MemberRole, Role};
use crate::orgs::types::{OrgKind, Permissions};

/// What is known about one organisation and the actor's relation to it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Standing {
    pub kind: Option<OrgKind>,
    /// A site admin approved it; organisations of other kinds than
    /// association and school need no approval and count as approved.
    pub approved: bool,
    /// The actor's active place in it.
    pub membership: Option<MemberRole>,
    /// The actor asked to join it and waits for a decision.
    pub request_pending: bool,
    /// The actor created it, by hand or by a member import.
    pub created_by_actor: bool,
    /// It lies in a belt that an approved association, run by the actor, is approved to serve.
    pub in_a_belt_the_actor_serves: bool,
    /// That association (the first, if several), which a verification is made for.
    pub serving_association: Option<i32>,
    /// A site admin hid it.
    pub hidden: bool,
}

/// See the organisation and what it publishes at all: everyone, unless a
/// site admin hid it; then its own people (who are told why) and site admins.
pub fn may_see(actor: Option<&CurrentUser>, org: &Standing) -> bool {
    !org.hidden || actor.is_some_and(|a| may_see_inside(a, org))
}

/// How a new organisation of some kind comes to be for someone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Creation {
    /// Created and usable at once.
    Direct,
    /// Created as a request that a site admin approves.
    Request,
    Refused,
}

/// Kinds whose powers (verifying, importing members, running programs) are granted.
pub fn needs_approval(kind: OrgKind) -> bool {
    matches!(kind, OrgKind::Association | OrgKind::School)
}

/// Whether `role` may create an organisation of `kind`, and how. People
/// create the kind of organisation they work for; anyone may ask to run an
/// association or a school; site admins create any kind, approved.
pub fn creation(role: Role, kind: OrgKind) -> Creation {
    match (role, kind) {
        (Role::SiteAdmin, _) => Creation::Direct,
        (_, OrgKind::Association | OrgKind::School) => Creation::Request,
        (Role::Manufacturer, OrgKind::Manufacturer)
        | (Role::PlatformScout, OrgKind::Platform)
        | (Role::ServiceProvider, OrgKind::ServiceProvider) => Creation::Direct,
        _ => Creation::Refused,
    }
}

pub fn may_create(role: Role, kind: OrgKind) -> bool {
    creation(role, kind) != Creation::Refused
}

/// Change the organisation and what it publishes: its owners and editors, and site admins.
pub fn may_edit(actor: &CurrentUser, org: &Standing) -> bool {
    actor.role == Role::SiteAdmin || org.membership.is_some_and(MemberRole::edits)
}

/// See the organisation as its team does (a request awaiting approval, the
/// team list): anyone in it, and site admins.
pub fn may_see_inside(actor: &CurrentUser, org: &Standing) -> bool {
    actor.role == Role::SiteAdmin || org.membership.is_some()
}

/// Mark the organisation, or fields of its profile, verified. Never one's
/// own organisation (a school one runs included) or a firm one created or
/// imported; otherwise site admins, and the people of an approved association
/// in the belts it is approved to serve.
pub fn may_verify(actor: &CurrentUser, org: &Standing) -> bool {
    let own = org.membership.is_some() || org.request_pending || org.created_by_actor;
    !own && (actor.role == Role::SiteAdmin || org.in_a_belt_the_actor_serves)
}

/// Import and export an association's member firms: its owners and editors once
/// it is approved, and site admins.
pub fn may_manage_members(actor: &CurrentUser, org: &Standing) -> bool {
    org.kind == Some(OrgKind::Association)
        && (actor.role == Role::SiteAdmin || (org.approved && org.membership.is_some_and(MemberRole::edits)))
}

/// Accept or decline requests to help run an approved association or school:
/// its owners and site admins.
pub fn may_decide_requests(actor: &CurrentUser, org: &Standing) -> bool {
    org.kind.is_some_and(needs_approval) && (actor.role == Role::SiteAdmin || (org.approved && org.membership == Some(MemberRole::Owner)))
}

/// Ask to help run an approved association or school one is not part of yet.
pub fn may_ask_to_join(actor: &CurrentUser, org: &Standing) -> bool {
    org.kind.is_some_and(needs_approval)
        && org.approved
        && org.membership.is_none()
        && !org.request_pending
        && actor.role != Role::SiteAdmin
}

/// Run its team (invite, change roles, remove): its owners and site admins.
pub fn may_manage_team(actor: &CurrentUser, org: &Standing) -> bool {
    actor.role == Role::SiteAdmin || org.membership == Some(MemberRole::Owner)
}

/// Hide, restore, merge, revoke verifications, resolve reports: site admins.
pub fn may_moderate(actor: &CurrentUser) -> bool {
    actor.role == Role::SiteAdmin
}

/// Report an organisation to the site admins: signed-in people from outside
/// it (its own people change it instead; site admins act directly).
pub fn may_report(actor: &CurrentUser, org: &Standing) -> bool {
    actor.role != Role::SiteAdmin && org.membership.is_none() && !org.request_pending && !org.created_by_actor
}

/// Approve associations, schools and the belts they serve: site admins.
pub fn may_approve(actor: &CurrentUser) -> bool {
    actor.role == Role::SiteAdmin
}

/// Everything `actor` may do with an organisation standing as `org`
/// (signed out: see it unless hidden, nothing else).
pub fn permissions(actor: Option<&CurrentUser>, org: &Standing) -> Permissions {
    let Some(actor) = actor else {
        return Permissions { see: !org.hidden, approved: org.approved, ..Permissions::default() };
    };
    Permissions {
        see: may_see(Some(actor), org),
        moderate: may_moderate(actor),
        report: may_report(actor, org),
        edit: may_edit(actor, org),
        see_inside: may_see_inside(actor, org),
        manage_team: may_manage_team(actor, org),
        verify: may_verify(actor, org),
        manage_members: may_manage_members(actor, org),
        decide_requests: may_decide_requests(actor, org),
        ask_to_join: may_ask_to_join(actor, org),
        approved: org.approved,
        request_pending: org.request_pending,
        approve: !org.approved && may_approve(actor),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role) -> CurrentUser {
        CurrentUser { id: 7, email: "a@example.com".into(), display_name: "A".into(), role, email_confirmed: true }
    }

    fn standing(kind: OrgKind) -> Standing {
        Standing { kind: Some(kind), approved: !needs_approval(kind), ..Standing::default() }
    }

    const EVERY_ROLE: [Role; 6] = Role::ALL;

    #[test]
    fn who_creates_what() {
        use Creation::*;
        let expected = [
            (Role::Manufacturer, [Direct, Refused, Refused, Request, Request]),
            (Role::PlatformScout, [Refused, Direct, Refused, Request, Request]),
            (Role::ServiceProvider, [Refused, Refused, Direct, Request, Request]),
            (Role::AssociationAdmin, [Refused, Refused, Refused, Request, Request]),
            (Role::Graduate, [Refused, Refused, Refused, Request, Request]),
            (Role::SiteAdmin, [Direct, Direct, Direct, Direct, Direct]),
        ];
        for (role, row) in expected {
            for (kind, want) in OrgKind::ALL.into_iter().zip(row) {
                assert_eq!(creation(role, kind), want, "{role:?} creating {kind:?}");
            }
        }
    }

    /// The verification matrix: every role, against a firm in a belt they
    /// serve or not, their own or not.
    #[test]
    fn who_verifies() {
        let firm = standing(OrgKind::Manufacturer);
        for role in EVERY_ROLE {
            let a = actor(role);
            let admin = role == Role::SiteAdmin;
            assert_eq!(may_verify(&a, &firm), admin, "{role:?}, a firm outside their belts");
            let served = Standing { in_a_belt_the_actor_serves: true, ..firm.clone() };
            assert!(may_verify(&a, &served), "{role:?} running an approved association of the belt");
            for own in [
                Standing { membership: Some(MemberRole::Viewer), ..served.clone() },
                Standing { membership: Some(MemberRole::Editor), ..served.clone() },
                Standing { membership: Some(MemberRole::Owner), ..served.clone() },
                Standing { created_by_actor: true, ..served.clone() },
                Standing { request_pending: true, ..served.clone() },
            ] {
                assert!(!may_verify(&a, &own), "{role:?} may not verify their own or their import: {own:?}");
            }
        }
    }

    #[test]
    fn who_edits() {
        for role in EVERY_ROLE {
            let a = actor(role);
            let firm = standing(OrgKind::Manufacturer);
            let admin = role == Role::SiteAdmin;
            assert_eq!(may_edit(&a, &firm), admin, "{role:?} outsider");
            assert_eq!(may_see_inside(&a, &firm), admin, "{role:?} outsider");
            for member in MemberRole::ALL {
                let inside = Standing { membership: Some(member), ..firm.clone() };
                assert_eq!(may_edit(&a, &inside), admin || member != MemberRole::Viewer, "{role:?} as {member:?}");
                assert!(may_see_inside(&a, &inside), "{role:?} as {member:?}");
            }
        }
    }

    #[test]
    fn members_are_managed_only_once_the_association_is_approved() {
        let pending = Standing { membership: Some(MemberRole::Owner), ..standing(OrgKind::Association) };
        assert!(!pending.approved);
        for role in EVERY_ROLE {
            let a = actor(role);
            assert_eq!(may_manage_members(&a, &pending), role == Role::SiteAdmin, "{role:?} pending");
            let approved = Standing { approved: true, ..pending.clone() };
            assert!(may_manage_members(&a, &approved), "{role:?} approved owner");
            let outsider = Standing { membership: None, ..approved.clone() };
            assert_eq!(may_manage_members(&a, &outsider), role == Role::SiteAdmin);
            let viewer = Standing { membership: Some(MemberRole::Viewer), ..approved.clone() };
            assert_eq!(may_manage_members(&a, &viewer), role == Role::SiteAdmin, "viewers change nothing");
            let firm = Standing { membership: Some(MemberRole::Owner), ..standing(OrgKind::Manufacturer) };
            assert!(!may_manage_members(&a, &firm), "only associations have members");
        }
    }

    #[test]
    fn requests_to_join_are_decided_by_owners_of_approved_associations() {
        let approved = standing(OrgKind::Association);
        let approved = Standing { approved: true, ..approved };
        for role in EVERY_ROLE {
            let a = actor(role);
            let admin = role == Role::SiteAdmin;
            assert_eq!(may_decide_requests(&a, &approved), admin);
            let owner = Standing { membership: Some(MemberRole::Owner), ..approved.clone() };
            assert!(may_decide_requests(&a, &owner));
            assert_eq!(may_decide_requests(&a, &Standing { membership: Some(MemberRole::Editor), ..approved.clone() }), admin);
            assert_eq!(may_decide_requests(&a, &Standing { approved: false, ..owner.clone() }), admin, "not while it is a request itself");
            assert_eq!(may_ask_to_join(&a, &approved), !admin);
            assert!(!may_ask_to_join(&a, &owner));
            assert!(!may_ask_to_join(&a, &Standing { request_pending: true, ..approved.clone() }));
            assert!(!may_ask_to_join(&a, &Standing { approved: false, ..approved.clone() }));
            assert!(!may_ask_to_join(&a, &standing(OrgKind::Manufacturer)));
        }
    }

    #[test]
    fn who_moderates_and_who_reports() {
        let firm = standing(OrgKind::Manufacturer);
        for role in EVERY_ROLE {
            let a = actor(role);
            let admin = role == Role::SiteAdmin;
            assert_eq!(may_moderate(&a), admin);
            assert_eq!(may_report(&a, &firm), !admin, "{role:?} from outside");
            for own in [
                Standing { membership: Some(MemberRole::Viewer), ..firm.clone() },
                Standing { created_by_actor: true, ..firm.clone() },
                Standing { request_pending: true, ..firm.clone() },
            ] {
                assert!(!may_report(&a, &own), "{role:?} reporting their own: {own:?}");
            }
        }
    }

    #[test]
    fn hidden_organisations_are_seen_only_from_inside() {
        let hidden = Standing { hidden: true, ..standing(OrgKind::Manufacturer) };
        assert!(!may_see(None, &hidden), "visitors");
        assert!(may_see(None, &standing(OrgKind::Manufacturer)));
        for role in EVERY_ROLE {
            let a = actor(role);
            assert_eq!(may_see(Some(&a), &hidden), role == Role::SiteAdmin, "{role:?} outside");
            for member in MemberRole::ALL {
                assert!(may_see(Some(&a), &Standing { membership: Some(member), ..hidden.clone() }), "{role:?} as {member:?}");
            }
        }
    }

    #[test]
    fn only_site_admins_approve() {
        for role in EVERY_ROLE {
            assert_eq!(may_approve(&actor(role)), role == Role::SiteAdmin);
        }
    }
}
