//! Files to one [`StackSpec`]: the top-level keys, resource names, and the
//! per-kind attribute decoders.

use std::collections::HashMap;

use rayon::prelude::*;
use skyplan_diagnostics::{Diagnostic, FileId, Rule, SourceFiles, Span};

use crate::declarations::*;
use crate::decode::{Decoder, Fields};
use crate::kinds::Kind;
use crate::schema::{self, MAX_COUNT, choices, keys_of};
use crate::words::{LoadBalancerType, Word};
use crate::yaml::{self, Node, Value};

/// Loads the files of one stack (already in file-name order) into one
/// [`StackSpec`], pushing every problem into `diagnostics`.
pub fn load_stack(
    sources: &SourceFiles,
    files: &[FileId],
    diagnostics: &mut Vec<Diagnostic>,
) -> StackSpec {
    let mut stack = StackSpec::default();
    let mut names: HashMap<(Kind, String), Span> = HashMap::new();
    // Parsing dominates loading and files are independent: parse them in
    // parallel, then decode in file-name order so results are deterministic.
    let parsed: Vec<_> = files
        .par_iter()
        .map(|&file| yaml::parse(file, sources.get(file)))
        .collect();
    for (&file, parsed) in files.iter().zip(parsed) {
        let source = sources.get(file);
        let root = match parsed {
            Ok(root) => root,
            Err(d) => {
                diagnostics.push(*d);
                continue;
            }
        };
        let mut d = Decoder {
            file,
            source,
            diagnostics,
            resource: None,
        };
        decode_root(&mut d, &root, &mut stack, &mut names);
    }
    stack
}

/// The top-level key of reachability expectations (not a resource kind).
const EXPECTATIONS: &str = "expectations";

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
    let mut keys = vec!["defaults"];
    keys.extend(
        Kind::ALL
            .iter()
            .filter(|k| k.is_top_level())
            .map(|k| k.plural()),
    );
    keys.push(EXPECTATIONS);
    keys
}

fn decode_root(
    d: &mut Decoder,
    root: &Node,
    stack: &mut StackSpec,
    names: &mut HashMap<(Kind, String), Span>,
) {
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
            None if key == EXPECTATIONS => decode_expectations(d, node, stack, names),
            None => decode_defaults(d, node, key_span, &mut stack.defaults),
            Some(kind) => decode_kind(d, kind, node, stack, names),
        }
    }
}

fn decode_defaults(d: &mut Decoder, node: &Node, key_span: Span, defaults: &mut Defaults) {
    if let Some(first) = defaults.span {
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

fn decode_kind(
    d: &mut Decoder,
    kind: Kind,
    node: &Node,
    stack: &mut StackSpec,
    names: &mut HashMap<(Kind, String), Span>,
) {
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
        if !declare(d, names, (kind, name.clone()), &address, span, unique) {
            continue;
        }
        d.resource = Some(address.clone());
        let name = Sp::new(name, span);
        decode_resource(d, kind, name, attrs, &address, stack);
        d.resource = None;
    }
}

/// Records a declaration; a second one of the same name is reported (and
/// `false` returned).
fn declare(
    d: &mut Decoder,
    names: &mut HashMap<(Kind, String), Span>,
    slot: (Kind, String),
    address: &str,
    span: Span,
    help: &str,
) -> bool {
    if let Some(first) = names.get(&slot) {
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
    names.insert(slot, span);
    true
}

/// `expectations:`: names to questions. Names are unique in the stack
/// (the map itself refuses a duplicate within a file).
fn decode_expectations(
    d: &mut Decoder,
    node: &Node,
    stack: &mut StackSpec,
    names: &mut HashMap<(Kind, String), Span>,
) {
    let Value::Map(entries) = &node.value else {
        if !matches!(node.value, Value::Null) {
            d.wrong_type(node, "a mapping of expectation names");
        }
        return;
    };
    let keys = schema::keys_of(schema::EXPECTATION);
    for (key, attrs) in entries {
        let Some(name) = d.name_text(key).filter(|n| is_valid_name(n)) else {
            d.report(
                Diagnostic::new(
                    Rule::InvalidName,
                    "an expectation name must be a valid name",
                )
                .at(d.span(key), "invalid name")
                .help("names match [A-Za-z0-9][A-Za-z0-9_-]{0,63}"),
            );
            continue;
        };
        let span = d.span(key);
        let address = format!("expectation.{name}");
        // Expectations share the names table under the kind of what they
        // ask about, with a prefix no resource name can have.
        let slot = (Kind::Instance, address.clone());
        let unique = "rename one of them; expectation names are unique in the whole stack";
        if !declare(d, names, slot, &address, span, unique) {
            continue;
        }
        d.resource = Some(address.clone());
        let reported = d.diagnostics.len();
        let spec = d
            .fields(attrs, &keys, &address, span)
            .and_then(|f| expectation(d, &f, span));
        let attrs = spec.filter(|_| d.diagnostics.len() == reported);
        stack.expectations.push(Decl {
            name: Sp::new(name, span),
            tags: Tags::new(),
            attrs,
        });
        d.resource = None;
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
        ($decode:ident) => {{
            let reported = d.diagnostics.len();
            let (tags, attrs) = match d.fields(node, &keys, address, name.span) {
                Some(f) => (f.tags(d), $decode(d, &f)),
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
        (top_level { $([$kind:ident $singular:ident $plural:ident $schema:ident $spec:ident
            $order:literal $rank:literal $model:ident $models:ident $($keeps:ident)?])* }
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

impl InstanceSpec {
    /// A broken instance's launch settings, still checked as written.
    fn keeps_written(self, address: &str, written: &mut Vec<WrittenLaunch>) {
        written.push(WrittenLaunch {
            address: address.to_string(),
            ami: self.ami,
            instance_type: self.instance_type,
        });
    }
}

/// An attribute that takes one of the words of `T`.
fn word<T: Word>(d: &mut Decoder, f: &Fields, key: &str) -> Option<Sp<T>> {
    let s = f.choice(d, key, T::WORDS)?;
    T::from_word(&s.value).map(|v| Sp::new(v, s.span))
}

fn flow_log(d: &mut Decoder, f: &Fields) -> Option<FlowLogSpec> {
    let resource = f.req_str(d, "resource");
    let traffic = f.choice(
        d,
        "traffic",
        schema::choices(Kind::FlowLog.schema().attributes, "traffic"),
    );
    if f.node("destination").is_none() {
        f.req_str(d, "destination");
    }
    let destination = f.node("destination").and_then(|node| {
        let span = d.span(node);
        let x = d.fields(
            node,
            &keys_of(schema::FLOW_LOG_DESTINATION),
            "destination",
            span,
        )?;
        Some(FlowLogDestinationSpec {
            span,
            s3: x.str(d, "s3"),
            cloudwatch_logs: x.str(d, "cloudwatch_logs"),
            role: x.str(d, "role"),
        })
    });
    let max_aggregation_interval = f.int(d, "max_aggregation_interval").and_then(|i| {
        if matches!(i.value, 60 | 600) {
            return Some(i);
        }
        d.report(
            Diagnostic::new(
                Rule::InvalidValue,
                format!(
                    "`max_aggregation_interval` is 60 or 600 seconds, not {}",
                    i.value
                ),
            )
            .at(i.span, "60 or 600"),
        );
        None
    });
    Some(FlowLogSpec {
        resource: resource?,
        traffic,
        destination: destination?,
        max_aggregation_interval,
    })
}

fn dhcp_options(d: &mut Decoder, f: &Fields) -> Option<DhcpOptionsSpec> {
    Some(DhcpOptionsSpec {
        domain_name: f.str(d, "domain_name"),
        domain_name_servers: f.str_list(d, "domain_name_servers"),
        ntp_servers: f.str_list(d, "ntp_servers"),
        netbios_name_servers: f.str_list(d, "netbios_name_servers"),
        netbios_node_type: f.int(d, "netbios_node_type"),
    })
}

/// A required list of names (`subnets:` of a load balancer).
fn req_names(d: &mut Decoder, f: &Fields, key: &str) -> Option<Sp<Vec<Sp<String>>>> {
    if f.node(key).is_none() {
        f.req_str(d, key);
    }
    f.name_list(d, key)
}

/// A required integer in its kind-table range.
fn req_ranged(d: &mut Decoder, f: &Fields, key: &str, attrs: &[schema::Attr]) -> Option<Sp<i64>> {
    if f.node(key).is_none() {
        f.req_int(d, key);
    }
    f.ranged(d, key, attrs)
}

fn load_balancer(d: &mut Decoder, f: &Fields) -> Option<LoadBalancerSpec> {
    let attrs = Kind::LoadBalancer.schema().attributes;
    let lb_type = f.req_choice(d, "type", choices(attrs, "type"));
    let subnets = req_names(d, f, "subnets");
    let listeners = f
        .list(d, "listeners", |d, node| {
            let span = d.span(node);
            let l = d.fields(node, &keys_of(schema::LISTENER), "a listener", span)?;
            let port = req_ranged(d, &l, "port", schema::LISTENER);
            let protocol = l.req_choice(d, "protocol", schema::LB_PROTOCOLS);
            let target_group = l.req_name(d, "target_group");
            Some(ListenerSpec {
                span,
                certificate: l.str(d, "certificate"),
                port: port?,
                protocol: protocol?,
                target_group: target_group?,
            })
        })
        .unwrap_or_default();
    Some(LoadBalancerSpec {
        scheme: f.choice(d, "scheme", choices(attrs, "scheme")),
        security_groups: f.names(d, "security_groups"),
        ip_address_type: f.choice(d, "ip_address_type", choices(attrs, "ip_address_type")),
        lb_type: lb_type
            .and_then(|t| Some(Sp::new(LoadBalancerType::from_word(&t.value)?, t.span)))?,
        subnets: subnets?,
        listeners,
    })
}

fn target_group(d: &mut Decoder, f: &Fields) -> Option<TargetGroupSpec> {
    let attrs = Kind::TargetGroup.schema().attributes;
    let vpc = f.req_name(d, "vpc");
    let protocol = f.req_choice(d, "protocol", schema::LB_PROTOCOLS);
    let port = req_ranged(d, f, "port", attrs);
    let health_check = f.node("health_check").and_then(|node| {
        let span = d.span(node);
        let h = d.fields(node, &keys_of(schema::HEALTH_CHECK), "health_check", span)?;
        let port = h.scalar_text(d, "port").and_then(|p| {
            let ok = p.value == "traffic-port" || p.value.parse::<u16>().is_ok_and(|n| n >= 1);
            if ok {
                return Some(p);
            }
            d.report(
                Diagnostic::new(
                    Rule::InvalidValue,
                    format!("`port: {}` is not a health check port", p.value),
                )
                .at(p.span, "not a port")
                .help("write a port 1-65535, or `traffic-port` (the targets' port)"),
            );
            None
        });
        let path = h.str(d, "path").and_then(|p| {
            if p.value.starts_with('/') && p.value.len() <= 1024 {
                return Some(p);
            }
            d.report(
                Diagnostic::new(
                    Rule::InvalidValue,
                    "a health check `path` starts with `/` and has at most 1024 characters",
                )
                .at(p.span, "not a path")
                .help("write it from the root: `/health`"),
            );
            None
        });
        Some(HealthCheckSpec {
            span,
            protocol: h.choice(d, "protocol", choices(schema::HEALTH_CHECK, "protocol")),
            port,
            path,
        })
    });
    Some(TargetGroupSpec {
        target_type: f.choice(d, "target_type", choices(attrs, "target_type")),
        targets: f.names(d, "targets"),
        health_check,
        vpc: vpc?,
        protocol: protocol?,
        port: port?,
    })
}

fn launch_template(d: &mut Decoder, f: &Fields) -> Option<LaunchTemplateSpec> {
    let ami = f.req_str(d, "ami");
    let instance_type = f.req_str(d, "type");
    Some(LaunchTemplateSpec {
        security_groups: f.names(d, "security_groups"),
        key_name: f.str(d, "key_name"),
        user_data: f.str(d, "user_data"),
        metadata: f.node("metadata").and_then(|node| metadata(d, node)),
        root_volume: f.node("root_volume").and_then(|node| root_volume(d, node)),
        iam_instance_profile: iam_instance_profile(d, f),
        ami: ami?,
        instance_type: instance_type?,
    })
}

fn auto_scaling_group(d: &mut Decoder, f: &Fields) -> Option<AutoScalingGroupSpec> {
    let attrs = Kind::AutoScalingGroup.schema().attributes;
    let launch_template = f.req_name(d, "launch_template");
    let subnets = req_names(d, f, "subnets");
    let min = req_ranged(d, f, "min", attrs);
    let max = req_ranged(d, f, "max", attrs);
    Some(AutoScalingGroupSpec {
        desired: f.ranged(d, "desired", attrs),
        target_groups: f.names(d, "target_groups"),
        launch_template: launch_template?,
        subnets: subnets?,
        min: min?,
        max: max?,
    })
}

fn egress_only_internet_gateway(
    d: &mut Decoder,
    f: &Fields,
) -> Option<EgressOnlyInternetGatewaySpec> {
    Some(EgressOnlyInternetGatewaySpec {
        vpc: f.req_name(d, "vpc")?,
    })
}

fn prefix_list(d: &mut Decoder, f: &Fields) -> Option<PrefixListSpec> {
    let attrs = Kind::PrefixList.schema().attributes;
    let address_family = f.req_choice(d, "address_family", choices(attrs, "address_family"));
    if f.node("max_entries").is_none() {
        f.req_int(d, "max_entries");
    }
    let max_entries = f.ranged(d, "max_entries", attrs);
    let entries = f
        .list(d, "entries", |d, node| {
            let span = d.span(node);
            let e = d.fields(
                node,
                &keys_of(schema::PREFIX_LIST_ENTRY),
                "a prefix list entry",
                span,
            )?;
            let cidr = e.req_str(d, "cidr");
            Some(PrefixListEntrySpec {
                span,
                description: e.str(d, "description"),
                cidr: cidr?,
            })
        })
        .unwrap_or_default();
    Some(PrefixListSpec {
        address_family: address_family?,
        max_entries: max_entries?,
        entries,
    })
}

fn vpc(d: &mut Decoder, f: &Fields) -> Option<VpcSpec> {
    let cidr = f.req_str(d, "cidr");
    let default_security_group = f.node("default_security_group").and_then(|node| {
        let span = f.key_span(d, "default_security_group")?;
        let what = "default_security_group";
        let g = d.fields(
            node,
            &keys_of(schema::DEFAULT_SECURITY_GROUP_RULES),
            what,
            span,
        )?;
        Some(DefaultSecurityGroupSpec {
            span,
            ingress: g.list(d, "ingress", sg_rule).unwrap_or_default(),
            egress: g.list(d, "egress", sg_rule).unwrap_or_default(),
        })
    });
    let default_network_acl = f.node("default_network_acl").and_then(|node| {
        let span = f.key_span(d, "default_network_acl")?;
        let what = "default_network_acl";
        let a = d.fields(
            node,
            &keys_of(schema::DEFAULT_NETWORK_ACL_ENTRIES),
            what,
            span,
        )?;
        Some(DefaultNetworkAclSpec {
            span,
            ingress: a.list(d, "ingress", nacl_entry).unwrap_or_default(),
            egress: a.list(d, "egress", nacl_entry).unwrap_or_default(),
        })
    });
    let spec = VpcSpec {
        ipv6: f.bool(d, "ipv6"),
        ipv6_cidr: f.str(d, "ipv6_cidr"),
        default_security_group,
        default_network_acl,
        region: f.str(d, "region"),
        secondary_cidrs: f
            .str_list(d, "secondary_cidrs")
            .map(|l| l.value)
            .unwrap_or_default(),
        dns_support: f.bool(d, "dns_support"),
        dns_hostnames: f.bool(d, "dns_hostnames"),
        tenancy: word(d, f, "tenancy"),
        dhcp_options: f.name(d, "dhcp_options"),
        cidr: cidr?,
    };
    Some(spec)
}

fn subnet(d: &mut Decoder, f: &Fields) -> Option<SubnetSpec> {
    let (vpc, cidr, az) = (
        f.req_name(d, "vpc"),
        f.req_str(d, "cidr"),
        f.req_str(d, "az"),
    );
    let public_ip_on_launch = f.bool(d, "public_ip_on_launch");
    Some(SubnetSpec {
        ipv6_index: f.ranged(d, "ipv6_index", Kind::Subnet.schema().attributes),
        ipv6_cidr: f.str(d, "ipv6_cidr"),
        assign_ipv6_on_creation: f.bool(d, "assign_ipv6_on_creation"),
        vpc: vpc?,
        cidr: cidr?,
        az: az?,
        public_ip_on_launch,
    })
}

fn internet_gateway(d: &mut Decoder, f: &Fields) -> Option<InternetGatewaySpec> {
    Some(InternetGatewaySpec {
        vpc: f.req_name(d, "vpc")?,
    })
}

fn elastic_ip(_: &mut Decoder, _: &Fields) -> Option<ElasticIpSpec> {
    Some(ElasticIpSpec {})
}

fn nat_gateway(d: &mut Decoder, f: &Fields) -> Option<NatGatewaySpec> {
    let subnet = f.req_name(d, "subnet");
    let elastic_ip = f.name(d, "elastic_ip");
    let connectivity = word(d, f, "connectivity");
    Some(NatGatewaySpec {
        subnet: subnet?,
        elastic_ip,
        connectivity,
    })
}

fn route_table(d: &mut Decoder, f: &Fields) -> Option<RouteTableSpec> {
    let vpc = f.req_name(d, "vpc");
    let main = f.bool(d, "main");
    let routes = f.list(d, "routes", route).unwrap_or_default();
    let subnets = f.names(d, "subnets");
    Some(RouteTableSpec {
        vpc: vpc?,
        main,
        routes,
        subnets,
    })
}

fn route(d: &mut Decoder, node: &Node) -> Option<RouteSpec> {
    let span = d.span(node);
    let f = d.fields(node, &keys_of(schema::ROUTE), "a route", span)?;
    let cidr = f.str(d, "destination");
    let prefix_list = f.name(d, "destination_prefix_list");
    let destination = match (cidr, prefix_list) {
        (Some(c), None) => Some(RouteDestinationSpec::Cidr(c)),
        (None, Some(p)) => Some(RouteDestinationSpec::PrefixList(p)),
        (Some(_), Some(p)) => {
            d.report(
                Diagnostic::new(
                    Rule::InvalidValue,
                    "a route takes `destination` or `destination_prefix_list`, not both",
                )
                .at(p.span, "second destination")
                .help("split it into two routes"),
            );
            None
        }
        (None, None) => {
            if f.node("destination").is_none() && f.node("destination_prefix_list").is_none() {
                d.report(
                    Diagnostic::new(Rule::MissingKey, "a route is missing `destination`")
                        .at(span, "`destination` is required")
                        .help("add `destination: CIDR`, or `destination_prefix_list: NAME`"),
                );
            }
            None
        }
    };
    let targets = RouteTargetKind::ALL
        .into_iter()
        .filter_map(|t| f.name(d, t.key()).map(|n| (t, n)))
        .collect();
    Some(RouteSpec {
        span,
        destination: destination?,
        targets,
    })
}

fn security_group(d: &mut Decoder, f: &Fields) -> Option<SecurityGroupSpec> {
    let vpc = f.req_name(d, "vpc");
    let description = f.str(d, "description");
    let ingress = f.list(d, "ingress", sg_rule).unwrap_or_default();
    let egress = f.list(d, "egress", sg_rule);
    Some(SecurityGroupSpec {
        vpc: vpc?,
        description,
        ingress,
        egress,
    })
}

fn sg_rule(d: &mut Decoder, node: &Node) -> Option<SgRuleSpec> {
    let span = d.span(node);
    let f = d.fields(
        node,
        &keys_of(schema::SG_RULE),
        "a security group rule",
        span,
    )?;
    let protocol = f.req_scalar_text(d, "protocol");
    Some(SgRuleSpec {
        span,
        ports: f.scalar_text(d, "ports"),
        icmp_type: f.int(d, "icmp_type"),
        icmp_code: f.int(d, "icmp_code"),
        cidr: f.str(d, "cidr"),
        cidrs: f.str_list(d, "cidrs"),
        security_group: f.name(d, "security_group"),
        prefix_list: f.name(d, "prefix_list"),
        self_: f.bool(d, "self"),
        description: f.str(d, "description"),
        protocol: protocol?,
    })
}

fn network_acl(d: &mut Decoder, f: &Fields) -> Option<NetworkAclSpec> {
    let vpc = f.req_name(d, "vpc");
    let subnets = f.names(d, "subnets");
    let ingress = f.list(d, "ingress", nacl_entry).unwrap_or_default();
    let egress = f.list(d, "egress", nacl_entry).unwrap_or_default();
    Some(NetworkAclSpec {
        vpc: vpc?,
        subnets,
        ingress,
        egress,
    })
}

fn nacl_entry(d: &mut Decoder, node: &Node) -> Option<NaclEntrySpec> {
    let span = d.span(node);
    let f = d.fields(
        node,
        &keys_of(schema::NACL_ENTRY),
        "a network ACL entry",
        span,
    )?;
    let rule = f.req_int(d, "rule");
    let action = f.req_choice(d, "action", choices(schema::NACL_ENTRY, "action"));
    let protocol = f.req_scalar_text(d, "protocol");
    let ports = f.scalar_text(d, "ports");
    let icmp_type = f.int(d, "icmp_type");
    let icmp_code = f.int(d, "icmp_code");
    let cidr = f.req_str(d, "cidr");
    Some(NaclEntrySpec {
        span,
        rule: rule?,
        action: action?,
        protocol: protocol?,
        ports,
        icmp_type,
        icmp_code,
        cidr: cidr?,
    })
}

fn vpc_peering(d: &mut Decoder, f: &Fields) -> Option<VpcPeeringSpec> {
    let (vpc, peer_vpc) = (f.req_name(d, "vpc"), f.req_name(d, "peer_vpc"));
    Some(VpcPeeringSpec {
        vpc: vpc?,
        peer_vpc: peer_vpc?,
    })
}

fn vpc_endpoint(d: &mut Decoder, f: &Fields) -> Option<VpcEndpointSpec> {
    let vpc = f.req_name(d, "vpc");
    let service = f.req_str(d, "service").and_then(|s| {
        let ok = !s.value.is_empty()
            && s.value.len() <= 255
            && s.value
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-');
        if ok {
            return Some(s);
        }
        d.report(
            Diagnostic::new(
                Rule::InvalidValue,
                format!(
                    "`{}` is not an AWS service name",
                    s.value.chars().take(64).collect::<String>()
                ),
            )
            .at(s.span, "not a service name")
            .help("write a short name (`s3`, `ssm`, `ecr.api`) or `com.amazonaws.REGION.SERVICE`"),
        );
        None
    });
    let policy = f.node("policy").map(|node| crate::policy::decode(d, node));
    Some(VpcEndpointSpec {
        endpoint_type: word(d, f, "type"),
        route_tables: f.name_list(d, "route_tables"),
        subnets: f.name_list(d, "subnets"),
        security_groups: f.name_list(d, "security_groups"),
        private_dns: f.bool(d, "private_dns"),
        policy,
        vpc: vpc?,
        service: service?,
    })
}

fn instance(d: &mut Decoder, f: &Fields) -> Option<InstanceSpec> {
    let ami = f.req_str(d, "ami");
    let instance_type = f.req_str(d, "type");
    let count = f.uint(d, "count").and_then(|c| {
        // `count: 0` declares no copies (how Terraform users switch a
        // resource off).
        if (0..=MAX_COUNT).contains(&c.value) {
            Some(Sp::new(c.value as u32, c.span))
        } else {
            d.report(
                Diagnostic::new(
                    Rule::InvalidValue,
                    format!("`count` must be from 0 to {MAX_COUNT}, not {}", c.value),
                )
                .at(c.span, "out of range"),
            );
            None
        }
    });
    Some(InstanceSpec {
        subnet: f.name(d, "subnet"),
        subnets: f.name_list(d, "subnets"),
        security_groups: f.names(d, "security_groups"),
        count,
        private_ip: f.str(d, "private_ip"),
        public_ip: f.bool(d, "public_ip"),
        elastic_ip: f.name(d, "elastic_ip"),
        key_name: f.str(d, "key_name"),
        user_data: f.str(d, "user_data"),
        state: word(d, f, "state"),
        hibernation: f.bool(d, "hibernation"),
        source_dest_check: f.bool(d, "source_dest_check"),
        metadata: f.node("metadata").and_then(|node| metadata(d, node)),
        iam_instance_profile: iam_instance_profile(d, f),
        root_volume: f.node("root_volume").and_then(|node| root_volume(d, node)),
        ami: ami?,
        instance_type: instance_type?,
    })
}

fn root_volume(d: &mut Decoder, node: &Node) -> Option<RootVolumeSpec> {
    let span = d.span(node);
    let r = d.fields(node, &keys_of(schema::ROOT_VOLUME), "root_volume", span)?;
    let size = |d: &mut Decoder, key| {
        r.ranged(d, key, schema::ROOT_VOLUME)
            .map(|v| Sp::new(v.value.unsigned_abs(), v.span))
    };
    Some(RootVolumeSpec {
        span,
        size_gb: size(d, "size_gb"),
        volume_type: word(d, &r, "type"),
        iops: size(d, "iops"),
        throughput: size(d, "throughput"),
        encrypted: r.bool(d, "encrypted"),
    })
}

/// `iam_instance_profile`: a profile name (not an ARN).
fn iam_instance_profile(d: &mut Decoder, f: &Fields) -> Option<Sp<String>> {
    f.str(d, "iam_instance_profile").and_then(|p| {
        let ok = (1..=128).contains(&p.value.len())
            && p.value
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+=,.@_-".contains(c));
        if ok {
            return Some(p);
        }
        d.report(
            Diagnostic::new(
                Rule::InvalidValue,
                format!(
                    "`{}` is not an instance profile name",
                    p.value.chars().take(64).collect::<String>()
                ),
            )
            .at(p.span, "not a profile name")
            .help("IAM names are 1-128 letters, digits and `+=,.@_-` (the name, not the ARN)"),
        );
        None
    })
}

fn metadata(d: &mut Decoder, node: &Node) -> Option<MetadataSpec> {
    let span = d.span(node);
    let m = d.fields(node, &keys_of(schema::METADATA), "metadata", span)?;
    let http_tokens = m.choice(
        d,
        "http_tokens",
        schema::choices(schema::METADATA, "http_tokens"),
    );
    let hop_limit = m
        .int(d, "hop_limit")
        .and_then(|h| match u8::try_from(h.value) {
            Ok(v) if (1..=64).contains(&v) => Some(Sp::new(v, h.span)),
            _ => {
                d.report(
                    Diagnostic::new(
                        Rule::InvalidValue,
                        format!("`hop_limit` must be from 1 to 64, not {}", h.value),
                    )
                    .at(h.span, "out of range"),
                );
                None
            }
        });
    Some(MetadataSpec {
        http_tokens,
        hop_limit,
    })
}

fn volume(d: &mut Decoder, f: &Fields) -> Option<VolumeSpec> {
    let az = f.req_str(d, "az");
    let size_gb = f.req_uint(d, "size_gb");
    let volume_type = word(d, f, "type");
    let iops = f.uint(d, "iops");
    let throughput = f.uint(d, "throughput");
    let attach = f.node("attach").and_then(|node| {
        let span = d.span(node);
        let a = d.fields(node, &keys_of(schema::ATTACH), "attach", span)?;
        let (instance, device) = (a.req_name(d, "instance"), a.req_str(d, "device"));
        Some(AttachSpec {
            instance: instance?,
            device: device?,
        })
    });
    Some(VolumeSpec {
        az: az?,
        size_gb: size_gb?,
        volume_type,
        iops,
        throughput,
        attach,
    })
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
