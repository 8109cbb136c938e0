//! `cargo xtask bench schedule`: the meeting scheduler on generated events
//! up to 2,000 accepted requests × 16 slots × 60 tables, with and without
//! availability, including events built to be hard for first come first
//! served (popular buyers, tight availability). Prints, per event, the
//! upper bound, the meetings the scheduler and greedy reach, and run times.
//!
//! `cargo xtask bench schedule --instance FILE` schedules one instance given
//! as JSON and writes the schedule as JSON to standard output.

use std::time::{Duration, Instant};

use app::events::schedule::instance::Instance;
use app::events::schedule::{conflict, schedule, Effort, Pair, Problem};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

/// How one generated event's availability and popularity look.
#[derive(Clone, Copy)]
enum Shape {
    /// Everyone free all day; requests spread evenly.
    Even,
    /// A few buyers are asked by many (popularity falls off as 1/rank).
    Popular,
    /// Even requests; everyone misses a block of 2–6 slots, one in five half the day.
    Away,
    /// Popular buyers, and everyone misses 30–60% of the slots.
    PopularTight,
    /// Built against first come first served: every buyer is asked exactly
    /// as many times as there are slots, half by suppliers free all day whose
    /// requests arrive first, half by suppliers who can come to only 3 slots.
    LateNarrow,
}

impl Shape {
    fn name(self) -> &'static str {
        match self {
            Shape::Even => "even, all available",
            Shape::Popular => "popular buyers, all available",
            Shape::Away => "even, blocks away",
            Shape::PopularTight => "popular buyers, tight availability",
            Shape::LateNarrow => "full buyers, narrow suppliers last",
        }
    }
}

struct Size {
    requests: usize,
    suppliers: usize,
    buyers: usize,
    slots: usize,
    tables: usize,
}

const SIZES: [Size; 3] = [
    Size { requests: 200, suppliers: 40, buyers: 15, slots: 16, tables: 20 },
    Size { requests: 800, suppliers: 120, buyers: 40, slots: 16, tables: 40 },
    Size { requests: 2000, suppliers: 300, buyers: 100, slots: 16, tables: 60 },
];

fn generate(size: &Size, shape: Shape, seed: u64) -> Problem {
    if let Shape::LateNarrow = shape {
        return late_narrow(size, seed);
    }
    let mut rng = StdRng::seed_from_u64(seed);
    let people = size.suppliers + size.buyers;
    let popular = matches!(shape, Shape::Popular | Shape::PopularTight);
    // Buyer weights: 1/rank when popular, flat otherwise.
    let weights: Vec<f64> = (0..size.buyers).map(|rank| if popular { 1.0 / (rank as f64 + 1.0) } else { 1.0 }).collect();
    let total: f64 = weights.iter().sum();
    let mut seen = std::collections::HashSet::new();
    let mut requests = Vec::with_capacity(size.requests);
    while requests.len() < size.requests {
        let supplier = rng.random_range(0..size.suppliers);
        let mut pick = rng.random_range(0.0..total);
        let mut buyer = 0;
        while pick >= weights[buyer] && buyer + 1 < size.buyers {
            pick -= weights[buyer];
            buyer += 1;
        }
        if seen.insert((supplier, buyer)) {
            // One in ten is a priority meeting set by the organiser.
            let priority = if rng.random_range(0..10) == 0 { 2 } else { 1 };
            requests.push(Pair { a: supplier, b: size.suppliers + buyer, priority });
        }
    }
    // Requests arrive in random order; first come first served follows it.
    requests.shuffle(&mut rng);
    let unavailable = (0..people)
        .map(|_| match shape {
            Shape::LateNarrow => unreachable!("generated apart"),
            Shape::Even | Shape::Popular => 0,
            Shape::Away => {
                let span = if rng.random_range(0..5) == 0 { size.slots / 2 } else { rng.random_range(2..=6) };
                let start = rng.random_range(0..=size.slots - span);
                ((1u64 << span) - 1) << start
            }
            Shape::PopularTight => {
                let share = rng.random_range(0.3..0.6);
                (0..size.slots).filter(|_| rng.random_bool(share)).fold(0u64, |m, t| m | 1 << t)
            }
        })
        .collect();
    Problem { slots: size.slots, tables: size.tables, unavailable, requests }
}

/// `Shape::LateNarrow`: buyers asked exactly once per slot; each narrow
/// supplier asks one buyer and can come to a window of 3 slots; the flexible
/// suppliers' requests come first, so first come first served fills the
/// early slots with meetings that could have gone anywhere.
fn late_narrow(size: &Size, seed: u64) -> Problem {
    let mut rng = StdRng::seed_from_u64(seed);
    let buyers = size.requests / size.slots;
    let half = size.slots / 2;
    let flexible = size.suppliers;
    let narrow = buyers * (size.slots - half);
    let all = every_slot(size.slots);
    let mut unavailable = vec![0u64; flexible + narrow + buyers];
    let mut early = Vec::new();
    let mut late = Vec::new();
    let mut next_narrow = flexible;
    for buyer in 0..buyers {
        let b = flexible + narrow + buyer;
        let mut asked = std::collections::HashSet::new();
        while asked.len() < half {
            asked.insert(rng.random_range(0..flexible));
        }
        early.extend(asked.into_iter().map(|a| Pair { a, b, priority: 1 }));
        for _ in half..size.slots {
            let start = rng.random_range(0..=size.slots - 3);
            unavailable[next_narrow] = all & !(0b111u64 << start);
            late.push(Pair { a: next_narrow, b, priority: 1 });
            next_narrow += 1;
        }
    }
    early.shuffle(&mut rng);
    late.shuffle(&mut rng);
    early.extend(late);
    Problem { slots: size.slots, tables: size.tables, unavailable, requests: early }
}

fn every_slot(slots: usize) -> u64 {
    if slots == 64 {
        u64::MAX
    } else {
        (1u64 << slots) - 1
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

fn table() {
    println!("\n== Meeting scheduler: generated events (release build, one core, default effort) ==");
    println!(
        "{:<36} {:>9} {:>6} {:>6} {:>7} {:>10} {:>7} {:>8} {:>7} {:>9} {:>9}",
        "event", "requests", "slots", "tables", "bound", "scheduler", "%", "greedy", "%", "p50 ms", "max ms"
    );
    let shapes = [Shape::Even, Shape::Popular, Shape::Away, Shape::PopularTight, Shape::LateNarrow];
    let mut worst_share: f64 = 100.0;
    let mut worst_greedy: f64 = 100.0;
    let mut slowest = Duration::ZERO;
    for size in &SIZES {
        for shape in shapes {
            for seed in 1..=3u64 {
                let problem = generate(size, shape, seed * 7919 + size.requests as u64);
                let mut times = Vec::new();
                let mut plan = None;
                for _ in 0..5 {
                    let started = Instant::now();
                    let result = schedule(&problem, &[], Effort::default()).expect("generated events are valid");
                    times.push(started.elapsed());
                    plan = Some(result);
                }
                let plan = plan.expect("ran");
                if let Some(problem) = conflict(&problem, &plan.meetings) {
                    panic!("the scheduler broke a rule: {problem}");
                }
                times.sort();
                let held = plan.meetings.len();
                worst_share = worst_share.min(percent(held, plan.upper_bound));
                worst_greedy = worst_greedy.min(percent(plan.greedy, plan.upper_bound));
                slowest = slowest.max(times[times.len() - 1]);
                println!(
                    "{:<36} {:>9} {:>6} {:>6} {:>7} {:>10} {:>6.1}% {:>8} {:>6.1}% {:>9.1} {:>9.1}",
                    format!("{} #{seed}", shape.name()),
                    size.requests,
                    size.slots,
                    size.tables,
                    plan.upper_bound,
                    held,
                    percent(held, plan.upper_bound),
                    plan.greedy,
                    percent(plan.greedy, plan.upper_bound),
                    ms(times[times.len() / 2]),
                    ms(times[times.len() - 1]),
                );
            }
        }
    }
    println!(
        "worst share of the bound: scheduler {worst_share:.2}%, first come first served {worst_greedy:.2}%; slowest run: {:.0} ms",
        ms(slowest)
    );
    println!("(targets: ≥ 99% of the bound with availability, 100% without; ≤ 1 s for the largest)");
}

fn one_instance(path: &str) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let instance: Instance = serde_json::from_str(&text).map_err(|e| format!("{path} is not an instance: {e}"))?;
    let problem = instance.problem()?;
    let started = Instant::now();
    let plan = schedule(&problem, &[], Effort::default()).map_err(|e| e.to_string())?;
    eprintln!(
        "{} meetings of {} requests (upper bound {}, first come first served {}) in {:.1} ms",
        plan.meetings.len(),
        problem.requests.len(),
        plan.upper_bound,
        plan.greedy,
        ms(started.elapsed())
    );
    let solution = instance.solution(&plan);
    println!("{}", serde_json::to_string(&solution).map_err(|e| e.to_string())?);
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        [] => table(),
        ["--instance", path] => {
            if let Err(e) = one_instance(path) {
                eprintln!("{e}");
                std::process::exit(1);
            }
        }
        _ => {
            eprintln!("usage: schedule [--instance FILE]");
            std::process::exit(2);
        }
    }
}
