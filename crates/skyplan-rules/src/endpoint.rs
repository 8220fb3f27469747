//! VE003-VE010 (VPC endpoints: types, services, subnets, private DNS,
//! policies) and VP017 (custom DNS servers beside private DNS).

use std::collections::HashMap;

use skyplan_diagnostics::{Diagnostic, Rule, Span};
use skyplan_model::{VpcEndpoint, VpcId};
use skyplan_spec::{EndpointType, PolicySpec, StatementSpec};

use crate::Checker;

/// The services with gateway endpoints.
const GATEWAY_SERVICES: [&str; 2] = ["s3", "dynamodb"];
/// `MaxPolicyLength` of `CreateVpcEndpoint`, in minified characters.
const MAX_POLICY_CHARS: usize = 20_480;
const POLICY_VERSIONS: [&str; 2] = ["2012-10-17", "2008-10-17"];
/// What AWS calls its own resolver among the DNS servers.
const AMAZON_DNS: &str = "AmazonProvidedDNS";

pub(crate) fn check(c: &mut Checker) {
    let m = c.model;
    for e in &m.vpc_endpoints {
        type_options(c, e);
        service(c, e);
        placement(c, e);
        private_dns(c, e);
        if let Some(policy) = &e.policy {
            policy_document(c, e, policy);
            allows_everything(c, e, policy);
        }
    }
    duplicate_private_dns(c);
    custom_dns(c);
}

fn type_options(c: &mut Checker, e: &VpcEndpoint) {
    let address = &e.common.address;
    let wrong: Vec<(&str, Span)> = match e.endpoint_type {
        EndpointType::Gateway => [
            ("subnets", e.subnets_span),
            ("security_groups", e.security_groups_span),
            ("private_dns", e.private_dns.as_ref().map(|p| p.span)),
        ]
        .into_iter()
        .filter_map(|(k, s)| Some((k, s?)))
        .collect(),
        EndpointType::Interface => e
            .route_tables_span
            .map(|s| vec![("route_tables", s)])
            .unwrap_or_default(),
    };
    let (this, other) = match e.endpoint_type {
        EndpointType::Gateway => ("a gateway", "interface"),
        EndpointType::Interface => ("an interface", "gateway"),
    };
    for (key, span) in wrong {
        c.push(
            Diagnostic::new(
                Rule::EndpointTypeOptions,
                format!("{address} is {this} endpoint; `{key}` is for {other} endpoints"),
            )
            .detail("a gateway endpoint is routes in route tables; an interface endpoint is network interfaces in subnets")
            .resource(address)
            .at(span, format!("`{key}` on {this} endpoint"))
            .help(match e.endpoint_type {
                EndpointType::Gateway => "write `type: interface`, or remove it",
                EndpointType::Interface => "remove it: an interface endpoint is reached by DNS, not routes",
            }),
        );
    }
}

fn service(c: &mut Checker, e: &VpcEndpoint) {
    let m = c.model;
    let address = &e.common.address;
    let name = &e.service.value;
    if e.endpoint_type == EndpointType::Gateway && !GATEWAY_SERVICES.contains(&name.as_str()) {
        c.push(
            Diagnostic::new(
                Rule::EndpointService,
                format!("{address}: {name} has no gateway endpoint; only s3 and dynamodb do"),
            )
            .detail("every other service is reached through an interface endpoint")
            .resource(address)
            .at(e.service.span, "no gateway endpoint for this service")
            .help("write `type: interface` with `subnets`"),
        );
    }
    let vpc_region = m.vpcs[e.vpc.id].region.as_ref().map(|r| r.value.as_str());
    if let (Some(named), Some(own)) = (&e.service_region, vpc_region)
        && named != own
    {
        c.push(
            Diagnostic::new(
                Rule::EndpointService,
                format!("{address} names {name} of {named}, but its VPC is in {own}"),
            )
            .detail("an endpoint connects to the service of its own region")
            .resource(address)
            .at(e.service.span, "another region's service")
            .help(format!(
                "write `com.amazonaws.{own}.{name}`, or just `{name}`"
            )),
        );
    }
}

/// VE005 and VE006: one subnet per AZ, all of the endpoint's VPC.
fn placement(c: &mut Checker, e: &VpcEndpoint) {
    let m = c.model;
    let address = &e.common.address;
    let vpc = &m.vpcs[e.vpc.id].common.address;
    let mut zones: HashMap<&str, Span> = HashMap::new();
    for s in &e.subnets {
        let subnet = &m.subnets[s.id];
        if subnet.vpc.id != e.vpc.id {
            foreign(c, e, &subnet.common.address, s.span, subnet.vpc.id);
            continue;
        }
        match zones.get(subnet.az.value.as_str()) {
            Some(first) => c.push(
                Diagnostic::new(
                    Rule::EndpointSubnetsPerAz,
                    format!(
                        "{address} has two subnets in {} ({vpc})",
                        subnet.az.value
                    ),
                )
                .detail("an interface endpoint has one network interface per AZ (DuplicateSubnetsInSameZone)")
                .resource(address)
                .resource(&subnet.common.address)
                .at(s.span, "second subnet in this AZ")
                .related(*first, "first subnet in this AZ")
                .help("list one subnet per AZ"),
            ),
            None => {
                zones.insert(&subnet.az.value, s.span);
            }
        }
    }
    for g in &e.security_groups {
        let group = &m.security_groups[g.id];
        if group.vpc.id != e.vpc.id {
            foreign(c, e, &group.common.address, g.span, group.vpc.id);
        }
    }
}

fn foreign(c: &mut Checker, e: &VpcEndpoint, what: &str, at: Span, theirs: VpcId) {
    let m = c.model;
    c.push(
        Diagnostic::new(
            Rule::EndpointForeignResource,
            format!(
                "{} (in {}) uses {what} of {}",
                e.common.address, m.vpcs[e.vpc.id].common.address, m.vpcs[theirs].common.address
            ),
        )
        .detail("an endpoint's network interfaces live in its own VPC")
        .resource(&e.common.address)
        .resource(what)
        .at(at, "of another VPC")
        .help("use the endpoint's own VPC's subnets and groups"),
    );
}

fn private_dns(c: &mut Checker, e: &VpcEndpoint) {
    let m = c.model;
    let vpc = &m.vpcs[e.vpc.id];
    if !e.private_dns() || (vpc.dns_support && vpc.dns_hostnames) {
        return;
    }
    let missing = if vpc.dns_support {
        "dns_hostnames"
    } else {
        "dns_support"
    };
    let at = e
        .private_dns
        .as_ref()
        .map_or(e.common.name.span, |p| p.span);
    c.push(
        Diagnostic::new(
            Rule::EndpointPrivateDnsWithoutDns,
            format!(
                "{} uses private DNS, but {} has no `{missing}`",
                e.common.address, vpc.common.address
            ),
        )
        .detail("AWS enables private DNS only in a VPC with DNS support and DNS hostnames")
        .resource(&e.common.address)
        .resource(&vpc.common.address)
        .at(at, "private DNS without VPC DNS")
        .help(format!(
            "give {} `dns_support: true` and `dns_hostnames: true`, or set `private_dns: false`",
            vpc.common.address
        )),
    );
}

fn duplicate_private_dns(c: &mut Checker) {
    let m = c.model;
    let mut first: HashMap<(VpcId, &str), &VpcEndpoint> = HashMap::new();
    for e in m.vpc_endpoints.iter().filter(|e| e.private_dns()) {
        let key = (e.vpc.id, e.service.value.as_str());
        let Some(other) = first.get(&key) else {
            first.insert(key, e);
            continue;
        };
        c.push(
            Diagnostic::new(
                Rule::EndpointDuplicatePrivateDns,
                format!(
                    "{} and {} both give {} private DNS in {}",
                    other.common.address,
                    e.common.address,
                    e.service.value,
                    m.vpcs[e.vpc.id].common.address
                ),
            )
            .detail("a VPC holds one private DNS zone per service name; AWS refuses the second endpoint")
            .resource(&e.common.address)
            .resource(&other.common.address)
            .at(e.service.span, "second endpoint with private DNS")
            .related(other.service.span, "first endpoint")
            .help("keep one endpoint per service and list every subnet on it"),
        );
    }
}

fn policy_finding(
    e: &VpcEndpoint,
    message: String,
    at: Span,
    label: &str,
    help: &str,
) -> Diagnostic {
    Diagnostic::new(Rule::EndpointPolicyInvalid, message)
        .detail("AWS refuses the endpoint (MalformedPolicyDocument)")
        .resource(&e.common.address)
        .at(at, label)
        .help(help)
}

fn policy_document(c: &mut Checker, e: &VpcEndpoint, p: &PolicySpec) {
    let address = &e.common.address;
    if p.json.chars().count() > MAX_POLICY_CHARS {
        c.push(policy_finding(
            e,
            format!(
                "the policy of {address} is {} characters once minified; AWS takes {MAX_POLICY_CHARS}",
                p.json.chars().count()
            ),
            p.span,
            "policy too long",
            "shorten it: use wildcards in actions and resources",
        ));
    }
    for key in &p.unknown_keys {
        c.push(policy_finding(
            e,
            format!("`{}` is not a key of a policy document", key.value),
            key.span,
            "unknown key",
            "a policy document has `Version`, `Id` and `Statement`",
        ));
    }
    if let Some(v) = &p.version
        && !POLICY_VERSIONS.contains(&v.value.as_str())
    {
        c.push(policy_finding(
            e,
            format!("`Version: {}` is not a policy language version", v.value),
            v.span,
            "unknown version",
            "write `Version: \"2012-10-17\"`",
        ));
    }
    if let Some(at) = p.statement_not_a_list {
        c.push(policy_finding(
            e,
            format!("the policy of {address} has no `Statement` list"),
            at,
            "not a list of statements",
            "write `Statement: [{Effect: Allow, Action: ..., Resource: ..., Principal: ...}]`",
        ));
        return;
    }
    let Some(statements) = &p.statements else {
        c.push(policy_finding(
            e,
            format!("the policy of {address} has no `Statement`"),
            p.span,
            "no `Statement`",
            "add `Statement: [{Effect: Allow, Action: ..., Resource: ..., Principal: ...}]`",
        ));
        return;
    };
    for s in statements {
        statement(c, e, s);
    }
}

fn statement(c: &mut Checker, e: &VpcEndpoint, s: &StatementSpec) {
    for key in &s.unknown_keys {
        c.push(policy_finding(
            e,
            format!("`{}` is not a key of a policy statement", key.value),
            key.span,
            "unknown key",
            "a statement has Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource and Condition",
        ));
    }
    match &s.effect {
        Some(effect) if matches!(effect.value.as_str(), "Allow" | "Deny") => {}
        Some(effect) => c.push(policy_finding(
            e,
            format!("`Effect: {}` is neither Allow nor Deny", effect.value),
            effect.span,
            "not Allow or Deny",
            "write `Effect: Allow` or `Effect: Deny`",
        )),
        None => c.push(policy_finding(
            e,
            "a policy statement has no `Effect`".into(),
            s.span,
            "no `Effect`",
            "add `Effect: Allow` or `Effect: Deny`",
        )),
    }
    let pairs = [
        (
            "Action",
            "NotAction",
            s.action.is_some(),
            s.not_action.is_some(),
        ),
        (
            "Resource",
            "NotResource",
            s.resource.is_some(),
            s.not_resource.is_some(),
        ),
    ];
    for (key, not_key, has, has_not) in pairs {
        if has == has_not {
            let what = if has { "both" } else { "neither" };
            c.push(policy_finding(
                e,
                format!("a policy statement has {what} `{key}` and `{not_key}`"),
                s.span,
                &format!("needs one of `{key}` and `{not_key}`"),
                &format!("give exactly one of `{key}` and `{not_key}`"),
            ));
        }
    }
}

/// VE010: an Allow of every action on every resource to everyone, with no
/// Deny beside it, restricts nothing.
fn allows_everything(c: &mut Checker, e: &VpcEndpoint, p: &PolicySpec) {
    let Some(statements) = &p.statements else {
        return;
    };
    let is_effect =
        |s: &StatementSpec, word: &str| s.effect.as_ref().is_some_and(|x| x.value == word);
    if statements.iter().any(|s| is_effect(s, "Deny")) {
        return;
    }
    let star = |l: &Option<Vec<String>>| l.as_ref().is_some_and(|l| l.iter().any(|x| x == "*"));
    let everyone = |s: &StatementSpec| {
        matches!(
            s.principal.as_deref(),
            Some("\"*\"") | Some("{\"AWS\":\"*\"}") | Some("{\"AWS\":[\"*\"]}")
        )
    };
    let Some(all) = statements.iter().find(|s| {
        is_effect(s, "Allow")
            && star(&s.action)
            && star(&s.resource)
            && everyone(s)
            && !s.has_condition
    }) else {
        return;
    };
    c.push(
        Diagnostic::new(
            Rule::EndpointPolicyAllowsAll,
            format!(
                "the policy of {} allows every action on every resource to everyone: the same as no policy",
                e.common.address
            ),
        )
        .detail("it restricts nothing: any principal may reach any resource of the service through the endpoint")
        .resource(&e.common.address)
        .at(all.span, "allows everything")
        .help("name the actions and resources the VPC needs, or remove the policy"),
    );
}

/// VP017: custom DNS servers first in the DHCP options of a VPC with an
/// interface endpoint that relies on private DNS.
fn custom_dns(c: &mut Checker) {
    let m = c.model;
    for (v, vpc) in skyplan_model::with_ids(&m.vpcs) {
        let Some(options) = vpc.dhcp_options else {
            continue;
        };
        let o = &m.dhcp_options[options.id];
        let Some(first) = o.domain_name_servers.first() else {
            continue;
        };
        if first.value == AMAZON_DNS {
            continue;
        }
        let Some(e) = m
            .vpc_endpoints
            .iter()
            .find(|e| e.vpc.id == v && e.private_dns())
        else {
            continue;
        };
        c.push(
            Diagnostic::new(
                Rule::DhcpCustomDnsWithPrivateDns,
                format!(
                    "{} gives its instances the DNS server {} while {} relies on private DNS",
                    vpc.common.address, first.value, e.common.address
                ),
            )
            .detail("only the VPC resolver answers an endpoint's private DNS name; other servers must forward to it")
            .resource(&vpc.common.address)
            .resource(&o.common.address)
            .resource(&e.common.address)
            .at(options.span, "custom DNS servers")
            .related(first.span, "first DNS server")
            .help("make the servers forward to the VPC resolver (base address + 2), or list AmazonProvidedDNS first"),
        );
    }
}
