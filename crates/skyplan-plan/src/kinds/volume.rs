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

    /// AWS computes nothing for it but its id.
    fn unknown_after(&self, _: &mut Vec<&'static str>) {}

    /// Two of them coexist while one replaces the other.
    fn conflicts(&self, _: &Self) -> bool {
        false
    }

    /// It holds no address and AWS computes nothing for it.
    fn create(&mut self, _: &mut Simulator, _: &mut New) -> Result<Vec<Address>, ApplyError> {
        Ok(Vec::new())
    }

    /// An update changes configuration only.
    fn update(
        &mut self,
        _: &mut Simulator,
        _: &ResourceState,
        _: &Address,
    ) -> Result<Follow, ApplyError> {
        Ok(None)
    }
}
