//! `dhcp_options`: `AWS::EC2::DHCPOptions`; `aws_vpc_dhcp_options` (the
//! VPC's association is the VPC's).

use super::prelude::*;

impl ExportKind for attrs::DhcpOptions {
    const TERRAFORM: &'static str = "aws_vpc_dhcp_options";

    fn cloudformation(&self, address: &Address, t: &mut Template, _: &Index) {
        let list = |key: &str, items: &Vec<String>, p: &mut Fields| {
            if !items.is_empty() {
                p.set(key, Value::strs(items));
            }
        };
        let mut p = Fields::new();
        p.maybe("DomainName", self.domain_name.as_deref().map(Value::str));
        list("DomainNameServers", &self.domain_name_servers, &mut p);
        list("NetbiosNameServers", &self.netbios_name_servers, &mut p);
        p.maybe("NetbiosNodeType", self.netbios_node_type.map(Value::Int));
        list("NtpServers", &self.ntp_servers, &mut p);
        p.set("Tags", Template::tags(address, &self.tags));
        t.main(address, "AWS::EC2::DHCPOptions", p);
    }

    fn terraform(&self, address: &Address, _: &mut Configuration, _: &Index) -> Body {
        let list = |key: &str, items: &Vec<String>, b: &mut Body| {
            if !items.is_empty() {
                b.set(key, Value::strs(items));
            }
        };
        let mut b = Body::new();
        b.maybe("domain_name", self.domain_name.as_deref().map(Value::str));
        list("domain_name_servers", &self.domain_name_servers, &mut b);
        list("netbios_name_servers", &self.netbios_name_servers, &mut b);
        b.maybe(
            "netbios_node_type",
            self.netbios_node_type.map(|n| Value::str(n.to_string())),
        );
        list("ntp_servers", &self.ntp_servers, &mut b);
        b.set("tags", super::terraform_tags(address, &self.tags));
        b
    }
}
