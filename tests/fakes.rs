//! Local fakes of remote platforms, for the outbound tests: an HTTP API
//! (Slack's, X's) that records each request and answers from a script, and
//! an SMTP sink that records each message. Test doubles of remote APIs
//! only; every part of Chorus under test is real.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

/// One request a fake API received, and the status it answered.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// `POST`, ...
    pub method: String,
    /// Path and query.
    pub path: String,
    /// Headers, names lower-cased.
    pub headers: Vec<(String, String)>,
    /// Body, parsed as JSON (`Null` when it is not JSON).
    pub json: serde_json::Value,
    /// Raw body.
    pub body: String,
    /// The status answered.
    pub status: u16,
    /// When it arrived.
    pub at: Instant,
}

impl Recorded {
    /// The value of header `name` (lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// An answer of a fake API: status, extra headers, body.
#[derive(Debug, Clone)]
pub struct Answer {
    /// Status code.
    pub status: u16,
    /// Extra headers, e.g. `Retry-After`.
    pub headers: Vec<(String, String)>,
    /// JSON body.
    pub body: String,
}

impl Answer {
    /// `status` with a JSON `body`.
    pub fn new(status: u16, body: &str) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body: body.to_owned(),
        }
    }

    /// With header `name: value`.
    pub fn with(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }
}

#[derive(Debug)]
struct ApiState {
    script: VecDeque<Answer>,
    fallback: Answer,
    received: Vec<Recorded>,
}

/// A fake HTTP API on a loopback port: answers from its script, then with
/// its fallback; records every request.
#[derive(Debug, Clone)]
pub struct FakeApi {
    /// `http://127.0.0.1:<port>`.
    pub base: String,
    state: Arc<Mutex<ApiState>>,
}

impl FakeApi {
    /// Starts a fake answering `fallback` to every request.
    pub fn start(fallback: Answer) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let state = Arc::new(Mutex::new(ApiState {
            script: VecDeque::new(),
            fallback,
            received: Vec::new(),
        }));
        let shared = state.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().map_while(Result::ok) {
                let state = shared.clone();
                std::thread::spawn(move || serve_http(stream, &state));
            }
        });
        Self { base, state }
    }

    /// Answers these, in order, before the fallback.
    pub fn script(&self, answers: impl IntoIterator<Item = Answer>) {
        self.lock().script.extend(answers);
    }

    /// Answers `fallback` from now on, once the script is done.
    pub fn fall_back_to(&self, fallback: Answer) {
        self.lock().fallback = fallback;
    }

    /// Every request received so far.
    pub fn received(&self) -> Vec<Recorded> {
        self.lock().received.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, ApiState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Reads one request per connection (HTTP/1.1 with `Content-Length`) and
/// answers it, closing the connection.
fn serve_http(stream: TcpStream, state: &Mutex<ApiState>) {
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut line = String::new();
    if reader.read_line(&mut line).unwrap_or(0) == 0 {
        return;
    }
    let mut parts = line.split_whitespace();
    let (method, path) = (
        parts.next().unwrap_or_default().to_owned(),
        parts.next().unwrap_or_default().to_owned(),
    );
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).unwrap_or(0) == 0 {
            return;
        }
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            headers.push((name.trim().to_lowercase(), value.trim().to_owned()));
        }
    }
    let length = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    if reader.read_exact(&mut body).is_err() {
        return;
    }
    let answer = {
        let mut state = state.lock().unwrap_or_else(PoisonError::into_inner);
        let answer = state
            .script
            .pop_front()
            .unwrap_or_else(|| state.fallback.clone());
        let body = String::from_utf8_lossy(&body).into_owned();
        state.received.push(Recorded {
            method,
            path,
            headers,
            json: serde_json::from_str(&body).unwrap_or(serde_json::Value::Null),
            body,
            status: answer.status,
            at: Instant::now(),
        });
        answer
    };
    let mut response = format!(
        "HTTP/1.1 {} Fake\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n",
        answer.status,
        answer.body.len()
    );
    for (name, value) in &answer.headers {
        response.push_str(&format!("{name}: {value}\r\n"));
    }
    response.push_str("\r\n");
    response.push_str(&answer.body);
    let mut stream = stream;
    let _ = stream.write_all(response.as_bytes());
}

/// One message an SMTP sink received.
#[derive(Debug, Clone)]
pub struct Mail {
    /// `MAIL FROM`.
    pub from: String,
    /// `RCPT TO`s.
    pub to: Vec<String>,
    /// The message as sent (headers and body).
    pub data: String,
}

/// A minimal SMTP server on a loopback port that accepts every message
/// (no TLS, no auth) and records it.
#[derive(Debug, Clone)]
pub struct SmtpSink {
    /// `127.0.0.1:<port>`.
    pub address: String,
    received: Arc<Mutex<Vec<Mail>>>,
}

impl SmtpSink {
    /// Starts the sink.
    pub fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let address = listener.local_addr().expect("address").to_string();
        let received = Arc::new(Mutex::new(Vec::new()));
        let shared = received.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().map_while(Result::ok) {
                let shared = shared.clone();
                std::thread::spawn(move || {
                    let _ = serve_smtp(stream, &shared);
                });
            }
        });
        Self { address, received }
    }

    /// Every message received so far.
    pub fn received(&self) -> Vec<Mail> {
        self.received
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

/// One SMTP session: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT.
fn serve_smtp(stream: TcpStream, received: &Mutex<Vec<Mail>>) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut out = stream;
    out.write_all(b"220 sink.test ESMTP\r\n")?;
    let (mut from, mut to) = (String::new(), Vec::new());
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_owned();
        let upper = command.to_ascii_uppercase();
        if upper.starts_with("EHLO") || upper.starts_with("HELO") {
            out.write_all(b"250-sink.test\r\n250 8BITMIME\r\n")?;
        } else if let Some(rest) = upper.strip_prefix("MAIL FROM:") {
            from = command[command.len() - rest.len()..].trim().to_owned();
            out.write_all(b"250 OK\r\n")?;
        } else if let Some(rest) = upper.strip_prefix("RCPT TO:") {
            to.push(command[command.len() - rest.len()..].trim().to_owned());
            out.write_all(b"250 OK\r\n")?;
        } else if upper == "DATA" {
            out.write_all(b"354 go ahead\r\n")?;
            let mut data = String::new();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line)? == 0 {
                    return Ok(());
                }
                if line == ".\r\n" || line == ".\n" {
                    break;
                }
                data.push_str(
                    line.strip_prefix('.')
                        .filter(|_| line.starts_with(".."))
                        .unwrap_or(&line),
                );
            }
            received
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(Mail {
                    from: std::mem::take(&mut from),
                    to: std::mem::take(&mut to),
                    data,
                });
            out.write_all(b"250 OK queued\r\n")?;
        } else if upper == "QUIT" {
            out.write_all(b"221 bye\r\n")?;
            return Ok(());
        } else {
            out.write_all(b"250 OK\r\n")?;
        }
    }
}
