//! Times as people read them: in the viewer's own time zone, China time by
//! default (most of Beltlink's users are there), always marked with the
//! offset so a reader knows which clock a time is on.
//!
//! The browser reports its zone once (the `beltlink_tz` cookie, set after
//! hydration); from the next page on, the server renders times in it and
//! writes it on `<html data-tz>`, so the browser renders the same.

use chrono::{DateTime, FixedOffset, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub const ZONE_COOKIE: &str = "beltlink_tz";
pub const CHINA_ZONE: &str = "Asia/Shanghai";

/// China Standard Time (UTC+8, no daylight saving).
pub fn china() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset")
}

/// A value for the address a form lands on, new each time: a second action
/// of the same kind then lands on a new address and the page loads afresh
/// (the router does not reload an address it is already at).
#[cfg(feature = "ssr")]
pub fn landing_stamp() -> i64 {
    Utc::now().timestamp_millis()
}

/// The calendar year in China at `now`.
pub fn year_in_china(now: chrono::DateTime<chrono::Utc>) -> i32 {
    chrono::Datelike::year(&now.with_timezone(&china()))
}

/// The viewer's time zone, an IANA name such as `Europe/Berlin`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ViewerZone(String);

impl Default for ViewerZone {
    fn default() -> Self {
        ViewerZone(CHINA_ZONE.to_string())
    }
}

impl ViewerZone {
    /// A zone both sides know; anything else is China time. The name is
    /// checked against the time zone database, so it is safe in markup.
    pub fn known(name: &str) -> ViewerZone {
        // Any instant tells whether the zone is known; not `Utc::now()`, which has no clock in wasm.
        if offset_in(name, DateTime::UNIX_EPOCH).is_some() {
            ViewerZone(name.to_string())
        } else {
            ViewerZone::default()
        }
    }

    pub fn name(&self) -> &str {
        &self.0
    }

    /// The zone named by the request's cookie, or China time.
    pub fn from_cookies(cookie_header: Option<&str>) -> ViewerZone {
        let named = cookie_header.and_then(|cookies| {
            cookies.split(';').find_map(|pair| {
                let (name, value) = pair.split_once('=')?;
                (name.trim() == ZONE_COOKIE).then(|| value.trim().to_string())
            })
        });
        named.map(|name| ViewerZone::known(&name)).unwrap_or_default()
    }

    fn offset_at(&self, at: DateTime<Utc>) -> FixedOffset {
        offset_in(&self.0, at).unwrap_or_else(china)
    }
}

/// An instant that pages show in the viewer's zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Moment(pub DateTime<Utc>);

impl Moment {
    /// `2026-11-26 01:30 UTC+8`.
    pub fn date_time_in(self, zone: &ViewerZone) -> String {
        date_time_at(self.0, zone.offset_at(self.0))
    }

    /// `2026-11-26`, the day in the viewer's zone.
    pub fn date_in(self, zone: &ViewerZone) -> String {
        self.0.with_timezone(&zone.offset_at(self.0)).format("%Y-%m-%d").to_string()
    }
}

impl From<DateTime<Utc>> for Moment {
    fn from(at: DateTime<Utc>) -> Self {
        Moment(at)
    }
}

fn date_time_at(at: DateTime<Utc>, offset: FixedOffset) -> String {
    format!("{} {}", at.with_timezone(&offset).format("%Y-%m-%d %H:%M"), offset_label(offset))
}

/// `UTC+8`, `UTC+5:30`, `UTC-3`, `UTC`.
pub fn offset_label(offset: FixedOffset) -> String {
    let seconds = offset.local_minus_utc();
    if seconds == 0 {
        return "UTC".to_string();
    }
    let sign = if seconds < 0 { '-' } else { '+' };
    let (hours, minutes) = (seconds.abs() / 3600, seconds.abs() % 3600 / 60);
    if minutes == 0 {
        format!("UTC{sign}{hours}")
    } else {
        format!("UTC{sign}{hours}:{minutes:02}")
    }
}

/// The zone's offset from UTC at `at`; `None` for an unknown zone.
#[cfg(feature = "ssr")]
pub fn offset_in(zone: &str, at: DateTime<Utc>) -> Option<FixedOffset> {
    use chrono::Offset;
    let zone: chrono_tz::Tz = zone.parse().ok()?;
    Some(at.with_timezone(&zone).offset().fix())
}

/// The browser's own time zone database answers, through `Intl`: the wall
/// clock in `zone` at `at`, less `at` itself, is the offset.
#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
pub fn offset_in(zone: &str, at: DateTime<Utc>) -> Option<FixedOffset> {
    use js_sys::{Array, Date, Object, Reflect};
    use wasm_bindgen::{JsCast, JsValue};
    let options = Object::new();
    for (key, value) in [
        ("timeZone", zone),
        ("hourCycle", "h23"),
        ("year", "numeric"),
        ("month", "numeric"),
        ("day", "numeric"),
        ("hour", "numeric"),
        ("minute", "numeric"),
        ("second", "numeric"),
    ] {
        Reflect::set(&options, &key.into(), &value.into()).ok()?;
    }
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let constructor: js_sys::Function = Reflect::get(&intl, &"DateTimeFormat".into()).ok()?.dyn_into().ok()?;
    // An unknown zone throws a RangeError, which `construct` hands back.
    let format: js_sys::Intl::DateTimeFormat =
        Reflect::construct(&constructor, &Array::of2(&"en-US".into(), &options)).ok()?.dyn_into().ok()?;
    let whole_seconds = at.timestamp();
    let parts = format.format_to_parts(&Date::new(&JsValue::from_f64(whole_seconds as f64 * 1000.0)));
    let part = |name: &str| {
        parts.iter().find_map(|p| {
            let kind = Reflect::get(&p, &"type".into()).ok()?.as_string()?;
            (kind == name).then(|| Reflect::get(&p, &"value".into()).ok()?.as_string()?.parse::<u32>().ok())?
        })
    };
    let wall = chrono::NaiveDate::from_ymd_opt(part("year")? as i32, part("month")?, part("day")?)?.and_hms_opt(
        part("hour")? % 24,
        part("minute")?,
        part("second")?,
    )?;
    let seconds = wall.and_utc().timestamp() - whole_seconds;
    FixedOffset::east_opt(i32::try_from(seconds).ok()?)
}

#[cfg(not(any(feature = "ssr", feature = "hydrate")))]
pub fn offset_in(zone: &str, _at: DateTime<Utc>) -> Option<FixedOffset> {
    (zone == CHINA_ZONE).then(china)
}

/// The zone this request's pages are shown in (server side).
#[cfg(feature = "ssr")]
pub fn request_zone() -> ViewerZone {
    let parts = use_context::<http::request::Parts>();
    let cookies = parts.as_ref().and_then(|p| p.headers.get(http::header::COOKIE)).and_then(|v| v.to_str().ok());
    ViewerZone::from_cookies(cookies)
}

/// A time on a page: `<time datetime="…">2026-11-26 01:30 UTC+8</time>`.
#[component]
pub fn When(at: Moment, #[prop(optional)] date_only: bool) -> impl IntoView {
    let zone = use_context::<ViewerZone>().unwrap_or_default();
    let text = if date_only { at.date_in(&zone) } else { at.date_time_in(&zone) };
    view! { <time datetime=at.0.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)>{text}</time> }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn shows_china_time_by_default() {
        let late_evening_utc = Moment(utc("2026-11-25T17:30:00Z"));
        let zone = ViewerZone::default();
        assert_eq!(late_evening_utc.date_time_in(&zone), "2026-11-26 01:30 UTC+8");
        assert_eq!(late_evening_utc.date_in(&zone), "2026-11-26");
    }

    #[test]
    fn shows_the_viewers_zone_with_its_daylight_saving() {
        let berlin = ViewerZone::known("Europe/Berlin");
        assert_eq!(Moment(utc("2026-11-25T17:30:00Z")).date_time_in(&berlin), "2026-11-25 18:30 UTC+1");
        assert_eq!(Moment(utc("2026-07-01T17:30:00Z")).date_time_in(&berlin), "2026-07-01 19:30 UTC+2");
        let kolkata = ViewerZone::known("Asia/Kolkata");
        assert_eq!(Moment(utc("2026-11-25T20:00:00Z")).date_time_in(&kolkata), "2026-11-26 01:30 UTC+5:30");
        let sao_paulo = ViewerZone::known("America/Sao_Paulo");
        assert_eq!(Moment(utc("2026-11-25T02:00:00Z")).date_in(&sao_paulo), "2026-11-24");
        assert_eq!(Moment(utc("2026-11-25T02:00:00Z")).date_time_in(&ViewerZone::known("UTC")), "2026-11-25 02:00 UTC");
    }

    #[test]
    fn an_unknown_or_hostile_cookie_means_china_time() {
        for cookie in ["beltlink_tz=Mars/Olympus", "beltlink_tz=\"><script>", "beltlink_tz=", "other=Europe/Berlin"] {
            assert_eq!(ViewerZone::from_cookies(Some(cookie)), ViewerZone::default(), "{cookie}");
        }
        let named = ViewerZone::from_cookies(Some("beltlink_lang=en; beltlink_tz=Europe/Berlin"));
        assert_eq!(named.name(), "Europe/Berlin");
    }

    proptest! {
        #[test]
        fn a_zone_name_is_only_ever_a_known_zone(name in ".{0,40}") {
            let zone = ViewerZone::known(&name);
            prop_assert!(zone.name() == CHINA_ZONE || zone.name() == name);
            prop_assert!(!zone.name().contains(['<', '>', '"', '&', '\'']));
        }

        #[test]
        fn the_label_names_the_offset_the_time_is_on(seconds in 0i64..4_000_000_000, zone in prop::sample::select(vec!["Asia/Shanghai", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "UTC"])) {
            let at = DateTime::from_timestamp(seconds, 0).unwrap();
            let zone = ViewerZone::known(zone);
            let shown = Moment(at).date_time_in(&zone);
            let offset = zone.offset_at(at);
            prop_assert!(shown.ends_with(&offset_label(offset)));
            let wall = chrono::NaiveDateTime::parse_from_str(&shown[..16], "%Y-%m-%d %H:%M").unwrap();
            // The wall clock shown, to the minute, is the instant moved by the labelled offset.
            prop_assert_eq!((wall - at.naive_utc()).num_seconds(), i64::from(offset.local_minus_utc()) - at.timestamp() % 60);
        }
    }
}
