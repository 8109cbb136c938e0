//! Leptos views must be built alike on the server and in the wasm: with
//! `--cfg erase_components` on one side only, the server writes hydration
//! markers the browser does not expect and every page panics as it hydrates.
//!
//! The browser tests run the debug build, so they vouch for the release build
//! only while both profiles erase the same way. The project therefore erases on
//! both sides in both profiles (`always-erase-components` in the workspace's
//! leptos metadata) and sets no `erase_components` flag in its cargo config.
//! Every site build checks that first.

use anyhow::{bail, Context, Result};

use crate::Workspace;

/// The flags cargo-leptos gives the site's builds under `always-erase-components`
/// (the wasm side adds a linker flag). `cargo xtask test` compiles its lints and
/// tests with the same, so they check the views the site ships.
pub const SITE_RUSTFLAGS: &str = "--cfg erase_components";

/// Fails, naming the file to mend, unless view erasure is uniform.
pub fn check(ws: &Workspace) -> Result<()> {
    let manifest = std::fs::read_to_string(ws.root.join("Cargo.toml")).context("reading Cargo.toml")?;
    let cargo_config = match std::fs::read_to_string(ws.root.join(".cargo/config.toml")) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e).context("reading .cargo/config.toml"),
    };
    let problems = problems(&manifest, &cargo_config)?;
    if !problems.is_empty() {
        bail!("views would hydrate differently in release than in the tested debug build:\n- {}", problems.join("\n- "));
    }
    Ok(())
}

/// What breaks uniform erasure in these two files; empty when nothing does.
fn problems(manifest: &str, cargo_config: &str) -> Result<Vec<String>> {
    let manifest: toml::Table = manifest.parse().context("Cargo.toml is not valid TOML")?;
    let cargo_config: toml::Table = cargo_config.parse().context(".cargo/config.toml is not valid TOML")?;
    let mut problems = Vec::new();

    let sites = manifest
        .get("workspace")
        .and_then(|w| w.get("metadata"))
        .and_then(|m| m.get("leptos"))
        .and_then(|l| l.as_array())
        .map(Vec::as_slice)
        .unwrap_or_default();
    if sites.is_empty() {
        problems.push("Cargo.toml has no [[workspace.metadata.leptos]] site".to_string());
    }
    for site in sites {
        let name = site.get("name").and_then(|n| n.as_str()).unwrap_or("?");
        if site.get("always-erase-components").and_then(|v| v.as_bool()) != Some(true) {
            problems.push(format!("Cargo.toml: site `{name}` needs `always-erase-components = true`"));
        }
        if site.get("disable-erase-components").and_then(|v| v.as_bool()) == Some(true) {
            problems.push(format!("Cargo.toml: site `{name}` must not set `disable-erase-components`"));
        }
    }

    // cargo-leptos adds the flag itself; one set here reaches only the target it is set for.
    let mut flag_homes = Vec::new();
    if let Some(build) = cargo_config.get("build") {
        flag_homes.push(("[build]".to_string(), build));
    }
    if let Some(targets) = cargo_config.get("target").and_then(|t| t.as_table()) {
        flag_homes.extend(targets.iter().map(|(target, table)| (format!("[target.{target}]"), table)));
    }
    for (section, table) in flag_homes {
        let flags: Vec<&str> = match table.get("rustflags") {
            Some(toml::Value::String(flags)) => vec![flags.as_str()],
            Some(toml::Value::Array(flags)) => flags.iter().filter_map(|f| f.as_str()).collect(),
            _ => Vec::new(),
        };
        if flags.iter().any(|f| f.contains("erase_components")) {
            problems.push(format!(".cargo/config.toml: {section} rustflags set `erase_components`; leave it to always-erase-components"));
        }
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::problems;

    const SITE: &str = "[[workspace.metadata.leptos]]\nname = \"beltlink\"\n";

    #[test]
    fn the_checkout_erases_uniformly() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
        let config = std::fs::read_to_string(root.join(".cargo/config.toml")).unwrap_or_default();
        assert_eq!(problems(&manifest, &config).unwrap(), Vec::<String>::new());
    }

    #[test]
    fn erasing_in_the_wasm_only_is_refused() {
        let manifest = format!("{SITE}always-erase-components = true\n");
        let config = "[target.wasm32-unknown-unknown]\nrustflags = [\"--cfg\", \"erase_components\"]\n";
        let found = problems(&manifest, config).unwrap();
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("[target.wasm32-unknown-unknown]"), "{found:?}");
    }

    #[test]
    fn erasing_in_debug_only_is_refused() {
        // cargo-leptos's default: erased in debug (what the browser tests run), not in release.
        let found = problems(SITE, "").unwrap();
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("always-erase-components"), "{found:?}");
        let disabled = format!("{SITE}always-erase-components = true\ndisable-erase-components = true\n");
        assert!(problems(&disabled, "").unwrap().iter().any(|p| p.contains("disable-erase-components")));
    }

    #[test]
    fn a_build_wide_flag_is_refused_too() {
        let manifest = format!("{SITE}always-erase-components = true\n");
        let found = problems(&manifest, "[build]\nrustflags = \"--cfg erase_components\"\n").unwrap();
        assert!(found.iter().any(|p| p.contains("[build]")), "{found:?}");
        assert!(problems(&manifest, "[build]\nrustflags = [\"-Ctarget-cpu=native\"]\n").unwrap().is_empty());
    }
}
