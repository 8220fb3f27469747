//! `flow_log`: what the plan wants of it and what it knows before apply.

use super::prelude::*;

impl PlanKind for attrs::FlowLog {
    type Node = model::FlowLog;

    fn desired(b: &mut Builder, id: Id<model::FlowLog>) -> (Address, Self) {
        let m = b.m;
        let r = &m.flow_logs[id];
        let resource = match r.target {
            FlowLogTarget::Vpc(t) => b.vpc(t),
            FlowLogTarget::Subnet(t) => b.subnet(t),
            FlowLogTarget::Instance(t) => b.instance(t),
        };
        let text = |s: &Option<Sp<String>>| s.as_ref().map(|s| s.value.clone());
        let a = attrs::FlowLog {
            destination: attrs::FlowLogDestination {
                cloudwatch_logs: text(&r.destination.cloudwatch_logs),
                role: text(&r.destination.role),
                s3: text(&r.destination.s3),
            },
            max_aggregation_interval: r
                .max_aggregation_interval
                .as_ref()
                .and_then(|i| u16::try_from(i.value).ok())
                .unwrap_or_else(|| default_of(Kind::FlowLog, "max_aggregation_interval")),
            resource,
            tags: r.common.tags.clone(),
            traffic: text(&r.traffic).unwrap_or_else(|| default_of(Kind::FlowLog, "traffic")),
        };
        (declared(Kind::FlowLog, &r.common.name), a)
    }

    computes_nothing!();

    conflicts_with_nothing!();
}
