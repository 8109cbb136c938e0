//! Who may do what with scouting briefs: pure functions of the actor and of
//! what the data layer found out about the brief ([`BriefStanding`]), tested
//! as a matrix of roles.
//!
//! A brief speaks for a platform, so it is posted and run by that platform's
//! owners and editors (and site admins). An open public brief is for
//! everyone to read, with its ranked suppliers; one shown only to chosen
//! belts and associations is read by their firms' people, who do not see the
//! other firms ranked against them. Drafts are the team's.

use crate::accounts::types::{CurrentUser, MemberRole, Role};
use crate::orgs::policy::Standing;
use crate::orgs::types::OrgKind;
use crate::scouting::types::BriefStatus;

/// What is known about one brief and the actor's relation to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BriefStanding {
    pub status: BriefStatus,
    pub restricted: bool,
    /// The actor's active place in the platform that posted it.
    pub membership: Option<MemberRole>,
    /// The actor belongs to a firm in one of the belts or associations it is shown to.
    pub in_audience: bool,
    /// A site admin hid the platform that posted it.
    pub platform_hidden: bool,
}

fn is_admin(actor: Option<&CurrentUser>) -> bool {
    actor.is_some_and(|a| a.role == Role::SiteAdmin)
}

/// Post a brief for a platform: its owners and editors, and site admins.
pub fn may_post(actor: &CurrentUser, platform: &Standing) -> bool {
    platform.kind == Some(OrgKind::Platform)
        && (actor.role == Role::SiteAdmin || (!platform.hidden && platform.membership.is_some_and(MemberRole::edits)))
}

/// Change, publish or close it: the platform's owners and editors, and site admins.
pub fn may_manage(actor: &CurrentUser, brief: &BriefStanding) -> bool {
    actor.role == Role::SiteAdmin || brief.membership.is_some_and(MemberRole::edits)
}

/// Read it at all.
pub fn may_see(actor: Option<&CurrentUser>, brief: &BriefStanding) -> bool {
    if is_admin(actor) || brief.membership.is_some() {
        return true;
    }
    if brief.status == BriefStatus::Draft || brief.platform_hidden {
        return false;
    }
    !brief.restricted || brief.in_audience
}

/// See the suppliers it ranks: its team and site admins, and everyone for a public brief.
pub fn may_see_matches(actor: Option<&CurrentUser>, brief: &BriefStanding) -> bool {
    is_admin(actor) || brief.membership.is_some() || (may_see(actor, brief) && !brief.restricted)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role) -> CurrentUser {
        CurrentUser { id: 1, email: "a@example.com".into(), display_name: "A".into(), role, email_confirmed: true }
    }

    fn brief(status: BriefStatus, restricted: bool, membership: Option<MemberRole>, in_audience: bool) -> BriefStanding {
        BriefStanding { status, restricted, membership, in_audience, platform_hidden: false }
    }

    #[test]
    fn posting_is_for_a_platforms_editors_and_site_admins() {
        let platform = |membership| Standing { kind: Some(OrgKind::Platform), approved: true, membership, ..Standing::default() };
        let scout = user(Role::PlatformScout);
        assert!(may_post(&scout, &platform(Some(MemberRole::Owner))));
        assert!(may_post(&scout, &platform(Some(MemberRole::Editor))));
        assert!(!may_post(&scout, &platform(Some(MemberRole::Viewer))));
        assert!(!may_post(&scout, &platform(None)), "another platform's scout");
        assert!(may_post(&user(Role::SiteAdmin), &platform(None)));
        let hidden = Standing { hidden: true, ..platform(Some(MemberRole::Owner)) };
        assert!(!may_post(&scout, &hidden), "a hidden platform posts nothing");
        let factory = Standing { kind: Some(OrgKind::Manufacturer), membership: Some(MemberRole::Owner), ..Standing::default() };
        assert!(!may_post(&user(Role::Manufacturer), &factory), "only platforms post briefs");
        assert!(!may_post(&user(Role::SiteAdmin), &factory));
    }

    /// Every role against every kind of brief: (status, restricted, membership, in audience) → (see, matches, manage).
    #[test]
    fn the_matrix_of_roles() {
        use BriefStatus::*;
        let owner = Some(MemberRole::Owner);
        let viewer = Some(MemberRole::Viewer);
        type Case = (Option<Role>, BriefStanding, (bool, bool, bool));
        let cases: Vec<Case> = vec![
            // Signed out.
            (None, brief(Open, false, None, false), (true, true, false)),
            (None, brief(Closed, false, None, false), (true, true, false)),
            (None, brief(Draft, false, None, false), (false, false, false)),
            (None, brief(Open, true, None, false), (false, false, false)),
            // A manufacturer outside the audience, inside it.
            (Some(Role::Manufacturer), brief(Open, false, None, false), (true, true, false)),
            (Some(Role::Manufacturer), brief(Open, true, None, false), (false, false, false)),
            (Some(Role::Manufacturer), brief(Open, true, None, true), (true, false, false)),
            (Some(Role::Manufacturer), brief(Draft, true, None, true), (false, false, false)),
            // Another platform's scout.
            (Some(Role::PlatformScout), brief(Open, true, None, false), (false, false, false)),
            (Some(Role::PlatformScout), brief(Draft, false, None, false), (false, false, false)),
            // The platform's own people.
            (Some(Role::PlatformScout), brief(Draft, true, owner, false), (true, true, true)),
            (Some(Role::PlatformScout), brief(Open, true, viewer, false), (true, true, false)),
            // Others.
            (Some(Role::ServiceProvider), brief(Open, false, None, false), (true, true, false)),
            (Some(Role::Graduate), brief(Open, true, None, false), (false, false, false)),
            (Some(Role::AssociationAdmin), brief(Draft, false, None, false), (false, false, false)),
            // Site admins see and run everything.
            (Some(Role::SiteAdmin), brief(Draft, true, None, false), (true, true, true)),
        ];
        for (role, standing, expected) in cases {
            let actor = role.map(user);
            let got = (
                may_see(actor.as_ref(), &standing),
                may_see_matches(actor.as_ref(), &standing),
                actor.as_ref().is_some_and(|a| may_manage(a, &standing)),
            );
            assert_eq!(got, expected, "{role:?} on {standing:?}");
        }
    }

    #[test]
    fn a_hidden_platforms_briefs_are_its_own_and_site_admins_only() {
        let hidden = BriefStanding { platform_hidden: true, ..brief(BriefStatus::Open, false, None, false) };
        assert!(!may_see(None, &hidden));
        assert!(!may_see(Some(&user(Role::Manufacturer)), &hidden));
        assert!(may_see(Some(&user(Role::SiteAdmin)), &hidden));
        let own = BriefStanding { membership: Some(MemberRole::Owner), ..hidden };
        assert!(may_see(Some(&user(Role::PlatformScout)), &own));
    }
}
