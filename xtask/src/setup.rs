//! Installs what the project needs, each tool only when it is missing or at
//! the wrong version, so a second run costs seconds.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::{run_checked, Workspace};

pub const CARGO_LEPTOS_VERSION: &str = "0.3.10";
pub const MEILISEARCH_VERSION: &str = "1.21.0";
/// The SMTP server the tests send real mail to (Python, from PyPI).
pub const AIOSMTPD_VERSION: &str = "1.4.6";

fn output_of(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

pub fn on_path(program: &str) -> bool {
    output_of("sh", &["-c", &format!("command -v {program}")]).is_some()
}

/// The Rust side: the wasm target, cargo-leptos and the wasm-bindgen CLI that matches Cargo.lock.
pub fn rust_tools(ws: &Workspace) -> Result<()> {
    let components = output_of("rustup", &["component", "list", "--installed"]).unwrap_or_default();
    for component in ["clippy", "rustfmt"] {
        if !components.lines().any(|c| c.starts_with(component)) {
            run_checked(Command::new("rustup").args(["component", "add", component]))?;
        }
    }
    let targets = output_of("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if !targets.lines().any(|t| t.trim() == "wasm32-unknown-unknown") {
        run_checked(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }

    let leptos = output_of("cargo", &["leptos", "--version"]).unwrap_or_default();
    if !leptos.contains(CARGO_LEPTOS_VERSION) {
        eprintln!("xtask: installing cargo-leptos {CARGO_LEPTOS_VERSION} (about 15 minutes on 2 cores, once)");
        run_checked(Command::new("cargo").args(["install", "cargo-leptos", "--version", CARGO_LEPTOS_VERSION, "--locked"]))?;
    }

    let wanted = locked_version(&ws.root.join("Cargo.lock"), "wasm-bindgen")?;
    let installed = output_of("wasm-bindgen", &["--version"]).unwrap_or_default();
    if installed.split_whitespace().nth(1) != Some(wanted.as_str()) {
        eprintln!("xtask: installing wasm-bindgen-cli {wanted} (matches Cargo.lock)");
        // Not --locked: the registry no longer has one of its locked dependencies.
        run_checked(Command::new("cargo").args(["install", "wasm-bindgen-cli", "--version", &wanted]))?;
    }
    Ok(())
}

/// The version of `package` that Cargo.lock pins.
pub fn locked_version(lockfile: &Path, package: &str) -> Result<String> {
    let lock = std::fs::read_to_string(lockfile).context("reading Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == format!("name = \"{package}\"") {
            if let Some(version) = lines.next().and_then(|l| l.trim().strip_prefix("version = ")) {
                return Ok(version.trim_matches('"').to_string());
            }
        }
    }
    bail!("{package} is not in Cargo.lock")
}

/// `npm ci` in `dir`, skipped when its node_modules was installed from the same lockfile.
pub fn npm_packages(dir: &Path) -> Result<()> {
    if !on_path("npm") {
        bail!("npm is needed (Node.js 18+); install it with your package manager, e.g. apt-get install nodejs npm");
    }
    let lock = std::fs::read(dir.join("package-lock.json")).with_context(|| format!("{}/package-lock.json", dir.display()))?;
    let stamp = dir.join("node_modules/.beltlink-installed-lock");
    if std::fs::read(&stamp).ok().as_deref() == Some(lock.as_slice()) {
        return Ok(());
    }
    run_checked(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(dir))?;
    std::fs::write(&stamp, lock)?;
    Ok(())
}

/// The pinned Meilisearch binary from the npm lockfile in `tools/`.
pub fn meilisearch(ws: &Workspace) -> Result<PathBuf> {
    npm_packages(&ws.root.join("tools"))?;
    let binary = ws.meilisearch_binary();
    use std::os::unix::fs::PermissionsExt;
    let mut perms = std::fs::metadata(&binary).with_context(|| format!("{} is missing", binary.display()))?.permissions();
    if perms.mode() & 0o111 != 0o111 {
        perms.set_mode(0o755);
        std::fs::set_permissions(&binary, perms)?;
    }
    let version = output_of(binary.to_str().unwrap_or_default(), &["--version"]).unwrap_or_default();
    if !version.contains(MEILISEARCH_VERSION) {
        bail!("{} reports {version:?}, expected Meilisearch {MEILISEARCH_VERSION}", binary.display());
    }
    Ok(binary)
}

/// aiosmtpd, a real SMTP server, into `tools/python`; returns that directory
/// (the `PYTHONPATH` that runs it as `python3 -m aiosmtpd`).
pub fn smtp_server(ws: &Workspace) -> Result<PathBuf> {
    let dir = ws.root.join("tools/python");
    let marker = dir.join(format!("aiosmtpd-{AIOSMTPD_VERSION}.dist-info"));
    if !marker.exists() {
        eprintln!("xtask: installing aiosmtpd {AIOSMTPD_VERSION} (the SMTP server tests send mail to)");
        let _ = std::fs::remove_dir_all(&dir);
        run_checked(
            Command::new("python3")
                .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--target"])
                .arg(&dir)
                .arg(format!("aiosmtpd=={AIOSMTPD_VERSION}")),
        )?;
    }
    Ok(dir)
}

/// Debian packages, installed only if one of their programs is missing.
pub fn debian_packages(wanted: &[(&str, &str)]) -> Result<()> {
    let missing: Vec<&str> = wanted.iter().filter(|(program, _)| !on_path(program)).map(|(_, package)| *package).collect();
    debian_install(&missing)
}

/// `apt-get install` of `packages` (nothing when empty).
pub fn debian_install(missing: &[&str]) -> Result<()> {
    if missing.is_empty() {
        return Ok(());
    }
    if !on_path("apt-get") {
        bail!("missing {missing:?} and no apt-get to install them with");
    }
    eprintln!("xtask: installing Debian packages {missing:?}");
    let sudo: &[&str] = if output_of("id", &["-u"]).map(|u| u.trim() == "0").unwrap_or(false) { &[] } else { &["sudo"] };
    let apt = |args: &[&str]| {
        let mut all: Vec<&str> = sudo.to_vec();
        all.push("apt-get");
        all.extend_from_slice(args);
        let mut command = Command::new(all[0]);
        command.args(&all[1..]).env("DEBIAN_FRONTEND", "noninteractive");
        run_checked(&mut command)
    };
    apt(&["update", "-q"])?;
    let mut install = vec!["install", "-y", "-q", "--no-install-recommends"];
    install.extend_from_slice(missing);
    apt(&install)
}
