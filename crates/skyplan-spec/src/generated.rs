//! What is generated from the kind table for users: the reference
//! (`docs/spec.md`) and the JSON Schema editors check specs against
//! (`skyplan schema`, `docs/skyplan.schema.json`).

use serde_json::{Map, Value, json};

use crate::kinds::Kind;
use crate::schema::{Attr, AttrType, DEFAULTS, EXPECTATION, MODULE, MOVED, OUTPUT, TAGS, VARIABLE};
use crate::variables::VARIABLES;

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
        AttrType::Scalar => "string, number or boolean".into(),
        AttrType::Values => "`{variable: value}`".into(),
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
    out.push_str(VARIABLES_DOC);
    table(&mut out, VARIABLE, false);
    out.push_str(EXPRESSIONS_DOC);
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
    out.push_str(OUTPUTS_DOC);
    table(&mut out, OUTPUT, false);
    out.push_str(MOVED_DOC);
    table(&mut out, MOVED, false);
    out.push_str(MODULES_DOC);
    table(&mut out, MODULE, false);
    out
}

/// `modules:`, before its table.
const MODULES_DOC: &str = r#"
## `modules` (`module.NAME`)

A module is a directory of spec files that several stacks (or one stack, several
times) use: a VPC layout written once. Its files are the same language; its
`variables:` take their values from the call's `vars` (and their defaults) only, its
`defaults:` apply to its own resources, and its `outputs:` are what the stack may read.

```yaml
# network/main.yaml
modules:
  base: {source: ../modules/vpc-base, vars: {cidr: "${var.base_cidr}", region: us-east-1}}
security_groups:
  web: {vpc: module.base.vpc, description: HTTPS, ingress: [{protocol: tcp, ports: 443, cidr: 0.0.0.0/0}]}
instances:
  web: {subnet: module.base.public_a, ami: ami-0c9c942bd7bf113a2, type: t3.micro, security_groups: [web]}
outputs:
  vpc_id: {value: module.base.vpc}
```

```yaml
# modules/vpc-base/main.yaml
variables:
  cidr:   {type: cidr}
  region: {type: string}
vpcs:
  main: {cidr: "${var.cidr}", region: "${var.region}"}
subnets:
  public-a: {vpc: main, cidr: "${cidrsubnet(var.cidr, 8, 0)}", az: "${var.region}a"}
outputs:
  vpc:      {value: vpc.main.id}
  public_a: {value: subnet.public-a.id}
```

A module's resources have the address `module.NAME.kind.name` (`module.base.subnet.public-a`)
in plans, state, findings, `reach` and `moved:`; inside the module, references are bare
names of its own resources, so two calls of one module never collide. From outside, a
reference field names a module's resource through an output that reads its id
(`vpc: module.base.vpc`); an output of the stack may show a module's output
(`module.base.vpc`) or read an attribute (`module.base.vpc.main.cidr`). A missing output,
or one that reads another kind or something other than an id, is an error at the
reference (RF001, RF002) naming the module's call. A `source` that is not a directory of
spec files is SP022; modules that use each other in a ring are SP023, at both ends.
`lint` of a directory checks a module through the stacks that use it, never alone (its
variables would have no values). `moved:` moves resources into a module too:
`{from: subnet.public-a, to: module.base.subnet.public-a}`.

"#;

/// `outputs:`, before its table.
const OUTPUTS_DOC: &str = r#"
## `outputs` (`output.NAME`)

Values to hand on (ids, addresses, blocks): shown after `apply` as `Outputs:` and
printed by `skyplan output` (`--json` for scripts). A value `kind.name.attribute` reads
the attribute from the state (`(known after apply)` before the resource exists, `null`
when it is unset); any other text is shown as it is, after its `${...}` are evaluated.
A resource the stack does not declare, or an attribute its kind does not have, is an
error (SP021).

```yaml
outputs:
  vpc_id:   {value: vpc.main.id, description: for the peering request of the other team}
  app_cidr: {value: subnet.app-a.cidr}
  db_ip:    {value: instance.db.private_ip_address}
  web_1_ip: {value: "instance.web[1].private_ip_address"}
```

"#;

/// `moved:`, before its table.
const MOVED_DOC: &str = r#"
## `moved` (a list)

Renames without destroying: each entry says that the object the state has at `from` is
the resource the spec now declares at `to`. `plan` shows `# subnet.app has moved to
subnet.app-a` instead of a replacement, and `apply` moves it first (its id kept, every
reference to it following). An entry whose `from` the state no longer has was made
already and does nothing, so it can stay; `to` must be declared, `from` must not be,
both of one kind (SP020); a `to` the state already has is refused at plan time.
`skyplan state mv FROM TO` does the same on the state directly.

```yaml
subnets:
  app-a: {vpc: main, cidr: 10.0.1.0/24, az: us-east-1a}   # was `app`
moved:
  - {from: subnet.app, to: subnet.app-a}
  - {from: instance.web, to: instance.api}                 # every copy of a counted instance
```

"#;

/// `variables:`, before its table.
const VARIABLES_DOC: &str = r#"
## `variables` (`var.NAME`)

Values the stack takes from outside, so that one design serves several environments.
Each value comes from the last of: the variable's `default`, the `vars` of the environment
`--env NAME` selects in `skyplan.toml`, each `--var-file FILE` (YAML, `name: value`) in turn,
and each `--var NAME=VALUE`. A variable without any value, a value of the wrong type, and
a value for a variable no file declares (from `--var`: an error; from a shared file: a
warning) are reported with their place; so is a variable nothing uses (SP019).

```yaml
variables:
  base_cidr: {type: cidr, default: 10.20.0.0/16, description: the VPC's block}
  region:    {type: string, default: us-east-1}
  replicas:  {type: number, default: 2}
vpcs:
  main: {cidr: "${var.base_cidr}", region: "${var.region}"}
subnets:
  app-a: {vpc: main, cidr: "${cidrsubnet(var.base_cidr, 8, 1)}", az: "${var.region}a"}
instances:
  app: {subnet: app-a, type: t3.micro, ami: ami-0123456789abcdef0, count: "${var.replicas}"}
```

```toml
# skyplan.toml, beside or above the stack
[environments.dev]
vars = { base_cidr = "10.30.0.0/16" }
[environments.prod]
state = "prod.state.json"   # relative to the stack; default skyplan.prod.state.json
vars = { base_cidr = "10.40.0.0/16", replicas = 3 }
```

`--env NAME` works with every command. Without it, `validate` and `lint` check each stack
once per environment its `skyplan.toml` defines (`--all-envs` says so explicitly), and name
the environments of a finding that only some of them have.

"#;

/// Expressions, after the table of `variables`.
const EXPRESSIONS_DOC: &str = "\n### Expressions: `${...}`\n\n\
Any value of a resource, `defaults` or an expectation may hold `${...}` (quote the\n\
scalar: `{` and `}` mean a mapping to YAML). Keys never do, and `variables` is read as\n\
written. A scalar that is one expression takes its type (`count: \"${var.replicas}\"` is a\n\
number; `${cidrsubnets(...)}` a list); with text around it, a string (`$${` is a\n\
literal `${`). There are no operators, on purpose. An expression is:\n\n\
- `var.NAME`, a number (`8`, `-1`), or a string in double quotes (`\"10.0.0.0/16\"`);\n\
- `cidrsubnet(prefix, newbits, netnum)`: block number `netnum` of the blocks `newbits`\n  \
longer than `prefix` (`cidrsubnet(\"10.20.0.0/16\", 8, 1)` is `10.20.1.0/24`);\n\
- `cidrhost(prefix, hostnum)`: address number `hostnum` of `prefix` (negative counts\n  \
from the end: `cidrhost(\"10.20.1.0/24\", 5)` is `10.20.1.5`);\n\
- `cidrsubnets(prefix, newbits, ...)`: consecutive blocks, each aligned to its size\n  \
(`cidrsubnets(\"10.20.0.0/16\", 4, 4, 8)` is `[10.20.0.0/20, 10.20.16.0/20, 10.20.32.0/24]`).\n\n\
They work as Terraform's functions of the same names, for IPv4 and IPv6. A prefix longer\n\
than /32 (/128), a `netnum` or `hostnum` beyond the block, or no space left for a block is\n\
an error (SP018) at the argument; a misspelt function or variable is one at its name.\n\n";

/// A string with a `${...}` in it.
const EXPRESSION_PATTERN: &str = "\\$\\{";

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
        AttrType::Scalar => json!({"type": ["string", "number", "boolean"]}),
        AttrType::Values => json!({
            "type": ["object", "null"],
            "additionalProperties": {"type": ["string", "number", "boolean"]},
        }),
        AttrType::Tags => json!({
            "type": "object",
            "additionalProperties": {"type": ["string", "integer", "number", "boolean"]}
        }),
    };
    // A value can also be written as an expression (`${var.NAME}`, a CIDR
    // function), which skyplan evaluates before anything else.
    let expressible = !matches!(
        a.ty,
        AttrType::Object(_)
            | AttrType::Document
            | AttrType::Tags
            | AttrType::Scalar
            | AttrType::Values
    );
    if expressible {
        v = json!({"anyOf": [v, {"type": "string", "pattern": EXPRESSION_PATTERN}]});
    }
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
    properties.insert(
        VARIABLES.into(),
        json!({
            "description": "Values the stack takes from outside (an environment of skyplan.toml, --var-file, --var), used as `${var.NAME}`.",
            "type": ["object", "null"],
            "propertyNames": {"pattern": "^[A-Za-z_][A-Za-z0-9_-]{0,63}$"},
            "additionalProperties": object_schema(VARIABLE, false),
        }),
    );
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
    properties.insert(
        "outputs".into(),
        json!({
            "description": "Values shown after apply and by `skyplan output`. Addresses: `output.NAME`.",
            "type": ["object", "null"],
            "propertyNames": {"pattern": NAME_PATTERN},
            "additionalProperties": object_schema(OUTPUT, false),
        }),
    );
    properties.insert(
        "modules".into(),
        json!({
            "description": "Directories of spec files the stack uses. Addresses: `module.NAME.kind.name`.",
            "type": ["object", "null"],
            "propertyNames": {"pattern": NAME_PATTERN},
            "additionalProperties": object_schema(MODULE, false),
        }),
    );
    properties.insert(
        "moved".into(),
        json!({
            "description": "Objects of the state the spec now declares at another address: renamed, not replaced.",
            "type": ["array", "null"],
            "items": object_schema(MOVED, false),
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
