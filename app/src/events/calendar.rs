//! A participant's meetings as an iCalendar file (RFC 5545), for download
//! and for calendar subscriptions. Server only (the `icalendar` crate
//! writes it, folding long lines and escaping text).

use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, EventLike, EventStatus};

/// One meeting (or the event itself) in a calendar.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// Stable across schedule changes, so a client moves the entry rather than adding one.
    pub uid: String,
    pub starts: DateTime<Utc>,
    pub ends: DateTime<Utc>,
    pub summary: String,
    pub description: String,
    pub location: String,
    pub url: String,
    /// Cancelled by the organisers on the day.
    pub cancelled: bool,
}

/// The calendar named `name`; every entry marked cancelled when the event is.
pub fn ics(name: &str, entries: &[Entry], cancelled: bool, stamp: DateTime<Utc>) -> String {
    let mut calendar = Calendar::new();
    calendar.name(name);
    // Subscribed clients look again within the hour: a schedule changes on the day.
    calendar.ttl(&chrono::Duration::hours(1));
    for entry in entries {
        let mut event = icalendar::Event::new();
        event
            .uid(&entry.uid)
            .timestamp(stamp)
            .starts(entry.starts)
            .ends(entry.ends)
            .summary(&entry.summary)
            .description(&entry.description)
            .location(&entry.location)
            .url(&entry.url)
            .status(if cancelled || entry.cancelled { EventStatus::Cancelled } else { EventStatus::Confirmed });
        calendar.push(event.done());
    }
    calendar.done().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_stays_inside_its_property() {
        let at = DateTime::UNIX_EPOCH;
        let entry = Entry {
            uid: "m-1@beltlink".into(),
            starts: at,
            ends: at + chrono::Duration::minutes(20),
            summary: "Meet X\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:forged".into(),
            description: "a; b, c \\ d".into(),
            location: "Hall 1".into(),
            url: "https://example.org/events/e".into(),
            cancelled: false,
        };
        let text = ics("Agenda", &[entry], false, at);
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(lines.iter().filter(|l| **l == "BEGIN:VEVENT").count(), 1);
        assert!(!lines.iter().any(|l| l.starts_with("SUMMARY:forged")));
        assert!(lines.contains(&"DESCRIPTION:a\\; b\\, c \\\\ d"));
        assert!(text.contains("DTSTART:19700101T000000Z"));
    }
}
