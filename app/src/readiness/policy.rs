//! Who may do what with platform criteria and readiness: pure, tested as a
//! matrix. The organisation's own rules (`orgs::policy`) give the
//! permissions; these decide from them.
//!
//! A platform's criteria are public once it has published them (its page
//! is not hidden); its owners and editors, and site admins, change them. A
//! firm's readiness is its team's own business: its members and site admins.

use crate::orgs::types::{OrgKind, Permissions};

/// Read a platform's published criteria.
pub fn may_read_criteria(kind: OrgKind, permissions: &Permissions) -> bool {
    kind == OrgKind::Platform && permissions.see
}

/// Write a platform's criteria.
pub fn may_edit_criteria(kind: OrgKind, permissions: &Permissions) -> bool {
    kind == OrgKind::Platform && permissions.edit
}

/// See how a manufacturer fares against the platforms' criteria.
pub fn may_see_readiness(kind: OrgKind, permissions: &Permissions) -> bool {
    kind == OrgKind::Manufacturer && permissions.see_inside
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::types::{CurrentUser, MemberRole, Role};
    use crate::orgs::policy::{self as orgs, Standing};

    /// The permissions `orgs::policy` grants `actor` on an organisation of `kind`.
    fn permissions(actor: Option<&CurrentUser>, kind: OrgKind, membership: Option<MemberRole>, hidden: bool) -> Permissions {
        orgs::permissions(actor, &Standing { kind: Some(kind), approved: true, membership, hidden, ..Standing::default() })
    }

    #[test]
    fn criteria_and_readiness_as_a_matrix_of_roles() {
        let person = |role| CurrentUser { id: 1, email: "a@example.com".into(), display_name: "A".into(), role, email_confirmed: true };
        let places = [None, Some(MemberRole::Viewer), Some(MemberRole::Editor), Some(MemberRole::Owner)];
        for role in Role::ALL {
            let actor = person(role);
            let admin = role == Role::SiteAdmin;
            for membership in places {
                let on_platform = permissions(Some(&actor), OrgKind::Platform, membership, false);
                let edits = admin || membership.is_some_and(MemberRole::edits);
                assert_eq!(may_edit_criteria(OrgKind::Platform, &on_platform), edits, "{role:?} {membership:?}");
                assert!(may_read_criteria(OrgKind::Platform, &on_platform), "published criteria are public");
                let on_firm = permissions(Some(&actor), OrgKind::Manufacturer, membership, false);
                assert_eq!(may_see_readiness(OrgKind::Manufacturer, &on_firm), admin || membership.is_some(), "{role:?} {membership:?}");
                // Criteria belong to platforms, readiness to manufacturers only.
                assert!(!may_edit_criteria(OrgKind::Manufacturer, &on_firm));
                assert!(!may_see_readiness(OrgKind::Platform, &on_platform));
            }
            let hidden = permissions(Some(&actor), OrgKind::Platform, None, true);
            assert_eq!(may_read_criteria(OrgKind::Platform, &hidden), admin, "a hidden platform's criteria: {role:?}");
        }
        let signed_out = permissions(None, OrgKind::Platform, None, false);
        assert!(may_read_criteria(OrgKind::Platform, &signed_out));
        assert!(!may_edit_criteria(OrgKind::Platform, &signed_out));
        assert!(!may_see_readiness(OrgKind::Manufacturer, &permissions(None, OrgKind::Manufacturer, None, false)));
        assert!(!may_read_criteria(OrgKind::Platform, &permissions(None, OrgKind::Platform, None, true)));
    }
}
