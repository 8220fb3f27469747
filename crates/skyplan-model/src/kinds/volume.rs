//! `volume`: the resolved kind, its resolver and its graph edges.

use super::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub struct Attachment {
    pub instance: Ref<Instance>,
    pub device: Sp<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Volume {
    pub common: Common,
    pub az: Sp<String>,
    pub size_gb: Sp<u64>,
    pub volume_type: Sp<VolumeType>,
    pub volume_type_written: bool,
    pub iops: Option<Sp<u64>>,
    pub throughput: Option<Sp<u64>>,
    pub attach: Option<Attachment>,
}

impl Resolver<'_> {
    pub(crate) fn volumes(&mut self, m: &mut Model, decls: Vec<Decl<VolumeSpec>>) {
        for d in decls {
            let Some(a) = d.attrs else { continue };
            let common = self.common(Kind::Volume, d.name, &d.tags);
            let from = common.address.clone();
            let attach = match a.attach {
                Some(at) => match self.lookup_instance(m, &at.instance, "instance", &from) {
                    Some(instance) => Some(Attachment {
                        instance,
                        device: at.device,
                    }),
                    None => continue,
                },
                None => None,
            };
            self.register(Kind::Volume, &common, m.volumes.len());
            let volume_type_written = a.volume_type.is_some();
            m.volumes.push(Volume {
                volume_type: a
                    .volume_type
                    .unwrap_or_else(|| Sp::new(VolumeType::Gp3, common.name.span)),
                common,
                az: a.az,
                size_gb: a.size_gb,
                volume_type_written,
                iops: a.iops,
                throughput: a.throughput,
                attach,
            });
        }
    }
}

takes_nothing!(Volume);

/// Its references, one edge each.
pub(crate) fn edges(m: &Model, g: &mut DependencyGraph) {
    for (i, r) in m.volumes.iter().enumerate() {
        if let Some(a) = &r.attach {
            depends(g, node(Kind::Volume, i), a.instance, "attach.instance");
        }
    }
}
