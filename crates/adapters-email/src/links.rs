//! [`extract_links`]: the `http://` and `https://` links in a plain-text email, so the outbox can
//! log them and tests can follow them.

/// Every `http://` or `https://` link in `text`, in order. A link ends at whitespace, a quote or
/// an angle bracket; trailing sentence punctuation (`.`, `,`, `)`, ...) is not part of it.
pub fn extract_links(text: &str) -> Vec<&str> {
    let mut links = Vec::new();
    let mut rest = text;
    while let Some(start) = next_scheme(rest) {
        let candidate = &rest[start..];
        let end = candidate
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>'))
            .unwrap_or(candidate.len());
        let link = candidate[..end].trim_end_matches(['.', ',', ')', ';', ':', '!', '?']);
        if !link.ends_with("//") {
            links.push(link);
        }
        rest = &candidate[end..];
    }
    links
}

/// Where the next `http://` or `https://` starts.
fn next_scheme(text: &str) -> Option<usize> {
    [text.find("http://"), text.find("https://")]
        .into_iter()
        .flatten()
        .min()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_links_and_drops_trailing_punctuation() {
        let text = "Reset: https://app.example.com/reset-password?token=a.b-c_d.\n\
                    Home (http://localhost:5173), nothing at http:// here.";
        assert_eq!(
            extract_links(text),
            vec![
                "https://app.example.com/reset-password?token=a.b-c_d",
                "http://localhost:5173"
            ]
        );
    }

    #[test]
    fn no_links_in_plain_text() {
        assert!(extract_links("Hi,\n\nthis is a test.").is_empty());
    }
}
