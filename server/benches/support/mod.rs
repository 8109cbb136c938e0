//! What the benchmarks share: the options of those that load a release
//! server's data, progress bars that also report where no terminal shows
//! them, and latency figures.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{bail, Context, Result};

use indicatif::{ProgressBar, ProgressStyle};

/// The options of a benchmark against a release server's data directory.
#[allow(dead_code)] // The scouting benchmark runs in process, with options of its own.
pub struct Options {
    pub data_dir: PathBuf,
    pub addr: String,
    pub count: usize,
    pub seed: u64,
    pub rounds: usize,
}

/// Reads `--data-dir DIR --addr HOST:PORT [--count N] [--seed S] [--rounds R]`
/// for the benchmark `name` (`cargo xtask bench {name}` passes them).
#[allow(dead_code)] // As above.
pub fn options(name: &str, seed: u64) -> Result<Options> {
    let mut options = Options { data_dir: PathBuf::new(), addr: String::new(), count: 100_000, seed, rounds: 30 };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().with_context(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--data-dir" => options.data_dir = PathBuf::from(value()?),
            "--addr" => options.addr = value()?,
            "--count" => options.count = value()?.parse().context("--count")?,
            "--seed" => options.seed = value()?.parse().context("--seed")?,
            "--rounds" => options.rounds = value()?.parse().context("--rounds")?,
            "--bench" => {} // added by `cargo bench`
            other => bail!("unknown argument {other}"),
        }
    }
    if options.data_dir.as_os_str().is_empty() || options.addr.is_empty() {
        bail!("usage: {name} --data-dir DIR --addr HOST:PORT [--count N] [--seed S] [--rounds R] (run by `cargo xtask bench {name}`)");
    }
    Ok(options)
}

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
