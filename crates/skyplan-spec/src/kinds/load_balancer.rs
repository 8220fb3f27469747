//! `load_balancer`: its kind-table entry (`SCHEMA`), its declaration and their decoder.

use super::prelude::*;

block! {
    /// One listener of a load balancer.
    ListenerSpec in pub LISTENER, read listener as "a listener" {
        port: req_ranged(1, 65535) "The port clients connect to; unique per load balancer.",
        protocol: req_choice(LB_PROTOCOLS)
            "HTTP or HTTPS (application); TCP, UDP, TLS or TCP_UDP (network).",
        target_group: name(TargetGroup)
            "Forward to it; or give `redirect` or `fixed_response` (exactly one of the three).",
        redirect: with(redirect: Option<RedirectSpec>, Object(REDIRECT))
            "Answer with a redirect (application load balancers): the client's URL with the parts given changed.",
        fixed_response: with(fixed_response: Option<FixedResponseSpec>, Object(FIXED_RESPONSE))
            "Answer with a fixed response (application load balancers).",
        certificate: str(String) "An ACM certificate ARN; required exactly for HTTPS and TLS.",
        ssl_policy: str(String)
            "HTTPS and TLS: the security policy (`ELBSecurityPolicy-TLS13-1-2-2021-06`); AWS's default, ELBSecurityPolicy-2016-08, still takes TLS 1.0.",
        rules: blocks(listener_rule: ListenerRuleSpec, LISTENER_RULE)
            "Rules an application load balancer's listener tries first, lowest priority first; the listener's own action takes what none matches.",
    }
}

block! {
    /// A rule of an application load balancer's listener: conditions and
    /// exactly one action.
    ListenerRuleSpec in pub LISTENER_RULE, read listener_rule as "a rule" {
        priority: req_ranged(1, 50000) "Unique per listener; the lowest matching one decides.",
        hosts: list(StringList) "Host header patterns (`api.example.com`, `*.example.com`): it matches any.",
        paths: list(StringList) "Path patterns (`/api/*`): it matches any.",
        target_group: name(TargetGroup)
            "Forward to it; or give `redirect` or `fixed_response` (exactly one of the three).",
        redirect: with(redirect: Option<RedirectSpec>, Object(REDIRECT)) "Answer with a redirect.",
        fixed_response: with(fixed_response: Option<FixedResponseSpec>, Object(FIXED_RESPONSE))
            "Answer with a fixed response.",
    }
}

block! {
    /// A listener's `redirect:`; each part keeps the client's own by default
    /// (`#{protocol}`, `#{port}`, `#{host}`, `/#{path}`, `#{query}`).
    RedirectSpec in pub REDIRECT, read redirect_settings as "redirect" {
        protocol: choice("HTTP", "HTTPS", "#{protocol}") = "#{protocol}"
            "HTTP, HTTPS or the client's; HTTPS is never redirected to HTTP.",
        port: scalar_text(RedirectPort) = "#{port}" "1-65535, or the client's.",
        host: str(String) = "#{host}" "The host name (may use `#{host}`).",
        path: str(String) = "/#{path}" "The path, starting with `/` (may use `#{path}`).",
        query: str(String) = "#{query}" "The query, without `?` (may use `#{query}`).",
        status: choice("HTTP_301", "HTTP_302") = "HTTP_301"
            "Permanent (301) or temporary (302).",
    }
}

block! {
    /// A listener's `fixed_response:`.
    FixedResponseSpec in pub FIXED_RESPONSE, read fixed_response_settings as "fixed_response" {
        status: req_ranged(200, 599) "The HTTP status: a 2XX, 4XX or 5XX code.",
        content_type: choice("text/plain", "text/css", "text/html", "application/javascript", "application/json") = "text/plain"
            "The body's content type.",
        body: str(String) "The body, at most 1,024 characters.",
    }
}

block! {
    /// A network load balancer's node: its subnet, and the address it has
    /// there.
    SubnetMappingSpec in pub SUBNET_MAPPING, read subnet_mapping as "a subnet mapping" {
        subnet: req_name(Subnet) "The node's subnet, one per AZ.",
        elastic_ip: name(ElasticIp)
            "Internet-facing: the node's public address, an elastic IP of the stack (else one from Amazon's pool).",
        private_ip: str(Ipv4)
            "Internal: the node's address in the subnet (else the next free one).",
    }
}

/// `key:` of a load balancer: its subnets, unless `subnet_mappings` names
/// them (exactly one of the two).
fn balancer_subnets(d: &mut Decoder, f: &Fields, key: &str) -> Option<Sp<Vec<Sp<String>>>> {
    let subnets = f.name_list(d, key);
    match (&subnets, f.node("subnet_mappings")) {
        (None, None) => f.missing(d, key),
        (Some(s), Some(_)) => d.report(
            Diagnostic::new(
                Rule::InvalidValue,
                format!("`{key}` and `subnet_mappings` both name the subnets"),
            )
            .at(s.span, "and subnet_mappings")
            .help("keep `subnet_mappings` (it names each subnet) and remove `subnets`"),
        ),
        _ => {}
    }
    subnets
}

block! {
    /// A load balancer's `access_logs:`.
    AccessLogsSpec in pub ACCESS_LOGS, read access_logs_settings as "access_logs" {
        bucket: req_str(String) "The S3 bucket's name; its policy must let Elastic Load Balancing write.",
        prefix: str(String) "A folder in the bucket (not containing `AWSLogs`, which AWS adds).",
    }
}

/// `key:` of a load balancer: where its access logs go.
fn access_logs(d: &mut Decoder, f: &Fields, key: &str) -> Option<AccessLogsSpec> {
    access_logs_settings(d, f.node(key)?)
}

/// The security policy of an HTTPS or TLS listener that gives none, when
/// made by the API or CloudFormation; written out it is the same as left
/// out.
pub const DEFAULT_SSL_POLICY: &str = "ELBSecurityPolicy-2016-08";

/// `key:` of a listener: its redirect.
pub(crate) fn redirect(d: &mut Decoder, f: &Fields, key: &str) -> Option<RedirectSpec> {
    redirect_settings(d, f.node(key)?)
}

/// `key:` of a listener: its fixed response.
pub(crate) fn fixed_response(d: &mut Decoder, f: &Fields, key: &str) -> Option<FixedResponseSpec> {
    fixed_response_settings(d, f.node(key)?)
}

/// AWS's idle timeout of an application load balancer, in seconds; written
/// out it is AWS's choice as much as left out (neither is kept).
pub const DEFAULT_IDLE_TIMEOUT: u64 = 60;

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
        subnets: with(balancer_subnets: Option<Sp<Vec<Sp<String>>>>, References(Kind::Subnet))
            "Its subnets, one per AZ (an application load balancer needs two AZs); or `subnet_mappings`.",
        subnet_mappings: maybe_blocks(subnet_mapping: SubnetMappingSpec, SUBNET_MAPPING) force_new
            "Network load balancers, instead of `subnets`: each node's subnet with its elastic IP (internet-facing) or private address (internal).",
        security_groups: names(SecurityGroup) "Its groups (the VPC's default group when absent).",
        ip_address_type: choice("ipv4", "dualstack") = "ipv4" "IPv4 only, or IPv4 and IPv6.",
        listeners: blocks(listener: ListenerSpec, LISTENER)
            "What it listens on and where it forwards.",
        idle_timeout: uint(1, 4000)
            "Application load balancers: seconds a connection may stay idle (AWS's default: 60).",
        access_logs: with(access_logs: Option<AccessLogsSpec>, Object(ACCESS_LOGS))
            "Write access logs to an S3 bucket (the bucket and its policy are outside the stack).",
        deletion_protection: bool = "false"
            "AWS refuses to delete it until this is turned off; so does `plan` (deleting or replacing it).",
    }
}

impl RedirectSpec {
    /// A part as AWS takes it: as written, else its default.
    fn part(&self, value: Option<&Sp<String>>, name: &str) -> String {
        schema::or_default_in(REDIRECT, value, name)
    }

    pub fn protocol(&self) -> String {
        self.part(self.protocol.as_ref(), "protocol")
    }

    pub fn port(&self) -> String {
        self.part(self.port.as_ref(), "port")
    }

    pub fn host(&self) -> String {
        self.part(self.host.as_ref(), "host")
    }

    pub fn path(&self) -> String {
        self.part(self.path.as_ref(), "path")
    }

    pub fn query(&self) -> String {
        self.part(self.query.as_ref(), "query")
    }

    pub fn status(&self) -> String {
        self.part(self.status.as_ref(), "status")
    }
}

impl FixedResponseSpec {
    pub fn content_type(&self) -> String {
        schema::or_default_in(FIXED_RESPONSE, self.content_type.as_ref(), "content_type")
    }
}
