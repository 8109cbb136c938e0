//! What the benchmarks share: progress bars that also report where no
//! terminal shows them, and latency figures.

use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

pub fn bar(total: u64, what: &'static str) -> ProgressBar {
    let bar = ProgressBar::new(total);
    bar.set_style(
        ProgressStyle::with_template("{prefix:>12} [{bar:30}] {pos}/{len} {per_sec} eta {eta}")
            .expect("valid template")
            .progress_chars("=> "),
    );
    bar.set_prefix(what);
    bar
}

/// A plain line each time another tenth is done, where the bar is hidden
/// (not a terminal). Work done in batches may jump past a tenth's exact count.
pub fn tick(bar: &ProgressBar, done: u64, total: u64) {
    let before = bar.position();
    bar.set_position(done);
    if bar.is_hidden() && total > 0 && (done * 10 / total > before * 10 / total || (done == total && before < total)) {
        eprintln!("{}: {done}/{total}", bar.prefix());
    }
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// p50, p99 and max of `samples`, in milliseconds.
#[allow(dead_code)] // Not every benchmark reports all three.
pub fn percentiles(mut samples: Vec<Duration>) -> (f64, f64, f64) {
    samples.sort();
    let at = |q: usize| ms(samples[(samples.len() * q / 100).min(samples.len() - 1)]);
    (at(50), at(99), ms(*samples.last().expect("samples")))
}
