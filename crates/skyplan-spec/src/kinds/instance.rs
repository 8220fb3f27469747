//! `instance`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

/// An instance's `metadata`: how its instance metadata service answers.
pub const METADATA: &[Attr] = &[
    default(
        attr(
            "http_tokens",
            AttrType::Choice(&["required", "optional"]),
            "`required`: IMDSv2 only (session tokens); `optional` also answers IMDSv1, which SSRF bugs reach (a warning).",
        ),
        "required",
    ),
    default(
        attr(
            "hop_limit",
            AttrType::Integer { min: 1, max: 64 },
            "How many network hops a metadata response may travel (2 lets containers on the instance reach it).",
        ),
        "2",
    ),
];

/// An instance's `root_volume`: its boot EBS volume.
pub const ROOT_VOLUME: &[Attr] = &[
    attr(
        "size_gb",
        AttrType::Integer {
            min: 1,
            max: 65_536,
        },
        "Size in GiB (the AMI's size when absent), within the type's range.",
    ),
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
    default(
        attr(
            "encrypted",
            AttrType::Bool,
            "Encrypt it with the account's EBS key (hibernation needs it).",
        ),
        "false",
    ),
];

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::Instance,
    doc: "An EC2 instance, or `count` copies of one (`instance.web[0]`...).",
    id_prefix: "i",
    attributes: &[
        force_new(attr(
            "subnet",
            AttrType::Reference(Kind::Subnet),
            "Its subnet; give `subnet` or `subnets`.",
        )),
        force_new(attr(
            "subnets",
            AttrType::References(Kind::Subnet),
            "Subnets for the copies, round-robin (copy i in subnet i mod n).",
        )),
        force_new(required(attr(
            "ami",
            AttrType::String,
            "`ami-` and 8 or 17 lowercase hex digits.",
        ))),
        required(attr(
            "type",
            AttrType::String,
            "Instance type (`t3.micro`), offered in the subnet's AZ.",
        )),
        attr(
            "security_groups",
            AttrType::References(Kind::SecurityGroup),
            "At most 5 groups of its VPC; none means the VPC's default group.",
        ),
        default(
            attr(
                "count",
                AttrType::Integer {
                    min: 0,
                    max: MAX_COUNT as i64,
                },
                "Copies; 0 declares none.",
            ),
            "1",
        ),
        force_new(attr(
            "private_ip",
            AttrType::Ipv4,
            "Static private address (one copy only).",
        )),
        attr(
            "public_ip",
            AttrType::Bool,
            "A public IPv4 address; defaults to the subnet's `public_ip_on_launch`.",
        ),
        attr(
            "elastic_ip",
            AttrType::Reference(Kind::ElasticIp),
            "An elastic IP (the VPC needs an internet gateway).",
        ),
        force_new(attr("key_name", AttrType::String, "SSH key pair name.")),
        attr(
            "user_data",
            AttrType::String,
            "Start-up script, at most 16 KiB.",
        ),
        default(
            attr(
                "state",
                AttrType::Choice(InstanceState::WORDS),
                "Desired state; `hibernated` needs a type that supports it.",
            ),
            "running",
        ),
        force_new(default(
            attr(
                "hibernation",
                AttrType::Bool,
                "Enable hibernation at launch. AWS cannot turn it on or off for an instance that exists: a change replaces the instance.",
            ),
            "false",
        )),
        default(
            attr(
                "source_dest_check",
                AttrType::Bool,
                "Drop traffic not addressed to the instance. Must be `false` on an instance that routes others' traffic (a route target: a NAT instance, a firewall).",
            ),
            "true",
        ),
        attr(
            "metadata",
            AttrType::Object(METADATA),
            "The instance metadata service: IMDSv2 only by default.",
        ),
        attr(
            "iam_instance_profile",
            AttrType::String,
            "The name of an IAM instance profile (1-128 of letters, digits and `+=,.@_-`).",
        ),
        attr(
            "root_volume",
            AttrType::Object(ROOT_VOLUME),
            "Its boot volume. Size (only up), type, IOPS and throughput change in place; AWS cannot change `encrypted` of a volume that exists.",
        ),
    ],
    computed: &[
        computed("private_ip_address", "Its address in the subnet."),
        computed("public_ip_address", "Its public address, when it has one."),
        computed(
            "ipv6_address",
            "Its IPv6 address, in a subnet with `assign_ipv6_on_creation`.",
        ),
    ],
};

#[derive(Debug, Clone, PartialEq)]
pub struct InstanceSpec {
    pub subnet: Option<Sp<String>>,
    pub subnets: Option<Sp<Vec<Sp<String>>>>,
    pub ami: Sp<String>,
    pub instance_type: Sp<String>,
    pub security_groups: Vec<Sp<String>>,
    pub count: Option<Sp<u32>>,
    pub private_ip: Option<Sp<String>>,
    pub public_ip: Option<Sp<bool>>,
    pub elastic_ip: Option<Sp<String>>,
    pub key_name: Option<Sp<String>>,
    pub user_data: Option<Sp<String>>,
    /// `running`, `stopped` or `hibernated`.
    pub state: Option<Sp<InstanceState>>,
    pub hibernation: Option<Sp<bool>>,
    pub source_dest_check: Option<Sp<bool>>,
    pub metadata: Option<MetadataSpec>,
    pub iam_instance_profile: Option<Sp<String>>,
    pub root_volume: Option<RootVolumeSpec>,
}

/// An instance's `root_volume:` (see `ROOT_VOLUME`).
#[derive(Debug, Clone, PartialEq)]
pub struct RootVolumeSpec {
    pub span: Span,
    pub size_gb: Option<Sp<u64>>,
    pub volume_type: Option<Sp<VolumeType>>,
    pub iops: Option<Sp<u64>>,
    pub throughput: Option<Sp<u64>>,
    pub encrypted: Option<Sp<bool>>,
}

/// An instance's `metadata:` (see `METADATA`).
#[derive(Debug, Clone, PartialEq)]
pub struct MetadataSpec {
    /// `required` or `optional`.
    pub http_tokens: Option<Sp<String>>,
    pub hop_limit: Option<Sp<u8>>,
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

pub(crate) fn decode(d: &mut Decoder, f: &Fields) -> Option<InstanceSpec> {
    let ami = f.req_str(d, "ami");
    let instance_type = f.req_str(d, "type");
    let count = f.uint(d, "count").and_then(|c| {
        // `count: 0` declares no copies (how Terraform users switch a
        // resource off).
        if (0..=MAX_COUNT).contains(&c.value) {
            Some(Sp::new(c.value as u32, c.span))
        } else {
            d.report(
                Diagnostic::new(
                    Rule::InvalidValue,
                    format!("`count` must be from 0 to {MAX_COUNT}, not {}", c.value),
                )
                .at(c.span, "out of range"),
            );
            None
        }
    });
    Some(InstanceSpec {
        subnet: f.name(d, "subnet"),
        subnets: f.name_list(d, "subnets"),
        security_groups: f.names(d, "security_groups"),
        count,
        private_ip: f.str(d, "private_ip"),
        public_ip: f.bool(d, "public_ip"),
        elastic_ip: f.name(d, "elastic_ip"),
        key_name: f.str(d, "key_name"),
        user_data: f.str(d, "user_data"),
        state: word(d, f, "state"),
        hibernation: f.bool(d, "hibernation"),
        source_dest_check: f.bool(d, "source_dest_check"),
        metadata: metadata(d, f, "metadata"),
        iam_instance_profile: iam_instance_profile(d, f, "iam_instance_profile"),
        root_volume: root_volume(d, f, "root_volume"),
        ami: ami?,
        instance_type: instance_type?,
    })
}

/// `key:`: the boot volume.
pub(crate) fn root_volume(d: &mut Decoder, f: &Fields, key: &str) -> Option<RootVolumeSpec> {
    let node = f.node(key)?;
    let span = d.span(node);
    let r = d.fields(node, &keys_of(ROOT_VOLUME), key, span)?;
    let size = |d: &mut Decoder, key| {
        r.ranged(d, key, ROOT_VOLUME)
            .map(|v| Sp::new(v.value.unsigned_abs(), v.span))
    };
    Some(RootVolumeSpec {
        span,
        size_gb: size(d, "size_gb"),
        volume_type: word(d, &r, "type"),
        iops: size(d, "iops"),
        throughput: size(d, "throughput"),
        encrypted: r.bool(d, "encrypted"),
    })
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
    let node = f.node(key)?;
    let span = d.span(node);
    let m = d.fields(node, &keys_of(METADATA), key, span)?;
    let http_tokens = m.choice(d, "http_tokens", schema::choices(METADATA, "http_tokens"));
    let hop_limit = m
        .int(d, "hop_limit")
        .and_then(|h| match u8::try_from(h.value) {
            Ok(v) if (1..=64).contains(&v) => Some(Sp::new(v, h.span)),
            _ => {
                d.report(
                    Diagnostic::new(
                        Rule::InvalidValue,
                        format!("`hop_limit` must be from 1 to 64, not {}", h.value),
                    )
                    .at(h.span, "out of range"),
                );
                None
            }
        });
    Some(MetadataSpec {
        http_tokens,
        hop_limit,
    })
}
