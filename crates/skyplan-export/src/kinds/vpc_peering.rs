//! `vpc_peering`: `AWS::EC2::VPCPeeringConnection` (accepted by
//! CloudFormation within one account and region); `aws_vpc_peering_connection`
//! with `auto_accept`.

use super::prelude::*;

impl ExportKind for attrs::VpcPeering {
    const TERRAFORM: &'static str = "aws_vpc_peering_connection";

    fn cloudformation(&self, address: &Address, t: &mut Template, index: &Index) {
        let mut p = Fields::new();
        p.set("VpcId", Value::Id(self.vpc.clone()))
            .set("PeerVpcId", Value::Id(self.peer_vpc.clone()));
        let (here, there) = (
            index.region_of_vpc(&self.vpc),
            index.region_of_vpc(&self.peer_vpc),
        );
        if here != there {
            p.maybe("PeerRegion", there.map(Value::str));
        }
        p.set("Tags", Template::tags(address, &self.tags));
        t.main(address, "AWS::EC2::VPCPeeringConnection", p);
    }

    fn terraform(&self, address: &Address, c: &mut Configuration, index: &Index) -> Body {
        let mut b = Body::new();
        b.set("vpc_id", Value::Id(self.vpc.clone()))
            .set("peer_vpc_id", Value::Id(self.peer_vpc.clone()));
        let (here, there) = (
            index.region_of_vpc(&self.vpc),
            index.region_of_vpc(&self.peer_vpc),
        );
        if here == there {
            b.set("auto_accept", Value::Bool(true));
        } else {
            b.maybe("peer_region", there.map(Value::str));
            c.note(
                address,
                "a peering across regions is accepted in the peer's region: add an `aws_vpc_peering_connection_accepter` with a provider for it",
            );
        }
        b.set("tags", super::terraform_tags(address, &self.tags));
        b
    }
}
