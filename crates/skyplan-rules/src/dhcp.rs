//! VP013: DHCP options sets AWS refuses.

use skyplan_diagnostics::{Diagnostic, Rule, Span};
use skyplan_model::DhcpOptions;
use skyplan_spec::Sp;

use crate::Checker;

/// What AWS calls its own resolver among the DNS servers.
const AMAZON_DNS: &str = "AmazonProvidedDNS";
/// Servers per list (`CreateDhcpOptions`).
const MAX_SERVERS: usize = 4;

pub(crate) fn check(c: &mut Checker) {
    for o in &c.model.dhcp_options {
        options(c, o);
    }
}

fn finding(o: &DhcpOptions, message: String, span: Span, label: &str, help: &str) -> Diagnostic {
    Diagnostic::new(Rule::DhcpOptionsInvalid, message)
        .resource(&o.common.address)
        .at(span, label)
        .help(help)
}

fn options(c: &mut Checker, o: &DhcpOptions) {
    let address = &o.common.address;
    let lists: [(&str, &[Sp<String>], bool); 3] = [
        ("domain_name_servers", &o.domain_name_servers, true),
        ("ntp_servers", &o.ntp_servers, false),
        ("netbios_name_servers", &o.netbios_name_servers, false),
    ];
    let empty = o.domain_name.is_none()
        && o.netbios_node_type.is_none()
        && lists.iter().all(|(_, l, _)| l.is_empty());
    if empty {
        c.push(finding(
            o,
            format!("{address} sets no option; AWS needs at least one"),
            o.common.name.span,
            "empty options set",
            "set `domain_name`, a server list or `netbios_node_type`, or remove it",
        ));
    }
    for (key, list, amazon) in lists {
        if let Some(fifth) = list.get(MAX_SERVERS) {
            c.push(finding(
                o,
                format!(
                    "`{key}` of {address} lists {} servers; AWS takes at most {MAX_SERVERS}",
                    list.len()
                ),
                fifth.span,
                "fifth server",
                "keep four servers",
            ));
        }
        for s in list {
            let ok =
                s.value.parse::<std::net::Ipv4Addr>().is_ok() || (amazon && s.value == AMAZON_DNS);
            if !ok {
                let what = if amazon {
                    "an IPv4 address or `AmazonProvidedDNS`"
                } else {
                    "an IPv4 address"
                };
                c.push(finding(
                    o,
                    format!("`{}` in `{key}` of {address} is not {what}", s.value),
                    s.span,
                    "not an IPv4 address",
                    "DHCP options name servers by address, not by host name",
                ));
            }
        }
    }
    if let Some(t) = o.netbios_node_type.as_ref().filter(|t| t.value != 2) {
        c.push(finding(
            o,
            format!(
                "{address} asks for NetBIOS node type {}; AWS supports only 2",
                t.value
            ),
            t.span,
            "unsupported node type",
            "use `netbios_node_type: 2` (point-to-point)",
        ));
    }
}
