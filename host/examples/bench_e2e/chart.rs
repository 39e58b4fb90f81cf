//! The latency-distribution chart of `BENCHMARKS.md`: cumulative share of
//! events against latency (log scale), one line per series, as SVG.

use std::path::Path;

use plotters::prelude::*;

/// Colours of the series, in order.
const COLOURS: [RGBColor; 4] = [
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(148, 103, 189),
];

/// Draws `series` (a label and latencies in ms each) to `file`.
pub fn cdf(file: &Path, title: &str, series: &[(String, Vec<f64>)]) -> anyhow::Result<()> {
    let positive = |v: &&f64| **v > 0.0;
    let low = series
        .iter()
        .flat_map(|(_, ms)| ms.iter().filter(positive))
        .copied()
        .fold(f64::INFINITY, f64::min);
    let high = series
        .iter()
        .flat_map(|(_, ms)| ms.iter())
        .copied()
        .fold(0.0, f64::max);
    anyhow::ensure!(low.is_finite() && high > low, "no latencies to draw");
    let root = SVGBackend::new(file, (800, 480)).into_drawing_area();
    root.fill(&WHITE)?;
    let mut chart = ChartBuilder::on(&root)
        .caption(title, ("sans-serif", 20))
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(50)
        .build_cartesian_2d((low * 0.9..high * 1.1).log_scale(), 0.0..100.0)?;
    chart
        .configure_mesh()
        .x_desc("latency (ms, log scale)")
        .y_desc("events at or below (%)")
        .draw()?;
    for (n, (label, ms)) in series.iter().enumerate() {
        let mut sorted: Vec<f64> = ms.iter().filter(positive).copied().collect();
        sorted.sort_by(f64::total_cmp);
        let count = sorted.len() as f64;
        let colour = COLOURS[n % COLOURS.len()];
        chart
            .draw_series(LineSeries::new(
                sorted
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (*v, (i + 1) as f64 / count * 100.0)),
                colour.stroke_width(2),
            ))?
            .label(label.as_str())
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 20, y)], colour.stroke_width(2)));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::LowerRight)
        .background_style(WHITE.mix(0.8))
        .border_style(BLACK)
        .draw()?;
    root.present()?;
    Ok(())
}
