//! Protocols and ports, parsed once: the rules check them and the plan
//! compares them in AWS's canonical spelling (`6` is `tcp`, `3128-3128` is
//! `3128`).

pub const TCP: u8 = 6;
pub const UDP: u8 = 17;
pub const ICMP: u8 = 1;
pub const ICMPV6: u8 = 58;

/// The ports replies come back to: Linux's ephemeral range, the one AWS's
/// own examples use. Clients that pick ports below it (Windows' 49152-65535
/// lies inside; 1024-65535 is wider) need more, but an allow of 32768-60999
/// is what makes a common path work, and the VPC User Guide's recommended
/// rules (32768-65535) must not be flagged.
pub const CLIENT_EPHEMERAL_PORTS: (u16, u16) = (32768, 60999);

/// Administration ports that should never face the whole internet.
pub const ADMIN_PORTS: [(u16, &str); 2] = [(22, "SSH"), (3389, "RDP")];

/// Database ports that should never face the whole internet.
pub const DATABASE_PORTS: [(u16, &str); 7] = [
    (3306, "MySQL"),
    (5432, "PostgreSQL"),
    (1433, "SQL Server"),
    (1521, "Oracle"),
    (27017, "MongoDB"),
    (6379, "Redis"),
    (9200, "Elasticsearch"),
];

/// A protocol: every protocol, or one IP protocol number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Protocol {
    All,
    Number(u8),
}

impl Protocol {
    /// The spelling AWS stores and skyplan compares: a name for the
    /// protocols that have one, the number otherwise.
    pub fn canonical(self) -> String {
        match self {
            Protocol::All => "all".into(),
            Protocol::Number(TCP) => "tcp".into(),
            Protocol::Number(UDP) => "udp".into(),
            Protocol::Number(ICMP) => "icmp".into(),
            Protocol::Number(ICMPV6) => "icmpv6".into(),
            Protocol::Number(n) => n.to_string(),
        }
    }

    /// Whether the protocol has ports (for every other one AWS ignores them).
    pub fn has_ports(self) -> bool {
        matches!(self, Protocol::Number(TCP | UDP))
    }
}

/// A port range in AWS's canonical spelling: `443` for one port.
pub fn canonical_ports((from, to): (u16, u16)) -> String {
    if from == to {
        from.to_string()
    } else {
        format!("{from}-{to}")
    }
}

pub fn parse_protocol(text: &str) -> Option<Protocol> {
    match text.to_ascii_lowercase().as_str() {
        "all" | "-1" => Some(Protocol::All),
        "tcp" => Some(Protocol::Number(TCP)),
        "udp" => Some(Protocol::Number(UDP)),
        "icmp" => Some(Protocol::Number(ICMP)),
        "icmpv6" => Some(Protocol::Number(ICMPV6)),
        other => other.parse::<u8>().ok().map(Protocol::Number),
    }
}

/// `443` or `1024-65535`, as written; `Err` says what is wrong.
pub fn parse_ports(text: &str) -> Result<(u16, u16), String> {
    let parse = |s: &str| -> Result<u16, String> {
        let n: i64 = s
            .trim()
            .parse()
            .map_err(|_| format!("`{text}` is not a port or a FROM-TO range"))?;
        u16::try_from(n).map_err(|_| format!("port {n} is outside 0-65535"))
    };
    let (from, to) = match text.split_once('-') {
        Some((a, b)) if !a.trim().is_empty() => (parse(a)?, parse(b)?),
        _ => {
            let p = parse(text)?;
            (p, p)
        }
    };
    if from > to {
        return Err(format!("the range {from}-{to} is inverted"));
    }
    Ok((from, to))
}

/// A rule's or entry's `protocol` and `ports` as parsed once, in resolve
/// (as CIDRs are): what the checks judge, reach matches and the plan
/// compares. The written text stays beside it for messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedTraffic {
    /// `None`: not a protocol (the checks report it).
    pub protocol: Option<Protocol>,
    /// `None`: no `ports` written; `Err`: why they are not a port range.
    pub ports: Option<Result<(u16, u16), String>>,
}

impl ParsedTraffic {
    pub fn parse(protocol: &str, ports: Option<&str>) -> ParsedTraffic {
        ParsedTraffic {
            protocol: parse_protocol(protocol),
            ports: ports.map(parse_ports),
        }
    }

    /// The ports it matches: those written, or every port when none are;
    /// `None` when they are not a port range.
    pub fn port_range(&self) -> Option<(u16, u16)> {
        match &self.ports {
            None => Some((0, u16::MAX)),
            Some(range) => range.as_ref().ok().copied(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ports_parse_and_refuse() {
        assert_eq!(parse_ports("443"), Ok((443, 443)));
        assert_eq!(parse_ports("1024-65535"), Ok((1024, 65535)));
        assert!(parse_ports("8080-80").unwrap_err().contains("inverted"));
        assert!(parse_ports("70000").unwrap_err().contains("outside"));
        assert!(parse_ports("http").is_err());
    }

    #[test]
    fn parsed_traffic_matches_every_port_when_none_are_written() {
        assert_eq!(
            ParsedTraffic::parse("tcp", None).port_range(),
            Some((0, 65535))
        );
        assert_eq!(
            ParsedTraffic::parse("6", Some("80")).port_range(),
            Some((80, 80))
        );
        assert_eq!(ParsedTraffic::parse("tcp", Some("80-1")).port_range(), None);
        assert_eq!(ParsedTraffic::parse("bogus", None).protocol, None);
    }
}
