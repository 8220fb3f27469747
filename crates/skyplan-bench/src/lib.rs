//! Stack generation shared by `skyplan-bench gen` and the divan benches.

use std::fmt::Write as _;

use skyplan_diagnostics::{FileId, SourceFiles};

const AZS: [&str; 3] = ["us-east-1a", "us-east-1b", "us-east-1c"];

/// One generated VPC file: subnets across three AZs, an internet gateway,
/// public and private route tables, two security groups that name each
/// other, a NACL and `instances` copies per subnet.
pub fn vpc_file(v: usize, subnets: usize, instances: usize) -> String {
    let (hi, lo) = (10 + v / 256, v % 256);
    let mut s = String::new();
    if v == 0 {
        s.push_str("defaults: {region: us-east-1, tags: {generated: \"true\"}}\n");
    }
    let _ = writeln!(s, "vpcs:\n  v{v}: {{cidr: {hi}.{lo}.0.0/16}}");
    s.push_str("subnets:\n");
    for n in 0..subnets {
        let _ = writeln!(
            s,
            "  v{v}-s{n}: {{vpc: v{v}, cidr: {hi}.{lo}.{n}.0/24, az: {}}}",
            AZS[n % 3]
        );
    }
    let _ = writeln!(s, "internet_gateways:\n  v{v}-igw: {{vpc: v{v}}}");
    let publics: Vec<String> = (0..subnets)
        .filter(|n| n % 2 == 0)
        .map(|n| format!("v{v}-s{n}"))
        .collect();
    let privates: Vec<String> = (0..subnets)
        .filter(|n| n % 2 == 1)
        .map(|n| format!("v{v}-s{n}"))
        .collect();
    let _ = writeln!(
        s,
        "route_tables:\n  v{v}-public: {{vpc: v{v}, subnets: [{}], routes: [{{destination: 0.0.0.0/0, internet_gateway: v{v}-igw}}]}}\n  v{v}-private: {{vpc: v{v}, main: true, subnets: [{}]}}",
        publics.join(", "),
        privates.join(", ")
    );
    let _ = writeln!(
        s,
        "security_groups:\n  v{v}-web: {{vpc: v{v}, ingress: [{{protocol: tcp, ports: 443, cidr: 10.0.0.0/8}}, {{protocol: tcp, ports: 22, security_group: v{v}-app}}]}}\n  v{v}-app: {{vpc: v{v}, ingress: [{{protocol: tcp, ports: 8080, security_group: v{v}-web}}]}}"
    );
    let _ = writeln!(
        s,
        "network_acls:\n  v{v}-acl:\n    vpc: v{v}\n    subnets: [{}]\n    ingress: [{{rule: 100, action: allow, protocol: all, cidr: 10.0.0.0/8}}]\n    egress: [{{rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}}]",
        privates.join(", ")
    );
    s.push_str("instances:\n");
    for n in 0..subnets {
        let sg = if n % 2 == 0 { "web" } else { "app" };
        let _ = writeln!(
            s,
            "  v{v}-i{n}: {{subnet: v{v}-s{n}, count: {instances}, ami: ami-0123456789abcdef0, type: m7i.large, security_groups: [v{v}-{sg}]}}"
        );
    }
    s
}

/// The shape of the instances of a generated stack.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// One `instances` entry per subnet with `count` copies (compact YAML).
    Counted,
    /// Every instance its own block mapping, as hand-written stacks are:
    /// one resource per YAML mapping.
    Flat,
    /// [`Shape::Flat`] with the public subnets' instances on the internet:
    /// a public address each and the web group open to it on 443 and 22
    /// (which `lint` reports, RC002): exposure's worst case.
    Public,
}

/// One generated VPC file of `shape`.
pub fn file(shape: Shape, v: usize, subnets: usize, instances: usize) -> String {
    match shape {
        Shape::Counted => vpc_file(v, subnets, instances),
        Shape::Flat => flat_file(v, subnets, instances),
        Shape::Public => public_file(v, subnets, instances),
    }
}

/// A [`flat_file`] whose public subnets' instances the internet reaches.
pub fn public_file(v: usize, subnets: usize, instances: usize) -> String {
    let closed = "ingress: [{protocol: tcp, ports: 443, cidr: 10.0.0.0/8}, ";
    let open = "ingress: [{protocol: tcp, ports: 443, cidr: 0.0.0.0/0}, {protocol: tcp, ports: 22, cidr: 0.0.0.0/0}, ";
    let mut s = vpc_file(v, subnets, 0).replacen(closed, open, 1);
    push_instances(&mut s, v, subnets, instances, true);
    s
}

/// A VPC file like [`vpc_file`], but with each instance written out as its
/// own block mapping (name, subnet, AMI, type, groups, tags).
pub fn flat_file(v: usize, subnets: usize, instances: usize) -> String {
    let mut s = vpc_file(v, subnets, 0);
    push_instances(&mut s, v, subnets, instances, false);
    s
}

/// Replaces the (empty) `instances:` of a generated VPC file with one block
/// mapping per instance; `public` gives the public subnets' ones an address.
fn push_instances(s: &mut String, v: usize, subnets: usize, instances: usize, public: bool) {
    let cut = s.find("instances:\n").unwrap_or(s.len());
    s.truncate(cut);
    s.push_str("instances:\n");
    for n in 0..subnets {
        let web = n % 2 == 0;
        let sg = if web { "web" } else { "app" };
        let address = if public && web {
            "    public_ip: true\n"
        } else {
            ""
        };
        for i in 0..instances {
            let _ = writeln!(
                s,
                "  v{v}-s{n}-i{i}:\n{address}    subnet: v{v}-s{n}\n    ami: ami-0123456789abcdef0\n    type: m7i.large\n    security_groups: [v{v}-{sg}]"
            );
        }
    }
}

/// A whole generated stack loaded into `SourceFiles`.
pub fn stack(vpcs: usize, subnets: usize, instances: usize) -> (SourceFiles, Vec<FileId>) {
    let mut sources = SourceFiles::new();
    let files = (0..vpcs)
        .map(|v| sources.add(format!("vpc-{v:05}.yaml"), vpc_file(v, subnets, instances)))
        .collect();
    (sources, files)
}

/// A generated stack's files loaded (no modules, no variables), as the
/// stages time it.
pub fn load(sources: &SourceFiles, files: &[FileId]) -> skyplan_spec::StackSpec {
    let mut found = Vec::new();
    skyplan_spec::load_stack(
        sources,
        files,
        &Default::default(),
        &Default::default(),
        &mut found,
    )
}

/// A generated stack loaded and resolved into its model.
pub fn model(sources: &SourceFiles, files: &[FileId]) -> skyplan_model::Model {
    skyplan_model::resolve(load(sources, files), &mut Vec::new())
}
