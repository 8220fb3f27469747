//! `prefix_list`: `AWS::EC2::PrefixList`; `aws_ec2_managed_prefix_list`
//! (both need a name: the resource's).

use super::prelude::*;

impl ExportKind for attrs::PrefixList {
    const TERRAFORM: &'static str = "aws_ec2_managed_prefix_list";

    fn cloudformation(&self, address: &Address, t: &mut Template, _: &Index) {
        let entries = self
            .entries
            .iter()
            .map(|e| {
                let mut f = Fields::new().with("Cidr", Value::str(&e.cidr));
                f.maybe("Description", e.description.as_deref().map(Value::str));
                f.into_value()
            })
            .collect();
        let p = Fields::new()
            .with("PrefixListName", Value::str(address.name.as_str()))
            .with("AddressFamily", Value::str(&self.address_family))
            .with("MaxEntries", Value::Int(self.max_entries))
            .with("Entries", Value::List(entries))
            .with("Tags", Template::tags(address, &self.tags));
        t.main(address, "AWS::EC2::PrefixList", p);
    }

    fn terraform(&self, address: &Address, _: &mut Configuration, _: &Index) -> Body {
        let mut b = Body::new();
        b.set("name", Value::str(address.name.as_str()))
            .set("address_family", Value::str(&self.address_family))
            .set("max_entries", Value::Int(self.max_entries))
            .set("tags", super::terraform_tags(address, &self.tags));
        for e in &self.entries {
            let mut entry = Body::new();
            entry.set("cidr", Value::str(&e.cidr));
            entry.maybe("description", e.description.as_deref().map(Value::str));
            b.block("entry", entry);
        }
        b
    }
}
