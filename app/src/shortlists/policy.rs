//! Who may do what with shortlists: pure, tested as a matrix.
//!
//! A shortlist is its keeper's working notes: any signed-in person may keep
//! them, and nobody else (site admins included) reads or changes one.

use crate::accounts::types::CurrentUser;

/// Read, change, export or delete the list kept by `owner_id`.
pub fn may_use(actor: Option<&CurrentUser>, owner_id: i32) -> bool {
    actor.is_some_and(|a| a.id == owner_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::types::Role;

    #[test]
    fn a_list_is_its_keepers_alone() {
        let person = |id, role| CurrentUser { id, email: "a@example.com".into(), display_name: "A".into(), role, email_confirmed: true };
        for role in Role::ALL {
            assert!(may_use(Some(&person(7, role)), 7), "{role:?} keeps their own");
            assert!(!may_use(Some(&person(8, role)), 7), "{role:?} does not read another's");
        }
        assert!(!may_use(None, 7), "signed out");
    }
}
