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

/// Read a graduate's CV: its owner, and whoever reviews an application of
/// theirs (the organisers of a program they applied to, and site admins).
pub fn may_read_cv(actor: Option<&CurrentUser>, owner_id: i32, reviews_their_application: bool) -> bool {
    actor.is_some_and(|a| a.id == owner_id) || (actor.is_some() && reviews_their_application)
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

/// Form, join and keep a team: anyone signed in, in a competition (whether
/// their application lets them is the competition's rules, not a role).
pub fn may_team_up(actor: Option<&CurrentUser>, kind: crate::talent::types::ProgramKind) -> bool {
    actor.is_some() && kind == crate::talent::types::ProgramKind::Competition
}

/// Invite people to a team and withdraw invitations: its captain alone.
pub fn may_lead_team(actor: Option<&CurrentUser>, captain_id: i32) -> bool {
    actor.is_some_and(|a| a.id == captain_id)
}

/// Accept or decline an invitation: the person invited alone.
pub fn may_answer_invitation(actor: Option<&CurrentUser>, invitee_id: i32) -> bool {
    actor.is_some_and(|a| a.id == invitee_id)
}

/// Set the team's link or leave the team: its members.
pub fn may_act_for_team(actor: Option<&CurrentUser>, member_ids: &[i32]) -> bool {
    actor.is_some_and(|a| member_ids.contains(&a.id))
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
        // CVs: the owner, and those who review one of the owner's applications; never anyone else, whatever their role.
        for role in Role::ALL {
            let actor = CurrentUser { id: 1, email: "a@example.com".into(), display_name: "A".into(), role, email_confirmed: true };
            for reviews in [false, true] {
                assert!(may_read_cv(Some(&actor), 1, reviews), "their own: {role:?}");
                assert_eq!(may_read_cv(Some(&actor), 2, reviews), reviews, "another's: {role:?} reviews={reviews}");
            }
        }
        assert!(!may_read_cv(None, 1, true));
        // Teams: competitions only; the captain leads, the invited answer, members act for the team, whatever their site role.
        for role in Role::ALL {
            let actor = CurrentUser { id: 1, email: "a@example.com".into(), display_name: "A".into(), role, email_confirmed: true };
            for kind in crate::talent::types::ProgramKind::ALL {
                assert_eq!(may_team_up(Some(&actor), *kind), *kind == crate::talent::types::ProgramKind::Competition, "{role:?} {kind:?}");
            }
            assert!(may_lead_team(Some(&actor), 1) && !may_lead_team(Some(&actor), 2), "{role:?}");
            assert!(may_answer_invitation(Some(&actor), 1) && !may_answer_invitation(Some(&actor), 2), "{role:?}");
            assert!(may_act_for_team(Some(&actor), &[3, 1]) && !may_act_for_team(Some(&actor), &[2, 3]), "{role:?}");
        }
        assert!(!may_team_up(None, crate::talent::types::ProgramKind::Competition));
        assert!(!may_lead_team(None, 1) && !may_answer_invitation(None, 1) && !may_act_for_team(None, &[1]));
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
