//! How organisations' addresses are made, and which new names look like
//! someone else's. (Who may do what: `orgs::policy`.)

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

/// The address a titled thing (an event, a notice) gets: its title as a
/// slug, English first, else the Chinese in pinyin, else `fallback`; the
/// row's `id` keeps it unique.
#[cfg(feature = "ssr")]
pub fn titled_slug(title: &crate::i18n::Bilingual, fallback: &str, id: i32) -> String {
    let mut base = slugify(&title.en);
    if base.is_empty() {
        base = slugify(&crate::chinese::transliterate(&title.zh));
    }
    if base.is_empty() {
        format!("{fallback}-{id}")
    } else {
        format!("{base}-{id}")
    }
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

/// The platforms people might pretend to be, with the words their names are made of.
pub const PLATFORM_NAMES: &[(&str, &[&str])] = &[
    ("Amazon", &["amazon", "亚马逊"]),
    ("TikTok Shop", &["tiktok", "抖音"]),
    ("SHEIN", &["shein", "希音"]),
    ("Alibaba.com", &["alibaba", "阿里巴巴", "aliexpress", "速卖通"]),
    ("Temu", &["temu", "拼多多"]),
    ("Beltlink", &["beltlink", "产业带出海对接平台"]),
];

/// Words that say nothing about who a firm is ("Co., Ltd.", 有限公司).
const FILLER: &[&str] = &[
    "co",
    "ltd",
    "limited",
    "company",
    "inc",
    "corp",
    "official",
    "store",
    "shop",
    "group",
    "llc",
    "有限责任公司",
    "有限公司",
    "股份",
    "公司",
    "官方",
    "旗舰店",
    "集团",
    "专营店",
    "店",
];

/// A name reduced to what tells it apart: lower case, letters and digits
/// only, filler words dropped.
pub fn name_key(name: &str) -> String {
    let lower = name.to_lowercase();
    let mut kept = String::new();
    for word in lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if FILLER.contains(&word) {
            continue;
        }
        let mut word = word.to_string();
        // Chinese runs words together: take the filler off the end.
        while let Some(stripped) = FILLER.iter().filter(|f| !f.is_ascii()).find_map(|f| word.strip_suffix(f)) {
            word = stripped.to_string();
        }
        kept.push_str(&word);
    }
    kept
}

/// Edits (insert, delete, replace one character) from `a` to `b`, or `None` past `limit`.
fn distance_within(a: &str, b: &str, limit: usize) -> Option<usize> {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut row = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            row[j + 1] = (previous[j] + usize::from(ca != cb)).min(previous[j + 1] + 1).min(row[j] + 1);
        }
        if row.iter().min().is_some_and(|m| *m > limit) {
            return None;
        }
        previous = row;
    }
    Some(previous[b.len()]).filter(|d| *d <= limit)
}

/// How far apart two name keys may be and still be taken for the same name:
/// nothing for short names, a slip of a key or two for longer ones.
fn allowed_slips(key: &str) -> usize {
    match key.chars().count() {
        0..=5 => 0,
        6..=11 => 1,
        _ => 2,
    }
}

/// What a new name looks like, if it looks like someone else's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resemblance {
    /// It uses a platform's name.
    Platform(&'static str),
    /// It is (nearly) the name of this existing organisation.
    Organisation { id: i32, name: String },
}

/// Whether `name` (either language) imitates a platform or one of
/// `existing` (id, Chinese name, English name): same or nearly the same.
pub fn resemblance<'a>(name: (&str, &str), existing: impl IntoIterator<Item = (i32, &'a str, &'a str)>) -> Option<Resemblance> {
    let keys: Vec<String> = [name.0, name.1].into_iter().map(name_key).filter(|k| !k.is_empty()).collect();
    for (platform, words) in PLATFORM_NAMES {
        if keys.iter().any(|k| words.iter().any(|w| k.contains(w))) {
            return Some(Resemblance::Platform(platform));
        }
    }
    for (id, zh, en) in existing {
        for other in [zh, en].into_iter().map(name_key).filter(|k| !k.is_empty()) {
            if keys.iter().any(|k| distance_within(k, &other, allowed_slips(&other)).is_some()) {
                let shown = if zh.is_empty() { en } else { zh };
                return Some(Resemblance::Organisation { id, name: shown.to_string() });
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn platform_names_are_caught_in_either_language() {
        assert_eq!(resemblance(("", "Amazon Official Store"), []), Some(Resemblance::Platform("Amazon")));
        assert_eq!(resemblance(("亚马逊平度采购中心", ""), []), Some(Resemblance::Platform("Amazon")));
        assert_eq!(resemblance(("", "TIKTOK-SHOP Lashes"), []), Some(Resemblance::Platform("TikTok Shop")));
        assert_eq!(resemblance(("平度假睫毛厂", "Pingdu Lash Works"), []), None);
    }

    #[test]
    fn near_copies_of_existing_names_are_caught_and_filler_ignored() {
        let existing = [(7, "青岛佳美假睫毛有限公司", "Qingdao Jiamei Lashes Co., Ltd.")];
        let near = |zh, en| resemblance((zh, en), existing.iter().copied());
        let seven = Some(Resemblance::Organisation { id: 7, name: "青岛佳美假睫毛有限公司".into() });
        assert_eq!(near("", "Qingdao Jiamei Lashes"), seven, "the same without Co., Ltd.");
        assert_eq!(near("", "Qingdao Jiamel Lashes Ltd"), seven, "one letter off");
        assert_eq!(near("青岛佳美假睫毛", ""), seven, "the same without 有限公司");
        assert_eq!(near("", "Qingdao Meili Wigs"), None);
        assert_eq!(near("", "Jiamei"), None, "a short part is not the name");
        assert_eq!(resemblance(("", "Lash"), [(1, "", "Lush")]), None, "short names must match exactly");
    }

    #[test]
    fn name_keys_drop_filler() {
        assert_eq!(name_key("Qingdao Jiamei Lashes Co., Ltd."), "qingdaojiameilashes");
        assert_eq!(name_key("平度佳美有限公司"), "平度佳美");
        assert_eq!(name_key("Co., Ltd."), "");
    }

    proptest! {
        #[test]
        fn a_name_resembles_itself_unless_it_is_all_filler(name in "[a-zA-Z 平度睫毛]{1,30}") {
            let found = resemblance(("", &name), [(1, "", name.as_str())]);
            prop_assert_eq!(found.is_some(), !name_key(&name).is_empty());
        }
    }

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
