//! Closed lists of choices (units, certifications, platforms, …): each stored
//! as a short code, shown with a Chinese and an English label.

/// Declares an enum whose variants carry `(code, 中文, English)`, with `ALL`,
/// `code()`, `from_code()` and `label(lang)`.
#[macro_export]
macro_rules! coded_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($variant:ident = ($code:literal, $zh:literal, $en:literal)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn from_code(code: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|v| v.code() == code)
            }

            pub fn label(self, lang: $crate::i18n::Lang) -> &'static str {
                match self { $($name::$variant => lang.pick($zh, $en)),+ }
            }
        }
    };
}

/// Codes joined for storage in one text column.
pub fn join_codes<'a>(codes: impl IntoIterator<Item = &'a str>) -> String {
    codes.into_iter().collect::<Vec<_>>().join(",")
}

/// The codes of a stored list that are still known; unknown ones (from an
/// older version of a list) are dropped rather than failing the page.
pub fn split_codes<T>(stored: &str, from_code: impl Fn(&str) -> Option<T>) -> Vec<T> {
    stored.split(',').filter(|c| !c.is_empty()).filter_map(from_code).collect()
}

#[cfg(test)]
mod tests {
    coded_enum! {
        pub enum Fruit { Apple = ("apple", "苹果", "Apple"), Pear = ("pear", "梨", "Pear") }
    }

    #[test]
    fn codes_round_trip_and_unknown_codes_are_dropped() {
        for f in Fruit::ALL {
            assert_eq!(Fruit::from_code(f.code()), Some(*f));
        }
        let stored = super::join_codes(Fruit::ALL.iter().map(|f| f.code()));
        assert_eq!(stored, "apple,pear");
        assert_eq!(super::split_codes("pear,plum,,apple", Fruit::from_code), vec![Fruit::Pear, Fruit::Apple]);
        assert_eq!(Fruit::Pear.label(crate::i18n::Lang::Zh), "梨");
    }
}
