//! EB001-EB006: EBS volumes.

use std::collections::HashMap;

use skyplan_diagnostics::{Diagnostic, Rule, Span};
use skyplan_facts::ebs::{VolumeLimits, volume_limits};
use skyplan_model::{InstanceId, Volume};
use skyplan_spec::{Sp, VolumeType};

use crate::Checker;

pub(crate) fn check(c: &mut Checker) {
    let m = c.model;
    let volumes = m.volumes.iter().map(|v| Ebs {
        address: &v.common.address,
        volume_type: v.volume_type.clone(),
        size_gb: Some(&v.size_gb),
        iops: v.iops.as_ref(),
        throughput: v.throughput.as_ref(),
    });
    // An instance's root volume takes the same checks; its size is the
    // AMI's when the spec gives none.
    let settings = m
        .instance_groups
        .iter()
        .map(|g| (&g.common, g.root_volume.as_deref()))
        .chain(
            m.launch_templates
                .iter()
                .map(|t| (&t.common, t.root_volume.as_ref())),
        );
    let roots = settings.filter_map(|(common, root)| {
        let r = root?;
        Some(Ebs {
            address: &common.address,
            volume_type: r
                .volume_type
                .clone()
                .unwrap_or_else(|| Sp::new(VolumeType::Gp3, r.span)),
            size_gb: r.size_gb.as_ref(),
            iops: r.iops.as_ref(),
            throughput: r.throughput.as_ref(),
        })
    });
    for v in volumes.chain(roots) {
        let limits = volume_limits(v.volume_type.value);
        size(c, &v, limits);
        iops(c, &v, limits);
        throughput(c, &v, limits);
    }
    attachments(c);
}

/// What the EBS checks read of a volume or of an instance's root volume.
struct Ebs<'m> {
    address: &'m str,
    volume_type: Sp<VolumeType>,
    /// `None`: a root volume of the AMI's size.
    size_gb: Option<&'m Sp<u64>>,
    iops: Option<&'m Sp<u64>>,
    throughput: Option<&'m Sp<u64>>,
}

fn size(c: &mut Checker, v: &Ebs, limits: VolumeLimits) {
    let Some(size) = v.size_gb else { return };
    let t = v.volume_type.value.as_str();
    let (lo, hi) = (limits.min_gib, limits.max_gib);
    let gb = size.value;
    if !(lo..=hi).contains(&gb) {
        c.push(
            Diagnostic::new(
                Rule::VolumeSizeRange,
                format!("{} is {gb} GiB; {t} volumes take {lo}-{hi} GiB", v.address),
            )
            .resource(v.address)
            .at(size.span, format!("outside {lo}-{hi}"))
            .help("use a size in range, or another type"),
        );
    }
}

fn iops(c: &mut Checker, v: &Ebs, limits: VolumeLimits) {
    let t = v.volume_type.value.as_str();
    let address = v.address;
    match (limits.iops, v.iops) {
        (None, Some(iops)) => c.push(
            Diagnostic::new(Rule::VolumeIops, format!("{t} volumes take no `iops`"))
                .resource(address)
                .at(iops.span, "iops on a type without provisioned IOPS")
                .help("use gp3, io1 or io2, or remove `iops`"),
        ),
        (Some(_), None) if limits.iops_required => c.push(
            Diagnostic::new(
                Rule::VolumeIops,
                format!("{address} is {t} and needs `iops`"),
            )
            .resource(address)
            .at(v.volume_type.span, "provisioned IOPS type without iops")
            .help("add `iops:`"),
        ),
        (Some(range), Some(iops)) => {
            let n = iops.value;
            let (lo, hi, per_gib) = (range.min, range.max, range.per_gib);
            let gb = v.size_gb.map(|s| s.value);
            let cap = gb.map(|gb| per_gib.saturating_mul(gb));
            let problem = if !(lo..=hi).contains(&n) {
                Some(format!("{t} takes {lo}-{hi} IOPS, not {n}"))
            } else if let (Some(gb), Some(cap)) = (gb, cap)
                && n > cap
                && n > range.baseline
            {
                Some(format!(
                    "{t} allows at most {per_gib} IOPS per GiB: {gb} GiB allows {cap}, not {n}"
                ))
            } else {
                None
            };
            if let Some(problem) = problem {
                c.push(
                    Diagnostic::new(Rule::VolumeIops, format!("{address}: {problem}"))
                        .resource(address)
                        .at(iops.span, "IOPS out of range")
                        .help("lower the IOPS or grow the volume"),
                );
            }
        }
        _ => {}
    }
}

fn throughput(c: &mut Checker, v: &Ebs, limits: VolumeLimits) {
    let Some(tp) = v.throughput else { return };
    let t = v.volume_type.value.as_str();
    // Provisioned IOPS, or the type's baseline when none are given.
    let iops = v
        .iops
        .map(|i| i.value)
        .or(limits.iops.map(|i| i.baseline))
        .unwrap_or(0);
    let problem = match limits.throughput {
        None => Some(format!("only gp3 takes `throughput`, not {t}")),
        Some(range) if !(range.min..=range.max).contains(&tp.value) => Some(format!(
            "{t} throughput is {}-{} MiB/s, not {}",
            range.min, range.max, tp.value
        )),
        Some(range) if tp.value * 1000 > iops * range.mib_per_1000_iops => Some(format!(
            "{} MiB/s needs at least {} IOPS ({t} allows {} MiB/s per 1,000 IOPS; it has {iops})",
            tp.value,
            (tp.value * 1000).div_ceil(range.mib_per_1000_iops),
            range.mib_per_1000_iops
        )),
        Some(_) => None,
    };
    if let Some(problem) = problem {
        c.push(
            Diagnostic::new(Rule::VolumeThroughput, format!("{}: {problem}", v.address))
                .resource(v.address)
                .at(tp.span, "invalid throughput")
                .help("use gp3 with 125-2000 MiB/s, or remove `throughput`"),
        );
    }
}

/// The slot a data-volume device name takes (`f` for both `/dev/sdf` and
/// `/dev/xvdf`, `ba` for `/dev/xvdba`), or `None` when AWS does not accept
/// the name for a data volume.
fn device_slot(device: &str) -> Option<&str> {
    let letter = |b: u8| (b'b'..=b'z').contains(&b);
    if let Some(slot) = device.strip_prefix("/dev/xvd") {
        return match slot.as_bytes() {
            [a] if letter(*a) => Some(slot),
            [a, b] if matches!(a, b'b' | b'c') && b.is_ascii_lowercase() => Some(slot),
            _ => None,
        };
    }
    let slot = device.strip_prefix("/dev/sd")?;
    match slot.as_bytes() {
        [a] if letter(*a) => Some(slot),
        _ => None,
    }
}

fn attachments(c: &mut Checker) {
    let m = c.model;
    let mut devices: HashMap<(InstanceId, &str), (&str, Span)> = HashMap::new();
    let mut per_instance: HashMap<InstanceId, Vec<&Volume>> = HashMap::new();
    for v in &m.volumes {
        let Some(a) = &v.attach else { continue };
        let instance = &m.instances[a.instance.id];
        let subnet = &m.subnets[instance.subnet.id];
        if subnet.az.value != v.az.value {
            c.push(
                Diagnostic::new(
                    Rule::VolumeAzMismatch,
                    format!("{} is in {} but {} is in {}", v.common.address, v.az.value, instance.address, subnet.az.value),
                )
                .detail("EBS volumes attach only to instances in their own AZ (InvalidVolume.ZoneMismatch)")
                .resource(&v.common.address)
                .resource(&instance.address)
                .at(v.az.span, "another AZ than the instance")
                .related(a.instance.span, "the instance")
                .help(format!("use `az: {}`", subnet.az.value)),
            );
        }
        let slot = device_slot(&a.device.value);
        if slot.is_none() {
            c.push(
                Diagnostic::new(
                    Rule::VolumeDeviceName,
                    format!("{} attaches at `{}`, which AWS does not accept for a data volume", v.common.address, a.device.value),
                )
                .detail(if matches!(a.device.value.as_str(), "/dev/sda1" | "/dev/xvda" | "/dev/sda") {
                    "that device belongs to the root volume (InvalidParameterValue)"
                } else {
                    "data volumes attach at /dev/sd[b-z], /dev/xvd[b-z] or /dev/xvd[b-c][a-z] (InvalidParameterValue)"
                })
                .resource(&v.common.address)
                .at(a.device.span, "invalid device name")
                .help("use /dev/sdf to /dev/sdp, AWS's recommended range"),
            );
        }
        // `/dev/sdf` and `/dev/xvdf` are one slot.
        let key = (a.instance.id, slot.unwrap_or(a.device.value.as_str()));
        match devices.get(&key) {
            Some((other, span)) => c.push(
                Diagnostic::new(
                    Rule::VolumeDeviceConflict,
                    format!(
                        "{} and {other} are both attached to {} at {}",
                        v.common.address, instance.address, a.device.value
                    ),
                )
                .detail("AWS refuses the second attachment: the device name is in use")
                .resource(&v.common.address)
                .resource(*other)
                .resource(&instance.address)
                .at(a.device.span, "device already used")
                .related(*span, "first attachment")
                .help("use another device name"),
            ),
            None => {
                devices.insert(key, (&v.common.address, a.device.span));
            }
        }
        per_instance.entry(a.instance.id).or_default().push(v);
    }
    let mut instances: Vec<_> = per_instance.into_iter().collect();
    instances.sort_by_key(|(i, _)| *i);
    for (i, volumes) in instances {
        let instance = &m.instances[i];
        let group = &m.instance_groups[instance.group];
        let Some(t) = c.facts.instance_type(&group.instance_type.value) else {
            continue;
        };
        // The root volume takes one attachment too.
        let total = volumes.len() + 1;
        if t.max_ebs_attachments > 0 && total > t.max_ebs_attachments as usize {
            let over = volumes[t.max_ebs_attachments as usize - 1];
            c.push(
                Diagnostic::new(
                    Rule::VolumeAttachmentLimit,
                    format!(
                        "{} has {total} EBS attachments (with the root volume); {} allows {}",
                        instance.address, t.name, t.max_ebs_attachments
                    ),
                )
                .resource(&over.common.address)
                .resource(&instance.address)
                .resources(volumes.iter().map(|v| v.common.address.clone()))
                .at(
                    over.attach
                        .as_ref()
                        .map_or(over.common.name.span, |a| a.instance.span),
                    "over the limit",
                )
                .help("use fewer, larger volumes or a larger instance type"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::device_slot;

    #[test]
    fn device_names_map_to_slots() {
        assert_eq!(device_slot("/dev/sdf"), Some("f"));
        assert_eq!(device_slot("/dev/xvdf"), Some("f"));
        assert_eq!(device_slot("/dev/xvdba"), Some("ba"));
        for bad in [
            "/dev/sda1",
            "/dev/xvda",
            "/dev/sda",
            "/dev/xvdda",
            "/dev/nvme1n1",
            "sdf",
        ] {
            assert_eq!(device_slot(bad), None, "{bad}");
        }
    }
}
