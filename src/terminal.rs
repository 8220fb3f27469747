//! What may reach a terminal. Text from specs and state files is data: an
//! escape sequence in a `user_data` line, a file name or a state address
//! must show as text, never move the cursor, set a hyperlink or retitle the
//! window. Everything that prints such text goes through [`escape`] (or
//! [`same_length`] for miette source snippets, whose spans are byte offsets).

use std::borrow::Cow;

/// Bidirectional overrides and isolates ("Trojan Source"): they reorder
/// what the reader sees without being visible themselves.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

fn is_unsafe(c: char, keep_newlines: bool) -> bool {
    match c {
        '\n' | '\t' => !keep_newlines,
        c => c.is_control() || is_bidi_control(c),
    }
}

fn escape_with(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    if !text.chars().any(|c| is_unsafe(c, keep_newlines)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c, keep_newlines) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` with every control character except newline and tab written as
/// `\u{1b}`, so it prints as what it is.
pub fn escape(text: &str) -> Cow<'_, str> {
    escape_with(text, true)
}

/// [`escape`] for text that must stay on one line (names, addresses).
pub fn escape_line(text: &str) -> Cow<'_, str> {
    escape_with(text, false)
}

/// The last line of defence on stdout and stderr: C1 controls (which some
/// terminals take as escape sequences) and bidirectional overrides, wherever
/// they come from, written as `\u0085`. That is also JSON's own escape, so
/// JSON output keeps its meaning; skyplan's own text never holds them, and
/// ANSI colours (C0 escapes) are untouched.
pub fn escape_invisible(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| ('\u{80}'..='\u{9f}').contains(&c) || is_bidi_control(c);
    // Every character it escapes is outside ASCII: a plan's tens of
    // megabytes are usually decided by one fast pass over the bytes.
    if text.is_ascii() || !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` made safe for a source snippet without moving any byte offset:
/// a lone carriage return (old Mac line ends) becomes a newline, so the
/// snippet shows the line the position names; every other unsafe character
/// becomes as many `?` as it has bytes.
pub fn same_length(text: &str) -> Cow<'_, str> {
    let lone_cr = |i: usize| text.as_bytes().get(i + 1) != Some(&b'\n');
    let needs = text
        .char_indices()
        .any(|(i, c)| (c == '\r' && lone_cr(i)) || (c != '\r' && is_unsafe(c, true)));
    if !needs {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        match c {
            '\r' if lone_cr(i) => out.push('\n'),
            '\r' => out.push('\r'),
            c if is_unsafe(c, true) => out.extend(std::iter::repeat_n('?', c.len_utf8())),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// ANSI colours for the plan, off unless the run asked for colour.
#[derive(Clone, Copy, Debug)]
pub struct Paint {
    pub on: bool,
}

impl Paint {
    fn wrap(self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
    pub fn green(self, text: &str) -> String {
        self.wrap("32", text)
    }
    pub fn yellow(self, text: &str) -> String {
        self.wrap("33", text)
    }
    pub fn red(self, text: &str) -> String {
        self.wrap("31", text)
    }
    pub fn bold(self, text: &str) -> String {
        self.wrap("1", text)
    }
}

/// `2026-11-25 20:31:05 UTC` for seconds since the Unix epoch (Howard
/// Hinnant's days-to-civil algorithm; std has no calendar).
pub fn utc_date(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        rem / 3_600,
        rem % 3_600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_print_as_text() {
        let osc8 = "echo \x1b]8;;http://evil\x07click\x1b]8;;\x07\n";
        assert_eq!(
            escape(osc8),
            "echo \\u{1b}]8;;http://evil\\u{7}click\\u{1b}]8;;\\u{7}\n"
        );
        assert_eq!(escape_line("a\nb\u{202E}c"), "a\\u{a}b\\u{202e}c");
        assert!(matches!(escape("plain text\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn snippets_keep_every_byte_offset() {
        for text in ["a\rb\rc", "a\r\nb", "x\x1by\u{85}z\u{202E}", "plain"] {
            let safe = same_length(text);
            assert_eq!(safe.len(), text.len(), "{text:?}");
            assert!(
                !safe
                    .chars()
                    .any(|c| c.is_control() && c != '\n' && c != '\r')
            );
        }
        assert_eq!(same_length("a\rb\r\nc"), "a\nb\r\nc");
    }

    #[test]
    fn dates_are_civil_utc() {
        assert_eq!(utc_date(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(utc_date(1_795_634_898), "2026-11-25 19:28:18 UTC");
        assert_eq!(utc_date(951_782_400), "2000-02-29 00:00:00 UTC");
    }
}
