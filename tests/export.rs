//! `skyplan export` on the real binary: every shipped stack in both
//! formats, deterministic, every resource present (or noted), counted
//! instances as `count`, names and text made safe for each format, and
//! nothing written for a broken stack.

mod common;

use common::*;

fn export(dir: &std::path::Path, format: &str) -> (String, String) {
    let (code, out, err) = sky(dir, &["export", "--format", format, "."]);
    assert_eq!(code, Some(0), "{err}");
    (out, err)
}

#[test]
fn every_shipped_stack_exports_every_resource_in_both_formats() {
    for stack in shipped_stacks() {
        let dir = repo().join("specs").join(&stack);
        let (template, notes) = export(&dir, "cloudformation");
        assert_eq!(
            export(&dir, "cloudformation").0,
            template,
            "{stack}: deterministic"
        );
        let (configuration, _) = export(&dir, "terraform");
        let plan = plan_json(&shipped_copy(&stack, &format!("export-{stack}")));
        for c in plan["resource_changes"].as_array().unwrap() {
            let address = c["address"].as_str().unwrap();
            let kind = c["kind"].as_str().unwrap();
            let name = c["name"].as_str().unwrap();
            // Every resource is in the template, or a note says why not.
            let tag = format!("Value: {:?}", name);
            assert!(
                template.contains(&tag) || notes.contains(&format!("note: {address}:")),
                "{stack}: {address} is neither in the template nor noted"
            );
            assert!(
                configuration.contains(&format!("\"{name}\" {{"))
                    || configuration.contains(&format!("\"_{name}\" {{")),
                "{stack}: {address} ({kind}) has no Terraform block"
            );
        }
    }
}

#[test]
fn every_kind_and_reference_exports() {
    let dir = scratch("export-every-reference");
    write(&dir, "network.yaml", EVERY_REFERENCE);
    let (template, notes) = export(&dir, "cloudformation");
    let (configuration, _) = export(&dir, "terraform");
    let plan = plan_json(&dir);
    for c in plan["resource_changes"].as_array().unwrap() {
        let address = c["address"].as_str().unwrap();
        let name = c["name"].as_str().unwrap();
        assert!(
            template.contains(&format!("Value: {name:?}"))
                || notes.contains(&format!("note: {address}:")),
            "{address} is neither in the template nor noted"
        );
        assert!(
            configuration.contains(&format!("\"{name}\" {{")),
            "{address}: no Terraform block"
        );
    }
    // A route to a transit gateway waits for the VPC's attachment.
    assert!(
        template.contains("TransitGatewayId: !Ref TransitGatewayHub"),
        "{template}"
    );
    assert!(
        template.contains("DependsOn: [TransitGatewayAttachmentMain]"),
        "{template}"
    );
    assert!(
        configuration.contains("depends_on = [aws_ec2_transit_gateway_vpc_attachment.main]"),
        "{configuration}"
    );
}

#[test]
fn a_shipped_stack_exports_as_the_snapshots_show() {
    let dir = repo().join("specs/web-asg");
    insta::assert_snapshot!(
        "export_web_asg_cloudformation",
        export(&dir, "cloudformation").0
    );
    insta::assert_snapshot!("export_web_asg_terraform", export(&dir, "terraform").0);
}

#[test]
fn counted_instances_are_one_terraform_block_with_count() {
    let (tf, _) = export(&repo().join("specs/bastion"), "terraform");
    assert!(tf.contains("  count                       = 4\n"), "{tf}");
    assert!(
        tf.contains("subnet_id                   = [aws_subnet.private-a.id, aws_subnet.private-c.id, aws_subnet.private-a.id, aws_subnet.private-c.id][count.index]"),
        "{tf}"
    );
    // CloudFormation has no count: one resource per copy.
    let (cfn, _) = export(&repo().join("specs/bastion"), "cloudformation");
    for i in 0..4 {
        assert!(cfn.contains(&format!("  InstanceApp{i}:\n")), "{cfn}");
    }
}

const NAMES: &str = r#"defaults: {region: eu-west-1}
vpcs:
  main: {cidr: 10.0.0.0/16}
subnets:
  app-a: {vpc: main, cidr: 10.0.1.0/24, az: eu-west-1a}
  app_a: {vpc: main, cidr: 10.0.2.0/24, az: eu-west-1a}
  1a: {vpc: main, cidr: 10.0.3.0/24, az: eu-west-1a}
security_groups:
  closed:
    vpc: main
    # `$${` is a literal `${` (`${...}` would be an expression).
    description: 'say hi to $${var.x}'
    egress: []
    tags: {note: 'say "hi" %{if}'}
  open: {vpc: main, description: default egress}
"#;

#[test]
fn names_and_text_are_made_safe_for_each_format() {
    let dir = scratch("export-names");
    write(&dir, "network.yaml", NAMES);
    let (cfn, _) = export(&dir, "cloudformation");
    // Logical ids are alphanumeric and unique.
    assert!(
        cfn.contains("  SubnetAppA:\n") && cfn.contains("  SubnetAppA2:\n"),
        "{cfn}"
    );
    assert!(cfn.contains("  Subnet1a:\n"), "{cfn}");
    assert!(
        cfn.contains(r#"GroupDescription: "say hi to ${var.x}""#),
        "{cfn}"
    );
    assert!(cfn.contains(r#"Value: "say \"hi\" %{if}""#), "{cfn}");
    // A group that allows nothing out replaces AWS's allow-all rule with
    // the documented rule to 127.0.0.1/32; one without `egress` keeps it.
    let closed = &cfn[cfn.find("  SecurityGroupClosed:").unwrap()..];
    assert!(closed.contains(r#"CidrIp: "127.0.0.1/32""#), "{cfn}");
    let open = &cfn[cfn.find("  SecurityGroupOpen:").unwrap()..];
    let open = &open[..open.find("Tags:").unwrap()];
    assert!(open.contains(r#"CidrIp: "0.0.0.0/0""#), "{open}");

    let (tf, _) = export(&dir, "terraform");
    assert!(tf.contains(r#"resource "aws_subnet" "app-a" {"#), "{tf}");
    assert!(tf.contains(r#"resource "aws_subnet" "app_a" {"#), "{tf}");
    // Terraform names cannot start with a digit; templates stay literal.
    assert!(tf.contains(r#"resource "aws_subnet" "_1a" {"#), "{tf}");
    assert!(tf.contains(r#""say hi to $${var.x}""#), "{tf}");
    assert!(tf.contains(r#""say \"hi\" %%{if}""#), "{tf}");
    // The closed group has no egress rule resource at all.
    assert!(!tf.contains("closed_egress"), "{tf}");
    assert!(
        tf.contains(r#"resource "aws_vpc_security_group_egress_rule" "open_egress_1""#),
        "{tf}"
    );
}

#[test]
fn what_a_format_cannot_say_is_noted_and_quiet_hides_the_notes() {
    let dir = repo().join("specs/web-asg");
    let (_, notes) = export(&dir, "cloudformation");
    assert!(
        notes.contains("note: instance.db: its root volume settings are not in the template"),
        "{notes}"
    );
    let (code, _, err) = sky(&dir, &["export", "-q", "--format", "cloudformation", "."]);
    assert_eq!(code, Some(0));
    assert!(!err.contains("note:"), "{err}");
}

#[test]
fn a_broken_stack_is_not_exported_and_nothing_is_written() {
    let dir = scratch("export-broken");
    write(&dir, "network.yaml", "vpcs:\n  main: {cidr: 10.0.0.0/33}\n");
    let (code, out, err) = sky(
        &dir,
        &["export", "--format", "terraform", "--out", "main.tf", "."],
    );
    assert_eq!(code, Some(1), "{out}{err}");
    assert!(!dir.join("main.tf").exists());
    let (code, _, err) = sky(&dir, &["export", "--format", "yaml", "."]);
    assert_eq!(code, Some(2), "{err}");
}

#[test]
fn out_writes_the_file_atomically_and_prints_nothing() {
    let dir = shipped_copy("three-tier", "export-out");
    let (code, out, err) = sky(
        &dir,
        &["export", "--format", "terraform", "--out", "main.tf", "."],
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(out.is_empty(), "{out}");
    let written = std::fs::read_to_string(dir.join("main.tf")).unwrap();
    assert!(
        written.starts_with("# skyplan stack export-out: "),
        "{written}"
    );
    assert!(
        written.contains("provider \"aws\" {\n  region = \"eu-west-1\"\n}"),
        "{written}"
    );
}

#[test]
fn a_template_past_cloudformations_quotas_says_so() {
    let dir = scratch("export-quotas");
    write(
        &dir,
        "network.yaml",
        "defaults: {region: eu-west-1}\nvpcs:\n  main: {cidr: 10.0.0.0/16}\nsubnets:\n  a: {vpc: main, cidr: 10.0.0.0/20, az: eu-west-1a}\n  b: {vpc: main, cidr: 10.0.16.0/20, az: eu-west-1b}\nsecurity_groups:\n  app: {vpc: main, description: app}\ninstances:\n  app: {subnets: [a, b], ami: ami-0123456789abcdef0, type: t3.micro, security_groups: [app], count: 260}\n",
    );
    let (cfn, notes) = export(&dir, "cloudformation");
    assert!(
        notes.contains("note: the template has 524 resources and CloudFormation takes at most 500"),
        "{notes}"
    );
    assert!(
        notes.contains(
            "note: 264 ids and CloudFormation takes at most 200 outputs: none are written"
        ),
        "{notes}"
    );
    assert!(!cfn.contains("Outputs:"));
}

#[test]
fn out_never_overwrites_the_stack_its_state_or_a_foreign_file() {
    let dir = shipped_copy("three-tier", "export-out-guards");
    let spec = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|n| n.ends_with(".yaml"))
        .unwrap();
    let before = std::fs::read(dir.join(&spec)).unwrap();
    let refused = |out: &str, why: &str| {
        let (code, _, err) = sky(
            &dir,
            &["export", "--format", "terraform", "--out", out, "."],
        );
        assert_eq!(code, Some(2), "{out}: {err}");
        assert!(err.contains(why), "{out}: {err}");
    };
    refused(&spec, "a file of the stack or its state");
    refused("skyplan.state.json", "a file of the stack or its state");
    refused("template.yaml", "would be read as one of its spec files");
    refused("-", "leave out --out");
    write(&dir, "notes.tf", "# my own notes\n");
    refused("notes.tf", "not an earlier skyplan export");
    assert_eq!(std::fs::read(dir.join(&spec)).unwrap(), before);
    assert_eq!(
        std::fs::read_to_string(dir.join("notes.tf")).unwrap(),
        "# my own notes\n"
    );
    // An earlier export is replaced; a template outside the stack is fine.
    for _ in 0..2 {
        let (code, _, err) = sky(
            &dir,
            &["export", "--format", "terraform", "--out", "main.tf", "."],
        );
        assert_eq!(code, Some(0), "{err}");
    }
    let (code, _, err) = sky(
        &dir,
        &[
            "export",
            "--format",
            "cloudformation",
            "--out",
            "../export-out-guards.yaml",
            ".",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    let (code, _, err) = sky(
        &dir,
        &[
            "export",
            "--format",
            "cloudformation",
            "--out",
            "../export-out-guards.yaml",
            ".",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
}

/// CloudFormation creates resources in parallel: a subnet in a VPC's
/// secondary block waits for that block's association, as one with an
/// IPv6 block waits for that.
#[test]
fn a_subnet_in_a_secondary_block_waits_for_it() {
    let (template, _) = export(&repo().join("specs/hub-spoke"), "cloudformation");
    let subnet = template.split("  SubnetBAppB:\n").nth(1).unwrap();
    let subnet = subnet.split("\n  Subnet").next().unwrap();
    assert!(subnet.contains("DependsOn: [VpcSpokeBCidr1]"), "{subnet}");
    assert!(template.contains("  VpcSpokeBCidr1:\n    Type: AWS::EC2::VPCCidrBlock"));
    let (other, _) = template
        .split_once("  SubnetBAppA:\n")
        .unwrap()
        .1
        .split_once("\n  SubnetBAppB")
        .unwrap();
    assert!(!other.contains("DependsOn"), "{other}");
}
