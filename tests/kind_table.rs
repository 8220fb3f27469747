//! There is one kind table: the graph's edges, the plan's attributes, the
//! ids apply gives, the generated reference and the JSON Schema all agree
//! with `skyplan_spec::schema`, for every kind. A kind, attribute or
//! reference added to the table without its edge, decoder or docs fails here.

mod common;

use std::collections::BTreeSet;

use common::*;
use serde_json::Value;
use skyplan_spec::Kind;
use skyplan_spec::schema::{Attr, AttrType};

/// Every reference of `attrs` as the graph labels its edge (`vpc`,
/// `routes[i].nat_gateway`, `attach.instance`): the label's start and end
/// (the index between them), with the kind it names.
/// Every reference of a kind table, as the edge label names it with its
/// list indexes left out (`listeners[].rules[].target_group`).
fn reference_fields(attrs: &[Attr], prefix: &str, out: &mut Vec<(String, Kind)>) {
    for a in attrs {
        match a.ty {
            AttrType::List(inner) => {
                reference_fields(inner, &format!("{prefix}{}[].", a.name), out)
            }
            AttrType::Object(inner) => {
                reference_fields(inner, &format!("{prefix}{}.", a.name), out)
            }
            _ => {
                if let Some(k) = a.references() {
                    out.push((format!("{prefix}{}", a.name), k));
                }
            }
        }
    }
}

/// An edge label with its list indexes left out.
fn without_indexes(label: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in label.chars() {
        match c {
            '[' => inside = true,
            ']' => {
                inside = false;
                out.push_str("[]");
            }
            _ if inside && c.is_ascii_digit() => {}
            _ => out.push(c),
        }
    }
    out
}

fn stack(name: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    write(&dir, "a.yaml", EVERY_REFERENCE);
    dir
}

#[test]
fn every_reference_of_the_table_is_an_edge_of_the_graph() {
    let dir = stack("kind-table-edges");
    let out = run(&["graph", "."], &dir);
    assert_eq!(out.status.code(), Some(0));
    let dot = String::from_utf8_lossy(&out.stdout);
    for kind in Kind::ALL {
        let mut fields = Vec::new();
        reference_fields(kind.schema().attributes, "", &mut fields);
        // A VPC's `default_security_group:` and `default_network_acl:` are
        // their own kinds: their references are edges of those nodes.
        fields.retain(|(path, _)| !path.starts_with("default_"));
        for (path, target) in fields {
            let found = dot.lines().any(|l| {
                let label = l.split("[label=\"").nth(1).unwrap_or("");
                let label = label.split('"').next().unwrap_or("");
                l.trim_start()
                    .starts_with(&format!("\"{}.", kind.singular()))
                    && l.contains(&format!("-> \"{}.", target.singular()))
                    && without_indexes(label) == path
            });
            assert!(
                found,
                "no edge {}.* -[{path}]-> {}.*",
                kind.singular(),
                target.singular()
            );
        }
    }
}

/// Computed attributes a resource has only when it asks for them (a public
/// address, an IPv6 block or address).
fn conditional(name: &str) -> bool {
    matches!(
        name,
        "public_ip_address"
            | "ipv6_cidr_block"
            | "ipv6_address"
            | "private_ip_addresses"
            | "instances"
    )
}

#[test]
fn plans_attributes_and_ids_follow_the_table() {
    let dir = stack("kind-table-plan");
    let out = run(&["plan", "--json", "."], &dir);
    assert_eq!(out.status.code(), Some(0));
    let plan = json(&out);
    let mut kinds_seen = BTreeSet::new();
    for change in plan["resource_changes"].as_array().unwrap() {
        let kind = Kind::from_singular(change["kind"].as_str().unwrap()).unwrap();
        kinds_seen.insert(kind);
        let schema = kind.schema();
        let after = change["change"]["after"].as_object().unwrap();
        for key in after.keys() {
            assert!(
                key == "tags" || schema.attribute(key).is_some(),
                "{}: `{key}` is not in the kind table",
                change["address"]
            );
        }
        for a in schema.attributes.iter().filter(|a| a.required) {
            // An instance names `subnet` or `subnets`; both are optional.
            assert!(
                after.contains_key(a.name),
                "{}: no `{}`",
                change["address"],
                a.name
            );
        }
        // Computed attributes are unknown until apply (a public address
        // only when the resource has one).
        for c in schema.computed.iter().filter(|c| !conditional(c.name)) {
            assert!(
                change["change"]["after_unknown"].get(c.name).is_some(),
                "{}: `{}` is computed",
                change["address"],
                c.name
            );
        }
    }
    assert_eq!(
        kinds_seen.len(),
        Kind::ALL.len(),
        "the stack covers every kind"
    );
    let out = run(&["apply", "--auto-approve", "."], &dir);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let state: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("skyplan.state.json")).unwrap())
            .unwrap();
    for r in state["resources"].as_array().unwrap() {
        let kind = Kind::from_singular(r["kind"].as_str().unwrap()).unwrap();
        let id = r["id"].as_str().unwrap();
        let prefix = kind.schema().id_prefix;
        assert!(
            id.starts_with(&format!("{prefix}-")) || id.starts_with(&format!("{prefix}:")),
            "{}: id {id}",
            r["address"]
        );
        // The typed attributes of the state: configured ones of the table,
        // and every computed one apply fills in.
        let schema = kind.schema();
        let attributes = r["attributes"].as_object().unwrap();
        for key in attributes.keys() {
            assert!(
                key == "tags" || schema.attribute(key).is_some() || schema.is_computed(key),
                "{}: `{key}` is not in the kind table",
                r["address"]
            );
        }
        for c in schema.computed.iter().filter(|c| !conditional(c.name)) {
            assert!(
                attributes.contains_key(c.name),
                "{}: apply did not compute `{}`",
                r["address"],
                c.name
            );
        }
    }
}

#[test]
fn the_reference_and_the_schema_name_every_attribute() {
    let spec = std::fs::read_to_string(repo().join("docs/spec.md")).unwrap();
    let schema: Value = serde_json::from_str(&skyplan_spec::generated::json_schema()).unwrap();
    for kind in Kind::ALL {
        // A VPC's default group and ACL are declared inside the VPC.
        let (heading, properties) = if kind.is_top_level() {
            let p = &schema["properties"][kind.plural()]["additionalProperties"]["properties"];
            (kind.plural(), p)
        } else {
            let vpc = &schema["properties"]["vpcs"]["additionalProperties"]["properties"];
            (kind.singular(), &vpc[kind.singular()]["properties"])
        };
        assert!(spec.contains(&format!("## `{heading}`")), "{kind:?}");
        for a in kind.schema().attributes {
            assert!(
                spec.contains(&format!("| `{}` |", a.name)),
                "{kind:?}.{}",
                a.name
            );
            // The VPC names the default group's and ACL's VPC itself.
            if !kind.is_top_level() && a.name == "vpc" {
                continue;
            }
            assert!(
                properties.get(a.name).is_some(),
                "schema lacks {kind:?}.{}",
                a.name
            );
        }
    }
}

/// A group's rules as states are written now: a rule with `cidrs` is one
/// rule per block (anything else unchanged).
fn one_rule_per_block(v: &Value) -> Value {
    let Some(rules) = v.as_array() else {
        return v.clone();
    };
    let mut out = Vec::new();
    for r in rules {
        match r.get("cidrs").and_then(Value::as_array) {
            Some(blocks) => {
                for b in blocks {
                    let mut one = r.clone();
                    one.as_object_mut().unwrap().remove("cidrs");
                    one["cidr"] = b.clone();
                    out.push(one);
                }
            }
            None => out.push(r.clone()),
        }
    }
    Value::Array(out)
}

/// A state written before plans and states were typed (format 1, as the
/// skyplan of commit 70c9cdd wrote it for `specs/three-tier`) reads into
/// the typed attributes unchanged: the stack plans no change against it,
/// and writing it back keeps every attribute (a group rule's `cidrs`
/// written one rule per block, as AWS keeps it).
#[test]
fn a_state_from_before_typed_attributes_plans_no_change() {
    let dir = scratch("kind-table-v1-state");
    let old =
        std::fs::read_to_string(repo().join("tests/fixtures/three-tier.state-v1.json")).unwrap();
    std::fs::write(dir.join("old.json"), &old).unwrap();
    let stack = repo().join("specs/three-tier");
    let stack = stack.to_str().unwrap();
    let (code, out, err) = sky(
        &dir,
        &["plan", "--detailed-exitcode", "--state", "old.json", stack],
    );
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("No changes."), "{out}");
    // A rewrite keeps every attribute (and writes the defaults of the ones
    // added since, such as an instance's `metadata`).
    let typed = skyplan_state::State::parse(&old).unwrap();
    let before: Value = serde_json::from_str(&old).unwrap();
    let after: Value = serde_json::from_str(&typed.to_json()).unwrap();
    let (b, a) = (
        before["resources"].as_array().unwrap(),
        after["resources"].as_array().unwrap(),
    );
    assert_eq!(b.len(), a.len());
    for (old, new) in b.iter().zip(a) {
        for (key, value) in old.as_object().unwrap() {
            if key == "attributes" {
                for (k, v) in value.as_object().unwrap() {
                    let v = if old["kind"] == "security_group" {
                        one_rule_per_block(v)
                    } else {
                        v.clone()
                    };
                    assert_eq!(new["attributes"][k], v, "{}.{k}", old["address"]);
                }
            } else {
                assert_eq!(&new[key], value, "{}: {key}", old["address"]);
            }
        }
    }
}

/// The instance settings of the v2 language round-trip: lint clean, apply,
/// no change against their own state, and an update in place when changed.
#[test]
fn instance_settings_plan_apply_and_update_in_place() {
    let dir = scratch("kind-table-instance-settings");
    let stack = "defaults: {region: eu-west-1}
vpcs:
  main: {cidr: 10.0.0.0/16}
subnets:
  a: {vpc: main, cidr: 10.0.0.0/24, az: eu-west-1a}
  b: {vpc: main, cidr: 10.0.1.0/24, az: eu-west-1b}
security_groups:
  g: {vpc: main, ingress: [{protocol: tcp, ports: 443, cidr: 10.0.0.0/16}]}
instances:
  fw:
    subnet: a
    ami: ami-0123456789abcdef0
    type: t3.micro
    security_groups: [g]
    source_dest_check: false
    metadata: {http_tokens: required, hop_limit: 1}
    iam_instance_profile: firewall
route_tables:
  r: {vpc: main, subnets: [b], routes: [{destination: 0.0.0.0/0, instance: fw}]}
";
    write(&dir, "a.yaml", stack);
    let (code, out, err) = sky(&dir, &["lint", "."]);
    assert_eq!(code, Some(0), "{out}{err}");
    let (code, _, err) = sky(&dir, &["apply", "--auto-approve", "."]);
    assert_eq!(code, Some(0), "{err}");
    let state: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("skyplan.state.json")).unwrap())
            .unwrap();
    let fw = state["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["address"] == "instance.fw")
        .unwrap();
    assert_eq!(fw["attributes"]["source_dest_check"], false);
    assert_eq!(fw["attributes"]["metadata"]["hop_limit"], 1);
    assert_eq!(fw["attributes"]["iam_instance_profile"], "firewall");
    let (code, _, _) = sky(&dir, &["plan", "--detailed-exitcode", "."]);
    assert_eq!(code, Some(0), "no change against its own state");
    write(
        &dir,
        "a.yaml",
        &stack.replace("hop_limit: 1", "hop_limit: 2"),
    );
    let out = run(&["plan", "--json", "."], &dir);
    let plan = json(&out);
    let change = plan["resource_changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["address"] == "instance.fw")
        .unwrap();
    assert_eq!(change["change"]["actions"], serde_json::json!(["update"]));
}
