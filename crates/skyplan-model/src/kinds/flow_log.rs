//! `flow_log`: the resolved kind, its resolver and its graph edges.

use super::prelude::*;

/// What a flow log records.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FlowLogTarget {
    Vpc(Ref<Vpc>),
    Subnet(Ref<Subnet>),
    Instance(Ref<Instance>),
}

/// A VPC flow log.
#[derive(Clone, Debug, PartialEq)]
pub struct FlowLog {
    pub common: Common,
    pub target: FlowLogTarget,
    /// `ALL` (the default), `ACCEPT` or `REJECT`.
    pub traffic: Option<Sp<String>>,
    pub destination: skyplan_spec::FlowLogDestinationSpec,
    pub max_aggregation_interval: Option<Sp<i64>>,
}

impl Resolver<'_> {
    pub(crate) fn flow_logs(&mut self, m: &mut Model, decls: Vec<Decl<FlowLogSpec>>) {
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::FlowLog, d.name, &d.tags);
            let Some(target) = self.flow_log_target(m, &a.resource, &common.address) else {
                continue;
            };
            self.register(Kind::FlowLog, &common, m.flow_logs.len());
            m.flow_logs.push(FlowLog {
                common,
                target,
                traffic: a.traffic,
                destination: a.destination,
                max_aggregation_interval: a.max_aggregation_interval,
            });
        }
    }

    /// `resource:` of a flow log: the address of a VPC, subnet or instance.
    pub(crate) fn flow_log_target(
        &mut self,
        m: &Model,
        text: &Sp<String>,
        from: &str,
    ) -> Option<FlowLogTarget> {
        let (kind, name) = text.value.split_once('.').unwrap_or(("", &text.value));
        let name = Sp::new(name.to_string(), text.span);
        match kind {
            "vpc" => self
                .lookup::<Vpc>(&name, "resource", from)
                .map(FlowLogTarget::Vpc),
            "subnet" => self
                .lookup::<Subnet>(&name, "resource", from)
                .map(FlowLogTarget::Subnet),
            "instance" => self
                .lookup_instance(m, &name, "resource", from)
                .map(FlowLogTarget::Instance),
            _ => {
                self.diagnostics.push(
                    Diagnostic::new(
                        Rule::InvalidValue,
                        format!(
                            "`resource: {}` of {from} is not the address of a VPC, subnet or instance",
                            text.value
                        ),
                    )
                    .resource(from)
                    .at(text.span, "not a VPC, subnet or instance")
                    .help("write `vpc.NAME`, `subnet.NAME` or `instance.NAME`"),
                );
                None
            }
        }
    }
}

takes_nothing!(FlowLog);

/// Its references, one edge each.
pub(crate) fn edges(m: &Model, g: &mut DependencyGraph) {
    for (i, r) in m.flow_logs.iter().enumerate() {
        let me = node(Kind::FlowLog, i);
        match r.target {
            FlowLogTarget::Vpc(t) => depends(g, me, t, "resource"),
            FlowLogTarget::Subnet(t) => depends(g, me, t, "resource"),
            FlowLogTarget::Instance(t) => depends(g, me, t, "resource"),
        }
    }
}
