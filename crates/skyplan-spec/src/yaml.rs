//! YAML text to a tree of [`Node`]s that know their byte span.
//!
//! serde-saphyr decides what YAML means (see README: serde_yaml is
//! unmaintained): every child is read as a `serde_saphyr::Spanned` value,
//! which gives the byte range of each scalar, list and mapping. Duplicate
//! keys are passed through so the decoder can report both places; YAML 1.1
//! booleans stay strings so the decoder can name them. Budgets bound what a
//! hostile file can cost.
//!
//! Most spec files are plain YAML: no anchors, aliases or tags, scalars that
//! are names, blocks, small integers and booleans. For those, [`fast`]
//! builds the same tree straight from the events of serde-saphyr's own
//! parser, at about a third of the cost (serde's per-value machinery is
//! most of it); whatever it cannot decide exactly as serde-saphyr would, it
//! leaves to serde-saphyr, which then parses the whole file (a test holds
//! the two to the same trees).

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Budget, DuplicateKeyPolicy, Error as YamlError, Spanned};
use skyplan_diagnostics::{Diagnostic, FileId, Rule, SourceFile, Span};

/// Largest spec file skyplan reads (a 100,000-resource stack in one file is
/// about 15 MiB).
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;
/// Deepest nesting of lists and mappings. The spec language needs 6.
pub const MAX_DEPTH: usize = 24;

/// A YAML value with its byte range in the file. Its strings borrow the
/// file's text where they are written as they read (most plain scalars):
/// decoding copies each once, into the declaration that keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct Node<'t> {
    pub value: Value<'t>,
    /// Byte offsets `[start, end)` in the file.
    pub start: u32,
    pub end: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value<'t> {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Cow<'t, str>),
    Seq(Vec<Node<'t>>),
    Map(Vec<(Node<'t>, Node<'t>)>),
}

impl Value<'_> {
    /// What the value is, in the words of an error message.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "nothing (null)",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "an integer",
            Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

impl Node<'_> {
    fn from_spanned(s: Spanned<Value<'static>>) -> Node<'static> {
        let span = s.referenced.span();
        let start = span.byte_offset().unwrap_or(0) as u32;
        let len = span.byte_len().unwrap_or(0) as u32;
        Node {
            value: s.value,
            start,
            end: start + len,
        }
    }

    pub fn span(&self, file: FileId) -> Span {
        Span::new(file, self.start, self.end)
    }
}

impl<'de> Deserialize<'de> for Value<'static> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value<'static>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Value<'static>, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value<'static>, E> {
        Ok(Value::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value<'static>, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value<'static>, E> {
        Ok(Value::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value<'static>, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Value<'static>, E> {
        Ok(Value::Float(v as f64))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Value<'static>, E> {
        Ok(Value::Float(v as f64))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value<'static>, E> {
        Ok(Value::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value<'static>, E> {
        Ok(Value::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<Value<'static>, E> {
        Ok(Value::Str(Cow::Owned(v)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value<'static>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element::<Spanned<Value<'static>>>()? {
            items.push(Node::from_spanned(item));
        }
        Ok(Value::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value<'static>, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0));
        while let Some(key) = map.next_key::<Spanned<Value<'static>>>()? {
            let value = map.next_value::<Spanned<Value<'static>>>()?;
            entries.push((Node::from_spanned(key), Node::from_spanned(value)));
        }
        Ok(Value::Map(entries))
    }
}

fn options() -> serde_saphyr::Options {
    let mut budget = Budget::default();
    budget.max_events = 40_000_000;
    budget.max_nodes = 5_000_000;
    budget.max_depth = MAX_DEPTH;
    budget.flow_nesting_limit = MAX_DEPTH;
    budget.max_total_scalar_bytes = MAX_FILE_BYTES;
    // Aliases are rare in specs; a small replay budget stops alias bombs
    // in milliseconds instead of after millions of expanded nodes.
    let mut alias_limits = serde_saphyr::options::AliasLimits::default();
    alias_limits.max_total_replayed_events = 100_000;
    serde_saphyr::options! {
        budget: Some(budget),
        alias_limits: alias_limits,
        duplicate_keys: DuplicateKeyPolicy::PassThrough,
        strict_booleans: true,
        with_snippet: false,
        crop_radius: 0,
    }
}

/// Parses one file into a node tree, or says why it cannot.
pub fn parse(file_id: FileId, file: &SourceFile) -> Result<Node<'_>, Box<Diagnostic>> {
    let whole = Span::new(file_id, 0, 0);
    if file.text.len() > MAX_FILE_BYTES {
        return Err(Box::new(
            Diagnostic::new(
                Rule::YamlLimits,
                format!(
                    "{} is {} bytes, more than the {} skyplan reads",
                    file.name,
                    file.text.len(),
                    MAX_FILE_BYTES
                ),
            )
            .at(whole, "file too large")
            .help("split the stack into several files"),
        ));
    }
    let parsed = match fast::parse(&file.text) {
        Some(root) => Ok(root),
        None => by_serde(&file.text),
    };
    match parsed {
        Ok(mut root) => {
            cover_children(&mut root, file.text.as_bytes());
            Ok(root)
        }
        Err(error) => Err(Box::new(describe_error(file_id, file, &error))),
    }
}

/// The whole file through serde-saphyr, which decides everything.
fn by_serde(text: &str) -> Result<Node<'static>, YamlError> {
    serde_saphyr::from_str_with_options::<Spanned<Value<'static>>>(text, options())
        .map(Node::from_spanned)
}

mod fast;

/// serde-saphyr spans a collection by its first token only; widen every
/// list and mapping to cover its last child and, for flow style, its
/// closing bracket, so a label on a whole entry underlines all of it.
fn cover_children(node: &mut Node, text: &[u8]) {
    let last_end = match &mut node.value {
        Value::Seq(items) => {
            items.iter_mut().for_each(|n| cover_children(n, text));
            items.last().map(|n| n.end)
        }
        Value::Map(entries) => {
            for (k, v) in entries.iter_mut() {
                cover_children(k, text);
                cover_children(v, text);
            }
            entries.last().map(|(_, v)| v.end)
        }
        _ => None,
    };
    let close = match text.get(node.start as usize) {
        Some(b'{') => Some(b'}'),
        Some(b'[') => Some(b']'),
        _ => None,
    };
    let mut end = last_end.unwrap_or(node.end).max(node.end);
    if let Some(close) = close {
        let mut i = end as usize;
        while i < text.len() && (text[i].is_ascii_whitespace() || text[i] == b',') {
            i += 1;
        }
        if text.get(i) == Some(&close) {
            end = i as u32 + 1;
        }
    }
    node.end = end;
}

fn describe_error(file_id: FileId, file: &SourceFile, error: &YamlError) -> Diagnostic {
    let rule = if matches!(
        error,
        YamlError::Budget { .. }
            | YamlError::AliasReplayLimitExceeded { .. }
            | YamlError::AliasExpansionLimitExceeded { .. }
            | YamlError::AliasReplayStackDepthExceeded { .. }
            | YamlError::AliasReplayCounterOverflow { .. }
    ) || {
        let text = error.to_string();
        text.contains("limit exceeded") || text.contains("budget breached")
    } {
        Rule::YamlLimits
    } else {
        Rule::YamlSyntax
    };
    let span = match error.location() {
        Some(loc) => {
            let start = file.offset_of(loc.line() as u32, loc.column() as u32);
            let end = file.text[start as usize..]
                .chars()
                .next()
                .map_or(start, |c| start + c.len_utf8() as u32);
            Span::new(file_id, start, end)
        }
        None => Span::new(file_id, 0, 0),
    };
    let message = plain_message(error);
    let summary = if matches!(error, YamlError::MultipleDocuments { .. }) {
        "a spec file holds one YAML document; this one has several".to_string()
    } else if rule == Rule::YamlLimits {
        format!("the file exceeds skyplan's YAML limits: {message}")
    } else {
        format!("invalid YAML: {message}")
    };
    Diagnostic::new(rule, summary).at(span, "here")
}

/// serde-saphyr's message without its trailing " at line L, column C".
fn plain_message(error: &YamlError) -> String {
    let text = error.to_string();
    match text.find(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use skyplan_diagnostics::SourceFiles;

    fn parse_text(text: &str) -> Result<Node<'static>, Box<Diagnostic>> {
        let mut files = SourceFiles::new();
        let id = files.add("t.yaml", text);
        // The tree borrows the file's text: kept for the test's run.
        let files: &'static SourceFiles = Box::leak(Box::new(files));
        parse(id, files.get(id))
    }

    #[test]
    fn scalars_know_their_bytes() {
        let root = parse_text("a: {b: 10.0.0.0/16}\n").unwrap();
        let Value::Map(top) = root.value else {
            panic!()
        };
        let Value::Map(inner) = &top[0].1.value else {
            panic!()
        };
        let value = &inner[0].1;
        assert_eq!(value.value, Value::Str("10.0.0.0/16".into()));
        assert_eq!((value.start, value.end), (7, 18));
    }

    #[test]
    fn duplicate_keys_and_yaml11_booleans_pass_through() {
        let root = parse_text("a: yes\na: 1\n").unwrap();
        let Value::Map(top) = root.value else {
            panic!()
        };
        assert_eq!(top.len(), 2);
        assert_eq!(top[0].1.value, Value::Str("yes".into()));
    }

    #[test]
    fn syntax_errors_have_a_position() {
        let d = parse_text("vpcs:\n  main: {cidr: 10.0.0.0/16\n  x: [\n").unwrap_err();
        assert_eq!(d.rule, Rule::YamlSyntax);
        assert!(d.summary.starts_with("invalid YAML"), "{}", d.summary);
        assert!(d.primary.unwrap().span.start > 0);
    }

    #[test]
    fn deep_nesting_and_alias_bombs_hit_the_limits() {
        let deep = format!("a: {}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert_eq!(parse_text(&deep).unwrap_err().rule, Rule::YamlLimits);
        let block: String = (0..3000)
            .map(|i| format!("{}k{i}:\n", "  ".repeat(i)))
            .collect();
        assert_eq!(parse_text(&block).unwrap_err().rule, Rule::YamlLimits);
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let refs = vec![format!("*a{}", i - 1); 10].join(", ");
            bomb.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        assert_eq!(parse_text(&bomb).unwrap_err().rule, Rule::YamlLimits);
    }

    /// The fast path's tree is serde-saphyr's, span for span, on every
    /// YAML file of the repository and on scalars near its edges; where it
    /// declines, serde-saphyr answers.
    #[test]
    fn the_fast_path_builds_serde_saphyrs_trees() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
        let mut files = Vec::new();
        for dir in ["specs", "examples", "tests"] {
            collect_yaml(&std::path::Path::new(root).join(dir), &mut files);
        }
        assert!(files.len() > 100, "{}", files.len());
        let mut decided = 0;
        for path in &files {
            let text = std::fs::read_to_string(path).unwrap();
            if let Some(fast) = fast::parse(&text) {
                decided += 1;
                assert_eq!(
                    Ok(fast),
                    by_serde(&text).map_err(|e| e.to_string()),
                    "{path:?}"
                );
            }
        }
        assert!(
            decided * 10 > files.len() * 9,
            "{decided} of {}",
            files.len()
        );
        let edges = [
            "a: 0",
            "a: -0",
            "a: 007",
            "a: 1_000",
            "a: 0x1F",
            "a: 0o17",
            "a: 1.5",
            "a: 1e3",
            "a: -1e-3",
            "a: .5",
            "a: .inf",
            "a: -.Inf",
            "a: .NaN",
            "a: +5",
            "a: 10.0.0.0/16",
            "a: 10.0.0.5",
            "a: 2001:db8::/56",
            "a: 1024-65535",
            "a: 123456789012345678",
            "a: 1234567890123456789",
            "a: 99999999999999999999",
            "a: yes",
            "a: No",
            "a: ~",
            "a:",
            "a: null",
            "a: TRUE",
            "a: 'true'",
            "a: \"5\"",
            "a: |\n  x\n",
            "a: >-\n  y\n",
            "a: [1, b, {c: d}]",
            "{a: 1, b: [2, 3]}",
            "- 1\n- x\n",
            "a: &x 1\nb: *x",
            "a: !!str 5",
            "<<: {a: 1}",
            "a: 1\n---\nb: 2",
            "",
            "# only a comment\n",
            "a: b c d",
            "a: 5 x",
            "k: 1-2-3",
            "k: 1e",
            "k: 12:30",
            "k: -",
            "k: .",
            "k: ami-0abcdef1234567890",
            "k: \"\"",
            "k: ''",
            "? [a]\n: b\n",
            "k: 1.2.3",
        ];
        for text in edges {
            if let Some(fast) = fast::parse(text) {
                assert_eq!(
                    Ok(fast),
                    by_serde(text).map_err(|e| e.to_string()),
                    "{text:?}"
                );
            }
        }
    }

    proptest::proptest! {
        /// Plain scalars made of what numbers, names and blocks are made
        /// of: where the fast path decides, it decides as serde-saphyr.
        #[test]
        fn the_fast_path_reads_plain_scalars_as_serde_saphyr(
            scalar in "[0-9a-fA-FxoObeE._+:/-]{1,12}",
        ) {
            let text = format!("k: {scalar}\n");
            if let Some(fast) = fast::parse(&text) {
                proptest::prop_assert_eq!(Ok(fast), by_serde(&text).map_err(|e| e.to_string()));
            }
        }
    }

    fn collect_yaml(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                collect_yaml(&path, out);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                out.push(path);
            }
        }
    }

    #[test]
    fn several_documents_are_refused() {
        let d = parse_text("a: 1\n---\nb: 2\n").unwrap_err();
        assert!(d.summary.contains("one YAML document"), "{}", d.summary);
    }
}
