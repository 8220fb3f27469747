//! Node trees to typed declarations, reporting every language-level
//! problem (unknown and duplicate keys, wrong types, YAML 1.1 booleans,
//! missing attributes, bad names) with the exact span. Decoding goes on
//! after a problem so one run shows all of them.

use skyplan_diagnostics::{Diagnostic, FileId, Rule, SourceFile, Span};

use crate::declarations::*;
use crate::suggest::closest;
use crate::words::Word;
use crate::yaml::{Node, Value};

/// Decoding state for one file.
pub(crate) struct Decoder<'a> {
    pub file: FileId,
    pub source: &'a SourceFile,
    pub diagnostics: &'a mut Vec<Diagnostic>,
    /// The address of the resource being decoded, named by every finding.
    pub resource: Option<String>,
}

/// The keys of one mapping, checked against the keys allowed there.
pub(crate) struct Fields<'n> {
    entries: Vec<(&'n str, &'n Node<'n>, &'n Node<'n>)>,
    /// Where a missing key is reported: the resource name or the mapping.
    owner: Span,
    what: String,
}

const YAML11_BOOLEANS: [&str; 6] = ["yes", "no", "on", "off", "y", "n"];

impl<'a> Decoder<'a> {
    pub fn span(&self, node: &Node) -> Span {
        node.span(self.file)
    }

    pub fn report(&mut self, diagnostic: Diagnostic) {
        let diagnostic = match &self.resource {
            Some(address) => diagnostic.resource(address.clone()),
            None => diagnostic,
        };
        self.diagnostics.push(diagnostic);
    }

    /// The source text of a node.
    pub(crate) fn text(&self, node: &Node) -> &'a str {
        self.source
            .text
            .get(node.start as usize..node.end as usize)
            .unwrap_or("")
            .trim()
    }

    pub fn wrong_type(&mut self, node: &Node, expected: &str) {
        let found = node.value.type_name();
        self.report(
            Diagnostic::new(
                Rule::WrongType,
                format!("expected {expected}, found {found}"),
            )
            .at(self.span(node), format!("expected {expected}")),
        );
    }

    /// The text of a scalar usable as a name or string: strings as they
    /// are, integers as written (a resource may be called `1`).
    pub fn name_text(&self, node: &Node) -> Option<String> {
        match &node.value {
            Value::Str(s) => Some(s.to_string()),
            Value::Int(_) => {
                Some(self.source.text[node.start as usize..node.end as usize].to_string())
            }
            _ => None,
        }
    }

    /// Reads the keys of a mapping; `null` counts as an empty mapping.
    pub fn fields<'n>(
        &mut self,
        node: &'n Node,
        allowed: &[&str],
        what: &str,
        owner: Span,
    ) -> Option<Fields<'n>> {
        let entries = match &node.value {
            Value::Map(entries) => entries.as_slice(),
            Value::Null => &[],
            _ => {
                let expected = if what == "a spec file" {
                    "a mapping of resource kinds to resources".to_string()
                } else {
                    format!("a mapping of the attributes of {what}")
                };
                self.wrong_type(node, &expected);
                return None;
            }
        };
        // Mappings have a handful of keys: a linear scan beats hashing.
        let mut seen: Vec<(&str, Span)> = Vec::with_capacity(entries.len());
        let mut kept = Vec::with_capacity(entries.len());
        for (key, value) in entries {
            let Value::Str(name) = &key.value else {
                self.wrong_type(key, "a key name");
                continue;
            };
            let span = self.span(key);
            if let Some((_, first)) = seen.iter().find(|(k, _)| *k == &**name) {
                self.report(
                    Diagnostic::new(
                        Rule::DuplicateKey,
                        format!("`{name}` is given twice in {what}"),
                    )
                    .at(span, "second definition")
                    .related(*first, "first definition")
                    .help("keep one of the two"),
                );
                continue;
            }
            seen.push((name, span));
            if !allowed.contains(&&**name) {
                let mut d =
                    Diagnostic::new(Rule::UnknownKey, format!("unknown key `{name}` in {what}"))
                        .at(span, "unknown key");
                d = match closest(name, allowed.iter().copied()) {
                    Some(s) => d.help(format!("did you mean `{s}`?")),
                    None => d.help(format!("{what} takes: {}", allowed.join(", "))),
                };
                self.report(d);
                continue;
            }
            kept.push((&**name, key, value));
        }
        Some(Fields {
            entries: kept,
            owner,
            what: what.to_string(),
        })
    }
}

/// Whether YAML text is a plain decimal integer (`-12`, `+7`, `400`).
fn is_integer_literal(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

impl<'n> Fields<'n> {
    pub fn node(&self, key: &str) -> Option<&'n Node<'n>> {
        self.entries
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, _, v)| *v)
    }

    /// The span of a key itself.
    pub fn key_span(&self, d: &Decoder, key: &str) -> Option<Span> {
        self.entries
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, k, _)| d.span(k))
    }

    pub(crate) fn missing(&self, d: &mut Decoder, key: &str) {
        d.report(
            Diagnostic::new(
                Rule::MissingKey,
                format!("{} is missing `{key}`", self.what),
            )
            .at(self.owner, format!("`{key}` is required")),
        );
    }

    /// A string attribute; `None` (reported) when it has another type.
    pub fn str(&self, d: &mut Decoder, key: &str) -> Option<Sp<String>> {
        let node = self.node(key)?;
        match &node.value {
            Value::Str(s) => Some(Sp::new(s.to_string(), d.span(node))),
            _ => {
                d.wrong_type(node, "a string");
                None
            }
        }
    }

    pub fn req_str(&self, d: &mut Decoder, key: &str) -> Option<Sp<String>> {
        if self.node(key).is_none() {
            self.missing(d, key);
        }
        self.str(d, key)
    }

    pub fn req_bool(&self, d: &mut Decoder, key: &str) -> Option<Sp<bool>> {
        if self.node(key).is_none() {
            self.missing(d, key);
        }
        self.bool(d, key)
    }

    /// A reference to another resource by name.
    pub fn name(&self, d: &mut Decoder, key: &str) -> Option<Sp<String>> {
        let node = self.node(key)?;
        name_of(d, node)
    }

    pub fn req_name(&self, d: &mut Decoder, key: &str) -> Option<Sp<String>> {
        if self.node(key).is_none() {
            self.missing(d, key);
        }
        self.name(d, key)
    }

    /// A list of resource names; a missing key is an empty list.
    pub fn names(&self, d: &mut Decoder, key: &str) -> Vec<Sp<String>> {
        self.name_list(d, key).map(|l| l.value).unwrap_or_default()
    }

    pub fn name_list(&self, d: &mut Decoder, key: &str) -> Option<Sp<Vec<Sp<String>>>> {
        let node = self.node(key)?;
        let Value::Seq(items) = &node.value else {
            d.wrong_type(node, "a list of names");
            return None;
        };
        let names = items.iter().filter_map(|item| name_of(d, item)).collect();
        Some(Sp::new(names, d.span(node)))
    }

    /// A list of strings (CIDR blocks).
    pub fn str_list(&self, d: &mut Decoder, key: &str) -> Option<Sp<Vec<Sp<String>>>> {
        let node = self.node(key)?;
        let Value::Seq(items) = &node.value else {
            d.wrong_type(node, "a list of strings");
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match &item.value {
                Value::Str(s) => out.push(Sp::new(s.to_string(), d.span(item))),
                _ => d.wrong_type(item, "a string"),
            }
        }
        Some(Sp::new(out, d.span(node)))
    }

    /// A boolean: only `true` / `false`. YAML 1.1 spellings get their own code.
    pub fn bool(&self, d: &mut Decoder, key: &str) -> Option<Sp<bool>> {
        let node = self.node(key)?;
        match &node.value {
            Value::Bool(b) => Some(Sp::new(*b, d.span(node))),
            Value::Str(s)
                if is_plain(d, node)
                    && YAML11_BOOLEANS.contains(&s.to_ascii_lowercase().as_str()) =>
            {
                let meant = matches!(s.to_ascii_lowercase().as_str(), "yes" | "on" | "y");
                d.report(
                    Diagnostic::new(
                        Rule::Yaml11Boolean,
                        format!(
                            "`{s}` is a YAML 1.1 boolean; `{key}` takes only `true` or `false`"
                        ),
                    )
                    .at(d.span(node), "YAML 1.1 boolean")
                    .help(format!("write `{meant}`")),
                );
                None
            }
            _ => {
                d.wrong_type(node, "`true` or `false`");
                None
            }
        }
    }

    /// An integer.
    pub fn int(&self, d: &mut Decoder, key: &str) -> Option<Sp<i64>> {
        let node = self.node(key)?;
        match &node.value {
            Value::Int(i) => Some(Sp::new(*i, d.span(node))),
            // An integer too large for 64 bits arrives as a float: say it
            // is out of range, not that it is not an integer.
            Value::Float(_) if is_integer_literal(d.text(node)) => {
                d.report(
                    Diagnostic::new(
                        Rule::InvalidValue,
                        format!("`{key}` is out of range: {}", d.text(node)),
                    )
                    .at(d.span(node), "out of range"),
                );
                None
            }
            _ => {
                d.wrong_type(node, "an integer");
                None
            }
        }
    }

    /// An integer in the range the kind table gives `key` in `attrs`.
    pub fn ranged(
        &self,
        d: &mut Decoder,
        key: &str,
        attrs: &[crate::schema::Attr],
    ) -> Option<Sp<i64>> {
        let value = self.int(d, key)?;
        let range = attrs
            .iter()
            .find(|a| a.name == key)
            .and_then(|a| match a.ty {
                crate::schema::AttrType::Integer { min, max } => Some(min..=max),
                _ => None,
            });
        match range {
            Some(r) if !r.contains(&value.value) => {
                d.report(
                    Diagnostic::new(
                        Rule::InvalidValue,
                        format!(
                            "`{key}` must be from {} to {}, not {}",
                            r.start(),
                            r.end(),
                            value.value
                        ),
                    )
                    .at(value.span, "out of range"),
                );
                None
            }
            _ => Some(value),
        }
    }

    /// A non-negative integer.
    pub fn uint(&self, d: &mut Decoder, key: &str) -> Option<Sp<u64>> {
        let value = self.int(d, key)?;
        match u64::try_from(value.value) {
            Ok(v) => Some(Sp::new(v, value.span)),
            Err(_) => {
                d.report(
                    Diagnostic::new(Rule::InvalidValue, format!("`{key}` cannot be negative"))
                        .at(value.span, "negative"),
                );
                None
            }
        }
    }

    pub fn req_uint(&self, d: &mut Decoder, key: &str) -> Option<Sp<u64>> {
        if self.node(key).is_none() {
            self.missing(d, key);
        }
        self.uint(d, key)
    }

    pub fn req_int(&self, d: &mut Decoder, key: &str) -> Option<Sp<i64>> {
        if self.node(key).is_none() {
            self.missing(d, key);
        }
        self.int(d, key)
    }

    /// A string that must be one of `choices`.
    pub fn choice(&self, d: &mut Decoder, key: &str, choices: &[&str]) -> Option<Sp<String>> {
        let value = self.str(d, key)?;
        if choices.contains(&value.as_str()) {
            return Some(value);
        }
        let mut diag = Diagnostic::new(
            Rule::InvalidValue,
            format!(
                "`{}` is not a valid `{key}`; expected one of: {}",
                value.value,
                choices.join(", ")
            ),
        )
        .at(value.span, "not allowed here");
        // A word in the wrong case (`http`, `ipv4`) first: edit distance
        // would count every letter.
        let same_letters = choices
            .iter()
            .copied()
            .find(|c| c.eq_ignore_ascii_case(&value.value));
        if let Some(s) = same_letters.or_else(|| closest(&value.value, choices.iter().copied())) {
            diag = diag.help(format!("did you mean `{s}`?"));
        }
        d.report(diag);
        None
    }

    pub fn req_choice(&self, d: &mut Decoder, key: &str, choices: &[&str]) -> Option<Sp<String>> {
        if self.node(key).is_none() {
            self.missing(d, key);
        }
        self.choice(d, key, choices)
    }

    /// A scalar written as a string or a number (`protocol: 6`, `ports: 443`),
    /// kept as its text.
    pub fn scalar_text(&self, d: &mut Decoder, key: &str) -> Option<Sp<String>> {
        let node = self.node(key)?;
        match &node.value {
            Value::Str(s) => Some(Sp::new(s.to_string(), d.span(node))),
            Value::Int(_) => Some(Sp::new(
                d.source.text[node.start as usize..node.end as usize].to_string(),
                d.span(node),
            )),
            _ => {
                d.wrong_type(node, "a string or a number");
                None
            }
        }
    }

    pub fn req_scalar_text(&self, d: &mut Decoder, key: &str) -> Option<Sp<String>> {
        if self.node(key).is_none() {
            self.missing(d, key);
        }
        self.scalar_text(d, key)
    }

    /// A list of mappings, each decoded by `item`.
    pub fn list<T>(
        &self,
        d: &mut Decoder,
        key: &str,
        mut item: impl FnMut(&mut Decoder, &Node) -> Option<T>,
    ) -> Option<Vec<T>> {
        let node = self.node(key)?;
        match &node.value {
            Value::Seq(items) => Some(items.iter().filter_map(|n| item(d, n)).collect()),
            Value::Null => Some(Vec::new()),
            _ => {
                d.wrong_type(node, "a list");
                None
            }
        }
    }

    /// `tags: {key: value}`; scalar values are kept as written.
    pub fn tags(&self, d: &mut Decoder) -> Tags {
        let mut tags = Tags::new();
        let Some(node) = self.node("tags") else {
            return tags;
        };
        let Value::Map(entries) = &node.value else {
            d.wrong_type(node, "a mapping of tag keys to values");
            return tags;
        };
        for (key, value) in entries {
            let Some(k) = d.name_text(key) else {
                d.wrong_type(key, "a tag key");
                continue;
            };
            let text = match &value.value {
                Value::Str(s) => s.to_string(),
                Value::Int(_) | Value::Float(_) | Value::Bool(_) => {
                    d.source.text[value.start as usize..value.end as usize].to_string()
                }
                _ => {
                    d.wrong_type(value, "a tag value");
                    continue;
                }
            };
            tags.insert(k, Sp::new(text, d.span(value)));
        }
        tags
    }
}

fn name_of(d: &mut Decoder, node: &Node) -> Option<Sp<String>> {
    match d.name_text(node) {
        Some(name) => Some(Sp::new(name, d.span(node))),
        None => {
            d.wrong_type(node, "a resource name");
            None
        }
    }
}

/// Whether a scalar was written without quotes (quoted `"yes"` is a string
/// on purpose, plain `yes` is the YAML 1.1 trap).
fn is_plain(d: &Decoder, node: &Node) -> bool {
    !matches!(
        d.source.text.as_bytes().get(node.start as usize),
        Some(b'"' | b'\'')
    )
}

/// An attribute that takes one of the words of `T`.
pub(crate) fn word<T: Word>(d: &mut Decoder, f: &Fields, key: &str) -> Option<Sp<T>> {
    let s = f.choice(d, key, T::WORDS)?;
    T::from_word(&s.value).map(|v| Sp::new(v, s.span))
}

/// A VPC's `key:` block of `ingress` and `egress` lists (its default group
/// or ACL, taken over): the key's span and both lists, each item read by
/// `item`.
pub(crate) fn ingress_and_egress<T>(
    d: &mut Decoder,
    f: &Fields,
    key: &str,
    attrs: &[crate::schema::Attr],
    item: impl Fn(&mut Decoder, &Node) -> Option<T>,
) -> Option<(Span, Vec<T>, Vec<T>)> {
    let node = f.node(key)?;
    let span = f.key_span(d, key)?;
    let block = d.fields(node, &crate::schema::keys_of(attrs), key, span)?;
    let ingress = block.list(d, "ingress", &item).unwrap_or_default();
    let egress = block.list(d, "egress", &item).unwrap_or_default();
    Some((span, ingress, egress))
}

/// A required [`word`].
pub(crate) fn req_word<T: Word>(d: &mut Decoder, f: &Fields, key: &str) -> Option<Sp<T>> {
    let s = f.req_choice(d, key, T::WORDS)?;
    T::from_word(&s.value).map(|v| Sp::new(v, s.span))
}

/// A required list of names (`subnets:` of a load balancer).
pub(crate) fn req_names(d: &mut Decoder, f: &Fields, key: &str) -> Option<Sp<Vec<Sp<String>>>> {
    if f.node(key).is_none() {
        f.req_str(d, key);
    }
    f.name_list(d, key)
}

/// A required integer in its kind-table range.
pub(crate) fn req_ranged(
    d: &mut Decoder,
    f: &Fields,
    key: &str,
    attrs: &[crate::schema::Attr],
) -> Option<Sp<i64>> {
    if f.node(key).is_none() {
        f.req_int(d, key);
    }
    f.ranged(d, key, attrs)
}
