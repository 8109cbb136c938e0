//! How organisations' addresses are made. (Who may do what: `orgs::policy`.)

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

/// Whether `text` has the shape of a slug this site makes (so it is safe in
/// a path and a header before it is looked up).
pub fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 80
        && text.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !text.starts_with('-')
        && !text.ends_with('-')
        && !text.contains("--")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn slugs_read_like_the_name() {
        assert_eq!(slugify("Qingdao Kailaishi Cosmetics Co., Ltd."), "qingdao-kailaishi-cosmetics-co-ltd");
        assert_eq!(slugify("  平度 Lashes 2024 "), "lashes-2024");
        assert_eq!(slugify("平度假睫毛"), "");
    }

    #[test]
    fn slugs_are_recognised() {
        assert!(is_slug("pingdu-silk-lashes-2"));
        for not in ["", "Pingdu", "a b", "a\r\nb", "a/b", "-a", "a-", "a--b"] {
            assert!(!is_slug(not), "{not:?}");
        }
    }

    proptest! {
        #[test]
        fn slugs_are_url_safe(name in ".{0,200}") {
            let slug = slugify(&name);
            prop_assert!(slug.len() <= 60);
            prop_assert!(slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
            prop_assert!(!slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"));
            prop_assert!(slug.is_empty() || is_slug(&slug));
        }
    }
}
