//! `dx_gateway`: `AWS::DirectConnect::DirectConnectGateway` and an
//! `AWS::DirectConnect::DirectConnectGatewayAssociation` per association;
//! `aws_dx_gateway` and `aws_dx_gateway_association`.

use super::prelude::*;

/// The associated gateway of an association.
fn associated(x: &attrs::DxAssociation) -> Option<&Address> {
    x.transit_gateway.as_ref().or(x.vpn_gateway.as_ref())
}

/// Its networks are skyplan's own record: noted, not exported.
fn note_networks(gateway: &attrs::DxGateway) -> Option<String> {
    (!gateway.networks.is_empty()).then(|| {
        format!(
            "its networks ({}) are skyplan's own record for reachability; AWS keeps none (the premises advertise them over BGP on the virtual interfaces)",
            gateway.networks.join(", ")
        )
    })
}

impl ExportKind for attrs::DxGateway {
    const TERRAFORM: &'static str = "aws_dx_gateway";

    fn cloudformation(&self, address: &Address, t: &mut Template, _: &Index) {
        let p = Fields::new()
            .with(
                "DirectConnectGatewayName",
                Value::str(address.name.as_str()),
            )
            .with(
                "AmazonSideAsn",
                Value::str(self.amazon_side_asn.to_string()),
            )
            .with("Tags", Template::tags(address, &self.tags));
        t.main(address, "AWS::DirectConnect::DirectConnectGateway", p);
        if let Some(text) = note_networks(self) {
            t.note(address, text);
        }
        for (n, x) in self.associations.iter().enumerate() {
            let Some(gateway) = associated(x) else {
                continue;
            };
            let mut p = Fields::new();
            p.set("DirectConnectGatewayId", Value::Id(address.clone()))
                .set("AssociatedGatewayId", Value::Id(gateway.clone()));
            if !x.allowed_prefixes.is_empty() {
                p.set(
                    "AllowedPrefixesToDirectConnectGateway",
                    Value::List(x.allowed_prefixes.iter().map(Value::str).collect()),
                );
            }
            let role = format!("Association{}", n + 1);
            // AWS associates a virtual private gateway once it is attached.
            let attachment = (x.vpn_gateway.as_ref()).map(|v| t.extra_id(v, "Attachment"));
            let kind = "AWS::DirectConnect::DirectConnectGatewayAssociation";
            let r = t.sub(address, &role, kind, p);
            if let Some(a) = attachment {
                r.depends_on(a);
            }
        }
    }

    fn terraform(&self, address: &Address, c: &mut Configuration, _: &Index) -> Body {
        let mut b = Body::new();
        b.set("name", Value::str(address.name.as_str())).set(
            "amazon_side_asn",
            Value::str(self.amazon_side_asn.to_string()),
        );
        if let Some(text) = note_networks(self) {
            c.note(address, text);
        }
        for (n, x) in self.associations.iter().enumerate() {
            let Some(gateway) = associated(x) else {
                continue;
            };
            let mut a = Body::new();
            a.set("dx_gateway_id", Value::Id(address.clone()))
                .set("associated_gateway_id", Value::Id(gateway.clone()));
            if !x.allowed_prefixes.is_empty() {
                a.set(
                    "allowed_prefixes",
                    Value::List(x.allowed_prefixes.iter().map(Value::str).collect()),
                );
            }
            c.extra(
                address,
                "aws_dx_gateway_association",
                &format!("association_{}", n + 1),
                a,
            );
        }
        b
    }
}
