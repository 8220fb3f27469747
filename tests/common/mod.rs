//! Helpers for tests that run the real `skyplan` binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_skyplan"));
    c.env_remove("NO_COLOR");
    c
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The names of the stacks shipped in `specs/`, sorted.
pub fn shipped_stacks() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(repo().join("specs"))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A fresh directory under the target dir, removed first if it exists.
pub fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

pub fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("write file");
}

pub fn run(args: &[&str], cwd: &Path) -> Output {
    bin()
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run skyplan")
}

/// Runs skyplan in `dir`: exit code, stdout and stderr as text.
pub fn sky(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = run(args, dir);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

pub fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

/// One stack using every reference field of every kind.
pub const EVERY_REFERENCE: &str = "\
defaults: {region: eu-west-1}
dhcp_options:
  corp: {domain_name: corp.example.com, domain_name_servers: [AmazonProvidedDNS, 10.0.0.10]}
flow_logs:
  main: {resource: vpc.main, destination: {s3: \"arn:aws:s3:::logs\"}}
prefix_lists:
  office: {address_family: IPv4, max_entries: 2, entries: [{cidr: 198.51.100.0/24, description: HQ}]}
vpcs:
  main:
    cidr: 10.0.0.0/16
    dhcp_options: corp
    ipv6: true
    default_security_group:
      ingress: [{protocol: tcp, ports: 22, prefix_list: office}, {protocol: tcp, ports: 443, security_group: lb}]
      egress: [{protocol: tcp, ports: 443, prefix_list: office}, {protocol: tcp, ports: 443, security_group: web}]
    default_network_acl: {ingress: [], egress: []}
  peer: {cidr: 10.1.0.0/16}
egress_only_internet_gateways:
  eigw: {vpc: main}
subnets:
  a: {vpc: main, cidr: 10.0.0.0/24, az: eu-west-1a, ipv6_index: 0, assign_ipv6_on_creation: true}
  b: {vpc: main, cidr: 10.0.1.0/24, az: eu-west-1b}
  p: {vpc: peer, cidr: 10.1.0.0/24, az: eu-west-1a}
internet_gateways:
  igw: {vpc: main}
elastic_ips:
  nat: {}
  web: {}
  edge: {}
nat_gateways:
  nat: {subnet: a, elastic_ip: nat}
vpc_peerings:
  link: {vpc: main, peer_vpc: peer}
security_groups:
  web: {vpc: main, ingress: [{protocol: tcp, ports: 443, security_group: lb}, {protocol: tcp, ports: 22, prefix_list: office}]}
  lb: {vpc: main, egress: [{protocol: tcp, ports: 443, security_group: web}, {protocol: tcp, ports: 443, prefix_list: office}]}
instances:
  web: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro, security_groups: [web], elastic_ip: web, source_dest_check: false}
  app: {subnets: [a, b], count: 2, ami: ami-0123456789abcdef0, type: t3.micro, security_groups: [web]}
route_tables:
  public:
    vpc: main
    subnets: [a]
    routes:
      - {destination: 0.0.0.0/0, internet_gateway: igw}
      - {destination: 10.1.0.0/16, vpc_peering: link}
      - {destination: 192.168.0.0/16, instance: web}
      - {destination: \"::/0\", egress_only_internet_gateway: eigw}
      - {destination_prefix_list: office, internet_gateway: igw}
  private:
    vpc: main
    subnets: [b]
    routes: [{destination: 0.0.0.0/0, nat_gateway: nat}, {destination: 10.64.0.0/10, transit_gateway: hub}, {destination: 172.16.0.0/12, vpn_gateway: vgw}]
    propagate: [vgw]
network_acls:
  data: {vpc: main, subnets: [b]}
vpc_endpoints:
  s3: {vpc: main, service: s3, route_tables: [private]}
  ssm: {vpc: main, type: interface, service: ssm, subnets: [a], security_groups: [web], private_dns: false}
volumes:
  data: {az: eu-west-1a, size_gb: 10, attach: {instance: web, device: /dev/sdf}}
target_groups:
  web: {vpc: main, protocol: HTTP, port: 8080, targets: [web, app], health_check: {path: /health}}
  tcp: {vpc: main, protocol: TCP, port: 443, targets: [web]}
  tcp2: {vpc: main, protocol: TCP, port: 443, targets: [web]}
  office: {vpc: main, protocol: HTTP, port: 8080, target_type: ip, ip_targets: [{address: 192.168.1.5}, {address: 10.0.0.200, port: 9090}]}
load_balancers:
  front:
    type: application
    scheme: internal
    subnets: [a, b]
    security_groups: [lb]
    listeners: [{port: 80, protocol: HTTP, target_group: web, rules: [{priority: 10, paths: [\"/api/*\"], target_group: web}, {priority: 20, paths: [\"/office/*\"], target_group: office}]}]
  edge: {type: network, subnet_mappings: [{subnet: a, elastic_ip: edge}], listeners: [{port: 443, protocol: TCP, target_group: tcp}]}
  inner: {type: network, scheme: internal, subnet_mappings: [{subnet: a, private_ip: 10.0.0.100}, {subnet: b}], listeners: [{port: 443, protocol: TCP, target_group: tcp2}]}
launch_templates:
  web: {ami: ami-0123456789abcdef0, type: t3.micro, security_groups: [web]}
auto_scaling_groups:
  web: {launch_template: web, subnets: [a, b], min: 2, max: 4, target_groups: [web]}
db_subnet_groups:
  data: {subnets: [a, b]}
db_instances:
  orders: {engine: postgres, instance_class: db.r7g.large, subnet_group: data, security_groups: [web]}
transit_gateways:
  hub: {amazon_side_asn: 64513, cidr_blocks: [10.99.0.0/24]}
transit_gateway_attachments:
  main: {transit_gateway: hub, vpc: main, subnets: [a, b]}
customer_gateways:
  office: {ip_address: 198.51.100.7, bgp_asn: 65010, networks: [192.168.0.0/16]}
vpn_gateways:
  vgw: {vpc: main, amazon_side_asn: 64514}
vpn_connections:
  office: {customer_gateway: office, vpn_gateway: vgw, static_routes_only: true, static_routes: [192.168.0.0/16], tunnel_inside_cidrs: [169.254.10.0/30, 169.254.20.0/30]}
  office-hub: {customer_gateway: office, transit_gateway: hub}
transit_gateway_route_tables:
  spokes:
    transit_gateway: hub
    associations: [main]
    vpn_associations: [office-hub]
    propagations: [main]
    vpn_propagations: [office-hub]
    dx_associations: [corp]
    dx_propagations: [corp]
    routes:
      - {destination: 10.50.0.0/16, attachment: main}
      - {destination: 172.16.0.0/12, vpn_connection: office-hub}
      - {destination: 10.66.0.0/16, blackhole: true}
      - {destination: 172.20.0.0/16, dx_gateway: corp}
dx_gateways:
  corp: {amazon_side_asn: 64600, associations: [{transit_gateway: hub, allowed_prefixes: [10.0.0.0/16]}], networks: [172.20.0.0/16]}
  branch: {associations: [{vpn_gateway: vgw}]}
";

/// Starts `apply --auto-approve` in `dir` and returns once it has carried
/// out `step` steps and paused (holding the state's lock), through the CLI's
/// `SKYPLAN_TEST_PAUSE_AFTER_STEP` hook.
pub fn paused_apply(dir: &Path, step: usize) -> std::process::Child {
    use std::io::BufRead;
    let mut child = bin()
        .args(["apply", "--auto-approve", "."])
        .env("SKYPLAN_TEST_PAUSE_AFTER_STEP", step.to_string())
        .current_dir(dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn skyplan apply");
    let stderr = child.stderr.take().expect("piped stderr");
    for line in std::io::BufReader::new(stderr).lines() {
        if line.unwrap_or_default().starts_with("paused after step") {
            break;
        }
    }
    child
}

/// The state file of `dir`, as JSON.
pub fn state(dir: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("skyplan.state.json")).unwrap()).unwrap()
}

/// One resource of a state.
pub fn resource<'a>(state: &'a Value, address: &str) -> &'a Value {
    state["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["address"] == address)
        .unwrap_or_else(|| panic!("{address} not in state"))
}

/// Replaces the first `from` in `dir/file` (which must hold it).
pub fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from} not in {file}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// `plan --json` of `dir`, which must succeed.
pub fn plan_json(dir: &Path) -> Value {
    let (code, out, err) = sky(dir, &["plan", "--json", "."]);
    assert_eq!(code, Some(0), "{err}");
    serde_json::from_str(&out).unwrap()
}

/// The addresses a plan changes (every action but a no-op), in its order.
pub fn changed(plan: &Value) -> Vec<&str> {
    plan["resource_changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["change"]["actions"] != serde_json::json!(["no-op"]))
        .map(|c| c["address"].as_str().unwrap())
        .collect()
}

/// The actions a plan takes on the live object at `address`.
pub fn actions(plan: &Value, address: &str) -> Vec<String> {
    let c = plan["resource_changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["address"] == address && c.get("deposed").is_none())
        .unwrap();
    c["change"]["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().to_string())
        .collect()
}

/// Lints `base` plus each case's spec (as `case.yaml`) and returns a line
/// for every case that does not exit 1 with a finding of its code, in
/// `case.yaml` with a line, whose JSON holds its text.
pub fn bad_input_failures(name: &str, base: &str, cases: &[(&str, &str, &str)]) -> Vec<String> {
    let mut failures = Vec::new();
    for (i, (spec, code, text)) in cases.iter().enumerate() {
        let dir = scratch(&format!("{name}-{i}"));
        write(&dir, "a.yaml", base);
        write(&dir, "case.yaml", spec);
        let out = run(&["lint", "--format", "json", "--isolated", "."], &dir);
        let doc = json(&out);
        let found = doc["diagnostics"].as_array().cloned().unwrap_or_default();
        let hit = found.iter().find(|d| {
            d["code"] == *code
                && d["range"]["filename"]
                    .as_str()
                    .is_some_and(|f| f.ends_with("case.yaml"))
                && d["range"]["start"]["line"].as_u64().is_some_and(|l| l >= 1)
                && d.to_string().contains(text)
        });
        if out.status.code() != Some(1) || hit.is_none() {
            failures.push(format!(
                "{spec:?}: exit {:?}, wanted {code} with {text:?}, got {}",
                out.status.code(),
                found
                    .iter()
                    .map(|d| format!("{} {}", d["code"], d["summary"]))
                    .collect::<Vec<_>>()
                    .join("; ")
            ));
        }
    }
    failures
}

/// A copy of the spec files of the shipped stack `specs/<stack>` in a fresh
/// scratch directory `name`.
pub fn shipped_copy(stack: &str, name: &str) -> PathBuf {
    let dir = scratch(name);
    for f in std::fs::read_dir(repo().join("specs").join(stack)).unwrap() {
        let f = f.unwrap().path();
        if f.extension().is_some_and(|e| e == "yaml") {
            std::fs::copy(&f, dir.join(f.file_name().unwrap())).unwrap();
        }
    }
    dir
}

/// Lints clean of errors, applies, and then plans no change.
pub fn converge(dir: &Path) {
    let (code, out, err) = sky(dir, &["lint", "."]);
    assert_eq!(code, Some(0), "{out}{err}");
    let (code, out, err) = sky(dir, &["apply", "--auto-approve", "."]);
    assert_eq!(code, Some(0), "{out}{err}");
    let (code, out, err) = sky(dir, &["plan", "--detailed-exitcode", "."]);
    assert_eq!(code, Some(0), "{out}{err}");
}

/// An internet-facing network load balancer (no security groups) on port
/// 5432 in front of a database instance, for a stack with subnets `a`, `b`
/// of `vpc.main`.
pub const NLB_TO_DB: &str = "internet_gateways:
  igw: {vpc: main}
route_tables:
  public: {vpc: main, subnets: [a, b], routes: [{destination: 0.0.0.0/0, internet_gateway: igw}]}
security_groups:
  db: {vpc: main, ingress: [{protocol: tcp, ports: 5432, cidr: 10.0.0.0/16}]}
instances:
  db: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro, security_groups: [db]}
target_groups:
  db: {vpc: main, protocol: TCP, port: 5432, targets: [db]}
load_balancers:
  front: {type: network, subnets: [a, b], listeners: [{port: 5432, protocol: TCP, target_group: db}]}
";
