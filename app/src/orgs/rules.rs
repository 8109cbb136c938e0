//! How organisations' addresses are made. (Who may do what: `orgs::policy`.)

/// A URL slug from a name: lower-case ASCII letters and digits joined by
/// single hyphens, at most 60 characters. Empty when the name has no ASCII
/// letters or digits (a Chinese-only name); the caller then falls back.
pub fn slugify(name: &str) -> String {
    const MAX: usize = 60;
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.len() <= MAX {
        return slug.to_string();
    }
    // Too long: end at the last whole word that fits (a word longer than all of it is cut).
    let cut = &slug[..=MAX];
    match cut.rfind('-') {
        Some(end) if end > 0 => cut[..end].to_string(),
        _ => slug[..MAX].to_string(),
    }
}

/// The address an organisation's name makes before any suffix: from the
/// English name, else from the Chinese name in pinyin, else its kind.
#[cfg(feature = "ssr")]
pub fn slug_base(name: &crate::i18n::Bilingual, kind: crate::orgs::types::OrgKind) -> String {
    let mut base = slugify(&name.en);
    if base.is_empty() {
        base = slugify(&crate::chinese::transliterate(&name.zh));
    }
    if base.is_empty() {
        base = kind.code().replace('_', "-");
    }
    base
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
        let long = "Pingdushi Zhou Lan Jiajiemao Gongyipin Youxiangongsi Chaozhang Mingcheng";
        assert_eq!(slugify(long), "pingdushi-zhou-lan-jiajiemao-gongyipin-youxiangongsi", "whole words only");
        assert_eq!(slugify(&"a".repeat(80)).len(), 60);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn chinese_only_names_get_pinyin_addresses() {
        use crate::i18n::Bilingual;
        use crate::orgs::types::OrgKind;
        assert_eq!(slug_base(&Bilingual::new("平度佳美假睫毛", ""), OrgKind::Manufacturer), "pingdu-jiamei-jiajiemao");
        assert_eq!(slug_base(&Bilingual::new("平度佳美假睫毛", "Jiamei Lashes"), OrgKind::Manufacturer), "jiamei-lashes");
        assert_eq!(slug_base(&Bilingual::new("“”", ""), OrgKind::ServiceProvider), "service-provider");
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
