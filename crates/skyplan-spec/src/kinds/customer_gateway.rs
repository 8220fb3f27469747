//! `customer_gateway`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::CustomerGateway,
    doc: "A customer gateway: AWS's record of the VPN device at your site (its public address and BGP ASN), and the on-premises networks behind it, whose clients `reach` and expectations call `customer_gateway.NAME`. AWS cannot change one: any change replaces it.",
    id_prefix: "cgw",
    attributes: ATTRIBUTES,
    computed: &[],
};

declaration! {
    /// A customer gateway (see `SCHEMA`).
    CustomerGatewaySpec {
        region: str(String) force_new "Region; required unless `defaults.region` is set.",
        ip_address: req_with(ipv4_address: Sp<String>, Ipv4) force_new
            "The static IPv4 address of the device's outside interface (public, for a VPN over the internet).",
        bgp_asn: uint(1, 4_294_967_295) force_new = "65000"
            "The device's BGP ASN: 1 to 4294967295 (a private one is 64512-65534).",
        networks: list(CidrList)
            "The on-premises blocks behind it: skyplan's own record, for reachability and overlap checks (AWS keeps none).",
    }
}

/// `key:`, required: a dotted IPv4 address.
fn ipv4_address(d: &mut Decoder, f: &Fields, key: &str) -> Option<Sp<String>> {
    let s = f.req_str(d, key)?;
    if s.value.parse::<std::net::Ipv4Addr>().is_ok() {
        return Some(s);
    }
    d.report(
        Diagnostic::new(
            Rule::InvalidValue,
            format!(
                "`{}` is not an IPv4 address",
                s.value.chars().take(64).collect::<String>()
            ),
        )
        .at(s.span, "not an IPv4 address")
        .help("write the device's address as four numbers, such as 203.0.113.12"),
    );
    None
}
