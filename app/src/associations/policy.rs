//! Who may do what with an association's public page, its committees and
//! secretariats, and firms' applications to join: pure, tested as a matrix.
//! `orgs::policy` gives the permissions on the association; these decide
//! from them and from the applying firm's standing.

use crate::accounts::types::MemberRole;
use crate::associations::types::ApplicationStatus;
use crate::orgs::types::{OrgKind, Permissions};

/// The association's page: everyone once a site admin approved it (and
/// unless hidden); while it waits, its own people and site admins.
pub fn may_view(association: &Permissions) -> bool {
    association.see && (association.approved || association.see_inside)
}

/// Decide applications, set committees and secretariats: whoever manages its
/// members (its owners and editors once approved, and site admins).
pub fn may_manage(association: &Permissions) -> bool {
    association.manage_members
}

/// A firm that might apply, as the actor stands to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Applicant {
    pub kind: OrgKind,
    /// The actor's active place in the firm's team.
    pub role: Option<MemberRole>,
    pub member: bool,
    pub pending: bool,
}

/// Why an application may not be made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The association is not open to applications (waiting for approval, hidden).
    Closed,
    /// The actor does not run the firm (owners and editors apply for it).
    NotYourFirm,
    /// Associations and schools do not join associations.
    WrongKind,
    AlreadyMember,
    AlreadyPending,
}

/// Apply for a firm to join: the association approved and visible; a
/// manufacturer, service provider or platform; applied for by its own owners
/// or editors (a site admin adds members by import instead); not a member
/// and no application waiting.
pub fn may_apply(association: &Permissions, firm: &Applicant) -> Result<(), Refusal> {
    if !(association.see && association.approved) {
        return Err(Refusal::Closed);
    }
    if !firm.role.is_some_and(MemberRole::edits) {
        return Err(Refusal::NotYourFirm);
    }
    if !matches!(firm.kind, OrgKind::Manufacturer | OrgKind::ServiceProvider | OrgKind::Platform) {
        return Err(Refusal::WrongKind);
    }
    if firm.member {
        return Err(Refusal::AlreadyMember);
    }
    if firm.pending {
        return Err(Refusal::AlreadyPending);
    }
    Ok(())
}

/// Withdraw an application: the firm's owners and editors, while it waits.
pub fn may_withdraw(role: Option<MemberRole>, status: ApplicationStatus) -> bool {
    role.is_some_and(MemberRole::edits) && status == ApplicationStatus::Pending
}

/// Decide an application: the association's managers, while it waits.
pub fn may_decide(association: &Permissions, status: ApplicationStatus) -> bool {
    may_manage(association) && status == ApplicationStatus::Pending
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::types::{CurrentUser, Role};
    use crate::orgs::policy::{self as orgs, Standing};

    fn on_association(actor: Option<&CurrentUser>, membership: Option<MemberRole>, approved: bool, hidden: bool) -> Permissions {
        orgs::permissions(actor, &Standing { kind: Some(OrgKind::Association), approved, membership, hidden, ..Standing::default() })
    }

    #[test]
    fn association_pages_and_applications_as_a_matrix_of_roles() {
        let person = |role| CurrentUser { id: 1, email: "a@example.com".into(), display_name: "A".into(), role, email_confirmed: true };
        let places = [None, Some(MemberRole::Viewer), Some(MemberRole::Editor), Some(MemberRole::Owner)];
        for role in Role::ALL {
            let actor = person(role);
            let admin = role == Role::SiteAdmin;
            for membership in places {
                for approved in [true, false] {
                    for hidden in [false, true] {
                        let p = on_association(Some(&actor), membership, approved, hidden);
                        let insider = admin || membership.is_some();
                        let case = format!("{role:?} {membership:?} approved={approved} hidden={hidden}");
                        assert_eq!(may_view(&p), insider || (approved && !hidden), "{case}");
                        let manages = admin || (approved && membership.is_some_and(MemberRole::edits));
                        assert_eq!(may_manage(&p), manages, "{case}");
                        assert_eq!(may_decide(&p, ApplicationStatus::Pending), manages, "{case}");
                        for done in [ApplicationStatus::Approved, ApplicationStatus::Declined, ApplicationStatus::Withdrawn] {
                            assert!(!may_decide(&p, done), "{case}: a decided application stays decided");
                        }
                        for firm_role in places {
                            for kind in OrgKind::ALL {
                                let firm = Applicant { kind, role: firm_role, member: false, pending: false };
                                let expected = if !approved || (hidden && !insider) {
                                    Err(Refusal::Closed)
                                } else if !firm_role.is_some_and(MemberRole::edits) {
                                    Err(Refusal::NotYourFirm)
                                } else if matches!(kind, OrgKind::Association | OrgKind::School) {
                                    Err(Refusal::WrongKind)
                                } else {
                                    Ok(())
                                };
                                assert_eq!(may_apply(&p, &firm), expected, "{case} firm {kind:?} {firm_role:?}");
                            }
                        }
                    }
                }
            }
        }
        let signed_out = on_association(None, None, true, false);
        assert!(may_view(&signed_out));
        assert!(!may_manage(&signed_out));
        assert!(!may_view(&on_association(None, None, false, false)), "waiting for approval");
        assert!(!may_view(&on_association(None, None, true, true)), "hidden");
    }

    #[test]
    fn members_and_waiting_firms_do_not_apply_again_and_only_their_editors_withdraw() {
        let open = Permissions { see: true, approved: true, ..Permissions::default() };
        let firm = Applicant { kind: OrgKind::Manufacturer, role: Some(MemberRole::Owner), member: true, pending: false };
        assert_eq!(may_apply(&open, &firm), Err(Refusal::AlreadyMember));
        let firm = Applicant { member: false, pending: true, ..firm };
        assert_eq!(may_apply(&open, &firm), Err(Refusal::AlreadyPending));
        assert!(may_withdraw(Some(MemberRole::Editor), ApplicationStatus::Pending));
        assert!(!may_withdraw(Some(MemberRole::Viewer), ApplicationStatus::Pending));
        assert!(!may_withdraw(None, ApplicationStatus::Pending));
        assert!(!may_withdraw(Some(MemberRole::Owner), ApplicationStatus::Declined));
    }
}
