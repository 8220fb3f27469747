//! `volume`: `AWS::EC2::Volume` and its `AWS::EC2::VolumeAttachment`;
//! `aws_ebs_volume` and `aws_volume_attachment`.

use super::prelude::*;

impl ExportKind for attrs::Volume {
    const TERRAFORM: &'static str = "aws_ebs_volume";

    fn cloudformation(&self, address: &Address, t: &mut Template, _: &Index) {
        let mut p = Fields::new();
        p.set("AvailabilityZone", Value::str(&self.az))
            .set("Size", Value::Int(self.size_gb as i64))
            .set("VolumeType", Value::str(self.volume_type.as_str()))
            .maybe("Iops", self.iops.map(|i| Value::Int(i as i64)))
            .maybe("Throughput", self.throughput.map(|i| Value::Int(i as i64)))
            .set("Tags", Template::tags(address, &self.tags));
        t.main(address, "AWS::EC2::Volume", p);
        if let Some(attach) = &self.attach {
            let p = Fields::new()
                .with("InstanceId", Value::Id(attach.instance.clone()))
                .with("VolumeId", Value::Id(address.clone()))
                .with("Device", Value::str(&attach.device));
            t.extra(address, "Attachment", "AWS::EC2::VolumeAttachment", p);
        }
    }

    fn terraform(&self, address: &Address, c: &mut Configuration, _: &Index) -> Body {
        let mut b = Body::new();
        b.set("availability_zone", Value::str(&self.az))
            .set("size", Value::Int(self.size_gb as i64))
            .set("type", Value::str(self.volume_type.as_str()))
            .maybe("iops", self.iops.map(|i| Value::Int(i as i64)))
            .maybe("throughput", self.throughput.map(|i| Value::Int(i as i64)))
            .set("tags", super::terraform_tags(address, &self.tags));
        if let Some(attach) = &self.attach {
            let mut a = Body::new();
            a.set("device_name", Value::str(&attach.device))
                .set("volume_id", Value::Id(address.clone()))
                .set("instance_id", Value::Id(attach.instance.clone()));
            c.extra(address, "aws_volume_attachment", "attachment", a);
        }
        b
    }
}
