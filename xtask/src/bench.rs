//! `cargo xtask bench pages`: the release build under load from wrk, with
//! the server's memory, the wasm's sizes and time to first byte; `bench
//! sign-ins` and `bench publish` measure one story each; `bench search` runs
//! `server/benches/search.rs` against a release server. Figures are
//! printed, not asserted: these are benchmarks, not tests.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use anyhow::{bail, Context, Result};

use crate::server::{get, post, post_form, post_multipart, signed_in, Running};
use crate::{build_site, setup, timed, Workspace};

const CONNECTIONS: u32 = 20;
const SECONDS: u32 = 15;
/// A session cookie that signs nobody in: the page is rendered for it every time.
const RENDER_EVERY_TIME: &str = "Cookie: beltlink_session=bench-renders-every-time";

pub fn pages(ws: &Workspace) -> Result<()> {
    on_release_server(ws, |running| measure(ws, running))
}

/// Sets up, builds the release site, runs `measure` against a fresh server and stops it.
fn on_release_server(ws: &Workspace, measure: impl FnOnce(&Running) -> Result<()>) -> Result<()> {
    let meili = timed("setup", || {
        setup::rust_tools(ws)?;
        setup::debian_packages(&[("wrk", "wrk"), ("brotli", "brotli"), ("gzip", "gzip")])?;
        setup::meilisearch(ws)
    })?;
    timed("release build", || build_site(ws, true))?;
    let running = Running::start(ws, "release", &meili)?;
    let result = measure(&running);
    running.stop();
    result
}

/// `cargo xtask bench sign-ins`: pages under load while bursts of 50
/// simultaneous sign-ins hash their passwords (at most one hash per core).
pub fn sign_ins(ws: &Workspace) -> Result<()> {
    on_release_server(ws, measure_sign_ins)
}

const BURST: usize = 50;

fn measure_sign_ins(running: &Running) -> Result<()> {
    let addr = running.addr;
    let password = "bench-password-123";
    let sign_up = format!("email=bench%40example.com&display_name=Bench&role=manufacturer&password={password}&password_again={password}");
    let status = post_form(addr, "/api/sign_up", &sign_up)?;
    if status != 200 {
        bail!("sign-up for the benchmark failed with {status}");
    }
    let sign_in = format!("email=bench%40example.com&password={password}");
    let url = format!("{}/belts", running.base_url());
    // Let start-up work (the first index build) finish and the page cache fill.
    std::thread::sleep(Duration::from_secs(3));
    for _ in 0..200 {
        get(addr, "/belts")?;
    }

    // Pages alone, then pages while bursts of sign-ins run back to back.
    let quiet = wrk(&url, false, 10, None)?;
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let bursts = {
        let stop = stop.clone();
        let sign_in = sign_in.clone();
        std::thread::spawn(move || -> Result<(Vec<Duration>, usize)> {
            let mut latencies = Vec::new();
            let mut bursts = 0;
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                let handles: Vec<_> = (0..BURST)
                    .map(|_| {
                        let body = sign_in.clone();
                        std::thread::spawn(move || {
                            let started = std::time::Instant::now();
                            post_form(addr, "/api/sign_in", &body).map(|status| (status, started.elapsed()))
                        })
                    })
                    .collect();
                for handle in handles {
                    let (status, took) = handle.join().map_err(|_| anyhow::anyhow!("sign-in thread panicked"))??;
                    if status != 200 {
                        bail!("a sign-in answered {status}");
                    }
                    latencies.push(took);
                }
                bursts += 1;
            }
            Ok((latencies, bursts))
        })
    };
    let busy = wrk(&url, false, 10, None);
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    let (mut latencies, bursts) = bursts.join().map_err(|_| anyhow::anyhow!("burst thread panicked"))??;
    let busy = busy?;
    latencies.sort();

    println!(
        "\n== Sign-in bursts: {BURST} simultaneous sign-ins, back to back, while wrk loads /belts ({CONNECTIONS} connections, 10 s) =="
    );
    println!("{:<40} {:>10} {:>10} {:>10} {:>10}", "/belts", "req/s", "p50 ms", "p90 ms", "p99 ms");
    for (label, text) in [("without sign-ins", &quiet), ("during sign-in bursts", &busy)] {
        let (rps, p50, p90, p99) = wrk_figures(text);
        println!("{label:<40} {rps:>10} {p50:>10.2} {p90:>10.2} {p99:>10.2}");
    }
    let at = |q: usize| ms(latencies[(latencies.len() * q / 100).min(latencies.len() - 1)]);
    println!(
        "sign-ins: {} in {bursts} bursts; each took p50 {:.0} ms, p99 {:.0} ms (Argon2id 19 MiB, t=2, p=1; at most one hash per core)",
        latencies.len(),
        at(50),
        at(99)
    );
    Ok(())
}

/// `cargo xtask bench publish`: how long a published supply profile takes
/// to become searchable, through the real write path (server functions,
/// outbox, Meilisearch) and the real search endpoint.
pub fn publish(ws: &Workspace) -> Result<()> {
    on_release_server(ws, measure_publish)
}

const PUBLISHES: usize = 100;

fn measure_publish(running: &Running) -> Result<()> {
    let addr = running.addr;
    let cookie = signed_in(addr, "publisher@example.com", "bench-password-123")?;
    let cookie = Some(cookie.as_str());
    // Let start-up work (seeding, the first index build) settle first.
    std::thread::sleep(Duration::from_secs(3));

    let mut latencies = Vec::with_capacity(PUBLISHES);
    let mut polls = 0usize;
    for i in 0..PUBLISHES {
        let create = format!(
            "kind=manufacturer&name_zh=&name_en=Bench+Works+{i}&description_zh=&description_en=&province=shandong&city_zh=&city_en=&belts%5B%5D=pingdu-false-eyelashes"
        );
        let reply = post(addr, "/api/create_organisation", &create, cookie)?;
        let slug = reply
            .header("location")
            .and_then(|l| l.strip_prefix("/orgs/"))
            .with_context(|| format!("creating an organisation answered {}: {}", reply.status, reply.body))?
            .to_string();
        // A word no other document holds, so one search tells whether this profile is in.
        let token = format!("benchlash{i:03}q");
        let profile = format!(
            "slug={slug}&products_zh=&products_en={token}+strip+lashes&categories%5B%5D=false-eyelashes&moq_value=1000&moq_unit=pair\
             &capacity_value=&capacity_unit=&lead_time_days=&sample_policy=&price_band=&certifications_other=&export_markets=US\
             &floor_area_m2=&overseas_warehouse_where="
        );
        let reply = post(addr, "/api/save_supply_profile", &profile, cookie)?;
        if reply.status != 200 {
            bail!("saving a profile answered {}: {}", reply.status, reply.body);
        }
        let href = format!("/suppliers/{slug}");
        let started = std::time::Instant::now();
        let reply = post(addr, "/api/set_supply_profile_status", &format!("slug={slug}&action=publish"), cookie)?;
        if reply.status != 200 {
            bail!("publishing answered {}: {}", reply.status, reply.body);
        }
        loop {
            polls += 1;
            let found = post(addr, "/api/search", &format!("q={token}"), None)?;
            if found.body.contains(&href) {
                break;
            }
            if started.elapsed() > Duration::from_secs(30) {
                bail!("{href} was not searchable 30 s after publishing");
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        latencies.push(started.elapsed());
    }
    latencies.sort();
    let at = |q: usize| ms(latencies[(latencies.len() * q / 100).min(latencies.len() - 1)]);
    println!("\n== Publish → searchable: {PUBLISHES} profiles published one after another ==");
    println!("(from sending the publish request until /api/search returns the profile; polled every 5 ms, {polls} searches in all)");
    println!("{:>10} {:>10} {:>10} {:>10} {:>10}", "min ms", "p50 ms", "p90 ms", "p99 ms", "max ms");
    println!("{:>10.0} {:>10.0} {:>10.0} {:>10.0} {:>10.0}", ms(latencies[0]), at(50), at(90), at(99), ms(latencies[latencies.len() - 1]));
    Ok(())
}

/// `cargo xtask bench search`: builds the benchmark, starts a release server
/// with a fresh data directory, and lets `server/benches/search.rs` load it
/// with synthetic profiles and measure (see there).
pub fn search(ws: &Workspace, count: Option<usize>) -> Result<()> {
    let bench = |extra: &[&str]| {
        let mut command = ws.command("cargo");
        // Its own target directory: built with dev-dependencies and without
        // cargo-leptos's environment, it would otherwise rebuild the release
        // server's crates each time (and they its).
        command.args(["bench", "-p", "server", "--bench", "search"]).args(extra).env("CARGO_TARGET_DIR", ws.root.join("target/bench"));
        command
    };
    let meili = timed("setup", || {
        setup::rust_tools(ws)?;
        setup::meilisearch(ws)
    })?;
    timed("release build", || build_site(ws, true))?;
    timed("benchmark build", || crate::run_checked(&mut bench(&["--no-run"])))?;
    let running = Running::start(ws, "release", &meili)?;
    let addr = running.addr.to_string();
    let data_dir = running.data_dir.display().to_string();
    let count = count.map(|c| c.to_string());
    let mut args = vec!["--", "--data-dir", &data_dir, "--addr", &addr];
    if let Some(count) = &count {
        args.extend(["--count", count]);
    }
    let result = crate::run_checked(&mut bench(&args));
    if result.is_err() {
        eprintln!(
            "server log:\n{}",
            running.log().lines().rev().take(40).collect::<Vec<_>>().into_iter().rev().collect::<Vec<_>>().join("\n")
        );
    }
    running.stop();
    result
}

/// `cargo xtask bench dashboard`: starts a release server with a fresh data
/// directory; `server/benches/dashboard.rs` loads it with synthetic profiles,
/// times the biggest belt's dashboard read cold and names that belt; then
/// wrk asks for its page over 20 connections, as an anonymous visitor gets
/// it and rendered afresh.
pub fn dashboard(ws: &Workspace, count: Option<usize>) -> Result<()> {
    let bench = |extra: &[&str]| {
        let mut command = ws.command("cargo");
        command.args(["bench", "-p", "server", "--bench", "dashboard"]).args(extra).env("CARGO_TARGET_DIR", ws.root.join("target/bench"));
        command
    };
    let meili = timed("setup", || {
        setup::rust_tools(ws)?;
        setup::debian_packages(&[("wrk", "wrk")])?;
        setup::meilisearch(ws)
    })?;
    timed("release build", || build_site(ws, true))?;
    timed("benchmark build", || crate::run_checked(&mut bench(&["--no-run"])))?;
    let running = Running::start(ws, "release", &meili)?;
    let result = (|| {
        let addr = running.addr.to_string();
        let data_dir = running.data_dir.display().to_string();
        let count = count.map(|c| c.to_string());
        let mut args = vec!["--", "--data-dir", &data_dir, "--addr", &addr];
        if let Some(count) = &count {
            args.extend(["--count", count]);
        }
        crate::run_checked(&mut bench(&args))?;
        let slug = std::fs::read_to_string(running.data_dir.join("dashboard-belt.txt")).context("the benchmark names the belt")?;
        let address = format!("/belts/{}/dashboard", slug.trim());
        for page in [address.as_str(), "/belts/pingdu-false-eyelashes"] {
            for _ in 0..20 {
                get(running.addr, page)?;
            }
        }
        for (setup, pin) in [("wrk on both cores, 2 threads", false), ("wrk pinned to core 1, 1 thread", true)] {
            println!("\n== The biggest belt's dashboard: release build, {CONNECTIONS} connections, {SECONDS}s each, {setup} ==");
            println!("{:<64} {:>10} {:>10} {:>10} {:>10}", "address", "req/s", "p50 ms", "p90 ms", "p99 ms");
            for (kind, header) in [("anonymous", None), ("rendered", Some(RENDER_EVERY_TIME))] {
                let text = wrk(&format!("{}{address}", running.base_url()), pin, SECONDS, header)?;
                let (rps, p50, p90, p99) = wrk_figures(&text);
                println!("{:<64} {rps:>10} {p50:>10.2} {p90:>10.2} {p99:>10.2}", format!("{address} ({kind})"));
            }
        }
        println!("(target: p99 ≤ 50 ms at {CONNECTIONS} connections)");
        Ok(())
    })();
    if result.is_err() {
        eprintln!(
            "server log:\n{}",
            running.log().lines().rev().take(40).collect::<Vec<_>>().into_iter().rev().collect::<Vec<_>>().join("\n")
        );
    }
    running.stop();
    result
}

/// `cargo xtask bench scouting`: ranking suppliers for briefs over N
/// synthetic profiles (default 100,000) and the briefs a manufacturer fits
/// over 5,000 open ones, in process on a fresh database and a managed
/// Meilisearch (see `server/benches/scouting.rs`).
pub fn scouting(ws: &Workspace, count: Option<usize>) -> Result<()> {
    let meili = timed("setup", || {
        setup::rust_tools(ws)?;
        setup::meilisearch(ws)
    })?;
    let mut command = ws.command("cargo");
    // The search benchmark's target directory: the same crates, built once.
    command
        .args(["bench", "-p", "server", "--bench", "scouting", "--", "--meili"])
        .arg(&meili)
        .env("CARGO_TARGET_DIR", ws.root.join("target/bench"));
    if let Some(count) = count {
        command.args(["--count", &count.to_string()]);
    }
    crate::run_checked(&mut command)
}

/// `cargo xtask bench schedule [--instance FILE]`: the meeting scheduler on
/// generated events, or on one instance given as JSON (the schedule goes to
/// standard output). Pure computation, in process (see `app/benches/schedule.rs`).
pub fn schedule(ws: &Workspace, instance: Option<&str>) -> Result<()> {
    timed("setup", || setup::rust_tools(ws))?;
    let mut command = ws.command("cargo");
    command.args(["bench", "--quiet", "-p", "app", "--bench", "schedule", "--"]).env("CARGO_TARGET_DIR", ws.root.join("target/bench"));
    if let Some(file) = instance {
        // Cargo runs in the workspace; a relative path means from where xtask was called.
        let path = std::path::absolute(file).with_context(|| format!("cannot find {file}"))?;
        command.arg("--instance").arg(path);
    }
    crate::run_checked(&mut command)
}

/// `cargo xtask bench policies` (the eligibility engine, 10,000 organisations
/// × 500 notices) and `cargo xtask bench talent` (the graduates' ranking of
/// 2,000 programs): pure computation, in process (see `app/benches/`).
pub fn in_process(ws: &Workspace, bench: &str) -> Result<()> {
    timed("setup", || setup::rust_tools(ws))?;
    let mut command = ws.command("cargo");
    command.args(["bench", "--quiet", "-p", "app", "--bench", bench]).env("CARGO_TARGET_DIR", ws.root.join("target/bench"));
    crate::run_checked(&mut command)
}

/// `cargo xtask bench memory`: the server's resident memory idle, at its peak
/// while 8 photos at the pixel cap upload at once, and after bursts of
/// hostile requests (oversized fields and bodies), then after a quiet spell.
pub fn memory(ws: &Workspace) -> Result<()> {
    on_release_server(ws, measure_memory)
}

const UPLOADS: usize = 8;
const HOSTILE: usize = 400;

fn measure_memory(running: &Running) -> Result<()> {
    let addr = running.addr;
    let memory = |field: &str| -> Result<String> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", running.pid()))?;
        Ok(status.lines().find_map(|l| l.strip_prefix(field)).map(|v| v.trim().to_string()).unwrap_or_default())
    };
    std::thread::sleep(Duration::from_secs(3));
    for page in ["/belts", "/belts/pingdu-false-eyelashes", "/search?q=eyelashes"] {
        for _ in 0..50 {
            get(addr, page)?;
        }
    }
    println!("\n== Server memory (release build; Meilisearch not counted) ==");
    println!("{:<58} {:>12} {:>12}", "moment", "resident", "peak so far");
    let report = |moment: &str| -> Result<()> {
        println!("{moment:<58} {:>12} {:>12}", memory("VmRSS:")?, memory("VmHWM:")?);
        Ok(())
    };
    report("idle, after 150 page views")?;

    let cookie = signed_in(addr, "memory@example.com", "bench-password-123")?;
    let create = "kind=manufacturer&name_zh=&name_en=Memory+Bench+Works&description_zh=&description_en=&province=shandong&city_zh=&city_en=&belts%5B%5D=pingdu-false-eyelashes";
    let reply = post(addr, "/api/create_organisation", create, Some(&cookie))?;
    let slug = reply.header("location").and_then(|l| l.strip_prefix("/orgs/")).context("creating the organisation failed")?.to_string();
    let profile = format!(
        "slug={slug}&products_zh=&products_en=strip+lashes&categories%5B%5D=false-eyelashes&moq_value=1000&moq_unit=pair\
         &capacity_value=&capacity_unit=&lead_time_days=&sample_policy=&price_band=&certifications_other=&export_markets=US\
         &floor_area_m2=&overseas_warehouse_where="
    );
    let reply = post(addr, "/api/save_supply_profile", &profile, Some(&cookie))?;
    if reply.status != 200 {
        bail!("saving a profile answered {}: {}", reply.status, reply.body);
    }
    let photo = std::sync::Arc::new(pixel_cap_png()?);
    println!(
        "({UPLOADS} uploads of a {} KB PNG of 6000 × 4000 pixels, the cap: {} MB each once decoded)",
        photo.len() / 1000,
        6000 * 4000 * 4 / 1_000_000
    );
    let uploads: Vec<_> = (0..UPLOADS)
        .map(|i| {
            let (photo, cookie, path) = (photo.clone(), cookie.clone(), format!("/orgs/{slug}/profile/photos"));
            std::thread::spawn(move || {
                let caption = format!("photo {i}");
                post_multipart(addr, &path, &cookie, &[("caption", &caption)], ("photo", "big.png", &photo))
            })
        })
        .collect();
    for upload in uploads {
        let reply = upload.join().map_err(|_| anyhow::anyhow!("an upload thread panicked"))??;
        let location = reply.header("location").unwrap_or_default();
        if reply.status != 303 || !location.contains("photo=added") {
            bail!("an upload answered {} → {location}: {}", reply.status, reply.body);
        }
    }
    report(&format!("after {UPLOADS} concurrent uploads at the pixel cap"))?;

    // Oversized fields: a sign-up with 200 KB in each field, and searches with 8 KB queries.
    let long = "蓝".repeat(20_000);
    let hostile_sign_up = format!("email={long}&display_name={long}&role=manufacturer&password={long}&password_again={long}");
    let hostile_search = format!("/search?q={}", "%E8%93%9D".repeat(2_700));
    let hostile_sign_up = std::sync::Arc::new(hostile_sign_up);
    for round in 0..2 {
        let workers: Vec<_> = (0..HOSTILE / 20)
            .map(|_| {
                let (body, search) = (hostile_sign_up.clone(), hostile_search.clone());
                std::thread::spawn(move || -> Result<()> {
                    for _ in 0..10 {
                        post(addr, "/api/sign_up", &body, None)?;
                        get(addr, &search)?;
                    }
                    Ok(())
                })
            })
            .collect();
        for worker in workers {
            worker.join().map_err(|_| anyhow::anyhow!("a request thread panicked"))??;
        }
        report(&format!("after hostile burst {} ({HOSTILE} requests, 20 at a time)", round + 1))?;
    }
    std::thread::sleep(Duration::from_secs(10));
    report("10 s later, idle")?;
    Ok(())
}

/// A PNG of exactly `photos::MAX_PIXELS` pixels, small enough to upload
/// (its rows repeat, so it compresses far below the 5 MB limit) yet as
/// costly to decode as any other image of its size.
fn pixel_cap_png() -> Result<Vec<u8>> {
    let image = image::RgbImage::from_fn(6000, 4000, |x, _| image::Rgb([(x % 256) as u8, 128, (x / 24 % 256) as u8]));
    let mut bytes = std::io::Cursor::new(Vec::new());
    image.write_to(&mut bytes, image::ImageFormat::Png)?;
    Ok(bytes.into_inner())
}

/// Requests per second and the p50/p90/p99 latencies (ms) from wrk's report.
fn wrk_figures(text: &str) -> (String, f64, f64, f64) {
    let percentile =
        |p: &str| text.lines().find_map(|l| l.trim().strip_prefix(p).map(|v| parse_ms(v.trim()))).flatten().unwrap_or(f64::NAN);
    let rps = text.lines().find_map(|l| l.strip_prefix("Requests/sec:")).map(|v| v.trim().to_string()).unwrap_or_default();
    (rps, percentile("50%"), percentile("90%"), percentile("99%"))
}

fn measure(ws: &Workspace, running: &Running) -> Result<()> {
    let pages = ["/belts", "/belts/pingdu-false-eyelashes", "/search?q=eyelashes"];
    // The baseline pages are compared with: files served straight from disk.
    let stylesheet = hashed_file(&ws.root.join("target/site/pkg"), "beltlink.", ".css")?;
    let statics = ["/favicon.svg".to_string(), format!("/pkg/{stylesheet}")];
    for page in pages {
        for _ in 0..50 {
            get(running.addr, page)?;
        }
    }
    let mut ttfb: Vec<Duration> = (0..100).map(|_| get(running.addr, "/belts").map(|r| r.time_to_first_byte)).collect::<Result<_>>()?;
    ttfb.sort();

    // wrk shares the machine's two cores with the server, so its own work
    // inflates the latencies. Measured twice: wrk free to use both cores, and
    // wrk confined to one core (one thread) so the server keeps the other.
    // Each page twice too: as an anonymous visitor gets it (kept in memory
    // between changes) and rendered afresh (a session cookie, which is never
    // served a kept page; this one signs nobody in).
    for (setup, pin) in [("wrk on both cores, 2 threads", false), ("wrk pinned to core 1, 1 thread", true)] {
        println!("\n== Beltlink page benchmark: release build, {CONNECTIONS} connections, {SECONDS}s per address, {setup} ==");
        println!("{:<56} {:>10} {:>10} {:>10} {:>10}", "address", "req/s", "p50 ms", "p90 ms", "p99 ms");
        let mut static_p99 = f64::NAN;
        let runs = statics
            .iter()
            .map(|s| (s.as_str(), "static", None))
            .chain(pages.iter().flat_map(|p| [(*p, "anonymous", None), (*p, "rendered", Some(RENDER_EVERY_TIME))]));
        for (address, kind, header) in runs {
            let url = format!("{}{address}", running.base_url());
            let text = wrk(&url, pin, SECONDS, header)?;
            let (rps, p50, p90, p99) = wrk_figures(&text);
            println!("{:<56} {rps:>10} {p50:>10.2} {p90:>10.2} {p99:>10.2}", format!("{address} ({kind})"));
            if kind == "static" {
                static_p99 = if static_p99.is_nan() { p99 } else { static_p99.max(p99) };
            } else {
                println!("{:<56} p99 is {:.1}× the slower static file's (target ≤ 3×)", "", p99 / static_p99);
            }
        }
    }

    let status = std::fs::read_to_string(format!("/proc/{}/status", running.pid()))?;
    let field = |name: &str| status.lines().find_map(|l| l.strip_prefix(name)).map(|v| v.trim().to_string()).unwrap_or_default();
    println!("\nserver memory after the load: resident {} (peak {}), Meilisearch not counted", field("VmRSS:"), field("VmHWM:"));
    println!(
        "time to first byte of /belts over 100 requests: p50 {:.2} ms, p99 {:.2} ms",
        ms(ttfb[ttfb.len() / 2]),
        ms(ttfb[ttfb.len() * 99 / 100])
    );
    wasm_sizes(&ws.root.join("target/site/pkg"))
}

/// The name of the one file in `dir` named `prefix…suffix` (hashed names change with each build).
fn hashed_file(dir: &Path, prefix: &str, suffix: &str) -> Result<String> {
    std::fs::read_dir(dir)?
        .filter_map(|entry| entry.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .find(|name| name.starts_with(prefix) && name.ends_with(suffix))
        .with_context(|| format!("no {prefix}*{suffix} in {}", dir.display()))
}

/// Sizes of one wasm file as served: raw, gzip and brotli.
struct Sizes {
    raw: u64,
    gzip: u64,
    brotli: u64,
}

fn sizes(file: &Path) -> Result<Sizes> {
    let len = |path: String| std::fs::metadata(&path).map(|m| m.len()).with_context(|| format!("missing {path}"));
    Ok(Sizes {
        raw: len(file.display().to_string())?,
        gzip: len(format!("{}.gz", file.display()))?,
        brotli: len(format!("{}.br", file.display()))?,
    })
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1000.0)
}

/// The main wasm (what every page loads), and for each lazy route the main
/// wasm plus the chunks the split manifest says it needs.
fn wasm_sizes(pkg: &Path) -> Result<()> {
    let files: Vec<std::path::PathBuf> = std::fs::read_dir(pkg)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    let named = |prefix: &str, ext: &str| {
        files.iter().find(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            name.starts_with(prefix) && name.ends_with(ext)
        })
    };
    let main = named("beltlink.", ".wasm").context("no beltlink.*.wasm in target/site/pkg")?;
    let main_sizes = sizes(main)?;
    println!(
        "\nmain wasm (loaded by every page): raw {}, gzip {}, brotli {} (served precompressed)",
        kb(main_sizes.raw),
        kb(main_sizes.gzip),
        kb(main_sizes.brotli)
    );
    let Some(manifest) = named("__wasm_split_manifest.", ".json") else {
        return Ok(());
    };
    let manifest: std::collections::BTreeMap<String, Vec<String>> = serde_json::from_str(&std::fs::read_to_string(manifest)?)?;
    println!("{:<34} {:>8} {:>14} {:>14}", "lazy route", "chunks", "route brotli", "page brotli");
    let mut heaviest = 0;
    for (route, chunks) in &manifest {
        let mut route_brotli = 0;
        for chunk in chunks {
            route_brotli += sizes(&pkg.join(format!("{chunk}.wasm")))?.brotli;
        }
        heaviest = heaviest.max(main_sizes.brotli + route_brotli);
        let name = route.trim_start_matches("__").split("_view_").next().unwrap_or(route);
        println!("{:<34} {:>8} {:>14} {:>14}", name, chunks.len(), kb(route_brotli), kb(main_sizes.brotli + route_brotli));
    }
    println!("heaviest page, main wasm and its chunks: brotli {}", kb(heaviest));
    Ok(())
}

/// wrk's report for `seconds` of load on `url`; `pinned` keeps wrk to core 1
/// and one thread; `header` goes with every request.
fn wrk(url: &str, pinned: bool, seconds: u32, header: Option<&str>) -> Result<String> {
    let connections = format!("-c{CONNECTIONS}");
    let seconds = format!("-d{seconds}s");
    let mut command = if pinned {
        let mut c = Command::new("taskset");
        c.args(["-c", "1", "wrk", "-t1"]);
        c
    } else {
        let mut c = Command::new("wrk");
        c.arg("-t2");
        c
    };
    if let Some(header) = header {
        command.args(["-H", header]);
    }
    let output = command.args([connections.as_str(), seconds.as_str(), "--latency", url]).output().context("running wrk")?;
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    if text.contains("Non-2xx") {
        bail!("wrk saw error responses for {url}:\n{text}");
    }
    Ok(text)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// wrk prints latencies like `1.23ms`, `850.00us` or `1.02s`.
fn parse_ms(value: &str) -> Option<f64> {
    let (number, factor) = if let Some(v) = value.strip_suffix("us") {
        (v, 0.001)
    } else if let Some(v) = value.strip_suffix("ms") {
        (v, 1.0)
    } else if let Some(v) = value.strip_suffix('s') {
        (v, 1000.0)
    } else {
        return None;
    };
    number.parse::<f64>().ok().map(|n| n * factor)
}

#[cfg(test)]
mod tests {
    use super::parse_ms;

    #[test]
    fn reads_wrk_latencies() {
        assert_eq!(parse_ms("850.00us"), Some(0.85));
        assert_eq!(parse_ms("1.50ms"), Some(1.5));
        assert_eq!(parse_ms("1.02s"), Some(1020.0));
        assert_eq!(parse_ms("n/a"), None);
    }
}
