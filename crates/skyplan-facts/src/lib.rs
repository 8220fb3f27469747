//! AWS facts, embedded in the binary: regions and their availability zones,
//! instance types, and which types each AZ offers.
//!
//! The tables in `data/` are copies of the project's shared facts (taken
//! from AWS's DescribeAvailabilityZones, DescribeInstanceTypes and
//! DescribeInstanceTypeOfferings). They are compiled in with `include_str!`
//! and parsed on first use, so skyplan never fetches anything at run time.

pub mod bgp;
pub mod ebs;
pub mod partition;
pub mod quotas;

/// Where one embedded table comes from and when it was taken: the
/// `# source:` line at the top of its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    pub table: &'static str,
    pub source: String,
}

/// The provenance of every embedded table, and of the limits tables.
pub fn provenance() -> Vec<Provenance> {
    let line = |text: &'static str| {
        text.lines()
            .find_map(|l| l.strip_prefix("# source: "))
            .unwrap_or("unknown")
            .to_string()
    };
    vec![
        Provenance {
            table: "availability zones",
            source: line(AVAILABILITY_ZONES),
        },
        Provenance {
            table: "instance types",
            source: line(INSTANCE_TYPES),
        },
        Provenance {
            table: "instance type offerings",
            source: line(OFFERINGS),
        },
        Provenance {
            table: "EBS volume limits",
            source: format!(
                "AWS documentation, Amazon EBS volume types; checked: {}",
                ebs::CHECKED
            ),
        },
        Provenance {
            table: "Amazon-side BGP ASNs",
            source: format!(
                "AWS documentation, CreateTransitGateway; checked: {}",
                bgp::CHECKED
            ),
        },
        Provenance {
            table: "default quotas",
            source: format!(
                "AWS documentation, Amazon VPC and Amazon EC2 quotas; checked: {}",
                quotas::CHECKED
            ),
        },
    ]
}

use std::collections::BTreeMap;

use foldhash::{HashMap, HashMapExt, HashSet};
use std::sync::OnceLock;

const AVAILABILITY_ZONES: &str = include_str!("../data/aws-availability-zones.tsv");
const INSTANCE_TYPES: &str = include_str!("../data/aws-instance-types.tsv");
const OFFERINGS: &str = include_str!("../data/aws-instance-type-offerings.tsv");

/// One availability zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AvailabilityZone {
    pub name: &'static str,
    pub region: &'static str,
    pub zone_id: &'static str,
}

/// One EC2 instance type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstanceType {
    pub name: &'static str,
    pub vcpus: u32,
    pub memory_mib: u64,
    pub current_generation: bool,
    pub hibernation_supported: bool,
    pub architectures: &'static str,
    pub max_network_interfaces: u32,
    pub ipv4_per_interface: u32,
    pub burstable: bool,
    pub max_ebs_attachments: u32,
}

/// Which instance types an AZ offers, parsed into a set on first query.
struct Offering {
    line: &'static str,
    types: OnceLock<HashSet<&'static str>>,
}

/// The parsed tables.
pub struct Facts {
    regions: BTreeMap<&'static str, Vec<AvailabilityZone>>,
    zones: HashMap<&'static str, AvailabilityZone>,
    instance_types: HashMap<&'static str, InstanceType>,
    offerings: HashMap<&'static str, Offering>,
}

/// The facts of this build, parsed on first call.
pub fn facts() -> &'static Facts {
    static FACTS: OnceLock<Facts> = OnceLock::new();
    FACTS.get_or_init(Facts::parse)
}

/// The data lines of a TSV table: comments (`#`) and blank lines skipped.
fn rows(table: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    table
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

fn flag(text: &str) -> bool {
    text == "true"
}

impl Facts {
    fn parse() -> Facts {
        let mut regions: BTreeMap<&str, Vec<AvailabilityZone>> = BTreeMap::new();
        let mut zones = HashMap::new();
        for row in rows(AVAILABILITY_ZONES) {
            let az = AvailabilityZone {
                region: row[0],
                name: row[1],
                zone_id: row.get(2).copied().unwrap_or(""),
            };
            zones.insert(az.name, az.clone());
            regions.entry(az.region).or_default().push(az);
        }
        let instance_types = rows(INSTANCE_TYPES)
            .map(|r| {
                let num = |i: usize| r.get(i).and_then(|v| v.parse().ok()).unwrap_or(0);
                let t = InstanceType {
                    name: r[0],
                    vcpus: num(1) as u32,
                    memory_mib: num(2),
                    current_generation: flag(r[3]),
                    hibernation_supported: flag(r[4]),
                    architectures: r[5],
                    max_network_interfaces: num(6) as u32,
                    ipv4_per_interface: num(7) as u32,
                    burstable: flag(r[8]),
                    max_ebs_attachments: num(9) as u32,
                };
                (t.name, t)
            })
            .collect();
        let offerings = rows(OFFERINGS)
            .map(|r| {
                let offering = Offering {
                    line: r.get(1).copied().unwrap_or(""),
                    types: OnceLock::new(),
                };
                (r[0], offering)
            })
            .collect();
        Facts {
            regions,
            zones,
            instance_types,
            offerings,
        }
    }

    pub fn is_region(&self, name: &str) -> bool {
        self.regions.contains_key(name)
    }

    /// Every region name, sorted.
    pub fn region_names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.regions.keys().copied()
    }

    /// The AZs of a region, in table order (`a`, `b`, `c`, ...).
    pub fn zones_of(&self, region: &str) -> &[AvailabilityZone] {
        self.regions.get(region).map_or(&[], Vec::as_slice)
    }

    pub fn zone(&self, name: &str) -> Option<&AvailabilityZone> {
        self.zones.get(name)
    }

    pub fn zone_names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.zones.keys().copied()
    }

    pub fn instance_type(&self, name: &str) -> Option<&InstanceType> {
        self.instance_types.get(name)
    }

    pub fn instance_type_names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.instance_types.keys().copied()
    }

    /// Whether the offerings table lists an AZ at all.
    pub fn lists_offerings(&self, zone: &str) -> bool {
        self.offerings.contains_key(zone)
    }

    /// Whether an AZ offers an instance type: `None` when the offerings
    /// table does not list the AZ (then nothing can be said).
    pub fn offers(&self, zone: &str, instance_type: &str) -> Option<bool> {
        let offering = self.offerings.get(zone)?;
        let types = offering
            .types
            .get_or_init(|| offering.line.split(',').map(str::trim).collect());
        Some(types.contains(instance_type))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_and_zones_come_from_the_table() {
        let f = facts();
        assert!(f.is_region("ap-northeast-2"));
        assert!(!f.is_region("eu-west-9"));
        let az = f.zone("ap-northeast-2a").expect("known AZ");
        assert_eq!(az.region, "ap-northeast-2");
        assert!(f.zones_of("ap-northeast-2").len() >= 3);
        assert!(f.zone("ap-northeast-2z").is_none());
    }

    #[test]
    fn instance_types_carry_their_columns() {
        let f = facts();
        assert_eq!(f.instance_type_names().count(), 1395);
        let a1 = f.instance_type("a1.2xlarge").expect("known type");
        assert_eq!(a1.vcpus, 8);
        assert!(!a1.current_generation);
        assert!(!a1.hibernation_supported);
        assert_eq!(a1.max_ebs_attachments, 27);
        assert!(f.instance_type("t3.mirco").is_none());
    }

    #[test]
    fn offerings_answer_only_for_listed_zones() {
        let f = facts();
        assert_eq!(f.offers("af-south-1a", "t3.micro"), Some(true));
        assert_eq!(f.offers("af-south-1a", "a1.2xlarge"), Some(false));
        assert_eq!(f.offers("nowhere-1a", "t3.micro"), None);
    }
}
