//! `vpc`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::network_acl::nacl_entry;
use super::prelude::*;
use super::security_group::sg_rule;

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::Vpc,
    doc: "A virtual private cloud: an isolated network of one or more IPv4 blocks in one region.",
    id_prefix: "vpc",
    attributes: &[
        force_new(required(attr(
            "cidr",
            AttrType::Cidr,
            "Primary IPv4 block, /16 to /28.",
        ))),
        force_new(attr(
            "region",
            AttrType::String,
            "Region; required unless `defaults.region` is set.",
        )),
        attr(
            "secondary_cidrs",
            AttrType::CidrList,
            "More IPv4 blocks (at most 5 in all), within AWS's association restrictions.",
        ),
        default(
            attr(
                "dns_support",
                AttrType::Bool,
                "The Amazon-provided DNS server.",
            ),
            "true",
        ),
        default(
            attr(
                "dns_hostnames",
                AttrType::Bool,
                "DNS hostnames for instances (needs `dns_support`).",
            ),
            "false",
        ),
        force_new(default(
            attr(
                "tenancy",
                AttrType::Choice(Tenancy::WORDS),
                "Instance tenancy.",
            ),
            "default",
        )),
        attr(
            "dhcp_options",
            AttrType::Reference(Kind::DhcpOptions),
            "The DHCP options set its instances get (AWS's default set when absent).",
        ),
        default(
            attr(
                "ipv6",
                AttrType::Bool,
                "An Amazon-provided IPv6 /56 (simulated from `2001:db8::/32`).",
            ),
            "false",
        ),
        attr(
            "ipv6_cidr",
            AttrType::Cidr,
            "An IPv6 block of your own or from IPAM: /44 to /60 in steps of 4 (instead of `ipv6`).",
        ),
        attr(
            "default_security_group",
            AttrType::Object(DEFAULT_SECURITY_GROUP_RULES),
            "Take the VPC's default security group over (`default_security_group.NAME`): its rules become these.",
        ),
        attr(
            "default_network_acl",
            AttrType::Object(DEFAULT_NETWORK_ACL_ENTRIES),
            "Take the VPC's default network ACL over (`default_network_acl.NAME`): its entries become these.",
        ),
    ],
    computed: &[computed(
        "ipv6_cidr_block",
        "Its IPv6 block: `ipv6_cidr`, or the /56 allocated for `ipv6: true`.",
    )],
};

#[derive(Debug, Clone, PartialEq)]
pub struct VpcSpec {
    pub cidr: Sp<String>,
    pub region: Option<Sp<String>>,
    pub secondary_cidrs: Vec<Sp<String>>,
    pub dns_support: Option<Sp<bool>>,
    pub dns_hostnames: Option<Sp<bool>>,
    pub tenancy: Option<Sp<Tenancy>>,
    pub dhcp_options: Option<Sp<String>>,
    /// An Amazon-provided IPv6 /56.
    pub ipv6: Option<Sp<bool>>,
    /// An IPv6 block of the user's own (or from IPAM).
    pub ipv6_cidr: Option<Sp<String>>,
    /// `default_security_group:` takes the VPC's default group over.
    pub default_security_group: Option<DefaultSecurityGroupSpec>,
    /// `default_network_acl:` takes the VPC's default ACL over.
    pub default_network_acl: Option<DefaultNetworkAclSpec>,
}

pub(crate) fn decode(d: &mut Decoder, f: &Fields) -> Option<VpcSpec> {
    let cidr = f.req_str(d, "cidr");
    let default_security_group = f.node("default_security_group").and_then(|node| {
        let span = f.key_span(d, "default_security_group")?;
        let what = "default_security_group";
        let g = d.fields(node, &keys_of(DEFAULT_SECURITY_GROUP_RULES), what, span)?;
        Some(DefaultSecurityGroupSpec {
            span,
            ingress: g.list(d, "ingress", sg_rule).unwrap_or_default(),
            egress: g.list(d, "egress", sg_rule).unwrap_or_default(),
        })
    });
    let default_network_acl = f.node("default_network_acl").and_then(|node| {
        let span = f.key_span(d, "default_network_acl")?;
        let what = "default_network_acl";
        let a = d.fields(node, &keys_of(DEFAULT_NETWORK_ACL_ENTRIES), what, span)?;
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
