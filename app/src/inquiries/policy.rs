//! Who may do what with inquiries: pure functions of the actor's relation
//! to a thread ([`ThreadStanding`]) or to the manufacturer written to
//! ([`TargetStanding`]), tested as a matrix of roles.
//!
//! A thread is private to its two ends: the person who sent it, and the
//! people of the manufacturer it was sent to. Of those, the manufacturer's
//! owners and editors answer and block; its viewers read. Nobody else reads
//! it, site admins included: it is the parties' correspondence.

use crate::accounts::types::{CurrentUser, MemberRole};
use crate::forms::Problem;
use crate::inquiries::types::Side;

/// The actor's relation to one thread.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ThreadStanding {
    pub is_sender: bool,
    /// The actor's active place in the manufacturer written to.
    pub supplier_role: Option<MemberRole>,
    pub sender_blocked: bool,
}

/// What is known about a manufacturer someone wants to write to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TargetStanding {
    /// The actor's active place in it.
    pub membership: Option<MemberRole>,
    pub sender_blocked: bool,
}

/// The end of the thread the actor reads it from, if any.
pub fn side(thread: &ThreadStanding) -> Option<Side> {
    if thread.is_sender {
        Some(Side::Buyer)
    } else if thread.supplier_role.is_some() {
        Some(Side::Supplier)
    } else {
        None
    }
}

pub fn may_read(thread: &ThreadStanding) -> bool {
    side(thread).is_some()
}

/// Write in the thread and take steps: the sender (unless blocked), and the manufacturer's owners and editors.
pub fn may_act(thread: &ThreadStanding) -> bool {
    match side(thread) {
        Some(Side::Buyer) => !thread.sender_blocked,
        Some(Side::Supplier) => thread.supplier_role.is_some_and(MemberRole::edits),
        None => false,
    }
}

/// Block (or unblock) the sender: the manufacturer's owners and editors.
pub fn may_block(thread: &ThreadStanding) -> bool {
    !thread.is_sender && thread.supplier_role.is_some_and(MemberRole::edits)
}

/// Block or unblock senders of a firm: its owners and editors.
pub fn may_manage_blocks(membership: Option<MemberRole>) -> bool {
    membership.is_some_and(MemberRole::edits)
}

/// Start an inquiry to a manufacturer: any signed-in person with a confirmed
/// address (so a throwaway account cannot flood firms), who is not one of its
/// people and whom it did not block. The refusal says why.
pub fn may_start(actor: &CurrentUser, target: &TargetStanding) -> Result<(), Problem> {
    if !actor.email_confirmed {
        return Err(Problem::ConfirmEmailToWrite);
    }
    if target.membership.is_some() {
        return Err(Problem::OwnFirm);
    }
    if target.sender_blocked {
        return Err(Problem::SenderBlocked);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::types::Role;

    fn thread(is_sender: bool, supplier_role: Option<MemberRole>) -> ThreadStanding {
        ThreadStanding { is_sender, supplier_role, sender_blocked: false }
    }

    #[test]
    fn a_thread_is_read_by_its_two_ends_only() {
        // (standing, read, act, block)
        let matrix = [
            (thread(true, None), true, true, false),
            (thread(false, Some(MemberRole::Owner)), true, true, true),
            (thread(false, Some(MemberRole::Editor)), true, true, true),
            (thread(false, Some(MemberRole::Viewer)), true, false, false),
            (thread(false, None), false, false, false),
        ];
        for (standing, read, act, block) in matrix {
            assert_eq!(may_read(&standing), read, "{standing:?}");
            assert_eq!(may_act(&standing), act, "{standing:?}");
            assert_eq!(may_block(&standing), block, "{standing:?}");
        }
    }

    #[test]
    fn a_blocked_sender_reads_but_cannot_write() {
        let blocked = ThreadStanding { sender_blocked: true, ..thread(true, None) };
        assert!(may_read(&blocked));
        assert!(!may_act(&blocked));
    }

    #[test]
    fn starting_needs_a_confirmed_stranger_not_blocked() {
        let person = |confirmed| CurrentUser {
            id: 1,
            email: "a@example.com".into(),
            display_name: "A".into(),
            role: Role::PlatformScout,
            email_confirmed: confirmed,
        };
        let stranger = TargetStanding::default();
        assert_eq!(may_start(&person(true), &stranger), Ok(()));
        assert_eq!(may_start(&person(false), &stranger), Err(Problem::ConfirmEmailToWrite));
        assert_eq!(may_start(&person(true), &TargetStanding { membership: Some(MemberRole::Viewer), ..stranger }), Err(Problem::OwnFirm));
        assert_eq!(may_start(&person(true), &TargetStanding { sender_blocked: true, ..stranger }), Err(Problem::SenderBlocked));
        // Site admins write like anyone: as themselves, within the same limits.
        let admin = CurrentUser { role: Role::SiteAdmin, ..person(true) };
        assert_eq!(may_start(&admin, &stranger), Ok(()));
    }
}
