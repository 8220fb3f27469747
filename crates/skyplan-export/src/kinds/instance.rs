//! `instance`: `AWS::EC2::Instance`, with a launch template of its own for
//! what the instance resource cannot say (the metadata service); its
//! elastic IP through `AWS::EC2::EIPAssociation`. `aws_instance`,
//! `aws_eip_association`, and `aws_ec2_instance_state` for a stopped one.

use super::prelude::*;
use skyplan_spec::InstanceState;

fn tokens(m: &attrs::Metadata) -> &'static str {
    match m.http_tokens {
        attrs::HttpTokens::Required => "required",
        attrs::HttpTokens::Optional => "optional",
    }
}

/// `MetadataOptions` of a launch template.
pub(crate) fn cloudformation_metadata(m: &attrs::Metadata) -> Value {
    Fields::new()
        .with("HttpEndpoint", Value::str("enabled"))
        .with("HttpTokens", Value::str(tokens(m)))
        .with(
            "HttpPutResponseHopLimit",
            Value::Int(i64::from(m.hop_limit)),
        )
        .into_value()
}

/// The `metadata_options` block of an instance or launch template.
pub(crate) fn terraform_metadata(m: &attrs::Metadata) -> Body {
    let mut b = Body::new();
    b.set("http_endpoint", Value::str("enabled"))
        .set("http_tokens", Value::str(tokens(m)))
        .set(
            "http_put_response_hop_limit",
            Value::Int(i64::from(m.hop_limit)),
        );
    b
}

/// The `root_block_device` / `ebs` block of a root volume.
pub(crate) fn terraform_root(r: &attrs::RootVolume, size_key: &str, type_key: &str) -> Body {
    let mut b = Body::new();
    b.maybe(size_key, r.size_gb.map(|s| Value::Int(s as i64)))
        .set(type_key, Value::str(r.volume_type.as_str()))
        .set("encrypted", Value::Bool(r.encrypted))
        .maybe("iops", r.iops.map(|i| Value::Int(i as i64)))
        .maybe("throughput", r.throughput.map(|i| Value::Int(i as i64)));
    b
}

impl ExportKind for attrs::Instance {
    const TERRAFORM: &'static str = "aws_instance";

    fn cloudformation(&self, address: &Address, t: &mut Template, index: &Index) {
        let template = Fields::new()
            .with(
                "LaunchTemplateData",
                Fields::new()
                    .with("MetadataOptions", cloudformation_metadata(&self.metadata))
                    .into_value(),
            )
            .with(
                "TagSpecifications",
                Template::launch_template_tags(address, &self.tags),
            );
        let settings = t.extra_id(address, "Settings");
        t.extra(address, "Settings", "AWS::EC2::LaunchTemplate", template);
        let mut p = Fields::new();
        p.set("ImageId", Value::str(&self.ami))
            .set("InstanceType", Value::str(&self.instance_type));
        let groups = Value::ids(&self.security_groups);
        if self.public_ip {
            // Only an interface of its own can ask for a public address.
            let mut eni = Fields::new();
            eni.set("DeviceIndex", Value::str("0"))
                .set("SubnetId", Value::Id(self.subnet.clone()))
                .set("GroupSet", groups)
                .set("AssociatePublicIpAddress", Value::Bool(true));
            eni.maybe(
                "PrivateIpAddress",
                self.private_ip.map(|ip| Value::str(ip.to_string())),
            );
            p.set("NetworkInterfaces", Value::List(vec![eni.into_value()]));
        } else {
            p.set("SubnetId", Value::Id(self.subnet.clone()))
                .set("SecurityGroupIds", groups);
            p.maybe(
                "PrivateIpAddress",
                self.private_ip.map(|ip| Value::str(ip.to_string())),
            );
        }
        p.set(
            "LaunchTemplate",
            Fields::new()
                .with("LaunchTemplateId", Value::Logical(settings.clone(), None))
                .with(
                    "Version",
                    Value::Logical(settings, Some("LatestVersionNumber")),
                )
                .into_value(),
        );
        p.set("SourceDestCheck", Value::Bool(self.source_dest_check));
        p.maybe(
            "IamInstanceProfile",
            self.iam_instance_profile.as_deref().map(Value::str),
        );
        p.maybe("KeyName", self.key_name.as_deref().map(Value::str));
        p.maybe(
            "UserData",
            (self.user_data.as_deref())
                .map(|u| Value::Intrinsic("Base64", Box::new(Value::str(u)))),
        );
        if self.hibernation {
            p.set(
                "HibernationOptions",
                Fields::new()
                    .with("Configured", Value::Bool(true))
                    .into_value(),
            );
        }
        p.set("Tags", Template::tags(address, &self.tags));
        t.main(address, "AWS::EC2::Instance", p);
        if self.root_volume.is_some() {
            t.note(
                address,
                "its root volume settings are not in the template: CloudFormation's block device mapping needs the AMI's root device name; set them in its launch template",
            );
        }
        if self.state != InstanceState::Running {
            t.note(
                address,
                format!(
                    "CloudFormation cannot leave an instance {}: it is created running",
                    self.state.as_str()
                ),
            );
        }
        if let Some(eip) = &self.elastic_ip {
            let p = Fields::new()
                .with(
                    "AllocationId",
                    Value::Attr {
                        of: eip.clone(),
                        cloudformation: "AllocationId",
                        terraform: "allocation_id",
                    },
                )
                .with("InstanceId", Value::Id(address.clone()));
            let gateway = index
                .subnet_of_instance(address)
                .and_then(|s| index.gateway_of_subnet(s));
            let attachment = super::internet_gateway::attachment_of(t, gateway);
            let r = t.extra(address, "ElasticIp", "AWS::EC2::EIPAssociation", p);
            if let Some(a) = attachment {
                r.depends_on(a);
            }
        }
    }

    fn terraform(&self, address: &Address, c: &mut Configuration, index: &Index) -> Body {
        let mut b = Body::new();
        b.set("ami", Value::str(&self.ami))
            .set("instance_type", Value::str(&self.instance_type))
            .set("subnet_id", Value::Id(self.subnet.clone()))
            .set("vpc_security_group_ids", Value::ids(&self.security_groups))
            .maybe(
                "private_ip",
                self.private_ip.map(|ip| Value::str(ip.to_string())),
            )
            .set("associate_public_ip_address", Value::Bool(self.public_ip))
            .set("source_dest_check", Value::Bool(self.source_dest_check))
            .maybe(
                "iam_instance_profile",
                self.iam_instance_profile.as_deref().map(Value::str),
            )
            .maybe("key_name", self.key_name.as_deref().map(Value::str))
            .maybe("user_data", self.user_data.as_deref().map(Value::str));
        if self.hibernation {
            b.set("hibernation", Value::Bool(true));
        }
        b.set("tags", super::terraform_tags(address, &self.tags));
        b.block("metadata_options", terraform_metadata(&self.metadata));
        if let Some(root) = &self.root_volume {
            b.block(
                "root_block_device",
                terraform_root(root, "volume_size", "volume_type"),
            );
        }
        let role = address.index.map_or_else(String::new, |i| format!("{i}_"));
        if let Some(eip) = &self.elastic_ip {
            let mut a = Body::new();
            a.set("instance_id", Value::Id(address.clone()))
                .set("allocation_id", Value::Id(eip.clone()));
            let gateway = index
                .subnet_of_instance(address)
                .and_then(|s| index.gateway_of_subnet(s));
            if let Some(g) = gateway {
                a.set(
                    "depends_on",
                    Value::List(vec![Value::Expression(c.reference(g))]),
                );
            }
            c.extra(
                address,
                "aws_eip_association",
                &format!("{role}elastic_ip"),
                a,
            );
        }
        if self.state != InstanceState::Running {
            let mut s = Body::new();
            s.set("instance_id", Value::Id(address.clone()))
                .set("state", Value::str("stopped"));
            if self.state == InstanceState::Hibernated {
                c.note(address, "Terraform stops it; hibernating it is left to you");
            }
            c.extra(
                address,
                "aws_ec2_instance_state",
                &format!("{role}state"),
                s,
            );
        }
        b
    }
}
