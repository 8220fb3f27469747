//! `vpc_endpoint`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::VpcEndpoint,
    doc: "A VPC endpoint: a gateway endpoint (routes to S3 or DynamoDB) or an interface endpoint (addresses in subnets for an AWS service), without the internet.",
    id_prefix: "vpce",
    attributes: &[
        VPC_REFERENCE,
        force_new(default(
            attr(
                "type",
                AttrType::Choice(EndpointType::WORDS),
                "`gateway` (only `s3` and `dynamodb`) or `interface`.",
            ),
            "gateway",
        )),
        force_new(required(attr(
            "service",
            AttrType::String,
            "The service: a short name (`s3`, `ssm`, `ecr.api`) or `com.amazonaws.REGION.SERVICE` in the VPC's region.",
        ))),
        attr(
            "route_tables",
            AttrType::References(Kind::RouteTable),
            "Gateway: route tables that get the service's prefix-list route.",
        ),
        attr(
            "subnets",
            AttrType::References(Kind::Subnet),
            "Interface: subnets for its network interfaces, at most one per AZ.",
        ),
        attr(
            "security_groups",
            AttrType::References(Kind::SecurityGroup),
            "Interface: groups of its network interfaces (the VPC's default group when absent).",
        ),
        default(
            attr(
                "private_dns",
                AttrType::Bool,
                "Interface: the service's public name resolves to the endpoint in the VPC (needs `dns_support` and `dns_hostnames`).",
            ),
            "true",
        ),
        attr(
            "policy",
            AttrType::Document,
            "An IAM policy document (YAML) limiting what the endpoint allows; full access when absent.",
        ),
    ],
    computed: &[computed(
        "private_ip_addresses",
        "Interface endpoints: its address in each of its subnets.",
    )],
};

#[derive(Debug, Clone, PartialEq)]
pub struct VpcEndpointSpec {
    pub vpc: Sp<String>,
    /// `gateway` (the default) or `interface`.
    pub endpoint_type: Option<Sp<EndpointType>>,
    /// A short service name (`s3`, `ssm`, `ecr.api`) or a full
    /// `com.amazonaws.REGION.SERVICE` name.
    pub service: Sp<String>,
    pub route_tables: Option<Sp<Vec<Sp<String>>>>,
    pub subnets: Option<Sp<Vec<Sp<String>>>>,
    pub security_groups: Option<Sp<Vec<Sp<String>>>>,
    pub private_dns: Option<Sp<bool>>,
    pub policy: Option<PolicySpec>,
}

pub(crate) fn decode(d: &mut Decoder, f: &Fields) -> Option<VpcEndpointSpec> {
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
