//! What is generated from the kind table for users: the reference
//! (`docs/spec.md`) and the JSON Schema editors check specs against
//! (`skyplan schema`, `docs/skyplan.schema.json`).

use serde_json::{Map, Value, json};

use crate::kinds::Kind;
use crate::schema::{Attr, AttrType, DEFAULTS, EXPECTATION, TAGS};

/// Names of resources, as the language accepts them.
const NAME_PATTERN: &str = "^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$";

/// The type of a value, as the reference shows it.
fn type_text(ty: AttrType) -> String {
    match ty {
        AttrType::String => "string".into(),
        AttrType::Cidr => "CIDR block".into(),
        AttrType::CidrList => "list of CIDR blocks".into(),
        AttrType::Ipv4 => "IPv4 address".into(),
        AttrType::Bool => "`true` or `false`".into(),
        AttrType::Integer { min, max } => format!("integer {min}-{max}"),
        AttrType::Ports => "port or `from-to`".into(),
        AttrType::Protocol => "protocol".into(),
        AttrType::RedirectPort => "port or `#{port}`".into(),
        AttrType::Choice(words) => words
            .iter()
            .map(|w| format!("`{w}`"))
            .collect::<Vec<_>>()
            .join(" \\| "),
        AttrType::Reference(k) => format!("name of {} `{}`", article(k.singular()), k.singular()),
        AttrType::References(k) => format!("list of names of `{}`", k.plural()),
        AttrType::InstanceCopy => "name of an `instance` (or `name[i]`)".into(),
        AttrType::Object(_) => "mapping (below)".into(),
        AttrType::List(_) => "list of mappings (below)".into(),
        AttrType::Tags => "`{key: value}`".into(),
        AttrType::StringList => "list of strings".into(),
        AttrType::Document => "policy document (any YAML)".into(),
    }
}

/// One row per attribute; `lifecycle` adds what a change does.
fn table(out: &mut String, attrs: &[Attr], lifecycle: bool) {
    if lifecycle {
        out.push_str("| attribute | type | required | default | changing it | description |\n");
        out.push_str("|---|---|---|---|---|---|\n");
    } else {
        out.push_str("| attribute | type | required | default | description |\n");
        out.push_str("|---|---|---|---|---|\n");
    }
    for a in attrs {
        let change = match (lifecycle, a.force_new) {
            (false, _) => String::new(),
            (true, true) => " replaces it |".into(),
            (true, false) => " updates in place |".into(),
        };
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |{change} {} |\n",
            a.name,
            type_text(a.ty),
            if a.required { "yes" } else { "" },
            a.default.map_or_else(String::new, |d| format!("`{d}`")),
            a.doc
        ));
    }
}

/// Nested blocks of `attrs`, each with its own table.
fn blocks(out: &mut String, owner: &str, attrs: &[Attr]) {
    for a in attrs {
        if let AttrType::Object(inner) | AttrType::List(inner) = a.ty {
            out.push_str(&format!("\n**`{owner}.{}`** entries:\n\n", a.name));
            table(out, inner, false);
        }
    }
}

/// `docs/spec.md`: every kind, attribute, type, default and reference.
pub fn markdown() -> String {
    let mut out = String::from(
        "# The skyplan spec language\n\n\
         <!-- Generated from crates/skyplan-spec/src/schema.rs (the kind table) by \
         `UPDATE_DOCS=1 cargo test -p skyplan --test docs`. Do not edit. -->\n\n\
         A **stack** is a directory: every `*.yaml` / `*.yml` file directly in it is part of it,\n\
         merged in file-name order. Each top-level key of a file is `defaults`, `expectations` or a\n\
         resource kind (plural); under a kind, names (`[A-Za-z0-9][A-Za-z0-9_-]{0,63}`, unique per kind in the\n\
         stack) map to attributes. A resource's address is `<kind>.<name>` (`subnet.app-a`), and\n\
         `instance.web[2]` for a copy made by `count`. A reference is the bare name of another\n\
         resource, in a field whose kind is fixed. Unknown keys, wrong types, duplicate keys and\n\
         YAML 1.1 booleans (`yes`, `on`) are errors with their file, line and column.\n\n\
         Editors can check and complete specs with the JSON Schema `skyplan schema` prints\n\
         (a copy is `docs/skyplan.schema.json`); put\n\
         `# yaml-language-server: $schema=<path to skyplan.schema.json>` at the top of a file.\n\n\
         ## `defaults` (at most once per stack)\n\n",
    );
    table(&mut out, DEFAULTS, false);
    for kind in Kind::ALL {
        let s = kind.schema();
        let heading = if kind.is_top_level() {
            format!("`{}` (`{}.NAME`)", kind.plural(), kind.singular())
        } else {
            format!(
                "`{}` (`{}.VPC`, declared by the VPC's `{}:`)",
                kind.singular(),
                kind.singular(),
                kind.singular()
            )
        };
        let ids = if s.id_prefix.starts_with("arn:") {
            format!(
                "AWS ids are ARNs: `{}:…` (`arn:aws-cn:` in China, `arn:aws-us-gov:` in GovCloud).",
                s.id_prefix
            )
        } else {
            format!("AWS ids look like `{}-0123456789abcdef0`.", s.id_prefix)
        };
        out.push_str(&format!("\n## {heading}\n\n{} {ids}\n\n", s.doc));
        table(&mut out, s.attributes, true);
        out.push_str(&format!(
            "| `{}` | {} | | | updates in place | {} |\n",
            TAGS.name,
            type_text(TAGS.ty),
            TAGS.doc
        ));
        blocks(&mut out, kind.plural(), s.attributes);
        if !s.computed.is_empty() {
            out.push_str("\nComputed by apply (shown as `(known after apply)`):\n\n");
            for c in s.computed {
                out.push_str(&format!("- `{}`: {}\n", c.name, c.doc));
            }
        }
    }
    out.push_str(
        "\n## `expectations` (`expectation.NAME`)\n\n\
         Not resources: reachability questions with the answer the stack must give. `validate`\n\
         and `lint` evaluate each one (as `skyplan reach` does) and report one that does not\n\
         hold as an error, RC001, naming the resource that decides. They never appear in plans,\n\
         the graph or the state.\n\n",
    );
    table(&mut out, EXPECTATION, false);
    out
}

fn name_schema() -> Value {
    json!({"type": ["string", "integer"], "pattern": NAME_PATTERN})
}

/// The JSON Schema of one value.
fn value_schema(a: &Attr) -> Value {
    let mut v = match a.ty {
        AttrType::String => json!({"type": "string"}),
        AttrType::Cidr => json!({"type": "string", "pattern": "^[0-9A-Fa-f.:]+/[0-9]{1,3}$"}),
        AttrType::CidrList => json!({
            "type": "array",
            "items": {"type": "string", "pattern": "^[0-9A-Fa-f.:]+/[0-9]{1,3}$"}
        }),
        AttrType::Ipv4 => json!({"type": "string", "pattern": "^[0-9]{1,3}(\\.[0-9]{1,3}){3}$"}),
        AttrType::Bool => json!({"type": "boolean"}),
        AttrType::Integer { min, max } => {
            json!({"type": "integer", "minimum": min, "maximum": max})
        }
        AttrType::Ports => json!({
            "type": ["integer", "string"],
            "pattern": "^[0-9]+(-[0-9]+)?$"
        }),
        AttrType::Protocol => json!({"type": ["integer", "string"]}),
        AttrType::RedirectPort => json!({
            "type": ["integer", "string"],
            "pattern": "^([0-9]+|#\\{port\\})$"
        }),
        AttrType::Choice(words) => json!({"enum": words}),
        AttrType::Reference(_) => name_schema(),
        AttrType::References(_) => json!({"type": "array", "items": name_schema()}),
        AttrType::InstanceCopy => json!({
            "type": ["string", "integer"],
            "pattern": "^[A-Za-z0-9][A-Za-z0-9_-]{0,63}(\\[[0-9]+\\])?$"
        }),
        AttrType::Object(inner) => object_schema(inner, false),
        AttrType::List(inner) => json!({"type": "array", "items": object_schema(inner, false)}),
        AttrType::StringList => json!({"type": "array", "items": {"type": "string"}}),
        AttrType::Document => json!({"type": "object"}),
        AttrType::Tags => json!({
            "type": "object",
            "additionalProperties": {"type": ["string", "integer", "number", "boolean"]}
        }),
    };
    let mut doc = a.doc.to_string();
    if let Some(d) = a.default {
        doc.push_str(&format!(" Default: {d}."));
    }
    if let Some(k) = a.references() {
        doc.push_str(&format!(
            " Names {} `{}`.",
            article(k.singular()),
            k.singular()
        ));
    }
    if let Value::Object(o) = &mut v {
        o.insert("description".into(), Value::String(doc));
    }
    v
}

/// A mapping of `attrs` (plus `tags` for a resource), closed to other keys.
fn object_schema(attrs: &[Attr], resource: bool) -> Value {
    let mut properties = Map::new();
    for a in attrs {
        properties.insert(a.name.into(), value_schema(a));
    }
    if resource {
        properties.insert(TAGS.name.into(), value_schema(&TAGS));
    }
    let required: Vec<&str> = attrs
        .iter()
        .filter(|a| a.required)
        .map(|a| a.name)
        .collect();
    json!({
        "type": ["object", "null"],
        "additionalProperties": false,
        "required": required,
        "properties": properties,
    })
}

/// The JSON Schema (draft-07, which yaml-language-server reads) of one
/// spec file.
pub fn json_schema() -> String {
    let mut properties = Map::new();
    let mut defaults = object_schema(DEFAULTS, false);
    if let Value::Object(o) = &mut defaults {
        o.insert(
            "description".into(),
            json!("Stack-wide defaults, at most once per stack."),
        );
    }
    properties.insert("defaults".into(), defaults);
    for kind in Kind::ALL.into_iter().filter(|k| k.is_top_level()) {
        let s = kind.schema();
        properties.insert(
            kind.plural().into(),
            json!({
                "description": format!("{} Addresses: `{}.NAME`.", s.doc, kind.singular()),
                "type": ["object", "null"],
                "propertyNames": {"pattern": NAME_PATTERN},
                "additionalProperties": object_schema(s.attributes, true),
            }),
        );
    }
    properties.insert(
        "expectations".into(),
        json!({
            "description": "Reachability questions with the answer the stack must give (`lint` reports RC001 when one does not hold). Addresses: `expectation.NAME`.",
            "type": ["object", "null"],
            "propertyNames": {"pattern": NAME_PATTERN},
            "additionalProperties": object_schema(EXPECTATION, false),
        }),
    );
    let doc = json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://example.invalid/skyplan/skyplan.schema.json",
        "title": "skyplan spec file",
        "description": "One file of a skyplan stack. Generated from skyplan's kind table; `skyplan lint` checks everything a schema cannot (references, CIDR maths, AWS rules).",
        "type": ["object", "null"],
        "additionalProperties": false,
        "properties": properties,
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

/// "a" or "an" before a kind's name, as it is read aloud.
fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}
