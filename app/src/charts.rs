//! Charts drawn on the server as SVG with plotters, for the belt dashboards
//! and the event reports: readable without JavaScript and printable. Text
//! goes into the SVG as text (escaped by plotters' SVG backend) and the
//! browser lays it out, so no font is loaded here; plotters' built-in
//! estimate only sizes the margins. Each chart sits beside a table with the
//! same numbers.

use serde::{Deserialize, Serialize};

use crate::i18n::Bilingual;

/// One bar: what is counted and how many.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub label: Bilingual,
    pub count: u64,
}

/// One stacked bar: what is counted, and how many of each series.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stack {
    pub label: Bilingual,
    pub counts: Vec<u64>,
}

#[cfg(feature = "ssr")]
pub use drawing::{bars, stacked_bars, SERIES};

#[cfg(feature = "ssr")]
mod drawing {
    use plotters::coord::ranged1d::{IntoSegmentedCoord, SegmentValue};
    use plotters::prelude::*;
    use plotters::style::text_anchor::{HPos, Pos, VPos};

    use super::{Stack, Tally};
    use crate::i18n::{Bilingual, Lang};

    const WIDTH: u32 = 520;
    const ROW: u32 = 32;
    const LEGEND: u32 = 30;
    const BRAND: RGBColor = RGBColor(0x0f, 0x5c, 0x73);
    const INK: RGBColor = RGBColor(0x1d, 0x2a, 0x33);
    const LINE: RGBColor = RGBColor(0xd9, 0xe1, 0xe6);
    /// The colours of a stacked chart's series, in order: told apart by
    /// lightness as well as hue, so they survive printing in grey.
    pub const SERIES: [RGBColor; 4] =
        [RGBColor(0xb8, 0xc4, 0xcc), RGBColor(0x7f, 0xb3, 0xc2), RGBColor(0xe0, 0x9f, 0x3e), RGBColor(0x0f, 0x5c, 0x73)];
    /// Longest label drawn whole; the table beside the chart has every label whole.
    pub(super) const LABEL_CHARS: usize = 28;

    /// Text size as plotters takes it (it writes `font-size` as this / 1.24: 14 px).
    const TEXT: f64 = 17.4;

    /// Roughly how wide `text` is at 14 px: a Chinese character about a full
    /// em, other characters a little over half.
    fn text_width(text: &str) -> u32 {
        text.chars().map(|c| if c.is_ascii() { 8 } else { 15 }).sum()
    }

    fn shortened(label: &str) -> String {
        if label.chars().count() <= LABEL_CHARS {
            return label.to_string();
        }
        let mut short: String = label.chars().take(LABEL_CHARS - 1).collect();
        short.push('…');
        short
    }

    /// A horizontal bar per tally, the first on top, each with its count at its end.
    ///
    /// # Errors
    /// When plotters cannot draw it (it never should with these inputs).
    pub fn bars(tallies: &[Tally], lang: Lang) -> Result<String, String> {
        let rows: Vec<(&Bilingual, Vec<(u64, RGBColor)>)> = tallies.iter().map(|t| (&t.label, vec![(t.count, BRAND)])).collect();
        draw(&rows, &[], lang)
    }

    /// A horizontal bar per stack, the first on top, its series laid end to
    /// end in `SERIES` colours with its total at its end, and a key naming
    /// `series` underneath.
    ///
    /// # Errors
    /// When plotters cannot draw it (it never should with these inputs).
    pub fn stacked_bars(stacks: &[Stack], series: &[Bilingual], lang: Lang) -> Result<String, String> {
        let colour = |i: usize| SERIES[i % SERIES.len()];
        let rows: Vec<(&Bilingual, Vec<(u64, RGBColor)>)> =
            stacks.iter().map(|s| (&s.label, s.counts.iter().enumerate().map(|(i, c)| (*c, colour(i))).collect())).collect();
        let key: Vec<(String, RGBColor)> = series.iter().enumerate().map(|(i, name)| (name.get(lang).to_string(), colour(i))).collect();
        draw(&rows, &key, lang)
    }

    /// Rows of bar segments (count and colour), and a key (empty: none).
    fn draw(rows: &[(&Bilingual, Vec<(u64, RGBColor)>)], key: &[(String, RGBColor)], lang: Lang) -> Result<String, String> {
        if rows.is_empty() {
            return Ok(String::new());
        }
        let n = rows.len() as i32;
        let labels: Vec<String> = rows.iter().map(|(label, _)| shortened(label.get(lang))).collect();
        let totals: Vec<u64> = rows.iter().map(|(_, parts)| parts.iter().map(|(count, _)| count).sum()).collect();
        let label_area = labels.iter().map(|l| text_width(l)).max().unwrap_or(0).clamp(60, 240) + 12;
        let most = totals.iter().copied().max().unwrap_or(1).max(1);
        // Room past the longest bar for its count.
        let x_end = most + most / 6 + 1;
        // The key: a swatch and a name per series, left to right under the
        // bars, on as many lines as it takes.
        let key_start = 8;
        let mut places = Vec::new();
        let (mut x, mut line) = (key_start, 0u32);
        for (name, _) in key {
            let width = 16 + text_width(name) as i32;
            if x > key_start && x + width > WIDTH as i32 - 8 {
                (x, line) = (key_start, line + 1);
            }
            places.push((x, line));
            x += width + 18;
        }
        let key_height = if key.is_empty() { 0 } else { LEGEND * (line + 1) };
        let height = 36 + ROW * rows.len() as u32 + key_height;
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
            let (plot, key_area) = root.split_vertically(height - key_height);
            let mut chart = ChartBuilder::on(&plot)
                .margin(6)
                .margin_right(16)
                .x_label_area_size(24)
                .y_label_area_size(label_area)
                .build_cartesian_2d(0u64..x_end, (0..n).into_segmented())
                .map_err(|e| e.to_string())?;
            // The first row on top: row i sits at n-1-i.
            let row_of = |i: usize| n - 1 - i as i32;
            let label_of = |v: &SegmentValue<i32>| match v {
                SegmentValue::CenterOf(y) => labels.get((n - 1 - y) as usize).cloned().unwrap_or_default(),
                _ => String::new(),
            };
            let count_of = |x: &u64| crate::forms::grouped(*x as i64);
            chart
                .configure_mesh()
                .disable_y_mesh()
                .y_labels(rows.len())
                .y_label_formatter(&label_of)
                .x_labels(5)
                .x_label_formatter(&count_of)
                .light_line_style(LINE.mix(0.6))
                .bold_line_style(LINE)
                .axis_style(LINE)
                .label_style(("sans-serif", TEXT).into_font().color(&INK))
                .draw()
                .map_err(|e| e.to_string())?;
            let segments = rows.iter().enumerate().flat_map(|(i, (_, parts))| {
                let mut start = 0;
                parts.iter().filter(|(count, _)| *count > 0).map(move |&(count, colour)| {
                    let mut bar = Rectangle::new(
                        [(start, SegmentValue::Exact(row_of(i))), (start + count, SegmentValue::Exact(row_of(i) + 1))],
                        colour.filled(),
                    );
                    bar.set_margin(5, 5, 0, 0);
                    start += count;
                    bar
                })
            });
            chart.draw_series(segments).map_err(|e| e.to_string())?;
            let count_style = ("sans-serif", TEXT).into_font().color(&INK).pos(Pos::new(HPos::Left, VPos::Center));
            chart
                .draw_series(totals.iter().enumerate().map(|(i, total)| {
                    Text::new(
                        format!(" {}", crate::forms::grouped(*total as i64)),
                        (*total, SegmentValue::CenterOf(row_of(i))),
                        count_style.clone(),
                    )
                }))
                .map_err(|e| e.to_string())?;
            for ((name, colour), (x, line)) in key.iter().zip(places) {
                let y = (LEGEND / 2 + LEGEND * line) as i32;
                key_area.draw(&Rectangle::new([(x, y - 6), (x + 12, y + 6)], colour.filled())).map_err(|e| e.to_string())?;
                key_area.draw(&Text::new(name.clone(), (x + 16, y), count_style.clone())).map_err(|e| e.to_string())?;
            }
            root.present().map_err(|e| e.to_string())?;
        }
        Ok(svg)
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::drawing::LABEL_CHARS;
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn a_chart_holds_every_bar_and_its_labels_as_escaped_text() {
        let tallies = vec![
            Tally { label: Bilingual::new("假睫毛", "False eyelashes"), count: 1200 },
            Tally { label: Bilingual::new("<script>", "<b>&</b>"), count: 3 },
        ];
        let svg = bars(&tallies, Lang::En).unwrap();
        assert!(svg.starts_with("<svg") && svg.contains("viewBox"), "{svg}");
        assert_eq!(svg.matches("fill=\"#0F5C73\"").count(), 2, "one bar per tally: {svg}");
        assert!(svg.contains("False eyelashes") && svg.contains("1,200"));
        assert!(svg.contains("&lt;b&gt;&amp;&lt;/b&gt;") && !svg.contains("<b>"), "labels are text");
        assert!(bars(&tallies, Lang::Zh).unwrap().contains("假睫毛"));
        assert_eq!(bars(&[], Lang::En).unwrap(), "");
        let long = vec![Tally { label: Bilingual::new("很".repeat(40), "x".repeat(40)), count: 1 }];
        assert!(bars(&long, Lang::En).unwrap().contains(&format!("{}…", "x".repeat(LABEL_CHARS - 1))));
    }

    #[test]
    fn a_stacked_chart_draws_each_nonzero_part_its_total_and_a_key() {
        let stacks = vec![
            Stack { label: Bilingual::new("平度", "Pingdu"), counts: vec![1, 0, 2, 3] },
            Stack { label: Bilingual::new("即墨", "Jimo"), counts: vec![0, 0, 0, 1] },
        ];
        let series = [
            Bilingual::new("不合适", "No fit"),
            Bilingual::new("跟进", "Follow-up"),
            Bilingual::new("索样", "Sample"),
            Bilingual::new("<i>意向</i>", "<i>Order</i>"),
        ];
        let svg = stacked_bars(&stacks, &series, Lang::En).unwrap();
        let fill = |c: plotters::style::RGBColor| format!("fill=\"#{:02X}{:02X}{:02X}\"", c.0, c.1, c.2);
        // Pingdu's three non-zero parts and Jimo's one, each with one swatch in the key.
        assert_eq!(svg.matches(&fill(SERIES[0])).count(), 1 + 1);
        assert_eq!(svg.matches(&fill(SERIES[1])).count(), 1, "a zero part is not drawn; its key is");
        assert_eq!(svg.matches(&fill(SERIES[3])).count(), 2 + 1);
        assert!(svg.contains("\nPingdu\n") && svg.contains("\n 6\n") && svg.contains("\n 1\n"), "{svg}");
        let long_names: Vec<Bilingual> = (0..4).map(|i| Bilingual::new("很长", format!("A rather long series name {i}"))).collect();
        let wrapped = stacked_bars(&stacks, &long_names, Lang::En).unwrap();
        assert!(wrapped.contains("height=\"160\""), "two names a line, on two lines: {wrapped}");
        assert!(svg.contains("&lt;i&gt;Order&lt;/i&gt;") && !svg.contains("<i>"), "the key is text");
        assert!(stacked_bars(&stacks, &series, Lang::Zh).unwrap().contains("平度"));
        assert_eq!(stacked_bars(&[], &series, Lang::En).unwrap(), "");
    }
}
