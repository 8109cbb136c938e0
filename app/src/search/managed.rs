//! A Meilisearch server run as a child of Beltlink, for machines without an
//! external one: bound to 127.0.0.1, its master key generated once and kept in
//! the data directory, stopped when Beltlink stops (also if Beltlink is
//! killed: the kernel signals the child), and a leftover from a crash stopped
//! before a new one starts. [`ManagedMeilisearch::supervise`] keeps it
//! running: a Meilisearch that dies on its own is started again on the same
//! port and files, so the URL the app holds stays right.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rand::distr::{Alphanumeric, SampleString};
use tokio::process::{Child, Command};

#[derive(Debug, thiserror::Error)]
pub enum ManagedError {
    #[error("cannot use {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("Meilisearch binary {0} does not exist (set MEILI_BIN, or run `cargo xtask run`, which installs it)")]
    MissingBinary(PathBuf),
    #[error("Meilisearch exited during start-up ({status}); its log is {log}")]
    Exited { status: String, log: PathBuf },
    #[error("Meilisearch did not become healthy within {0:?}; its log is {1}")]
    NotHealthy(Duration, PathBuf),
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> ManagedError + '_ {
    move |source| ManagedError::Io { path: path.to_path_buf(), source }
}

pub struct ManagedMeilisearch {
    child: Child,
    pub url: String,
    pub master_key: String,
    pub port: u16,
    dir: PathBuf,
}

impl ManagedMeilisearch {
    /// Starts Meilisearch with its files under `dir`, on `port` or a free one.
    /// Call from a thread that lives as long as the server (the main thread):
    /// the child is signalled when the thread that spawned it exits.
    ///
    /// # Errors
    /// When the binary is missing, the directory is unusable, or the server
    /// does not come up.
    pub async fn start(binary: &Path, dir: &Path, port: Option<u16>) -> Result<Self, ManagedError> {
        if !binary.is_file() {
            return Err(ManagedError::MissingBinary(binary.to_path_buf()));
        }
        std::fs::create_dir_all(dir).map_err(io_err(dir))?;
        stop_leftover(dir);
        let master_key = master_key(dir)?;
        let port = match port {
            Some(p) => p,
            None => free_port().map_err(io_err(dir))?,
        };
        let log_path = dir.join("meilisearch.log");
        let log = std::fs::File::create(&log_path).map_err(io_err(&log_path))?;
        let log_err = log.try_clone().map_err(io_err(&log_path))?;
        let mut command = Command::new(binary);
        command
            .arg("--db-path")
            .arg(dir.join("data.ms"))
            .arg("--dump-dir")
            .arg(dir.join("dumps"))
            .arg("--http-addr")
            .arg(format!("127.0.0.1:{port}"))
            .arg("--env")
            .arg("production")
            .arg("--no-analytics")
            .env("MEILI_MASTER_KEY", &master_key)
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log_err)
            .kill_on_drop(true);
        // SAFETY: prctl is async-signal-safe and touches only the child.
        unsafe {
            command.pre_exec(|| {
                if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGTERM) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = command.spawn().map_err(io_err(binary))?;
        if let Some(pid) = child.id() {
            let pid_path = dir.join("meilisearch.pid");
            std::fs::write(&pid_path, format!("{pid}\n{port}\n")).map_err(io_err(&pid_path))?;
        }
        let mut managed = ManagedMeilisearch { child, url: format!("http://127.0.0.1:{port}"), master_key, port, dir: dir.to_path_buf() };
        managed.wait_healthy(Duration::from_secs(60), &log_path).await?;
        Ok(managed)
    }

    async fn wait_healthy(&mut self, limit: Duration, log: &Path) -> Result<(), ManagedError> {
        let started = Instant::now();
        let health = format!("127.0.0.1:{}", self.port);
        while started.elapsed() < limit {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(ManagedError::Exited { status: status.to_string(), log: log.to_path_buf() });
            }
            if health_ok(&health).await {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Err(ManagedError::NotHealthy(limit, log.to_path_buf()))
    }

    /// Stops the server and waits for it to exit.
    pub async fn stop(mut self) {
        if let Some(pid) = self.child.id() {
            // SAFETY: signalling our own child by pid.
            unsafe { libc::kill(pid as i32, libc::SIGTERM) };
        }
        if tokio::time::timeout(Duration::from_secs(10), self.child.wait()).await.is_err() {
            let _ = self.child.kill().await;
        }
        let _ = std::fs::remove_file(self.dir.join("meilisearch.pid"));
    }

    /// Kills the server without letting it shut down cleanly (for fault tests).
    pub async fn kill(mut self) {
        let _ = self.child.kill().await;
        let _ = std::fs::remove_file(self.dir.join("meilisearch.pid"));
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.id()
    }

    /// Hands the process to a task that starts it again whenever it exits
    /// without being asked to. Restarts happen on a runtime worker thread,
    /// which lives as long as the runtime, so the parent-death signal still
    /// stops the child with Beltlink.
    pub fn supervise(self, binary: &Path) -> SupervisedMeilisearch {
        let (stop, stopped) = tokio::sync::oneshot::channel();
        let pid = Arc::new(AtomicU32::new(self.pid().unwrap_or(0)));
        let restarts = Arc::new(AtomicU32::new(0));
        let (url, master_key) = (self.url.clone(), self.master_key.clone());
        let task = tokio::spawn(keep_running(self, binary.to_path_buf(), stopped, pid.clone(), restarts.clone()));
        SupervisedMeilisearch { url, master_key, stop, task, pid, restarts }
    }
}

/// A managed Meilisearch under supervision.
pub struct SupervisedMeilisearch {
    pub url: String,
    pub master_key: String,
    stop: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<()>,
    pid: Arc<AtomicU32>,
    restarts: Arc<AtomicU32>,
}

impl SupervisedMeilisearch {
    /// The current process, 0 while it is being started again.
    pub fn pid(&self) -> u32 {
        self.pid.load(Ordering::SeqCst)
    }

    /// How many times it has been started again since supervision began.
    pub fn restarts(&self) -> u32 {
        self.restarts.load(Ordering::SeqCst)
    }

    /// Stops supervision and the server, and waits for both.
    pub async fn stop(self) {
        let _ = self.stop.send(());
        let _ = self.task.await;
    }
}

async fn keep_running(
    mut current: ManagedMeilisearch,
    binary: PathBuf,
    mut stopped: tokio::sync::oneshot::Receiver<()>,
    pid: Arc<AtomicU32>,
    restarts: Arc<AtomicU32>,
) {
    let (dir, port) = (current.dir.clone(), current.port);
    loop {
        tokio::select! {
            _ = &mut stopped => {
                current.stop().await;
                return;
            }
            status = current.child.wait() => {
                pid.store(0, Ordering::SeqCst);
                let status = status.map_or_else(|e| e.to_string(), |s| s.to_string());
                tracing::error!(%status, "the managed Meilisearch exited; starting it again");
            }
        }
        let mut attempt = 0;
        current = loop {
            attempt += 1;
            let started = tokio::select! {
                _ = &mut stopped => return,
                started = ManagedMeilisearch::start(&binary, &dir, Some(port)) => started,
            };
            match started {
                Ok(started) => break started,
                Err(err) => {
                    tracing::error!(error = %err, attempt, "starting the managed Meilisearch again failed; retrying");
                    tokio::select! {
                        _ = &mut stopped => return,
                        () = tokio::time::sleep(crate::search::outbox::backoff(attempt)) => {}
                    }
                }
            }
        };
        pid.store(current.pid().unwrap_or(0), Ordering::SeqCst);
        restarts.fetch_add(1, Ordering::SeqCst);
        tracing::info!(attempt, pid = current.pid(), "the managed Meilisearch is running again");
    }
}

/// The URL and key of a Meilisearch that a running Beltlink manages on `dir`,
/// so admin commands can use it instead of starting a second one on the same files.
pub fn running(dir: &Path) -> Option<(String, String)> {
    let (pid, port) = read_pid_file(dir)?;
    if !is_meilisearch_on(pid, dir) {
        return None;
    }
    let key = std::fs::read_to_string(dir.join("master-key")).ok()?.trim().to_string();
    Some((format!("http://127.0.0.1:{port}"), key))
}

fn read_pid_file(dir: &Path) -> Option<(i32, u16)> {
    let text = std::fs::read_to_string(dir.join("meilisearch.pid")).ok()?;
    let mut lines = text.lines();
    let pid = lines.next()?.trim().parse().ok()?;
    let port = lines.next()?.trim().parse().ok()?;
    Some((pid, port))
}

fn is_meilisearch_on(pid: i32, dir: &Path) -> bool {
    std::fs::read(format!("/proc/{pid}/cmdline"))
        .map(|cmd| {
            let cmd = String::from_utf8_lossy(&cmd);
            cmd.contains("meilisearch") && cmd.contains(&*dir.join("data.ms").to_string_lossy())
        })
        .unwrap_or(false)
}

/// A plain HTTP GET of `/health`, so start-up does not depend on the client's key handling.
async fn health_ok(addr: &str) -> bool {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let Ok(mut stream) = tokio::net::TcpStream::connect(addr).await else {
        return false;
    };
    let request = format!("GET /health HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    if stream.write_all(request.as_bytes()).await.is_err() {
        return false;
    }
    let mut response = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(2), stream.read_to_end(&mut response)).await;
    let text = String::from_utf8_lossy(&response);
    text.starts_with("HTTP/1.1 200") && text.contains("available")
}

fn free_port() -> std::io::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

fn master_key(dir: &Path) -> Result<String, ManagedError> {
    let path = dir.join("master-key");
    if let Ok(existing) = std::fs::read_to_string(&path) {
        let key = existing.trim().to_string();
        if key.len() >= 16 {
            return Ok(key);
        }
    }
    let key = Alphanumeric.sample_string(&mut rand::rng(), 40);
    // Owner-only from the moment it exists (a write then a chmod leaves a window).
    use std::io::Write;
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let _ = std::fs::remove_file(&path);
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(&path).map_err(io_err(&path))?;
    file.write_all(key.as_bytes()).map_err(io_err(&path))?;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).map_err(io_err(&path))?;
    Ok(key)
}

/// Stops a Meilisearch left running on this directory by a Beltlink that did
/// not shut down, so the new one can open the database.
fn stop_leftover(dir: &Path) {
    let pid_path = dir.join("meilisearch.pid");
    let Some((pid, _)) = read_pid_file(dir) else {
        return;
    };
    if is_meilisearch_on(pid, dir) {
        tracing::warn!(pid, "stopping a Meilisearch left over from an earlier run");
        // SAFETY: the pid was checked to be a Meilisearch on our data directory.
        unsafe { libc::kill(pid, libc::SIGTERM) };
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline && Path::new(&format!("/proc/{pid}")).exists() {
            std::thread::sleep(Duration::from_millis(50));
        }
        if Path::new(&format!("/proc/{pid}")).exists() {
            unsafe { libc::kill(pid, libc::SIGKILL) };
        }
    }
    let _ = std::fs::remove_file(&pid_path);
}
