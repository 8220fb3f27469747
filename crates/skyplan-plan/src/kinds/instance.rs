//! `instance`: what the plan wants of it and what it knows before apply.

use super::prelude::*;

impl PlanKind for attrs::Instance {
    type Node = model::Instance;

    fn desired(b: &mut Builder, id: Id<model::Instance>) -> (Address, Self) {
        let m = b.m;
        let r = &m.instances[id];
        let g = &m.instance_groups[r.group];
        let subnet = b.subnet(r.subnet);
        let security_groups = g
            .security_groups
            .iter()
            .map(|s| b.security_group(*s))
            .collect();
        let public_ip = g.public_ip_in(&m.subnets[r.subnet.id]);
        let elastic_ip = g.elastic_ip.map(|e| {
            let eip = b.eip(e);
            // AWS associates an elastic IP only once the VPC's internet
            // gateway is attached (Gateway.NotAttached); destroy in the
            // reverse order.
            let vpc = m.subnets[r.subnet.id].vpc.id;
            for igw in m.internet_gateways.iter().filter(|i| i.vpc.id == vpc) {
                b.reference(declared(Kind::InternetGateway, &igw.common.name));
            }
            eip
        });
        let a = attrs::Instance {
            ami: g.ami.value.clone(),
            elastic_ip,
            hibernation: Kind::Instance
                .schema()
                .or_default(g.hibernation.as_ref(), "hibernation"),
            iam_instance_profile: g.iam_instance_profile.as_ref().map(|p| p.value.clone()),
            ipv6_address: None,
            key_name: g.key_name.as_ref().map(|k| k.value.clone()),
            metadata: metadata(g.metadata.as_deref()),
            // The checks refused any other spelling before a plan.
            private_ip: g
                .private_ip
                .as_ref()
                .and_then(|p| p.value.parse::<Ipv4Addr>().ok()),
            private_ip_address: None,
            public_ip,
            public_ip_address: None,
            root_volume: g.root_volume.as_deref().map(root_volume),
            security_groups,
            source_dest_check: g.source_dest_check(),
            state: word_or_default_in(
                Kind::Instance.schema().attributes,
                g.state.as_ref(),
                "state",
            ),
            subnet,
            tags: g.common.tags.clone(),
            instance_type: g.instance_type.value.clone(),
            user_data: g.user_data.as_ref().map(|u| u.value.clone()),
        };
        (instance_address(m, id), a)
    }

    fn unknown_after(&self, names: &mut Vec<&'static str>) {
        names.push("private_ip_address");
        if self.elastic_ip.is_some() || self.public_ip {
            names.push("public_ip_address");
        }
    }

    fn conflicts(&self, before: &Self) -> bool {
        // The same static address (InvalidIPAddress.InUse), or the same
        // elastic IP, which one instance holds at a time.
        both(&before.private_ip, &self.private_ip) || both(&before.elastic_ip, &self.elastic_ip)
    }

    fn create(&mut self, sim: &mut Simulator, new: &mut New) -> Result<Vec<Address>, ApplyError> {
        let private = sim.place(&self.subnet, self.private_ip, new.address)?;
        self.private_ip_address = Some(private);
        self.public_ip_address = sim.instance_public(self, None)?;
        self.ipv6_address = sim.instance_ipv6(&self.subnet);
        Ok(vec![self.subnet.clone()])
    }

    fn update(
        &mut self,
        sim: &mut Simulator,
        _: &ResourceState,
        _: &Address,
    ) -> Result<Follow, ApplyError> {
        let kept = self.public_ip_address.take();
        self.public_ip_address = sim.instance_public(self, kept)?;
        if self.public_ip_address.is_none()
            && let Some(k) = kept
        {
            sim.alloc.release_public(k);
        }
        Ok(None)
    }
}
