//! Where and why Python's `json.loads` rejects a document. FastAPI reports a malformed body with
//! Python's character offset and message (`{"loc": ["body", 1], "ctx": {"error": "Expecting
//! property name enclosed in double quotes"}}`), so we locate errors the way CPython's scanner
//! does rather than translating serde_json's.

/// Why Python's `json.loads` refuses a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// A `JSONDecodeError`: the character offset and the message.
    At(usize, &'static str),
    /// Nested deeper than Python's recursion limit (a `RecursionError`, not a decode error).
    TooDeep,
}

/// CPython's default recursion limit, which bounds how deep its decoder nests.
const MAX_DEPTH: usize = 1_000;

type Scan = Result<usize, Refusal>;

const EXPECTING_VALUE: &str = "Expecting value";
const UNTERMINATED: &str = "Unterminated string starting at";
const BAD_UNICODE_ESCAPE: &str = "Invalid \\uXXXX escape";
const COMMA: &str = "Expecting ',' delimiter";

/// Python's verdict on `text`: `None` when it parses.
pub fn decode_error(text: &str) -> Option<Refusal> {
    let chars: Vec<char> = text.chars().collect();
    let scanner = Scanner(&chars);
    let end = match scanner.value(scanner.skip_whitespace(0), 0) {
        Ok(end) => scanner.skip_whitespace(end),
        Err(refusal) => return Some(refusal),
    };
    (end != chars.len()).then_some(Refusal::At(end, "Extra data"))
}

fn at(offset: usize, message: &'static str) -> Refusal {
    Refusal::At(offset, message)
}

struct Scanner<'a>(&'a [char]);

impl Scanner<'_> {
    fn at(&self, i: usize) -> Option<char> {
        self.0.get(i).copied()
    }

    fn skip_whitespace(&self, mut i: usize) -> usize {
        while matches!(self.at(i), Some(' ' | '\t' | '\n' | '\r')) {
            i += 1;
        }
        i
    }

    fn word_at(&self, i: usize, word: &str) -> Option<usize> {
        let len = word.chars().count();
        word.chars()
            .enumerate()
            .all(|(k, c)| self.at(i + k) == Some(c))
            .then_some(i + len)
    }

    /// A value at `i`, inside `depth` containers.
    fn value(&self, i: usize, depth: usize) -> Scan {
        let literal = match self.at(i) {
            Some('"') => return self.string(i + 1),
            Some('{' | '[') if depth >= MAX_DEPTH => return Err(Refusal::TooDeep),
            Some('{') => return self.object(i + 1, depth + 1),
            Some('[') => return self.array(i + 1, depth + 1),
            Some('n') => self.word_at(i, "null"),
            Some('t') => self.word_at(i, "true"),
            Some('f') => self.word_at(i, "false"),
            Some('N') => self.word_at(i, "NaN"),
            Some('I') => self.word_at(i, "Infinity"),
            Some('-' | '0'..='9') => self.number(i).or_else(|| self.word_at(i, "-Infinity")),
            _ => None,
        };
        literal.ok_or(at(i, EXPECTING_VALUE))
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?`, as long as it matches.
    fn number(&self, i: usize) -> Option<usize> {
        let mut end = i + usize::from(self.at(i) == Some('-'));
        end = match self.at(end) {
            Some('0') => end + 1,
            Some('1'..='9') => self.digits(end),
            _ => return None,
        };
        if self.at(end) == Some('.') && self.is_digit(end + 1) {
            end = self.digits(end + 1);
        }
        if matches!(self.at(end), Some('e' | 'E')) {
            let exponent = end + 1 + usize::from(matches!(self.at(end + 1), Some('+' | '-')));
            if self.is_digit(exponent) {
                end = self.digits(exponent);
            }
        }
        Some(end)
    }

    fn is_digit(&self, i: usize) -> bool {
        self.at(i).is_some_and(|c| c.is_ascii_digit())
    }

    fn digits(&self, mut i: usize) -> usize {
        while self.is_digit(i) {
            i += 1;
        }
        i
    }

    /// A string whose opening quote is just before `i`.
    fn string(&self, i: usize) -> Scan {
        let begin = i - 1;
        let mut next = i;
        loop {
            match self.at(next) {
                None => return Err(at(begin, UNTERMINATED)),
                Some('"') => return Ok(next + 1),
                Some('\\') => match self.at(next + 1) {
                    None => return Err(at(begin, UNTERMINATED)),
                    Some('u') => next = self.unicode_escape(next + 1)?,
                    Some('"' | '\\' | '/' | 'b' | 'f' | 'n' | 'r' | 't') => next += 2,
                    Some(_) => return Err(at(next, "Invalid \\escape")),
                },
                Some(c) if u32::from(c) < 0x20 => {
                    return Err(at(next, "Invalid control character at"));
                }
                Some(_) => next += 1,
            }
        }
    }

    /// `\uXXXX` (a surrogate pair takes two) with `u` at index `u`; returns the index after it.
    fn unicode_escape(&self, u: usize) -> Scan {
        let end = u + 5;
        // CPython wants at least one character after the four digits (the closing quote).
        if end >= self.0.len() {
            return Err(at(u, BAD_UNICODE_ESCAPE));
        }
        let high = self.hex4(u + 1).ok_or(at(u, BAD_UNICODE_ESCAPE))?;
        let pair_follows =
            end + 6 < self.0.len() && self.at(end) == Some('\\') && self.at(end + 1) == Some('u');
        if (0xD800..=0xDBFF).contains(&high) && pair_follows {
            let low = self.hex4(end + 2).ok_or(at(end + 1, BAD_UNICODE_ESCAPE))?;
            if (0xDC00..=0xDFFF).contains(&low) {
                return Ok(end + 6);
            }
        }
        Ok(end)
    }

    fn hex4(&self, i: usize) -> Option<u32> {
        (i..i + 4).try_fold(0, |value, k| Some(value * 16 + self.at(k)?.to_digit(16)?))
    }

    /// An object whose `{` is just before `i`, at nesting `depth`.
    fn object(&self, i: usize, depth: usize) -> Scan {
        let mut next = self.skip_whitespace(i);
        if self.at(next) == Some('}') {
            return Ok(next + 1);
        }
        loop {
            if self.at(next) != Some('"') {
                return Err(at(
                    next,
                    "Expecting property name enclosed in double quotes",
                ));
            }
            next = self.skip_whitespace(self.string(next + 1)?);
            if self.at(next) != Some(':') {
                return Err(at(next, "Expecting ':' delimiter"));
            }
            next = self.skip_whitespace(self.value(self.skip_whitespace(next + 1), depth)?);
            match self.at(next) {
                Some('}') => return Ok(next + 1),
                Some(',') => next = self.skip_whitespace(next + 1),
                _ => return Err(at(next, COMMA)),
            }
        }
    }

    /// An array whose `[` is just before `i`, at nesting `depth`.
    fn array(&self, i: usize, depth: usize) -> Scan {
        let mut next = self.skip_whitespace(i);
        if self.at(next) == Some(']') {
            return Ok(next + 1);
        }
        loop {
            next = self.skip_whitespace(self.value(next, depth)?);
            match self.at(next) {
                Some(']') => return Ok(next + 1),
                Some(',') => next = self.skip_whitespace(next + 1),
                _ => return Err(at(next, COMMA)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{MAX_DEPTH, Refusal, decode_error};

    /// Each case with the offset and message CPython 3.11's `json.loads` gives.
    #[test]
    fn locates_errors_as_python_does() {
        let cases: &[(&str, usize, &str)] = &[
            ("", 0, "Expecting value"),
            ("   ", 3, "Expecting value"),
            ("nul", 0, "Expecting value"),
            (
                "{bad",
                1,
                "Expecting property name enclosed in double quotes",
            ),
            ("{", 1, "Expecting property name enclosed in double quotes"),
            (
                "{\"a\":1,}",
                7,
                "Expecting property name enclosed in double quotes",
            ),
            (
                "{\"é\":\"ü\",x}",
                9,
                "Expecting property name enclosed in double quotes",
            ),
            ("{\"a\" 1}", 5, "Expecting ':' delimiter"),
            ("{\"a\":01}", 6, "Expecting ',' delimiter"),
            ("{\"a\":1.}", 6, "Expecting ',' delimiter"),
            ("{\"a\":-}", 5, "Expecting value"),
            ("{\"a\":tru}", 5, "Expecting value"),
            ("{\"a\":}", 5, "Expecting value"),
            ("[", 1, "Expecting value"),
            ("[1,]", 3, "Expecting value"),
            ("[1,2", 4, "Expecting ',' delimiter"),
            ("[1 2]", 3, "Expecting ',' delimiter"),
            ("{\"a\":\"abc", 5, "Unterminated string starting at"),
            ("\"abc\\", 0, "Unterminated string starting at"),
            ("{\"a\":\"\\x\"}", 6, "Invalid \\escape"),
            ("\"\\u12\"", 2, "Invalid \\uXXXX escape"),
            ("\"\\u12zz\"", 2, "Invalid \\uXXXX escape"),
            ("\"\\ud83d\\uzz00\"", 8, "Invalid \\uXXXX escape"),
            ("{\"a\":\"b\nc\"}", 7, "Invalid control character at"),
            ("{\"a\":1} x", 8, "Extra data"),
        ];
        for &(text, offset, message) in cases {
            assert_eq!(
                decode_error(text),
                Some(Refusal::At(offset, message)),
                "{text:?}"
            );
        }
    }

    #[test]
    fn nesting_beyond_pythons_recursion_limit_is_refused_without_recursing_further() {
        let deep = "[".repeat(262_144);
        assert_eq!(decode_error(&deep), Some(Refusal::TooDeep));
        let at_limit = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert_eq!(decode_error(&at_limit), None);
    }

    #[test]
    fn accepts_what_python_accepts() {
        for text in [
            "{}",
            " [ ] ",
            "{\"a\": [1, -2.5e+3, true, false, null, \"\\u00e9\\ud83d\\ude00\\n\"]}",
            "NaN",
            "[Infinity, -Infinity, 1e5000]",
            "\"\\ud83d\\u0041\"",
        ] {
            assert_eq!(decode_error(text), None, "{text:?}");
        }
    }
}
