//! `customer_gateway`: `AWS::EC2::CustomerGateway`; `aws_customer_gateway`.
//! Its on-premises networks are skyplan's own record: noted, not exported.

use super::prelude::*;

fn note_networks(gateway: &attrs::CustomerGateway) -> Option<String> {
    (!gateway.networks.is_empty()).then(|| {
        format!(
            "its networks ({}) are skyplan's own record for reachability; AWS keeps none (they go in the VPN connection's static routes or BGP)",
            gateway.networks.join(", ")
        )
    })
}

impl ExportKind for attrs::CustomerGateway {
    const TERRAFORM: &'static str = "aws_customer_gateway";

    fn cloudformation(&self, address: &Address, t: &mut Template, _: &Index) {
        let p = Fields::new()
            .with("Type", Value::str("ipsec.1"))
            .with("IpAddress", Value::str(&self.ip_address))
            .with("BgpAsn", Value::Int(self.bgp_asn as i64))
            .with("Tags", Template::tags(address, &self.tags));
        t.main(address, "AWS::EC2::CustomerGateway", p);
        if let Some(text) = note_networks(self) {
            t.note(address, text);
        }
    }

    fn terraform(&self, address: &Address, c: &mut Configuration, _: &Index) -> Body {
        let mut b = Body::new();
        b.set("type", Value::str("ipsec.1"))
            .set("ip_address", Value::str(&self.ip_address))
            .set("bgp_asn", Value::str(self.bgp_asn.to_string()))
            .set("tags", super::terraform_tags(address, &self.tags));
        if let Some(text) = note_networks(self) {
            c.note(address, text);
        }
        b
    }
}
