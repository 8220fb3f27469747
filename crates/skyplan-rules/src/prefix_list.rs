//! PL001-PL003: customer-managed prefix lists.

use std::collections::HashMap;

use skyplan_cidr::IpNet;
use skyplan_diagnostics::{Diagnostic, Rule, Span};
use skyplan_model::{AddressFamily, PrefixList};

use crate::Checker;

pub(crate) fn check(c: &mut Checker) {
    for list in &c.model.prefix_lists {
        entries(c, list);
    }
}

fn entries(c: &mut Checker, list: &PrefixList) {
    let address = &list.common.address;
    let max = usize::try_from(list.max_entries.value).unwrap_or(0);
    if let Some(past) = list.entries.get(max) {
        c.push(
            Diagnostic::new(
                Rule::PrefixListTooManyEntries,
                format!(
                    "{address} has {} entries; its `max_entries` is {max}",
                    list.entries.len()
                ),
            )
            .detail("AWS refuses entries past max_entries (PrefixListMaxEntriesExceeded)")
            .resource(address)
            .at(past.span, "past max_entries")
            .related(list.max_entries.span, "max_entries")
            .help(format!("raise `max_entries` to {}", list.entries.len())),
        );
    }
    let family = list.address_family.value;
    let mut seen: HashMap<IpNet, Span> = HashMap::new();
    for e in &list.entries {
        let Some(net) = e.cidr.ok() else { continue };
        if AddressFamily::of(&net) != family {
            c.push(
                Diagnostic::new(
                    Rule::PrefixListFamily,
                    format!(
                        "{address} is an {} list, but {net} is an {} block",
                        family.as_str(),
                        AddressFamily::of(&net).as_str()
                    ),
                )
                .detail("a prefix list holds blocks of its address family only")
                .resource(address)
                .at(e.cidr.span(), "other address family")
                .related(list.address_family.span, "address family")
                .help("move the block to a list of its family"),
            );
        }
        match seen.get(&net) {
            Some(first) => c.push(
                Diagnostic::new(
                    Rule::PrefixListDuplicateEntry,
                    format!("{address} lists {net} twice"),
                )
                .detail("AWS refuses a duplicate entry (InvalidPrefixListModification)")
                .resource(address)
                .at(e.cidr.span(), "repeated entry")
                .related(*first, "first entry")
                .help("remove the repeat"),
            ),
            None => {
                seen.insert(net, e.cidr.span());
            }
        }
    }
}
