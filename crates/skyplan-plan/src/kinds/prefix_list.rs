//! `prefix_list`: what the plan wants of it and what it knows before apply.

use super::prelude::*;

impl PlanKind for attrs::PrefixList {
    type Node = model::PrefixList;

    fn desired(b: &mut Builder, id: Id<model::PrefixList>) -> (Address, Self) {
        let m = b.m;
        let r = &m.prefix_lists[id];
        let a = attrs::PrefixList {
            address_family: r.address_family.value.as_str().to_string(),
            entries: r
                .entries
                .iter()
                .map(|e| attrs::PrefixListEntry {
                    cidr: cidr_text(&e.cidr),
                    description: e.description.as_ref().map(|d| d.value.clone()),
                })
                .collect(),
            max_entries: r.max_entries.value,
            tags: r.common.tags.clone(),
        };
        (declared(Kind::PrefixList, &r.common.name), a)
    }

    computes_nothing!();

    conflicts_with_nothing!();
}
