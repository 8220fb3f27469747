//! The engine against a brute-force evaluator on random small networks: two
//! subnets with random network ACLs, two instances with random security
//! groups, a random tcp or udp question. The oracle reads the generated
//! rules directly (not the model), checks the reply port by port over the
//! whole ephemeral range, and must agree with the engine's verdict.

use proptest::prelude::*;
use skyplan_diagnostics::SourceFiles;
use skyplan_reach::{Addresses, Endpoint, Protocol, Query};

const BLOCKS: [&str; 5] = [
    "10.0.1.0/24",
    "10.0.2.0/24",
    "10.0.0.0/16",
    "0.0.0.0/0",
    "192.168.0.0/16",
];
const PORTS: [(u16, u16); 7] = [
    (22, 22),
    (80, 80),
    (443, 443),
    (5432, 5432),
    (1024, 65535),
    (32768, 60999),
    (40000, 65535),
];
const PROTOCOLS: [&str; 3] = ["tcp", "udp", "all"];

#[derive(Clone, Debug)]
enum Peer {
    Block(usize),
    Group(&'static str),
    Itself,
}

#[derive(Clone, Debug)]
struct SgRule {
    protocol: usize,
    ports: usize,
    peer: Peer,
}

#[derive(Clone, Debug)]
struct Entry {
    rule: u16,
    allow: bool,
    protocol: usize,
    ports: usize,
    block: usize,
}

#[derive(Clone, Debug)]
struct Network {
    /// Ingress and egress (`None`: AWS's allow-all) of groups `gs`, `gd`.
    groups: [(Vec<SgRule>, Option<Vec<SgRule>>); 2],
    /// Ingress and egress entries of the ACLs of subnets a and b.
    acls: [(Vec<Entry>, Vec<Entry>); 2],
    /// Whether the source sits in subnet b with the destination.
    same_subnet: bool,
    udp: bool,
    port: u16,
}

fn sg_rule() -> impl Strategy<Value = SgRule> {
    let peer = prop_oneof![
        (0..BLOCKS.len()).prop_map(Peer::Block),
        prop_oneof![Just("gs"), Just("gd")].prop_map(Peer::Group),
        Just(Peer::Itself),
    ];
    (0..PROTOCOLS.len(), 0..PORTS.len(), peer).prop_map(|(protocol, ports, peer)| SgRule {
        protocol,
        ports,
        peer,
    })
}

#[derive(Clone, Copy, Debug)]
enum Tail {
    All,
    Wide,
    Partial,
    None,
}

/// Random entries, most often ending in an allow-all (so that paths get as
/// far as the reply often enough to test it).
fn entries() -> impl Strategy<Value = Vec<Entry>> {
    (
        prop::collection::vec(
            (
                1u16..60,
                any::<bool>(),
                0..PROTOCOLS.len(),
                0..PORTS.len(),
                0..BLOCKS.len(),
            ),
            0..5,
        ),
        prop::sample::select(vec![
            Tail::All,
            Tail::All,
            Tail::All,
            Tail::Wide,
            Tail::Partial,
            Tail::None,
        ]),
    )
        .prop_map(|(list, tail)| {
            let mut seen = std::collections::HashSet::new();
            let mut out: Vec<Entry> = list
                .into_iter()
                .filter(|(rule, ..)| seen.insert(*rule))
                .map(|(rule, allow, protocol, ports, block)| Entry {
                    rule: rule * 10,
                    allow,
                    protocol,
                    ports,
                    block,
                })
                .collect();
            // An allow from anywhere: every protocol and port, 1024-65535
            // of both protocols, or 40000-65535 only (part of the replies).
            let allow = |protocol, ports| Entry {
                rule: 1000,
                allow: true,
                protocol,
                ports,
                block: 3,
            };
            match tail {
                Tail::All => out.push(allow(2, 0)),
                Tail::Wide => {
                    out.push(allow(0, 4));
                    out.push(Entry {
                        rule: 1001,
                        ..allow(1, 4)
                    });
                }
                Tail::Partial => {
                    out.push(allow(0, 6));
                    out.push(Entry {
                        rule: 1001,
                        ..allow(1, 6)
                    });
                }
                Tail::None => {}
            }
            out
        })
}

fn network() -> impl Strategy<Value = Network> {
    // Groups, too, most often let the VPC in.
    let open = SgRule {
        protocol: 2,
        ports: 0,
        peer: Peer::Block(2),
    };
    let rules = move || {
        (
            prop::collection::vec(sg_rule(), 0..4),
            prop::bool::weighted(0.7),
        )
            .prop_map({
                let open = open.clone();
                move |(mut list, add)| {
                    if add {
                        list.push(open.clone());
                    }
                    list
                }
            })
    };
    let group = move || (rules(), prop::option::of(rules()));
    (
        group(),
        group(),
        (entries(), entries()),
        (entries(), entries()),
        any::<bool>(),
        any::<bool>(),
        prop::sample::select(vec![22u16, 80, 443, 5432, 8080, 50000]),
    )
        .prop_map(|(gs, gd, acl_a, acl_b, same_subnet, udp, port)| Network {
            groups: [gs, gd],
            acls: [acl_a, acl_b],
            same_subnet,
            udp,
            port,
        })
}

fn rule_yaml(r: &SgRule) -> String {
    let peer = match &r.peer {
        Peer::Block(b) => format!("cidr: {}", BLOCKS[*b]),
        Peer::Group(g) => format!("security_group: {g}"),
        Peer::Itself => "self: true".into(),
    };
    let ports = match PROTOCOLS[r.protocol] {
        "all" => String::new(),
        _ => format!(", ports: {}-{}", PORTS[r.ports].0, PORTS[r.ports].1),
    };
    format!("{{protocol: {}{ports}, {peer}}}", PROTOCOLS[r.protocol])
}

fn entry_yaml(e: &Entry) -> String {
    let ports = match PROTOCOLS[e.protocol] {
        "all" => String::new(),
        _ => format!(", ports: {}-{}", PORTS[e.ports].0, PORTS[e.ports].1),
    };
    format!(
        "{{rule: {}, action: {}, protocol: {}{ports}, cidr: {}}}",
        e.rule,
        if e.allow { "allow" } else { "deny" },
        PROTOCOLS[e.protocol],
        BLOCKS[e.block]
    )
}

fn list(items: impl Iterator<Item = String>) -> String {
    format!("[{}]", items.collect::<Vec<_>>().join(", "))
}

fn yaml(n: &Network) -> String {
    let mut s = String::from(
        "defaults: {region: eu-west-1}\nvpcs:\n  main: {cidr: 10.0.0.0/16}\nsubnets:\n  a: {vpc: main, cidr: 10.0.1.0/24, az: eu-west-1a}\n  b: {vpc: main, cidr: 10.0.2.0/24, az: eu-west-1b}\nsecurity_groups:\n",
    );
    for (name, (ingress, egress)) in ["gs", "gd"].iter().zip(&n.groups) {
        s.push_str(&format!(
            "  {name}:\n    vpc: main\n    ingress: {}\n",
            list(ingress.iter().map(rule_yaml))
        ));
        if let Some(egress) = egress {
            s.push_str(&format!(
                "    egress: {}\n",
                list(egress.iter().map(rule_yaml))
            ));
        }
    }
    s.push_str("network_acls:\n");
    for (name, (ingress, egress)) in ["a", "b"].iter().zip(&n.acls) {
        s.push_str(&format!(
            "  n{name}:\n    vpc: main\n    subnets: [{name}]\n    ingress: {}\n    egress: {}\n",
            list(ingress.iter().map(entry_yaml)),
            list(egress.iter().map(entry_yaml))
        ));
    }
    let source_subnet = if n.same_subnet { "b" } else { "a" };
    s.push_str(&format!(
        "instances:\n  s: {{subnet: {source_subnet}, ami: ami-0c9c942bd7bf113a2, type: t3.micro, security_groups: [gs]}}\n  d: {{subnet: b, ami: ami-0c9c942bd7bf113a2, type: t3.micro, security_groups: [gd]}}\n"
    ));
    s
}

fn ip(text: &str) -> u32 {
    u32::from(text.parse::<std::net::Ipv4Addr>().unwrap())
}

fn in_block(addr: u32, block: &str) -> bool {
    let (net, len) = block.split_once('/').unwrap();
    let len: u32 = len.parse().unwrap();
    let mask = if len == 0 { 0 } else { u32::MAX << (32 - len) };
    addr & mask == ip(net) & mask
}

fn protocol_matches(rule: usize, udp: bool) -> bool {
    match PROTOCOLS[rule] {
        "all" => true,
        "udp" => udp,
        _ => !udp,
    }
}

fn port_in(rule_protocol: usize, ports: usize, port: u16) -> bool {
    PROTOCOLS[rule_protocol] == "all" || (PORTS[ports].0 <= port && port <= PORTS[ports].1)
}

/// Group `g` (0 = gs, 1 = gd) allows `port` with the peer at `addr`, which
/// is a member of group `peer_group`.
fn group_allows(
    rules: &[SgRule],
    g: usize,
    udp: bool,
    port: u16,
    addr: u32,
    peer_group: usize,
) -> bool {
    rules.iter().any(|r| {
        protocol_matches(r.protocol, udp)
            && port_in(r.protocol, r.ports, port)
            && match &r.peer {
                Peer::Block(b) => in_block(addr, BLOCKS[*b]),
                Peer::Group(name) => (*name == "gs") == (peer_group == 0),
                Peer::Itself => peer_group == g,
            }
    })
}

/// The first entry, in rule order, matching the packet decides.
fn acl_allows(entries: &[Entry], udp: bool, port: u16, addr: u32) -> bool {
    let mut sorted: Vec<&Entry> = entries.iter().collect();
    sorted.sort_by_key(|e| e.rule);
    sorted
        .into_iter()
        .find(|e| {
            protocol_matches(e.protocol, udp)
                && port_in(e.protocol, e.ports, port)
                && in_block(addr, BLOCKS[e.block])
        })
        .is_some_and(|e| e.allow)
}

fn oracle(n: &Network, s_ip: u32, d_ip: u32) -> bool {
    let (udp, port) = (n.udp, n.port);
    let (gs, gd) = (&n.groups[0], &n.groups[1]);
    let egress_ok =
        gs.1.as_ref()
            .is_none_or(|rules| group_allows(rules, 0, udp, port, d_ip, 1));
    let ingress_ok = group_allows(&gd.0, 1, udp, port, s_ip, 0);
    if !(egress_ok && ingress_ok) {
        return false;
    }
    if n.same_subnet {
        return true;
    }
    let (a, b) = (&n.acls[0], &n.acls[1]);
    acl_allows(&a.1, udp, port, d_ip)
        && acl_allows(&b.0, udp, port, s_ip)
        && (32768..=60999u16)
            .all(|p| acl_allows(&b.1, udp, p, s_ip) && acl_allows(&a.0, udp, p, d_ip))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn the_engine_agrees_with_brute_force(n in network()) {
        let text = yaml(&n);
        let mut sources = SourceFiles::new();
        let file = sources.add("net.yaml", text.clone());
        let mut d = Vec::new();
        let spec = skyplan_spec::load_stack(&sources, &[file], &Default::default(), &Default::default(), &mut d);
        let m = skyplan_model::resolve(spec, &mut d);
        prop_assert!(d.iter().all(|x| x.severity != skyplan_diagnostics::Severity::Error), "{text}\n{d:#?}");
        let addresses = Addresses::after_apply(&m, None).unwrap();
        let (s, dst) = (Endpoint::parse(&m, "s").unwrap(), Endpoint::parse(&m, "d").unwrap());
        let (Endpoint::Host(si), Endpoint::Host(di)) = (s, dst) else { unreachable!() };
        // Apply's allocation: each subnet from its fifth address, in
        // declaration order.
        let (s_ip, d_ip) = if n.same_subnet {
            (ip("10.0.2.4"), ip("10.0.2.5"))
        } else {
            (ip("10.0.1.4"), ip("10.0.2.4"))
        };
        prop_assert_eq!(addresses.private(si).map(u32::from), Some(s_ip));
        prop_assert_eq!(addresses.private(di).map(u32::from), Some(d_ip));
        let query = Query {
            from: s,
            to: dst,
            protocol: if n.udp { Protocol::Udp } else { Protocol::Tcp },
            port: n.port,
        };
        let v = skyplan_reach::reach(&m, &addresses, &query);
        prop_assert_eq!(v.reachable, oracle(&n, s_ip, d_ip), "{}\n{:#?}", text, v);
    }
}
