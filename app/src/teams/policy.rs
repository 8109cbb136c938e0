//! Who may change a team, and which changes would leave it without an owner.
//! Pure functions, tested as a matrix; the server functions ask them.

use serde::{Deserialize, Serialize};

use crate::accounts::types::{CurrentUser, MemberRole};
use crate::orgs::policy::Standing;

/// See the team list: anyone in it, and site admins.
pub fn may_view_team(actor: &CurrentUser, org: &Standing) -> bool {
    crate::orgs::policy::may_see_inside(actor, org)
}

/// Invite, revoke invitations, change roles and remove people: owners and site admins.
pub fn may_manage_team(actor: &CurrentUser, org: &Standing) -> bool {
    crate::orgs::policy::may_manage_team(actor, org)
}

/// Send invitations: only from a confirmed address. An invitation is mail
/// the site sends to someone else in the sender's name, so an account that
/// has not shown the address is theirs cannot make the site mail strangers.
pub fn may_send_invitations(actor: &CurrentUser) -> bool {
    actor.email_confirmed
}

/// Why a change to a team is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TeamRefusal {
    /// It would leave the organisation with nobody to run it.
    LastOwner,
    /// The person is not (or no longer) in the team.
    NotInTeam,
}

/// Whether `from` may become `to` (`None`: leaves or is removed) in a team
/// that has `owners` owners now. A team always keeps an owner.
pub fn change(from: Option<MemberRole>, to: Option<MemberRole>, owners: usize) -> Result<(), TeamRefusal> {
    match from {
        None => Err(TeamRefusal::NotInTeam),
        Some(MemberRole::Owner) if to != Some(MemberRole::Owner) && owners <= 1 => Err(TeamRefusal::LastOwner),
        Some(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::types::Role;
    use proptest::prelude::*;

    fn actor(role: Role) -> CurrentUser {
        CurrentUser { id: 7, email: "a@example.com".into(), display_name: "A".into(), role, email_confirmed: true }
    }

    #[test]
    fn invitations_go_out_only_from_confirmed_addresses() {
        for role in Role::ALL {
            assert!(may_send_invitations(&actor(role)), "{role:?}");
            assert!(!may_send_invitations(&CurrentUser { email_confirmed: false, ..actor(role) }), "{role:?} unconfirmed");
        }
    }

    #[test]
    fn who_views_and_who_manages() {
        let firm = Standing { kind: Some(crate::orgs::types::OrgKind::Manufacturer), approved: true, ..Standing::default() };
        for role in Role::ALL {
            let a = actor(role);
            let admin = role == Role::SiteAdmin;
            assert_eq!(may_view_team(&a, &firm), admin, "{role:?} outsider");
            assert_eq!(may_manage_team(&a, &firm), admin, "{role:?} outsider");
            let asked = Standing { request_pending: true, ..firm.clone() };
            assert_eq!(may_view_team(&a, &asked), admin, "{role:?} whose request waits");
            for member in MemberRole::ALL {
                let inside = Standing { membership: Some(member), ..firm.clone() };
                assert!(may_view_team(&a, &inside), "{role:?} as {member:?}");
                assert_eq!(may_manage_team(&a, &inside), admin || member == MemberRole::Owner, "{role:?} as {member:?}");
            }
        }
    }

    #[test]
    fn the_last_owner_stays() {
        use MemberRole::*;
        assert_eq!(change(Some(Owner), None, 1), Err(TeamRefusal::LastOwner));
        assert_eq!(change(Some(Owner), Some(Editor), 1), Err(TeamRefusal::LastOwner));
        assert_eq!(change(Some(Owner), Some(Owner), 1), Ok(()));
        assert_eq!(change(Some(Owner), None, 2), Ok(()));
        assert_eq!(change(Some(Editor), None, 1), Ok(()));
        assert_eq!(change(Some(Viewer), Some(Owner), 1), Ok(()));
        assert_eq!(change(None, Some(Editor), 3), Err(TeamRefusal::NotInTeam));
    }

    fn role() -> impl Strategy<Value = Option<MemberRole>> {
        prop_oneof![Just(None), Just(Some(MemberRole::Owner)), Just(Some(MemberRole::Editor)), Just(Some(MemberRole::Viewer))]
    }

    proptest! {
        /// Whatever is allowed, a team with an owner keeps one.
        #[test]
        fn an_allowed_change_keeps_an_owner(from in role(), to in role(), owners in 1usize..4) {
            if change(from, to, owners).is_ok() {
                let lost = usize::from(from == Some(MemberRole::Owner) && to != Some(MemberRole::Owner));
                prop_assert!(owners - lost >= 1);
            }
        }
    }
}
