//! Who may look after search: its indexing status and refused documents.

use crate::accounts::types::{CurrentUser, Role};

/// See what is queued and refused, and send refused documents again: site admins.
pub fn may_administer(actor: &CurrentUser) -> bool {
    actor.role == Role::SiteAdmin
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_site_admins_administer_search() {
        for role in Role::ALL {
            let actor = CurrentUser { id: 1, email: "a@example.com".into(), display_name: "A".into(), role, email_confirmed: true };
            assert_eq!(may_administer(&actor), role == Role::SiteAdmin, "{role:?}");
        }
    }
}
