//! Queries: two endpoints, a protocol and a port.

use std::fmt;
use std::net::Ipv4Addr;

use skyplan_cidr::Ipv4Net;
use skyplan_model::{InstanceId, Model, ids};

/// One end of a query.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Endpoint {
    /// An instance copy, by its private address (its public one when the
    /// other end is the internet).
    Instance(InstanceId),
    /// Clients out on the internet with an address in this block
    /// (`internet` is `0.0.0.0/0`): reachable when some address gets through.
    Internet(Ipv4Net),
}

/// The protocols a query asks about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protocol {
    Tcp,
    Udp,
    /// Echo request, answered by echo reply.
    Icmp,
}

impl Protocol {
    pub fn parse(text: &str) -> Option<Protocol> {
        match text.to_ascii_lowercase().as_str() {
            "tcp" => Some(Protocol::Tcp),
            "udp" => Some(Protocol::Udp),
            "icmp" => Some(Protocol::Icmp),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Protocol::Tcp => "tcp",
            Protocol::Udp => "udp",
            Protocol::Icmp => "icmp",
        }
    }

    /// The IP protocol number.
    pub fn number(self) -> u8 {
        match self {
            Protocol::Tcp => skyplan_model::traffic::TCP,
            Protocol::Udp => skyplan_model::traffic::UDP,
            Protocol::Icmp => skyplan_model::traffic::ICMP,
        }
    }
}

/// Can `from` open a connection to `to` on `protocol`/`port`?
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Query {
    pub from: Endpoint,
    pub to: Endpoint,
    pub protocol: Protocol,
    /// The destination port (ignored for ICMP).
    pub port: u16,
}

/// Why an endpoint does not name anything of the stack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndpointError(pub String);

impl fmt::Display for EndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Endpoint {
    /// `instance.db`, `db`, `instance.app[1]`, `internet`, or a public
    /// IPv4 address or block.
    pub fn parse(m: &Model, text: &str) -> Result<Endpoint, EndpointError> {
        if text == "internet" {
            return Ok(Endpoint::Internet(Ipv4Net::default()));
        }
        let block = text
            .parse::<Ipv4Net>()
            .ok()
            .or_else(|| text.parse::<Ipv4Addr>().ok().map(Ipv4Net::from));
        if let Some(block) = block {
            if is_private(block.network()) && is_private(block.broadcast()) {
                return Err(EndpointError(format!(
                    "`{text}` is a private block: name the instance instead (addresses inside a subnet are not supported yet)"
                )));
            }
            return Ok(Endpoint::Internet(block.trunc()));
        }
        let name = text.strip_prefix("instance.").unwrap_or(text);
        let address = format!("instance.{name}");
        if let Some(id) = ids(&m.instances).find(|i| m.instances[*i].address == address) {
            return Ok(Endpoint::Instance(id));
        }
        // `app[9]` of an `app` with fewer copies is named as such.
        let base = address.split_once('[').map_or(address.as_str(), |(b, _)| b);
        let copies = m
            .instance_groups
            .iter()
            .find(|g| g.common.address == base)
            .map(|g| (g.count.is_some(), g.instances.len()));
        Err(EndpointError(match copies {
            Some((_, 0)) => format!("{base} has `count: 0`: it has no copy to reach"),
            Some((false, _)) => format!("{base} has no `count`: name it `{base}`"),
            Some((true, n)) => format!(
                "{base} has {n} copies: name one, `{base}[0]` to `{base}[{}]`",
                n - 1
            ),
            None => format!(
                "`{}` is not an instance of the stack, `internet`, or a public IPv4 address or block",
                text.escape_debug()
            ),
        }))
    }
}

impl Endpoint {
    /// Like [`Endpoint::parse`], but a name with `count` means every copy
    /// (as expectations write it).
    pub fn parse_all(m: &Model, text: &str) -> Result<Vec<Endpoint>, EndpointError> {
        let address = format!(
            "instance.{}",
            text.strip_prefix("instance.").unwrap_or(text)
        );
        match m
            .instance_groups
            .iter()
            .find(|g| g.common.address == address)
        {
            Some(g) if g.count.is_some() && !g.instances.is_empty() => {
                Ok(g.instances.iter().map(|i| Endpoint::Instance(*i)).collect())
            }
            _ => Endpoint::parse(m, text).map(|e| vec![e]),
        }
    }
}

/// Blocks no internet client has an address in (RFC 6890's private,
/// shared, loopback, link-local, benchmarking and multicast ranges).
pub(crate) const NOT_INTERNET: [(u32, u8); 11] = [
    (0x0000_0000, 8),  // 0.0.0.0/8
    (0x0A00_0000, 8),  // 10.0.0.0/8
    (0x6440_0000, 10), // 100.64.0.0/10
    (0x7F00_0000, 8),  // 127.0.0.0/8
    (0xA9FE_0000, 16), // 169.254.0.0/16
    (0xAC10_0000, 12), // 172.16.0.0/12
    (0xC000_0000, 24), // 192.0.0.0/24
    (0xC0A8_0000, 16), // 192.168.0.0/16
    (0xC612_0000, 15), // 198.18.0.0/15
    (0xE000_0000, 4),  // 224.0.0.0/4
    (0xF000_0000, 4),  // 240.0.0.0/4
];

pub(crate) fn not_internet() -> impl Iterator<Item = Ipv4Net> {
    NOT_INTERNET
        .iter()
        .filter_map(|(a, len)| Ipv4Net::new(Ipv4Addr::from(*a), *len).ok())
}

/// Whether no internet client can have this address.
pub(crate) fn is_private(ip: Ipv4Addr) -> bool {
    not_internet().any(|b| b.contains(&ip))
}
