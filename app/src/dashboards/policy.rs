//! Who may see a belt dashboard: pure.
//!
//! A dashboard counts only what the belt's published profiles already show
//! to everyone, and names no firm, so everyone may see it, signed in or not.

use crate::accounts::types::CurrentUser;

pub fn may_view(_actor: Option<&CurrentUser>) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::types::Role;

    #[test]
    fn everyone_sees_a_dashboard() {
        assert!(may_view(None));
        for role in Role::ALL {
            let person = CurrentUser { id: 1, email: "a@example.com".into(), display_name: "A".into(), role, email_confirmed: false };
            assert!(may_view(Some(&person)), "{role:?}");
        }
    }
}
