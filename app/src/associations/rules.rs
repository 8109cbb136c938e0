//! What an association's forms accept: pure, unit- and property-tested.

use crate::forms::{FormErrors, Problem};
use crate::i18n::Bilingual;

pub const MESSAGE_MAX: usize = 1000;
pub const REASON_MAX: usize = 500;
pub const CITY_MAX: usize = 40;
/// Secretariat rows a form offers and accepts.
pub const MOST_SECRETARIATS: usize = 20;

/// A firm's note with its application: optional, bounded.
pub fn application_message(message: &str) -> Result<String, FormErrors> {
    let mut errors = FormErrors::new();
    errors.keep("message", message);
    let message = crate::forms::optional_text(&mut errors, "message", message, MESSAGE_MAX);
    if errors.is_empty() {
        Ok(message)
    } else {
        Err(errors)
    }
}

/// A decision: declining needs a reason the firm will read; approving may carry one.
pub fn decision_reason(approve: bool, reason: &str) -> Result<String, FormErrors> {
    let mut errors = FormErrors::new();
    errors.keep("reason", reason);
    let reason = if approve {
        crate::forms::optional_text(&mut errors, "reason", reason, REASON_MAX)
    } else {
        crate::forms::required_text(&mut errors, "reason", reason, REASON_MAX)
    };
    if errors.is_empty() {
        Ok(reason)
    } else {
        Err(errors)
    }
}

/// Secretariat cities, one a line, as `中文 / English`, `中文` or
/// `English`; blank lines are skipped, no city twice. The form's text comes
/// back with a refusal.
pub fn secretariats(text: &str) -> Result<Vec<Bilingual>, FormErrors> {
    let mut errors = FormErrors::new();
    errors.keep("secretariats", text);
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if lines.len() > MOST_SECRETARIATS {
        errors.add("secretariats", Problem::TooMany { max: MOST_SECRETARIATS });
    }
    let mut cities: Vec<Bilingual> = Vec::new();
    for line in lines.into_iter().take(MOST_SECRETARIATS) {
        let (zh, en) = match line.split_once(['/', '／']) {
            Some((zh, en)) => (zh.trim(), en.trim()),
            // One name: Chinese if it has any Han character, English otherwise.
            None if has_han(line) => (line, ""),
            None => ("", line),
        };
        if zh.chars().count() > CITY_MAX || en.chars().count() > CITY_MAX {
            errors.add("secretariats", Problem::TooLong { max: CITY_MAX });
            continue;
        }
        if zh.is_empty() && en.is_empty() {
            continue;
        }
        let same = |a: &str, b: &str| !a.is_empty() && a.to_lowercase() == b.to_lowercase();
        if cities.iter().any(|c| same(&c.zh, zh) || same(&c.en, en)) {
            errors.add("secretariats", Problem::Repeated);
            continue;
        }
        cities.push(Bilingual::new(zh.to_string(), en.to_string()));
    }
    if errors.is_empty() {
        Ok(cities)
    } else {
        Err(errors)
    }
}

fn has_han(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The text a form shows for saved secretariats (read back, the same cities).
pub fn secretariats_text(cities: &[Bilingual]) -> String {
    cities
        .iter()
        .map(|c| match (c.zh.is_empty(), c.en.is_empty()) {
            (false, false) => format!("{} / {}", c.zh, c.en),
            (false, true) if has_han(&c.zh) => c.zh.clone(),
            (false, true) => format!("{} /", c.zh),
            (true, _) if has_han(&c.en) || c.en.contains(['/', '／']) => format!("/ {}", c.en),
            (true, _) => c.en.clone(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A committee's chair and members from the form: each must be a member
/// firm of the association (`known`: member slug → id); the chair is not
/// listed twice.
pub fn committee_seats(
    chair: &str,
    members: &[String],
    known: &std::collections::HashMap<String, i32>,
) -> Result<(Option<i32>, Vec<i32>), FormErrors> {
    let mut errors = FormErrors::new();
    errors.keep("chair", chair);
    errors.keep("members", &members.join(","));
    let chair = match chair.trim() {
        "" => None,
        slug => match known.get(slug) {
            Some(&id) => Some(id),
            None => {
                errors.add("chair", Problem::NotAChoice);
                None
            }
        },
    };
    let mut seats = Vec::new();
    for slug in members {
        match known.get(slug.trim()) {
            Some(&id) if Some(id) != chair && !seats.contains(&id) => seats.push(id),
            Some(_) => {}
            None => errors.add("members", Problem::NotAChoice),
        }
    }
    if errors.is_empty() {
        Ok((chair, seats))
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn declining_needs_a_reason_and_approving_does_not() {
        assert!(decision_reason(false, "  ").is_err());
        assert_eq!(decision_reason(false, " Not in our region ").unwrap(), "Not in our region");
        assert_eq!(decision_reason(true, "").unwrap(), "");
        assert!(decision_reason(true, &"x".repeat(REASON_MAX + 1)).is_err());
    }

    #[test]
    fn secretariats_read_one_city_a_line_and_refuse_repeats() {
        let cities = secretariats("深圳 / Shenzhen\n\n  广州\nDongguan\n佛山／Foshan").unwrap();
        assert_eq!(
            cities,
            vec![
                Bilingual::new("深圳", "Shenzhen"),
                Bilingual::new("广州", String::new()),
                Bilingual::new(String::new(), "Dongguan"),
                Bilingual::new("佛山", "Foshan"),
            ]
        );
        assert_eq!(secretariats(&secretariats_text(&cities)).unwrap(), cities, "the form text reads back the same");
        let refused = secretariats("深圳 / Shenzhen\nshenzhen").unwrap_err();
        assert_eq!(refused.problem("secretariats"), Some(&Problem::Repeated));
        assert_eq!(refused.value("secretariats"), Some("深圳 / Shenzhen\nshenzhen"), "what was typed comes back");
        assert!(secretariats(&"城".repeat(CITY_MAX + 1)).is_err());
        assert!(secretariats(&(0..=MOST_SECRETARIATS).map(|i| format!("City {i}")).collect::<Vec<_>>().join("\n")).is_err());
    }

    #[test]
    fn committee_seats_are_member_firms_and_the_chair_once() {
        let known: std::collections::HashMap<String, i32> = [("a".to_string(), 1), ("b".to_string(), 2)].into();
        assert_eq!(committee_seats("a", &["a".into(), "b".into(), "b".into()], &known).unwrap(), (Some(1), vec![2]));
        assert_eq!(committee_seats("", &[], &known).unwrap(), (None, vec![]));
        assert_eq!(committee_seats("x", &[], &known).unwrap_err().problem("chair"), Some(&Problem::NotAChoice));
        assert_eq!(committee_seats("", &["y".into()], &known).unwrap_err().problem("members"), Some(&Problem::NotAChoice));
    }

    proptest! {
        #[test]
        fn accepted_secretariats_are_named_distinct_and_read_back(text in "(.{0,12}\n){0,8}") {
            if let Ok(cities) = secretariats(&text) {
                prop_assert_eq!(secretariats(&secretariats_text(&cities)).ok(), Some(cities.clone()));
                prop_assert!(cities.len() <= MOST_SECRETARIATS);
                for (i, c) in cities.iter().enumerate() {
                    prop_assert!(!c.zh.is_empty() || !c.en.is_empty());
                    for d in &cities[..i] {
                        prop_assert!(c.zh.is_empty() || c.zh.to_lowercase() != d.zh.to_lowercase());
                    }
                }
            }
        }
    }
}
