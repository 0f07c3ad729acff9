//! The MIME message both mailers produce (one builder, so SMTP and the outbox put out the same
//! bytes): `From: name <address>`, one `To`, the subject, and a `multipart/alternative` body with
//! the plain-text part first and the HTML part last (clients show the last part they can render).
//!
//! Parts are sent `7bit` (ASCII) or `8bit` when their lines fit SMTP's 998-byte limit, so links
//! stay verbatim in the raw message (lettre on its own switches to quoted-printable as soon as a
//! line passes 76 characters, which folds a reset link and turns `=` into `=3D`).

use hexstack_domain::EmailAddress;
use hexstack_domain::ports::{ComposedEmail, MailError};
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, Mailbox, MultiPart, SinglePart};
use lettre::{Address, Message};

/// The longest line SMTP allows, without its CRLF (RFC 5321 section 4.5.3.1.6).
const MAX_LINE_BYTES: usize = 998;

/// What the parts may contain on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BodyEncoding {
    /// Parts go out as they are: `7bit` when ASCII, `8bit` otherwise (the server must announce
    /// `8BITMIME` for the latter).
    EightBit,
    /// ASCII only: ASCII parts still go out as they are (`7bit`), others are quoted-printable
    /// or base64 as lettre picks. For servers without `8BITMIME`.
    SevenBit,
}

/// A lettre mailbox for `email`, with an optional display name.
///
/// # Errors
/// [`MailError`] if lettre's address parser refuses an address the domain accepted.
pub(crate) fn mailbox(name: Option<&str>, email: &EmailAddress) -> Result<Mailbox, MailError> {
    let address: Address = email.as_str().parse().map_err(|error| {
        MailError(format!(
            "the mail library does not accept the address {email}: {error}"
        ))
    })?;
    let name = name
        .filter(|name| !name.trim().is_empty())
        .map(str::to_owned);
    Ok(Mailbox::new(name, address))
}

/// The message from `from` to `to` carrying `email`.
///
/// # Errors
/// [`MailError`] if `to` is not accepted by lettre or the message cannot be assembled.
pub(crate) fn build(
    from: &Mailbox,
    to: &EmailAddress,
    email: &ComposedEmail,
    encoding: BodyEncoding,
) -> Result<Message, MailError> {
    let alternative = MultiPart::alternative()
        .singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_PLAIN)
                .body(body(&email.text, encoding)),
        )
        .singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_HTML)
                .body(body(&email.html, encoding)),
        );
    Message::builder()
        .from(from.clone())
        .to(mailbox(None, to)?)
        .subject(email.subject.clone())
        .multipart(alternative)
        .map_err(|error| MailError(format!("could not assemble the message to {to}: {error}")))
}

/// One part's body: as it is (`7bit`/`8bit`) when allowed and its lines fit, else lettre's pick.
fn body(content: &str, encoding: BodyEncoding) -> Body {
    let crlf = crlf_lines(content);
    let fits = !crlf.contains('\0') && crlf.split("\r\n").all(|line| line.len() <= MAX_LINE_BYTES);
    let ascii = crlf.is_ascii();
    if fits && (ascii || encoding == BodyEncoding::EightBit) {
        let transfer = if ascii {
            ContentTransferEncoding::SevenBit
        } else {
            ContentTransferEncoding::EightBit
        };
        // Valid as is: CRLF line endings, no NUL, every line within the SMTP limit.
        return Body::dangerous_pre_encoded(crlf.into_bytes(), transfer);
    }
    Body::new(content.to_owned())
}

/// `content` with every line ending (`\n`, `\r\n`, lone `\r`) turned into CRLF.
fn crlf_lines(content: &str) -> String {
    content
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\n', "\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn email(text: &str, html: &str) -> ComposedEmail {
        ComposedEmail {
            subject: "P - Test email".to_owned(),
            html: html.to_owned(),
            text: text.to_owned(),
        }
    }

    /// A reset link whose token is `filler` repeated `times`.
    fn long_link(filler: &str, times: usize) -> String {
        format!(
            "http://localhost:5173/reset-password?token={}",
            filler.repeat(times)
        )
    }

    fn formatted(email: &ComposedEmail, encoding: BodyEncoding) -> String {
        let from = mailbox(
            Some("Full Stack FastAPI Project"),
            &EmailAddress::parse("info@example.com").unwrap(),
        )
        .unwrap();
        let to = EmailAddress::parse("admin@example.com").unwrap();
        let message = build(&from, &to, email, encoding).unwrap();
        String::from_utf8(message.formatted()).unwrap()
    }

    #[test]
    fn long_links_stay_verbatim() {
        let link = long_link("a", 200);
        let raw = formatted(
            &email(
                &format!("Open:\n{link}\n"),
                &format!("<a href=\"{link}\">x</a>"),
            ),
            BodyEncoding::EightBit,
        );
        assert!(raw.contains(&format!("\r\n{link}\r\n")));
        assert!(raw.contains(&format!("<a href=\"{link}\">x</a>")));
        assert!(raw.contains("Content-Transfer-Encoding: 7bit"));
        assert!(!raw.contains("quoted-printable"));
        let from_line = raw.lines().find(|line| line.starts_with("From: ")).unwrap();
        assert!(
            from_line.contains("Full Stack FastAPI Project"),
            "{from_line}"
        );
        assert!(from_line.ends_with("<info@example.com>"), "{from_line}");
        assert!(raw.contains("To: admin@example.com"));
        assert!(raw.contains("multipart/alternative"));
    }

    #[test]
    fn non_ascii_parts_are_8bit_or_encoded_when_only_ascii_may_go_out() {
        let link = long_link("b", 120);
        let message = email(
            "© 2026 P.",
            &format!("<a href=\"{link}\">&copy; 2026 P.</a>"),
        );
        let eight_bit = formatted(&message, BodyEncoding::EightBit);
        assert!(eight_bit.contains("Content-Transfer-Encoding: 8bit"));
        assert!(eight_bit.contains("© 2026 P."));
        let seven_bit = formatted(&message, BodyEncoding::SevenBit);
        assert!(seven_bit.is_ascii());
        assert!(!seven_bit.contains("8bit"));
        assert!(
            seven_bit.contains(&format!("<a href=\"{link}\">")),
            "ASCII HTML stays verbatim"
        );
    }

    #[test]
    fn overlong_lines_fall_back_to_lettre() {
        let raw = formatted(
            &email(&"x".repeat(1200), "<p>ok</p>"),
            BodyEncoding::EightBit,
        );
        assert!(!raw.contains(&"x".repeat(1200)));
    }

    #[test]
    fn line_endings_become_crlf() {
        assert_eq!(crlf_lines("a\nb\r\nc\rd"), "a\r\nb\r\nc\r\nd");
    }
}
