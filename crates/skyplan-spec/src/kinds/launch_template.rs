//! `launch_template`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::instance::{METADATA, ROOT_VOLUME, iam_instance_profile, metadata, root_volume};
use super::prelude::*;

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::LaunchTemplate,
    doc: "A launch template: the instance settings an auto scaling group launches with. A change is a new version, used by instances launched after it.",
    id_prefix: "lt",
    attributes: ATTRIBUTES,
    computed: &[],
};

declaration! {
    /// A launch template (see `SCHEMA`).
    LaunchTemplateSpec {
        ami: req_str(String) "`ami-` and 8 or 17 lowercase hex digits.",
        instance_type as "type": req_str(String)
            "Instance type, offered in every AZ of the groups that use it.",
        security_groups: names(SecurityGroup)
            "At most 5 groups, of the VPC of the groups that use it.",
        key_name: str(String) "SSH key pair name.",
        user_data: str(String) "Start-up script, at most 16 KiB.",
        metadata: with(metadata: Option<MetadataSpec>, Object(METADATA))
            "The instance metadata service, as for instances.",
        root_volume: with(root_volume: Option<RootVolumeSpec>, Object(ROOT_VOLUME))
            "The boot volume, as for instances.",
        iam_instance_profile: with(iam_instance_profile: Option<Sp<String>>, String)
            "The name of an IAM instance profile.",
    }
}
