//! `skyplan import` on the real binary: a snapshot of the bastion stack
//! as moto built it from its CloudFormation export
//! (`tests/fixtures/snapshots/bastion`, written by
//! `tests/tools/moto_snapshot.py`) becomes a stack that plans to no
//! changes and lints; bad snapshots are refused, naming the file and the
//! id, and nothing is written.

mod common;

use std::path::{Path, PathBuf};

use common::*;

fn snapshot() -> PathBuf {
    repo().join("tests/fixtures/snapshots/bastion")
}

/// A copy of the fixture snapshot to break.
fn snapshot_copy(name: &str) -> PathBuf {
    copy_of("bastion", name)
}

/// A copy of the fixture snapshot `fixture`, in a scratch directory.
fn copy_of(fixture: &str, name: &str) -> PathBuf {
    let dir = scratch(name).join("snapshot");
    std::fs::create_dir_all(&dir).unwrap();
    let from = repo().join("tests/fixtures/snapshots").join(fixture);
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.join(e.file_name())).unwrap();
    }
    dir
}

/// Edits one file of a snapshot as JSON.
fn edit_json(dir: &Path, file: &str, f: impl FnOnce(&mut serde_json::Value)) {
    let mut v: serde_json::Value = serde_json::from_str(&read(dir, file)).unwrap();
    f(&mut v);
    std::fs::write(dir.join(file), serde_json::to_string_pretty(&v).unwrap()).unwrap();
}

fn import(snapshot: &Path, out: &Path) -> (Option<i32>, String, String) {
    sky(
        out.parent().unwrap(),
        &[
            "import",
            snapshot.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    )
}

fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap()
}

#[test]
fn an_imported_network_plans_to_no_changes_and_lints() {
    let out = scratch("import-bastion").join("network");
    let (code, stdout, stderr) = import(&snapshot(), &out);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(
        stdout.contains("Imported 27 resources of ap-northeast-2"),
        "{stdout}"
    );
    insta::assert_snapshot!(
        "import_bastion_specs",
        ["network.yaml", "security.yaml", "compute.yaml"]
            .map(|f| format!("--- {f}\n{}", read(&out, f)))
            .join("\n")
    );
    insta::assert_snapshot!("import_bastion_notes", stderr);
    let (code, stdout, _) = sky(&out, &["plan", "-q"]);
    assert_eq!(
        (code, stdout.trim()),
        (
            Some(0),
            "No changes. Your infrastructure matches the configuration."
        )
    );
    let (code, stdout, stderr) = sky(&out, &["lint", "-q"]);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    // The state holds the real ids and addresses.
    let state = state(&out);
    assert_eq!(resource(&state, "vpc.main")["id"], "vpc-2b04daeafb68e8123");
    assert_eq!(
        resource(&state, "instance.db")["attributes"]["private_ip_address"],
        "10.0.20.10"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(out.join("skyplan.state.json"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // Who reaches what, on the real addresses.
    let (code, stdout, stderr) = sky(
        &out,
        &[
            "reach",
            "--from",
            "198.51.100.10",
            "--to",
            "bastion",
            "--port",
            "22",
        ],
    );
    assert_eq!(code, Some(0), "{stdout}{stderr}");
}

#[test]
fn import_is_deterministic_and_never_overwrites() {
    let dir = scratch("import-twice");
    let (a, b) = (dir.join("a"), dir.join("b"));
    assert_eq!(import(&snapshot(), &a).0, Some(0));
    assert_eq!(import(&snapshot(), &b).0, Some(0));
    for f in [
        "network.yaml",
        "security.yaml",
        "compute.yaml",
        "skyplan.state.json",
    ] {
        assert_eq!(read(&a, f), read(&b, f), "{f}");
    }
    let before = read(&a, "network.yaml");
    let (code, _, stderr) = import(&snapshot(), &a);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("it exists; import writes a new stack and never overwrites one"),
        "{stderr}"
    );
    assert_eq!(read(&a, "network.yaml"), before);
}

/// Breaks a copy of the snapshot with `edit`, imports it, and checks the
/// error names what it must and that nothing is written.
fn refused(name: &str, edit: impl FnOnce(&Path), expected: &[&str]) {
    let snapshot = snapshot_copy(name);
    edit(&snapshot);
    let out = snapshot.parent().unwrap().join("network");
    let (code, stdout, stderr) = import(&snapshot, &out);
    assert_eq!(code, Some(1), "{stdout}{stderr}");
    for e in expected {
        assert!(stderr.contains(e), "{name}: {e:?} not in {stderr}");
    }
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert!(!out.exists(), "{name}: {out:?} was written");
    let leftovers: Vec<_> = std::fs::read_dir(snapshot.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n != "snapshot")
        .collect();
    assert!(leftovers.is_empty(), "{name}: {leftovers:?}");
}

fn replace(dir: &Path, file: &str, from: &str, to: &str) {
    let text = read(dir, file);
    assert!(text.contains(from), "{from} not in {file}");
    std::fs::write(dir.join(file), text.replace(from, to)).unwrap();
}

#[test]
fn a_missing_file_is_named() {
    refused(
        "import-missing",
        |d| std::fs::remove_file(d.join("describe-subnets.json")).unwrap(),
        &["describe-subnets.json: missing from the snapshot"],
    );
}

#[test]
fn truncated_json_is_placed_in_its_file() {
    refused(
        "import-truncated",
        |d| {
            let text = read(d, "describe-route-tables.json");
            std::fs::write(
                d.join("describe-route-tables.json"),
                &text[..text.len() / 2],
            )
            .unwrap();
        },
        &["describe-route-tables.json: line ", "EOF while parsing"],
    );
}

#[test]
fn the_wrong_command_output_is_named() {
    refused(
        "import-wrong-file",
        |d| {
            std::fs::copy(
                d.join("describe-vpcs.json"),
                d.join("describe-volumes.json"),
            )
            .map(|_| ())
            .unwrap()
        },
        &[
            "describe-volumes.json: it has no `Volumes` list: is it the output of `aws ec2 describe-volumes`?",
        ],
    );
}

#[test]
fn another_region_mixed_in_is_named() {
    refused(
        "import-region",
        |d| {
            replace(
                d,
                "describe-subnets.json",
                "\"AvailabilityZone\": \"ap-northeast-2c\"",
                "\"AvailabilityZone\": \"us-east-1c\"",
            )
        },
        &[
            "describe-subnets.json: subnet-",
            "is in us-east-1, the snapshot's other resources in ap-northeast-2",
        ],
    );
}

#[test]
fn an_id_referenced_but_absent_is_named() {
    refused(
        "import-absent",
        |d| {
            replace(
                d,
                "describe-route-tables.json",
                "\"NatGatewayId\": \"nat-",
                "\"NatGatewayId\": \"nat-0gone",
            )
        },
        &[
            "describe-route-tables.json: rtb-",
            "names NAT gateway nat-0gone",
            "which the snapshot does not hold",
        ],
    );
}

#[test]
fn an_address_outside_its_subnet_is_refused() {
    refused(
        "import-outside",
        |d| {
            replace(
                d,
                "describe-instances.json",
                "\"PrivateIpAddress\": \"10.0.20.10\"",
                "\"PrivateIpAddress\": \"10.9.9.9\"",
            )
        },
        &[
            "describe-instances.json: i-",
            "its private address 10.9.9.9 is outside its subnet",
        ],
    );
}

/// Edits a copy of the fixture snapshot as a user might in the console.
fn console_changes(dir: &Path) {
    let edit = |file: &str, f: &dyn Fn(&mut serde_json::Value)| edit_json(dir, file, f);
    let named = |item: &serde_json::Value, name: &str| {
        item["Tags"]
            .as_array()
            .is_some_and(|t| t.iter().any(|t| t["Key"] == "Name" && t["Value"] == name))
    };
    // A rule added to the bastion's group.
    edit("describe-security-groups.json", &|v| {
        for g in v["SecurityGroups"].as_array_mut().unwrap() {
            if named(g, "bastion") {
                g["IpPermissions"]
                    .as_array_mut()
                    .unwrap()
                    .push(serde_json::json!({
                        "IpProtocol": "tcp", "FromPort": 3389, "ToPort": 3389,
                        "IpRanges": [{"CidrIp": "0.0.0.0/0"}]
                    }));
            }
        }
    });
    // The database instance stopped.
    edit("describe-instances.json", &|v| {
        for r in v["Reservations"].as_array_mut().unwrap() {
            for i in r["Instances"].as_array_mut().unwrap() {
                if named(i, "db") {
                    i["State"] = serde_json::json!({"Code": 80, "Name": "stopped"});
                }
            }
        }
    });
    // A route deleted.
    edit("describe-route-tables.json", &|v| {
        for t in v["RouteTables"].as_array_mut().unwrap() {
            if named(t, "private-c") {
                t["Routes"]
                    .as_array_mut()
                    .unwrap()
                    .retain(|r| r.get("NatGatewayId").is_none());
            }
        }
    });
}

#[test]
fn plan_with_a_later_snapshot_shows_exactly_what_changed_outside() {
    let dir = scratch("import-drift");
    let network = dir.join("network");
    assert_eq!(import(&snapshot(), &network).0, Some(0));
    // The same snapshot: nothing changed.
    let same = snapshot().display().to_string();
    let (code, stdout, stderr) = sky(&network, &["plan", "--snapshot", &same]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        stdout,
        "No changes. Your infrastructure matches the configuration.\n"
    );

    let later = snapshot_copy("import-drift-later");
    console_changes(&later);
    let later = later.display().to_string();
    let (code, stdout, stderr) = sky(&network, &["plan", "--snapshot", &later]);
    assert_eq!(code, Some(0), "{stderr}");
    let drift = stdout.split("─────").next().unwrap();
    let headlines: Vec<&str> = drift.lines().filter(|l| l.starts_with("  # ")).collect();
    assert_eq!(
        headlines,
        [
            "  # security_group.bastion has changed",
            "  # instance.db has changed",
            "  # route_table.private-c has changed",
        ]
    );
    insta::assert_snapshot!("import_drift", stdout.replace(&later, "LATER"));
    let (_, quiet, _) = sky(&network, &["plan", "-q", "--snapshot", &later]);
    assert_eq!(
        quiet,
        "Note: 3 object(s) changed outside of skyplan (run without -q to see them).\nPlan: 0 to add, 3 to change, 0 to destroy.\n"
    );
    // In JSON, as Terraform's `resource_drift`.
    let (code, stdout, stderr) = sky(&network, &["plan", "--json", "--snapshot", &later]);
    assert_eq!(code, Some(0), "{stderr}");
    let plan: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let drifted: Vec<&str> = plan["resource_drift"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["address"].as_str().unwrap())
        .collect();
    assert_eq!(
        drifted,
        [
            "security_group.bastion",
            "instance.db",
            "route_table.private-c"
        ]
    );
    assert_eq!(plan["summary"]["change"], 3);
    // The saved state is only read.
    let (_, stdout, _) = sky(&network, &["plan", "-q"]);
    assert_eq!(
        stdout,
        "No changes. Your infrastructure matches the configuration.\n"
    );
}

#[test]
fn plan_snapshot_needs_a_state() {
    let dir = scratch("import-drift-no-state");
    write(
        &dir,
        "main.yaml",
        "vpcs:\n  main: {cidr: 10.0.0.0/16, region: us-east-1}\n",
    );
    let same = snapshot().display().to_string();
    let (code, _, stderr) = sky(&dir, &["plan", "--snapshot", &same]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("--snapshot compares a snapshot with the state"),
        "{stderr}"
    );
}

/// What a snapshot cannot tell (was the address asked for? are the root
/// volume's settings the AMI's?) never plans a change: a spec that leaves
/// them out, or asks for what the instance has, matches the network.
#[test]
fn what_a_spec_leaves_to_aws_keeps_what_aws_chose() {
    let network = scratch("import-adopt").join("network");
    assert_eq!(import(&snapshot(), &network).0, Some(0));
    let plan = |network: &Path| sky(network, &["plan", "-q"]).1;
    let no_changes = "No changes. Your infrastructure matches the configuration.\n";
    edit(
        &network,
        "compute.yaml",
        "  db: {subnet: data-a,",
        "  db: {private_ip: 10.0.20.10, subnet: data-a,",
    );
    assert_eq!(plan(&network), no_changes);
    edit(
        &network,
        "compute.yaml",
        "    root_volume: {size_gb: 8, type: gp2, encrypted: false}\n",
        "",
    );
    assert_eq!(plan(&network), no_changes);
    // Another address is a new instance, as on AWS.
    edit(
        &network,
        "compute.yaml",
        "private_ip: 10.0.20.10",
        "private_ip: 10.0.20.11",
    );
    let (_, stdout, _) = sky(&network, &["plan"]);
    assert!(
        stdout.contains("# instance.db must be replaced"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Plan: 1 to add, 1 to change, 1 to destroy."),
        "{stdout}"
    );
}

/// `scripts/snapshot.sh`, run against a stand-in for the AWS CLI, writes
/// JSON files named as import reads them: every file import needs or reads.
#[cfg(unix)]
#[test]
fn the_snapshot_script_writes_every_file_import_reads() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("import-script");
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let fake = bin.join("aws");
    std::fs::write(
        &fake,
        "#!/bin/sh\ncase \"$*\" in\n  *describe-vpc-attribute*) echo True;;\n  *'--output text'*) printf 'arn:one\\tarn:two\\n';;\n  *describe-listeners*) printf '[\\n  {\"Port\": 80}\\n]\\n';;\n  *) echo '{}';;\nesac\n",
    )
    .unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = dir.join("snapshot");
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let status = std::process::Command::new("sh")
        .arg(repo().join("scripts/snapshot.sh"))
        .args(["us-east-1", out.to_str().unwrap()])
        .env("PATH", path)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    for name in skyplan_import::REQUIRED
        .iter()
        .chain(skyplan_import::OPTIONAL)
    {
        let text = std::fs::read_to_string(out.join(name))
            .unwrap_or_else(|_| panic!("{name} not written"));
        serde_json::from_str::<serde_json::Value>(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

/// Load balancers, target groups, launch templates and auto scaling
/// groups (the web-asg stack as moto built it) come back with their
/// listeners, health checks and the group's instances.
#[test]
fn a_load_balanced_auto_scaling_network_imports() {
    let out = scratch("import-web-asg").join("network");
    let snapshot = repo().join("tests/fixtures/snapshots/web-asg");
    let (code, stdout, stderr) = import(&snapshot, &out);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    insta::assert_snapshot!("import_web_asg_balancing", read(&out, "balancing.yaml"));
    let (code, stdout, _) = sky(&out, &["plan", "-q"]);
    assert_eq!(
        (code, stdout.as_str()),
        (
            Some(0),
            "No changes. Your infrastructure matches the configuration.\n"
        )
    );
    let state = state(&out);
    let group = resource(&state, "auto_scaling_group.web");
    assert_eq!(
        group["attributes"]["instances"].as_array().unwrap().len(),
        2
    );
    assert!(
        resource(&state, "load_balancer.web")["id"]
            .as_str()
            .unwrap()
            .starts_with("arn:aws:elasticloadbalancing:eu-west-1:")
    );
    // The internet reaches the group's instances through the load balancer.
    let (code, stdout, stderr) = sky(&out, &["exposure"]);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(stdout.contains("load_balancer.web"), "{stdout}");
}

/// A target group's health check timings and attributes, a listener's
/// security policy and a load balancer's access logs come back as the spec
/// would say them: AWS's defaults left out, the rest written.
#[test]
fn balancing_settings_import_without_their_defaults() {
    let snapshot = copy_of("web-asg", "import-balancing-settings");
    edit_json(&snapshot, "elbv2-describe-target-groups.json", |v| {
        let g = &mut v["TargetGroups"][0];
        g["HealthCheckIntervalSeconds"] = 10.into();
        g["UnhealthyThresholdCount"] = 3.into();
        g["Matcher"]["HttpCode"] = "200-299".into();
    });
    edit_json(&snapshot, "elbv2-describe-listeners.json", |v| {
        for l in v["Listeners"].as_array_mut().unwrap() {
            if l["Port"] == 443 {
                l["SslPolicy"] = "ELBSecurityPolicy-TLS13-1-2-2021-06".into();
            }
        }
    });
    let balancer =
        "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/165403081561b680";
    let logs = serde_json::json!({"LoadBalancerAttributes": [{
        "LoadBalancerArn": balancer,
        "Attributes": [
            {"Key": "access_logs.s3.enabled", "Value": "true"},
            {"Key": "access_logs.s3.bucket", "Value": "acme-web-logs"},
            {"Key": "access_logs.s3.prefix", "Value": ""},
            {"Key": "idle_timeout.timeout_seconds", "Value": "60"},
        ],
    }]});
    std::fs::write(
        snapshot.join("elbv2-describe-load-balancer-attributes.json"),
        logs.to_string(),
    )
    .unwrap();
    let out = snapshot.parent().unwrap().join("network");
    let (code, stdout, stderr) = import(&snapshot, &out);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(
        stderr.contains("no elbv2-describe-target-group-attributes.json"),
        "{stderr}"
    );
    std::fs::remove_dir_all(&out).unwrap();
    let arn =
        "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/1914cd495232a013";
    let attributes = serde_json::json!({"TargetGroupAttributes": [{
        "TargetGroupArn": arn,
        "Attributes": [
            {"Key": "deregistration_delay.timeout_seconds", "Value": "30"},
            {"Key": "stickiness.enabled", "Value": "true"},
            {"Key": "stickiness.type", "Value": "app_cookie"},
            {"Key": "stickiness.app_cookie.cookie_name", "Value": "SESSION"},
            {"Key": "stickiness.app_cookie.duration_seconds", "Value": "86400"},
            {"Key": "stickiness.lb_cookie.duration_seconds", "Value": "3600"},
        ],
    }]});
    std::fs::write(
        snapshot.join("elbv2-describe-target-group-attributes.json"),
        attributes.to_string(),
    )
    .unwrap();
    let (code, stdout, stderr) = import(&snapshot, &out);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(!stderr.contains("target-group-attributes"), "{stderr}");
    let text = read(&out, "balancing.yaml");
    for line in [
        "interval: 10",
        "unhealthy_threshold: 3",
        "matcher: 200-299",
        "deregistration_delay: 30",
        "stickiness: {type: app_cookie, cookie_name: SESSION}",
        "access_logs: {bucket: acme-web-logs}",
        "ssl_policy: ELBSecurityPolicy-TLS13-1-2-2021-06",
    ] {
        assert!(text.contains(line), "{line:?} not in\n{text}");
    }
    assert!(!text.contains("timeout"), "AWS's defaults: {text}");
    let (code, stdout, _) = sky(&out, &["plan", "-q"]);
    assert_eq!(
        (code, stdout.as_str()),
        (
            Some(0),
            "No changes. Your infrastructure matches the configuration.\n"
        )
    );
    // Writing AWS's defaults out is not a change either.
    let indent = " ".repeat(6);
    let spec = text.replace(
        "interval: 10\n",
        &format!("interval: 10\n{indent}timeout: 5\n{indent}healthy_threshold: 5\n"),
    );
    assert_ne!(spec, text);
    std::fs::write(out.join("balancing.yaml"), spec).unwrap();
    let (code, stdout, _) = sky(&out, &["plan", "-q"]);
    assert_eq!(code, Some(0), "{stdout}");
}

/// A health check that is AWS's default in every part imports as none, and
/// writing those defaults out is not a change.
#[test]
fn a_default_health_check_written_out_plans_no_change() {
    let snapshot = copy_of("web-asg", "import-default-health-check");
    edit_json(&snapshot, "elbv2-describe-target-groups.json", |v| {
        v["TargetGroups"][0]["HealthCheckPath"] = "/".into();
    });
    let out = snapshot.parent().unwrap().join("network");
    let (code, stdout, stderr) = import(&snapshot, &out);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    let text = read(&out, "balancing.yaml");
    assert!(!text.contains("health_check"), "{text}");
    let written = text.replace(
        "  web: {vpc: web, protocol: HTTP, port: 80}\n",
        "  web: {vpc: web, protocol: HTTP, port: 80, health_check: {protocol: HTTP, port: traffic-port, path: /, interval: 30, matcher: \"200\"}}\n",
    );
    assert_ne!(written, text);
    std::fs::write(out.join("balancing.yaml"), written).unwrap();
    let (code, stdout, _) = sky(&out, &["plan", "-q"]);
    assert_eq!(
        (code, stdout.as_str()),
        (
            Some(0),
            "No changes. Your infrastructure matches the configuration.\n"
        )
    );
}

/// An `ip` target group comes back with its addresses, a port other than
/// the group's kept.
#[test]
fn an_ip_target_group_imports_with_its_addresses() {
    let snapshot = copy_of("web-asg", "import-ip-targets");
    edit_json(&snapshot, "elbv2-describe-target-groups.json", |v| {
        v["TargetGroups"][0]["TargetType"] = "ip".into();
    });
    edit_json(&snapshot, "elbv2-describe-target-health.json", |v| {
        v["TargetHealth"][0]["TargetHealthDescriptions"] = serde_json::json!([
            {"Target": {"Id": "192.168.1.5", "Port": 8080, "AvailabilityZone": "all"}},
            {"Target": {"Id": "10.30.20.10", "Port": 80}},
        ]);
    });
    edit_json(
        &snapshot,
        "autoscaling-describe-auto-scaling-groups.json",
        |v| {
            v["AutoScalingGroups"][0]["TargetGroupARNs"] = serde_json::json!([]);
        },
    );
    let out = snapshot.parent().unwrap().join("network");
    let (code, stdout, stderr) = import(&snapshot, &out);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    let text = read(&out, "balancing.yaml");
    assert!(
        text.contains("target_type: ip")
            && text.contains(
                r#"ip_targets: [{address: "10.30.20.10"}, {address: "192.168.1.5", port: 8080}]"#
            ),
        "{text}"
    );
    let (code, stdout, _) = sky(&out, &["plan", "-q"]);
    assert_eq!(
        (code, stdout.as_str()),
        (
            Some(0),
            "No changes. Your infrastructure matches the configuration.\n"
        )
    );
    let (code, stdout, stderr) = sky(&out, &["lint"]);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    let state = state(&out);
    let targets = &resource(&state, "target_group.web")["attributes"]["ip_targets"];
    assert_eq!(
        targets,
        &serde_json::json!([
            {"address": "10.30.20.10"},
            {"address": "192.168.1.5", "port": 8080, "availability_zone": "all"},
        ])
    );
}

/// An internet-facing network load balancer's elastic IPs come back as its
/// subnet mappings (moto 5.2.1's CloudFormation cannot build them, so the
/// web-asg snapshot is made one by hand).
#[test]
fn a_network_load_balancer_imports_with_its_elastic_ips() {
    let snapshot = copy_of("web-asg", "import-subnet-mappings");
    edit_json(&snapshot, "elbv2-describe-load-balancers.json", |v| {
        let lb = &mut v["LoadBalancers"][0];
        lb["Type"] = "network".into();
        for (k, zone) in lb["AvailabilityZones"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .enumerate()
        {
            zone["LoadBalancerAddresses"] = serde_json::json!([
                {"IpAddress": format!("198.51.100.{}", 10 + k), "AllocationId": format!("eipalloc-0edge{k}")},
            ]);
        }
    });
    edit_json(&snapshot, "elbv2-describe-listeners.json", |v| {
        for l in v["Listeners"].as_array_mut().unwrap() {
            l["Protocol"] = "TCP".into();
            l.as_object_mut().unwrap().remove("Certificates");
        }
    });
    edit_json(&snapshot, "elbv2-describe-target-groups.json", |v| {
        let g = v["TargetGroups"][0].as_object_mut().unwrap();
        g.insert("Protocol".into(), "TCP".into());
        g.insert("HealthCheckProtocol".into(), "TCP".into());
        g.remove("HealthCheckPath");
        g.remove("Matcher");
        g.insert("HealthCheckTimeoutSeconds".into(), 10.into());
    });
    edit_json(&snapshot, "describe-addresses.json", |v| {
        let list = v["Addresses"].as_array_mut().unwrap();
        for k in 0..2 {
            list.push(serde_json::json!({
                "AllocationId": format!("eipalloc-0edge{k}"),
                "Domain": "vpc",
                "PublicIp": format!("198.51.100.{}", 10 + k),
                "Tags": [{"Key": "Name", "Value": format!("edge-{k}")}],
            }));
        }
    });
    let out = snapshot.parent().unwrap().join("network");
    let (code, stdout, stderr) = import(&snapshot, &out);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    let text = read(&out, "balancing.yaml");
    assert!(
        text.contains(
            "subnet_mappings: [{subnet: public-a, elastic_ip: edge-0}, {subnet: public-b, elastic_ip: edge-1}]"
        ),
        "{text}"
    );
    assert!(!text.contains("subnets: [public-a"), "{text}");
    let (code, stdout, stderr) = sky(&out, &["plan", "-q"]);
    assert_eq!(
        (code, stdout.as_str()),
        (
            Some(0),
            "No changes. Your infrastructure matches the configuration.\n"
        ),
        "{stderr}"
    );
}

/// What moto cannot build, written into a copy of the hybrid snapshot as
/// AWS reports it: the VPN's static routing, the hub table's propagation
/// from the VPN gateway, RDS databases (one in the data subnet group
/// with the VPC's default group, one Aurora cluster member) and Direct
/// Connect gateways (one associated with the VPN gateway, one with a
/// gateway of another region only).
fn hybrid_snapshot(name: &str) -> PathBuf {
    let dir = copy_of("hybrid", name);
    write(
        &dir,
        "rds-describe-db-instances.json",
        &serde_json::json!({"DBInstances": [
            {
                "DBInstanceIdentifier": "ledger",
                "DBInstanceArn": "arn:aws:rds:us-east-1:123456789012:db:ledger",
                "DBInstanceClass": "db.m7g.large",
                "Engine": "mysql",
                "DBInstanceStatus": "available",
                "Endpoint": {"Address": "ledger.c9akciq32.us-east-1.rds.amazonaws.com", "Port": 3307},
                "AllocatedStorage": 500,
                "StorageType": "gp3",
                "Iops": 12000,
                "MultiAZ": false,
                "AvailabilityZone": "us-east-1b",
                "PubliclyAccessible": false,
                "DBSubnetGroup": {"DBSubnetGroupName": "data", "VpcId": "vpc-1987e64652cdddb2d"},
                "VpcSecurityGroups": [{"VpcSecurityGroupId": "sg-744a00e1eacd35430", "Status": "active"}],
                "TagList": [{"Key": "Name", "Value": "ledger"}, {"Key": "stack", "Value": "hybrid"}]
            },
            {
                "DBInstanceIdentifier": "reports-1",
                "DBInstanceArn": "arn:aws:rds:us-east-1:123456789012:db:reports-1",
                "DBInstanceClass": "db.r7g.large",
                "Engine": "aurora-postgresql",
                "DBClusterIdentifier": "reports",
                "AllocatedStorage": 1,
                "StorageType": "aurora",
                "DBSubnetGroup": {"DBSubnetGroupName": "data"},
                "VpcSecurityGroups": [{"VpcSecurityGroupId": "sg-744a00e1eacd35430"}]
            }
        ]})
        .to_string(),
    );
    let edit = |file: &str, f: &dyn Fn(&mut serde_json::Value)| edit_json(&dir, file, f);
    let gateway: serde_json::Value =
        serde_json::from_str(&read(&dir, "describe-vpn-gateways.json")).unwrap();
    let vgw = gateway["VpnGateways"][0]["VpnGatewayId"].clone();
    write(
        &dir,
        "directconnect-describe-direct-connect-gateways.json",
        &serde_json::json!({"directConnectGateways": [
            {"directConnectGatewayId": "5f294f92-bafb-4011-916d-9b0bec385e29", "directConnectGatewayName": "datacentre", "amazonSideAsn": 64600, "ownerAccount": "123456789012", "directConnectGatewayState": "available"},
            {"directConnectGatewayId": "0a1b2c3d-0000-4011-916d-9b0bec385e30", "directConnectGatewayName": "elsewhere", "amazonSideAsn": 64601, "ownerAccount": "123456789012", "directConnectGatewayState": "available"}
        ]})
        .to_string(),
    );
    write(
        &dir,
        "directconnect-describe-direct-connect-gateway-associations.json",
        &serde_json::json!({"directConnectGatewayAssociations": [
            {"directConnectGatewayId": "5f294f92-bafb-4011-916d-9b0bec385e29", "associationState": "associated",
             "associatedGateway": {"id": vgw, "type": "virtualPrivateGateway", "ownerAccount": "123456789012", "region": "us-east-1"},
             "allowedPrefixesToDirectConnectGateway": [{"cidr": "10.0.0.0/8"}]},
            {"directConnectGatewayId": "0a1b2c3d-0000-4011-916d-9b0bec385e30", "associationState": "associated",
             "associatedGateway": {"id": "tgw-0123456789abcdef0", "type": "transitGateway", "ownerAccount": "123456789012", "region": "eu-west-1"},
             "allowedPrefixesToDirectConnectGateway": [{"cidr": "10.50.0.0/16"}]}
        ]})
        .to_string(),
    );
    edit("describe-vpn-connections.json", &|v| {
        let c = &mut v["VpnConnections"][0];
        c["Options"] = serde_json::json!({"StaticRoutesOnly": true});
        c["Routes"] =
            serde_json::json!([{"DestinationCidrBlock": "192.168.0.0/16", "State": "available"}]);
    });
    edit("describe-route-tables.json", &|v| {
        for t in v["RouteTables"].as_array_mut().unwrap() {
            let routes_to_vgw = t["Routes"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["GatewayId"] == vgw);
            if routes_to_vgw {
                t["PropagatingVgws"] = serde_json::json!([{"GatewayId": vgw}]);
            }
        }
    });
    dir
}

/// Transit gateways and their attachments, VPN (customer gateway, virtual
/// private gateway, connection), routes to both, propagation, flow logs,
/// DB subnet groups and DB instances come back; the specs they were built from plan to
/// no changes against the imported state but for the customer gateway's
/// networks, which AWS keeps no record of (noted).
#[test]
fn a_hybrid_network_imports() {
    let snapshot = hybrid_snapshot("import-hybrid");
    let out = snapshot.parent().unwrap().join("network");
    let (code, stdout, stderr) = import(&snapshot, &out);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(
        stderr.contains("AWS keeps no record of the networks behind a customer gateway"),
        "{stderr}"
    );
    assert!(
        stderr.contains("a database of engine aurora-postgresql (Aurora cluster members"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "its association with tgw-0123456789abcdef0, which this region's snapshot does not hold"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("describe-direct-connect-gateways gives no tags"),
        "{stderr}"
    );
    insta::assert_snapshot!(
        "import_hybrid_specs",
        ["hybrid.yaml", "data.yaml", "security.yaml"]
            .map(|f| format!("--- {f}\n{}", read(&out, f)))
            .join("\n")
    );
    let (code, stdout, _) = sky(&out, &["plan", "-q"]);
    assert_eq!(
        (code, stdout.as_str()),
        (
            Some(0),
            "No changes. Your infrastructure matches the configuration.\n"
        )
    );
    let original = snapshot.parent().unwrap().join("original");
    std::fs::create_dir_all(&original).unwrap();
    std::fs::copy(
        out.join("skyplan.state.json"),
        original.join("skyplan.state.json"),
    )
    .unwrap();
    std::fs::copy(
        repo().join("tests/fixtures/snapshots/hybrid-specs.yaml"),
        original.join("net.yaml"),
    )
    .unwrap();
    let plan = plan_json(&original);
    let changed = changed(&plan);
    // The specs' shared tags are on the Direct Connect gateway too, which
    // its describe does not give (noted).
    assert_eq!(
        changed,
        ["customer_gateway.office", "dx_gateway.datacentre"],
        "{plan}"
    );
}

/// `--default-vpcs` imports the region's default VPC with what is in it;
/// without it, that VPC is a note.
#[test]
fn default_vpcs_are_imported_only_when_asked() {
    let dir = scratch("import-default-vpcs");
    let out = dir.join("network");
    let snapshot = snapshot().display().to_string();
    let args = [
        "import",
        snapshot.as_str(),
        "--out",
        "network",
        "--default-vpcs",
    ];
    let (code, stdout, stderr) = sky(&dir, &args);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(!stderr.contains("the region's default VPC"), "{stderr}");
    assert!(stdout.contains("Imported 33 resources"), "{stdout}");
    let (code, stdout, _) = sky(&out, &["plan", "-q"]);
    assert_eq!(
        (code, stdout.as_str()),
        (
            Some(0),
            "No changes. Your infrastructure matches the configuration.\n"
        )
    );
    // A refresh keeps the default VPC the state holds.
    let (code, stdout, stderr) = sky(&out, &["plan", "--snapshot", snapshot.as_str()]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        stdout,
        "No changes. Your infrastructure matches the configuration.\n"
    );
}
