//! Starting the built server for end-to-end tests and benchmarks, on a free
//! port with a fresh data directory, and talking HTTP to it.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::Workspace;

/// The server binary of a build `profile` ("debug"/"release"), configured for the built site.
pub fn command(ws: &Workspace, profile: &str, meili: &Path) -> Command {
    let mut command = ws.command(ws.root.join("target").join(profile).join("server").to_str().expect("utf-8 path"));
    command
        .env("LEPTOS_OUTPUT_NAME", "beltlink")
        .env("LEPTOS_SITE_ROOT", ws.root.join("target/site"))
        .env("LEPTOS_SITE_PKG_DIR", "pkg")
        .env("LEPTOS_HASH_FILES", "true")
        .env("LEPTOS_ENV", if profile == "release" { "PROD" } else { "DEV" });
    if std::env::var_os("MEILI_URL").is_none() {
        command.env("MEILI_BIN", meili);
    }
    command
}

pub struct Running {
    child: Child,
    pub addr: SocketAddr,
    pub data_dir: PathBuf,
}

impl Running {
    /// Starts the server with its own data directory and waits until `/healthz` says it is up.
    pub fn start(ws: &Workspace, profile: &str, meili: &Path) -> Result<Running> {
        Running::start_with(ws, profile, meili, &[])
    }

    /// [`Running::start`] with more environment (`BELTLINK_SMTP_URL`, say).
    pub fn start_with(ws: &Workspace, profile: &str, meili: &Path, env: &[(&str, String)]) -> Result<Running> {
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse()?;
        let data_dir = std::env::temp_dir().join(format!("beltlink-{profile}-{}-{port}", std::process::id()));
        let _ = std::fs::remove_dir_all(&data_dir);
        std::fs::create_dir_all(&data_dir)?;
        let log = std::fs::File::create(data_dir.join("server.log"))?;
        let child = command(ws, profile, meili)
            .env("BELTLINK_ADDR", addr.to_string())
            .env("BELTLINK_DATA_DIR", &data_dir)
            .env_remove("DATABASE_URL")
            .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            .spawn()
            .context("starting the server binary (was the site built?)")?;
        let mut running = Running { child, addr, data_dir };
        running.wait_healthy(Duration::from_secs(180))?;
        Ok(running)
    }

    fn wait_healthy(&mut self, limit: Duration) -> Result<()> {
        let started = Instant::now();
        while started.elapsed() < limit {
            if let Some(status) = self.child.try_wait()? {
                bail!("the server exited during start-up ({status}):\n{}", self.log());
            }
            if let Ok(response) = get(self.addr, "/healthz") {
                if response.status == 200 {
                    return Ok(());
                }
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        bail!("the server was not healthy after {limit:?}:\n{}", self.log())
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.data_dir.join("server.log")).unwrap_or_default()
    }

    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Stops the server as an operator would (SIGTERM) and removes its data.
    pub fn stop(mut self) {
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.data_dir);
    }
}

/// A real SMTP server (aiosmtpd) writing what it receives to a maildir.
pub struct Smtpd {
    child: Child,
    pub port: u16,
    pub maildir: PathBuf,
}

impl Smtpd {
    pub fn start(python_path: &Path, maildir: PathBuf) -> Result<Smtpd> {
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let child = Command::new("python3")
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&maildir)
            .env("PYTHONPATH", python_path)
            .stdout(Stdio::null())
            .spawn()
            .context("starting aiosmtpd")?;
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if started.elapsed() > Duration::from_secs(20) {
                bail!("aiosmtpd did not start listening");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(Smtpd { child, port, maildir })
    }
}

impl Drop for Smtpd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct Response {
    pub status: u16,
    /// From sending the request to the first byte of the answer.
    pub time_to_first_byte: Duration,
}

/// A minimal HTTP/1.1 GET, so the automation needs no HTTP client crate.
pub fn get(addr: SocketAddr, path: &str) -> Result<Response> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(2))?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let started = Instant::now();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n")?;
    let mut first = [0u8; 1];
    stream.read_exact(&mut first)?;
    let time_to_first_byte = started.elapsed();
    let mut rest = Vec::new();
    stream.read_to_end(&mut rest)?;
    let mut raw = first.to_vec();
    raw.extend(rest);
    let text_head = String::from_utf8_lossy(&raw[..raw.len().min(32)]).into_owned();
    let status = text_head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).context("no HTTP status")?;
    Ok(Response { status, time_to_first_byte })
}

/// A minimal HTTP/1.1 form POST from the site's own origin (as its pages send
/// them), answered as the hydrated page would be. Returns the status.
pub fn post_form(addr: SocketAddr, path: &str, body: &str) -> Result<u16> {
    Ok(post(addr, path, body, None)?.status)
}

/// What a POST answered.
pub struct Reply {
    pub status: u16,
    /// Header names lower-cased.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The `name=value` pair of a cookie the answer sets.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.headers
            .iter()
            .filter(|(n, _)| n == "set-cookie")
            .filter_map(|(_, v)| v.split(';').next())
            .find(|pair| pair.starts_with(&format!("{name}=")))
            .map(str::to_string)
    }
}

/// A form POST as [`post_form`] sends it, with an optional `Cookie` header,
/// read whole (the server closes the connection; bodies are not chunked
/// because leptos answers server functions with a length).
pub fn post(addr: SocketAddr, path: &str, body: &str, cookie: Option<&str>) -> Result<Reply> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(2))?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    let cookie = cookie.map(|c| format!("Cookie: {c}\r\n")).unwrap_or_default();
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\nAccept: application/json\r\n{cookie}\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    read_reply(stream)
}

/// Signs up `email` (a manufacturer) and signs in; the session cookie's `name=value`.
pub fn signed_in(addr: SocketAddr, email: &str, password: &str) -> Result<String> {
    let email = email.replace('@', "%40");
    let sign_up = format!("email={email}&display_name=Bench&role=manufacturer&password={password}&password_again={password}");
    let reply = post(addr, "/api/sign_up", &sign_up, None)?;
    if reply.status != 200 {
        bail!("sign-up answered {}: {}", reply.status, reply.body);
    }
    let reply = post(addr, "/api/sign_in", &format!("email={email}&password={password}"), None)?;
    reply.cookie("beltlink_session").with_context(|| format!("sign-in answered {} and set no session: {}", reply.status, reply.body))
}

/// A `multipart/form-data` POST of text fields and one file field, as the
/// upload form sends it without JavaScript.
pub fn post_multipart(addr: SocketAddr, path: &str, cookie: &str, fields: &[(&str, &str)], file: (&str, &str, &[u8])) -> Result<Reply> {
    let boundary = "beltlinkbenchboundary7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for (name, value) in fields {
        write!(body, "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")?;
    }
    let (name, filename, bytes) = file;
    write!(
        body,
        "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )?;
    body.extend_from_slice(bytes);
    write!(body, "\r\n--{boundary}--\r\n")?;
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(2))?;
    stream.set_read_timeout(Some(Duration::from_secs(120)))?;
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\nCookie: {cookie}\r\n\
         Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(&body)?;
    read_reply(stream)
}

/// The whole answer on `stream` (the server closes it after).
fn read_reply(mut stream: TcpStream) -> Result<Reply> {
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").context("no end of the HTTP head")?;
    let mut lines = head.lines();
    let status = lines.next().and_then(|l| l.split_whitespace().nth(1)).and_then(|s| s.parse().ok()).context("no HTTP status")?;
    let headers = lines.filter_map(|l| l.split_once(':')).map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string())).collect();
    Ok(Reply { status, headers, body: body.to_string() })
}
