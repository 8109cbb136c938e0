//! Times as people read them. Beltlink's users are mostly in China, so times
//! are shown in China time (UTC+8, no daylight saving), marked as such.

use chrono::{DateTime, FixedOffset, Utc};

/// China Standard Time.
pub fn china() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset")
}

/// `2026-11-25 18:03 UTC+8`.
pub fn date_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&china()).format("%Y-%m-%d %H:%M UTC+8").to_string()
}

/// `2026-11-25`, the day in China.
pub fn date(at: DateTime<Utc>) -> String {
    at.with_timezone(&china()).format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_china_time() {
        let late_evening_utc = DateTime::parse_from_rfc3339("2026-11-25T17:30:00Z").unwrap().with_timezone(&Utc);
        assert_eq!(date_time(late_evening_utc), "2026-11-26 01:30 UTC+8");
        assert_eq!(date(late_evening_utc), "2026-11-26");
    }
}
