//! Queries: two endpoints, a protocol and a port.

use std::fmt;
use std::net::Ipv4Addr;

use skyplan_cidr::Ipv4Net;
use skyplan_model::{CustomerGatewayId, DbInstanceId, DxGatewayId, Id, LoadBalancerId, Model, ids};
use skyplan_spec::{Kind, address_text, qualified, split_module_path};

use crate::host::Host;

/// One end of a query.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Endpoint {
    /// An instance copy, an auto scaling group's instance, or a load
    /// balancer node, by its private address (its public one when the other
    /// end is the internet).
    Host(Host),
    /// A load balancer, by its listeners: reachable when the client reaches
    /// a listener and the load balancer reaches a target.
    LoadBalancer(LoadBalancerId),
    /// A database, wherever RDS places it: reachable when it is in some
    /// subnet of its group (`reach` names the one the path went through).
    Database(DbInstanceId),
    /// Clients out on the internet with an address in this block
    /// (`internet` is `0.0.0.0/0`): reachable when some address gets through.
    Internet(Ipv4Net),
    /// Clients at a customer gateway's site, with an address in its
    /// `networks`, over its VPN connections: reachable when some address
    /// gets through.
    Site(CustomerGatewayId),
    /// Clients on the premises behind a Direct Connect gateway, with an
    /// address in its `networks`, over its associations: reachable when
    /// some address gets through.
    DirectConnect(DxGatewayId),
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
    /// What findings and answers call it.
    pub fn address(self, m: &Model) -> String {
        match self {
            Endpoint::Host(h) => h.address(m),
            Endpoint::LoadBalancer(l) => m.load_balancers[l].common.address.clone(),
            Endpoint::Database(d) => m.db_instances[d].common.address.clone(),
            Endpoint::Internet(b) if b.prefix_len() == 0 => "the internet".into(),
            Endpoint::Internet(b) => b.to_string(),
            Endpoint::Site(c) => m.customer_gateways[c].common.address.clone(),
            Endpoint::DirectConnect(x) => m.dx_gateways[x].common.address.clone(),
        }
    }

    /// `instance.db`, `db`, `instance.app[1]`, `internet`, or a public
    /// IPv4 address or block.
    pub fn parse(m: &Model, text: &str) -> Result<Endpoint, EndpointError> {
        let text = &*unmodule(text);
        if text == "internet" {
            return Ok(Endpoint::Internet(Ipv4Net::default()));
        }
        let block = text
            .parse::<Ipv4Net>()
            .ok()
            .or_else(|| text.parse::<Ipv4Addr>().ok().map(Ipv4Net::from));
        if let Some(block) = block {
            // Wholly inside one range no internet client has (0.0.0.0/0
            // starts and ends in such ranges, yet is the whole internet).
            if skyplan_cidr::not_internet().any(|n| n.contains(&block)) {
                return Err(EndpointError(format!(
                    "`{text}` is a private block: name the instance instead (addresses inside a subnet are not supported yet)"
                )));
            }
            return Ok(Endpoint::Internet(block.trunc()));
        }
        if let Some(name) = text.strip_prefix("load_balancer.") {
            return m
                .load_balancers
                .iter()
                .position(|l| l.common.name.value == name)
                .map(|l| Endpoint::LoadBalancer(Id::new(l)))
                .ok_or_else(|| {
                    EndpointError(format!(
                        "`{}` is not a load balancer of the stack",
                        text.escape_debug()
                    ))
                });
        }
        if let Some(name) = text.strip_prefix("db_instance.") {
            return ids(&m.db_instances)
                .find(|d| m.db_instances[*d].common.name.value == name)
                .map(Endpoint::Database)
                .ok_or_else(|| {
                    EndpointError(format!(
                        "`{}` is not a DB instance of the stack",
                        text.escape_debug()
                    ))
                });
        }
        if let Some(name) = text.strip_prefix("customer_gateway.") {
            return ids(&m.customer_gateways)
                .find(|c| m.customer_gateways[*c].common.name.value == name)
                .map(Endpoint::Site)
                .ok_or_else(|| {
                    EndpointError(format!(
                        "`{}` is not a customer gateway of the stack",
                        text.escape_debug()
                    ))
                });
        }
        if let Some(name) = text.strip_prefix("dx_gateway.") {
            return ids(&m.dx_gateways)
                .find(|x| m.dx_gateways[*x].common.name.value == name)
                .map(Endpoint::DirectConnect)
                .ok_or_else(|| {
                    EndpointError(format!(
                        "`{}` is not a Direct Connect gateway of the stack",
                        text.escape_debug()
                    ))
                });
        }
        if let Some(name) = text.strip_prefix("auto_scaling_group.") {
            return scaled(m, name).and_then(|(g, n, index)| match (index, n) {
                (Some(k), _) if k < n => Ok(Endpoint::Host(Host::Scaled(g, k))),
                (None, 1) => Ok(Endpoint::Host(Host::Scaled(g, 0))),
                _ => Err(EndpointError(format!(
                    "auto_scaling_group.{} runs {n} instances: name one, `[0]` to `[{}]`",
                    name.split('[').next().unwrap_or(name),
                    n.saturating_sub(1)
                ))),
            });
        }
        let name = text.strip_prefix("instance.").unwrap_or(text);
        let address = instance_address(name);
        if let Some(id) = ids(&m.instances).find(|i| m.instances[*i].address == address) {
            return Ok(Endpoint::Host(Host::Instance(id)));
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
        let text = &*unmodule(text);
        if let Some(name) = text.strip_prefix("auto_scaling_group.")
            && !name.contains('[')
        {
            let (g, n, _) = scaled(m, name)?;
            return Ok((0..n).map(|k| Endpoint::Host(Host::Scaled(g, k))).collect());
        }
        let address = instance_address(text.strip_prefix("instance.").unwrap_or(text));
        match m
            .instance_groups
            .iter()
            .find(|g| g.common.address == address)
        {
            Some(g) if g.count.is_some() && !g.instances.is_empty() => Ok(g
                .instances
                .iter()
                .map(|i| Endpoint::Host(Host::Instance(*i)))
                .collect()),
            _ => Endpoint::parse(m, text).map(|e| vec![e]),
        }
    }
}

/// The kinds an endpoint names as `kind.name` (an instance also by its name alone).
const ENDPOINT_KINDS: [&str; 6] = [
    "instance",
    "load_balancer",
    "db_instance",
    "customer_gateway",
    "dx_gateway",
    "auto_scaling_group",
];

/// An endpoint inside a module (`module.net.web`, `module.net.load_balancer.web`)
/// in the form the rest of parsing reads, with the module's qualified name
/// (`net.web`, `load_balancer.net.web`); any other text as it is.
fn unmodule(text: &str) -> std::borrow::Cow<'_, str> {
    let Some((path, rest)) = split_module_path(text).filter(|(path, _)| !path.is_empty()) else {
        return text.into();
    };
    let kind = ENDPOINT_KINDS
        .iter()
        .find_map(|k| Some((*k, rest.strip_prefix(k)?.strip_prefix('.')?)));
    match kind {
        Some(("instance", name)) => qualified(&path, name).into(),
        Some((kind, name)) => format!("{kind}.{}", qualified(&path, name)).into(),
        None => qualified(&path, rest).into(),
    }
}

/// An instance copy's address from its (qualified) name and index:
/// `web[1]` is `instance.web[1]`, `net.web` is `module.net.instance.web`.
fn instance_address(name: &str) -> String {
    let (base, index) = match name.find('[') {
        Some(at) => name.split_at(at),
        None => (name, ""),
    };
    address_text(Kind::Instance, base) + index
}

/// An auto scaling group by name (`web` or `web[1]`): its id, how many
/// instances it runs, and the index asked for.
fn scaled(
    m: &Model,
    name: &str,
) -> Result<(skyplan_model::AutoScalingGroupId, u32, Option<u32>), EndpointError> {
    let (base, index) = match name.strip_suffix(']').and_then(|n| n.split_once('[')) {
        Some((base, index)) => (base, index.parse::<u32>().ok()),
        None => (name, None),
    };
    let g = m
        .auto_scaling_groups
        .iter()
        .position(|g| g.common.name.value == base)
        .ok_or_else(|| {
            EndpointError(format!(
                "`{}` is not an auto scaling group of the stack",
                base.escape_debug()
            ))
        })?;
    let n = u32::try_from(crate::host::scaled_hosts(m, Id::new(g)).len()).unwrap_or(0);
    if n == 0 {
        return Err(EndpointError(format!(
            "auto_scaling_group.{base} runs no instance (`desired` is 0, or it has no subnet)"
        )));
    }
    Ok((Id::new(g), n, index))
}
