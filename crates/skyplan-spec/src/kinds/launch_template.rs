//! `launch_template`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::instance::{METADATA, ROOT_VOLUME, iam_instance_profile, metadata, root_volume};
use super::prelude::*;

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::LaunchTemplate,
    doc: "A launch template: the instance settings an auto scaling group launches with. A change is a new version, used by instances launched after it.",
    id_prefix: "lt",
    attributes: &[
        required(attr(
            "ami",
            AttrType::String,
            "`ami-` and 8 or 17 lowercase hex digits.",
        )),
        required(attr(
            "type",
            AttrType::String,
            "Instance type, offered in every AZ of the groups that use it.",
        )),
        attr(
            "security_groups",
            AttrType::References(Kind::SecurityGroup),
            "At most 5 groups, of the VPC of the groups that use it.",
        ),
        attr("key_name", AttrType::String, "SSH key pair name."),
        attr(
            "user_data",
            AttrType::String,
            "Start-up script, at most 16 KiB.",
        ),
        attr(
            "metadata",
            AttrType::Object(METADATA),
            "The instance metadata service, as for instances.",
        ),
        attr(
            "root_volume",
            AttrType::Object(ROOT_VOLUME),
            "The boot volume, as for instances.",
        ),
        attr(
            "iam_instance_profile",
            AttrType::String,
            "The name of an IAM instance profile.",
        ),
    ],
    computed: &[],
};

/// A launch template (see `LAUNCH_TEMPLATE`).
#[derive(Debug, Clone, PartialEq)]
pub struct LaunchTemplateSpec {
    pub ami: Sp<String>,
    pub instance_type: Sp<String>,
    pub security_groups: Vec<Sp<String>>,
    pub key_name: Option<Sp<String>>,
    pub user_data: Option<Sp<String>>,
    pub metadata: Option<MetadataSpec>,
    pub root_volume: Option<RootVolumeSpec>,
    pub iam_instance_profile: Option<Sp<String>>,
}

pub(crate) fn decode(d: &mut Decoder, f: &Fields) -> Option<LaunchTemplateSpec> {
    let ami = f.req_str(d, "ami");
    let instance_type = f.req_str(d, "type");
    Some(LaunchTemplateSpec {
        security_groups: f.names(d, "security_groups"),
        key_name: f.str(d, "key_name"),
        user_data: f.str(d, "user_data"),
        metadata: f.node("metadata").and_then(|node| metadata(d, node)),
        root_volume: f.node("root_volume").and_then(|node| root_volume(d, node)),
        iam_instance_profile: iam_instance_profile(d, f),
        ami: ami?,
        instance_type: instance_type?,
    })
}
