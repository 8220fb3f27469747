//! `volume`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

pub const ATTACH: &[Attr] = &[
    required(attr(
        "instance",
        AttrType::InstanceCopy,
        "The instance (one copy of one with `count`), in the volume's AZ.",
    )),
    required(attr(
        "device",
        AttrType::String,
        "Device name: `/dev/sd[b-z]`, `/dev/xvd[b-z]` or `/dev/xvd[b-c][a-z]`.",
    )),
];

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::Volume,
    doc: "An EBS volume, optionally attached to an instance in its AZ.",
    id_prefix: "vol",
    attributes: &[
        force_new(required(attr("az", AttrType::String, "Availability zone."))),
        required(attr(
            "size_gb",
            AttrType::Integer {
                min: 1,
                max: 65_536,
            },
            "Size in GiB, within the type's range; it can only grow.",
        )),
        default(
            attr("type", AttrType::Choice(VolumeType::WORDS), "Volume type."),
            "gp3",
        ),
        attr(
            "iops",
            AttrType::Integer {
                min: 0,
                max: 256_000,
            },
            "Provisioned IOPS (gp3, io1, io2).",
        ),
        attr(
            "throughput",
            AttrType::Integer { min: 0, max: 2_000 },
            "Provisioned throughput in MiB/s (gp3).",
        ),
        attr(
            "attach",
            AttrType::Object(ATTACH),
            "Attachment: `{instance, device}`.",
        ),
    ],
    computed: &[],
};

#[derive(Debug, Clone, PartialEq)]
pub struct AttachSpec {
    pub instance: Sp<String>,
    pub device: Sp<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct VolumeSpec {
    pub az: Sp<String>,
    pub size_gb: Sp<u64>,
    /// `gp2`, `gp3`, `io1`, `io2`, `st1`, `sc1` or `standard`.
    pub volume_type: Option<Sp<VolumeType>>,
    pub iops: Option<Sp<u64>>,
    pub throughput: Option<Sp<u64>>,
    pub attach: Option<AttachSpec>,
}

pub(crate) fn decode(d: &mut Decoder, f: &Fields) -> Option<VolumeSpec> {
    let az = f.req_str(d, "az");
    let size_gb = f.req_uint(d, "size_gb");
    let volume_type = word(d, f, "type");
    let iops = f.uint(d, "iops");
    let throughput = f.uint(d, "throughput");
    let attach = f.node("attach").and_then(|node| {
        let span = d.span(node);
        let a = d.fields(node, &keys_of(ATTACH), "attach", span)?;
        let (instance, device) = (a.req_name(d, "instance"), a.req_str(d, "device"));
        Some(AttachSpec {
            instance: instance?,
            device: device?,
        })
    });
    Some(VolumeSpec {
        az: az?,
        size_gb: size_gb?,
        volume_type,
        iops,
        throughput,
        attach,
    })
}
