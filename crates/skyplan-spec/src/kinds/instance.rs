//! `instance`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

block! {
    /// An instance's `metadata:`: the instance metadata service.
    MetadataSpec in pub METADATA, read metadata_settings as "metadata" {
        http_tokens: choice("required", "optional") = "required"
            "`required`: IMDSv2 only (session tokens); `optional` also answers IMDSv1, which SSRF bugs reach (a warning).",
        hop_limit: with(hop_limit: Option<Sp<u8>>, Integer { min: 1, max: 64 }) = "2"
            "How many network hops a metadata response may travel (2 lets containers on the instance reach it).",
    }
}

block! {
    /// An instance's `root_volume:`: its boot EBS volume.
    RootVolumeSpec in pub ROOT_VOLUME, read boot_volume as "root_volume" {
        size_gb: with(gib: Option<Sp<u64>>, Integer { min: 1, max: 65_536 })
            "Size in GiB (the AMI's size when absent), within the type's range.",
        volume_type as "type": word<VolumeType> = "gp3" "Volume type.",
        iops: with(gib: Option<Sp<u64>>, Integer { min: 0, max: 256_000 })
            "Provisioned IOPS (gp3, io1, io2).",
        throughput: with(gib: Option<Sp<u64>>, Integer { min: 0, max: 2_000 })
            "Provisioned throughput in MiB/s (gp3).",
        encrypted: bool = "false" "Encrypt it with the account's EBS key (hibernation needs it).",
    }
}

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::Instance,
    doc: "An EC2 instance, or `count` copies of one (`instance.web[0]`...).",
    id_prefix: "i",
    attributes: ATTRIBUTES,
    computed: &[
        computed("private_ip_address", "Its address in the subnet."),
        computed("public_ip_address", "Its public address, when it has one."),
        computed(
            "ipv6_address",
            "Its IPv6 address, in a subnet with `assign_ipv6_on_creation`.",
        ),
    ],
};

declaration! {
    InstanceSpec {
        subnet: name(Subnet) force_new "Its subnet; give `subnet` or `subnets`.",
        subnets: name_list(Subnet) force_new
            "Subnets for the copies, round-robin (copy i in subnet i mod n).",
        ami: req_str(String) force_new "`ami-` and 8 or 17 lowercase hex digits.",
        instance_type as "type": req_str(String)
            "Instance type (`t3.micro`), offered in the subnet's AZ.",
        security_groups: names(SecurityGroup)
            "At most 5 groups of its VPC; none means the VPC's default group.",
        count: with(copies: Option<Sp<u32>>, Integer { min: 0, max: MAX_COUNT as i64 }) = "1"
            "Copies; 0 declares none.",
        private_ip: str(Ipv4) force_new "Static private address (one copy only).",
        public_ip: bool
            "A public IPv4 address; defaults to the subnet's `public_ip_on_launch`.",
        elastic_ip: name(ElasticIp) "An elastic IP (the VPC needs an internet gateway).",
        key_name: str(String) force_new "SSH key pair name.",
        user_data: str(String) "Start-up script, at most 16 KiB.",
        state: word<InstanceState> = "running"
            "Desired state; `hibernated` needs a type that supports it.",
        hibernation: bool force_new = "false"
            "Enable hibernation at launch. AWS cannot turn it on or off for an instance that exists: a change replaces the instance.",
        source_dest_check: bool = "true"
            "Drop traffic not addressed to the instance. Must be `false` on an instance that routes others' traffic (a route target: a NAT instance, a firewall).",
        metadata: with(metadata: Option<MetadataSpec>, Object(METADATA))
            "The instance metadata service: IMDSv2 only by default.",
        iam_instance_profile: with(iam_instance_profile: Option<Sp<String>>, String)
            "The name of an IAM instance profile (1-128 of letters, digits and `+=,.@_-`).",
        root_volume: with(root_volume: Option<RootVolumeSpec>, Object(ROOT_VOLUME))
            "Its boot volume. Size (only up), type, IOPS and throughput change in place; AWS cannot change `encrypted` of a volume that exists.",
    }
}

impl InstanceSpec {
    /// A broken instance's launch settings, still checked as written.
    pub(crate) fn keeps_written(self, address: &str, written: &mut Vec<WrittenLaunch>) {
        written.push(WrittenLaunch {
            address: address.to_string(),
            ami: self.ami,
            instance_type: self.instance_type,
        });
    }
}

/// `key:`: how many copies (`count: 0` declares none, how Terraform users
/// switch a resource off).
fn copies(d: &mut Decoder, f: &Fields, key: &str) -> Option<Sp<u32>> {
    let c = f.uint(d, key)?;
    if (0..=MAX_COUNT).contains(&c.value) {
        return Some(Sp::new(c.value as u32, c.span));
    }
    d.report(
        Diagnostic::new(
            Rule::InvalidValue,
            format!("`{key}` must be from 0 to {MAX_COUNT}, not {}", c.value),
        )
        .at(c.span, "out of range"),
    );
    None
}

/// `key:`: the boot volume.
pub(crate) fn root_volume(d: &mut Decoder, f: &Fields, key: &str) -> Option<RootVolumeSpec> {
    boot_volume(d, f.node(key)?)
}

/// `key:` of a root volume: a whole number in its table's range.
fn gib(d: &mut Decoder, f: &Fields, key: &str) -> Option<Sp<u64>> {
    f.ranged(d, key, ROOT_VOLUME)
        .map(|v| Sp::new(v.value.unsigned_abs(), v.span))
}

/// `key:` (`iam_instance_profile`): a profile name (not an ARN).
pub(crate) fn iam_instance_profile(d: &mut Decoder, f: &Fields, key: &str) -> Option<Sp<String>> {
    f.str(d, key).and_then(|p| {
        let ok = (1..=128).contains(&p.value.len())
            && p.value
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+=,.@_-".contains(c));
        if ok {
            return Some(p);
        }
        d.report(
            Diagnostic::new(
                Rule::InvalidValue,
                format!(
                    "`{}` is not an instance profile name",
                    p.value.chars().take(64).collect::<String>()
                ),
            )
            .at(p.span, "not a profile name")
            .help("IAM names are 1-128 letters, digits and `+=,.@_-` (the name, not the ARN)"),
        );
        None
    })
}

/// `key:`: the instance metadata service's settings.
pub(crate) fn metadata(d: &mut Decoder, f: &Fields, key: &str) -> Option<MetadataSpec> {
    metadata_settings(d, f.node(key)?)
}

/// `key:` of `metadata`: 1 to 64 hops.
fn hop_limit(d: &mut Decoder, f: &Fields, key: &str) -> Option<Sp<u8>> {
    let h = f.int(d, key)?;
    match u8::try_from(h.value) {
        Ok(v) if (1..=64).contains(&v) => Some(Sp::new(v, h.span)),
        _ => {
            d.report(
                Diagnostic::new(
                    Rule::InvalidValue,
                    format!("`{key}` must be from 1 to 64, not {}", h.value),
                )
                .at(h.span, "out of range"),
            );
            None
        }
    }
}
