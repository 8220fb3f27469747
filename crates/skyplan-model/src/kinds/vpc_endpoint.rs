//! `vpc_endpoint`: the resolved kind, its resolver and its graph edges.

use super::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub struct VpcEndpoint {
    pub common: Common,
    pub vpc: Ref<Vpc>,
    pub endpoint_type: EndpointType,
    /// The `type` key, when written.
    pub type_span: Option<Span>,
    /// The service's short name (`ssm`, `ecr.api`), from a full
    /// `com.amazonaws.REGION.SERVICE` name too.
    pub service: Sp<String>,
    /// The region a full service name names.
    pub service_region: Option<String>,
    pub route_tables: Vec<Ref<RouteTable>>,
    pub subnets: Vec<Ref<Subnet>>,
    pub security_groups: Vec<Ref<SecurityGroup>>,
    /// Where each list was written (for checks on the key itself).
    pub route_tables_span: Option<Span>,
    pub subnets_span: Option<Span>,
    pub security_groups_span: Option<Span>,
    pub private_dns: Option<Sp<bool>>,
    pub policy: Option<PolicySpec>,
}

impl VpcEndpoint {
    /// Whether the service's public name resolves to the endpoint
    /// (interface endpoints; on unless `private_dns: false`).
    pub fn private_dns(&self) -> bool {
        self.endpoint_type == EndpointType::Interface
            && Kind::VpcEndpoint
                .schema()
                .or_default(self.private_dns.as_ref(), "private_dns")
    }
}

/// A service's short name, and the region of a full
/// `com.amazonaws.REGION.SERVICE` name.
pub(crate) fn short_service(service: Sp<String>) -> (Sp<String>, Option<String>) {
    let full = service
        .value
        .strip_prefix("com.amazonaws.")
        .and_then(|rest| rest.split_once('.'));
    match full {
        Some((region, short)) => {
            let (region, short) = (region.to_string(), short.to_string());
            (Sp::new(short, service.span), Some(region))
        }
        None => (service, None),
    }
}

impl Resolver<'_> {
    pub(crate) fn vpc_endpoints(&mut self, m: &mut Model, decls: Vec<Decl<VpcEndpointSpec>>) {
        fn names(list: &Option<Sp<Vec<Sp<String>>>>) -> &[Sp<String>] {
            list.as_ref().map_or(&[], |l| l.value.as_slice())
        }
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::VpcEndpoint, d.name, &d.tags);
            let from = common.address.clone();
            let vpc = self.lookup::<Vpc>(&a.vpc, "vpc", &from);
            let route_tables =
                self.lookup_all::<RouteTable>(names(&a.route_tables), "route_tables", &from);
            let subnets = self.lookup_all::<Subnet>(names(&a.subnets), "subnets", &from);
            let security_groups = self.lookup_all::<SecurityGroup>(
                names(&a.security_groups),
                "security_groups",
                &from,
            );
            let resolved = route_tables.len() == names(&a.route_tables).len()
                && subnets.len() == names(&a.subnets).len()
                && security_groups.len() == names(&a.security_groups).len();
            let Some(vpc) = vpc.filter(|_| resolved) else {
                continue;
            };
            let (service, service_region) = short_service(a.service);
            self.register(Kind::VpcEndpoint, &common, m.vpc_endpoints.len());
            m.vpc_endpoints.push(VpcEndpoint {
                common,
                vpc,
                endpoint_type: word_or_default_in(
                    Kind::VpcEndpoint.schema().attributes,
                    a.endpoint_type.as_ref(),
                    "type",
                ),
                type_span: a.endpoint_type.map(|t| t.span),
                service,
                service_region,
                route_tables,
                subnets,
                security_groups,
                route_tables_span: a.route_tables.map(|l| l.span),
                subnets_span: a.subnets.map(|l| l.span),
                security_groups_span: a.security_groups.map(|l| l.span),
                private_dns: a.private_dns,
                policy: a.policy,
            });
        }
    }
}

/// An interface endpoint's interface in each of its subnets (a gateway
/// endpoint has none).
pub(crate) fn takes(m: &Model, id: VpcEndpointId) -> Takes {
    Takes::service_interfaces(&m.vpc_endpoints[id].subnets)
}

/// Its references, one edge each.
pub(crate) fn edges(m: &Model, g: &mut DependencyGraph) {
    for (i, r) in m.vpc_endpoints.iter().enumerate() {
        let me = node(Kind::VpcEndpoint, i);
        depends(g, me, r.vpc, "vpc");
        for t in &r.route_tables {
            depends(g, me, *t, "route_tables");
        }
        for s in &r.subnets {
            depends(g, me, *s, "subnets");
        }
        for sg in &r.security_groups {
            depends(g, me, *sg, "security_groups");
        }
    }
}
