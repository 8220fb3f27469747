//! Files to one [`StackSpec`]: the top-level keys, resource names, and the
//! per-kind attribute decoders.

use foldhash::HashMap;

use rayon::prelude::*;
use skyplan_diagnostics::{Diagnostic, FileId, Rule, SourceFiles, Span};

use crate::declarations::*;
use crate::decode::{Decoder, Fields};
use crate::kinds::Kind;
use crate::schema::{self, keys_of};

use crate::modules::{MODULES, ModuleFiles};
use crate::variables::{self, Inputs};
use crate::yaml::{self, Node, Value};

/// Loads the files of one stack (already in file-name order) into one
/// [`StackSpec`], pushing every problem into `diagnostics`.
///
/// Files are parsed and decoded in parallel, each on its own; what crosses
/// files — which declaration of a name, and which `defaults`, comes first —
/// is settled in between by a pass over the top-level names only, so the
/// declarations and diagnostics are those of decoding the files one after
/// another, in the same order.
///
/// Variables come first: the `variables:` of every file are bound to their
/// values (`inputs`, else their defaults), and every `${...}` is replaced
/// by its value. A mistake in a variable or an expression stops the load
/// there (an empty stack and those diagnostics): what the files say
/// depends on it.
///
/// Then each module call is expanded (see [`crate::modules`]): its files,
/// which `modules` holds, are loaded the same way with the call's `vars`,
/// and what they declare joins the stack, qualified with the module's path.
pub fn load_stack(
    sources: &SourceFiles,
    files: &[FileId],
    modules: &ModuleFiles,
    inputs: &Inputs,
    diagnostics: &mut Vec<Diagnostic>,
) -> StackSpec {
    let mut stack = load_files(sources, files, inputs, diagnostics);
    let mut instances = 0;
    expand_modules(
        sources,
        modules,
        &mut stack,
        "",
        &mut instances,
        diagnostics,
    );
    stack
}

/// Loads and expands the modules `stack` (inside module `namespace`, empty
/// at the top) calls into it; `instances` counts the modules expanded so
/// far in the whole stack.
fn expand_modules(
    sources: &SourceFiles,
    modules: &ModuleFiles,
    stack: &mut StackSpec,
    namespace: &str,
    instances: &mut usize,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for call in std::mem::take(&mut stack.modules) {
        let files = match modules.files_of(call.source.span) {
            Some(Some(files)) => files,
            Some(None) => continue, // reported when it was read
            None => {
                diagnostics.push(
                    Diagnostic::new(
                        Rule::ModuleSource,
                        format!("module `{}` was not read", call.name.value),
                    )
                    .at(call.source.span, "not read")
                    .help("a module is used from a stack directory, whose modules skyplan reads"),
                );
                continue;
            }
        };
        let inner_namespace = crate::qualified(namespace, &call.name.value);
        // Calls of calls multiply: the work stays bounded.
        let too_many = if inner_namespace.split('.').count() > crate::modules::MAX_DEPTH {
            Some(format!(
                "modules are nested more than {} deep here",
                crate::modules::MAX_DEPTH
            ))
        } else if *instances >= crate::modules::MAX_INSTANCES {
            Some(format!(
                "the stack expands more than {} modules",
                crate::modules::MAX_INSTANCES
            ))
        } else {
            None
        };
        if let Some(message) = too_many {
            diagnostics.push(
                Diagnostic::new(Rule::ModuleSource, message)
                    .at(call.name.span, "not expanded")
                    .help("use fewer levels of modules, or fewer calls of each"),
            );
            continue;
        }
        *instances += 1;
        let before = diagnostics.len();
        let mut inner = load_files(sources, files, &call.vars, diagnostics);
        // The decoder names a module's resources by their own names.
        for d in &mut diagnostics[before..] {
            for r in &mut d.resources {
                if let Ok(a) = r.parse::<crate::Address>() {
                    *r = a.in_module(&inner_namespace).to_string();
                }
            }
        }
        crate::modules::qualify(&mut inner, &inner_namespace, call.name.span);
        expand_modules(
            sources,
            modules,
            &mut inner,
            &inner_namespace,
            instances,
            diagnostics,
        );
        stack.append(inner);
    }
}

/// The files of one stack or module, decoded, before its modules are expanded.
fn load_files(
    sources: &SourceFiles,
    files: &[FileId],
    inputs: &Inputs,
    diagnostics: &mut Vec<Diagnostic>,
) -> StackSpec {
    let mut parsed: Vec<_> = files
        .par_iter()
        .map(|&file| yaml::parse(file, sources.get(file)))
        .collect();
    if !substitute_variables(sources, files, inputs, &mut parsed, diagnostics) {
        return StackSpec::default();
    }
    let firsts = first_declarations(sources, files, &parsed);
    let decoded: Vec<(StackSpec, Vec<Diagnostic>)> = files
        .par_iter()
        .zip(parsed.into_par_iter())
        .map(|(&file, parsed)| {
            let mut part = StackSpec::default();
            let mut found = Vec::new();
            match parsed {
                Ok(root) => {
                    let mut d = Decoder {
                        file,
                        source: sources.get(file),
                        diagnostics: &mut found,
                        resource: None,
                    };
                    decode_root(&mut d, &root, &mut part, &firsts);
                }
                Err(d) => found.push(*d),
            }
            (part, found)
        })
        .collect();
    let mut parts = Vec::with_capacity(decoded.len());
    for (part, found) in decoded {
        parts.push(part);
        diagnostics.extend(found);
    }
    StackSpec::concat(parts)
}

/// Binds the stack's variables and substitutes them into every file that
/// has a `${`; `false` when a variable or an expression is wrong.
fn substitute_variables(
    sources: &SourceFiles,
    files: &[FileId],
    inputs: &Inputs,
    parsed: &mut [Result<Node, Box<Diagnostic>>],
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    let roots: Vec<_> = files
        .iter()
        .zip(parsed.iter())
        .map(|(&file, p)| (file, sources.get(file), p.as_ref().ok()))
        .collect();
    let (bound, ok) = variables::bind(&roots, inputs, diagnostics);
    if !ok {
        return false;
    }
    let found: Vec<(variables::Substituted, Vec<Diagnostic>)> = files
        .par_iter()
        .zip(parsed.par_iter_mut())
        .filter(|(file, _)| sources.get(**file).text.contains("${"))
        .filter_map(|(&file, parsed)| {
            let root = parsed.as_mut().ok()?;
            let mut found = Vec::new();
            let s = variables::substitute(root, file, sources.get(file), &bound, &mut found);
            Some((s, found))
        })
        .collect();
    let mut used = foldhash::HashSet::default();
    let mut failed = false;
    for (s, found) in found {
        used.extend(s.used);
        failed |= s.failed;
        diagnostics.extend(found);
    }
    if !bound.is_empty() && !failed {
        variables::unused(&bound, &used, diagnostics);
    }
    !failed
}

/// Where the first declaration of every name, and the first `defaults`,
/// of a stack is: later ones are reported as duplicates and skipped.
#[derive(Default)]
struct Firsts {
    names: HashMap<(Kind, String), Span>,
    defaults: Option<Span>,
}

/// The names each file declares, in the order decoding meets them (the
/// same `Fields`, keys and name checks), without decoding anything else.
fn first_declarations(
    sources: &SourceFiles,
    files: &[FileId],
    parsed: &[Result<Node, Box<Diagnostic>>],
) -> Firsts {
    let mut firsts = Firsts::default();
    let allowed = top_level_keys();
    let mut ignored = Vec::new();
    for (&file, parsed) in files.iter().zip(parsed) {
        let Ok(root) = parsed else { continue };
        let mut d = Decoder {
            file,
            source: sources.get(file),
            diagnostics: &mut ignored,
            resource: None,
        };
        let owner = d.span(root);
        let Some(fields) = d.fields(root, &allowed, "a spec file", owner) else {
            continue;
        };
        for &key in &allowed {
            let Some(node) = fields.node(key) else {
                continue;
            };
            if key == variables::VARIABLES || key == MOVED {
                continue;
            }
            if key == "defaults" {
                let key_span = fields.key_span(&d, key).unwrap_or(owner);
                firsts.defaults.get_or_insert(key_span);
                continue;
            }
            let Value::Map(entries) = &node.value else {
                continue;
            };
            let kind = Kind::from_plural(key);
            for (name, _) in entries {
                let Some(text) = d.name_text(name).filter(|n| is_valid_name(n)) else {
                    continue;
                };
                let slot = match kind {
                    Some(kind) => (kind, text),
                    None if key == OUTPUTS => (Kind::Instance, format!("output.{text}")),
                    None if key == MODULES => (Kind::Instance, format!("module.{text}")),
                    None => (Kind::Instance, format!("expectation.{text}")),
                };
                firsts.names.entry(slot).or_insert(d.span(name));
            }
        }
        ignored.clear();
    }
    firsts
}

/// The top-level key of reachability expectations (not a resource kind).
const EXPECTATIONS: &str = "expectations";
/// The top-level key of moves (not a resource kind).
const MOVED: &str = "moved";
/// The top-level key of outputs (not a resource kind).
const OUTPUTS: &str = "outputs";

/// What a YAML file is, judged from its top-level keys without parsing it,
/// so that `lint` given every YAML file of a repository (as pre-commit does)
/// checks the stacks and leaves CI workflows and compose files alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum YamlFile {
    /// It has a top-level key of the spec language (or one close to it: a
    /// misspelt `vpc:` is a spec with a mistake, reported as such).
    Spec,
    /// It has top-level keys, none of them skyplan's.
    Foreign,
    /// No top-level key at all (empty, comments only, a list): only its
    /// stack can say what it is.
    Undecided,
}

/// Classifies a YAML text by the keys of its lines that start at column 0.
pub fn classify_yaml(text: &str) -> YamlFile {
    let keys = top_level_keys();
    let mut seen_any = false;
    for line in text.lines() {
        let Some(first) = line.chars().next() else {
            continue;
        };
        if first.is_whitespace() || matches!(first, '#' | '-' | '[' | '{' | '.' | '%') {
            continue;
        }
        let Some((key, _)) = line.split_once(':') else {
            continue;
        };
        let key = key.trim().trim_matches(|c| c == '"' || c == '\'');
        seen_any = true;
        if keys.contains(&key) || crate::suggest::closest(key, keys.iter().copied()).is_some() {
            return YamlFile::Spec;
        }
    }
    if seen_any {
        YamlFile::Foreign
    } else {
        YamlFile::Undecided
    }
}

fn top_level_keys() -> Vec<&'static str> {
    let mut keys = vec!["defaults", variables::VARIABLES, MODULES, MOVED, OUTPUTS];
    keys.extend(
        Kind::ALL
            .iter()
            .filter(|k| k.is_top_level())
            .map(|k| k.plural()),
    );
    keys.push(EXPECTATIONS);
    keys
}

fn decode_root(d: &mut Decoder, root: &Node, stack: &mut StackSpec, firsts: &Firsts) {
    let owner = d.span(root);
    let allowed = top_level_keys();
    let Some(fields) = d.fields(root, &allowed, "a spec file", owner) else {
        return;
    };
    for key in allowed {
        let Some(node) = fields.node(key) else {
            continue;
        };
        let key_span = fields.key_span(d, key).unwrap_or(owner);
        match Kind::from_plural(key) {
            // Read before decoding, by `variables::bind`.
            None if key == variables::VARIABLES => {}
            None if key == MOVED => decode_moved(d, node, stack),
            None if key == OUTPUTS => decode_outputs(d, node, stack, firsts),
            None if key == MODULES => decode_modules(d, node, stack, firsts),
            None if key == EXPECTATIONS => decode_expectations(d, node, stack, firsts),
            None => decode_defaults(d, node, key_span, &mut stack.defaults, firsts),
            Some(kind) => decode_kind(d, kind, node, stack, firsts),
        }
    }
}

fn decode_defaults(
    d: &mut Decoder,
    node: &Node,
    key_span: Span,
    defaults: &mut Defaults,
    firsts: &Firsts,
) {
    if let Some(first) = firsts.defaults.filter(|&first| first != key_span) {
        d.report(
            Diagnostic::new(
                Rule::DuplicateDefaults,
                "`defaults` is given in more than one file of the stack",
            )
            .at(key_span, "second `defaults`")
            .related(first, "first `defaults`")
            .help("keep one `defaults` block per stack"),
        );
        return;
    }
    defaults.span = Some(key_span);
    if let Some(f) = d.fields(node, &keys_of(schema::DEFAULTS), "defaults", key_span) {
        defaults.region = f.str(d, "region");
        defaults.tags = f.tags(d);
    }
}

/// Whether a name matches `[A-Za-z0-9][A-Za-z0-9_-]{0,63}`.
pub fn is_valid_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 64
        && bytes[0].is_ascii_alphanumeric()
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-')
}

fn decode_kind(d: &mut Decoder, kind: Kind, node: &Node, stack: &mut StackSpec, firsts: &Firsts) {
    let entries = match &node.value {
        Value::Map(entries) => entries,
        Value::Null => return,
        _ => {
            let found = node.value.type_name();
            d.report(
                Diagnostic::new(
                    Rule::WrongType,
                    format!(
                        "`{}` must map resource names to attributes, found {found}",
                        kind.plural()
                    ),
                )
                .at(d.span(node), "expected a mapping of names"),
            );
            return;
        }
    };
    for (key, attrs) in entries {
        let Some(name) = d.name_text(key) else {
            let found = key.value.type_name();
            d.report(
                Diagnostic::new(
                    Rule::WrongType,
                    format!("a resource name must be a string, found {found}"),
                )
                .at(d.span(key), "expected a name"),
            );
            continue;
        };
        let span = d.span(key);
        let address = format!("{}.{}", kind.singular(), name);
        if !is_valid_name(&name) {
            d.report(
                Diagnostic::new(
                    Rule::InvalidName,
                    format!("`{name}` is not a valid resource name"),
                )
                .resource(address)
                .at(span, "invalid name")
                .help("names match [A-Za-z0-9][A-Za-z0-9_-]{0,63}"),
            );
            continue;
        }
        let unique = "rename one of them; names are unique per kind in the whole stack";
        if !declare(d, firsts, (kind, name.clone()), &address, span, unique) {
            continue;
        }
        d.resource = Some(address.clone());
        let name = Sp::new(name, span);
        decode_resource(d, kind, name, attrs, &address, stack);
        d.resource = None;
    }
}

/// Whether the declaration at `span` is the first of its name; a later one
/// is reported (and `false` returned).
fn declare(
    d: &mut Decoder,
    firsts: &Firsts,
    slot: (Kind, String),
    address: &str,
    span: Span,
    help: &str,
) -> bool {
    if let Some(first) = firsts.names.get(&slot).filter(|&&first| first != span) {
        d.report(
            Diagnostic::new(
                Rule::DuplicateResourceName,
                format!("{address} is declared twice"),
            )
            .resource(address)
            .at(span, "second declaration")
            .related(*first, "first declaration")
            .help(help),
        );
        return false;
    }
    true
}

/// The entries of a top-level mapping of names that are not resources
/// (`expectations`, `outputs`): each valid, stack-unique name with its
/// span, `prefix.NAME` and its attributes. Names share the names table
/// under the kind `Instance`, with a prefix no resource name can have.
fn named_entries<'n>(
    d: &mut Decoder,
    node: &'n Node<'n>,
    firsts: &Firsts,
    prefix: &str,
) -> Vec<(Sp<String>, String, &'n Node<'n>)> {
    let Value::Map(entries) = &node.value else {
        if !matches!(node.value, Value::Null) {
            d.wrong_type(node, &format!("a mapping of {prefix} names"));
        }
        return Vec::new();
    };
    let mut out = Vec::with_capacity(entries.len());
    for (key, attrs) in entries {
        let Some(name) = d.name_text(key).filter(|n| is_valid_name(n)) else {
            d.report(
                Diagnostic::new(
                    Rule::InvalidName,
                    format!("an {prefix} name must be a valid name"),
                )
                .at(d.span(key), "invalid name")
                .help("names match [A-Za-z0-9][A-Za-z0-9_-]{0,63}"),
            );
            continue;
        };
        let span = d.span(key);
        let address = format!("{prefix}.{name}");
        let slot = (Kind::Instance, address.clone());
        let unique = format!("rename one of them; {prefix} names are unique in the whole stack");
        if declare(d, firsts, slot, &address, span, &unique) {
            out.push((Sp::new(name, span), address, attrs));
        }
    }
    out
}

/// `expectations:`: names to questions.
fn decode_expectations(d: &mut Decoder, node: &Node, stack: &mut StackSpec, firsts: &Firsts) {
    let keys = schema::keys_of(schema::EXPECTATION);
    for (name, address, attrs) in named_entries(d, node, firsts, "expectation") {
        d.resource = Some(address.clone());
        let reported = d.diagnostics.len();
        let spec = d
            .fields(attrs, &keys, &address, name.span)
            .and_then(|f| expectation(d, &f, name.span));
        let attrs = spec.filter(|_| d.diagnostics.len() == reported);
        stack.expectations.push(Decl {
            name,
            tags: Tags::new(),
            attrs: attrs.map(Box::new),
        });
        d.resource = None;
    }
}

/// `outputs:`: names to values.
fn decode_outputs(d: &mut Decoder, node: &Node, stack: &mut StackSpec, firsts: &Firsts) {
    let keys = schema::keys_of(schema::OUTPUT);
    for (name, address, attrs) in named_entries(d, node, firsts, "output") {
        let attrs = d.fields(attrs, &keys, &address, name.span).and_then(|f| {
            let description = f.str(d, "description");
            f.req_str(d, "value")
                .map(|value| OutputSpec { value, description })
        });
        stack.outputs.push(Decl {
            name,
            tags: Tags::new(),
            attrs: attrs.map(Box::new),
        });
    }
}

/// `modules:`: names to calls.
fn decode_modules(d: &mut Decoder, node: &Node, stack: &mut StackSpec, firsts: &Firsts) {
    let keys = schema::keys_of(schema::MODULE);
    for (name, address, attrs) in named_entries(d, node, firsts, "module") {
        let Some(f) = d.fields(attrs, &keys, &address, name.span) else {
            continue;
        };
        let source = f.req_str(d, "source");
        let vars = module_vars(d, &f, &name.value);
        if let Some(source) = source {
            stack.modules.push(ModuleCall { name, source, vars });
        }
    }
}

/// A call's `vars:`: the module's inputs, each at its value.
fn module_vars(d: &mut Decoder, f: &Fields, module: &str) -> Inputs {
    let mut inputs = Inputs::default();
    let Some(node) = f.node("vars") else {
        return inputs;
    };
    let entries = match &node.value {
        Value::Map(entries) => entries,
        Value::Null => return inputs,
        _ => {
            d.wrong_type(node, "a mapping of variable names to values");
            return inputs;
        }
    };
    for (key, value) in entries {
        let Some(name) = d.name_text(key) else {
            d.wrong_type(key, "a variable name");
            continue;
        };
        let span = d.span(value);
        let value = match &value.value {
            Value::Str(s) => variables::InputValue::Str(s.to_string()),
            Value::Int(n) => variables::InputValue::Int(*n),
            Value::Bool(b) => variables::InputValue::Bool(*b),
            _ => {
                d.wrong_type(value, "a string, number or boolean");
                continue;
            }
        };
        inputs.values.push(variables::Input {
            name,
            value,
            origin: format!("module `{module}`'s `vars`"),
            span: Some(span),
            strict: true,
        });
    }
    inputs
}

/// `moved:`: a list of `{from, to}` addresses.
fn decode_moved(d: &mut Decoder, node: &Node, stack: &mut StackSpec) {
    let items = match &node.value {
        Value::Seq(items) => items,
        Value::Null => return,
        _ => {
            d.wrong_type(node, "a list of `{from, to}` moves");
            return;
        }
    };
    let keys = schema::keys_of(schema::MOVED);
    for item in items {
        let span = d.span(item);
        let Some(f) = d.fields(item, &keys, "a move", span) else {
            continue;
        };
        let (from, to) = (f.req_str(d, "from"), f.req_str(d, "to"));
        let (Some(from), Some(to)) = (address(d, from), address(d, to)) else {
            continue;
        };
        stack.moved.push(Moved { from, to });
    }
}

/// An address as written in a `moved:` entry.
fn address(d: &mut Decoder, text: Option<Sp<String>>) -> Option<Sp<crate::Address>> {
    let text = text?;
    match text.value.parse::<crate::Address>() {
        Ok(a) => Some(Sp::new(a, text.span)),
        Err(e) => {
            d.report(
                Diagnostic::new(Rule::InvalidValue, e.to_string()).at(text.span, "not an address"),
            );
            None
        }
    }
}

fn expectation(d: &mut Decoder, f: &Fields, name: Span) -> Option<ExpectationSpec> {
    let (from, to) = (f.req_str(d, "from"), f.req_str(d, "to"));
    let protocol = f.choice(
        d,
        "protocol",
        schema::choices(schema::EXPECTATION, "protocol"),
    );
    let port = f.int(d, "port");
    let reachable = f.req_bool(d, "reachable");
    let via = f.str(d, "via");
    if let (Some(v), Some(r)) = (&via, &reachable)
        && !r.value
    {
        d.report(
            Diagnostic::new(
                Rule::InvalidValue,
                "`via` is for a path that is reachable: a blocked path goes through nothing",
            )
            .at(v.span, "with `reachable: false`")
            .help("remove `via`, or expect `reachable: true`"),
        );
        return None;
    }
    let icmp = protocol.as_ref().is_some_and(|p| p.value == "icmp");
    let port = match (port, icmp) {
        (Some(p), true) => {
            d.report(
                Diagnostic::new(
                    Rule::InvalidValue,
                    "`port` does not apply to icmp (echo request)",
                )
                .at(p.span, "no port for icmp")
                .help("remove `port`"),
            );
            return None;
        }
        (Some(p), false) => match u16::try_from(p.value) {
            Ok(v) => Some(Sp::new(v, p.span)),
            Err(_) => {
                d.report(
                    Diagnostic::new(
                        Rule::InvalidValue,
                        format!("`port` must be 0-65535, found {}", p.value),
                    )
                    .at(p.span, "not a port"),
                );
                return None;
            }
        },
        (None, true) => None,
        (None, false) => {
            d.report(
                Diagnostic::new(
                    Rule::MissingKey,
                    "an expectation about tcp or udp needs a `port`",
                )
                .at(name, "no `port`")
                .help("add `port: N`, or `protocol: icmp` to ask about ping"),
            );
            return None;
        }
    };
    Some(ExpectationSpec {
        from: from?,
        to: to?,
        protocol,
        port,
        reachable: reachable?,
        via,
    })
}

/// Decodes the attributes of one resource and appends its declaration.
fn decode_resource(
    d: &mut Decoder,
    kind: Kind,
    name: Sp<String>,
    node: &Node,
    address: &str,
    stack: &mut StackSpec,
) {
    // The keys a declaration takes come from the kind table.
    let keys = kind.schema().keys();
    macro_rules! decode_into {
        ($kind:ident) => {{
            let reported = d.diagnostics.len();
            let (tags, attrs) = match d.fields(node, &keys, address, name.span) {
                Some(f) => (f.tags(d), crate::kinds::$kind::decode(d, &f).map(Box::new)),
                None => (Tags::new(), None),
            };
            // A resource with any broken attribute is declared (references
            // to it are not errors) but not checked: a finding derived from
            // a default that stands in for a typo would be invented.
            let broken = d.diagnostics.len() != reported;
            (tags, attrs, broken)
        }};
    }
    macro_rules! dispatch {
        (top_level { $([$kind:ident $singular:ident $plural:ident $spec:ident
            $order:literal $rank:literal $resolve:literal $model:ident $models:ident $($keeps:ident)?])* }
         inside_vpc { $([$inner:ident $($inside_vpc:tt)*])* }) => {
            match kind {
                $(Kind::$kind => {
                    let (tags, attrs, broken) = decode_into!($singular);
                    $(let attrs = match attrs {
                        Some(a) if broken => {
                            a.$keeps(address, &mut stack.broken_instances);
                            None
                        }
                        other => other,
                    };)?
                    let attrs = attrs.filter(|_| !broken);
                    stack.$plural.push(Decl { name, tags, attrs });
                })*
                // Declared inside their VPC (`vpc` decodes them); no
                // top-level key names them, so they never arrive here.
                $(Kind::$inner => {})*
            }
        };
    }
    crate::for_each_kind!(dispatch);
}

#[cfg(test)]
mod classify_tests {
    use super::*;

    #[test]
    fn other_tools_yaml_is_foreign_and_a_misspelt_spec_is_not() {
        let workflow = "name: CI\non:\n  push:\njobs:\n  test:\n    runs-on: ubuntu-latest\n";
        let compose = "version: \"3\"\nservices:\n  web:\n    image: nginx\n";
        let precommit = "repos:\n  - repo: https://example.invalid/x\n    rev: v1\n";
        for text in [workflow, compose, precommit] {
            assert_eq!(classify_yaml(text), YamlFile::Foreign, "{text}");
        }
        assert_eq!(
            classify_yaml("vpcs:\n  main: {cidr: 10.0.0.0/16}\n"),
            YamlFile::Spec
        );
        assert_eq!(
            classify_yaml("vpc:\n  main: {cidr: 10.0.0.0/16}\n"),
            YamlFile::Spec
        );
        assert_eq!(classify_yaml("\"subnets\": {}\n"), YamlFile::Spec);
        assert_eq!(classify_yaml("# nothing yet\n"), YamlFile::Undecided);
        assert_eq!(classify_yaml("[1, 2]\n"), YamlFile::Undecided);
    }
}

#[cfg(test)]
mod load_tests {
    use super::*;

    /// Files decoded in parallel keep the first declaration of a name (in
    /// file order, then within a file) and the first `defaults`, and report
    /// each later one against it, in file order.
    #[test]
    fn the_first_declaration_wins_across_files() {
        let mut sources = SourceFiles::new();
        let texts = [
            "defaults: {region: eu-west-1}\nvpcs:\n  a: {cidr: 10.0.0.0/16}\n",
            "vpcs:\n  b: {cidr: 10.1.0.0/16}\n  a: {cidr: 10.2.0.0/16}\n  b: {cidr: 10.3.0.0/16}\n",
            "defaults: {region: us-east-1}\nexpectations:\n  e: {from: internet, to: vpc.a, protocol: tcp, port: 1, reachable: false}\n",
            "expectations:\n  e: {from: internet, to: vpc.b, protocol: tcp, port: 2, reachable: false}\n",
        ];
        let files: Vec<FileId> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| sources.add(format!("{i}.yaml"), t.to_string()))
            .collect();
        let mut diagnostics = Vec::new();
        let stack = load_stack(
            &sources,
            &files,
            &Default::default(),
            &Default::default(),
            &mut diagnostics,
        );
        let cidrs: Vec<(&str, &str)> = stack
            .vpcs
            .iter()
            .map(|v| {
                (
                    v.name.value.as_str(),
                    v.attrs.as_ref().unwrap().cidr.value.as_str(),
                )
            })
            .collect();
        assert_eq!(cidrs, [("a", "10.0.0.0/16"), ("b", "10.1.0.0/16")]);
        assert_eq!(stack.defaults.region.unwrap().value, "eu-west-1");
        assert_eq!(stack.expectations.len(), 1);
        let found: Vec<(Rule, FileId)> = diagnostics
            .iter()
            .map(|d| (d.rule, d.primary.as_ref().unwrap().span.file))
            .collect();
        assert_eq!(
            found,
            [
                (Rule::DuplicateResourceName, files[1]),
                (Rule::DuplicateResourceName, files[1]),
                (Rule::DuplicateDefaults, files[2]),
                (Rule::DuplicateResourceName, files[3]),
            ]
        );
    }
}
