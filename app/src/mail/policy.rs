//! Who may read the mail the site sent. The mailbox holds one-time links for
//! other people, so only site admins, who run the site, may.

use crate::accounts::types::{CurrentUser, Role};

pub fn may_read_mailbox(actor: &CurrentUser) -> bool {
    actor.role == Role::SiteAdmin
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_site_admins_read_the_mailbox() {
        for role in Role::ALL {
            let actor = CurrentUser { id: 1, email: "a@example.com".into(), display_name: "A".into(), role, email_confirmed: true };
            assert_eq!(may_read_mailbox(&actor), role == Role::SiteAdmin, "{role:?}");
        }
    }
}
