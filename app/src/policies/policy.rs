//! Who may do what with policy notices: pure, tested as a matrix.
//! `orgs::policy` gives the permissions on an organisation; these decide
//! from them and the actor's site role.
//!
//! Notices are public. An association's organisers (its owners and editors
//! once approved) publish for it and change what it published; site admins
//! publish for Beltlink and change any notice. A firm's matches are its
//! team's business: its members and site admins.

use crate::accounts::types::{CurrentUser, Role};
use crate::orgs::types::{OrgKind, Permissions};

fn is_site_admin(actor: Option<&CurrentUser>) -> bool {
    actor.is_some_and(|a| a.role == Role::SiteAdmin)
}

/// Publish notices for an association (as it stands to the actor).
pub fn may_publish_for(association: &Permissions) -> bool {
    association.manage_members
}

/// Publish notices for Beltlink itself, with no association.
pub fn may_publish_as_site(actor: Option<&CurrentUser>) -> bool {
    is_site_admin(actor)
}

/// Change a notice: `publisher` is how its association stands to the actor
/// (`None`: published for Beltlink).
pub fn may_edit(actor: Option<&CurrentUser>, publisher: Option<&Permissions>) -> bool {
    is_site_admin(actor) || publisher.is_some_and(may_publish_for)
}

/// See which notices an organisation qualifies or nearly qualifies for.
pub fn may_see_matches(kind: OrgKind, firm: &Permissions) -> bool {
    crate::policies::rules::KINDS.contains(&kind) && firm.see_inside
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::types::MemberRole;
    use crate::orgs::policy::{self as orgs, Standing};

    fn permissions(actor: Option<&CurrentUser>, kind: OrgKind, membership: Option<MemberRole>, approved: bool) -> Permissions {
        orgs::permissions(actor, &Standing { kind: Some(kind), approved, membership, hidden: false, ..Standing::default() })
    }

    #[test]
    fn notices_as_a_matrix_of_roles() {
        let person = |role| CurrentUser { id: 1, email: "a@example.com".into(), display_name: "A".into(), role, email_confirmed: true };
        let places = [None, Some(MemberRole::Viewer), Some(MemberRole::Editor), Some(MemberRole::Owner)];
        for role in Role::ALL {
            let actor = person(role);
            let admin = role == Role::SiteAdmin;
            assert_eq!(may_publish_as_site(Some(&actor)), admin, "{role:?}");
            assert_eq!(may_edit(Some(&actor), None), admin, "a site notice: {role:?}");
            for membership in places {
                let association = permissions(Some(&actor), OrgKind::Association, membership, true);
                let organiser = admin || membership.is_some_and(MemberRole::edits);
                assert_eq!(may_publish_for(&association), organiser, "{role:?} {membership:?}");
                assert_eq!(may_edit(Some(&actor), Some(&association)), organiser, "{role:?} {membership:?}");
                let waiting = permissions(Some(&actor), OrgKind::Association, membership, false);
                assert_eq!(may_publish_for(&waiting), admin, "an association not approved yet: {role:?} {membership:?}");
                for kind in OrgKind::ALL {
                    let firm = permissions(Some(&actor), kind, membership, true);
                    let sees = matches!(kind, OrgKind::Manufacturer | OrgKind::ServiceProvider) && (admin || membership.is_some());
                    assert_eq!(may_see_matches(kind, &firm), sees, "{role:?} {membership:?} {kind:?}");
                }
            }
        }
        let signed_out = permissions(None, OrgKind::Association, None, true);
        assert!(!may_publish_for(&signed_out));
        assert!(!may_publish_as_site(None));
        assert!(!may_edit(None, None));
        assert!(!may_edit(None, Some(&signed_out)));
        assert!(!may_see_matches(OrgKind::Manufacturer, &permissions(None, OrgKind::Manufacturer, None, true)));
    }
}
