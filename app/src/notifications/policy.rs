//! Notifications are private: only their recipient reads or changes them.

use crate::accounts::types::CurrentUser;

/// Whether `actor` may read, open or mark the notification addressed to `recipient`.
pub fn may_handle(actor: &CurrentUser, recipient: i32) -> bool {
    actor.id == recipient
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::types::Role;

    #[test]
    fn only_the_recipient_whatever_the_role() {
        for role in Role::ALL {
            let actor = CurrentUser { id: 7, email: "a@example.com".into(), display_name: "A".into(), role, email_confirmed: true };
            assert!(may_handle(&actor, 7));
            assert!(!may_handle(&actor, 8), "{role:?} must not read another's notifications");
        }
    }
}
