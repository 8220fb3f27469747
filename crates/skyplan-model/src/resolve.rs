//! Declarations to the [`Model`]: names to indices, CIDRs parsed, defaults
//! applied, `count` expanded, the graph built.
//!
//! Kinds are resolved in dependency order (a subnet after its VPC). A
//! resource whose required reference does not resolve is dropped after the
//! error is reported; references to a dropped resource are dropped silently,
//! so one mistake gives one error, not a cascade.

use foldhash::{HashMap, HashSet};

/// The number of resource kinds (tables indexed by `Kind as usize`).
pub(crate) const KINDS: usize = Kind::ALL.len();

use skyplan_cidr::{parse_block, parse_block_v4, parse_block_v6};
use skyplan_diagnostics::{Diagnostic, Rule};
use skyplan_spec::suggest::Suggestions;
use skyplan_spec::*;

use crate::kinds::*;
use crate::model::*;
use crate::module_outputs::{Followed, ModuleOutputs, is_output_reference};

pub(crate) struct Resolver<'d> {
    /// Every declared name, per kind (including dropped resources).
    pub(crate) declared: [HashSet<String>; KINDS],
    /// The same names sorted, for suggestions and previews; filled once
    /// every name is declared.
    pub(crate) sorted: [Vec<String>; KINDS],
    pub(crate) suggestions: Suggestions,
    /// Resolved names: the index of the resource in its model list.
    pub(crate) ids: [HashMap<String, usize>; KINDS],
    pub(crate) default_tags: TagSet,
    /// What references into modules (`module.net.vpc`) read.
    pub(crate) module_outputs: ModuleOutputs,
    /// The VPCs' taken-over default groups and ACLs, resolved after the
    /// security groups their rules name.
    pub(crate) vpc_defaults: Vec<VpcDefaults>,
    pub(crate) diagnostics: &'d mut Vec<Diagnostic>,
}

/// Resolves a stack; problems go to `diagnostics`.
pub fn resolve(mut stack: StackSpec, diagnostics: &mut Vec<Diagnostic>) -> Model {
    let mut r = Resolver {
        declared: Default::default(),
        sorted: Default::default(),
        suggestions: Suggestions::default(),
        ids: Default::default(),
        default_tags: stack
            .defaults
            .tags
            .iter()
            .map(|(k, v)| (k.clone(), v.value.clone()))
            .collect(),
        vpc_defaults: Vec::new(),
        module_outputs: ModuleOutputs::default(),
        diagnostics,
    };
    r.declare(&stack);
    let module_outputs = std::mem::take(&mut stack.module_outputs);
    check_module_outputs(&r.declared, &module_outputs, r.diagnostics);
    r.module_outputs = ModuleOutputs::new(module_outputs);
    for (sorted, names) in r.sorted.iter_mut().zip(&r.declared) {
        *sorted = names.iter().cloned().collect();
        sorted.sort_unstable();
    }
    let mut m = Model {
        default_region: stack.defaults.region.clone(),
        ..Model::default()
    };
    r.resolve_kinds(&mut m, &mut stack);
    m.broken_instances = stack.broken_instances;
    m.expectations = stack
        .expectations
        .into_iter()
        .filter_map(|d| {
            let a = d.attrs?;
            Some(Expectation {
                address: format!("expectation.{}", d.name.value),
                name: d.name,
                from: a.from,
                to: a.to,
                protocol: a.protocol,
                port: a.port,
                reachable: a.reachable,
                via: a.via,
            })
        })
        .collect();
    m.moved = moves(&r.declared, stack.moved, r.diagnostics);
    m.outputs = outputs(&r.declared, &r.module_outputs, stack.outputs, r.diagnostics);
    for kind in Kind::ALL {
        let missing = r.declared[kind as usize].len() - r.ids[kind as usize].len();
        m.dropped[kind as usize] = missing > 0;
        m.dropped_count += missing;
    }
    associate(&mut m);
    crate::build_graph::build(&mut m);
    for ring in m.graph.cycles() {
        r.diagnostics.push(cycle_diagnostic(&m, &ring));
    }
    m
}

/// The outputs, their references checked: a declared resource and an
/// attribute its kind has (`id`, a configured or a computed one).
fn outputs(
    names: &[HashSet<String>; KINDS],
    module_outputs: &ModuleOutputs,
    outputs: Vec<Decl<OutputSpec>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Output> {
    outputs
        .into_iter()
        .filter_map(|d| {
            let spec = d.attrs?;
            let text = &spec.value.value;
            // A module's output shows what it reads.
            let followed = match is_output_reference(text) {
                true => match module_outputs.follow("", text, spec.value.span) {
                    Ok(followed) => Some(followed),
                    Err(problem) => {
                        diagnostics.push(problem.resource(format!("output.{}", d.name.value)));
                        return None;
                    }
                },
                false => None,
            };
            let reference = match followed {
                Some(Followed::Text(text)) => {
                    return Some(Output {
                        name: d.name,
                        description: spec.description.map(|s| s.value),
                        value: OutputValue::Text(text.to_string()),
                    });
                }
                Some(Followed::Attribute { address, attribute }) => Some((address, attribute)),
                None => text.rsplit_once('.').and_then(|(address, attribute)| {
                    Some((address.parse::<Address>().ok()?, attribute))
                }),
            };
            let value = match reference {
                None => OutputValue::Text(text.clone()),
                Some((address, attribute)) => {
                    let name = &d.name.value;
                    if let Some(problem) = unreadable(names, name, &address, attribute) {
                        diagnostics.push(
                            Diagnostic::new(Rule::InvalidOutput, problem)
                                .at(spec.value.span, "here")
                                .resource(format!("output.{name}")),
                        );
                        return None;
                    }
                    OutputValue::Attribute {
                        address,
                        attribute: attribute.to_string(),
                    }
                }
            };
            Some(Output {
                name: d.name,
                description: spec.description.map(|s| s.value),
                value,
            })
        })
        .collect()
}

/// Why output `name` cannot read `attribute` of `address`: the resource
/// is not declared, or its kind has no such attribute.
fn unreadable(
    names: &[HashSet<String>; KINDS],
    name: &str,
    address: &Address,
    attribute: &str,
) -> Option<String> {
    let schema = address.kind.schema();
    if !names[address.kind as usize].contains(&address.name) {
        return Some(format!(
            "output `{name}` reads {address}, which is not declared"
        ));
    }
    if attribute == "id" || schema.attribute(attribute).is_some() || schema.is_computed(attribute) {
        return None;
    }
    Some(format!(
        "{address} has no attribute `{attribute}`; a {} has `id`, {}",
        address.kind.singular(),
        schema
            .attributes
            .iter()
            .map(|a| format!("`{}`", a.name))
            .chain(schema.computed.iter().map(|c| format!("`{}`", c.name)))
            .collect::<Vec<_>>()
            .join(", ")
    ))
}

/// The outputs of modules that read an attribute, checked as the stack's
/// own are (SP021), at the module's file; references through them are
/// checked where they are made.
fn check_module_outputs(
    names: &[HashSet<String>; KINDS],
    outputs: &[ModuleOutput],
    diagnostics: &mut Vec<Diagnostic>,
) {
    for o in outputs {
        if is_output_reference(&o.value.value) {
            continue;
        }
        let read = o
            .value
            .value
            .rsplit_once('.')
            .and_then(|(address, attribute)| Some((address.parse::<Address>().ok()?, attribute)));
        let Some((address, attribute)) = read else {
            continue;
        };
        if let Some(problem) = unreadable(names, &o.name.value, &address, attribute) {
            diagnostics.push(
                Diagnostic::new(Rule::InvalidOutput, problem)
                    .at(o.value.span, "here")
                    .related(o.call, "the module is used here"),
            );
        }
    }
}

/// The `moved:` entries that can be made: to a declared address of the
/// same kind, from one no longer declared, each address in one move.
fn moves(
    names: &[HashSet<String>; KINDS],
    moved: Vec<skyplan_spec::Moved>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(Address, Address)> {
    let declared = |a: &Address| names[a.kind as usize].contains(&a.name);
    let mut seen: HashMap<&Address, skyplan_diagnostics::Span> = HashMap::default();
    let mut out = Vec::new();
    for m in &moved {
        let (from, to) = (&m.from.value, &m.to.value);
        let problem = if from.kind != to.kind {
            Some((
                m.to.span,
                format!("{from} cannot move to {to}: an object keeps its kind"),
            ))
        } else if !declared(to) {
            Some((
                m.to.span,
                format!("{to} is not declared: a move needs the resource it moves to"),
            ))
        } else if declared(from) {
            Some((
                m.from.span,
                format!("{from} is still declared: remove it, or drop the move"),
            ))
        } else {
            None
        };
        if let Some((span, message)) = problem {
            diagnostics.push(
                Diagnostic::new(Rule::InvalidMove, message)
                    .at(span, "here")
                    .help("`moved:` takes an object of the state from an address no longer declared to one that is"),
            );
            continue;
        }
        let twice = [(&m.from, "moved from"), (&m.to, "moved to")]
            .into_iter()
            .find_map(|(a, what)| seen.get(&a.value).map(|first| (a, *first, what)));
        if let Some((a, first, what)) = twice {
            diagnostics.push(
                Diagnostic::new(Rule::InvalidMove, format!("{} is {what} twice", a.value))
                    .at(a.span, "second move")
                    .related(first, "first move"),
            );
            continue;
        }
        seen.insert(&m.from.value, m.from.span);
        seen.insert(&m.to.value, m.to.span);
        out.push((from.clone(), to.clone()));
    }
    out
}

fn cycle_diagnostic(m: &Model, ring: &crate::graph::Cycle) -> Diagnostic {
    let g = &m.graph;
    let mut text = g.node(ring[0].0).address.clone();
    for (i, (_, edge)) in ring.iter().enumerate() {
        let next = ring.get(i + 1).map_or(ring[0].0, |(n, _)| *n);
        text.push_str(&format!(" -({})-> {}", edge.field, g.node(next).address));
    }
    let first = g.node(ring[0].0);
    let mut d = Diagnostic::new(Rule::DependencyCycle, format!("dependency cycle: {text}")).at(
        ring[0].1.span,
        format!("`{}` starts the cycle", ring[0].1.field),
    );
    for (n, edge) in ring {
        d = d.resource(g.node(*n).address.clone());
        if edge.span != ring[0].1.span {
            d = d.related(
                edge.span,
                format!("`{}` of {}", edge.field, g.node(*n).address),
            );
        }
    }
    d.resource(first.address.clone())
        .help("remove one reference of the ring")
}

/// The module path of the resource at address `from` (empty at the top).
pub(crate) fn namespace_of(from: &str) -> String {
    match from.starts_with("module.") {
        true => split_module_path(from)
            .map(|(path, _)| path)
            .unwrap_or_default(),
        false => String::new(),
    }
}

/// Splits `web[2]` into (`web`, Some(2)).
pub(crate) fn split_index(name: &str) -> (&str, Option<Result<u32, ()>>) {
    match name.strip_suffix(']').and_then(|n| n.split_once('[')) {
        Some((base, index)) => (base, Some(index.parse().map_err(|_| ()))),
        None => (name, None),
    }
}

impl Resolver<'_> {
    /// Every kind's declarations, in the kind list's resolution order.
    fn resolve_kinds(&mut self, m: &mut Model, stack: &mut StackSpec) {
        macro_rules! resolve_kinds {
            (top_level { $([$kind:ident $singular:ident $plural:ident $spec:ident
                $order:literal $rank:literal $resolve:literal $model:ident $models:ident
                $($keeps:ident)?])* }
             inside_vpc { $([$inner:ident $inner_singular:ident $inner_plural:ident $($inside:tt)*])* }) => {
                for kind in Kind::by_resolve_rank() {
                    match kind {
                        $(Kind::$kind => {
                            let decls = std::mem::take(&mut stack.$plural);
                            // One model entry per declaration, at most:
                            // no list grows (and moves) while it fills.
                            m.$models.reserve_exact(decls.len());
                            self.$plural(m, decls)
                        })*
                        $(Kind::$inner => self.$inner_plural(m),)*
                    }
                }
            };
        }
        skyplan_spec::for_each_kind!(resolve_kinds);
    }

    pub(crate) fn declare(&mut self, s: &StackSpec) {
        macro_rules! declare {
            (top_level { $([$kind:ident $singular:ident $plural:ident $($top:tt)*])* }
             inside_vpc { $([$inner:ident $inner_singular:ident $($inside:tt)*])* }) => {
                $(for d in &s.$plural {
                    self.declared[Kind::$kind as usize].insert(d.name.value.clone());
                })*
                // Named after the VPC that takes them over.
                $(for v in &s.vpcs {
                    if v.attrs.as_ref().is_some_and(|a| a.$inner_singular.is_some()) {
                        self.declared[Kind::$inner as usize].insert(v.name.value.clone());
                    }
                })*
            };
        }
        skyplan_spec::for_each_kind!(declare);
    }

    pub(crate) fn common(&self, kind: Kind, name: Sp<String>, tags: &Tags) -> Common {
        Common {
            address: address_text(kind, &name.value),
            name,
            tags: (self.default_tags)
                .merged(tags.iter().map(|(k, v)| (k.as_str(), v.value.as_str()))),
        }
    }

    /// Resolves `field: name` of the resource at `from` to a `kind`.
    pub(crate) fn lookup<T: Named>(
        &mut self,
        name: &Sp<String>,
        field: &str,
        from: &str,
    ) -> Option<Ref<T>> {
        let kind = T::KIND;
        let key = self.key_of(kind, name, field, from)?;
        if let Some(&id) = self.ids[kind as usize].get(&*key) {
            return Some(Ref {
                id: Id::new(id),
                span: name.span,
            });
        }
        if self.declared[kind as usize].contains(&*key) {
            return None; // declared but dropped: already reported
        }
        let wanted = kind.singular();
        let other_kind = Kind::ALL
            .into_iter()
            .find(|k| self.declared[*k as usize].contains(&*key));
        let d = match other_kind {
            Some(other) => {
                let other_address = address_text(other, &key);
                let mut d = Diagnostic::new(
                    Rule::WrongKindReference,
                    format!(
                        "`{field}: {}` must name a {wanted}, but {other_address} is a {}",
                        name.value,
                        other.singular()
                    ),
                )
                .resource(from)
                .resource(other_address.clone())
                .at(name.span, format!("not a {wanted}"));
                if RouteTargetKind::ALL.iter().any(|t| t.key() == field) {
                    d = d.help(format!(
                        "to route to {other_address}, write `{}: {}`",
                        other.singular(),
                        name.value
                    ));
                }
                d
            }
            None => {
                let candidates = &self.sorted[kind as usize];
                let mut d = Diagnostic::new(
                    Rule::UnknownReference,
                    format!(
                        "{from} refers to {wanted}.{}, which is not declared",
                        name.value
                    ),
                )
                .resource(from)
                .at(name.span, format!("no {wanted} named `{}`", name.value));
                // A module's resources are suggested in it, by their own names.
                let namespace = &key[..key.len() - name.value.len()];
                let suggestion = self
                    .suggestions
                    .closest(
                        kind as u8,
                        &key,
                        candidates
                            .iter()
                            .map(String::as_str)
                            .filter(|c| c.starts_with(namespace)),
                    )
                    .map(|s| s[namespace.len()..].to_string());
                d = match suggestion {
                    Some(s) => d.help(format!("did you mean `{s}`?")),
                    None if candidates.is_empty() => {
                        d.help(format!("declare it under `{}:`", kind.plural()))
                    }
                    None => d.help(format!("declared {}s: {}", wanted, preview(candidates))),
                };
                d
            }
        };
        self.diagnostics.push(d);
        None
    }

    /// The name a reference `name` written in resource `from` looks up:
    /// qualified with `from`'s module (a module's references stay in it),
    /// or, for `module.X.OUT`, the resource whose id the module's output
    /// reads. `None` when that output is missing or reads something else
    /// (reported here).
    fn key_of<'n>(
        &mut self,
        kind: Kind,
        name: &'n Sp<String>,
        field: &str,
        from: &str,
    ) -> Option<std::borrow::Cow<'n, str>> {
        if !from.starts_with("module.") && !name.value.starts_with("module.") {
            return Some(name.value.as_str().into()); // the stack's own: most references
        }
        let namespace = namespace_of(from);
        if !is_output_reference(&name.value) {
            return Some(qualified(&namespace, &name.value).into());
        }
        let problem = match self.module_outputs.follow(&namespace, &name.value, name.span) {
            Ok(Followed::Attribute { address, attribute }) if attribute == "id" && address.kind == kind => {
                return Some(address.name.into());
            }
            Ok(Followed::Attribute {
                address,
                attribute: "id",
            }) => Diagnostic::new(
                Rule::WrongKindReference,
                format!(
                    "`{field}: {}` must name a {}, but the output reads {address}, a {}",
                    name.value,
                    kind.singular(),
                    address.kind.singular()
                ),
            )
            .at(name.span, format!("not a {}", kind.singular())),
            Ok(Followed::Attribute { address, attribute }) => Diagnostic::new(
                Rule::WrongKindReference,
                format!(
                    "`{field}: {}` reads `{attribute}` of {address}; a reference needs an output of an id (`{address}.id`)",
                    name.value
                ),
            )
            .at(name.span, "not an id"),
            Ok(Followed::Text(text)) => Diagnostic::new(
                Rule::WrongKindReference,
                format!(
                    "`{field}: {}` reads the text `{text}`; a reference needs an output of an id",
                    name.value
                ),
            )
            .at(name.span, "not an id"),
            Err(d) => *d,
        };
        self.diagnostics.push(problem.resource(from));
        None
    }

    /// Resolves a list of references, dropping the ones that do not resolve.
    pub(crate) fn lookup_all<T: Named>(
        &mut self,
        names: &[Sp<String>],
        field: &str,
        from: &str,
    ) -> Vec<Ref<T>> {
        names
            .iter()
            .filter_map(|n| self.lookup(n, field, from))
            .collect()
    }

    /// Makes a resolved resource findable by name.
    pub(crate) fn register(&mut self, kind: Kind, common: &Common, id: usize) {
        self.ids[kind as usize].insert(common.name.value.clone(), id);
    }

    /// Resolves a reference to one instance copy: `web`, or `web[1]` for a
    /// copy of an instance with `count`.
    pub(crate) fn lookup_instance(
        &mut self,
        m: &Model,
        name: &Sp<String>,
        field: &str,
        from: &str,
    ) -> Option<Ref<Instance>> {
        let (base, index) = split_index(&name.value);
        let group_ref =
            self.lookup::<InstanceGroup>(&Sp::new(base.to_string(), name.span), field, from)?;
        let group = &m.instance_groups[group_ref.id];
        let copies = &group.instances;
        let chosen = match (index, group.count.is_some()) {
            (None, false) => copies.first().copied(),
            (Some(Ok(i)), true) => copies.get(i as usize).copied(),
            (None, true) if copies.len() == 1 => copies.first().copied(),
            _ => None,
        };
        if copies.is_empty() && group.count.as_ref().is_some_and(|c| c.value == 0) {
            self.diagnostics.push(
                Diagnostic::new(
                    Rule::InvalidValue,
                    format!(
                        "`{field}: {}` names {}, which has `count: 0` and so no copies",
                        name.value, group.common.address
                    ),
                )
                .resource(from)
                .resource(group.common.address.clone())
                .at(name.span, "no copy to refer to")
                .help(format!(
                    "raise the `count` of {} or remove this reference",
                    group.common.address
                )),
            );
        }
        if chosen.is_none() && !copies.is_empty() {
            let help = if group.count.is_some() {
                format!(
                    "name one copy, from `{base}[0]` to `{base}[{}]`",
                    copies.len() - 1
                )
            } else {
                format!("{} has no `count`; write `{base}`", group.common.address)
            };
            self.diagnostics.push(
                Diagnostic::new(
                    Rule::InvalidValue,
                    format!(
                        "`{field}: {}` does not name one copy of {}",
                        name.value, group.common.address
                    ),
                )
                .resource(from)
                .resource(group.common.address.clone())
                .at(name.span, "which copy?")
                .help(help),
            );
        }
        chosen.map(|id| Ref {
            id,
            span: name.span,
        })
    }

    pub(crate) fn region_of(
        &mut self,
        m: &Model,
        common: &Common,
        own: Option<Sp<String>>,
        holder: &str,
    ) -> (Option<Sp<String>>, bool) {
        match (own, &m.default_region) {
            (Some(r), _) => (Some(r), false),
            (None, Some(d)) => (Some(d.clone()), true),
            (None, None) => {
                self.diagnostics.push(
                    Diagnostic::new(
                        Rule::MissingKey,
                        format!(
                            "{} has no `region` and `defaults` sets none",
                            common.address
                        ),
                    )
                    .resource(common.address.clone())
                    .at(common.name.span, "`region` is required")
                    .help(format!(
                        "add `region:` to {holder}, or `defaults: {{region: ...}}` to the stack"
                    )),
                );
                (None, false)
            }
        }
    }
}

/// Fills the per-subnet and per-VPC association tables.
fn associate(m: &mut Model) {
    m.subnet_route_table = PerId::new(&m.subnets, None);
    m.vpc_main_route_table = PerId::new(&m.vpcs, None);
    m.subnet_network_acl = PerId::new(&m.subnets, None);
    m.vpc_default_security_group = PerId::new(&m.vpcs, None);
    m.vpc_default_network_acl = PerId::new(&m.vpcs, None);
    for (g, group) in with_ids(&m.default_security_groups) {
        m.vpc_default_security_group[group.group.vpc.id] = Some(g);
    }
    for (a, acl) in with_ids(&m.default_network_acls) {
        m.vpc_default_network_acl[acl.acl.vpc.id] = Some(a);
    }
    for (t, table) in with_ids(&m.route_tables) {
        for s in &table.subnets {
            m.subnet_route_table[s.id].get_or_insert(t);
        }
        if table.is_main() {
            m.vpc_main_route_table[table.vpc.id].get_or_insert(t);
        }
    }
    for (a, acl) in with_ids(&m.network_acls) {
        for s in &acl.subnets {
            m.subnet_network_acl[s.id].get_or_insert(a);
        }
    }
}

pub(crate) fn cidr4(text: Sp<String>) -> Cidr4 {
    Cidr {
        net: parse_block_v4(&text.value),
        text,
    }
}

pub(crate) fn cidr6(text: Sp<String>) -> Cidr6 {
    Cidr {
        net: parse_block_v6(&text.value),
        text,
    }
}

pub(crate) fn cidr_any(text: Sp<String>) -> CidrAny {
    Cidr {
        net: parse_block(&text.value),
        text,
    }
}

/// At most eight of the (sorted) names, then a count.
pub(crate) fn preview(sorted: &[String]) -> String {
    let shown = sorted
        .iter()
        .take(8)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    match sorted.len() {
        n if n > 8 => format!("{shown} and {} more", n - 8),
        _ => shown,
    }
}
