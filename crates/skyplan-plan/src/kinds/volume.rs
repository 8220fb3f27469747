//! `volume`: what the plan wants of it and what it knows before apply.

use super::prelude::*;

impl PlanKind for attrs::Volume {
    type Node = model::Volume;

    fn desired(b: &mut Builder, id: Id<model::Volume>) -> (Address, Self) {
        let m = b.m;
        let r = &m.volumes[id];
        let attach = r.attach.as_ref().map(|a| attrs::Attachment {
            device: a.device.value.clone(),
            instance: b.instance(a.instance),
        });
        let a = attrs::Volume {
            attach,
            az: r.az.value.clone(),
            iops: r.iops.as_ref().map(|i| i.value),
            size_gb: r.size_gb.value,
            tags: r.common.tags.clone(),
            throughput: r.throughput.as_ref().map(|t| t.value),
            volume_type: r.volume_type.value,
        };
        (declared(Kind::Volume, &r.common.name), a)
    }

    computes_nothing!();

    conflicts_with_nothing!();
}
