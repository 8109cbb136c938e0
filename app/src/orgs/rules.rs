//! Who may do what with organisations, and how their addresses are made.
//! Pure functions, so the rules are tested on their own and every server
//! function applies the same ones.

use crate::accounts::types::{MemberRole, Role};
use crate::orgs::types::OrgKind;

/// Whether someone with `role` may create an organisation of `kind`. People
/// create the kind of organisation they work for; graduates need none; site
/// admins may create any (for example on an organisation's behalf).
pub fn may_create(role: Role, kind: OrgKind) -> bool {
    match role {
        Role::SiteAdmin => true,
        Role::Manufacturer => kind == OrgKind::Manufacturer,
        Role::PlatformScout => kind == OrgKind::Platform,
        Role::ServiceProvider => kind == OrgKind::ServiceProvider,
        Role::AssociationAdmin => matches!(kind, OrgKind::Association | OrgKind::School),
        Role::Graduate => false,
    }
}

/// Whether a user may change an organisation: its owners and members, and site admins.
pub fn may_edit(role: Role, membership: Option<MemberRole>) -> bool {
    role == Role::SiteAdmin || membership.is_some()
}

/// Whether a user may mark an organisation verified. Site admins may verify
/// any; an association admin may verify organisations in a belt their own
/// association serves, never their own association.
pub fn may_verify(role: Role, shares_a_belt_with_their_association: bool, is_their_own: bool) -> bool {
    match role {
        Role::SiteAdmin => true,
        Role::AssociationAdmin => shares_a_belt_with_their_association && !is_their_own,
        _ => false,
    }
}

/// A URL slug from a name: lower-case ASCII letters and digits joined by
/// single hyphens, at most 60 characters. Empty when the name has no ASCII
/// letters or digits (a Chinese-only name); the caller then falls back.
pub fn slugify(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if slug.len() >= 60 {
                break;
            }
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn people_create_the_kind_of_organisation_they_work_for() {
        assert!(may_create(Role::Manufacturer, OrgKind::Manufacturer));
        assert!(!may_create(Role::Manufacturer, OrgKind::Platform));
        assert!(may_create(Role::AssociationAdmin, OrgKind::School));
        assert!(!may_create(Role::PlatformScout, OrgKind::Association));
        for kind in OrgKind::ALL {
            assert!(!may_create(Role::Graduate, kind));
            assert!(may_create(Role::SiteAdmin, kind));
        }
    }

    #[test]
    fn verification_is_for_site_admins_and_the_belts_associations() {
        assert!(may_verify(Role::SiteAdmin, false, false));
        assert!(may_verify(Role::AssociationAdmin, true, false));
        assert!(!may_verify(Role::AssociationAdmin, false, false), "not outside their belts");
        assert!(!may_verify(Role::AssociationAdmin, true, true), "not their own association");
        assert!(!may_verify(Role::Manufacturer, true, false));
    }

    #[test]
    fn only_members_and_site_admins_edit() {
        assert!(may_edit(Role::Manufacturer, Some(MemberRole::Member)));
        assert!(!may_edit(Role::Manufacturer, None));
        assert!(may_edit(Role::SiteAdmin, None));
    }

    #[test]
    fn slugs_read_like_the_name() {
        assert_eq!(slugify("Qingdao Kailaishi Cosmetics Co., Ltd."), "qingdao-kailaishi-cosmetics-co-ltd");
        assert_eq!(slugify("  平度 Lashes 2024 "), "lashes-2024");
        assert_eq!(slugify("平度假睫毛"), "");
    }

    proptest! {
        #[test]
        fn slugs_are_url_safe(name in ".{0,200}") {
            let slug = slugify(&name);
            prop_assert!(slug.len() <= 60);
            prop_assert!(slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
            prop_assert!(!slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"));
        }
    }
}
