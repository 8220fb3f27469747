//! Writes spec files: the values of declarations, in the layout the
//! shipped stacks use (short mappings and lists in flow style on one line).

/// A value of a spec file.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Yaml {
    Str(String),
    Int(i64),
    Bool(bool),
    List(Vec<Yaml>),
    /// Keys in the order written.
    Map(Vec<(String, Yaml)>),
}

/// A JSON document (a policy) read in its own key order.
impl<'de> serde::Deserialize<'de> for Yaml {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Yaml, D::Error> {
        d.deserialize_any(InOrder)
    }
}

struct InOrder;

impl<'de> serde::de::Visitor<'de> for InOrder {
    type Value = Yaml;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value without nulls")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Yaml, E> {
        Ok(Yaml::Bool(b))
    }

    fn visit_i64<E>(self, i: i64) -> Result<Yaml, E> {
        Ok(Yaml::Int(i))
    }

    fn visit_u64<E: serde::de::Error>(self, u: u64) -> Result<Yaml, E> {
        i64::try_from(u)
            .map(Yaml::Int)
            .or_else(|_| Ok(Yaml::Str(u.to_string())))
    }

    fn visit_f64<E>(self, f: f64) -> Result<Yaml, E> {
        Ok(Yaml::Str(f.to_string()))
    }

    fn visit_str<E>(self, s: &str) -> Result<Yaml, E> {
        Ok(Yaml::str(s))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Yaml, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Yaml::List(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Yaml, A::Error> {
        let mut fields = Vec::new();
        while let Some((k, v)) = map.next_entry::<String, Yaml>()? {
            fields.push((k, v));
        }
        Ok(Yaml::Map(fields))
    }
}

/// Flow style up to this width, block style beyond.
const FLOW_WIDTH: usize = 100;

impl Yaml {
    pub(crate) fn str(s: impl Into<String>) -> Yaml {
        Yaml::Str(s.into())
    }

    pub(crate) fn strs<S: Into<String>>(items: impl IntoIterator<Item = S>) -> Yaml {
        Yaml::List(items.into_iter().map(Yaml::str).collect())
    }

    /// One line, when it is short and holds no block.
    fn flow(&self) -> Option<String> {
        let text = match self {
            Yaml::Str(s) => scalar(s),
            Yaml::Int(i) => i.to_string(),
            Yaml::Bool(b) => b.to_string(),
            Yaml::List(items) => {
                let parts: Option<Vec<String>> = items.iter().map(Yaml::flow).collect();
                format!("[{}]", parts?.join(", "))
            }
            Yaml::Map(fields) => {
                let parts: Option<Vec<String>> = fields
                    .iter()
                    .map(|(k, v)| Some(format!("{}: {}", scalar(k), v.flow()?)))
                    .collect();
                format!("{{{}}}", parts?.join(", "))
            }
        };
        (text.len() <= FLOW_WIDTH).then_some(text)
    }

    /// Writes `key: value` at `indent`.
    pub(crate) fn write_field(out: &mut String, indent: usize, key: &str, value: &Yaml) {
        let pad = " ".repeat(indent);
        let key = scalar(key);
        match (value.flow(), value) {
            (Some(flow), _) => out.push_str(&format!("{pad}{key}: {flow}\n")),
            (None, Yaml::List(items)) => {
                out.push_str(&format!("{pad}{key}:\n"));
                for item in items {
                    Yaml::write_item(out, indent + 2, item);
                }
            }
            (None, Yaml::Map(fields)) => {
                out.push_str(&format!("{pad}{key}:\n"));
                for (k, v) in fields {
                    Yaml::write_field(out, indent + 2, k, v);
                }
            }
            // A long string stays on its line.
            (None, scalar_value) => {
                out.push_str(&format!("{pad}{key}: {}\n", scalar_value.one_line()));
            }
        }
    }

    /// A scalar's text however long; a collection's flow form.
    fn one_line(&self) -> String {
        match self {
            Yaml::Str(s) => scalar(s),
            Yaml::Int(i) => i.to_string(),
            Yaml::Bool(b) => b.to_string(),
            Yaml::List(items) => {
                let parts: Vec<String> = items.iter().map(Yaml::one_line).collect();
                format!("[{}]", parts.join(", "))
            }
            Yaml::Map(fields) => {
                let parts: Vec<String> = fields
                    .iter()
                    .map(|(k, v)| format!("{}: {}", scalar(k), v.one_line()))
                    .collect();
                format!("{{{}}}", parts.join(", "))
            }
        }
    }

    /// Writes `- item` at `indent`.
    fn write_item(out: &mut String, indent: usize, item: &Yaml) {
        let pad = " ".repeat(indent);
        match (item.flow(), item) {
            (None, Yaml::Map(fields)) if !fields.is_empty() => {
                let mut block = String::new();
                for (k, v) in fields {
                    Yaml::write_field(&mut block, indent + 2, k, v);
                }
                // The first key goes on the dash's line.
                out.push_str(&format!("{pad}- {}", &block[indent + 2..]));
            }
            (None, Yaml::List(items)) if !items.is_empty() => {
                out.push_str(&format!("{pad}-\n"));
                for i in items {
                    Yaml::write_item(out, indent + 2, i);
                }
            }
            (Some(flow), _) => out.push_str(&format!("{pad}- {flow}\n")),
            (None, other) => out.push_str(&format!("{pad}- {}\n", other.one_line())),
        }
    }
}

/// A string as a YAML scalar: plain when YAML reads it back as that same
/// string, double-quoted (JSON's escapes, which YAML shares) otherwise.
pub(crate) fn scalar(s: &str) -> String {
    let plain = !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_-./@+=".contains(&b))
        && s.as_bytes()[0].is_ascii_alphanumeric()
        && !reads_as_other_type(s);
    if plain {
        s.to_string()
    } else {
        double_quoted(s)
    }
}

/// A YAML double-quoted scalar: `\\` and `"` escaped, and every character
/// YAML does not allow as it is (controls, C1 controls, the byte-order
/// mark, line and paragraph separators, non-characters) as `\u` escapes.
fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control()
                || matches!(
                    c,
                    '\u{FEFF}' | '\u{2028}' | '\u{2029}' | '\u{FFFE}' | '\u{FFFF}'
                ) =>
            {
                out.push_str(&format!("\\u{:04X}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Words and numbers a YAML reader would not read as a string.
fn reads_as_other_type(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    matches!(
        lower.as_str(),
        "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n" | "null" | "nan" | "inf"
    ) || s.parse::<f64>().is_ok()
        || lower.starts_with("0x")
        || lower.starts_with("0o")
        || s.bytes()
            .all(|b| b.is_ascii_digit() || b == b'_' || b == b':' || b == b'.')
        // YAML 1.1 reads `2012-10-17` as a date.
        || is_date(s)
}

/// `YYYY-M-D`, which YAML 1.1 reads as a date.
fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    matches!(parts.as_slice(), [y, m, d]
        if y.len() == 4 && !m.is_empty() && m.len() <= 2 && !d.is_empty() && d.len() <= 2
            && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use skyplan_diagnostics::SourceFiles;
    use skyplan_spec::yaml::{self, Value};

    /// The string skyplan's own reader makes of `key: <scalar>` (`None`
    /// when it reads anything else).
    fn read_back(text: &str) -> Option<String> {
        let mut sources = SourceFiles::new();
        let id = sources.add("t.yaml", format!("key: {text}\n"));
        let node = yaml::parse(id, sources.get(id)).ok()?;
        match node.value {
            Value::Map(mut pairs) if pairs.len() == 1 => match pairs.remove(0).1.value {
                Value::Str(s) => Some(s.into_owned()),
                _ => None,
            },
            _ => None,
        }
    }

    proptest! {
        /// Whatever a tag, description or user data holds, the spec file
        /// says it: skyplan's reader reads the same string back.
        #[test]
        fn every_string_reads_back_as_itself(s in any::<String>()) {
            prop_assert_eq!(read_back(&scalar(&s)), Some(s));
        }

        #[test]
        fn names_and_blocks_read_back_as_themselves(s in "[a-zA-Z0-9][a-zA-Z0-9_./:@+=-]{0,20}") {
            prop_assert_eq!(read_back(&scalar(&s)), Some(s));
        }
    }

    #[test]
    fn scalars_are_quoted_when_yaml_would_read_another_type() {
        assert_eq!(scalar("main"), "main");
        assert_eq!(scalar("10.0.0.0/16"), "10.0.0.0/16");
        assert_eq!(scalar("yes"), "\"yes\"");
        assert_eq!(scalar("1e3"), "\"1e3\"");
        assert_eq!(scalar("10.0.0.1"), "\"10.0.0.1\"");
        assert_eq!(scalar("::/0"), "\"::/0\"");
        assert_eq!(scalar("a b"), "\"a b\"");
        assert_eq!(scalar("say \"hi\"\n"), "\"say \\\"hi\\\"\\n\"");
        assert_eq!(scalar(""), "\"\"");
        assert_eq!(scalar("2012-10-17"), "\"2012-10-17\"");
        assert_eq!(scalar("1024-65535"), "1024-65535");
    }

    #[test]
    fn a_json_document_keeps_its_key_order() {
        let doc: Yaml = serde_json::from_str(r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:*"], "N": 7}]}"#).unwrap();
        let mut out = String::new();
        Yaml::write_field(&mut out, 0, "policy", &doc);
        assert_eq!(
            out,
            "policy: {Version: \"2012-10-17\", Statement: [{Effect: Allow, Action: [\"s3:*\"], \"N\": 7}]}\n"
        );
        assert!(serde_json::from_str::<Yaml>("{\"a\": null}").is_err());
    }

    #[test]
    fn short_values_flow_and_long_ones_are_blocks() {
        let mut out = String::new();
        let rule = Yaml::Map(vec![
            ("protocol".into(), Yaml::str("tcp")),
            ("ports".into(), Yaml::Int(22)),
        ]);
        Yaml::write_field(&mut out, 2, "ingress", &Yaml::List(vec![rule.clone(); 4]));
        assert_eq!(
            out,
            "  ingress:\n    - {protocol: tcp, ports: 22}\n    - {protocol: tcp, ports: 22}\n    - {protocol: tcp, ports: 22}\n    - {protocol: tcp, ports: 22}\n"
        );
        let mut out = String::new();
        let long = Yaml::Map(vec![
            ("description".into(), Yaml::str("x".repeat(90))),
            ("ports".into(), Yaml::Int(22)),
        ]);
        Yaml::write_field(&mut out, 0, "ingress", &Yaml::List(vec![long]));
        assert_eq!(
            out,
            format!(
                "ingress:\n  - description: {}\n    ports: 22\n",
                "x".repeat(90)
            )
        );
    }
}
