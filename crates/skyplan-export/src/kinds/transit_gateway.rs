//! `transit_gateway`: `AWS::EC2::TransitGateway`; `aws_ec2_transit_gateway`
//! (both spell the switches `enable`/`disable`).

use super::prelude::*;

/// AWS's spelling of an option: `enable` or `disable`.
pub(crate) fn switch(on: bool) -> Value {
    Value::str(if on { "enable" } else { "disable" })
}

impl ExportKind for attrs::TransitGateway {
    const TERRAFORM: &'static str = "aws_ec2_transit_gateway";

    fn cloudformation(&self, address: &Address, t: &mut Template, _: &Index) {
        let mut p = Fields::new();
        p.maybe("Description", self.description.as_deref().map(Value::str));
        p.set("AmazonSideAsn", Value::Int(self.amazon_side_asn as i64))
            .set(
                "AutoAcceptSharedAttachments",
                switch(self.auto_accept_shared_attachments),
            )
            .set(
                "DefaultRouteTableAssociation",
                switch(self.default_route_table_association),
            )
            .set(
                "DefaultRouteTablePropagation",
                switch(self.default_route_table_propagation),
            )
            .set("DnsSupport", switch(self.dns_support))
            .set("MulticastSupport", switch(self.multicast_support))
            .set("VpnEcmpSupport", switch(self.vpn_ecmp_support));
        if !self.cidr_blocks.is_empty() {
            p.set("TransitGatewayCidrBlocks", Value::strs(&self.cidr_blocks));
        }
        p.set("Tags", Template::tags(address, &self.tags));
        t.main(address, "AWS::EC2::TransitGateway", p);
    }

    fn terraform(&self, address: &Address, _: &mut Configuration, _: &Index) -> Body {
        let mut b = Body::new();
        b.maybe("description", self.description.as_deref().map(Value::str));
        b.set("amazon_side_asn", Value::Int(self.amazon_side_asn as i64))
            .set(
                "auto_accept_shared_attachments",
                switch(self.auto_accept_shared_attachments),
            )
            .set(
                "default_route_table_association",
                switch(self.default_route_table_association),
            )
            .set(
                "default_route_table_propagation",
                switch(self.default_route_table_propagation),
            )
            .set("dns_support", switch(self.dns_support))
            .set("multicast_support", switch(self.multicast_support))
            .set("vpn_ecmp_support", switch(self.vpn_ecmp_support));
        if !self.cidr_blocks.is_empty() {
            b.set(
                "transit_gateway_cidr_blocks",
                Value::strs(&self.cidr_blocks),
            );
        }
        b.set("tags", super::terraform_tags(address, &self.tags));
        b
    }
}
