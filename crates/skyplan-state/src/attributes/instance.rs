use super::*;

fn running() -> InstanceState {
    InstanceState::Running
}

kind_attributes! {
    struct Instance {
        config ami: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        config elastic_ip: Option<Address>,
        /// Written only when on, so states from before the attribute read the same.
        #[serde(default, skip_serializing_if = "is_false")]
        config hibernation: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        config iam_instance_profile: Option<String>,
        /// Computed: its IPv6 address, in a subnet that assigns one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        computed ipv6_address: Option<Ipv6Addr>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        config key_name: Option<String>,
        /// States from before the attribute read as AWS's defaults.
        #[serde(default)]
        config metadata: Metadata,
        /// The static address asked for.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        config private_ip: Option<Ipv4Addr>,
        /// Computed: the address it has.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        computed private_ip_address: Option<Ipv4Addr>,
        /// Whether it asks for a public address.
        #[serde(default)]
        config public_ip: bool,
        /// Computed: the public address it has.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        computed public_ip_address: Option<Ipv4Addr>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        config root_volume: Option<RootVolume>,
        #[serde(default)]
        unordered security_groups: Vec<Address>,
        #[serde(default = "on")]
        config source_dest_check: bool,
        #[serde(with = "as_word", default = "running")]
        config state: InstanceState,
        config subnet: Address,
        #[serde(default)]
        config tags: TagSet,
        #[serde(rename = "type")]
        config instance_type: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        config user_data: Option<String>,
    }
}

/// An instance's boot volume.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RootVolume {
    #[serde(default)]
    pub encrypted: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iops: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size_gb: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub throughput: Option<u64>,
    #[serde(rename = "type", with = "as_word")]
    pub volume_type: VolumeType,
}

/// Whether the metadata service also answers IMDSv1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HttpTokens {
    Required,
    Optional,
}

/// An instance's metadata service settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metadata {
    #[serde(default = "hop_limit")]
    pub hop_limit: u8,
    #[serde(default = "required")]
    pub http_tokens: HttpTokens,
}

fn hop_limit() -> u8 {
    2
}

fn required() -> HttpTokens {
    HttpTokens::Required
}

fn on() -> bool {
    true
}

impl Default for Metadata {
    /// AWS's defaults for a new instance: IMDSv2 only, two hops.
    fn default() -> Metadata {
        Metadata {
            hop_limit: hop_limit(),
            http_tokens: required(),
        }
    }
}

impl StateKind for Instance {
    fn references(&self) -> Vec<(&'static str, &Address)> {
        let mut r: Vec<(&'static str, &Address)> =
            self.elastic_ip.iter().map(|e| ("elastic_ip", e)).collect();
        r.push(("subnet", &self.subnet));
        r
    }

    fn interface(&self) -> Option<Interface<'_>> {
        Some(Interface {
            subnet: &self.subnet,
            private_ip_address: self.private_ip_address,
            public_ip_address: self.public_ip_address,
        })
    }
}
