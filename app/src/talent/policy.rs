//! Who may do what with talent programs: pure, tested as a matrix.
//! `orgs::policy` gives the permissions on an organisation; these decide
//! from them, the organisation's kind and the actor's site role.
//!
//! Programs are public. An association, school or platform's organisers
//! (its owners and editors once it is approved) publish programs for it and
//! change them; site admins publish for any of them and change any program.

use crate::accounts::types::{CurrentUser, Role};
use crate::orgs::types::{OrgKind, Permissions};

/// The kinds of organisation that run programs.
pub const ORGANISER_KINDS: [OrgKind; 3] = [OrgKind::Association, OrgKind::School, OrgKind::Platform];

/// The kinds of organisation that take part in one (employers, hiring firms).
pub const COMPANY_KINDS: [OrgKind; 3] = [OrgKind::Manufacturer, OrgKind::ServiceProvider, OrgKind::Platform];

fn is_site_admin(actor: Option<&CurrentUser>) -> bool {
    actor.is_some_and(|a| a.role == Role::SiteAdmin)
}

/// Publish programs for an organisation of `kind` (as it stands to the actor).
pub fn may_organise_for(kind: OrgKind, organiser: &Permissions) -> bool {
    ORGANISER_KINDS.contains(&kind) && organiser.approved && organiser.edit
}

/// Change a program run by an organisation of `kind`.
pub fn may_edit(actor: Option<&CurrentUser>, kind: OrgKind, organiser: &Permissions) -> bool {
    is_site_admin(actor) || may_organise_for(kind, organiser)
}

/// Keep a graduate profile and see the programs ranked for it: anyone signed
/// in (a graduate, or someone returning to take over a family firm). The
/// profile is its owner's alone.
pub fn may_keep_profile(actor: Option<&CurrentUser>) -> bool {
    actor.is_some()
}

/// Review a program's applications (accept, waitlist, decline): whoever may change it.
pub fn may_review(actor: Option<&CurrentUser>, kind: OrgKind, organiser: &Permissions) -> bool {
    may_edit(actor, kind, organiser)
}

/// Apply to a program: anyone signed in (whether they qualify is the program's rules, not a role).
pub fn may_apply(actor: Option<&CurrentUser>) -> bool {
    actor.is_some()
}

/// Withdraw an application or confirm a seat offered: its applicant alone.
pub fn may_act_on_application(actor: Option<&CurrentUser>, applicant_id: i32) -> bool {
    actor.is_some_and(|a| a.id == applicant_id)
}

/// Mark the employers one wants to meet at a program: anyone signed in, at a job fair.
pub fn may_mark(actor: Option<&CurrentUser>, kind: crate::talent::types::ProgramKind) -> bool {
    actor.is_some() && kind == crate::talent::types::ProgramKind::JobFair
}

/// See who marked an employer: the employer's owners and editors, and site admins.
pub fn may_see_marks(actor: Option<&CurrentUser>, employer: &Permissions) -> bool {
    is_site_admin(actor) || (actor.is_some() && employer.edit)
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
    fn programs_as_a_matrix_of_roles() {
        let person = |role| CurrentUser { id: 1, email: "a@example.com".into(), display_name: "A".into(), role, email_confirmed: true };
        let places = [None, Some(MemberRole::Viewer), Some(MemberRole::Editor), Some(MemberRole::Owner)];
        for role in Role::ALL {
            let actor = person(role);
            let admin = role == Role::SiteAdmin;
            for kind in OrgKind::ALL {
                let runs_programs = matches!(kind, OrgKind::Association | OrgKind::School | OrgKind::Platform);
                for membership in places {
                    let organiser = permissions(Some(&actor), kind, membership, true);
                    let organises = runs_programs && (admin || membership.is_some_and(MemberRole::edits));
                    assert_eq!(may_organise_for(kind, &organiser), organises, "{role:?} {kind:?} {membership:?}");
                    assert_eq!(may_edit(Some(&actor), kind, &organiser), admin || organises, "{role:?} {kind:?} {membership:?}");
                    assert_eq!(may_review(Some(&actor), kind, &organiser), admin || organises, "{role:?} {kind:?} {membership:?}");
                    let waiting = permissions(Some(&actor), kind, membership, false);
                    assert!(!may_organise_for(kind, &waiting), "not approved yet: {role:?} {kind:?} {membership:?}");
                }
            }
        }
        for role in Role::ALL {
            let actor = CurrentUser { id: 1, email: "a@example.com".into(), display_name: "A".into(), role, email_confirmed: true };
            assert!(may_keep_profile(Some(&actor)), "{role:?}");
            assert!(may_apply(Some(&actor)), "{role:?}");
            assert!(may_act_on_application(Some(&actor), 1), "their own: {role:?}");
            assert!(!may_act_on_application(Some(&actor), 2), "not another's, not even a site admin: {role:?}");
        }
        assert!(!may_keep_profile(None));
        assert!(!may_apply(None));
        assert!(!may_act_on_application(None, 1));
        // Marks: anyone signed in marks employers at job fairs only; an employer's owners and editors (and site admins) see them.
        use crate::talent::types::ProgramKind;
        for role in Role::ALL {
            let actor = CurrentUser { id: 1, email: "a@example.com".into(), display_name: "A".into(), role, email_confirmed: true };
            for kind in ProgramKind::ALL {
                assert_eq!(may_mark(Some(&actor), *kind), *kind == ProgramKind::JobFair, "{role:?} {kind:?}");
                assert!(!may_mark(None, *kind));
            }
            for membership in [None, Some(MemberRole::Viewer), Some(MemberRole::Editor), Some(MemberRole::Owner)] {
                let employer = permissions(Some(&actor), OrgKind::Manufacturer, membership, true);
                let sees = role == Role::SiteAdmin || membership.is_some_and(MemberRole::edits);
                assert_eq!(may_see_marks(Some(&actor), &employer), sees, "{role:?} {membership:?}");
            }
        }
        for kind in OrgKind::ALL {
            let signed_out = permissions(None, kind, None, true);
            assert!(!may_see_marks(None, &signed_out));
            assert!(!may_organise_for(kind, &signed_out));
            assert!(!may_edit(None, kind, &signed_out));
            assert!(!may_review(None, kind, &signed_out));
        }
    }
}
