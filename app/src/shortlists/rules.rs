//! The rules of shortlists, pure: names, notes, and how many.

use crate::forms::{optional_text, required_text, FormErrors, Problem};
use crate::shortlists::types::EntryStatus;

pub const NAME_MAX: usize = 80;
pub const NOTE_MAX: usize = 2_000;
/// Lists one person keeps.
pub const LISTS_MAX: u64 = 50;
/// Suppliers on one list.
pub const ENTRIES_MAX: u64 = 500;

/// A list's name, checked.
pub fn name(field: &str, value: &str) -> Result<String, FormErrors> {
    let mut errors = FormErrors::new();
    let name = required_text(&mut errors, field, value, NAME_MAX);
    if errors.is_empty() {
        Ok(name)
    } else {
        errors.keep(field, value);
        Err(errors)
    }
}

/// A note on an entry, checked.
pub fn note(value: &str) -> Result<String, FormErrors> {
    let mut errors = FormErrors::new();
    let note = optional_text(&mut errors, "note", value, NOTE_MAX);
    if errors.is_empty() {
        Ok(note)
    } else {
        errors.keep("note", value);
        Err(errors)
    }
}

/// An entry's stage (a code) and note, checked; what was sent is kept on refusal.
pub fn entry(status: &str, note_text: &str) -> Result<(EntryStatus, String), FormErrors> {
    let mut errors = note(note_text).err().unwrap_or_default();
    let status_code = EntryStatus::from_code(status.trim());
    if status_code.is_none() {
        errors.add("status", Problem::NotAChoice);
    }
    match status_code {
        Some(status_code) if errors.is_empty() => Ok((status_code, note_text.trim().to_string())),
        _ => {
            errors.keep("note", note_text);
            errors.keep("status", status);
            Err(errors)
        }
    }
}

/// Whether someone with `lists` lists may start another.
pub fn may_add_list(lists: u64) -> Result<(), Problem> {
    if lists >= LISTS_MAX {
        return Err(Problem::TooMany { max: LISTS_MAX as usize });
    }
    Ok(())
}

/// Whether a list of `entries` suppliers takes another.
pub fn may_add_entry(entries: u64) -> Result<(), Problem> {
    if entries >= ENTRIES_MAX {
        return Err(Problem::TooMany { max: ENTRIES_MAX as usize });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_are_required_and_short() {
        assert_eq!(name("name", "  Lash makers  "), Ok("Lash makers".into()));
        assert_eq!(name("name", " ").unwrap_err().problem("name"), Some(&Problem::Required));
        let long = "睫".repeat(NAME_MAX + 1);
        let errors = name("new_name", &long).unwrap_err();
        assert_eq!(errors.problem("new_name"), Some(&Problem::TooLong { max: NAME_MAX }));
        assert_eq!(errors.value("new_name"), Some(long.as_str()));
    }

    #[test]
    fn an_entry_needs_a_known_stage_and_a_note_that_fits() {
        assert_eq!(entry("sampling", " Friday "), Ok((EntryStatus::Sampling, "Friday".into())));
        let errors = entry("hired", &"x".repeat(NOTE_MAX + 1)).unwrap_err();
        assert_eq!(errors.problem("status"), Some(&Problem::NotAChoice));
        assert_eq!(errors.problem("note"), Some(&Problem::TooLong { max: NOTE_MAX }));
        assert_eq!(errors.value("status"), Some("hired"));
    }

    #[test]
    fn limits_stop_at_their_number() {
        assert_eq!(may_add_list(LISTS_MAX - 1), Ok(()));
        assert_eq!(may_add_list(LISTS_MAX), Err(Problem::TooMany { max: 50 }));
        assert_eq!(may_add_entry(ENTRIES_MAX), Err(Problem::TooMany { max: 500 }));
    }

    proptest! {
        /// A note is taken as written (trimmed) up to its limit, and refused past it.
        #[test]
        fn notes_up_to_the_limit_are_kept(text in ".{0,2100}") {
            match note(&text) {
                Ok(kept) => prop_assert_eq!(kept, text.trim()),
                Err(errors) => prop_assert!(text.trim().chars().count() > NOTE_MAX && errors.problem("note").is_some()),
            }
        }
    }
}
