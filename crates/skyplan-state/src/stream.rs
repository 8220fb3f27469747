//! Reading a state file through a buffer of bounded size, one element of
//! its `resources` list at a time.
//!
//! A 100,000-resource state is 73 MB of JSON. Read whole, its text was a
//! fifth of a no-op plan's peak memory, and the kernel clearing the pages
//! of that buffer was a third of the time `reach` spent on the state. Here
//! serde_json parses each value in place in a 256 KiB buffer refilled as
//! values are consumed.
//!
//! The reader declines whatever it does not take cleanly (bad JSON, a
//! truncated file, a `resources` key twice or missing, bytes that are not
//! UTF-8); the caller then reads the file
//! whole, and that reading says what is wrong, with its line and column.
//! So this reader is an optimisation that never changes an answer: what it
//! accepts, the whole reading accepts the same.

use std::io::{self, Read};

use serde::de::{DeserializeOwned, IgnoredAny};

/// Large enough that a refill (which moves the unread rest of the buffer
/// to its front and parses a cut value again) comes once per few hundred
/// resources, small enough to stay in the CPU's cache.
const PIECE: usize = 256 << 10;

/// Reads a state file's top-level object: each element of its `resources`
/// list is handed to `element` as it is read (`false` from it declines:
/// the element cannot be taken, say a second resource at one address);
/// the rest of the object is returned as the text of an object with
/// `"resources": []` in the list's place, for the caller to parse as it
/// parses a whole file. `None` declines (see the module's comment).
pub(crate) fn object<R: Read, T: DeserializeOwned>(
    reader: R,
    mut element: impl FnMut(T) -> bool,
) -> Option<String> {
    let mut input = Pieces::new(reader);
    let mut rest = String::from("{");
    let mut resources_read = false;
    input.take(b'{')?;
    if input.peek()? == b'}' {
        // `{}`: no resources, which the whole reading refuses.
        return None;
    }
    loop {
        let (key, _) = input.value::<String>()?;
        input.take(b':')?;
        if rest.len() > 1 {
            rest.push(',');
        }
        rest.push_str(&serde_json::to_string(&key).ok()?);
        rest.push(':');
        if key == "resources" {
            if std::mem::replace(&mut resources_read, true) {
                return None;
            }
            rest.push_str("[]");
            input.list(&mut element)?;
        } else {
            let (IgnoredAny, text) = input.value::<IgnoredAny>()?;
            rest.push_str(text);
        }
        match input.next()? {
            b',' => {}
            b'}' => break,
            _ => return None,
        }
    }
    rest.push('}');
    (resources_read && input.peek().is_none()).then_some(rest)
}

/// A JSON text read in pieces.
struct Pieces<R> {
    reader: R,
    /// What was read and not yet consumed starts at `pos`. Kept as text,
    /// checked once as it is read: serde_json then reads it as `&str`,
    /// without checking each string again.
    text: String,
    pos: usize,
    /// The first bytes of a character the last read cut in two.
    cut: Vec<u8>,
    eof: bool,
}

impl<R: Read> Pieces<R> {
    fn new(reader: R) -> Pieces<R> {
        Pieces {
            reader,
            text: String::with_capacity(PIECE),
            pos: 0,
            cut: Vec::new(),
            eof: false,
        }
    }

    /// Reads more after the unconsumed text (moved to the front; a buffer
    /// holding nothing but one unfinished value doubles). `None` when the
    /// file has ended, cannot be read or is not UTF-8.
    fn fill(&mut self) -> Option<()> {
        if self.eof {
            return None;
        }
        let mut bytes = std::mem::take(&mut self.text).into_bytes();
        bytes.drain(..self.pos);
        self.pos = 0;
        bytes.append(&mut self.cut);
        if bytes.len() == bytes.capacity() {
            bytes.reserve(bytes.capacity());
        }
        let spare = (bytes.capacity() - bytes.len()) as u64;
        let read = loop {
            match (&mut self.reader).take(spare).read_to_end(&mut bytes) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                read => break read.ok()?,
            }
        };
        self.eof = read == 0;
        self.text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) if e.utf8_error().error_len().is_none() && !self.eof => {
                let valid = e.utf8_error().valid_up_to();
                let mut bytes = e.into_bytes();
                self.cut = bytes.split_off(valid);
                String::from_utf8(bytes).ok()?
            }
            Err(_) => return None,
        };
        Some(())
    }

    /// The next byte that is not JSON whitespace, left unread; `None` at
    /// the end of the file.
    fn peek(&mut self) -> Option<u8> {
        loop {
            while let Some(&byte) = self.text.as_bytes().get(self.pos) {
                match byte {
                    b' ' | b'\t' | b'\n' | b'\r' => self.pos += 1,
                    _ => return Some(byte),
                }
            }
            self.fill()?;
        }
    }

    fn next(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.pos += 1;
        Some(byte)
    }

    fn take(&mut self, byte: u8) -> Option<()> {
        (self.next()? == byte).then_some(())
    }

    /// The next JSON value as a `T`, and its text.
    fn value<T: DeserializeOwned>(&mut self) -> Option<(T, &str)> {
        self.peek()?;
        loop {
            let text = &self.text[self.pos..];
            let mut values = serde_json::Deserializer::from_str(text).into_iter::<T>();
            match values.next() {
                // A value that ends where the buffer does may go on after
                // it (a number cut in two): it is read again with more.
                Some(Ok(value)) if values.byte_offset() < text.len() || self.eof => {
                    let start = self.pos;
                    self.pos += values.byte_offset();
                    return Some((value, &self.text[start..self.pos]));
                }
                Some(Err(e)) if !cut_at_end(text.as_bytes(), &e) => return None,
                Some(_) | None => self.fill()?,
            }
        }
    }

    /// A JSON list, each element handed to `element` as it is read.
    fn list<T: DeserializeOwned>(&mut self, element: &mut impl FnMut(T) -> bool) -> Option<()> {
        self.take(b'[')?;
        if self.peek()? == b']' {
            self.pos += 1;
            return Some(());
        }
        loop {
            let (value, _) = self.value::<T>()?;
            if !element(value) {
                return None;
            }
            match self.next()? {
                b',' => {}
                b']' => return Some(()),
                _ => return None,
            }
        }
    }
}

/// Whether `error` may be the text stopping short: serde_json says so of
/// a string or list cut in two, but a number cut after its `.` or `e` is
/// "invalid" there. An error on the last line at or past its end is taken
/// for a cut (read again with more, once, it is at a place before the end).
fn cut_at_end(text: &[u8], error: &serde_json::Error) -> bool {
    let last_line = text.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    error.is_eof() || error.column() + 1 >= text.len() - last_line
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `text` through a reader that hands out `chunk` bytes at a
    /// time, so every value is cut at every place in some run.
    fn read(text: &str, chunk: usize) -> Option<(Vec<serde_json::Value>, String)> {
        struct Trickle<'a>(&'a [u8], usize);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let n = self.1.min(buf.len()).min(self.0.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut elements = Vec::new();
        let rest = object(Trickle(text.as_bytes(), chunk), |e| {
            elements.push(e);
            true
        })?;
        Some((elements, rest))
    }

    #[test]
    fn elements_are_read_whole_wherever_the_reads_cut_them() {
        let text = r#" { "serial" : 100288, "resources": [ {"a": [1, 2.5e3, "x\"y", -0.75]}, 12345, "é" ] , "lineage":"l" }
"#;
        for chunk in 1..text.len() + 1 {
            let (elements, rest) = read(text, chunk).unwrap();
            assert_eq!(
                elements,
                [
                    serde_json::json!({"a": [1, 2.5e3, "x\"y", -0.75]}),
                    serde_json::json!(12345),
                    serde_json::json!("é"),
                ],
                "reads of {chunk} bytes"
            );
            assert_eq!(rest, r#"{"serial":100288,"resources":[],"lineage":"l"}"#);
        }
    }

    #[test]
    fn a_value_larger_than_the_buffer_is_read() {
        let long = "x".repeat(3 * PIECE);
        let text = format!(r#"{{"resources": ["{long}"], "lineage": "{long}"}}"#);
        let (elements, rest) = read(&text, PIECE).unwrap();
        assert_eq!(elements, [serde_json::json!(long)]);
        assert_eq!(
            rest.len(),
            long.len() + r#"{"resources":[],"lineage":""}"#.len()
        );
    }

    #[test]
    fn what_is_not_one_clean_object_with_one_list_of_resources_is_declined() {
        for text in [
            "",
            "{}",
            "[]",
            r#"{"serial": 1}"#,
            r#"{"resources": []"#,
            r#"{"resources": [1,]}"#,
            r#"{"resources": [1 2]}"#,
            r#"{"resources": [], "resources": []}"#,
            r#"{"resources": []} x"#,
            r#"{"resources": [], "serial": 1"#,
            r#"{"resources": [], "serial": 12"#,
            r#"{"resources": {}}"#,
            r#"{"resources": [], "lineage": "cut"#,
        ] {
            assert_eq!(read(text, 4), None, "{text}");
        }
        // Not UTF-8, in a value nothing parses.
        let bytes = b"{\"resources\": [], \"other\": \"\xff\"}";
        let mut elements = Vec::<serde_json::Value>::new();
        let taken = object(&bytes[..], |e| {
            elements.push(e);
            true
        });
        assert_eq!(taken, None);
    }

    #[test]
    fn an_element_refused_declines_the_whole() {
        let text = r#"{"resources": [1, 2, 3]}"#;
        assert_eq!(object(text.as_bytes(), |n: u32| n < 2), None);
        assert!(object(text.as_bytes(), |n: u32| n < 4).is_some());
    }
}
