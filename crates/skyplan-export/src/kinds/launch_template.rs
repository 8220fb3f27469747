//! `launch_template`: `AWS::EC2::LaunchTemplate`; `aws_launch_template`.

use super::instance::{cloudformation_metadata, terraform_metadata};
use super::prelude::*;

impl ExportKind for attrs::LaunchTemplate {
    const TERRAFORM: &'static str = "aws_launch_template";

    fn cloudformation(&self, address: &Address, t: &mut Template, _: &Index) {
        let mut data = Fields::new();
        data.set("ImageId", Value::str(&self.ami))
            .set("InstanceType", Value::str(&self.instance_type))
            .set("SecurityGroupIds", Value::ids(&self.security_groups))
            .set("MetadataOptions", cloudformation_metadata(&self.metadata));
        data.maybe(
            "IamInstanceProfile",
            (self.iam_instance_profile.as_deref())
                .map(|n| Fields::new().with("Name", Value::str(n)).into_value()),
        );
        data.maybe("KeyName", self.key_name.as_deref().map(Value::str));
        data.maybe(
            "UserData",
            (self.user_data.as_deref())
                .map(|u| Value::Intrinsic("Base64", Box::new(Value::str(u)))),
        );
        // The resource's name is its AWS name, as for load balancers.
        let p = Fields::new()
            .with("LaunchTemplateName", Value::str(address.name.as_str()))
            .with("LaunchTemplateData", data.into_value())
            .with(
                "TagSpecifications",
                Template::launch_template_tags(address, &self.tags),
            );
        t.main(address, "AWS::EC2::LaunchTemplate", p);
        if self.root_volume.is_some() {
            t.note(
                address,
                "its root volume settings are not in the template: a block device mapping needs the AMI's root device name",
            );
        }
    }

    fn terraform(&self, address: &Address, c: &mut Configuration, _: &Index) -> Body {
        let mut b = Body::new();
        b.set("name", Value::str(address.name.as_str()))
            .set("image_id", Value::str(&self.ami))
            .set("instance_type", Value::str(&self.instance_type))
            .set("vpc_security_group_ids", Value::ids(&self.security_groups))
            .maybe("key_name", self.key_name.as_deref().map(Value::str))
            .maybe(
                "user_data",
                (self.user_data.as_deref()).map(|u| {
                    Value::Expression(format!("base64encode({})", crate::terraform::quoted(u)))
                }),
            )
            .set("tags", super::terraform_tags(address, &self.tags));
        b.block("metadata_options", terraform_metadata(&self.metadata));
        if let Some(profile) = &self.iam_instance_profile {
            let mut p = Body::new();
            p.set("name", Value::str(profile));
            b.block("iam_instance_profile", p);
        }
        if self.root_volume.is_some() {
            c.note(
                address,
                "its root volume settings are not written: a block device mapping needs the AMI's root device name",
            );
        }
        b
    }
}
