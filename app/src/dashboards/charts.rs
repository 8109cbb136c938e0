//! Charts drawn on the server as SVG with plotters: readable without
//! JavaScript and printable. Text goes into the SVG as text (escaped by
//! plotters' SVG backend) and the browser lays it out, so no font is loaded
//! here; plotters' built-in estimate only sizes the margins.

use plotters::coord::ranged1d::{IntoSegmentedCoord, SegmentValue};
use plotters::prelude::*;

use crate::dashboards::types::Tally;
use crate::i18n::Lang;

const WIDTH: u32 = 520;
const ROW: u32 = 32;
const BRAND: RGBColor = RGBColor(0x0f, 0x5c, 0x73);
const INK: RGBColor = RGBColor(0x1d, 0x2a, 0x33);
const LINE: RGBColor = RGBColor(0xd9, 0xe1, 0xe6);
/// Longest label drawn whole; the table beside the chart has every label whole.
const LABEL_CHARS: usize = 28;

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
    if tallies.is_empty() {
        return Ok(String::new());
    }
    let n = tallies.len() as i32;
    let labels: Vec<String> = tallies.iter().map(|t| shortened(t.label.get(lang))).collect();
    let label_area = labels.iter().map(|l| text_width(l)).max().unwrap_or(0).clamp(60, 240) + 12;
    let most = tallies.iter().map(|t| t.count).max().unwrap_or(1).max(1);
    // Room past the longest bar for its count.
    let x_end = most + most / 6 + 1;
    let height = 36 + ROW * tallies.len() as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        let mut chart = ChartBuilder::on(&root)
            .margin(6)
            .margin_right(16)
            .x_label_area_size(24)
            .y_label_area_size(label_area)
            .build_cartesian_2d(0u64..x_end, (0..n).into_segmented())
            .map_err(|e| e.to_string())?;
        // The first tally on top: row i sits at n-1-i.
        let row_of = |i: usize| n - 1 - i as i32;
        let label_of = |v: &SegmentValue<i32>| match v {
            SegmentValue::CenterOf(y) => labels.get((n - 1 - y) as usize).cloned().unwrap_or_default(),
            _ => String::new(),
        };
        let count_of = |x: &u64| crate::forms::grouped(*x as i64);
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(tallies.len())
            .y_label_formatter(&label_of)
            .x_labels(5)
            .x_label_formatter(&count_of)
            .light_line_style(LINE.mix(0.6))
            .bold_line_style(LINE)
            .axis_style(LINE)
            .label_style(("sans-serif", TEXT).into_font().color(&INK))
            .draw()
            .map_err(|e| e.to_string())?;
        chart
            .draw_series(tallies.iter().enumerate().map(|(i, t)| {
                let mut bar =
                    Rectangle::new([(0, SegmentValue::Exact(row_of(i))), (t.count, SegmentValue::Exact(row_of(i) + 1))], BRAND.filled());
                bar.set_margin(5, 5, 0, 0);
                bar
            }))
            .map_err(|e| e.to_string())?;
        let count_style = ("sans-serif", TEXT).into_font().color(&INK).pos(plotters::style::text_anchor::Pos::new(
            plotters::style::text_anchor::HPos::Left,
            plotters::style::text_anchor::VPos::Center,
        ));
        chart
            .draw_series(tallies.iter().enumerate().map(|(i, t)| {
                Text::new(
                    format!(" {}", crate::forms::grouped(t.count as i64)),
                    (t.count, SegmentValue::CenterOf(row_of(i))),
                    count_style.clone(),
                )
            }))
            .map_err(|e| e.to_string())?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Bilingual;

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
}
