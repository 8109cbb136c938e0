//! The event's day: how each meeting stands (from the clock, who arrived
//! and what the organisers cancelled), where a meeting may move, and the
//! badge's QR code. Pure, but for the QR code's SVG (server only).

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::coded_enum;
use crate::events::types::Place;

coded_enum! {
    /// A meeting on the day: held once its slot has begun with both firms
    /// checked in; a no-show once it has begun without one of them.
    pub enum MeetingState {
        Upcoming = ("upcoming", "未开始", "Upcoming"),
        Held = ("held", "进行中 / 已举行", "Under way or held"),
        NoShow = ("no_show", "缺席", "No-show"),
        Cancelled = ("cancelled", "已取消", "Cancelled"),
    }
}

coded_enum! {
    /// What one side of a meeting records after it.
    pub enum Outcome {
        NoFit = ("no_fit", "不合适", "No fit"),
        FollowUp = ("follow_up", "后续跟进", "Follow-up"),
        SampleRequested = ("sample_requested", "已索样", "Sample requested"),
        OrderIntent = ("order_intent", "有下单意向", "Order intent"),
    }
}

/// The longest note on an outcome.
pub const OUTCOME_NOTE_MAX: usize = 1000;

/// A side records an outcome once its meeting's slot has begun, unless the
/// meeting was cancelled, while the event is published or finished.
pub fn may_record_outcome(cancelled: bool, slot_started: bool, event_live_or_held: bool) -> bool {
    !cancelled && slot_started && event_live_or_held
}

/// How a meeting stands: cancelled whatever the time; before its slot,
/// upcoming; from its slot on, held if both firms checked in, else a no-show.
pub fn state(cancelled: bool, slot_started: bool, supplier_here: bool, buyer_here: bool) -> MeetingState {
    if cancelled {
        MeetingState::Cancelled
    } else if !slot_started {
        MeetingState::Upcoming
    } else if supplier_here && buyer_here {
        MeetingState::Held
    } else {
        MeetingState::NoShow
    }
}

/// What a meeting being moved must not clash with.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Busy {
    /// Places taken by other (not cancelled) meetings.
    pub taken: HashSet<Place>,
    /// Slots where either firm has another meeting, or cannot attend.
    pub firms_busy: HashSet<usize>,
}

/// The places a meeting may move to: a free table in a slot both firms
/// have free, not its own place, and (on the day) not a slot already begun.
pub fn free_places(slots: usize, tables: usize, busy: &Busy, current: Place, first_open_slot: usize) -> Vec<Place> {
    (first_open_slot..slots)
        .filter(|slot| !busy.firms_busy.contains(slot) || *slot == current.0)
        .flat_map(|slot| (0..tables).map(move |table| (slot, table)))
        .filter(|place| *place != current && !busy.taken.contains(place))
        .collect()
}

/// `slot-table` as a form sends a place.
pub fn parse_place(text: &str) -> Option<Place> {
    let (slot, table) = text.trim().split_once('-')?;
    Some((slot.parse().ok()?, table.parse().ok()?))
}

/// A QR code for `text` as an SVG image, black on white with a quiet zone.
#[cfg(feature = "ssr")]
pub fn qr_svg(text: &str) -> Option<String> {
    let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M).ok()?;
    let svg = code.render::<qrcode::render::svg::Color>().min_dimensions(180, 180).quiet_zone(true).build();
    // Inline in a page: without the XML declaration.
    Some(svg[svg.find("<svg")?..].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_meeting_stands_by_the_clock_and_who_came() {
        assert_eq!(state(true, true, true, true), MeetingState::Cancelled);
        assert_eq!(state(false, false, false, false), MeetingState::Upcoming);
        assert_eq!(state(false, true, true, true), MeetingState::Held);
        assert_eq!(state(false, true, true, false), MeetingState::NoShow);
        assert_eq!(state(false, true, false, true), MeetingState::NoShow);
    }

    #[test]
    fn an_outcome_is_recorded_for_a_meeting_that_began_and_was_not_cancelled() {
        for cancelled in [false, true] {
            for started in [false, true] {
                for live in [false, true] {
                    assert_eq!(may_record_outcome(cancelled, started, live), !cancelled && started && live);
                }
            }
        }
    }

    #[test]
    fn places_read_as_sent() {
        assert_eq!(parse_place("3-1"), Some((3, 1)));
        assert_eq!(parse_place(" 0-0 "), Some((0, 0)));
        assert_eq!(parse_place("3"), None);
        assert_eq!(parse_place("a-1"), None);
        assert_eq!(parse_place("-1-2"), None);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_badge_code_reads_back_as_the_check_in_address() {
        let address = "https://beltlink.example/events/pingdu-lash-day/check-in/42";
        let code = qrcode::QrCode::with_error_correction_level(address.as_bytes(), qrcode::EcLevel::M).unwrap();
        let width = code.width();
        let colors = code.to_colors();
        // Four modules of quiet zone, eight pixels a module, for an independent decoder.
        let (scale, quiet) = (8, 4);
        let side = (width + 2 * quiet) * scale;
        let mut image = rqrr::PreparedImage::prepare_from_greyscale(side, side, |x, y| {
            let (mx, my) = ((x / scale) as isize - quiet as isize, (y / scale) as isize - quiet as isize);
            let dark = mx >= 0
                && my >= 0
                && (mx as usize) < width
                && (my as usize) < width
                && colors[my as usize * width + mx as usize] == qrcode::Color::Dark;
            if dark {
                0
            } else {
                255
            }
        });
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1);
        assert_eq!(grids[0].decode().unwrap().1, address);
        let svg = qr_svg(address).unwrap();
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    }

    proptest! {
        #[test]
        fn a_meeting_only_moves_to_a_free_table_in_a_slot_both_firms_have_free(
            slots in 1usize..10,
            tables in 1usize..4,
            taken in proptest::collection::hash_set((0usize..10, 0usize..4), 0..20),
            firms_busy in proptest::collection::hash_set(0usize..10, 0..6),
            current in (0usize..10, 0usize..4),
            first_open in 0usize..10,
        ) {
            let busy = Busy { taken, firms_busy };
            for place in free_places(slots, tables, &busy, current, first_open) {
                prop_assert!(place.0 < slots && place.1 < tables && place.0 >= first_open);
                prop_assert!(place != current && !busy.taken.contains(&place));
                prop_assert!(!busy.firms_busy.contains(&place.0) || place.0 == current.0);
            }
        }
    }
}
