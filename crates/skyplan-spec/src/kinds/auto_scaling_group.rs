//! `auto_scaling_group`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::AutoScalingGroup,
    doc: "An auto scaling group: `desired` instances of a launch template, spread evenly over its subnets' AZs and registered with its target groups.",
    id_prefix: "arn:aws:autoscaling",
    attributes: &[
        required(attr(
            "launch_template",
            AttrType::Reference(Kind::LaunchTemplate),
            "What it launches.",
        )),
        required(attr(
            "subnets",
            AttrType::References(Kind::Subnet),
            "Where it launches, of one VPC.",
        )),
        required(attr(
            "min",
            AttrType::Integer {
                min: 0,
                max: 10_000,
            },
            "The fewest instances.",
        )),
        required(attr(
            "max",
            AttrType::Integer {
                min: 0,
                max: 10_000,
            },
            "The most instances.",
        )),
        default(
            attr(
                "desired",
                AttrType::Integer {
                    min: 0,
                    max: 10_000,
                },
                "How many run now; a change adds or removes instances in place.",
            ),
            "min",
        ),
        attr(
            "target_groups",
            AttrType::References(Kind::TargetGroup),
            "Target groups its instances register with.",
        ),
    ],
    computed: &[computed(
        "instances",
        "The instances it runs: id, subnet and private address of each.",
    )],
};

declaration! {
    /// An auto scaling group (see `SCHEMA`).
    AutoScalingGroupSpec {
        launch_template: req_name,
        subnets: req_names,
        min: req_ranged,
        max: req_ranged,
        desired: ranged,
        target_groups: names,
    }
}
