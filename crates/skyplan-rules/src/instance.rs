//! EC001-EC013: instances, and the settings launch templates share with
//! them.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use skyplan_diagnostics::{Diagnostic, Rule};
use skyplan_model::{InstanceGroup, InstanceId, Model, RouteTarget, SubnetId};
use skyplan_spec::{InstanceState, Kind, Sp};

use crate::{Candidates, Checker};

/// AWS's limit on user data, before base64.
const MAX_USER_DATA: usize = skyplan_facts::quotas::USER_DATA_BYTES;

/// The launch settings instances and launch templates share, and what
/// the checks of both read.
struct Settings<'m> {
    address: &'m str,
    ami: &'m Sp<String>,
    instance_type: &'m Sp<String>,
    user_data: Option<&'m Sp<String>>,
    metadata: Option<&'m skyplan_spec::MetadataSpec>,
}

impl<'m> Settings<'m> {
    fn of_instance(g: &'m InstanceGroup) -> Settings<'m> {
        Settings {
            address: &g.common.address,
            ami: &g.ami,
            instance_type: &g.instance_type,
            user_data: g.user_data.as_deref(),
            metadata: g.metadata.as_deref(),
        }
    }

    fn of_unplaced(u: &'m skyplan_model::LaunchSettings) -> Settings<'m> {
        Settings {
            address: &u.address,
            ami: &u.ami,
            instance_type: &u.instance_type,
            user_data: u.user_data.as_ref(),
            metadata: u.metadata.as_ref(),
        }
    }

    fn of_template(t: &'m skyplan_model::LaunchTemplate) -> Settings<'m> {
        Settings {
            address: &t.common.address,
            ami: &t.ami,
            instance_type: &t.instance_type,
            user_data: t.user_data.as_ref(),
            metadata: t.metadata.as_ref(),
        }
    }
}

/// EC001, EC005, EC006 and EC011: what a launch template's settings are
/// checked for as an instance's.
fn settings(c: &mut Checker, s: &Settings) {
    ami(c, s);
    user_data(c, s);
    metadata(c, s);
}

pub(crate) fn check(c: &mut Checker) {
    for template in &c.model.launch_templates {
        let s = Settings::of_template(template);
        settings(c, &s);
        known_type(c, &s);
    }
    for group in &c.model.instance_groups {
        settings(c, &Settings::of_instance(group));
        placement(c, group);
        instance_type(c, group);
        public_ip(c, group);
        hibernation_enabled(c, group);
        hibernation_root_volume(c, group);
    }
    for broken in &c.model.broken_instances {
        let s = Settings {
            address: &broken.address,
            ami: &broken.ami,
            instance_type: &broken.instance_type,
            user_data: None,
            metadata: None,
        };
        ami(c, &s);
        known_type(c, &s);
    }
    for unplaced in &c.model.unplaced_instances {
        let s = Settings::of_unplaced(unplaced);
        settings(c, &s);
        known_type(c, &s);
    }
    ami_architectures(c);
    offerings_unknown(c);
}

/// One note per stack naming the AZs whose offerings the facts table does
/// not list (EC007 and AS003 cannot check them), at the first subnet
/// placed in one.
fn offerings_unknown(c: &mut Checker) {
    let m = c.model;
    let used = m.instances.iter().map(|i| i.subnet.id).chain(
        m.auto_scaling_groups
            .iter()
            .flat_map(|g| g.subnets.iter().map(|s| s.id)),
    );
    let mut zones: BTreeMap<&str, SubnetId> = BTreeMap::new();
    for s in used {
        let zone = m.subnets[s].az.value.as_str();
        if c.facts.zone(zone).is_some() && !c.facts.lists_offerings(zone) {
            zones.entry(zone).or_insert(s);
        }
    }
    let Some(first) = zones.values().copied().min() else {
        return;
    };
    let names: Vec<&str> = zones.keys().copied().collect();
    let subnet = &m.subnets[first];
    c.push(
        Diagnostic::new(
            Rule::InstanceTypeOfferingUnknown,
            format!(
                "skyplan has no instance type offerings for {}: whether they offer the stack's instance types is not checked",
                names.join(", ")
            ),
        )
        .detail("the built-in offerings table does not list these availability zones")
        .resource(&subnet.common.address)
        .at(subnet.az.span, "offerings unknown here")
        .help("check with `aws ec2 describe-instance-type-offerings --location-type availability-zone`; `skyplan explain --facts` shows the table's date"),
    );
}

/// A hibernated instance must have been launched for it.
fn hibernation_enabled(c: &mut Checker, group: &InstanceGroup) {
    let Some(state) = group
        .state
        .as_ref()
        .filter(|s| s.value == InstanceState::Hibernated)
    else {
        return;
    };
    if group.hibernation.as_ref().is_some_and(|h| h.value) {
        return;
    }
    c.push(
        Diagnostic::new(
            Rule::HibernationNotEnabled,
            format!(
                "{} is to be hibernated but was not launched with `hibernation: true`",
                group.common.address
            ),
        )
        .detail("AWS hibernates only instances launched with hibernation enabled (UnsupportedHibernationConfiguration)")
        .resource(&group.common.address)
        .at(state.span, "hibernation not enabled")
        .help("add `hibernation: true` (it replaces the instance), or use `state: stopped`"),
    );
}

/// Hibernation stores memory on the root volume: it must be encrypted and
/// hold the type's memory. A root volume of the AMI's size (no `size_gb`)
/// is not judged: the AMI is not known here.
fn hibernation_root_volume(c: &mut Checker, group: &InstanceGroup) {
    let Some(on) = group.hibernation.as_ref().filter(|h| h.value) else {
        return;
    };
    let address = &group.common.address;
    let root = group.root_volume.as_ref();
    let encrypted = root
        .and_then(|r| r.encrypted.as_ref())
        .is_some_and(|e| e.value);
    let memory_gib = c
        .facts
        .instance_type(&group.instance_type.value)
        .map(|t| t.memory_mib.div_ceil(1024));
    let (problem, at, label) = if !encrypted {
        let at = root
            .and_then(|r| r.encrypted.as_ref())
            .map_or(on.span, |e| e.span);
        (
            "its root volume is not encrypted".to_string(),
            at,
            "not encrypted",
        )
    } else if let (Some(size), Some(memory)) = (root.and_then(|r| r.size_gb.as_ref()), memory_gib)
        && size.value < memory
    {
        let problem = format!(
            "its root volume ({} GiB) is smaller than the memory of {} ({memory} GiB)",
            size.value, group.instance_type.value
        );
        (problem, size.span, "smaller than the memory")
    } else {
        return;
    };
    let want = memory_gib.map_or_else(String::new, |m| format!("size_gb: {}, ", m + 8));
    c.push(
        Diagnostic::new(
            Rule::HibernationRootVolume,
            format!("{address} enables hibernation, but {problem}"),
        )
        .detail(
            "hibernation writes the memory to an encrypted root volume; AWS refuses it otherwise",
        )
        .resource(address)
        .at(at, label)
        .help(format!("give it `root_volume: {{{want}encrypted: true}}`")),
    );
}

/// IMDSv1 left on.
fn metadata(c: &mut Checker, group: &Settings) {
    let Some(tokens) = group.metadata.and_then(|m| m.http_tokens.as_ref()) else {
        return;
    };
    if tokens.value != "optional" {
        return;
    }
    c.push(
        Diagnostic::new(
            Rule::MetadataV1,
            format!(
                "{} answers IMDSv1: a request forgery in its software can read its IAM credentials",
                group.address
            ),
        )
        .resource(group.address)
        .at(tokens.span, "IMDSv1 allowed")
        .help("`http_tokens: required` (AWS's default for new instances), once its software uses IMDSv2"),
    );
}

/// The architecture family an AMI must be built for to run on a type:
/// `arm64` or `x86_64` (`i386,x86_64` types run x86_64 images; the `_mac`
/// variants are Mac hosts of the same families).
fn family(architectures: &str) -> &'static str {
    if architectures.split(',').any(|a| a.starts_with("arm64")) {
        "arm64"
    } else {
        "x86_64"
    }
}

/// EC010: one AMI, one architecture.
fn ami_architectures(c: &mut Checker) {
    let m = c.model;
    let facts = c.facts;
    // Per AMI, per architecture family: the groups using it, in order.
    let mut by_ami: BTreeMap<&str, BTreeMap<&str, Vec<&InstanceGroup>>> = BTreeMap::new();
    // Where each group is declared, to break ties.
    let order: HashMap<&str, usize> = m
        .instance_groups
        .iter()
        .enumerate()
        .map(|(i, g)| (g.common.address.as_str(), i))
        .collect();
    for group in &m.instance_groups {
        let Some(t) = facts.instance_type(&group.instance_type.value) else {
            continue;
        };
        by_ami
            .entry(group.ami.value.as_str())
            .or_default()
            .entry(family(t.architectures))
            .or_default()
            .push(group);
    }
    for (ami, families) in by_ami {
        if families.len() < 2 {
            continue;
        }
        // The faulty side is the family of fewer groups (the one declared
        // later on a tie).
        let mut sides: Vec<(&str, &Vec<&InstanceGroup>)> =
            families.iter().map(|(f, g)| (*f, g)).collect();
        sides.sort_by_key(|(_, g)| {
            (
                std::cmp::Reverse(g.len()),
                order[g[0].common.address.as_str()],
            )
        });
        let (odd_family, odd) = sides[sides.len() - 1];
        let listing = sides
            .iter()
            .map(|(f, groups)| {
                let names: Vec<&str> = groups.iter().map(|g| g.common.address.as_str()).collect();
                format!("{f}: {}", names.join(", "))
            })
            .collect::<Vec<_>>()
            .join("; ");
        let first = odd[0];
        let mut d = Diagnostic::new(
            Rule::AmiArchitectureMismatch,
            format!("{ami} is used on instance types of two architectures ({listing})"),
        )
        .detail(format!(
            "an AMI has one architecture, so one launch fails (InvalidParameterValue: the architecture '{odd_family}' of the instance type does not match the AMI's)"
        ))
        .resources(odd.iter().map(|g| g.common.address.clone()));
        for (_, groups) in &sides[..sides.len() - 1] {
            d = d.resources(groups.iter().map(|g| g.common.address.clone()));
        }
        c.push(
            d.at(
                first.ami.span,
                format!("used on {odd_family} ({})", first.instance_type.value),
            )
            .related(sides[0].1[0].ami.span, format!("used on {}", sides[0].0))
            .help("use the AMI built for each architecture, or instance types of one architecture"),
        );
    }
}

/// `ami-` + 8 or 17 lowercase hex digits.
fn is_ami(id: &str) -> bool {
    id.strip_prefix("ami-").is_some_and(|hex| {
        matches!(hex.len(), 8 | 17)
            && hex
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

fn ami(c: &mut Checker, group: &Settings) {
    if !is_ami(&group.ami.value) {
        c.push(
            Diagnostic::new(Rule::InvalidAmi, format!("`{}` is not an AMI id", group.ami.value))
                .detail("AMI ids are `ami-` followed by 8 or 17 lowercase hex digits (InvalidAMIID.Malformed)")
                .resource(group.address)
                .at(group.ami.span, "malformed AMI id")
                .help("copy the id from the console or `aws ec2 describe-images`"),
        );
    }
}

fn placement(c: &mut Checker, group: &InstanceGroup) {
    let address = &group.common.address;
    if let Some(span) = group.placement_ambiguous {
        c.push(
            Diagnostic::new(
                Rule::InstancePlacement,
                format!("{address} needs exactly one of `subnet` and `subnets`"),
            )
            .detail("placement must be unambiguous")
            .resource(address)
            .at(span, "`subnet` and `subnets` both or neither")
            .help("use `subnet` for one subnet, `subnets` with `count` to spread copies"),
        );
    }
    if let (Some(ip), Some(count)) = (&group.private_ip, &group.count)
        && count.value > 1
    {
        c.push(
            Diagnostic::new(
                Rule::PrivateIpWithCount,
                format!("{address} has {} copies but one private_ip", count.value),
            )
            .detail("every copy would ask for the same address")
            .resource(address)
            .at(ip.span, "one address for several copies")
            .related(count.span, "count")
            .help("remove `private_ip`, or declare the copies as separate instances"),
        );
    }
}

/// EC006: the type's entry of the facts, or a finding with a
/// suggestion.
fn known_type<'f>(c: &mut Checker<'f>, s: &Settings) -> Option<&'f skyplan_facts::InstanceType> {
    let name = &s.instance_type.value;
    let facts = c.facts;
    if let Some(t) = facts.instance_type(name) {
        return Some(t);
    }
    let d = Diagnostic::new(
        Rule::UnknownInstanceType,
        format!("`{name}` is not an EC2 instance type"),
    )
    .resource(s.address)
    .at(s.instance_type.span, "unknown instance type");
    let suggestion = c.suggestions.closest(
        Candidates::InstanceTypes as u8,
        name,
        facts.instance_type_names(),
    );
    let d = match suggestion {
        Some(s) => d.help(format!("did you mean `{s}`?")),
        None => d.help("instance types look like `t3.micro` or `m7g.large`"),
    };
    c.push(d);
    None
}

fn instance_type(c: &mut Checker, group: &InstanceGroup) {
    let m = c.model;
    let address = &group.common.address;
    let name = &group.instance_type.value;
    let Some(t) = known_type(c, &Settings::of_instance(group)) else {
        return;
    };
    if group
        .state
        .as_ref()
        .is_some_and(|s| s.value == InstanceState::Hibernated)
        && !t.hibernation_supported
    {
        let state = group
            .state
            .as_ref()
            .map_or(group.common.name.span, |s| s.span);
        c.push(
            Diagnostic::new(
                Rule::HibernationUnsupported,
                format!("{name} does not support hibernation"),
            )
            .detail("AWS refuses to hibernate it (UnsupportedHibernationConfiguration)")
            .resource(address)
            .at(state, "hibernation not supported")
            .related(group.instance_type.span, "instance type")
            .help("use `state: stopped`, or a type that supports hibernation"),
        );
    }
    if !t.current_generation {
        c.push(
            Diagnostic::new(
                Rule::PreviousGenerationType,
                format!("{name} is a previous-generation instance type"),
            )
            .detail("previous generations cost more for less and are offered in fewer AZs")
            .resource(address)
            .at(group.instance_type.span, "previous generation")
            .help("use a current-generation type"),
        );
    }
    // The copies placed in each AZ: a finding names the copies in the AZ
    // that lacks the type, not the whole group.
    let mut by_zone: BTreeMap<&str, Vec<InstanceId>> = BTreeMap::new();
    for &i in &group.instances {
        let zone = m.subnets[m.instances[i].subnet.id].az.value.as_str();
        by_zone.entry(zone).or_default().push(i);
    }
    for (zone, copies) in by_zone {
        if c.facts.offers(zone, name) != Some(false) {
            continue;
        }
        let first = &m.instances[copies[0]];
        let placed = copies
            .iter()
            .map(|&i| m.instances[i].address.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        c.push(
            Diagnostic::new(
                Rule::InstanceTypeNotOffered,
                format!("{name} is not offered in {zone}, where {placed} is placed"),
            )
            .detail("AWS refuses the launch (Unsupported)")
            .resources(copies.iter().map(|&i| m.instances[i].address.clone()))
            .at(group.instance_type.span, format!("not offered in {zone}"))
            .related(
                first.subnet.span,
                format!("{} is in {zone}", m.subnets[first.subnet.id].common.address),
            )
            .help("use a type the AZ offers, or a subnet in an AZ that offers it"),
        );
    }
}

fn user_data(c: &mut Checker, group: &Settings) {
    if let Some(data) = group.user_data
        && data.value.len() > MAX_USER_DATA
    {
        c.push(
            Diagnostic::new(
                Rule::UserDataTooLarge,
                format!(
                    "user_data of {} is {} bytes; AWS allows {MAX_USER_DATA}",
                    group.address,
                    data.value.len()
                ),
            )
            .resource(group.address)
            .at(data.span, "over 16 KiB")
            .help("keep a small bootstrap in user data and fetch the rest (S3, SSM)"),
        );
    }
}

/// Whether a subnet's route table has any route to an internet gateway.
fn reaches_igw(m: &Model, subnet: SubnetId) -> bool {
    m.route_table_of(subnet).is_some_and(|t| {
        m.route_tables[t]
            .routes
            .iter()
            .any(|r| matches!(r.target(), Some(RouteTarget::InternetGateway(_))))
    })
}

fn public_ip(c: &mut Checker, group: &InstanceGroup) {
    let m = c.model;
    if !m.complete(&[Kind::RouteTable, Kind::InternetGateway]) {
        return;
    }
    let subnets: BTreeSet<SubnetId> = group
        .instances
        .iter()
        .map(|&i| m.instances[i].subnet.id)
        .collect();
    for s in subnets {
        let subnet = &m.subnets[s];
        let wants = group.elastic_ip.is_some() || group.public_ip_in(subnet);
        if wants && !reaches_igw(m, s) {
            let span = group
                .public_ip
                .as_ref()
                .map_or(group.common.name.span, |p| p.span);
            c.push(
                Diagnostic::new(
                    Rule::PublicIpUnreachable,
                    format!(
                        "{} gets a public IP in {}, which has no route to an internet gateway",
                        group.common.address, subnet.common.address
                    ),
                )
                .detail("the address is billed but the instance can never be reached through it")
                .resource(&group.common.address)
                .resource(&subnet.common.address)
                .at(span, "public IP in a private subnet")
                .help("put it in a public subnet, or drop the public IP"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_ami;

    #[test]
    fn ami_ids_have_8_or_17_lowercase_hex_digits() {
        assert!(is_ami("ami-0c9c942bd7bf113a2"));
        assert!(is_ami("ami-12345678"));
        assert!(!is_ami("ami-0C9C942BD7BF113A2"));
        assert!(!is_ami("ami-123456789"));
        assert!(!is_ami("ami-xyz"));
    }
}
