//! What makes a password acceptable: long enough, not too long to hash, and
//! not one that guessers try first (`common_passwords.txt`, shipped with
//! the project). Pure, so the rule is tested on its own.

use crate::forms::Problem;

pub const PASSWORD_MIN: usize = 12;
pub const PASSWORD_MAX: usize = 128;

const COMMON: &str = include_str!("common_passwords.txt");

fn common_words() -> impl Iterator<Item = &'static str> {
    COMMON.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Whether `password` is a common word dressed up (`Password2024!`), one
/// character or a short run repeated (`aaaaaaaaaaaa`, `abcabcabcabc`), a run
/// of the keyboard or the digits (`123456789012`), or the account's own email.
pub fn is_common(password: &str, email: &str) -> bool {
    let lower = password.to_lowercase();
    let core = lower.trim_matches(|c: char| !c.is_alphabetic());
    if common_words().any(|w| core == w || lower == w) {
        return true;
    }
    // A short unit repeated: "aaaa…", "abab…", "123123…", "passwordpassword".
    let chars: Vec<char> = lower.chars().collect();
    let repeated = (1..=chars.len() / 2).any(|unit| chars.len().is_multiple_of(unit) && chars.chunks(unit).all(|c| c == &chars[..unit]));
    if repeated {
        return true;
    }
    // Runs along a keyboard row or the alphabet or the digits, either way.
    const RUNS: [&str; 5] =
        ["1234567890", "qwertyuiopasdfghjklzxcvbnm", "abcdefghijklmnopqrstuvwxyz", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p", "0123456789"];
    let is_run = |s: &str| {
        s.chars().count() >= 6
            && RUNS.iter().any(|run| {
                let doubled = run.repeat(3);
                let backwards: String = doubled.chars().rev().collect();
                doubled.contains(s) || backwards.contains(s)
            })
    };
    if is_run(&lower) {
        return true;
    }
    let local = email.split('@').next().unwrap_or("").to_lowercase();
    local.chars().count() >= 4 && (core == local || lower == email.to_lowercase())
}

/// The problem with a new password, if any.
pub fn password_problem(password: &str, email: &str) -> Option<Problem> {
    let length = password.chars().count();
    if length < PASSWORD_MIN {
        Some(Problem::TooShort { min: PASSWORD_MIN })
    } else if length > PASSWORD_MAX {
        Some(Problem::TooLong { max: PASSWORD_MAX })
    } else if is_common(password, email) {
        Some(Problem::CommonPassword)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_passwords_are_refused_however_dressed() {
        for common in [
            "Password2024!",
            "password1234",
            "!!Qwerty123456",
            "iloveyou12345",
            "123456789012",
            "aaaaaaaaaaaa",
            "abcabcabcabc",
            "passwordpassword",
            "qwertyuiopas",
            "0987654321098",
            "zyxwvutsrqpon",
            "liwei.pingdu@example.com",
            "LiWei.Pingdu2024",
        ] {
            assert!(is_common(common, "liwei.pingdu@example.com"), "{common:?} should count as common");
        }
        for fine in ["lashes-from-pingdu", "correct horse battery", "平度的假睫毛出口全世界", "Miluo carbon rods 7"] {
            assert!(!is_common(fine, "liwei.pingdu@example.com"), "{fine:?} is fine");
        }
    }

    #[test]
    fn length_is_checked_first() {
        assert_eq!(password_problem("short", "a@b.c"), Some(Problem::TooShort { min: 12 }));
        assert_eq!(password_problem(&"x".repeat(129), "a@b.c"), Some(Problem::TooLong { max: 128 }));
        assert_eq!(password_problem("aaaaaaaaaaaa", "a@b.c"), Some(Problem::CommonPassword));
        assert_eq!(password_problem("lashes-from-pingdu", "a@b.c"), None);
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_long_passwords_are_refused(p in "\\PC{0,200}") {
            let problem = password_problem(&p, "li@example.com");
            if p.chars().count() > PASSWORD_MAX {
                proptest::prop_assert_eq!(problem, Some(Problem::TooLong { max: PASSWORD_MAX }));
            }
        }
    }
}
