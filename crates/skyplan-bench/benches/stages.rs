//! `cargo bench -p skyplan-bench`: each stage on generated stacks of about
//! 300, 2,500 and 10,000 resources (divan; the 100,000-resource numbers come
//! from `bench/run.sh`, which runs each stage a few times instead of
//! sampling it).

use divan::{Bencher, black_box};
use skyplan_bench::stack;

fn main() {
    divan::main();
}

/// (VPCs, subnets per VPC, copies per subnet): ~278, ~2,300 and ~9,080 resources.
const SIZES: [(usize, usize, usize); 3] = [(2, 12, 10), (10, 20, 10), (40, 20, 10)];

fn model(size: (usize, usize, usize)) -> skyplan_model::Model {
    let (sources, files) = stack(size.0, size.1, size.2);
    skyplan_bench::model(&sources, &files)
}

#[divan::bench(args = SIZES)]
fn parse_floor(bencher: Bencher, size: (usize, usize, usize)) {
    let (sources, files) = stack(size.0, size.1, size.2);
    bencher.bench_local(|| {
        for &f in &files {
            let _: serde::de::IgnoredAny =
                serde_saphyr::from_str(&sources.get(f).text).expect("valid");
        }
    });
}

#[divan::bench(args = SIZES)]
fn load_and_resolve(bencher: Bencher, size: (usize, usize, usize)) {
    let (sources, files) = stack(size.0, size.1, size.2);
    bencher.bench_local(|| black_box(skyplan_bench::model(&sources, &files)));
}

#[divan::bench(args = SIZES)]
fn checks(bencher: Bencher, size: (usize, usize, usize)) {
    let m = model(size);
    let facts = skyplan_facts::facts();
    bencher.bench_local(|| black_box(skyplan_rules::check(&m, facts)));
}

#[divan::bench(args = SIZES)]
fn plan_against_empty_state(bencher: Bencher, size: (usize, usize, usize)) {
    let m = model(size);
    let options = skyplan_plan::PlanOptions::default();
    bencher.bench_local(|| {
        let desired = skyplan_plan::desired(&m);
        black_box(
            skyplan_plan::plan(&desired, None, &options, "bench", "sha256:bench").expect("plan"),
        )
    });
}

fn applied(m: &skyplan_model::Model) -> (skyplan_plan::Plan, skyplan_state::State) {
    let desired = skyplan_plan::desired(m);
    let plan = skyplan_plan::plan(&desired, None, &Default::default(), "bench", "sha256:bench")
        .expect("plan");
    let mut sim = skyplan_plan::Simulator::new(&plan, skyplan_state::State::new("bench".into()));
    for step in &plan.apply_order {
        sim.run(step).expect("step");
    }
    let state = sim.into_state();
    (plan, state)
}

#[divan::bench(args = SIZES)]
fn apply(bencher: Bencher, size: (usize, usize, usize)) {
    let m = model(size);
    let (plan, _) = applied(&m);
    bencher.bench_local(|| {
        let mut sim =
            skyplan_plan::Simulator::new(&plan, skyplan_state::State::new("bench".into()));
        for step in &plan.apply_order {
            sim.run(step).expect("step");
        }
        black_box(sim.into_state())
    });
}

#[divan::bench(args = SIZES)]
fn no_op_plan(bencher: Bencher, size: (usize, usize, usize)) {
    let m = model(size);
    let (_, state) = applied(&m);
    let options = skyplan_plan::PlanOptions::default();
    bencher.bench_local(|| {
        let desired = skyplan_plan::desired(&m);
        black_box(
            skyplan_plan::plan(&desired, Some(&state), &options, "bench", "sha256:bench")
                .expect("plan"),
        )
    });
}
