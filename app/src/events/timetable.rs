//! An event day's meeting slots: from the day's start and end, the slot
//! length and the breaks, the slots' start and end times in order. Pure.

use chrono::NaiveTime;

/// One break in the day (lunch, a keynote): no meeting overlaps it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Break {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slot {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimetableProblem {
    /// The day ends before it starts.
    EndsBeforeStart,
    /// Slots must last between 5 and 120 minutes.
    SlotLength,
    /// A break ends before it starts, or lies outside the day.
    BadBreak,
    /// No slot fits.
    NoSlots,
    /// More slots than a schedule takes.
    TooManySlots,
}

impl Slot {
    /// `HH:MM–HH:MM`
    pub fn label(&self) -> String {
        format!("{}–{}", self.start.format("%H:%M"), self.end.format("%H:%M"))
    }
}

/// The instant a time of day on `day` is, in China (UTC+8, no daylight saving).
pub fn in_china(day: chrono::NaiveDate, time: NaiveTime) -> chrono::DateTime<chrono::Utc> {
    (day.and_time(time) - chrono::Duration::hours(8)).and_utc()
}

/// The slots of a day, back to back from `start`, skipping breaks: a slot
/// that would overlap a break starts when the break ends.
pub fn slots(start: NaiveTime, end: NaiveTime, minutes: u32, breaks: &[Break]) -> Result<Vec<Slot>, TimetableProblem> {
    if end <= start {
        return Err(TimetableProblem::EndsBeforeStart);
    }
    if !(5..=120).contains(&minutes) {
        return Err(TimetableProblem::SlotLength);
    }
    if breaks.iter().any(|b| b.end <= b.start || b.start < start || b.end > end) {
        return Err(TimetableProblem::BadBreak);
    }
    let length = chrono::Duration::minutes(i64::from(minutes));
    let mut breaks = breaks.to_vec();
    breaks.sort_by_key(|b| b.start);
    let mut out = Vec::new();
    let mut at = start;
    loop {
        // Past midnight the time wraps round: the day is over.
        let (finish, wrapped) = at.overflowing_add_signed(length);
        if wrapped != 0 || finish > end {
            break;
        }
        if let Some(b) = breaks.iter().find(|b| b.start < finish && at < b.end) {
            at = b.end;
            continue;
        }
        out.push(Slot { start: at, end: finish });
        at = finish;
        if out.len() > crate::events::schedule::MOST_SLOTS {
            return Err(TimetableProblem::TooManySlots);
        }
    }
    if out.is_empty() {
        return Err(TimetableProblem::NoSlots);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn nine_in_the_morning_in_china_is_one_in_the_morning_utc() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 5, 20).unwrap();
        assert_eq!(in_china(day, t(9, 0)).to_rfc3339(), "2026-05-20T01:00:00+00:00");
        assert_eq!(in_china(day, t(7, 30)).to_rfc3339(), "2026-05-19T23:30:00+00:00");
        assert_eq!(Slot { start: t(9, 0), end: t(9, 20) }.label(), "09:00–09:20");
    }

    #[test]
    fn a_morning_with_a_coffee_break() {
        let day = slots(t(9, 0), t(12, 0), 20, &[Break { start: t(10, 0), end: t(10, 30) }]).unwrap();
        let starts: Vec<_> = day.iter().map(|s| s.start).collect();
        assert_eq!(starts, vec![t(9, 0), t(9, 20), t(9, 40), t(10, 30), t(10, 50), t(11, 10), t(11, 30)]);
    }

    #[test]
    fn bad_days_are_named() {
        assert_eq!(slots(t(12, 0), t(9, 0), 20, &[]), Err(TimetableProblem::EndsBeforeStart));
        assert_eq!(slots(t(9, 0), t(12, 0), 2, &[]), Err(TimetableProblem::SlotLength));
        assert_eq!(slots(t(9, 0), t(9, 10), 20, &[]), Err(TimetableProblem::NoSlots));
        assert_eq!(slots(t(9, 0), t(12, 0), 20, &[Break { start: t(8, 0), end: t(9, 30) }]), Err(TimetableProblem::BadBreak));
        assert_eq!(slots(t(0, 0), t(23, 59), 5, &[]), Err(TimetableProblem::TooManySlots));
    }

    proptest! {
        #[test]
        fn slots_are_in_order_inside_the_day_and_clear_of_breaks(
            start in 6u32..12, hours in 1u32..10, minutes in 5u32..60, break_at in 0u32..600, break_len in 5u32..90,
        ) {
            let (day_start, day_end) = (t(start, 0), t(start + hours, 0).min(t(23, 0)));
            let b_start = day_start + chrono::Duration::minutes(i64::from(break_at % (hours * 60)));
            let b_end = (b_start + chrono::Duration::minutes(i64::from(break_len))).min(day_end);
            let breaks = if b_end > b_start { vec![Break { start: b_start, end: b_end }] } else { vec![] };
            if let Ok(day) = slots(day_start, day_end, minutes, &breaks) {
                for pair in day.windows(2) {
                    prop_assert!(pair[0].end <= pair[1].start);
                }
                for s in &day {
                    prop_assert!(s.start >= day_start && s.end <= day_end);
                    prop_assert_eq!((s.end - s.start).num_minutes(), i64::from(minutes));
                    for b in &breaks {
                        prop_assert!(s.end <= b.start || s.start >= b.end);
                    }
                }
            }
        }
    }
}
