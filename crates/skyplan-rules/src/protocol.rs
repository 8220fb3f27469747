//! Protocol, ports and ICMP fields, shared by security group rules
//! (SG001-SG003) and network ACL entries (NA006-NA008).

use skyplan_diagnostics::{Diagnostic, Rule};
use skyplan_spec::Sp;

use skyplan_model::traffic::{ICMP, ICMPV6, ParsedTraffic};
pub(crate) use skyplan_model::traffic::{Protocol, TCP, UDP};

use crate::Checker;

/// The traffic a rule or entry matches, once its fields are valid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Traffic {
    pub protocol: Protocol,
    /// For tcp and udp: the inclusive port range.
    pub ports: Option<(u16, u16)>,
    /// For icmp: type and code, -1 meaning all.
    pub icmp: Option<(i64, i64)>,
}

impl Traffic {
    pub fn is_port_protocol(self) -> bool {
        matches!(self.protocol, Protocol::Number(TCP | UDP))
    }

    /// Whether this matches every packet `other` matches.
    pub fn covers(self, other: Traffic) -> bool {
        match (self.protocol, other.protocol) {
            (Protocol::All, _) => true,
            (Protocol::Number(_), Protocol::All) => false,
            (Protocol::Number(a), Protocol::Number(b)) if a != b => false,
            _ => {
                let ports = match (self.ports, other.ports) {
                    (Some((a, b)), Some((x, y))) => a <= x && y <= b,
                    _ => true,
                };
                let icmp = match (self.icmp, other.icmp) {
                    (Some((t, code)), Some((ot, oc))) => {
                        (t == -1 || t == ot) && (code == -1 || code == oc)
                    }
                    _ => true,
                };
                ports && icmp
            }
        }
    }

    /// Whether a packet of this traffic can use `port` (tcp/udp, or all).
    pub fn allows_port(self, port: u16) -> bool {
        match self.protocol {
            Protocol::All => true,
            Protocol::Number(TCP) => self.ports.is_some_and(|(a, b)| a <= port && port <= b),
            _ => false,
        }
    }
}

/// The codes a finding about the fields gets: a security group rule's or a
/// network ACL entry's.
pub(crate) struct TrafficRules {
    protocol: Rule,
    ports: Rule,
    icmp: Rule,
}

pub(crate) const SECURITY_GROUP_RULE: TrafficRules = TrafficRules {
    protocol: Rule::InvalidProtocol,
    ports: Rule::InvalidPorts,
    icmp: Rule::InvalidIcmp,
};

pub(crate) const NACL_ENTRY: TrafficRules = TrafficRules {
    protocol: Rule::NaclInvalidProtocol,
    ports: Rule::NaclInvalidPorts,
    icmp: Rule::NaclInvalidIcmp,
};

/// `ports` that name every port (`0`, `0-0` in Terraform's spelling for
/// "all", or `0-65535`): AWS ignores ports for protocols without them, so
/// these are fine there (AWS's own VPC samples write them).
fn is_every_port(range: (u16, u16)) -> bool {
    matches!(range, (0, 0) | (0, 65535))
}

/// The fields of one rule or entry.
pub(crate) struct TrafficFields<'a> {
    /// Which codes findings get.
    pub rules: &'a TrafficRules,
    pub protocol: &'a Sp<String>,
    pub ports: Option<&'a Sp<String>>,
    /// `protocol` and `ports`, as resolve parsed them.
    pub parsed: &'a ParsedTraffic,
    pub icmp_type: Option<&'a Sp<i64>>,
    pub icmp_code: Option<&'a Sp<i64>>,
}

/// Validates the fields, reporting SG001-SG003 against `owner`; returns the
/// traffic when every field is valid.
pub(crate) fn validate(c: &mut Checker, owner: &str, f: TrafficFields) -> Option<Traffic> {
    let codes = f.rules;
    let Some(protocol) = f.parsed.protocol else {
        c.push(
            Diagnostic::new(
                codes.protocol,
                format!("`{}` is not a protocol", f.protocol.value),
            )
            .detail("AWS refuses the rule (InvalidPermission.Malformed)")
            .resource(owner)
            .at(f.protocol.span, "unknown protocol")
            .help("use tcp, udp, icmp, all, or an IP protocol number from 0 to 255"),
        );
        return None;
    };
    let port_protocol = matches!(protocol, Protocol::Number(TCP | UDP));
    let icmp_protocol = matches!(protocol, Protocol::Number(ICMP | ICMPV6));
    let mut ok = true;
    // `ports` as written, with what they parsed to.
    let written = f.ports.zip(f.parsed.ports.as_ref());
    let ports = match (written, port_protocol) {
        (None, true) => {
            c.push(
                Diagnostic::new(codes.ports, format!("`{}` needs `ports`", f.protocol.value))
                    .resource(owner)
                    .at(f.protocol.span, "no ports given")
                    .help("add `ports: N` or `ports: FROM-TO` (`0-65535` for all)"),
            );
            ok = false;
            None
        }
        // Every port, on a protocol whose ports AWS ignores: the same as
        // no ports. ICMP has types and codes instead, so ports there are a
        // mistake whatever they say.
        (Some((_, Ok(range))), false) if !icmp_protocol && is_every_port(*range) => None,
        (Some((p, _)), false) => {
            let summary = if icmp_protocol {
                format!(
                    "`ports` does not apply to `{}`: it matches ICMP types and codes",
                    f.protocol.value
                )
            } else {
                format!(
                    "`ports: {}` narrows nothing: `{}` matches every port",
                    p.value, f.protocol.value
                )
            };
            let help = if icmp_protocol {
                "remove `ports`; use `icmp_type` and `icmp_code`"
            } else {
                "for one port, use tcp or udp; for every port, remove `ports` (or write `0-65535`)"
            };
            c.push(
                Diagnostic::new(codes.ports, summary)
                    .detail("AWS ignores ports for this protocol, so the rule matches all traffic of it")
                    .resource(owner)
                    .at(p.span, "ports on a protocol without ports")
                    .help(help),
            );
            ok = false;
            None
        }
        (Some((p, parsed)), true) => match parsed {
            Ok(range) => Some(*range),
            Err(why) => {
                c.push(
                    Diagnostic::new(codes.ports, why.clone())
                        .resource(owner)
                        .at(p.span, "invalid ports")
                        .help("write `N` or `FROM-TO` with 0 <= FROM <= TO <= 65535"),
                );
                ok = false;
                None
            }
        },
        (None, false) => None,
    };
    let mut icmp = None;
    for (field, value) in [("icmp_type", f.icmp_type), ("icmp_code", f.icmp_code)] {
        let Some(v) = value else { continue };
        let problem = if !icmp_protocol {
            Some(format!(
                "`{field}` only applies to icmp, not `{}`",
                f.protocol.value
            ))
        } else if !(-1..=255).contains(&v.value) {
            Some(format!("`{field}` {} is outside -1..255", v.value))
        } else {
            None
        };
        if let Some(problem) = problem {
            c.push(
                Diagnostic::new(codes.icmp, problem)
                    .resource(owner)
                    .at(v.span, "invalid ICMP field")
                    .help("use a type and code from -1 (all) to 255, with protocol icmp"),
            );
            ok = false;
        }
    }
    if icmp_protocol {
        icmp = Some((
            f.icmp_type.map_or(-1, |t| t.value),
            f.icmp_code.map_or(-1, |t| t.value),
        ));
    }
    ok.then_some(Traffic {
        protocol,
        ports,
        icmp,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coverage_follows_protocol_ports_and_icmp() {
        let all = Traffic {
            protocol: Protocol::All,
            ports: None,
            icmp: None,
        };
        let ssh = Traffic {
            protocol: Protocol::Number(TCP),
            ports: Some((22, 22)),
            icmp: None,
        };
        let high = Traffic {
            protocol: Protocol::Number(TCP),
            ports: Some((1024, 65535)),
            icmp: None,
        };
        assert!(all.covers(ssh));
        assert!(!ssh.covers(all));
        assert!(!high.covers(ssh));
        assert!(ssh.allows_port(22) && !high.allows_port(22));
    }
}
