//! A throwaway PostgreSQL cluster on loopback for the tests that prove the
//! schema and data layer are portable (Debian's packages; no Docker here).

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::run_checked;

fn bin_dir() -> Option<PathBuf> {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|bin| bin.join("initdb").is_file())
        .collect();
    versions.sort();
    versions.pop()
}

pub fn install() -> Result<()> {
    if bin_dir().is_none() {
        crate::setup::debian_install(&["postgresql"])?;
    }
    if bin_dir().is_none() {
        bail!("PostgreSQL's initdb was not found under /usr/lib/postgresql after installing it");
    }
    Ok(())
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0").unwrap_or(false)
}

pub struct Cluster {
    dir: PathBuf,
    bin: PathBuf,
    port: u16,
}

impl Cluster {
    /// Creates and starts a cluster in a temp dir on a free port, trusting local connections.
    pub fn start() -> Result<Cluster> {
        let bin = bin_dir().context("PostgreSQL is not installed")?;
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let dir = std::env::temp_dir().join(format!("beltlink-pg-{}-{port}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)?;
        let cluster = Cluster { dir, bin, port };
        if is_root() {
            // PostgreSQL refuses to run as root: hand the directory to its own user.
            run_checked(Command::new("chown").args(["-R", "postgres:postgres"]).arg(&cluster.dir))?;
        }
        let data = cluster.dir.join("data");
        cluster.as_owner(&[
            cluster.bin.join("initdb").to_str().unwrap_or_default(),
            "-D",
            data.to_str().unwrap_or_default(),
            "-A",
            "trust",
            "-U",
            "beltlink",
            "--no-sync",
            "-E",
            "UTF8",
        ])?;
        let options = format!("-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off", cluster.dir.display());
        let log = cluster.dir.join("postgres.log");
        cluster.as_owner(&[
            cluster.bin.join("pg_ctl").to_str().unwrap_or_default(),
            "-D",
            data.to_str().unwrap_or_default(),
            "-o",
            &options,
            "-l",
            log.to_str().unwrap_or_default(),
            "-w",
            "start",
        ])?;
        Ok(cluster)
    }

    fn as_owner(&self, args: &[&str]) -> Result<()> {
        let mut command = if is_root() {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).args(args);
            c
        } else {
            let mut c = Command::new(args[0]);
            c.args(&args[1..]);
            c
        };
        run_checked(command.current_dir(&self.dir))
    }

    /// A superuser URL; tests create their own databases through it.
    pub fn url(&self) -> String {
        format!("postgres://beltlink@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.dir.join("data");
        let _ = self.as_owner(&[
            self.bin.join("pg_ctl").to_str().unwrap_or_default(),
            "-D",
            data.to_str().unwrap_or_default(),
            "-m",
            "fast",
            "-w",
            "stop",
        ]);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
