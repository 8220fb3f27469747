//! `load_balancer`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

block! {
    /// One listener of a load balancer.
    ListenerSpec in pub LISTENER, read listener as "a listener" {
        port: req_ranged(1, 65535) "The port clients connect to; unique per load balancer.",
        protocol: req_choice(LB_PROTOCOLS)
            "HTTP or HTTPS (application); TCP, UDP, TLS or TCP_UDP (network).",
        target_group: req_name(TargetGroup) "Where it forwards.",
        certificate: str(String) "An ACM certificate ARN; required exactly for HTTPS and TLS.",
    }
}

pub(crate) const SCHEMA: KindSchema = KindSchema {
    kind: Kind::LoadBalancer,
    doc: "An Elastic Load Balancing load balancer (application or network), with its listeners. The resource name is the AWS name: at most 32 letters, digits and hyphens.",
    id_prefix: "arn:aws:elasticloadbalancing",
    attributes: ATTRIBUTES,
    computed: &[
        computed(
            "dns_name",
            "`NAME-HEX.REGION.elb.amazonaws.com` (`.com.cn` in China), with `internal-` first when internal.",
        ),
        computed(
            "private_ip_addresses",
            "Its address in each of its subnets.",
        ),
    ],
};

declaration! {
    /// A load balancer (see `SCHEMA`).
    LoadBalancerSpec {
        lb_type as "type": req_word<LoadBalancerType> force_new
            "`application` (HTTP/HTTPS) or `network` (TCP/UDP/TLS).",
        scheme: choice("internet-facing", "internal") force_new = "internet-facing"
            "`internet-facing` (public addresses, in subnets routed to an internet gateway) or `internal`.",
        subnets: req_names(Subnet)
            "Its subnets, one per AZ (an application load balancer needs two AZs).",
        security_groups: names(SecurityGroup) "Its groups (the VPC's default group when absent).",
        ip_address_type: choice("ipv4", "dualstack") = "ipv4" "IPv4 only, or IPv4 and IPv6.",
        listeners: blocks(listener: ListenerSpec, LISTENER)
            "What it listens on and where it forwards.",
    }
}
