//! `auto_scaling_group`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::AutoScalingGroup,
    doc: "An auto scaling group: `desired` instances of a launch template, spread evenly over its subnets' AZs and registered with its target groups.",
    id_prefix: "arn:aws:autoscaling",
    attributes: ATTRIBUTES,
    computed: &[computed(
        "instances",
        "The instances it runs: id, subnet and private address of each.",
    )],
};

declaration! {
    /// An auto scaling group (see `SCHEMA`).
    AutoScalingGroupSpec {
        launch_template: req_name(LaunchTemplate) "What it launches.",
        subnets: req_names(Subnet) "Where it launches, of one VPC.",
        min: req_ranged(0, 10_000) "The fewest instances.",
        max: req_ranged(0, 10_000) "The most instances.",
        desired: ranged(0, 10_000) = "min"
            "How many run now; a change adds or removes instances in place.",
        target_groups: names(TargetGroup) "Target groups its instances register with.",
    }
}
