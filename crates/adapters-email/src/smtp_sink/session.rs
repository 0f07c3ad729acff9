//! One client's SMTP conversation with the sink.

use std::io;
use std::sync::PoisonError;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};

use super::{Mails, ReceivedMail, SinkOptions};

/// The envelope of the message being received, and the session's AUTH mechanism.
#[derive(Default)]
struct State {
    mail_from: String,
    rcpt_to: Vec<String>,
    auth_mechanism: Option<String>,
}

/// Serves one connection until QUIT or until the client goes away.
pub(super) async fn run(stream: TcpStream, options: SinkOptions, mails: Mails) -> io::Result<()> {
    let (reader, mut writer) = stream.into_split();
    let mut reader = BufReader::new(reader);
    let mut state = State::default();
    writer
        .write_all(b"220 sink.test ESMTP test sink\r\n")
        .await?;
    loop {
        let line = read_line(&mut reader).await?;
        let command = line.trim_end_matches(['\r', '\n']);
        let upper = command.to_ascii_uppercase();
        let reply = if upper.starts_with("EHLO") {
            ehlo_reply(options)
        } else if upper.starts_with("HELO") {
            "250 sink.test\r\n".to_owned()
        } else if upper == "STARTTLS" {
            "454 4.7.0 TLS not available in the test sink\r\n".to_owned()
        } else if upper.starts_with("AUTH ") {
            state.auth_mechanism = authenticate(&mut reader, &mut writer, command).await?;
            continue;
        } else if upper.starts_with("MAIL FROM:") {
            state.mail_from = path(command.get(10..).unwrap_or_default());
            "250 2.1.0 OK\r\n".to_owned()
        } else if upper.starts_with("RCPT TO:") {
            state
                .rcpt_to
                .push(path(command.get(8..).unwrap_or_default()));
            "250 2.1.5 OK\r\n".to_owned()
        } else if upper == "DATA" {
            writer
                .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                .await?;
            let data = read_data(&mut reader).await?;
            let mail = ReceivedMail {
                mail_from: std::mem::take(&mut state.mail_from),
                rcpt_to: std::mem::take(&mut state.rcpt_to),
                auth_mechanism: state.auth_mechanism.clone(),
                data,
            };
            mails
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(mail);
            "250 2.0.0 OK queued\r\n".to_owned()
        } else if upper == "RSET" {
            state.mail_from.clear();
            state.rcpt_to.clear();
            "250 2.0.0 OK\r\n".to_owned()
        } else if upper == "NOOP" {
            "250 2.0.0 OK\r\n".to_owned()
        } else if upper == "QUIT" {
            writer.write_all(b"221 2.0.0 Bye\r\n").await?;
            return Ok(());
        } else {
            "502 5.5.2 Command not recognised\r\n".to_owned()
        };
        writer.write_all(reply.as_bytes()).await?;
    }
}

/// One line from the client; end of stream is an error that ends the session.
async fn read_line(reader: &mut BufReader<OwnedReadHalf>) -> io::Result<String> {
    let mut line = String::new();
    if reader.read_line(&mut line).await? == 0 {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    Ok(line)
}

fn ehlo_reply(options: SinkOptions) -> String {
    let mut lines = vec!["sink.test greets you"];
    if options.advertise_8bitmime {
        lines.push("8BITMIME");
    }
    if options.advertise_auth {
        lines.push("AUTH PLAIN LOGIN");
    }
    if options.advertise_starttls {
        lines.push("STARTTLS");
    }
    lines.push("SIZE 10485760");
    let last = lines.len() - 1;
    let mut reply = String::new();
    for (index, line) in lines.iter().enumerate() {
        reply.push_str(if index == last { "250 " } else { "250-" });
        reply.push_str(line);
        reply.push_str("\r\n");
    }
    reply
}

/// Runs an AUTH exchange, accepting any credentials; returns the mechanism if it is known.
async fn authenticate(
    reader: &mut BufReader<OwnedReadHalf>,
    writer: &mut OwnedWriteHalf,
    command: &str,
) -> io::Result<Option<String>> {
    let mut words = command.split_whitespace().skip(1);
    let mechanism = words.next().unwrap_or_default().to_ascii_uppercase();
    let initial_response = words.next();
    match mechanism.as_str() {
        "PLAIN" => {
            if initial_response.is_none() {
                writer.write_all(b"334 \r\n").await?;
                read_line(reader).await?;
            }
        }
        "LOGIN" => {
            if initial_response.is_none() {
                writer.write_all(b"334 VXNlcm5hbWU6\r\n").await?;
                read_line(reader).await?;
            }
            writer.write_all(b"334 UGFzc3dvcmQ6\r\n").await?;
            read_line(reader).await?;
        }
        _ => {
            writer
                .write_all(b"504 5.5.4 Unrecognised authentication type\r\n")
                .await?;
            return Ok(None);
        }
    }
    writer
        .write_all(b"235 2.7.0 Authentication successful\r\n")
        .await?;
    Ok(Some(mechanism))
}

/// The message after `DATA`, up to the lone `.` line, with dot-stuffing removed.
async fn read_data(reader: &mut BufReader<OwnedReadHalf>) -> io::Result<String> {
    let mut data = String::new();
    loop {
        let line = read_line(reader).await?;
        if line == ".\r\n" || line == ".\n" {
            return Ok(data);
        }
        data.push_str(line.strip_prefix('.').unwrap_or(&line));
    }
}

/// `<user@example.com> BODY=8BITMIME` becomes `user@example.com`.
fn path(argument: &str) -> String {
    let argument = argument.trim();
    let inner = argument.strip_prefix('<').unwrap_or(argument);
    inner.split('>').next().unwrap_or_default().to_owned()
}
