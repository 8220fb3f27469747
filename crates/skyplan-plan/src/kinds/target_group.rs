//! `target_group`: what the plan wants of it and what it knows before apply.

use super::prelude::*;
use skyplan_spec::{DEFAULT_COOKIE_DURATION, DEFAULT_DEREGISTRATION_DELAY, HealthCheckDefaults};

impl PlanKind for attrs::TargetGroup {
    type Node = model::TargetGroup;

    fn desired(b: &mut Builder, id: Id<model::TargetGroup>) -> (Address, Self) {
        let m = b.m;
        let r = &m.target_groups[id];
        let text = |s: &Option<Sp<String>>| s.as_ref().map(|s| s.value.clone());
        // AWS's default written out is AWS's choice, as if left out.
        let unless = |n: &Option<Sp<u64>>, default: u64| {
            n.as_ref().map(|n| n.value).filter(|n| *n != default)
        };
        let a = attrs::TargetGroup {
            health_check: r.health_check.as_ref().and_then(|h| {
                let group = r.protocol.value.as_str();
                let default_protocol = HealthCheckDefaults::protocol(group);
                let protocol = text(&h.protocol).unwrap_or_else(|| default_protocol.to_string());
                let d = HealthCheckDefaults::of(group, &protocol);
                let default_port = skyplan_spec::schema::default_in(HEALTH_CHECK, "port");
                let default_port = default_port.unwrap_or_default();
                let port = text(&h.port).unwrap_or_else(|| default_port.to_string());
                let check = attrs::HealthCheck {
                    path: text(&h.path).filter(|p| p != HealthCheckDefaults::PATH),
                    interval: unless(&h.interval, d.interval),
                    timeout: unless(&h.timeout, d.timeout),
                    healthy_threshold: unless(&h.healthy_threshold, d.healthy_threshold),
                    unhealthy_threshold: unless(&h.unhealthy_threshold, d.unhealthy_threshold),
                    matcher: text(&h.matcher).filter(|m| m != d.matcher),
                    port,
                    protocol,
                };
                // A check that is AWS's default in every part is AWS's
                // choice, as no `health_check:` at all.
                let default = check.protocol == default_protocol
                    && check.port == default_port
                    && [check.path.is_none(), check.matcher.is_none()] == [true, true]
                    && [
                        check.interval,
                        check.timeout,
                        check.healthy_threshold,
                        check.unhealthy_threshold,
                    ] == [None; 4];
                (!default).then_some(check)
            }),
            deregistration_delay: unless(&r.deregistration_delay, DEFAULT_DEREGISTRATION_DELAY),
            stickiness: r.stickiness.as_ref().map(|s| attrs::Stickiness {
                stickiness_type: s.stickiness_type.value.clone(),
                duration: unless(&s.duration, DEFAULT_COOKIE_DURATION),
                cookie_name: text(&s.cookie_name),
            }),
            port: r.port.value,
            protocol: r.protocol.value.clone(),
            tags: r.common.tags.clone(),
            target_type: text(&r.target_type)
                .unwrap_or_else(|| default_of(Kind::TargetGroup, "target_type")),
            targets: r.targets.iter().map(|t| b.instance(*t)).collect(),
            ip_targets: (r.ip_targets.iter())
                .map(|t| attrs::IpTarget {
                    address: t.written.value.clone(),
                    port: t.port.as_ref().map(|p| p.value),
                    availability_zone: t
                        .address
                        .filter(|a| !m.vpcs[r.vpc.id].blocks().any(|b| b.contains(a)))
                        .map(|_| "all".to_string()),
                })
                .collect(),
            vpc: b.vpc(r.vpc),
        };
        (declared(Kind::TargetGroup, &r.common.name), a)
    }

    /// AWS computes nothing for it but its id.
    fn unknown_after(&self, _: &mut Vec<&'static str>) {}

    fn conflicts(&self, _: &Self) -> bool {
        // Names are unique per region and account: the old one goes first.
        true
    }

    fn create(&mut self, sim: &mut Simulator, new: &mut New) -> Result<Vec<Address>, ApplyError> {
        let name = &new.address.name;
        let region = sim.region_of_vpc(&self.vpc);
        new.id = format!(
            "arn:{}:elasticloadbalancing:{region}:{ACCOUNT}:targetgroup/{name}/{}",
            partition::of(&region),
            &new.digest[..16]
        );
        Ok(vec![])
    }

    updates_configuration_only!();
}
