//! An in-process SMTP sink for tests (feature `test-sink`): a tokio listener on `127.0.0.1` that
//! speaks enough SMTP (greeting, EHLO/HELO, optional `STARTTLS` and `AUTH PLAIN LOGIN`
//! advertisements, MAIL, RCPT, DATA, RSET, NOOP, QUIT) to accept messages and record them.
//!
//! It does no TLS: a `STARTTLS` command is refused with `454`. [`SinkOptions::silent`] makes it
//! accept connections and never answer, to test timeouts.
//!
//! ```ignore
//! let sink = SmtpSink::start(SinkOptions::default()).await?;
//! // point SMTP_HOST / SMTP_PORT at sink.host() / sink.port(), with SMTP_TLS=false
//! let mails = sink.wait_for_mails(1, Duration::from_secs(5)).await;
//! assert_eq!(mails[0].rcpt_to, ["admin@example.com"]);
//! ```

use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::io::AsyncReadExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

mod session;

type Mails = Arc<Mutex<Vec<ReceivedMail>>>;

/// What the sink advertises and how it behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SinkOptions {
    /// Advertise `STARTTLS` in the EHLO reply (the command itself is then refused).
    pub advertise_starttls: bool,
    /// Advertise `AUTH PLAIN LOGIN` and accept any credentials.
    pub advertise_auth: bool,
    /// Advertise `8BITMIME` (default `true`).
    pub advertise_8bitmime: bool,
    /// Accept connections but never send a byte.
    pub silent: bool,
}

impl Default for SinkOptions {
    fn default() -> Self {
        Self {
            advertise_starttls: false,
            advertise_auth: false,
            advertise_8bitmime: true,
            silent: false,
        }
    }
}

/// One accepted message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedMail {
    /// The envelope sender (`MAIL FROM`), without angle brackets.
    pub mail_from: String,
    /// The envelope recipients (`RCPT TO`), without angle brackets.
    pub rcpt_to: Vec<String>,
    /// The `AUTH` mechanism used on the connection (`PLAIN`, `LOGIN`), if any.
    pub auth_mechanism: Option<String>,
    /// The raw message (headers and body, CRLF line endings, dot-stuffing removed).
    pub data: String,
}

impl ReceivedMail {
    /// The unfolded value of the first top-level header called `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<String> {
        let head = self.data.split("\r\n\r\n").next()?;
        let mut value: Option<String> = None;
        for line in head.split("\r\n") {
            if line.starts_with([' ', '\t']) {
                if let Some(value) = value.as_mut() {
                    value.push_str(line);
                }
                continue;
            }
            if value.is_some() {
                break;
            }
            if let Some((field, rest)) = line.split_once(':')
                && field.eq_ignore_ascii_case(name)
            {
                value = Some(rest.trim_start().to_owned());
            }
        }
        value
    }
}

/// A running sink; it stops accepting connections when dropped.
pub struct SmtpSink {
    address: SocketAddr,
    mails: Mails,
    connections: Arc<AtomicUsize>,
    task: JoinHandle<()>,
}

impl SmtpSink {
    /// Starts a sink on `127.0.0.1` with a free port.
    ///
    /// # Errors
    /// The I/O error if no port can be bound.
    pub async fn start(options: SinkOptions) -> io::Result<Self> {
        Self::start_at(0, options).await
    }

    /// Starts a sink on `127.0.0.1:port` (a relay coming back where it was).
    ///
    /// # Errors
    /// The I/O error if the port cannot be bound.
    pub async fn start_at(port: u16, options: SinkOptions) -> io::Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", port)).await?;
        let address = listener.local_addr()?;
        let mails = Mails::default();
        let connections = Arc::new(AtomicUsize::new(0));
        let task = tokio::spawn(accept(
            listener,
            options,
            Arc::clone(&mails),
            Arc::clone(&connections),
        ));
        Ok(Self {
            address,
            mails,
            connections,
            task,
        })
    }

    /// The host to connect to (`127.0.0.1`).
    pub fn host(&self) -> String {
        self.address.ip().to_string()
    }

    /// The port the sink listens on.
    pub fn port(&self) -> u16 {
        self.address.port()
    }

    /// How many connections the sink accepted so far (also when silent).
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    /// The messages accepted so far.
    pub fn mails(&self) -> Vec<ReceivedMail> {
        self.mails
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Waits until at least `count` messages arrived or `timeout` passed; returns them all.
    pub async fn wait_for_mails(&self, count: usize, timeout: Duration) -> Vec<ReceivedMail> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let mails = self.mails();
            if mails.len() >= count || tokio::time::Instant::now() >= deadline {
                return mails;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn accept(
    listener: TcpListener,
    options: SinkOptions,
    mails: Mails,
    connections: Arc<AtomicUsize>,
) {
    while let Ok((stream, _)) = listener.accept().await {
        connections.fetch_add(1, Ordering::SeqCst);
        let mails = Arc::clone(&mails);
        tokio::spawn(async move {
            if options.silent {
                hold(stream).await;
            } else {
                // An I/O error just ends that client's session.
                let _ = session::run(stream, options, mails).await;
            }
        });
    }
}

/// Keeps the connection open without answering until the client goes away.
async fn hold(mut stream: TcpStream) {
    let mut buffer = [0_u8; 512];
    while matches!(stream.read(&mut buffer).await, Ok(read) if read > 0) {}
}
