//! `transit_gateway_attachment`: the resolved kind, its resolver and its graph edges.

use super::prelude::*;

/// A transit gateway VPC attachment; its options as written, else the
/// kind table's defaults.
#[derive(Clone, Debug, PartialEq)]
pub struct TransitGatewayAttachment {
    pub common: Common,
    pub transit_gateway: Ref<TransitGateway>,
    pub vpc: Ref<Vpc>,
    /// Where the list is written.
    pub subnets_span: Span,
    pub subnets: Vec<Ref<Subnet>>,
    pub appliance_mode: bool,
    pub dns_support: bool,
    pub ipv6_support: bool,
}

impl Resolver<'_> {
    pub(crate) fn transit_gateway_attachments(
        &mut self,
        m: &mut Model,
        decls: Vec<Decl<TransitGatewayAttachmentSpec>>,
    ) {
        let schema = Kind::TransitGatewayAttachment.schema();
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::TransitGatewayAttachment, d.name, &d.tags);
            let from = common.address.clone();
            let gateway =
                self.lookup::<TransitGateway>(&a.transit_gateway, "transit_gateway", &from);
            let vpc = self.lookup::<Vpc>(&a.vpc, "vpc", &from);
            let subnets = self.lookup_all(&a.subnets.value, "subnets", &from);
            // Judged on the rest of its subnets, it would be judged wrong:
            // dropped, like any broken reference.
            let (Some(transit_gateway), Some(vpc)) = (gateway, vpc) else {
                continue;
            };
            if subnets.len() != a.subnets.value.len() {
                continue;
            }
            let option = |value: Option<Sp<bool>>, name| schema.or_default(value.as_ref(), name);
            self.register(
                Kind::TransitGatewayAttachment,
                &common,
                m.transit_gateway_attachments.len(),
            );
            m.transit_gateway_attachments
                .push(TransitGatewayAttachment {
                    common,
                    transit_gateway,
                    vpc,
                    subnets_span: a.subnets.span,
                    subnets,
                    appliance_mode: option(a.appliance_mode, "appliance_mode"),
                    dns_support: option(a.dns_support, "dns_support"),
                    ipv6_support: option(a.ipv6_support, "ipv6_support"),
                });
        }
    }
}

impl Model {
    /// The attachment of `vpc` to `gateway`, if any (the first one).
    pub fn attachment_of(
        &self,
        vpc: VpcId,
        gateway: Id<TransitGateway>,
    ) -> Option<Id<TransitGatewayAttachment>> {
        (self.transit_gateway_attachments.iter())
            .position(|a| a.vpc.id == vpc && a.transit_gateway.id == gateway)
            .map(Id::new)
    }
}

/// An interface in each of its subnets.
pub(crate) fn takes(m: &Model, id: Id<TransitGatewayAttachment>) -> Takes {
    Takes::service_interfaces(&m.transit_gateway_attachments[id].subnets)
}

/// Its references, one edge each.
pub(crate) fn edges(m: &Model, g: &mut DependencyGraph) {
    for (i, r) in m.transit_gateway_attachments.iter().enumerate() {
        let me = node(Kind::TransitGatewayAttachment, i);
        depends(g, me, r.transit_gateway, "transit_gateway");
        depends(g, me, r.vpc, "vpc");
        for s in &r.subnets {
            depends(g, me, *s, "subnets");
        }
    }
}
