//! Who may do what with an event: pure, tested as a matrix. `orgs::policy`
//! gives the permissions on the hosting association; these decide from
//! them, the event's status and the registering firm's standing.

use crate::accounts::types::MemberRole;
use crate::events::types::{EventStatus, RegistrationStatus, Side};
use crate::orgs::types::{OrgKind, Permissions};

/// Create, edit, publish, cancel and finish the association's events, and
/// see every registration: whoever manages its members (its owners and
/// editors once approved, and site admins).
pub fn may_manage(association: &Permissions) -> bool {
    association.manage_members
}

/// Make or remake the schedule: the organisers, while the event is published
/// (a cancelled or finished event keeps the schedule it had).
pub fn may_schedule(association: &Permissions, status: EventStatus) -> Result<(), ScheduleRefusal> {
    if !may_manage(association) {
        return Err(ScheduleRefusal::NotOrganiser);
    }
    if status != EventStatus::Published {
        return Err(ScheduleRefusal::NotPublished);
    }
    Ok(())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScheduleRefusal {
    NotOrganiser,
    NotPublished,
}

/// The event page: a draft only for its organisers; otherwise everyone who
/// may see the association's page (approved and not hidden, or its own people).
pub fn may_view(association: &Permissions, status: EventStatus) -> bool {
    let association_public = association.see && (association.approved || association.see_inside);
    may_manage(association) || (status != EventStatus::Draft && association_public)
}

/// A firm that might register, as the actor stands to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Registrant {
    pub kind: OrgKind,
    /// The actor's active place in the firm's team.
    pub role: Option<MemberRole>,
    /// Registered or waiting already (not withdrawn).
    pub registered: bool,
}

/// Why a registration may not be made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The actor does not run the firm (owners and editors register it).
    NotYourFirm,
    /// Neither a manufacturer nor a platform.
    CannotAttend,
    /// Not published, or outside the registration window.
    Closed,
    AlreadyRegistered,
}

/// Register a firm: its owners and editors, for a manufacturer (a supplier)
/// or a platform (a buyer), while registration is open, once. Seats and
/// entry criteria are decided after (`registration::decide`).
pub fn may_register(registration_open: bool, firm: &Registrant) -> Result<Side, Refusal> {
    if !firm.role.is_some_and(MemberRole::edits) {
        return Err(Refusal::NotYourFirm);
    }
    let side = crate::events::rules::side_for(firm.kind).ok_or(Refusal::CannotAttend)?;
    if !registration_open {
        return Err(Refusal::Closed);
    }
    if firm.registered {
        return Err(Refusal::AlreadyRegistered);
    }
    Ok(side)
}

/// Withdraw a registration: the firm's owners and editors, while it stands
/// (registered or waiting) and the event has not ended or been cancelled.
pub fn may_withdraw(role: Option<MemberRole>, registration: RegistrationStatus, event: EventStatus) -> bool {
    role.is_some_and(MemberRole::edits)
        && registration != RegistrationStatus::Withdrawn
        && matches!(event, EventStatus::Draft | EventStatus::Published)
}

/// A registered firm's meetings page: anyone in its team.
pub fn may_see_meetings(role: Option<MemberRole>) -> bool {
    role.is_some()
}

/// Acting for a registered firm (sending, answering and withdrawing
/// requests, marking slots it cannot attend): its owners and editors.
pub fn may_act_for(role: Option<MemberRole>) -> bool {
    role.is_some_and(MemberRole::edits)
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
    fn events_as_a_matrix_of_roles() {
        let person = |role| CurrentUser { id: 1, email: "a@example.com".into(), display_name: "A".into(), role, email_confirmed: true };
        let places = [None, Some(MemberRole::Viewer), Some(MemberRole::Editor), Some(MemberRole::Owner)];
        let mut actors: Vec<Option<CurrentUser>> = Role::ALL.iter().map(|r| Some(person(*r))).collect();
        actors.push(None);
        for actor in &actors {
            let admin = actor.as_ref().is_some_and(|a| a.role == Role::SiteAdmin);
            for membership in places {
                if actor.is_none() && membership.is_some() {
                    continue;
                }
                for approved in [true, false] {
                    for hidden in [false, true] {
                        let p = on_association(actor.as_ref(), membership, approved, hidden);
                        let case = format!("{:?} {membership:?} approved={approved} hidden={hidden}", actor.as_ref().map(|a| a.role));
                        let manages = admin || (approved && membership.is_some_and(MemberRole::edits));
                        assert_eq!(may_manage(&p), manages, "{case}");
                        let public = admin || membership.is_some() || (approved && !hidden);
                        for status in EventStatus::ALL {
                            let expected = manages || (*status != EventStatus::Draft && public);
                            assert_eq!(may_view(&p, *status), expected, "{case} {status:?}");
                            let schedule = if !manages {
                                Err(ScheduleRefusal::NotOrganiser)
                            } else if *status != EventStatus::Published {
                                Err(ScheduleRefusal::NotPublished)
                            } else {
                                Ok(())
                            };
                            assert_eq!(may_schedule(&p, *status), schedule, "{case} {status:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn who_registers_which_firm_and_when() {
        let places = [None, Some(MemberRole::Viewer), Some(MemberRole::Editor), Some(MemberRole::Owner)];
        for role in places {
            for kind in OrgKind::ALL {
                for open in [true, false] {
                    for registered in [false, true] {
                        let firm = Registrant { kind, role, registered };
                        let expected = if !role.is_some_and(MemberRole::edits) {
                            Err(Refusal::NotYourFirm)
                        } else if !matches!(kind, OrgKind::Manufacturer | OrgKind::Platform) {
                            Err(Refusal::CannotAttend)
                        } else if !open {
                            Err(Refusal::Closed)
                        } else if registered {
                            Err(Refusal::AlreadyRegistered)
                        } else if kind == OrgKind::Manufacturer {
                            Ok(Side::Supplier)
                        } else {
                            Ok(Side::Buyer)
                        };
                        assert_eq!(may_register(open, &firm), expected, "{kind:?} {role:?} open={open} registered={registered}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_firms_team_sees_its_meetings_and_its_editors_act() {
        assert!(!may_see_meetings(None) && !may_act_for(None));
        assert!(may_see_meetings(Some(MemberRole::Viewer)) && !may_act_for(Some(MemberRole::Viewer)));
        for role in [MemberRole::Editor, MemberRole::Owner] {
            assert!(may_see_meetings(Some(role)) && may_act_for(Some(role)));
        }
    }

    #[test]
    fn only_a_standing_registration_of_a_live_event_is_withdrawn_by_its_editors() {
        for role in [None, Some(MemberRole::Viewer), Some(MemberRole::Editor), Some(MemberRole::Owner)] {
            for registration in RegistrationStatus::ALL {
                for event in EventStatus::ALL {
                    let expected = role.is_some_and(MemberRole::edits)
                        && *registration != RegistrationStatus::Withdrawn
                        && matches!(event, EventStatus::Draft | EventStatus::Published);
                    assert_eq!(may_withdraw(role, *registration, *event), expected);
                }
            }
        }
    }
}
