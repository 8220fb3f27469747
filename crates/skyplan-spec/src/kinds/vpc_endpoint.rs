//! `vpc_endpoint`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::VpcEndpoint,
    doc: "A VPC endpoint: a gateway endpoint (routes to S3 or DynamoDB) or an interface endpoint (addresses in subnets for an AWS service), without the internet.",
    id_prefix: "vpce",
    attributes: ATTRIBUTES,
    computed: &[computed(
        "private_ip_addresses",
        "Interface endpoints: its address in each of its subnets.",
    )],
};

declaration! {
    VpcEndpointSpec {
        vpc: req_name(Vpc) force_new "The VPC.",
        endpoint_type as "type": word<EndpointType> force_new = "gateway"
            "`gateway` (only `s3` and `dynamodb`) or `interface`.",
        service: req_with(service_name: Sp<String>, String) force_new
            "The service: a short name (`s3`, `ssm`, `ecr.api`) or `com.amazonaws.REGION.SERVICE` in the VPC's region.",
        route_tables: name_list(RouteTable)
            "Gateway: route tables that get the service's prefix-list route.",
        subnets: name_list(Subnet)
            "Interface: subnets for its network interfaces, at most one per AZ.",
        security_groups: name_list(SecurityGroup)
            "Interface: groups of its network interfaces (the VPC's default group when absent).",
        private_dns: bool = "true"
            "Interface: the service's public name resolves to the endpoint in the VPC (needs `dns_support` and `dns_hostnames`).",
        policy: with(policy: Option<PolicySpec>, Document)
            "An IAM policy document (YAML) limiting what the endpoint allows; full access when absent.",
    }
}

/// `key:`, required: a short service name (`s3`, `ssm`, `ecr.api`) or a
/// full `com.amazonaws.REGION.SERVICE` one.
fn service_name(d: &mut Decoder, f: &Fields, key: &str) -> Option<Sp<String>> {
    let s = f.req_str(d, key)?;
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
}

/// `key:`: an IAM policy document, kept as AWS stores it.
fn policy(d: &mut Decoder, f: &Fields, key: &str) -> Option<PolicySpec> {
    f.node(key).map(|node| crate::policy::decode(d, node))
}
