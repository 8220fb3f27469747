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

/// An auto scaling group (see `AUTO_SCALING_GROUP`).
#[derive(Debug, Clone, PartialEq)]
pub struct AutoScalingGroupSpec {
    pub launch_template: Sp<String>,
    pub subnets: Sp<Vec<Sp<String>>>,
    pub min: Sp<i64>,
    pub max: Sp<i64>,
    pub desired: Option<Sp<i64>>,
    pub target_groups: Vec<Sp<String>>,
}

pub(crate) fn decode(d: &mut Decoder, f: &Fields) -> Option<AutoScalingGroupSpec> {
    let attrs = Kind::AutoScalingGroup.schema().attributes;
    let launch_template = f.req_name(d, "launch_template");
    let subnets = req_names(d, f, "subnets");
    let min = req_ranged(d, f, "min", attrs);
    let max = req_ranged(d, f, "max", attrs);
    Some(AutoScalingGroupSpec {
        desired: f.ranged(d, "desired", attrs),
        target_groups: f.names(d, "target_groups"),
        launch_template: launch_template?,
        subnets: subnets?,
        min: min?,
        max: max?,
    })
}
