//! Benchmark helpers.
//!
//! * `skyplan-bench gen DIR VPCS SUBNETS_PER_VPC INSTANCES_PER_SUBNET [flat]`
//!   writes a valid, realistic stack (one file per VPC): each VPC gets
//!   subnets across three AZs, an internet gateway, public and private route
//!   tables, two security groups that reference each other, a NACL and
//!   instances (`count` copies, or with `flat` one mapping per instance).
//! * `skyplan-bench stages DIR` times each stage in-process on that stack
//!   (best of three) next to the parse floor: serde_yaml (the fastest serde
//!   YAML reader) reading the same files into its `Value`, single-threaded.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::time::Instant;

/// The `skyplan` binary's allocator, so stages measure what it does.
#[path = "../../../src/allocator.rs"]
mod allocator;

/// This process's resident memory now and at its peak, in MiB (Linux's
/// `VmRSS` and `VmHWM`; zero elsewhere).
fn resident_mib() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib = |key: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (kib("VmRSS:") / 1024.0, kib("VmHWM:") / 1024.0)
}

use serde::de::IgnoredAny;
use skyplan_diagnostics::SourceFiles;

/// Best of three runs of `f`, in seconds, with its last result.
fn best<T>(mut f: impl FnMut() -> T) -> (f64, T) {
    let mut out = None;
    let mut best = f64::MAX;
    for _ in 0..3 {
        let start = Instant::now();
        let v = f();
        best = best.min(start.elapsed().as_secs_f64());
        out = Some(v);
    }
    (best, out.expect("three runs"))
}

/// The floor: serde_yaml into its `Value`, one thread, best of three (s).
fn floor(texts: &[(String, String)]) -> f64 {
    best(|| {
        for (_, t) in texts {
            let _: serde_yaml::Value = serde_yaml::from_str(t).expect("valid YAML");
        }
    })
    .0
}

/// The YAML files of a generated stack, by name, in name order.
fn read_stack(dir: &Path) -> Vec<(String, String)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read DIR")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(p).expect("read file"),
            )
        })
        .collect()
}

fn stages(dir: &Path) {
    let texts = read_stack(dir);
    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
    let mut sources = SourceFiles::new();
    let files: Vec<_> = texts
        .iter()
        .map(|(n, t)| sources.add(n.clone(), t.clone()))
        .collect();

    // The floor: serde_yaml into `Value`, one thread, in this process.
    let floor = floor(&texts);
    let (saphyr_t, _) = best(|| {
        for (_, t) in &texts {
            let _: IgnoredAny = serde_saphyr::from_str(t).expect("valid YAML");
        }
    });
    let (spec_t, _) = best(|| skyplan_bench::load(&sources, &files));
    let (nodes_t, _) = best(|| {
        files
            .iter()
            .map(|&f| skyplan_spec::yaml::parse(f, sources.get(f)).is_ok())
            .filter(|ok| *ok)
            .count()
    });
    // Resident memory after each stage (holding what later stages use).
    let mut held: Vec<(&str, (f64, f64))> = vec![("sources + floors", resident_mib())];
    let (load, model) = best(|| skyplan_bench::model(&sources, &files));
    held.push(("+ model", resident_mib()));
    let facts = skyplan_facts::facts();
    let (check, findings) = best(|| skyplan_rules::check(&model, facts));
    let resources = model.resource_count();
    let (desired_t, desired) = best(|| skyplan_plan::desired(&model));
    held.push(("+ desired attributes", resident_mib()));
    let options = skyplan_plan::PlanOptions::default();
    let (plan_t, plan) = best(|| {
        skyplan_plan::plan(&desired, None, &options, "bench", "sha256:bench").expect("plan")
    });
    held.push(("+ plan from empty", resident_mib()));
    let (apply_t, state) = best(|| {
        let mut sim =
            skyplan_plan::Simulator::new(&plan, skyplan_state::State::new("bench".into()));
        for step in &plan.apply_order {
            sim.run(step).expect("step");
        }
        sim.into_state()
    });
    held.push(("+ state", resident_mib()));
    let (noop_t, noop) = best(|| {
        skyplan_plan::plan(&desired, Some(&state), &options, "bench", "sha256:bench").expect("plan")
    });
    held.push(("+ no-op plan", resident_mib()));
    assert!(
        !noop.has_changes(),
        "a plan against its own state is a no-op"
    );
    let (serialize_t, json) = best(|| state.to_json());
    let (parse_t, _) = best(|| skyplan_state::State::parse(&json).expect("a state reads back"));
    // The whole pipeline as `lint` runs it (reachability included), last,
    // so the memory it frees does not flatter the stages above.
    let selection = skyplan_check::Selection::default();
    let (lint_t, _) = best(|| {
        skyplan_check::check_stack(
            &sources,
            &files,
            &Default::default(),
            &Default::default(),
            Vec::new(),
            &selection,
        )
    });

    let mb = bytes as f64 / 1e6;
    println!(
        "{} files, {mb:.1} MB of YAML, {resources} resources, {} findings",
        texts.len(),
        findings.len()
    );
    println!(
        "{:<28} {:>9} {:>12} {:>9} {:>9}",
        "stage", "seconds", "resources/s", "MB/s", "x floor"
    );
    let row = |name: &str, secs: f64| {
        println!(
            "{name:<28} {secs:>9.4} {:>12.0} {:>9.1} {:>9.2}",
            resources as f64 / secs,
            mb / secs,
            secs / floor
        );
    };
    row("floor: serde_yaml -> Value", floor);
    row("  serde-saphyr -> IgnoredAny", saphyr_t);
    row("  spanned tree, 1 thread", nodes_t);
    row("  load (parse || + decode)", spec_t);
    row("load + resolve", load);
    row("checks (all rules)", check);
    row("validate = load + checks", load + check);
    row("lint (skyplan_check::check_stack)", lint_t);
    row("desired attributes", desired_t);
    row("plan vs empty state", desired_t + plan_t);
    row("apply (simulated, no I/O)", apply_t);
    row("no-op plan vs own state", desired_t + noop_t);
    row(
        &format!("state to JSON ({:.0} MB)", json.len() as f64 / 1e6),
        serialize_t,
    );
    row("state from JSON", parse_t);
    println!("resident memory after each stage (MiB: now, peak so far)");
    for (stage, (now, peak)) in held {
        println!("  {stage:<26} {now:>8.0} {peak:>8.0}");
    }
}

fn main() {
    allocator::keep_freed_memory();
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: skyplan-bench gen DIR VPCS SUBNETS_PER_VPC INSTANCES_PER_SUBNET [flat|public] | skyplan-bench stages DIR | skyplan-bench floor DIR";
    if args.len() == 3 && args[1] == "stages" {
        stages(Path::new(&args[2]));
        return;
    }
    if args.len() == 3 && args[1] == "floor" {
        let texts = read_stack(Path::new(&args[2]));
        println!("{:.1}", floor(&texts) * 1000.0);
        return;
    }
    let shape = match args.get(6).map(String::as_str) {
        None => skyplan_bench::Shape::Counted,
        Some("flat") => skyplan_bench::Shape::Flat,
        Some("public") => skyplan_bench::Shape::Public,
        Some(_) => {
            eprintln!("{usage}");
            std::process::exit(2);
        }
    };
    if !(6..=7).contains(&args.len()) || args[1] != "gen" {
        eprintln!("{usage}");
        std::process::exit(2);
    }
    let dir = PathBuf::from(&args[2]);
    let n: Vec<usize> = args[3..6]
        .iter()
        .map(|a| a.parse().unwrap_or_else(|_| panic!("{usage}")))
        .collect();
    let (vpcs, subnets, instances) = (n[0], n[1].min(256), n[2]);
    std::fs::create_dir_all(&dir).expect("create DIR");
    for v in 0..vpcs {
        std::fs::write(
            dir.join(format!("vpc-{v:05}.yaml")),
            skyplan_bench::file(shape, v, subnets, instances),
        )
        .expect("write");
    }
    let resources = vpcs * (1 + subnets + 1 + 2 + 2 + 1 + subnets * instances);
    println!(
        "{} ({vpcs} VPCs, about {resources} resources)",
        dir.display()
    );
}
