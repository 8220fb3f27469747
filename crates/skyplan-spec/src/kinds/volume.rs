//! `volume`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

block! {
    /// Where a volume is attached.
    AttachSpec in pub ATTACH, read attachment as "attach" {
        instance: req_name(InstanceCopy)
            "The instance (one copy of one with `count`), in the volume's AZ.",
        device: req_str(String)
            "Device name: `/dev/sd[b-z]`, `/dev/xvd[b-z]` or `/dev/xvd[b-c][a-z]`.",
    }
}

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::Volume,
    doc: "An EBS volume, optionally attached to an instance in its AZ.",
    id_prefix: "vol",
    attributes: ATTRIBUTES,
    computed: &[],
};

declaration! {
    VolumeSpec {
        az: req_str(String) force_new "Availability zone.",
        size_gb: req_uint(1, 65_536) "Size in GiB, within the type's range; it can only grow.",
        volume_type as "type": word<VolumeType> = "gp3" "Volume type.",
        iops: uint(0, 256_000) "Provisioned IOPS (gp3, io1, io2).",
        throughput: uint(0, 2_000) "Provisioned throughput in MiB/s (gp3).",
        attach: with(attached: Option<AttachSpec>, Object(ATTACH))
            "Attachment: `{instance, device}`.",
    }
}

/// `key:`: the instance and device it is attached as.
fn attached(d: &mut Decoder, f: &Fields, key: &str) -> Option<AttachSpec> {
    attachment(d, f.node(key)?)
}
