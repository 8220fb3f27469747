// The entries of the registry. Kept in their own file because they are
// mostly documentation. Codes are stable: never renumber or reuse one.
define_rules! {
    /// The file is not well-formed YAML, is not UTF-8, or holds more than one document.
    ///
    /// ## Why
    /// Nothing else can be checked in a file that does not parse.
    ///
    /// ## Example
    /// ```yaml
    /// vpcs:
    ///   main: {cidr: 10.0.0.0/16
    /// ```
    ///
    /// ## Fix
    /// Close the flow mapping (`}`) or fix the indentation at the reported position.
    YamlSyntax = ("SP001", "yaml-syntax", Error, true);

    /// A key that the spec language does not define for this place.
    ///
    /// ## Why
    /// A misspelt key (`cdir:`) would otherwise be silently ignored and the
    /// attribute left at its default.
    ///
    /// ## Example
    /// ```yaml
    /// vpcs:
    ///   main: {cdir: 10.0.0.0/16}
    /// ```
    ///
    /// ## Fix
    /// Use the key skyplan suggests (`cidr`), or remove the key.
    UnknownKey = ("SP002", "unknown-key", Error, true);

    /// A value of the wrong YAML type, such as a list where a string is expected.
    ///
    /// ## Why
    /// skyplan never guesses a conversion: `size_gb: "100"` or `subnets: app-a`
    /// are refused so that the file means one thing only.
    ///
    /// ## Example
    /// ```yaml
    /// route_tables:
    ///   public: {vpc: main, subnets: public-a}
    /// ```
    ///
    /// ## Fix
    /// Write the value with the type the message names (`subnets: [public-a]`).
    WrongType = ("SP003", "wrong-type", Error, true);

    /// The same key twice in one mapping.
    ///
    /// ## Why
    /// YAML requires unique keys; most parsers keep the last value silently,
    /// which hides a copy-and-paste mistake.
    ///
    /// ## Example
    /// ```yaml
    /// vpcs:
    ///   main: {cidr: 10.0.0.0/16, cidr: 10.1.0.0/16}
    /// ```
    ///
    /// ## Fix
    /// Keep one of the two keys.
    DuplicateKey = ("SP004", "duplicate-key", Error, true);

    /// Two resources of one kind share a name in the same stack, in one file or across files.
    ///
    /// ## Why
    /// A resource's address (`subnet.app-a`) must name exactly one resource.
    ///
    /// ## Example
    /// ```yaml
    /// # network.yaml
    /// subnets:
    ///   app-a: {vpc: main, cidr: 10.0.1.0/24, az: eu-west-1a}
    /// # more.yaml
    /// subnets:
    ///   app-a: {vpc: main, cidr: 10.0.2.0/24, az: eu-west-1b}
    /// ```
    ///
    /// ## Fix
    /// Rename one of them.
    DuplicateResourceName = ("SP005", "duplicate-resource-name", Error, true);

    /// A YAML 1.1 boolean spelling (`yes`, `no`, `on`, `off`, `y`, `n`) in a boolean field.
    ///
    /// ## Why
    /// YAML 1.2 reads `yes` as a string; YAML 1.1 tools read it as true. The
    /// same file would mean different things to different tools.
    ///
    /// ## Example
    /// ```yaml
    /// subnets:
    ///   public-a: {vpc: main, cidr: 10.0.0.0/24, az: eu-west-1a, public_ip_on_launch: yes}
    /// ```
    ///
    /// ## Fix
    /// Write `true` or `false`.
    Yaml11Boolean = ("SP006", "yaml11-boolean", Error, true);

    /// A required attribute is missing.
    ///
    /// ## Why
    /// AWS cannot create the resource without it (a subnet needs a VPC, a CIDR and an AZ).
    ///
    /// ## Example
    /// ```yaml
    /// subnets:
    ///   app-a: {vpc: main, cidr: 10.0.1.0/24}
    /// ```
    ///
    /// ## Fix
    /// Add the attribute the message names (`az: eu-west-1a`).
    MissingKey = ("SP007", "missing-key", Error, true);

    /// A resource name that is not `[A-Za-z0-9][A-Za-z0-9_-]{0,63}`.
    ///
    /// ## Why
    /// Names become addresses (`subnet.<name>`) and parts of AWS tags; dots,
    /// spaces and brackets would make addresses ambiguous.
    ///
    /// ## Example
    /// ```yaml
    /// subnets:
    ///   app.a: {vpc: main, cidr: 10.0.1.0/24, az: eu-west-1a}
    /// ```
    ///
    /// ## Fix
    /// Use letters, digits, `-` and `_` only, starting with a letter or digit.
    InvalidName = ("SP008", "invalid-name", Error, true);

    /// The file exceeds skyplan's parsing limits (size, nesting depth, aliases).
    ///
    /// ## Why
    /// A hostile or broken file (an alias bomb, a million nested lists) must
    /// get a clear error instead of exhausting memory in a pre-commit hook.
    ///
    /// ## Example
    /// ```yaml
    /// a: &a [x, x, x, x, x, x, x, x, x]
    /// b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
    /// c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]   # ... and so on
    /// ```
    ///
    /// ## Fix
    /// Split the stack into several files, and do not use deeply nested aliases.
    YamlLimits = ("SP009", "yaml-limits", Error, true);

    /// A value outside the set or range the attribute accepts.
    ///
    /// ## Why
    /// AWS accepts only the documented values (`tenancy: default | dedicated`,
    /// `count` of at least 1), and refuses the call otherwise.
    ///
    /// ## Example
    /// ```yaml
    /// vpcs:
    ///   main: {cidr: 10.0.0.0/16, tenancy: shared}
    /// ```
    ///
    /// ## Fix
    /// Use one of the values the message lists.
    InvalidValue = ("SP010", "invalid-value", Error, true);

    /// `defaults` appears in more than one file of a stack.
    ///
    /// ## Why
    /// Two defaults blocks would make the region of a VPC depend on file order.
    ///
    /// ## Example
    /// ```yaml
    /// # a.yaml
    /// defaults: {region: eu-west-1}
    /// # b.yaml
    /// defaults: {region: us-east-1}
    /// ```
    ///
    /// ## Fix
    /// Keep one `defaults` block per stack.
    DuplicateDefaults = ("SP011", "duplicate-defaults", Error, true);

    /// A `# skyplan: ignore[CODE]` comment that silenced nothing.
    ///
    /// ## Why
    /// A stale suppression hides the next real finding of that code on that line.
    ///
    /// ## Example
    /// ```yaml
    /// vpcs:
    ///   main: {cidr: 10.0.0.0/16}  # skyplan: ignore[VP007] nothing to ignore here
    /// ```
    ///
    /// ## Fix
    /// Remove the comment.
    UnusedSuppression = ("SP012", "unused-suppression", Warning, true);

    /// A `# skyplan: ignore[CODE]` comment without a reason.
    ///
    /// ## Why
    /// The next engineer needs to know why the finding is acceptable here.
    ///
    /// ## Example
    /// ```yaml
    ///     ingress: [{protocol: tcp, ports: 22, cidr: 0.0.0.0/0}]  # skyplan: ignore[SG010]
    /// ```
    ///
    /// ## Fix
    /// Add the reason after the bracket: `# skyplan: ignore[SG010] break-glass bastion`.
    SuppressionWithoutReason = ("SP013", "suppression-without-reason", Warning, true);

    /// `${var.NAME}` names no variable the stack declares, or a value is given
    /// (`--var`, an environment, a var file) for a variable no file declares.
    ///
    /// ## Why
    /// A misspelt variable would otherwise leave the text as written, or
    /// silently ignore the value meant for it.
    ///
    /// ## Example
    /// ```yaml
    /// variables:
    ///   base_cidr: {type: cidr, default: 10.20.0.0/16}
    /// vpcs:
    ///   main: {cidr: "${var.base_cdir}"}
    /// ```
    ///
    /// ## Fix
    /// Use the name skyplan suggests, or declare the variable under `variables:`.
    UnknownVariable = ("SP014", "unknown-variable", Error, true);

    /// A variable's value (its default, or one given from outside) is not of
    /// the variable's type.
    ///
    /// ## Why
    /// A number where a CIDR block is expected would reach every resource that
    /// uses the variable; one error at the value is clearer than one at each use.
    ///
    /// ## Example
    /// ```yaml
    /// variables:
    ///   base_cidr: {type: cidr, default: 10.20.0.5/16}
    /// ```
    ///
    /// ## Fix
    /// Give a value of the declared type (`10.20.0.0/16`: a block's host bits are zero).
    VariableType = ("SP015", "variable-type", Error, true);

    /// A variable without a default that no environment, var file or `--var` gives a value.
    ///
    /// ## Why
    /// The stack cannot be read without it; skyplan never guesses.
    ///
    /// ## Example
    /// ```yaml
    /// variables:
    ///   base_cidr: {type: cidr}
    /// vpcs:
    ///   main: {cidr: "${var.base_cidr}"}
    /// ```
    ///
    /// ## Fix
    /// Add a `default`, set it in `[environments.NAME.vars]` of skyplan.toml and pass
    /// `--env NAME`, or pass `--var base_cidr=10.20.0.0/16`.
    MissingVariable = ("SP016", "missing-variable", Error, true);

    /// A `${...}` that is not an expression of the spec language: a syntax
    /// mistake, an unknown function, wrong arguments, or `${` in a key.
    ///
    /// ## Why
    /// Expressions are deliberately few: `var.NAME`, numbers, quoted strings and
    /// `cidrsubnet`, `cidrhost` and `cidrsubnets`. Anything else is a mistake.
    ///
    /// ## Example
    /// ```yaml
    /// subnets:
    ///   app-a: {vpc: main, cidr: "${cidrsubnet(var.base_cidr, 8)}", az: us-east-1a}
    /// ```
    ///
    /// ## Fix
    /// Call the function as the message shows: `cidrsubnet(prefix, newbits, netnum)`.
    InvalidExpression = ("SP017", "invalid-expression", Error, true);

    /// A CIDR function's arguments leave its range: a prefix longer than /32
    /// (/128), a netnum or hostnum beyond the block, no space left for the
    /// next block of `cidrsubnets`.
    ///
    /// ## Why
    /// Terraform fails the same call at plan time; the block asked for does not exist.
    ///
    /// ## Example
    /// ```yaml
    /// subnets:
    ///   app-a: {vpc: main, cidr: '${cidrsubnet("10.20.0.0/16", 8, 256)}', az: us-east-1a}
    /// ```
    ///
    /// ## Fix
    /// Use a smaller netnum (a /16 has 256 /24s: 0-255), or more newbits.
    CidrFunctionRange = ("SP018", "cidr-function-range", Error, true);

    /// A variable no `${var...}` of the stack uses.
    ///
    /// ## Why
    /// A value given for it changes nothing, which is rarely what was meant.
    ///
    /// ## Example
    /// ```yaml
    /// variables:
    ///   region: {type: string, default: us-east-1}
    /// ```
    ///
    /// ## Fix
    /// Use it (`region: "${var.region}"`) or remove it.
    UnusedVariable = ("SP019", "unused-variable", Warning, true);

    /// A `moved:` entry that cannot be made: to an address the spec does not
    /// declare, from one it still declares, between kinds, or an address in
    /// two moves.
    ///
    /// ## Why
    /// A move renames an object of the state without destroying it; it must
    /// say exactly which object becomes which resource of the spec.
    ///
    /// ## Example
    /// ```yaml
    /// subnets:
    ///   app-a: {vpc: main, cidr: 10.0.8.0/24, az: eu-west-1c}
    /// moved:
    ///   - {from: subnet.app, to: subnet.app-b}
    /// ```
    ///
    /// ## Fix
    /// Move to the name the spec declares now (`to: subnet.app-a`).
    InvalidMove = ("SP020", "invalid-move", Error, true);

    /// An output that reads a resource the stack does not declare, or an
    /// attribute its kind does not have.
    ///
    /// ## Why
    /// It would show nothing after every apply; a misspelt attribute is
    /// better caught before.
    ///
    /// ## Example
    /// ```yaml
    /// outputs:
    ///   vpc_id: {value: vpc.main.vpc_id}
    /// ```
    ///
    /// ## Fix
    /// Read an attribute the kind has (`vpc.main.id`); the message lists them.
    InvalidOutput = ("SP021", "invalid-output", Error, true);

    /// A module call whose `source` is not a directory of spec files, or is
    /// written with `${...}`; a module nested deeper than skyplan follows;
    /// a `vars` value that is not a string, number or boolean.
    ///
    /// ## Why
    /// Every resource of the module would be missing from the plan, and the
    /// references into it would all fail, far from the cause.
    ///
    /// ## Example
    /// ```yaml
    /// modules:
    ///   net: {source: ../net-bsae}
    /// ```
    ///
    /// ## Fix
    /// Point `source` at the module's directory, relative to the file that
    /// uses it (`../net-base`).
    ModuleSource = ("SP022", "module-source", Error, true);

    /// Modules that use each other in a ring (`a` uses `b`, which uses `a`).
    ///
    /// ## Why
    /// Expanding them would never end; Terraform refuses the same.
    ///
    /// ## Example
    /// ```yaml
    /// # net-base/main.yaml
    /// modules:
    ///   again: {source: .}
    /// ```
    ///
    /// ## Fix
    /// Remove the call that closes the ring; share what both need in a third module.
    ModuleCycle = ("SP023", "module-cycle", Error, true);

    /// Two environments of one stack (`lint --all-envs`) connect the same
    /// on-premises site (a customer gateway's public address) over VPN to
    /// VPC blocks that overlap.
    ///
    /// ## Why
    /// The site learns both blocks over its tunnels and routes each
    /// address to one of them: the hosts of the other environment at those
    /// addresses are out of its reach. AWS accepts both connections; the
    /// site's routing cannot tell them apart.
    ///
    /// ## Example
    /// ```toml
    /// # skyplan.toml: both environments VPN to the office, same block
    /// [environments.dev]
    /// vars = { base_cidr = "10.10.0.0/16", office = "203.0.113.12" }
    /// [environments.prod]
    /// vars = { base_cidr = "10.10.0.0/16", office = "203.0.113.12" }
    /// ```
    ///
    /// ## Fix
    /// Give each environment its own block (`base_cidr = "10.20.0.0/16"`
    /// for prod).
    EnvironmentOverlap = ("EV001", "environment-overlap", Error, true);

    /// A reference names a resource that does not exist in the stack.
    ///
    /// ## Why
    /// AWS would fail the create call (`InvalidVpcID.NotFound` and friends)
    /// after everything before it was already built.
    ///
    /// ## Example
    /// ```yaml
    /// subnets:
    ///   app-a: {vpc: mian, cidr: 10.0.1.0/24, az: eu-west-1a}
    /// ```
    ///
    /// ## Fix
    /// Use the name skyplan suggests, or declare the missing resource.
    UnknownReference = ("RF001", "unknown-reference", Error, true);

    /// A reference names a resource of the wrong kind (`internet_gateway: nat-a` where `nat-a` is a NAT gateway).
    ///
    /// ## Why
    /// Each reference field names one kind; a name of another kind is a mistake
    /// AWS would refuse with an invalid-id error.
    ///
    /// ## Example
    /// ```yaml
    /// routes: [{destination: 0.0.0.0/0, internet_gateway: nat-a}]
    /// ```
    ///
    /// ## Fix
    /// Use the field of the right kind (`nat_gateway: nat-a`) or the right name.
    WrongKindReference = ("RF002", "wrong-kind-reference", Error, true);

    /// Resources that depend on each other in a ring, so none can be created first.
    ///
    /// ## Why
    /// skyplan creates resources in dependency order; a ring has no first
    /// resource. References between security groups in rules are exempt:
    /// groups are created first and their rules authorised afterwards, as AWS allows.
    ///
    /// ## Example
    /// A ring shows each edge with the field that makes it:
    /// `a -> (field) -> b -> (field) -> a`.
    ///
    /// ## Fix
    /// Remove one of the references of the ring.
    DependencyCycle = ("RF003", "dependency-cycle", Error, true);

    /// A CIDR block or address that does not parse.
    ///
    /// ## Why
    /// AWS refuses the call (`InvalidParameterValue`).
    ///
    /// ## Example
    /// ```yaml
    /// vpcs:
    ///   main: {cidr: 10.0.0.0/33}
    /// ```
    ///
    /// ## Fix
    /// Write an IPv4 block as `a.b.c.d/n` with `n` from 0 to 32.
    InvalidCidr = ("CD001", "invalid-cidr", Error, true);

    /// A CIDR block with host bits set (`10.0.1.7/24`).
    ///
    /// ## Why
    /// AWS does not keep what you wrote: for VPCs, subnets, routes and network
    /// ACL entries it silently stores the network address (`10.0.1.0/24`), so
    /// the plan could never converge (every plan would show the change again),
    /// and the block you meant may not be the one you get.
    ///
    /// ## Example
    /// ```yaml
    /// subnets:
    ///   app-a: {vpc: main, cidr: 10.0.1.7/24, az: eu-west-1a}
    /// ```
    ///
    /// ## Fix
    /// Use the network address skyplan suggests (`10.0.1.0/24`).
    CidrHostBits = ("CD002", "cidr-host-bits-set", Error, true);

    /// A VPC CIDR block whose prefix is outside /16 to /28.
    ///
    /// ## Why
    /// AWS allows IPv4 VPC blocks from /16 (65,536 addresses) to /28 (16)
    /// and refuses others with `InvalidVpc.Range`.
    ///
    /// ## Example
    /// ```yaml
    /// vpcs:
    ///   main: {cidr: 10.0.0.0/8}
    /// ```
    ///
    /// ## Fix
    /// Use a prefix from /16 to /28 (`10.0.0.0/16`); add secondary blocks for more space.
    VpcCidrRange = ("VP001", "vpc-cidr-range", Error, true);

    /// A secondary CIDR block that overlaps another block of the same VPC.
    ///
    /// ## Why
    /// AWS refuses to associate an overlapping block (`InvalidVpc.Range`).
    ///
    /// ## Example
    /// ```yaml
    /// vpcs:
    ///   main: {cidr: 10.0.0.0/16, secondary_cidrs: [10.0.128.0/17]}
    /// ```
    ///
    /// ## Fix
    /// Choose a secondary block outside every other block of the VPC.
    VpcBlockOverlap = ("VP002", "vpc-block-overlap", Error, true);

    /// A VPC with more than 5 IPv4 CIDR blocks.
    ///
    /// ## Why
    /// The default quota is 5 IPv4 blocks per VPC; AWS refuses the sixth
    /// with `CidrLimitExceeded`.
    ///
    /// ## Example
    /// ```yaml
    /// vpcs:
    ///   main: {cidr: 10.0.0.0/16, secondary_cidrs: [10.1.0.0/16, 10.2.0.0/16, 10.3.0.0/16, 10.4.0.0/16, 10.5.0.0/16]}
    /// ```
    ///
    /// ## Fix
    /// Use fewer, larger blocks, or raise the quota before applying.
    VpcTooManyBlocks = ("VP003", "vpc-too-many-blocks", Error, true);

    /// A secondary block that AWS's association restrictions forbid for the VPC's primary range.
    ///
    /// ## Why
    /// AWS's association restrictions, by the primary block's range: a
    /// primary in one RFC 1918 range cannot add blocks of the other two; a
    /// primary in 172.16.0.0/12 cannot add 172.31.0.0/16; a publicly routable,
    /// 100.64.0.0/10 or 198.19.0.0/16 primary cannot add RFC 1918 blocks;
    /// 198.19.0.0/16 can never be added.
    ///
    /// ## Example
    /// ```yaml
    /// vpcs:
    ///   main: {cidr: 10.0.0.0/16, secondary_cidrs: [192.168.0.0/20]}
    /// ```
    ///
    /// ## Fix
    /// Add a block from the primary block's own RFC 1918 range or from 100.64.0.0/10.
    VpcSecondaryRestricted = ("VP004", "vpc-secondary-restricted", Error, true);

    /// A secondary block the same as or larger than a route destination in one of the VPC's route tables.
    ///
    /// ## Why
    /// AWS refuses to associate a block that covers an existing route's
    /// destination, because the new local route would take that traffic.
    ///
    /// ## Example
    /// ```yaml
    /// vpcs:
    ///   main: {cidr: 10.0.0.0/16, secondary_cidrs: [10.1.0.0/16]}
    /// route_tables:
    ///   private: {vpc: main, routes: [{destination: 10.1.0.0/24, vpc_peering: to-shared}]}
    /// ```
    ///
    /// ## Fix
    /// Pick a secondary block that does not contain any routed destination.
    VpcSecondaryRouteConflict = ("VP005", "vpc-secondary-route-conflict", Error, true);

    /// Two VPCs whose blocks overlap.
    ///
    /// ## Why
    /// Overlapping VPCs can never be peered or routed to each other through a
    /// transit gateway, which is hard to undo later.
    ///
    /// ## Example
    /// ```yaml
    /// vpcs:
    ///   prod: {cidr: 10.0.0.0/16}
    ///   staging: {cidr: 10.0.0.0/16}
    /// ```
    ///
    /// ## Fix
    /// Give every VPC its own range from an address plan.
    VpcOverlap = ("VP006", "vpc-overlap", Warning, true);

    /// A VPC block outside RFC 1918 and 100.64.0.0/10 (publicly routable space).
    ///
    /// ## Why
    /// Hosts in the VPC can no longer reach the real owners of those public
    /// addresses on the internet.
    ///
    /// ## Example
    /// ```yaml
    /// vpcs:
    ///   main: {cidr: 52.0.0.0/16}
    /// ```
    ///
    /// ## Fix
    /// Use 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10.
    VpcPublicRange = ("VP007", "vpc-public-range", Warning, true);

    /// More than 5 VPCs in one region.
    ///
    /// ## Why
    /// The default quota is 5 VPCs per region; the sixth create call fails
    /// with `VpcLimitExceeded` unless the quota was raised.
    ///
    /// ## Example
    /// Six entries under `vpcs:` in `eu-west-1`.
    ///
    /// ## Fix
    /// Request a quota increase before applying, or consolidate VPCs.
    VpcQuota = ("VP008", "vpc-quota", Warning, true);

    /// Every subnet of a VPC is in one availability zone.
    ///
    /// ## Why
    /// One AZ failure takes the whole VPC down; AWS recommends at least two AZs.
    ///
    /// ## Example
    /// ```yaml
    /// subnets:
    ///   a: {vpc: main, cidr: 10.0.0.0/24, az: eu-west-1a}
    ///   b: {vpc: main, cidr: 10.0.1.0/24, az: eu-west-1a}
    /// ```
    ///
    /// ## Fix
    /// Put subnets in a second AZ (`az: eu-west-1b`).
    SingleAz = ("VP009", "single-az", Warning, true);

    /// A VPC block inside 169.254.0.0/16, the link-local range.
    ///
    /// ## Why
    /// AWS uses link-local addresses for the instance metadata service, the
    /// Amazon DNS server and time sync; it refuses them as a VPC block,
    /// primary or secondary (`InvalidVpc.Range`).
    ///
    /// ## Example
    /// ```yaml
    /// vpcs:
    ///   main: {cidr: 169.254.0.0/16}
    /// ```
    ///
    /// ## Fix
    /// Use an RFC 1918 block (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) or 100.64.0.0/10.
    VpcLinkLocalBlock = ("VP010", "vpc-link-local-block", Error, true);

    /// `dns_hostnames: true` on a VPC with `dns_support: false`.
    ///
    /// ## Why
    /// DNS hostnames need the Amazon-provided DNS server; `ModifyVpcAttribute`
    /// refuses to enable them while DNS support is off (`InvalidParameterValue`).
    ///
    /// ## Example
    /// ```yaml
    /// vpcs:
    ///   main: {cidr: 10.0.0.0/16, dns_support: false, dns_hostnames: true}
    /// ```
    ///
    /// ## Fix
    /// Turn `dns_support` on (the default), or `dns_hostnames` off.
    VpcDnsHostnamesWithoutSupport = ("VP011", "vpc-dns-hostnames-without-support", Error, true);

    /// A VPC block overlapping 172.17.0.0/16, Docker's default bridge network.
    ///
    /// ## Why
    /// On hosts that run Docker (ECS, EKS nodes, build agents) the bridge
    /// takes 172.17.0.0/16, so addresses of the VPC in that range become
    /// unreachable from containers; AWS's own documentation warns against it.
    ///
    /// ## Example
    /// ```yaml
    /// vpcs:
    ///   main: {cidr: 172.17.0.0/16}
    /// ```
    ///
    /// ## Fix
    /// Choose another block (172.18.0.0/16 and up, or 10.0.0.0/8).
    VpcDockerBridgeOverlap = ("VP012", "vpc-docker-bridge-overlap", Warning, true);

    /// A DHCP options set AWS refuses: no option at all, more than 4 servers
    /// in a list, a server that is not an IPv4 address, or a NetBIOS node
    /// type other than 2.
    ///
    /// ## Why
    /// `CreateDhcpOptions` needs at least one option and takes at most four
    /// servers per list, each an IPv4 address (`AmazonProvidedDNS` may stand
    /// among the DNS servers); AWS supports only NetBIOS node type 2
    /// (point-to-point).
    ///
    /// ## Example
    /// ```yaml
    /// dhcp_options:
    ///   corp: {domain_name_servers: [10.0.0.2, 10.0.0.3, 10.0.0.4, 10.0.0.5, 10.0.0.6]}
    /// ```
    ///
    /// ## Fix
    /// Keep four servers or fewer, write them as IPv4 addresses, and use
    /// `netbios_node_type: 2`.
    DhcpOptionsInvalid = ("VP013", "dhcp-options-invalid", Error, true);

    /// A flow log whose destination AWS refuses: not exactly one of `s3` and
    /// `cloudwatch_logs`, an ARN of the wrong shape, or a `role` missing for
    /// CloudWatch Logs (or given for S3).
    ///
    /// ## Why
    /// `CreateFlowLogs` delivers to one destination; an S3 bucket needs only
    /// its ARN, a CloudWatch Logs group needs the IAM role that may write to
    /// it (`DeliverLogsPermissionArn`), and a malformed ARN is refused.
    ///
    /// ## Example
    /// ```yaml
    /// flow_logs:
    ///   main: {resource: vpc.main, destination: {cloudwatch_logs: "arn:aws:logs:eu-west-1:123456789012:log-group:vpc"}}
    /// ```
    ///
    /// ## Fix
    /// Give `role: arn:aws:iam::ACCOUNT:role/NAME` with CloudWatch Logs, or
    /// deliver to `s3: arn:aws:s3:::BUCKET`.
    FlowLogDestination = ("VP014", "flow-log-destination", Error, true);

    /// A VPC with no flow log (off by default: a compliance rule).
    ///
    /// ## Why
    /// Without flow logs there is no record of who talked to what when an
    /// incident is investigated (CIS AWS Foundations 3.9, checkov CKV2_AWS_11).
    ///
    /// ## Example
    /// ```yaml
    /// vpcs:
    ///   main: {cidr: 10.0.0.0/16}
    /// ```
    ///
    /// ## Fix
    /// `flow_logs: {main: {resource: vpc.main, destination: {s3: "arn:aws:s3:::logs"}}}`.
    VpcWithoutFlowLog = ("VP015", "vpc-without-flow-log", Warning, false);


    /// A VPC's IPv6 block AWS refuses: `ipv6_cidr` not a /44 to /60 in steps
    /// of 4, both `ipv6: true` and `ipv6_cidr`, or an `ipv6_cidr` that
    /// overlaps another VPC's.
    ///
    /// ## Why
    /// A VPC takes one Amazon-provided /56 (`ipv6: true`) or a block of your
    /// own or from IPAM; AWS accepts only /44, /48, /52, /56 and /60
    /// (`InvalidParameterValue`), and allocates a block of a pool to one VPC
    /// only (overlapping blocks could never be peered or routed either).
    ///
    /// ## Example
    /// ```yaml
    /// vpcs:
    ///   main: {cidr: 10.0.0.0/16, ipv6_cidr: "2001:db8::/58"}
    /// ```
    ///
    /// ## Fix
    /// Use a /56 (or /44, /48, /52, /60), or `ipv6: true` alone.
    VpcIpv6Block = ("VP016", "vpc-ipv6-block", Error, true);

    /// A VPC whose DHCP options set custom DNS servers while an interface
    /// endpoint in it relies on private DNS.
    ///
    /// ## Why
    /// Private DNS names of interface endpoints are answered only by the
    /// Amazon-provided resolver. Instances that ask other servers get the
    /// service's public addresses, and their traffic leaves through the NAT
    /// or not at all, unless those servers forward to the VPC resolver
    /// (the VPC's base address + 2).
    ///
    /// ## Example
    /// ```yaml
    /// dhcp_options:
    ///   corp: {domain_name_servers: [10.0.0.10]}
    /// vpc_endpoints:
    ///   ssm: {vpc: main, type: interface, service: ssm, subnets: [a]}
    /// ```
    ///
    /// ## Fix
    /// Make the servers forward the endpoints' names to the VPC resolver
    /// (then suppress this finding), or list `AmazonProvidedDNS`
    /// first.
    DhcpCustomDnsWithPrivateDns = ("VP017", "dhcp-custom-dns-private-dns", Warning, true);

    /// A subnet CIDR block whose prefix is outside /16 to /28.
    ///
    /// ## Why
    /// AWS refuses it with `InvalidSubnet.Range`.
    ///
    /// ## Example
    /// ```yaml
    /// subnets:
    ///   tiny: {vpc: main, cidr: 10.0.0.0/29, az: eu-west-1a}
    /// ```
    ///
    /// ## Fix
    /// Use a prefix from /16 to /28.
    SubnetPrefixRange = ("SN001", "subnet-prefix-range", Error, true);

    /// A subnet not inside one of its VPC's blocks, or straddling two of them.
    ///
    /// ## Why
    /// AWS refuses it with `InvalidSubnet.Range`: a subnet must lie entirely
    /// within one block of its VPC.
    ///
    /// ## Example
    /// ```yaml
    /// vpcs:
    ///   main: {cidr: 10.0.0.0/16}
    /// subnets:
    ///   app-a: {vpc: main, cidr: 10.1.0.0/24, az: eu-west-1a}
    /// ```
    ///
    /// ## Fix
    /// Choose a block inside one of the VPC's blocks, or add a secondary block.
    SubnetOutsideVpc = ("SN002", "subnet-outside-vpc", Error, true);

    /// Two subnets of one VPC overlap.
    ///
    /// ## Why
    /// AWS refuses the second with `InvalidSubnet.Conflict`.
    ///
    /// ## Example
    /// ```yaml
    /// subnets:
    ///   app-a: {vpc: main, cidr: 10.0.10.0/24, az: eu-west-1a}
    ///   app-c: {vpc: main, cidr: 10.0.10.128/25, az: eu-west-1c}
    /// ```
    ///
    /// ## Fix
    /// Give each subnet its own block.
    SubnetOverlap = ("SN003", "subnet-overlap", Error, true);

    /// More instances and NAT gateways in a subnet than it has usable addresses.
    ///
    /// ## Why
    /// AWS keeps 5 addresses of every subnet (network, router, DNS, future
    /// use, last), so a /28 holds 11 interfaces; the next launch fails with
    /// `InsufficientFreeAddressesInSubnet`.
    ///
    /// ## Example
    /// ```yaml
    /// subnets:
    ///   db-a: {vpc: main, cidr: 10.0.20.0/28, az: eu-west-1a}
    /// instances:
    ///   db: {subnet: db-a, ami: ami-0c9c942bd7bf113a2, type: t3.micro, count: 12}
    /// ```
    ///
    /// ## Fix
    /// Use a larger subnet or spread the copies with `subnets:`.
    SubnetCapacity = ("SN004", "subnet-capacity", Error, true);

    /// A subnet more than 90% full.
    ///
    /// ## Why
    /// There is no room to scale out or to replace an instance before
    /// deleting the old one.
    ///
    /// ## Example
    /// Eleven instances in a /28 (11 usable addresses).
    ///
    /// ## Fix
    /// Use a larger subnet.
    SubnetNearlyFull = ("SN005", "subnet-nearly-full", Warning, true);

    /// A subnet associated with two route tables.
    ///
    /// ## Why
    /// A subnet has exactly one route table association; AWS refuses the second
    /// (`Resource.AlreadyAssociated`).
    ///
    /// ## Example
    /// ```yaml
    /// route_tables:
    ///   public: {vpc: main, subnets: [app-a]}
    ///   private: {vpc: main, subnets: [app-a]}
    /// ```
    ///
    /// ## Fix
    /// List the subnet in one route table only.
    SubnetTwoRouteTables = ("SN006", "subnet-two-route-tables", Error, true);

    /// A subnet associated with two network ACLs.
    ///
    /// ## Why
    /// A subnet has exactly one network ACL association.
    ///
    /// ## Example
    /// ```yaml
    /// network_acls:
    ///   a: {vpc: main, subnets: [data-a]}
    ///   b: {vpc: main, subnets: [data-a]}
    /// ```
    ///
    /// ## Fix
    /// List the subnet in one network ACL only.
    SubnetTwoNetworkAcls = ("SN007", "subnet-two-network-acls", Error, true);


    /// A subnet's IPv6 block AWS refuses: not a /44 to /64 in steps of 4,
    /// outside the VPC's block, both `ipv6_index` and `ipv6_cidr`, or an
    /// `ipv6_index` with a VPC block that is not a /56.
    ///
    /// ## Why
    /// A subnet's IPv6 block must lie inside its VPC's
    /// (`InvalidSubnet.Range`); `ipv6_index` cuts the VPC's /56 into /64s as
    /// Terraform's `cidrsubnet(block, 8, index)` does, which only a /56 gives.
    ///
    /// ## Example
    /// ```yaml
    /// vpcs:
    ///   main: {cidr: 10.0.0.0/16, ipv6_cidr: "2001:db8:1::/56"}
    /// subnets:
    ///   a: {vpc: main, cidr: 10.0.0.0/24, az: eu-west-1a, ipv6_cidr: "2001:db8:2::/64"}
    /// ```
    ///
    /// ## Fix
    /// Pick a block inside the VPC's (`2001:db8:1::/64`), or `ipv6_index: 0`.
    SubnetIpv6Block = ("SN008", "subnet-ipv6-block", Error, true);

    /// A subnet with IPv6 settings in a VPC without an IPv6 block, or
    /// `assign_ipv6_on_creation` on a subnet without one.
    ///
    /// ## Why
    /// A subnet's IPv6 block comes from its VPC's; AWS refuses one in a VPC
    /// that has none, and cannot give instances IPv6 addresses from a subnet
    /// without a block.
    ///
    /// ## Example
    /// ```yaml
    /// subnets:
    ///   a: {vpc: main, cidr: 10.0.0.0/24, az: eu-west-1a, ipv6_index: 1}
    /// ```
    ///
    /// ## Fix
    /// Give the VPC `ipv6: true` (or `ipv6_cidr`), or remove the subnet's
    /// IPv6 settings.
    SubnetIpv6WithoutVpcIpv6 = ("SN009", "subnet-ipv6-without-vpc-ipv6", Error, true);

    /// Two IPv6 subnet blocks of one VPC that overlap (the same
    /// `ipv6_index` twice, or blocks that share addresses).
    ///
    /// ## Why
    /// AWS refuses a subnet block that overlaps another of the VPC
    /// (`InvalidSubnet.Conflict`), for IPv6 as for IPv4.
    ///
    /// ## Example
    /// ```yaml
    /// subnets:
    ///   a: {vpc: main, cidr: 10.0.0.0/24, az: eu-west-1a, ipv6_index: 0}
    ///   b: {vpc: main, cidr: 10.0.1.0/24, az: eu-west-1b, ipv6_index: 0}
    /// ```
    ///
    /// ## Fix
    /// Give every subnet its own index.
    SubnetIpv6Overlap = ("SN010", "subnet-ipv6-overlap", Error, true);

    /// A static `private_ip` outside its subnet's block.
    ///
    /// ## Why
    /// AWS refuses the launch (`InvalidParameterValue`: address does not fall within the subnet's range).
    ///
    /// ## Example
    /// ```yaml
    /// instances:
    ///   db: {subnet: db-a, private_ip: 10.0.30.10, ami: ami-0c9c942bd7bf113a2, type: t3.micro}
    /// ```
    ///
    /// ## Fix
    /// Use an address inside the subnet's block.
    PrivateIpOutsideSubnet = ("IP001", "private-ip-outside-subnet", Error, true);

    /// A static `private_ip` on one of the 5 addresses AWS reserves in every subnet.
    ///
    /// ## Why
    /// The network address, +1 (VPC router), +2 (DNS), +3 (future use) and the
    /// last address cannot be assigned to an interface.
    ///
    /// ## Example
    /// ```yaml
    /// instances:
    ///   db: {subnet: db-a, private_ip: 10.0.20.3, ami: ami-0c9c942bd7bf113a2, type: t3.micro}
    /// ```
    ///
    /// ## Fix
    /// Use `.4` or higher, below the last address.
    PrivateIpReserved = ("IP002", "private-ip-reserved", Error, true);

    /// The same static `private_ip` on two instances of one subnet.
    ///
    /// ## Why
    /// The second launch fails with `InvalidIPAddress.InUse`.
    ///
    /// ## Example
    /// ```yaml
    /// instances:
    ///   a: {subnet: app-a, private_ip: 10.0.1.10, ami: ami-0c9c942bd7bf113a2, type: t3.micro}
    ///   b: {subnet: app-a, private_ip: 10.0.1.10, ami: ami-0c9c942bd7bf113a2, type: t3.micro}
    /// ```
    ///
    /// ## Fix
    /// Give each instance its own address.
    PrivateIpDuplicate = ("IP003", "private-ip-duplicate", Error, true);

    /// A region that does not exist.
    ///
    /// ## Why
    /// Nothing can be created there. A region set in `defaults` names every
    /// VPC it reaches.
    ///
    /// ## Example
    /// ```yaml
    /// defaults: {region: eu-west-9}
    /// ```
    ///
    /// ## Fix
    /// Use the region skyplan suggests.
    UnknownRegion = ("AZ001", "unknown-region", Error, true);

    /// An availability zone that does not exist.
    ///
    /// ## Why
    /// AWS refuses the create call (`InvalidParameterValue`).
    ///
    /// ## Example
    /// ```yaml
    /// subnets:
    ///   app-a: {vpc: main, cidr: 10.0.1.0/24, az: eu-west-1z}
    /// ```
    ///
    /// ## Fix
    /// Use one of the AZs of the region skyplan lists.
    UnknownAz = ("AZ002", "unknown-az", Error, true);

    /// An availability zone in another region than the VPC's.
    ///
    /// ## Why
    /// A subnet lives in its VPC's region; AWS refuses an AZ of another region.
    ///
    /// ## Example
    /// ```yaml
    /// vpcs:
    ///   main: {cidr: 10.0.0.0/16, region: eu-west-1}
    /// subnets:
    ///   app-a: {vpc: main, cidr: 10.0.1.0/24, az: us-east-1a}
    /// ```
    ///
    /// ## Fix
    /// Use an AZ of the VPC's region.
    AzWrongRegion = ("AZ003", "az-wrong-region", Error, true);

    /// More than one internet gateway attached to one VPC.
    ///
    /// ## Why
    /// A VPC can have only one internet gateway; AWS refuses the second attachment.
    ///
    /// ## Example
    /// ```yaml
    /// internet_gateways:
    ///   igw-a: {vpc: main}
    ///   igw-b: {vpc: main}
    /// ```
    ///
    /// ## Fix
    /// Keep one internet gateway per VPC.
    MultipleInternetGateways = ("GW001", "multiple-internet-gateways", Error, true);

    /// A public NAT gateway without an `elastic_ip`.
    ///
    /// ## Why
    /// A public NAT gateway needs an elastic IP allocation; AWS refuses it without one.
    ///
    /// ## Example
    /// ```yaml
    /// nat_gateways:
    ///   nat-a: {subnet: public-a}
    /// ```
    ///
    /// ## Fix
    /// Declare an elastic IP and name it (`elastic_ip: nat-a`), or use `connectivity: private`.
    NatMissingEip = ("GW002", "nat-missing-eip", Error, true);

    /// A private NAT gateway with an `elastic_ip`.
    ///
    /// ## Why
    /// A private NAT gateway has no public address; AWS refuses an allocation for it.
    ///
    /// ## Example
    /// ```yaml
    /// nat_gateways:
    ///   nat-a: {subnet: app-a, connectivity: private, elastic_ip: nat-a}
    /// ```
    ///
    /// ## Fix
    /// Remove `elastic_ip`, or make the gateway public.
    PrivateNatWithEip = ("GW003", "private-nat-with-eip", Error, true);

    /// One elastic IP used by two resources.
    ///
    /// ## Why
    /// An allocation can be associated with one resource at a time; AWS
    /// refuses the second with `Resource.AlreadyAssociated`.
    ///
    /// ## Example
    /// ```yaml
    /// nat_gateways:
    ///   nat-a: {subnet: public-a, elastic_ip: eip}
    ///   nat-b: {subnet: public-b, elastic_ip: eip}
    /// ```
    ///
    /// ## Fix
    /// Declare one elastic IP per user.
    EipMultipleUse = ("GW004", "eip-multiple-use", Error, true);

    /// A public NAT gateway in a subnet without a default route to an internet gateway.
    ///
    /// ## Why
    /// The gateway is created but can never reach the internet, so nothing
    /// behind it can either.
    ///
    /// ## Example
    /// ```yaml
    /// nat_gateways:
    ///   nat-a: {subnet: private-a, elastic_ip: nat-a}
    /// ```
    ///
    /// ## Fix
    /// Put the NAT gateway in a public subnet (one whose route table sends 0.0.0.0/0 to the internet gateway).
    NatWithoutInternetRoute = ("GW005", "nat-without-internet-route", Error, true);

    /// A subnet routed to a NAT gateway in another AZ.
    ///
    /// ## Why
    /// When the NAT gateway's AZ fails, subnets in the other AZs lose their
    /// outbound path too, and cross-AZ traffic is billed.
    ///
    /// ## Example
    /// ```yaml
    /// route_tables:
    ///   private:
    ///     vpc: main
    ///     subnets: [private-a, private-b]
    ///     routes: [{destination: 0.0.0.0/0, nat_gateway: nat-a}]
    /// ```
    ///
    /// ## Fix
    /// One NAT gateway and one private route table per AZ.
    NatCrossAz = ("GW006", "nat-cross-az", Warning, true);

    /// An internet gateway that no route uses.
    ///
    /// ## Why
    /// Without a route to it, nothing in the VPC reaches the internet through it.
    ///
    /// ## Example
    /// ```yaml
    /// internet_gateways:
    ///   igw: {vpc: main}
    /// ```
    ///
    /// ## Fix
    /// Add `{destination: 0.0.0.0/0, internet_gateway: igw}` to a public route table, or remove it.
    UnusedInternetGateway = ("GW007", "unused-internet-gateway", Warning, true);

    /// An elastic IP that no NAT gateway, instance or load balancer uses.
    ///
    /// ## Why
    /// AWS bills idle elastic IPs by the hour.
    ///
    /// ## Example
    /// ```yaml
    /// elastic_ips:
    ///   spare: {}
    /// ```
    ///
    /// ## Fix
    /// Use it or remove it.
    UnusedElasticIp = ("GW008", "unused-elastic-ip", Warning, true);

    /// An elastic IP on an instance in a VPC with no internet gateway.
    ///
    /// ## Why
    /// AWS refuses the association (`Gateway.NotAttached`): an elastic IP is
    /// reachable only through the VPC's internet gateway. skyplan also orders
    /// the association after the gateway in apply.
    ///
    /// ## Example
    /// ```yaml
    /// elastic_ips: {web: {}}
    /// instances:
    ///   web: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro, elastic_ip: web}   # no internet_gateways
    /// ```
    ///
    /// ## Fix
    /// Attach an internet gateway to the VPC, or drop the elastic IP.
    EipWithoutInternetGateway = ("GW009", "eip-without-internet-gateway", Error, true);

    /// A private NAT gateway whose own subnet routes the internet to an internet gateway.
    ///
    /// ## Why
    /// A private NAT gateway has no public address: what it forwards to an
    /// internet gateway is dropped. It is meant for other VPCs or on-premises
    /// networks, through a transit gateway or virtual private gateway.
    ///
    /// ## Example
    /// ```yaml
    /// nat_gateways:
    ///   private: {subnet: public-a, connectivity: private}   # public-a routes 0.0.0.0/0 to the igw
    /// ```
    ///
    /// ## Fix
    /// Use a public NAT gateway (with an elastic IP) for internet access.
    PrivateNatInternetRoute = ("GW010", "private-nat-internet-route", Warning, true);


    /// A VPC with more than one egress-only internet gateway.
    ///
    /// ## Why
    /// A VPC can have one egress-only internet gateway attached at a time.
    ///
    /// ## Example
    /// ```yaml
    /// egress_only_internet_gateways:
    ///   a: {vpc: main}
    ///   b: {vpc: main}
    /// ```
    ///
    /// ## Fix
    /// Keep one and route every subnet's `::/0` to it.
    MultipleEgressOnlyGateways = ("GW011", "multiple-egress-only-gateways", Error, true);

    /// More than one `main: true` route table in one VPC.
    ///
    /// ## Why
    /// A VPC has exactly one main route table.
    ///
    /// ## Example
    /// ```yaml
    /// route_tables:
    ///   a: {vpc: main, main: true}
    ///   b: {vpc: main, main: true}
    /// ```
    ///
    /// ## Fix
    /// Mark one table as main.
    MultipleMainRouteTables = ("RT001", "multiple-main-route-tables", Error, true);

    /// A route table lists a subnet of another VPC.
    ///
    /// ## Why
    /// A route table can only be associated with subnets of its own VPC
    /// (`InvalidParameterValue`).
    ///
    /// ## Example
    /// ```yaml
    /// route_tables:
    ///   public: {vpc: hub, subnets: [spoke-a]}
    /// ```
    ///
    /// ## Fix
    /// Associate the subnet with a route table of its own VPC.
    RouteTableForeignSubnet = ("RT002", "route-table-foreign-subnet", Error, true);

    /// A route with no target or with more than one.
    ///
    /// ## Why
    /// A route sends its destination to exactly one target.
    ///
    /// ## Example
    /// ```yaml
    /// routes: [{destination: 0.0.0.0/0, internet_gateway: igw, nat_gateway: nat-a}]
    /// ```
    ///
    /// ## Fix
    /// Keep exactly one of `internet_gateway`, `nat_gateway`, `vpc_peering`, `instance`.
    RouteTargetCount = ("RT003", "route-target-count", Error, true);

    /// Two routes with the same destination in one table.
    ///
    /// ## Why
    /// AWS refuses the second with `RouteAlreadyExists`.
    ///
    /// ## Example
    /// ```yaml
    /// routes:
    ///   - {destination: 0.0.0.0/0, internet_gateway: igw}
    ///   - {destination: 0.0.0.0/0, nat_gateway: nat-a}
    /// ```
    ///
    /// ## Fix
    /// Keep one route per destination.
    DuplicateRoute = ("RT004", "duplicate-route", Error, true);

    /// A route target in another VPC.
    ///
    /// ## Why
    /// An internet gateway attached elsewhere, a NAT gateway in another VPC's
    /// subnet, a peering that does not involve this VPC or an instance of
    /// another VPC cannot carry this table's traffic; AWS refuses the route.
    ///
    /// ## Example
    /// ```yaml
    /// route_tables:
    ///   public: {vpc: spoke, routes: [{destination: 0.0.0.0/0, internet_gateway: hub-igw}]}
    /// ```
    ///
    /// ## Fix
    /// Target a resource of the table's own VPC.
    RouteTargetOtherVpc = ("RT005", "route-target-other-vpc", Error, true);

    /// An internet gateway or peering route whose destination is equal to or inside one of the VPC's own blocks.
    ///
    /// ## Why
    /// AWS refuses a route more specific than the local route of the VPC's
    /// own block (`InvalidParameterValue`).
    ///
    /// ## Example
    /// ```yaml
    /// routes: [{destination: 10.0.1.0/24, vpc_peering: to-shared}]   # VPC is 10.0.0.0/16
    /// ```
    ///
    /// ## Fix
    /// Route the peer's block, not part of your own.
    RouteMoreSpecificThanLocal = ("RT006", "route-more-specific-than-local", Error, true);

    /// A route table with no subnets that is not the main table.
    ///
    /// ## Why
    /// A table nothing is associated with routes nothing.
    ///
    /// ## Example
    /// ```yaml
    /// route_tables:
    ///   spare: {vpc: main}
    /// ```
    ///
    /// ## Fix
    /// Associate subnets, mark it `main: true`, or remove it.
    UnusedRouteTable = ("RT007", "unused-route-table", Warning, true);

    /// A route through a peering whose destination is not inside the peer VPC's blocks.
    ///
    /// ## Why
    /// VPC peering is not transitive: traffic for a third network sent over a
    /// peering is dropped.
    ///
    /// ## Example
    /// ```yaml
    /// routes: [{destination: 10.30.0.0/16, vpc_peering: hub-to-spoke-a}]   # spoke-a is 10.10.0.0/16
    /// ```
    ///
    /// ## Fix
    /// Route only the peer's own blocks through the peering; use a transit gateway for transitive routing.
    PeeringRouteOutsidePeer = ("RT008", "peering-route-outside-peer", Error, true);

    /// A route whose destination lies inside the VPC's own blocks but is not exactly one subnet's block, or equals a VPC block.
    ///
    /// ## Why
    /// A route more specific than the local route is allowed only for
    /// middlebox routing: its destination must equal a subnet's whole block,
    /// and its target a NAT gateway or an instance. A destination equal to a
    /// VPC block collides with the local route (`RouteAlreadyExists`).
    ///
    /// ## Example
    /// ```yaml
    /// routes: [{destination: 10.0.1.0/25, instance: firewall}]   # subnet b is 10.0.1.0/24
    /// ```
    ///
    /// ## Fix
    /// Route a subnet's exact block, or a destination outside the VPC.
    RouteInsideVpc = ("RT009", "route-inside-vpc", Error, true);

    /// A route whose destination lies in 169.254.168.0/22.
    ///
    /// ## Why
    /// AWS reserves that range for its own services (instance metadata, DNS,
    /// time sync) and refuses routes into it (`InvalidParameterValue`).
    ///
    /// ## Example
    /// ```yaml
    /// routes: [{destination: 169.254.169.0/24, nat_gateway: nat-a}]
    /// ```
    ///
    /// ## Fix
    /// Remove the route; those services are reached through the VPC router.
    RouteReservedDestination = ("RT010", "route-reserved-destination", Error, true);

    /// A main route table that sends 0.0.0.0/0 to an internet gateway.
    ///
    /// ## Why
    /// Every subnet not associated with another table uses the main one, now
    /// and in the future: a new private subnet becomes public the moment it is
    /// created.
    ///
    /// ## Example
    /// ```yaml
    /// route_tables:
    ///   public: {vpc: main, main: true, routes: [{destination: 0.0.0.0/0, internet_gateway: igw}]}
    /// ```
    ///
    /// ## Fix
    /// Keep the main table private and associate public subnets with a table of their own.
    MainRouteTableToInternet = ("RT011", "main-route-table-to-internet", Warning, true);

    /// A route to an instance that cannot forward: it keeps its source/destination check, or it is stopped.
    ///
    /// ## Why
    /// An instance forwards traffic for others (a NAT instance, a firewall)
    /// only with its source/destination check turned off (`source_dest_check:
    /// false`; AWS's default is on), and only while running; otherwise every
    /// packet the route sends it is dropped.
    ///
    /// ## Example
    /// ```yaml
    /// instances:
    ///   nat: {subnet: public-a, ami: ami-0123456789abcdef0, type: t3.micro}
    /// route_tables:
    ///   private: {vpc: main, routes: [{destination: 0.0.0.0/0, instance: nat}]}
    /// ```
    ///
    /// ## Fix
    /// Set `source_dest_check: false` on the instance and keep it running, or
    /// route to a NAT gateway.
    RouteToInstance = ("RT012", "route-to-instance", Error, true);

    /// A route through a peering whose destination contains the peer's blocks and more.
    ///
    /// ## Why
    /// A summarising route (`10.0.0.0/8` over a peering with a 10.1.0.0/16
    /// VPC) works for the peer's own range, but every other address of it is
    /// dropped at the peer: peering is not transitive.
    ///
    /// ## Example
    /// ```yaml
    /// routes: [{destination: 10.0.0.0/8, vpc_peering: to-shared}]   # shared is 10.1.0.0/16
    /// ```
    ///
    /// ## Fix
    /// Route the peer's blocks exactly, so nothing else is sent into the peering.
    PeeringRouteWiderThanPeer = ("RT013", "peering-route-wider-than-peer", Warning, true);


    /// An IPv6 route to a NAT gateway other than the NAT64 prefix
    /// `64:ff9b::/96`.
    ///
    /// ## Why
    /// A NAT gateway translates IPv4 only; for IPv6 it serves NAT64, and AWS
    /// accepts an IPv6 route to it only for `64:ff9b::/96`. IPv6 traffic to
    /// the internet goes through an egress-only internet gateway.
    ///
    /// ## Example
    /// ```yaml
    /// routes:
    ///   - {destination: "::/0", nat_gateway: nat}
    /// ```
    ///
    /// ## Fix
    /// Route `::/0` to an egress-only internet gateway (or the internet
    /// gateway), or use `64:ff9b::/96` for NAT64.
    Ipv6RouteToNat = ("RT014", "ipv6-route-to-nat", Error, true);

    /// An egress-only internet gateway as the target of an IPv4 route.
    ///
    /// ## Why
    /// An egress-only internet gateway carries IPv6 only; AWS refuses an
    /// IPv4 route to it. IPv4 traffic out of a private subnet goes through
    /// a NAT gateway.
    ///
    /// ## Example
    /// ```yaml
    /// routes:
    ///   - {destination: 0.0.0.0/0, egress_only_internet_gateway: eigw}
    /// ```
    ///
    /// ## Fix
    /// Route `::/0` to it, and `0.0.0.0/0` to a NAT gateway.
    EgressOnlyGatewayIpv4 = ("RT015", "egress-only-gateway-ipv4", Error, true);

    /// A gateway endpoint lists a route table of another VPC.
    ///
    /// ## Why
    /// A gateway endpoint adds routes only to its own VPC's tables.
    ///
    /// ## Example
    /// ```yaml
    /// vpc_endpoints:
    ///   s3: {vpc: hub, service: s3, route_tables: [spoke-private]}
    /// ```
    ///
    /// ## Fix
    /// Declare an endpoint in the other VPC.
    EndpointForeignRouteTable = ("VE001", "endpoint-foreign-route-table", Error, true);

    /// Two gateway endpoints for the same service on one route table.
    ///
    /// ## Why
    /// A route table can hold one prefix-list route per service; AWS refuses
    /// the second (`RouteAlreadyExists`).
    ///
    /// ## Example
    /// ```yaml
    /// vpc_endpoints:
    ///   s3-a: {vpc: main, service: s3, route_tables: [private]}
    ///   s3-b: {vpc: main, service: s3, route_tables: [private]}
    /// ```
    ///
    /// ## Fix
    /// Keep one endpoint per service and list every table on it.
    EndpointDuplicateService = ("VE002", "endpoint-duplicate-service", Error, true);


    /// Options of one endpoint type on the other: `subnets`,
    /// `security_groups` or `private_dns` on a gateway endpoint, or
    /// `route_tables` on an interface endpoint.
    ///
    /// ## Why
    /// A gateway endpoint is a route in route tables; an interface endpoint
    /// is a network interface in subnets with security groups. AWS refuses
    /// the other type's options.
    ///
    /// ## Example
    /// ```yaml
    /// vpc_endpoints:
    ///   s3: {vpc: main, service: s3, subnets: [a]}
    /// ```
    ///
    /// ## Fix
    /// Write `type: interface` for an interface endpoint, or use the
    /// options of the type you mean.
    EndpointTypeOptions = ("VE003", "endpoint-type-options", Error, true);

    /// An endpoint service AWS does not offer as written: a gateway
    /// endpoint for a service other than S3 and DynamoDB, or a full service
    /// name in another region than the VPC's.
    ///
    /// ## Why
    /// Only S3 and DynamoDB have gateway endpoints; every other service is
    /// reached through interface endpoints, and an endpoint connects to the
    /// service of its own region.
    ///
    /// ## Example
    /// ```yaml
    /// vpc_endpoints:
    ///   ssm: {vpc: main, service: ssm}
    /// ```
    ///
    /// ## Fix
    /// Write `type: interface` with `subnets`, or name the VPC's region.
    EndpointService = ("VE004", "endpoint-service", Error, true);

    /// An interface endpoint with two subnets in one availability zone.
    ///
    /// ## Why
    /// An interface endpoint has one network interface per AZ; AWS refuses
    /// a second subnet of the same AZ (`DuplicateSubnetsInSameZone`).
    ///
    /// ## Example
    /// ```yaml
    /// vpc_endpoints:
    ///   ssm: {vpc: main, type: interface, service: ssm, subnets: [a1, a2]}
    /// ```
    ///
    /// ## Fix
    /// List one subnet per AZ.
    EndpointSubnetsPerAz = ("VE005", "endpoint-subnets-per-az", Error, true);

    /// An interface endpoint with a subnet or security group of another VPC.
    ///
    /// ## Why
    /// An endpoint's network interfaces live in its own VPC's subnets and
    /// take its own VPC's groups.
    ///
    /// ## Example
    /// ```yaml
    /// vpc_endpoints:
    ///   ssm: {vpc: main, type: interface, service: ssm, subnets: [other-a]}
    /// ```
    ///
    /// ## Fix
    /// Use the endpoint's VPC's subnets and groups, or declare an endpoint
    /// in the other VPC.
    EndpointForeignResource = ("VE006", "endpoint-foreign-resource", Error, true);

    /// An interface endpoint with private DNS in a VPC without DNS support
    /// or DNS hostnames.
    ///
    /// ## Why
    /// AWS refuses private DNS unless the VPC has both `enableDnsSupport`
    /// and `enableDnsHostnames` (`InvalidParameter`).
    ///
    /// ## Example
    /// ```yaml
    /// vpcs:
    ///   main: {cidr: 10.0.0.0/16}
    /// vpc_endpoints:
    ///   ssm: {vpc: main, type: interface, service: ssm, subnets: [a]}
    /// ```
    ///
    /// ## Fix
    /// Give the VPC `dns_hostnames: true` (and `dns_support`), or
    /// `private_dns: false`.
    EndpointPrivateDnsWithoutDns = ("VE007", "endpoint-private-dns-without-dns", Error, true);

    /// Two interface endpoints with private DNS for one service in one VPC.
    ///
    /// ## Why
    /// Private DNS makes the service's public name resolve to the endpoint
    /// in a private hosted zone; a VPC holds one such zone per name, and
    /// AWS refuses the second endpoint (`InvalidParameter`).
    ///
    /// ## Example
    /// ```yaml
    /// vpc_endpoints:
    ///   ssm-a: {vpc: main, type: interface, service: ssm, subnets: [a]}
    ///   ssm-b: {vpc: main, type: interface, service: ssm, subnets: [b]}
    /// ```
    ///
    /// ## Fix
    /// Keep one endpoint per service and list every subnet on it.
    EndpointDuplicatePrivateDns = ("VE008", "endpoint-duplicate-private-dns", Error, true);

    /// An endpoint policy that is not a valid IAM policy document, or is
    /// longer than 20,480 characters once minified.
    ///
    /// ## Why
    /// AWS refuses a policy without a `Statement` list, with an `Effect`
    /// other than `Allow` or `Deny`, without exactly one of `Action` and
    /// `NotAction` and of `Resource` and `NotResource`, with an unknown key
    /// or a `Version` other than `2012-10-17` or `2008-10-17`
    /// (`MalformedPolicyDocument`), or one over the size limit.
    ///
    /// ## Example
    /// ```yaml
    /// policy:
    ///   Statement: [{Effect: Permit, Action: "*", Resource: "*", Principal: "*"}]
    /// ```
    ///
    /// ## Fix
    /// Write `Effect: Allow` or `Deny`, and one of each pair of keys.
    EndpointPolicyInvalid = ("VE009", "endpoint-policy-invalid", Error, true);

    /// An endpoint policy that allows every action on every resource to
    /// everyone: the same as no policy.
    ///
    /// ## Why
    /// It reads as a restriction but restricts nothing; the endpoint then
    /// lets any principal reach any bucket or API of the service, including
    /// other accounts' (a data exfiltration path).
    ///
    /// ## Example
    /// ```yaml
    /// policy:
    ///   Statement: [{Effect: Allow, Action: "*", Resource: "*", Principal: "*"}]
    /// ```
    ///
    /// ## Fix
    /// Name the actions and resources the VPC needs, or remove the policy.
    EndpointPolicyAllowsAll = ("VE010", "endpoint-policy-allows-all", Warning, true);

    /// A VPC peered with itself.
    ///
    /// ## Why
    /// AWS refuses it (`InvalidParameterValue`).
    ///
    /// ## Example
    /// ```yaml
    /// vpc_peerings:
    ///   loop: {vpc: main, peer_vpc: main}
    /// ```
    ///
    /// ## Fix
    /// Name two different VPCs.
    PeeringSelf = ("PC001", "peering-self", Error, true);

    /// Two peerings between the same pair of VPCs.
    ///
    /// ## Why
    /// Only one active peering can exist between two VPCs
    /// (`VpcPeeringConnectionAlreadyExists`), whichever side requests it.
    ///
    /// ## Example
    /// ```yaml
    /// vpc_peerings:
    ///   a-to-b: {vpc: a, peer_vpc: b}
    ///   b-to-a: {vpc: b, peer_vpc: a}
    /// ```
    ///
    /// ## Fix
    /// Keep one peering.
    PeeringDuplicate = ("PC002", "peering-duplicate", Error, true);

    /// Peered VPCs whose blocks overlap.
    ///
    /// ## Why
    /// AWS refuses a peering between VPCs with overlapping IPv4 blocks (any block of either).
    ///
    /// ## Example
    /// ```yaml
    /// vpcs:
    ///   a: {cidr: 10.0.0.0/16}
    ///   b: {cidr: 10.0.128.0/17}
    /// vpc_peerings:
    ///   a-to-b: {vpc: a, peer_vpc: b}
    /// ```
    ///
    /// ## Fix
    /// Renumber one VPC.
    PeeringOverlap = ("PC003", "peering-overlap", Error, true);

    /// A peering between VPCs of different AWS partitions (aws, aws-cn, aws-us-gov).
    ///
    /// ## Why
    /// Partitions are separate clouds with separate accounts: no peering
    /// connection can join them.
    ///
    /// ## Example
    /// ```yaml
    /// vpcs:
    ///   eu: {cidr: 10.0.0.0/16, region: eu-west-1}
    ///   cn: {cidr: 10.1.0.0/16, region: cn-north-1}
    /// vpc_peerings:
    ///   link: {vpc: eu, peer_vpc: cn}
    /// ```
    ///
    /// ## Fix
    /// Connect the networks over the internet (VPN) or keep both VPCs in one partition.
    PeeringAcrossPartitions = ("PC004", "peering-across-partitions", Error, true);

    /// A route through a peering with no route back in the peer VPC.
    ///
    /// ## Why
    /// Traffic reaches the peer, but its replies have no route through the
    /// peering and are dropped (or leave by the peer's default route).
    ///
    /// ## Example
    /// ```yaml
    /// route_tables:
    ///   hub: {vpc: hub, routes: [{destination: 10.1.0.0/16, vpc_peering: link}]}   # no table of spoke routes 10.0.0.0/16 back
    /// ```
    ///
    /// ## Fix
    /// Add a route for this VPC's block through the peering in the peer VPC's route tables.
    PeeringNoReturnRoute = ("PC005", "peering-no-return-route", Warning, true);


    /// A prefix list with more entries than its `max_entries`.
    ///
    /// ## Why
    /// AWS refuses the entries past `max_entries`
    /// (`PrefixListMaxEntriesExceeded`); the size is what rules and routes
    /// count toward their quotas.
    ///
    /// ## Example
    /// ```yaml
    /// prefix_lists:
    ///   office: {address_family: IPv4, max_entries: 1, entries: [{cidr: 198.51.100.0/24}, {cidr: 203.0.113.0/24}]}
    /// ```
    ///
    /// ## Fix
    /// Raise `max_entries`, or summarise the blocks.
    PrefixListTooManyEntries = ("PL001", "prefix-list-too-many-entries", Error, true);

    /// A prefix list entry of the other address family.
    ///
    /// ## Why
    /// A prefix list holds blocks of its `address_family` only
    /// (`InvalidParameterValue`).
    ///
    /// ## Example
    /// ```yaml
    /// prefix_lists:
    ///   office: {address_family: IPv4, max_entries: 2, entries: [{cidr: "2001:db8::/48"}]}
    /// ```
    ///
    /// ## Fix
    /// Move the block to a list of its family.
    PrefixListFamily = ("PL002", "prefix-list-family", Error, true);

    /// The same block twice in one prefix list.
    ///
    /// ## Why
    /// AWS refuses a duplicate entry (`InvalidPrefixListModification`).
    ///
    /// ## Example
    /// ```yaml
    /// prefix_lists:
    ///   office: {address_family: IPv4, max_entries: 2, entries: [{cidr: 198.51.100.0/24}, {cidr: 198.51.100.0/24}]}
    /// ```
    ///
    /// ## Fix
    /// Remove the repeat.
    PrefixListDuplicateEntry = ("PL003", "prefix-list-duplicate-entry", Error, true);

    /// A protocol that is not `tcp`, `udp`, `icmp`, `all` or a number from 0 to 255.
    ///
    /// ## Why
    /// AWS refuses the rule (`InvalidPermission.Malformed`).
    ///
    /// ## Example
    /// ```yaml
    /// ingress: [{protocol: sctpp, ports: 9000, cidr: 10.0.0.0/8}]
    /// ```
    ///
    /// ## Fix
    /// Use a protocol name skyplan knows or the IP protocol number (`132` for SCTP).
    InvalidProtocol = ("SG001", "invalid-protocol", Error, true);

    /// A security group rule's ports missing for tcp/udp, outside 0-65535, inverted, or narrower than every port on a protocol without ports.
    ///
    /// ## Why
    /// AWS refuses the rule (`InvalidParameterValue`), or silently widens it: for `all` (or a
    /// protocol without ports) AWS ignores the ports, so `ports: 22` there opens every port.
    /// `ports: 0-65535` (or `0`) on such a protocol says what happens and is accepted.
    ///
    /// ## Example
    /// ```yaml
    /// ingress: [{protocol: tcp, ports: 8080-80, cidr: 10.0.0.0/8}]
    /// ```
    ///
    /// ## Fix
    /// Write `ports: N` or `ports: FROM-TO` with FROM <= TO, only for tcp and udp.
    InvalidPorts = ("SG002", "invalid-ports", Error, true);

    /// An ICMP type or code outside -1..255, or given for a protocol other than icmp.
    ///
    /// ## Why
    /// AWS refuses the rule (`InvalidParameterValue`).
    ///
    /// ## Example
    /// ```yaml
    /// ingress: [{protocol: icmp, icmp_type: 300, cidr: 10.0.0.0/8}]
    /// ```
    ///
    /// ## Fix
    /// Use a type and code from -1 (all) to 255.
    InvalidIcmp = ("SG003", "invalid-icmp", Error, true);

    /// A security group rule with no source (or destination) or with more than one.
    ///
    /// ## Why
    /// Each rule names exactly one of `cidr`, `cidrs`, `security_group` or `self`.
    ///
    /// ## Example
    /// ```yaml
    /// ingress: [{protocol: tcp, ports: 443}]
    /// ```
    ///
    /// ## Fix
    /// Add one source, or split the rule in two.
    RuleSourceCount = ("SG004", "rule-source-count", Error, true);

    /// A rule referencing a security group of another VPC that is not peered with this one.
    ///
    /// ## Why
    /// Security group references work only within a VPC or across a peering
    /// of two VPCs in the same region; AWS refuses others, including groups
    /// across an inter-region peering (`InvalidGroup.NotFound`).
    ///
    /// ## Example
    /// ```yaml
    /// security_groups:
    ///   app: {vpc: prod, ingress: [{protocol: tcp, ports: 22, security_group: staging-bastion}]}
    /// ```
    ///
    /// ## Fix
    /// Peer the VPCs, or use the other VPC's CIDR block as the source.
    RuleForeignGroup = ("SG005", "rule-foreign-group", Error, true);

    /// The same rule twice in one security group.
    ///
    /// ## Why
    /// AWS refuses it with `InvalidPermission.Duplicate`. Each CIDR of `cidrs` is its own rule.
    ///
    /// ## Example
    /// ```yaml
    /// ingress:
    ///   - {protocol: tcp, ports: 443, cidr: 0.0.0.0/0}
    ///   - {protocol: tcp, ports: 443, cidrs: [0.0.0.0/0, 10.0.0.0/8]}
    /// ```
    ///
    /// ## Fix
    /// Remove the repeat.
    DuplicateRule = ("SG006", "duplicate-rule", Error, true);

    /// More than 60 inbound or 60 outbound rules in one security group.
    ///
    /// ## Why
    /// The default quota is 60 rules per direction (each CIDR of `cidrs` counts
    /// as one); AWS refuses the 61st with `RulesPerSecurityGroupLimitExceeded`.
    ///
    /// ## Example
    /// A group whose `ingress` lists 61 CIDRs.
    ///
    /// ## Fix
    /// Summarise CIDRs, use a managed prefix list, or raise the quota.
    TooManyRules = ("SG007", "too-many-rules", Error, true);

    /// An instance with more than 5 security groups.
    ///
    /// ## Why
    /// The default quota is 5 security groups per network interface.
    ///
    /// ## Example
    /// ```yaml
    /// instances:
    ///   app: {subnet: app-a, ami: ami-0c9c942bd7bf113a2, type: t3.micro, security_groups: [a, b, c, d, e, f]}
    /// ```
    ///
    /// ## Fix
    /// Merge groups, or raise the quota.
    TooManyInstanceGroups = ("SG008", "too-many-instance-groups", Error, true);

    /// An instance with a security group of another VPC.
    ///
    /// ## Why
    /// An interface can only use groups of its subnet's VPC (`InvalidGroup.NotFound`).
    ///
    /// ## Example
    /// ```yaml
    /// instances:
    ///   app: {subnet: prod-a, ami: ami-0c9c942bd7bf113a2, type: t3.micro, security_groups: [staging-app]}
    /// ```
    ///
    /// ## Fix
    /// Use a group of the instance's VPC.
    InstanceForeignGroup = ("SG009", "instance-foreign-group", Error, true);

    /// A security group allows SSH (22) or RDP (3389) from the whole internet.
    ///
    /// ## Why
    /// Remote-administration ports open to 0.0.0.0/0 or ::/0 are scanned and
    /// brute-forced within minutes.
    ///
    /// ## Example
    /// ```yaml
    /// ingress: [{protocol: tcp, ports: 22, cidr: 0.0.0.0/0}]
    /// ```
    ///
    /// ## Fix
    /// Allow only your office or VPN range, or use Session Manager.
    AdminPortOpen = ("SG010", "admin-port-open", Warning, true);

    /// A security group allows all traffic, or a database port, from the whole internet.
    ///
    /// ## Why
    /// Databases (3306, 5432, 1433, 1521, 27017, 6379, 9200) and "all traffic"
    /// open to 0.0.0.0/0 or ::/0 are a leading cause of data breaches.
    ///
    /// ## Example
    /// ```yaml
    /// ingress: [{protocol: tcp, ports: 5432, cidr: 0.0.0.0/0}]
    /// ```
    ///
    /// ## Fix
    /// Allow the application's security group instead (`security_group: app`).
    OpenToInternet = ("SG011", "open-to-internet", Warning, true);

    /// A security group that no instance, endpoint, load balancer, launch
    /// template or database uses and no other group references.
    ///
    /// ## Why
    /// Unused groups clutter the account and invite accidental reuse.
    ///
    /// ## Example
    /// ```yaml
    /// security_groups:
    ///   old: {vpc: main}
    /// ```
    ///
    /// ## Fix
    /// Attach it or remove it.
    UnusedSecurityGroup = ("SG012", "unused-security-group", Warning, true);

    /// An instance with no security group.
    ///
    /// ## Why
    /// It gets the VPC's default group, which allows all traffic between its
    /// members and is shared by everything else that forgot a group.
    ///
    /// ## Example
    /// ```yaml
    /// instances:
    ///   app: {subnet: app-a, ami: ami-0c9c942bd7bf113a2, type: t3.micro}
    /// ```
    ///
    /// ## Fix
    /// Give it a group of its own (`security_groups: [app]`).
    DefaultSecurityGroup = ("SG013", "default-security-group", Warning, true);

    /// A security group or rule description AWS refuses: over 255 characters, or characters outside its set.
    ///
    /// ## Why
    /// AWS accepts only `a-z A-Z 0-9`, spaces and `._-:/()#,@[]+=&;{}!$*` in
    /// descriptions, at most 255 characters (`InvalidParameterValue`).
    ///
    /// ## Example
    /// ```yaml
    /// security_groups:
    ///   web: {vpc: main, description: "Web servers – public"}   # an en dash
    /// ```
    ///
    /// ## Fix
    /// Use plain ASCII from the allowed set, within 255 characters.
    SecurityGroupDescription = ("SG014", "security-group-description", Error, true);

    /// A security group named `default` or starting with `sg-`.
    ///
    /// ## Why
    /// `default` is the name of the group AWS creates in every VPC, and `sg-`
    /// is the prefix of group ids; AWS refuses both as names
    /// (`InvalidParameterValue`).
    ///
    /// ## Example
    /// ```yaml
    /// security_groups:
    ///   default: {vpc: main}
    /// ```
    ///
    /// ## Fix
    /// Choose another name.
    SecurityGroupName = ("SG015", "security-group-name", Error, true);


    /// A VPC whose default security group keeps AWS's rules: all traffic in
    /// from its members and all out (off by default: a compliance rule, CIS
    /// AWS Foundations 5.4).
    ///
    /// ## Why
    /// Anything launched without a group lands in the default group and can
    /// then talk to everything else there. CIS asks for a default group that
    /// allows nothing, so every instance must be given a group on purpose.
    ///
    /// ## Example
    /// ```yaml
    /// vpcs:
    ///   main: {cidr: 10.0.0.0/16}
    /// ```
    ///
    /// ## Fix
    /// Take the group over with no rules:
    /// `default_security_group: {ingress: [], egress: []}`.
    DefaultSecurityGroupOpen = ("SG016", "default-security-group-open", Warning, false);

    /// A network ACL rule number outside 1-32766.
    ///
    /// ## Why
    /// AWS refuses it; 32767 is the implicit deny-all.
    ///
    /// ## Example
    /// ```yaml
    /// ingress: [{rule: 0, action: allow, protocol: all, cidr: 10.0.0.0/8}]
    /// ```
    ///
    /// ## Fix
    /// Use a number from 1 to 32766 (leave gaps of 10 or 100).
    NaclRuleNumberRange = ("NA001", "nacl-rule-number-range", Error, true);

    /// Two entries with the same rule number in one direction of a network ACL.
    ///
    /// ## Why
    /// AWS refuses the second with `NetworkAclEntryAlreadyExists`.
    ///
    /// ## Example
    /// ```yaml
    /// ingress:
    ///   - {rule: 100, action: allow, protocol: tcp, ports: 443, cidr: 0.0.0.0/0}
    ///   - {rule: 100, action: allow, protocol: tcp, ports: 80, cidr: 0.0.0.0/0}
    /// ```
    ///
    /// ## Fix
    /// Renumber one of them.
    NaclDuplicateRuleNumber = ("NA002", "nacl-duplicate-rule-number", Error, true);

    /// More than 20 entries in one direction of a network ACL.
    ///
    /// ## Why
    /// The default quota is 20 rules per direction (`NetworkAclEntryLimitExceeded`).
    ///
    /// ## Example
    /// 21 `ingress` entries.
    ///
    /// ## Fix
    /// Merge entries, or raise the quota (at most 40).
    NaclTooManyEntries = ("NA003", "nacl-too-many-entries", Error, true);

    /// A network ACL allows traffic in one direction but not its replies on the ephemeral ports.
    ///
    /// ## Why
    /// Network ACLs are stateless: an inbound allow for tcp/443 needs an
    /// outbound allow for tcp 1024-65535 back to the client (and the reverse),
    /// or every reply is dropped.
    ///
    /// ## Example
    /// ```yaml
    /// network_acls:
    ///   data:
    ///     vpc: main
    ///     ingress: [{rule: 100, action: allow, protocol: tcp, ports: 5432, cidr: 10.0.0.0/16}]
    ///     egress: []
    /// ```
    ///
    /// ## Fix
    /// Add `{rule: 100, action: allow, protocol: tcp, ports: 1024-65535, cidr: 10.0.0.0/16}` to `egress`.
    NaclMissingReturnTraffic = ("NA004", "nacl-missing-return-traffic", Warning, true);

    /// A network ACL entry that can never match because an earlier entry covers it.
    ///
    /// ## Why
    /// Entries are evaluated in ascending rule order and the first match
    /// decides; a covered entry is dead and usually a mistake in numbering.
    ///
    /// ## Example
    /// ```yaml
    /// ingress:
    ///   - {rule: 100, action: allow, protocol: all, cidr: 0.0.0.0/0}
    ///   - {rule: 200, action: deny, protocol: tcp, ports: 22, cidr: 203.0.113.0/24}
    /// ```
    ///
    /// ## Fix
    /// Give the more specific entry the lower rule number.
    NaclShadowedEntry = ("NA005", "nacl-shadowed-entry", Warning, true);

    /// A network ACL entry whose protocol is not `tcp`, `udp`, `icmp`, `all` or a number from 0 to 255.
    ///
    /// ## Why
    /// AWS refuses the entry (`InvalidParameterValue`).
    ///
    /// ## Example
    /// ```yaml
    /// ingress: [{rule: 100, action: allow, protocol: sctpp, ports: 9000, cidr: 10.0.0.0/8}]
    /// ```
    ///
    /// ## Fix
    /// Use a protocol name skyplan knows or the IP protocol number (`132` for SCTP).
    NaclInvalidProtocol = ("NA006", "nacl-invalid-protocol", Error, true);

    /// A network ACL entry's ports missing for tcp/udp, outside 0-65535, inverted, or narrower than every port on a protocol without ports.
    ///
    /// ## Why
    /// AWS refuses ports outside 0-65535 and tcp/udp entries without them. For `all` (or a protocol
    /// without ports) AWS ignores the ports, so `ports: 22` there matches every port: the author
    /// meant one port and opened them all. `ports: 0-65535` (or `0`, Terraform's spelling) says
    /// what happens and is accepted, as in AWS's own VPC samples.
    ///
    /// ## Example
    /// ```yaml
    /// ingress: [{rule: 100, action: allow, protocol: all, ports: 22, cidr: 10.0.0.0/8}]
    /// ```
    ///
    /// ## Fix
    /// For one port, use `protocol: tcp`; for every port, drop `ports` or write `0-65535`.
    NaclInvalidPorts = ("NA007", "nacl-invalid-ports", Error, true);

    /// A network ACL entry's ICMP type or code outside -1..255, or given for a protocol other than icmp.
    ///
    /// ## Why
    /// AWS refuses the entry (`InvalidParameterValue`).
    ///
    /// ## Example
    /// ```yaml
    /// ingress: [{rule: 100, action: allow, protocol: icmp, icmp_type: 300, cidr: 10.0.0.0/8}]
    /// ```
    ///
    /// ## Fix
    /// Use a type and code from -1 (all) to 255, with `protocol: icmp`.
    NaclInvalidIcmp = ("NA008", "nacl-invalid-icmp", Error, true);

    /// A network ACL listing a subnet of another VPC.
    ///
    /// ## Why
    /// A network ACL can only be associated with subnets of its own VPC
    /// (`InvalidParameterValue`).
    ///
    /// ## Example
    /// ```yaml
    /// network_acls:
    ///   data: {vpc: main, subnets: [other-vpc-subnet]}
    /// ```
    ///
    /// ## Fix
    /// List only subnets of the ACL's VPC.
    NaclForeignSubnet = ("NA009", "nacl-foreign-subnet", Error, true);

    /// A network ACL allowing SSH, RDP or all traffic in from the whole
    /// internet, in front of a subnet the internet can route to.
    ///
    /// ## Why
    /// The subnet-level twin of SG010: a NACL that admits 22, 3389 or all
    /// traffic from 0.0.0.0/0 or ::/0 leaves only the security groups between
    /// the internet and the admin ports of every instance in the subnets.
    /// An ACL whose subnets route nothing to an internet gateway is not
    /// reported: allow-all there is AWS's own default ACL, and no internet
    /// client gets in through it.
    ///
    /// ## Example
    /// ```yaml
    /// ingress: [{rule: 100, action: allow, protocol: tcp, ports: 22, cidr: 0.0.0.0/0}]
    /// ```
    ///
    /// ## Fix
    /// Allow admin ports only from your office or VPN ranges.
    NaclOpenToInternet = ("NA010", "nacl-open-to-internet", Warning, true);

    /// An AMI id that is not `ami-` followed by 8 or 17 lowercase hex digits.
    ///
    /// ## Why
    /// AWS refuses it with `InvalidAMIID.Malformed`.
    ///
    /// ## Example
    /// ```yaml
    /// instances:
    ///   web: {subnet: app-a, ami: ami-XYZ, type: t3.micro}
    /// ```
    ///
    /// ## Fix
    /// Copy the AMI id from the console or `aws ec2 describe-images`.
    InvalidAmi = ("EC001", "invalid-ami", Error, true);

    /// A static `private_ip` on an instance with more than one copy.
    ///
    /// ## Why
    /// Every copy would ask for the same address; the second launch fails.
    ///
    /// ## Example
    /// ```yaml
    /// instances:
    ///   web: {subnet: app-a, ami: ami-0c9c942bd7bf113a2, type: t3.micro, count: 2, private_ip: 10.0.1.10}
    /// ```
    ///
    /// ## Fix
    /// Remove `private_ip`, or declare the copies as separate instances.
    PrivateIpWithCount = ("EC002", "private-ip-with-count", Error, true);

    /// An instance with both `subnet` and `subnets`, or with neither.
    ///
    /// ## Why
    /// Placement must be unambiguous.
    ///
    /// ## Example
    /// ```yaml
    /// instances:
    ///   web: {subnet: app-a, subnets: [app-a, app-b], ami: ami-0c9c942bd7bf113a2, type: t3.micro}
    /// ```
    ///
    /// ## Fix
    /// Use `subnet` for one subnet, `subnets` with `count` to spread copies.
    InstancePlacement = ("EC003", "instance-placement", Error, true);

    /// `state: hibernated` on an instance type that does not support hibernation.
    ///
    /// ## Why
    /// AWS refuses to hibernate such an instance (`UnsupportedHibernationConfiguration`).
    ///
    /// ## Example
    /// ```yaml
    /// instances:
    ///   web: {subnet: app-a, ami: ami-0c9c942bd7bf113a2, type: a1.large, state: hibernated}
    /// ```
    ///
    /// ## Fix
    /// Use `state: stopped`, or a type that supports hibernation.
    HibernationUnsupported = ("EC004", "hibernation-unsupported", Error, true);

    /// `user_data` larger than 16 KiB.
    ///
    /// ## Why
    /// AWS limits user data to 16 KiB before base64 encoding.
    ///
    /// ## Example
    /// A 20 KiB shell script inlined in `user_data`.
    ///
    /// ## Fix
    /// Keep a small bootstrap in user data and fetch the rest (S3, SSM).
    UserDataTooLarge = ("EC005", "user-data-too-large", Error, true);

    /// An instance type that does not exist.
    ///
    /// ## Why
    /// AWS refuses the launch (`InvalidParameterValue`).
    ///
    /// ## Example
    /// ```yaml
    /// instances:
    ///   web: {subnet: app-a, ami: ami-0c9c942bd7bf113a2, type: t3.mirco}
    /// ```
    ///
    /// ## Fix
    /// Use the type skyplan suggests.
    UnknownInstanceType = ("EC006", "unknown-instance-type", Error, true);

    /// An instance type not offered in the subnet's availability zone.
    ///
    /// ## Why
    /// AWS refuses the launch (`Unsupported`). Checked only for AZs the facts table lists.
    ///
    /// ## Example
    /// ```yaml
    /// instances:
    ///   web: {subnet: app-a, ami: ami-0c9c942bd7bf113a2, type: u-6tb1.112xlarge}
    /// ```
    ///
    /// ## Fix
    /// Use a type the AZ offers, or a subnet in an AZ that offers it.
    InstanceTypeNotOffered = ("EC007", "instance-type-not-offered", Error, true);

    /// An instance asks for a public IP in a subnet with no route to an internet gateway.
    ///
    /// ## Why
    /// The address is billed but the instance can never be reached through it.
    ///
    /// ## Example
    /// ```yaml
    /// instances:
    ///   web: {subnet: private-a, ami: ami-0c9c942bd7bf113a2, type: t3.micro, public_ip: true}
    /// ```
    ///
    /// ## Fix
    /// Put it in a public subnet, or drop the public IP.
    PublicIpUnreachable = ("EC008", "public-ip-unreachable", Warning, true);

    /// A previous-generation instance type.
    ///
    /// ## Why
    /// Previous generations cost more for less and are offered in fewer AZs.
    /// Off by default; select it with `--select EC009`.
    ///
    /// ## Example
    /// ```yaml
    /// instances:
    ///   web: {subnet: app-a, ami: ami-0c9c942bd7bf113a2, type: m4.large}
    /// ```
    ///
    /// ## Fix
    /// Use the current generation (`m7i.large`, `m7g.large`).
    PreviousGenerationType = ("EC009", "previous-generation-type", Warning, false);

    /// One AMI used with instance types of different architectures.
    ///
    /// ## Why
    /// An AMI is built for one architecture; launching it on a type of the
    /// other fails (`InvalidParameterValue: The architecture 'arm64' of the
    /// specified instance type does not match the architecture 'x86_64' of the
    /// specified AMI`).
    ///
    /// ## Example
    /// ```yaml
    /// instances:
    ///   web: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro}    # x86_64
    ///   app: {subnet: a, ami: ami-0123456789abcdef0, type: m7g.large}   # arm64
    /// ```
    ///
    /// ## Fix
    /// Use the AMI built for each architecture, or types of one architecture.
    AmiArchitectureMismatch = ("EC010", "ami-architecture-mismatch", Error, true);

    /// An instance whose metadata service also answers IMDSv1 (`http_tokens: optional`).
    ///
    /// ## Why
    /// IMDSv1 answers any request without a session token, so a server-side
    /// request forgery in an application on the instance hands out the
    /// instance's IAM credentials (the Capital One breach). IMDSv2 requires a
    /// token obtained with a PUT, which such bugs cannot send. checkov:
    /// CKV_AWS_79; AWS's default for new instances is `required`.
    ///
    /// ## Example
    /// ```yaml
    /// instances:
    ///   web: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro, metadata: {http_tokens: optional}}
    /// ```
    ///
    /// ## Fix
    /// `metadata: {http_tokens: required}` (the default), after checking that
    /// the software on the instance uses IMDSv2 (current AWS SDKs do).
    MetadataV1 = ("EC011", "metadata-v1", Warning, true);

    /// `state: hibernated` on an instance not launched with `hibernation: true`.
    ///
    /// ## Why
    /// AWS hibernates only instances whose hibernation was enabled at launch
    /// (`UnsupportedHibernationConfiguration`); it cannot be turned on later.
    ///
    /// ## Example
    /// ```yaml
    /// instances:
    ///   web: {subnet: a, ami: ami-0123456789abcdef0, type: m7i.large, state: hibernated}
    /// ```
    ///
    /// ## Fix
    /// Add `hibernation: true` (this replaces the instance), or use `state: stopped`.
    HibernationNotEnabled = ("EC012", "hibernation-not-enabled", Error, true);


    /// Hibernation without an encrypted root volume as large as the type's
    /// memory.
    ///
    /// ## Why
    /// Hibernation writes the instance's memory to its root volume, which
    /// AWS requires to be encrypted and large enough for the RAM plus the
    /// operating system; otherwise `RunInstances` refuses hibernation.
    ///
    /// ## Example
    /// ```yaml
    /// instances:
    ///   app: {subnet: a, ami: ami-0c9c942bd7bf113a2, type: m5.large, hibernation: true, root_volume: {size_gb: 8}}
    /// ```
    ///
    /// ## Fix
    /// `root_volume: {size_gb: 16, encrypted: true}` or larger: the type's
    /// memory (8 GiB for an m5.large) plus room for the system.
    HibernationRootVolume = ("EC013", "hibernation-root-volume", Error, true);

    /// Availability zones that the built-in offerings table does not list,
    /// so whether they offer the stack's instance types is not checked.
    ///
    /// ## Why
    /// EC007 and AS003 check each instance type against the AZ's offerings.
    /// AWS publishes offerings per AZ, and a new region's AZs can be missing
    /// from the table skyplan ships; skipping the check silently would pass
    /// a type AWS then refuses. This is a note, once per stack: it never
    /// fails a run, not even with `--deny warnings`.
    ///
    /// ## Example
    /// ```yaml
    /// subnets:
    ///   a: {vpc: main, cidr: 10.0.0.0/24, az: mx-central-1a}
    /// instances:
    ///   web: {subnet: a, ami: ami-0123456789abcdef0, type: t3.micro}
    /// ```
    ///
    /// ## Fix
    /// Check the offering with `aws ec2 describe-instance-type-offerings
    /// --location-type availability-zone` in that region, or upgrade skyplan
    /// for a newer table (`skyplan explain --facts` shows its date).
    InstanceTypeOfferingUnknown = ("EC014", "instance-type-offering-unknown", Info, true);

    /// A volume whose AZ differs from the AZ of the instance it attaches to.
    ///
    /// ## Why
    /// EBS volumes attach only to instances in their own AZ (`InvalidVolume.ZoneMismatch`).
    ///
    /// ## Example
    /// ```yaml
    /// volumes:
    ///   data: {az: eu-west-1b, size_gb: 100, attach: {instance: db, device: /dev/sdf}}   # db is in eu-west-1a
    /// ```
    ///
    /// ## Fix
    /// Use the instance's AZ.
    VolumeAzMismatch = ("EB001", "volume-az-mismatch", Error, true);

    /// A volume size outside its type's range.
    ///
    /// ## Why
    /// gp2/gp3 take 1-16384 GiB, io1/io2 4-16384, st1/sc1 125-16384, standard 1-1024.
    ///
    /// ## Example
    /// ```yaml
    /// volumes:
    ///   logs: {az: eu-west-1a, size_gb: 100, type: st1}
    /// ```
    ///
    /// ## Fix
    /// Use a size in range, or another type.
    VolumeSizeRange = ("EB002", "volume-size-range", Error, true);

    /// `iops` on a type without it, or outside the type's range.
    ///
    /// ## Why
    /// gp3 takes 3000-16000 IOPS (at most 500 per GiB), io1 100-64000 (50 per
    /// GiB), io2 100-256000 (1000 per GiB); other types take none.
    ///
    /// ## Example
    /// ```yaml
    /// volumes:
    ///   db: {az: eu-west-1a, size_gb: 10, type: io1, iops: 1000}
    /// ```
    ///
    /// ## Fix
    /// Lower the IOPS or grow the volume.
    VolumeIops = ("EB003", "volume-iops", Error, true);

    /// `throughput` on anything but gp3, outside 125-2000 MiB/s, or above 0.25 MiB/s per provisioned IOPS.
    ///
    /// ## Why
    /// Only gp3 has provisioned throughput, and AWS caps it at 0.25 MiB/s per
    /// IOPS (3,000 IOPS allow at most 750 MiB/s; `InvalidParameterValue`).
    ///
    /// ## Example
    /// ```yaml
    /// volumes:
    ///   db: {az: eu-west-1a, size_gb: 100, type: gp2, throughput: 250}
    /// ```
    ///
    /// ## Fix
    /// Use gp3, or remove `throughput`.
    VolumeThroughput = ("EB004", "volume-throughput", Error, true);

    /// Two volumes attached to one instance at the same device slot.
    ///
    /// ## Why
    /// AWS refuses the second attachment (`InvalidParameterValue`: device in
    /// use). `/dev/sdf` and `/dev/xvdf` are the same slot: the kernel renames
    /// one to the other.
    ///
    /// ## Example
    /// ```yaml
    /// volumes:
    ///   a: {az: eu-west-1a, size_gb: 10, attach: {instance: db, device: /dev/sdf}}
    ///   b: {az: eu-west-1a, size_gb: 10, attach: {instance: db, device: /dev/sdf}}
    /// ```
    ///
    /// ## Fix
    /// Use another device name (`/dev/sdg`).
    VolumeDeviceConflict = ("EB005", "volume-device-conflict", Error, true);

    /// More volumes attached to an instance than its type's EBS attachment limit.
    ///
    /// ## Why
    /// Each type has a maximum number of EBS attachments (from the facts
    /// table, which counts the root volume); AWS refuses the next attachment.
    ///
    /// ## Example
    /// 28 volumes attached to one `a1.large`.
    ///
    /// ## Fix
    /// Use fewer, larger volumes or a larger type.
    VolumeAttachmentLimit = ("EB006", "volume-attachment-limit", Error, true);

    /// A device name AWS does not accept for an EBS data volume.
    ///
    /// ## Why
    /// Data volumes attach at `/dev/sd[b-z]`, `/dev/xvd[b-z]` or
    /// `/dev/xvd[b-c][a-z]`; `/dev/sda1` and `/dev/xvda` belong to the root
    /// volume (`InvalidParameterValue`).
    ///
    /// ## Example
    /// ```yaml
    /// attach: {instance: db, device: /dev/sda1}
    /// ```
    ///
    /// ## Fix
    /// Use `/dev/sdf` to `/dev/sdp`, AWS's recommended range.
    VolumeDeviceName = ("EB007", "volume-device-name", Error, true);


    /// A load balancer or target group name AWS refuses.
    ///
    /// ## Why
    /// The resource name is the AWS name, which takes at most 32 letters,
    /// digits and hyphens, neither starting nor ending with a hyphen; a load
    /// balancer's cannot start with `internal-` (AWS uses it for internal
    /// DNS names). `ValidationError` otherwise.
    ///
    /// ## Example
    /// ```yaml
    /// load_balancers:
    ///   web_front: {type: application, subnets: [a, b]}
    /// ```
    ///
    /// ## Fix
    /// Rename it (`web-front`).
    LoadBalancerName = ("LB001", "load-balancer-name", Error, true);

    /// Load balancer subnets AWS refuses: an application load balancer in
    /// fewer than two AZs, two subnets in one AZ, or subnets of two VPCs.
    ///
    /// ## Why
    /// An application load balancer needs subnets in at least two AZs; any
    /// load balancer has at most one subnet per AZ, all in its VPC
    /// (`InvalidConfigurationRequest`).
    ///
    /// ## Example
    /// ```yaml
    /// load_balancers:
    ///   web: {type: application, subnets: [public-a]}
    /// ```
    ///
    /// ## Fix
    /// List one subnet in each of two or more AZs.
    LoadBalancerSubnets = ("LB002", "load-balancer-subnets", Error, true);

    /// A load balancer subnet smaller than a /27 or with fewer than 8 free
    /// addresses.
    ///
    /// ## Why
    /// AWS requires a /27 or larger with at least 8 free addresses in each
    /// of a load balancer's subnets, room for the nodes it adds as it
    /// scales.
    ///
    /// ## Example
    /// ```yaml
    /// subnets:
    ///   tiny: {vpc: main, cidr: 10.0.9.0/28, az: eu-west-1a}
    /// ```
    ///
    /// ## Fix
    /// Use /27 or larger subnets for load balancers.
    LoadBalancerSubnetSize = ("LB003", "load-balancer-subnet-size", Error, true);

    /// A load balancer with a security group of another VPC.
    ///
    /// ## Why
    /// A load balancer's groups are its VPC's (`InvalidSecurityGroup`).
    ///
    /// ## Example
    /// ```yaml
    /// load_balancers:
    ///   web: {type: application, subnets: [a, b], security_groups: [other-vpc-group]}
    /// ```
    ///
    /// ## Fix
    /// Use a group of the load balancer's VPC.
    LoadBalancerForeignGroup = ("LB004", "load-balancer-foreign-group", Error, true);

    /// An internet-facing load balancer whose VPC has no internet gateway.
    ///
    /// ## Why
    /// AWS refuses an internet-facing load balancer in a VPC without an
    /// internet gateway (`InvalidSubnet: VPC has no internet gateway`).
    ///
    /// ## Example
    /// ```yaml
    /// load_balancers:
    ///   web: {type: application, subnets: [a, b]}  # and no internet_gateways
    /// ```
    ///
    /// ## Fix
    /// Attach an internet gateway to the VPC, or make it `scheme: internal`.
    InternetFacingWithoutRoute = ("LB005", "internet-facing-without-route", Error, true);

    /// A listener AWS refuses: a port used twice, a protocol of the other
    /// load balancer type, a certificate missing for HTTPS/TLS (or given for
    /// another protocol), or a target group of the other type's protocols.
    ///
    /// ## Why
    /// Application load balancers speak HTTP and HTTPS to HTTP/HTTPS target
    /// groups; network ones TCP, UDP, TLS and TCP_UDP to groups of those.
    /// HTTPS and TLS terminate with an ACM certificate.
    ///
    /// ## Example
    /// ```yaml
    /// listeners:
    ///   - {port: 443, protocol: HTTPS, target_group: web}
    /// ```
    ///
    /// ## Fix
    /// Add `certificate: arn:aws:acm:REGION:ACCOUNT:certificate/ID`.
    ListenerInvalid = ("LB006", "listener-invalid", Error, true);

    /// A target group whose VPC is not its load balancer's, or with
    /// targets outside its VPC.
    ///
    /// ## Why
    /// A load balancer forwards only to targets in its own VPC, through
    /// groups of that VPC (`InvalidTarget`, `ValidationError`).
    ///
    /// ## Example
    /// ```yaml
    /// target_groups:
    ///   web: {vpc: main, protocol: HTTP, port: 80, targets: [other-vpc-instance]}
    /// ```
    ///
    /// ## Fix
    /// Keep the load balancer, the group and its targets in one VPC.
    TargetGroupVpc = ("LB007", "target-group-vpc", Error, true);

    /// A target group used by two load balancers.
    ///
    /// ## Why
    /// A target group belongs to one load balancer
    /// (`TargetGroupAssociationLimit`).
    ///
    /// ## Example
    /// ```yaml
    /// load_balancers:
    ///   a: {type: application, subnets: [a, b], listeners: [{port: 80, protocol: HTTP, target_group: web}]}
    ///   b: {type: application, subnets: [a, b], listeners: [{port: 80, protocol: HTTP, target_group: web}]}
    /// ```
    ///
    /// ## Fix
    /// Give each load balancer a target group of its own.
    TargetGroupShared = ("LB008", "target-group-shared", Error, true);

    /// A target group whose targets' security groups do not admit the
    /// application load balancer in front of it on the target port.
    ///
    /// ## Why
    /// An application load balancer connects to targets from its own
    /// addresses (a network load balancer passes the client's on); when
    /// no group of a target allows its group (or its subnets' blocks) on the
    /// port, every health check fails and no request gets through, though
    /// everything deploys.
    ///
    /// ## Example
    /// ```yaml
    /// security_groups:
    ///   web: {vpc: main, ingress: [{protocol: tcp, ports: 22, cidr: 10.0.0.0/16}]}
    /// ```
    ///
    /// ## Fix
    /// Add `{protocol: tcp, ports: PORT, security_group: LB-GROUP}` to the
    /// targets' group.
    TargetsNotAdmittingLoadBalancer = ("LB009", "targets-not-admitting-load-balancer", Warning, true);

    /// An internet-facing application load balancer without an HTTPS
    /// listener.
    ///
    /// ## Why
    /// Everything it serves crosses the internet in clear text; the usual
    /// design redirects HTTP to an HTTPS listener with an ACM certificate.
    ///
    /// ## Example
    /// ```yaml
    /// listeners:
    ///   - {port: 80, protocol: HTTP, target_group: web}
    /// ```
    ///
    /// ## Fix
    /// Add an HTTPS listener on 443 with an ACM certificate, and make the
    /// port 80 listener `redirect: {protocol: HTTPS, port: 443}`.
    LoadBalancerWithoutHttps = ("LB010", "load-balancer-without-https", Warning, true);

    /// An internet-facing load balancer in a subnet that does not route
    /// `0.0.0.0/0` to the VPC's internet gateway.
    ///
    /// ## Why
    /// AWS creates it, but clients' traffic to its node in that subnet never
    /// arrives: DNS hands out that node's address too, so some clients fail.
    /// Like EC008, it deploys, which is why this is a warning.
    ///
    /// ## Example
    /// ```yaml
    /// load_balancers:
    ///   web: {type: application, subnets: [private-a, private-b]}
    /// ```
    ///
    /// ## Fix
    /// Put it in public subnets (routed to the internet gateway), or make it
    /// `scheme: internal`.
    InternetFacingSubnetWithoutRoute = ("LB011", "internet-facing-subnet-without-route", Warning, true);

    /// A listener without exactly one action (`target_group`, `redirect`,
    /// `fixed_response`), a redirect or fixed response on a network load
    /// balancer, or one AWS does not take: HTTPS redirected to HTTP, a port
    /// outside 1-65535, a host or path outside 1-128 characters, a path
    /// not starting with `/`, a status that is not 2XX, 4XX or 5XX, a body
    /// over 1,024 characters.
    ///
    /// ## Why
    /// AWS refuses it (`CreateListener`, "RedirectActionConfig" and
    /// "FixedResponseActionConfig"): a listener's default action is one
    /// action, and only application load balancers answer by themselves.
    ///
    /// ## Example
    /// ```yaml
    /// listeners:
    ///   - {port: 443, protocol: HTTPS, certificate: ARN, redirect: {protocol: HTTP}}
    /// ```
    ///
    /// ## Fix
    /// Keep one action; redirect HTTP to HTTPS, never back.
    ListenerAction = ("LB012", "listener-action", Error, true);

    /// A redirect that changes none of the protocol, host, port and path.
    ///
    /// ## Why
    /// The client is sent back to the URL it asked for, again and again:
    /// AWS's documentation says a redirect must change at least one of
    /// them to avoid a redirect loop.
    ///
    /// ## Example
    /// ```yaml
    /// listeners:
    ///   - {port: 80, protocol: HTTP, redirect: {protocol: HTTP, status: HTTP_302}}
    /// ```
    ///
    /// ## Fix
    /// Redirect to another protocol, port, host or path (`protocol: HTTPS,
    /// port: 443` for the usual HTTP-to-HTTPS redirect).
    ListenerRedirectLoop = ("LB013", "listener-redirect-loop", Warning, true);

    /// An `idle_timeout` on a network load balancer.
    ///
    /// ## Why
    /// AWS refuses it (`ModifyLoadBalancerAttributes`): the connection
    /// idle timeout is an application load balancer's attribute; a network
    /// load balancer's TCP idle timeout is fixed per listener.
    ///
    /// ## Example
    /// ```yaml
    /// load_balancers:
    ///   edge: {type: network, subnets: [a, b], idle_timeout: 120}
    /// ```
    ///
    /// ## Fix
    /// Remove it, or make it an application load balancer.
    LoadBalancerAttribute = ("LB014", "load-balancer-attribute", Error, true);

    /// A target group's health check or stickiness that AWS refuses.
    ///
    /// ## Why
    /// Elastic Load Balancing refuses, at create or modify time
    /// (`ValidationError`): a health check `interval` not greater than its
    /// `timeout` ("Health check interval must be greater than the timeout";
    /// an interval of 5 s alone is refused too, since every default timeout
    /// is at least 5 s); a `matcher` that is not a code, a list of codes or
    /// a range within 200-499 (HTTP and HTTPS groups) or 200-599 (network
    /// groups); cookie stickiness on a TCP, UDP or TLS group or `source_ip`
    /// stickiness on an HTTP or HTTPS group; `app_cookie` without its
    /// `cookie_name`, a cookie name on another type, a duration on
    /// `source_ip`; and a cookie name starting with `AWSALB`, which the
    /// load balancer keeps for its own cookies.
    ///
    /// ## Example
    /// ```yaml
    /// target_groups:
    ///   web: {vpc: main, protocol: HTTPS, port: 443, health_check: {interval: 5}}
    /// ```
    ///
    /// ## Fix
    /// Give a timeout below the interval (`interval: 10, timeout: 5`), a
    /// matcher such as `200-299`, and the stickiness type of the group's
    /// protocol.
    TargetGroupSettings = ("LB015", "target-group-settings", Error, true);

    /// An `ssl_policy` AWS refuses: on a listener that is not HTTPS or TLS,
    /// or not one of Elastic Load Balancing's predefined policies.
    ///
    /// ## Why
    /// A security policy negotiates TLS, so only HTTPS and TLS listeners
    /// take one (`ValidationError`), and application and network load
    /// balancers have no custom policies: every policy is a predefined
    /// `ELBSecurityPolicy-…` one (`SSLPolicyNotFound`).
    ///
    /// ## Example
    /// ```yaml
    /// listeners:
    ///   - {port: 80, protocol: HTTP, target_group: web, ssl_policy: ELBSecurityPolicy-TLS13-1-2-2021-06}
    /// ```
    ///
    /// ## Fix
    /// Move the policy to the HTTPS listener, and name a predefined one
    /// (`aws elbv2 describe-ssl-policies` lists them).
    ListenerSslPolicy = ("LB016", "listener-ssl-policy", Error, true);

    /// An HTTPS or TLS listener whose security policy still accepts TLS
    /// 1.0 or 1.1, AWS's default included.
    ///
    /// ## Why
    /// A listener without `ssl_policy` made by the API, CloudFormation or
    /// Terraform gets ELBSecurityPolicy-2016-08, which accepts TLS 1.0 and
    /// 1.1 (deprecated by RFC 8996). AWS recommends
    /// ELBSecurityPolicy-TLS13-1-2-2021-06 (TLS 1.3 and 1.2), and AWS
    /// Security Hub's control ELB.17 fails listeners without a recommended
    /// policy. The listener works; it only accepts weaker clients.
    ///
    /// ## Example
    /// ```yaml
    /// listeners:
    ///   - {port: 443, protocol: HTTPS, target_group: web, certificate: ARN}
    /// ```
    ///
    /// ## Fix
    /// `ssl_policy: ELBSecurityPolicy-TLS13-1-2-2021-06` (or another
    /// `-TLS13-1-2-`, `-TLS-1-2-`, `-FS-1-2-` or `-1-3-` policy).
    ListenerOldTls = ("LB017", "listener-old-tls", Warning, true);

    /// `access_logs` Elastic Load Balancing refuses: a bucket that is not a
    /// bucket name, or a prefix containing `AWSLogs`.
    ///
    /// ## Why
    /// The bucket is named, not addressed: `s3://logs/alb` or an ARN names
    /// no bucket, and enabling the logs fails. AWS adds the part of each
    /// log's key from `AWSLogs` on, so a prefix must not contain it.
    ///
    /// ## Example
    /// ```yaml
    /// access_logs: {bucket: "s3://acme-logs/alb"}
    /// ```
    ///
    /// ## Fix
    /// `access_logs: {bucket: acme-logs, prefix: alb}`.
    AccessLogs = ("LB018", "access-logs", Error, true);

    /// Access logs on a network load balancer without a TLS listener.
    ///
    /// ## Why
    /// AWS accepts them and writes nothing: a network load balancer logs
    /// only TLS requests ("Access logs are created only if the load
    /// balancer has a TLS listener").
    ///
    /// ## Example
    /// ```yaml
    /// edge: {type: network, subnets: [a, b], access_logs: {bucket: acme-logs},
    ///        listeners: [{port: 80, protocol: TCP, target_group: tcp}]}
    /// ```
    ///
    /// ## Fix
    /// Terminate TLS on the load balancer (a TLS listener), or use VPC flow
    /// logs for TCP and UDP traffic.
    AccessLogsUnwritten = ("LB019", "access-logs-unwritten", Warning, true);

    /// Targets of the wrong type for their target group, or an IP target
    /// AWS cannot register.
    ///
    /// ## Why
    /// Elastic Load Balancing registers instance ids only in `instance`
    /// groups and addresses only in `ip` groups (`ValidationError`), and
    /// an auto scaling group registers instance ids, so it takes `instance`
    /// groups only. An IP target must be in the group's VPC or in the
    /// private ranges 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or
    /// 100.64.0.0/10: "You can't specify publicly routable IP addresses".
    ///
    /// ## Example
    /// ```yaml
    /// target_groups:
    ///   web: {vpc: main, protocol: HTTP, port: 80, target_type: ip, ip_targets: [{address: 8.8.8.8}]}
    /// ```
    ///
    /// ## Fix
    /// Register private addresses (a public service goes behind its own
    /// load balancer), list instances in an `instance` group's `targets`,
    /// and addresses in an `ip` group's `ip_targets`.
    IpTargets = ("LB020", "ip-targets", Error, true);

    /// A subnet mapping AWS refuses: an elastic IP or private address on an
    /// application load balancer, an elastic IP on an internal one, a
    /// private address on an internet-facing one, or an address its subnet
    /// does not have.
    ///
    /// ## Why
    /// Only a network load balancer takes addresses in its subnet
    /// mappings: an elastic IP when internet-facing (its public address),
    /// a private IPv4 address when internal (Elastic Load Balancing API,
    /// `SubnetMapping`). The private address must be a usable one of the
    /// subnet (AWS keeps its first four and its last).
    ///
    /// ## Example
    /// ```yaml
    /// edge: {type: network, scheme: internal, subnet_mappings: [{subnet: a, elastic_ip: edge-a}]}
    /// ```
    ///
    /// ## Fix
    /// Elastic IPs for an internet-facing network load balancer, private
    /// addresses of the subnet for an internal one.
    SubnetMappings = ("LB021", "subnet-mappings", Error, true);

    /// A DB subnet group whose subnets cover fewer than two availability
    /// zones.
    ///
    /// ## Why
    /// RDS refuses it (`DBSubnetGroupDoesNotCoverEnoughAZs`) in every region
    /// with two or more AZs, even for a single-AZ database: it needs
    /// somewhere to bring the database back if its AZ fails.
    ///
    /// ## Example
    /// ```yaml
    /// db_subnet_groups:
    ///   data: {subnets: [data-a, data-a2]}   # both in eu-west-1a
    /// ```
    ///
    /// ## Fix
    /// Add a subnet of another AZ of the same VPC.
    DbSubnetGroupAzs = ("DB001", "db-subnet-group-azs", Error, true);

    /// A DB subnet group with subnets of two VPCs.
    ///
    /// ## Why
    /// RDS refuses it (`InvalidSubnet`: the subnets are not all in a common
    /// VPC); a database lives in one VPC.
    ///
    /// ## Example
    /// ```yaml
    /// db_subnet_groups:
    ///   data: {subnets: [data-a, other-vpc-b]}
    /// ```
    ///
    /// ## Fix
    /// Use subnets of one VPC.
    DbSubnetGroupVpc = ("DB002", "db-subnet-group-vpc", Error, true);

    /// A DB subnet group named `default`, or named like another one but
    /// for case.
    ///
    /// ## Why
    /// RDS keeps the name in lower case: a second `Data` beside `data` is
    /// the same group (`DBSubnetGroupAlreadyExists`), and `default` is the
    /// name of the group RDS makes itself.
    ///
    /// ## Example
    /// ```yaml
    /// db_subnet_groups:
    ///   data: {subnets: [a, b]}
    ///   Data: {subnets: [c, d]}
    /// ```
    ///
    /// ## Fix
    /// Give each group a name of its own, in any case, other than `default`.
    DbSubnetGroupName = ("DB003", "db-subnet-group-name", Error, true);

    /// A SQL Server DB instance on a port SQL Server keeps for itself.
    ///
    /// ## Why
    /// RDS refuses 1234, 1434, 3260, 3343, 3389, 47001 and 49152-49156 for
    /// SQL Server (`InvalidParameterValue`); every engine takes 1150-65535
    /// otherwise (the decoder holds the range).
    ///
    /// ## Example
    /// ```yaml
    /// db_instances:
    ///   ledger: {engine: sqlserver-se, port: 1434, ...}
    /// ```
    ///
    /// ## Fix
    /// Use another port, or leave `port` out for 1433.
    DbInstancePort = ("DB004", "db-instance-port", Error, true);

    /// A DB instance placed where RDS cannot put it: an
    /// `availability_zone` with `multi_az`, an AZ its subnet group does not
    /// cover, or Multi-AZ for SQL Server Express.
    ///
    /// ## Why
    /// RDS refuses a named AZ for a Multi-AZ database (it picks the
    /// primary's and the standby's), an AZ outside the subnet group, and
    /// Multi-AZ on SQL Server Express, which does not support it
    /// (`InvalidParameterCombination`).
    ///
    /// ## Example
    /// ```yaml
    /// db_instances:
    ///   orders: {multi_az: true, availability_zone: eu-west-1a, ...}
    /// ```
    ///
    /// ## Fix
    /// Drop `availability_zone` for a Multi-AZ database, or name an AZ of
    /// one of the group's subnets.
    DbInstancePlacement = ("DB005", "db-instance-placement", Error, true);

    /// A DB instance's storage outside what its engine and storage type
    /// take, or provisioned IOPS missing or not taken.
    ///
    /// ## Why
    /// RDS refuses it (`InvalidParameterValue`,
    /// `InvalidParameterCombination`): gp2 and gp3 take 20-65,536 GiB; io1
    /// and io2 100-65,536 GiB (20 for SQL Server) and need `iops`;
    /// magnetic (`standard`) takes 5-3,072 GiB (20-1,024 for SQL Server)
    /// and, like gp2, no `iops`; gp3 takes `iops` only from 400 GiB (200
    /// for Oracle, 20 for SQL Server), below which it has a fixed 3,000.
    ///
    /// ## Example
    /// ```yaml
    /// db_instances:
    ///   orders: {storage_type: io2, allocated_storage: 50, ...}   # no iops
    /// ```
    ///
    /// ## Fix
    /// Give a size in the type's range, and `iops` exactly for io1 and io2
    /// and for gp3 large enough to take them.
    DbInstanceStorage = ("DB006", "db-instance-storage", Error, true);

    /// A DB instance with a security group of another VPC than its subnet
    /// group's.
    ///
    /// ## Why
    /// RDS refuses it (`InvalidParameterCombination`: the security groups
    /// and the subnet group belong to different VPCs).
    ///
    /// ## Example
    /// ```yaml
    /// db_instances:
    ///   orders: {subnet_group: data, security_groups: [other-vpc-db], ...}
    /// ```
    ///
    /// ## Fix
    /// Use groups of the subnet group's VPC.
    DbInstanceSecurityGroupVpc = ("DB007", "db-instance-security-group-vpc", Error, true);

    /// A publicly accessible DB instance that RDS may place in a subnet
    /// without a route to an internet gateway.
    ///
    /// ## Why
    /// RDS accepts it and gives it a public address, but in a subnet that
    /// does not route 0.0.0.0/0 to an internet gateway, clients on the
    /// internet never get an answer: it works or not by the AZ RDS picks
    /// (and moves to on failover).
    ///
    /// ## Example
    /// ```yaml
    /// db_instances:
    ///   orders: {subnet_group: private, publicly_accessible: true, ...}
    /// ```
    ///
    /// ## Fix
    /// Use a subnet group of public subnets, or `publicly_accessible: false`
    /// (and reach it through the VPC).
    DbInstancePublicSubnet = ("DB008", "db-instance-public-subnet", Warning, true);

    /// A DB instance identifier RDS does not take: not a letter first,
    /// other than letters, digits and single hyphens, a hyphen last, more
    /// than 63 characters, or the same as another's but for case.
    ///
    /// ## Why
    /// RDS refuses it (`InvalidParameterValue`, or
    /// `DBInstanceAlreadyExists`: identifiers are kept in lower case and
    /// unique per region).
    ///
    /// ## Example
    /// ```yaml
    /// db_instances:
    ///   orders--main: {...}
    /// ```
    ///
    /// ## Fix
    /// Start with a letter; use letters, digits and single hyphens.
    DbInstanceIdentifier = ("DB009", "db-instance-identifier", Error, true);

    /// A transit gateway whose Amazon-side ASN is not a private ASN.
    ///
    /// ## Why
    /// AWS refuses it: the Amazon side of a transit gateway's BGP sessions
    /// takes a private ASN, 64512 to 65534 (16-bit) or 4200000000 to
    /// 4294967294 (32-bit). A public ASN such as your own registered one
    /// belongs on the customer side.
    ///
    /// ## Example
    /// ```yaml
    /// transit_gateways:
    ///   hub: {amazon_side_asn: 65535}
    /// ```
    ///
    /// ## Fix
    /// Pick a private ASN no other BGP peer of yours uses, such as 64513, or
    /// leave it out for AWS's default, 64512.
    TransitGatewayAsn = ("TW001", "transit-gateway-asn", Error, true);

    /// A transit gateway CIDR block smaller than AWS takes (IPv4 past /24,
    /// IPv6 past /64), or more than 5 of them.
    ///
    /// ## Why
    /// AWS refuses it: a transit gateway's own blocks (the GRE addresses of
    /// its Connect peers) must be a /24 or larger for IPv4 and a /64 or
    /// larger for IPv6, and a transit gateway has at most 5 (a limit that
    /// cannot be raised).
    ///
    /// ## Example
    /// ```yaml
    /// transit_gateways:
    ///   hub: {cidr_blocks: [10.99.0.0/28]}
    /// ```
    ///
    /// ## Fix
    /// Use a /24 (IPv4) or /64 (IPv6) or a larger block, and at most 5.
    TransitGatewayCidrBlocks = ("TW002", "transit-gateway-cidr-blocks", Error, true);

    /// A transit gateway attachment with a subnet of another VPC, or two
    /// subnets in one availability zone.
    ///
    /// ## Why
    /// AWS refuses it: an attachment places one network interface in one
    /// subnet per AZ of its own VPC (`InvalidParameterValue`,
    /// `DuplicateSubnetsInSameZone`). Traffic from an AZ without an
    /// attachment subnet does not reach the gateway at all.
    ///
    /// ## Example
    /// ```yaml
    /// transit_gateway_attachments:
    ///   spoke: {transit_gateway: hub, vpc: spoke, subnets: [tgw-a, tgw-a2]}   # both in eu-west-1a
    /// ```
    ///
    /// ## Fix
    /// Give it one subnet of its VPC in each AZ that sends traffic to the
    /// gateway (AWS advises a small dedicated /28 per AZ).
    TransitGatewayAttachmentSubnets = ("TW003", "transit-gateway-attachment-subnets", Error, true);

    /// A second attachment of one VPC to one transit gateway.
    ///
    /// ## Why
    /// AWS refuses it (`DuplicateTransitGatewayAttachment`): a VPC attaches
    /// to a gateway once; more AZs go into the one attachment's subnets.
    ///
    /// ## Example
    /// ```yaml
    /// transit_gateway_attachments:
    ///   spoke-a: {transit_gateway: hub, vpc: spoke, subnets: [tgw-a]}
    ///   spoke-b: {transit_gateway: hub, vpc: spoke, subnets: [tgw-b]}
    /// ```
    ///
    /// ## Fix
    /// Keep one attachment and list every subnet in it.
    TransitGatewayAttachmentDuplicate = ("TW004", "transit-gateway-attachment-duplicate", Error, true);

    /// A transit gateway attachment of a VPC in another region than the
    /// gateway.
    ///
    /// ## Why
    /// AWS refuses it: a transit gateway is regional and attaches VPCs of
    /// its own region; another region's VPCs attach to a gateway there,
    /// and the two gateways peer (a peering attachment).
    ///
    /// ## Example
    /// ```yaml
    /// transit_gateways:
    ///   hub: {region: eu-west-1}
    /// transit_gateway_attachments:
    ///   us: {transit_gateway: hub, vpc: us-east, subnets: [tgw-a]}   # vpc us-east is in us-east-1
    /// ```
    ///
    /// ## Fix
    /// Attach the VPC to a transit gateway of its own region.
    TransitGatewayAttachmentRegion = ("TW005", "transit-gateway-attachment-region", Error, true);

    /// An attachment or VPN connection that two transit gateway route
    /// tables associate.
    ///
    /// ## Why
    /// AWS refuses it (`Resource.AlreadyAssociated`): an attachment is
    /// associated with exactly one route table, the one that routes the
    /// traffic it brings in. It may propagate to any number of tables.
    ///
    /// ## Example
    /// ```yaml
    /// transit_gateway_route_tables:
    ///   spokes: {transit_gateway: hub, associations: [app]}
    ///   shared: {transit_gateway: hub, associations: [app]}
    /// ```
    ///
    /// ## Fix
    /// Associate it with one table; list it under `propagations` of the
    /// others whose attachments must reach it.
    TransitGatewayAssociation = ("TW006", "transit-gateway-association", Error, true);

    /// A transit gateway route table that associates, propagates or routes
    /// to an attachment or VPN connection of another gateway (or a VPN
    /// connection that ends on a virtual private gateway), or names a
    /// Direct Connect gateway not associated with its gateway (which so
    /// has no attachment there).
    ///
    /// ## Why
    /// AWS refuses it: a route table belongs to one transit gateway, and
    /// only that gateway's attachments can be associated with it, propagate
    /// to it or be the target of its routes.
    ///
    /// ## Example
    /// ```yaml
    /// transit_gateway_route_tables:
    ///   spokes: {transit_gateway: hub, associations: [app]}   # app attaches to transit_gateway.other
    /// ```
    ///
    /// ## Fix
    /// Name attachments of the table's gateway, or give the table the
    /// attachment's gateway.
    TransitGatewayRouteTableGateway = ("TW007", "transit-gateway-route-table-gateway", Error, true);

    /// A transit gateway static route without exactly one target (an
    /// attachment, a VPN connection or `blackhole: true`), or two static
    /// routes for one destination in one table.
    ///
    /// ## Why
    /// AWS refuses it: `CreateTransitGatewayRoute` takes one attachment or
    /// the blackhole flag, and a table holds one static route per
    /// destination (`RouteAlreadyExists`).
    ///
    /// ## Example
    /// ```yaml
    /// transit_gateway_route_tables:
    ///   spokes:
    ///     transit_gateway: hub
    ///     routes: [{destination: 0.0.0.0/0, attachment: inspection, blackhole: true}]
    /// ```
    ///
    /// ## Fix
    /// Keep one target per route and one route per destination.
    TransitGatewayRoute = ("TW008", "transit-gateway-route", Error, true);

    /// A transit gateway attachment that no route table associates, on a
    /// gateway whose default route table association is off.
    ///
    /// ## Why
    /// AWS accepts it, but an attachment without a route table has nothing
    /// to route what its VPC sends: the gateway drops that traffic, replies
    /// included.
    ///
    /// ## Example
    /// ```yaml
    /// transit_gateways:
    ///   hub: {default_route_table_association: false}
    /// transit_gateway_attachments:
    ///   app: {transit_gateway: hub, vpc: app, subnets: [tgw-a]}   # in no table's associations
    /// ```
    ///
    /// ## Fix
    /// List it under `associations` of one of the gateway's route tables.
    TransitGatewayUnassociated = ("TW009", "transit-gateway-unassociated", Warning, true);

    /// A transit gateway attachment that a static route sends other VPCs'
    /// traffic into (an inspection VPC), with appliance mode off, whose
    /// subnets route to different appliance instances.
    ///
    /// ## Why
    /// AWS accepts it, but without appliance mode the gateway sends each
    /// direction of a flow into the AZ it came from: a request and its
    /// reply between AZs meet different appliances, and a stateful
    /// appliance drops a reply of a connection it never saw.
    ///
    /// ## Example
    /// ```yaml
    /// transit_gateway_attachments:
    ///   inspection: {transit_gateway: hub, vpc: inspection, subnets: [tgw-a, tgw-b]}   # tgw-a routes to fw-a, tgw-b to fw-b
    /// ```
    ///
    /// ## Fix
    /// Set `appliance_mode: true` on the attachment (AWS then keeps both
    /// directions of a flow on one appliance).
    TransitGatewayApplianceMode = ("TW010", "transit-gateway-appliance-mode", Warning, true);

    /// Two attachments that propagate the same block into one transit
    /// gateway route table.
    ///
    /// ## Why
    /// AWS accepts it, but a transit gateway does not propagate a VPC block
    /// identical to one already in the table: traffic for it goes to the
    /// first attachment only, and the other VPC's copy of the block is
    /// unreachable through the gateway.
    ///
    /// ## Example
    /// ```yaml
    /// vpcs:
    ///   blue:  {cidr: 10.0.0.0/16}
    ///   green: {cidr: 10.0.0.0/16}
    /// transit_gateway_route_tables:
    ///   spokes: {transit_gateway: hub, propagations: [blue, green]}
    /// ```
    ///
    /// ## Fix
    /// Give the VPCs distinct blocks, or propagate them into different
    /// tables (and route each table's attachments to one of them).
    TransitGatewayPropagationConflict = ("TW011", "transit-gateway-propagation-conflict", Warning, true);

    /// A transit gateway attachment in a subnet that also holds workloads
    /// (instances, auto scaling groups, load balancers, databases).
    ///
    /// ## Why
    /// Everything the hub delivers into the VPC, and every reply, crosses
    /// the attachment subnet's network ACL (AWS's "Network ACLs for
    /// transit gateways"), so an ACL written for the workloads there also
    /// filters the hub's traffic to the rest of the VPC, and the
    /// workloads' route table is the one the hub's traffic follows next.
    /// AWS's transit gateway design best practices: a separate small
    /// subnet (a /28) per AZ for each attachment, with an open network ACL.
    /// It works; it is harder to keep working.
    ///
    /// ## Example
    /// ```yaml
    /// transit_gateway_attachments:
    ///   app: {transit_gateway: hub, vpc: app, subnets: [app-a, app-b]}   # the app servers' subnets
    /// ```
    ///
    /// ## Fix
    /// Give each attachment a /28 of its own in each AZ.
    TransitGatewayAttachmentShared = ("TW012", "transit-gateway-attachment-shared", Warning, true);

    /// Two VPCs on a transit gateway whose traffic one way goes through an
    /// inspection VPC and the other way straight back.
    ///
    /// ## Why
    /// AWS accepts it, but an inspection appliance sees only one direction
    /// of each connection, and a stateful one drops the rest: AWS's
    /// Network Firewall guide ("Avoiding asymmetric routing") asks for
    /// transit gateway route tables that route both the forward and the
    /// return traffic through the firewall attachment. Each table is
    /// judged by the route that holds a VPC's whole primary block; `reach`
    /// answers for each address.
    ///
    /// ## Example
    /// ```yaml
    /// transit_gateway_route_tables:
    ///   spokes: {transit_gateway: hub, associations: [app], routes: [{destination: 0.0.0.0/0, attachment: inspection}]}
    ///   direct: {transit_gateway: hub, associations: [data], propagations: [app]}   # data -> app skips the firewall
    /// ```
    ///
    /// ## Fix
    /// Send both ways into the inspection VPC (a static route in each
    /// table that associates a spoke), or neither.
    TransitGatewayAsymmetric = ("TW013", "transit-gateway-asymmetric", Warning, true);

    /// A Direct Connect gateway ASN that is not a private ASN.
    ///
    /// ## Why
    /// AWS refuses it: the Amazon side of a Direct Connect gateway's BGP
    /// sessions takes a private ASN, 64512 to 65534 or 4200000000 to
    /// 4294967294.
    ///
    /// ## Example
    /// ```yaml
    /// dx_gateways:
    ///   corp: {amazon_side_asn: 7224}
    /// ```
    ///
    /// ## Fix
    /// Pick a private ASN none of your BGP peers uses (unique per transit
    /// gateway region when it is associated with several).
    DxGatewayAsn = ("DX001", "dx-gateway-asn", Error, true);

    /// A Direct Connect gateway association AWS refuses: not exactly one of
    /// `transit_gateway` and `vpn_gateway`, a transit gateway without
    /// `allowed_prefixes`, virtual private and transit gateways on one
    /// Direct Connect gateway, one gateway associated twice, or a virtual
    /// private gateway associated with two Direct Connect gateways.
    ///
    /// ## Why
    /// AWS refuses it (`CreateDirectConnectGatewayAssociation`): allowed
    /// prefixes are required for a transit gateway; a Direct Connect
    /// gateway associated with a virtual private gateway cannot be
    /// associated with a transit gateway; a virtual private gateway may
    /// not be associated with another Direct Connect gateway.
    ///
    /// ## Example
    /// ```yaml
    /// dx_gateways:
    ///   corp: {associations: [{transit_gateway: hub}]}
    /// ```
    ///
    /// ## Fix
    /// Give each association one gateway (and a transit gateway its
    /// allowed prefixes); use separate Direct Connect gateways for virtual
    /// private and transit gateways.
    DxGatewayAssociation = ("DX002", "dx-gateway-association", Error, true);

    /// A virtual private gateway association whose allowed prefixes leave
    /// one of its VPC's blocks out.
    ///
    /// ## Why
    /// AWS accepts it, but it advertises a VPC block only through an
    /// allowed prefix as wide as the block or wider (its Direct Connect
    /// guide, "Allowed prefixes interactions"): the premises never learn a
    /// route to the rest of the VPC.
    ///
    /// ## Example
    /// ```yaml
    /// dx_gateways:
    ///   corp: {associations: [{vpn_gateway: vgw, allowed_prefixes: [10.0.0.0/24]}]}   # the VPC is 10.0.0.0/16
    /// ```
    ///
    /// ## Fix
    /// Allow the VPC's block or a wider one (or leave `allowed_prefixes`
    /// out: AWS then allows the VPC's blocks).
    DxAllowedPrefixes = ("DX003", "dx-allowed-prefixes", Warning, true);

    /// A network the premises advertise over a Direct Connect gateway that
    /// overlaps a block of a VPC the gateway reaches.
    ///
    /// ## Why
    /// The VPC's local route is more specific than any route to the
    /// premises: traffic for the overlapping addresses stays in the VPC and
    /// never reaches the data centre.
    ///
    /// ## Example
    /// ```yaml
    /// dx_gateways:
    ///   corp: {associations: [{vpn_gateway: vgw}], networks: [10.0.0.0/16]}   # the VPC is 10.0.0.0/16
    /// ```
    ///
    /// ## Fix
    /// Renumber one side, or NAT the premises' addresses before they reach
    /// AWS.
    DxNetworkOverlap = ("DX004", "dx-network-overlap", Warning, true);

    /// VPCs connected through one Direct Connect gateway (by their virtual
    /// private gateways) whose blocks overlap.
    ///
    /// ## Why
    /// AWS's Direct Connect guide ("Virtual private gateway associations"):
    /// the VPCs to which you connect through a Direct Connect gateway
    /// cannot have overlapping CIDR blocks. The gateway advertises every
    /// associated VPC's blocks to the premises, and one prefix cannot
    /// lead to two VPCs.
    ///
    /// ## Example
    /// ```yaml
    /// dx_gateways:
    ///   corp: {associations: [{vpn_gateway: a-vgw}, {vpn_gateway: b-vgw}]}   # both VPCs are 10.0.0.0/16
    /// ```
    ///
    /// ## Fix
    /// Renumber one VPC, or connect it through a Direct Connect gateway of
    /// its own.
    DxVpcOverlap = ("DX005", "dx-vpc-overlap", Error, true);

    /// A transit gateway associated with a Direct Connect gateway that has
    /// the same ASN, or the same ASN as another associated transit gateway
    /// in another region.
    ///
    /// ## Why
    /// AWS refuses the association (AWS re:Post, "Why can't I associate a
    /// transit gateway with my Direct Connect gateway?"; the Direct Connect
    /// guide, "Transit gateway associations"): the Direct Connect gateway
    /// and the transit gateway need different ASNs, and transit gateways in
    /// different regions need ASNs of their own. Both ASNs default to
    /// 64512, so leaving both out is this mistake.
    ///
    /// ## Example
    /// ```yaml
    /// transit_gateways:
    ///   hub: {}                                   # ASN 64512
    /// dx_gateways:
    ///   corp: {associations: [{transit_gateway: hub, allowed_prefixes: [10.0.0.0/8]}]}   # ASN 64512
    /// ```
    ///
    /// ## Fix
    /// Give the Direct Connect gateway, and each region's transit gateway,
    /// a private ASN of its own (`amazon_side_asn`).
    DxTransitAsn = ("DX006", "dx-transit-asn", Error, true);

    /// A customer gateway whose address is not a public IPv4 address.
    ///
    /// ## Why
    /// AWS records it, but a site-to-site VPN over the internet reaches the
    /// device at that address: a private (RFC 1918), shared (100.64.0.0/10)
    /// or otherwise non-public address is unreachable from AWS, and the
    /// tunnels never come up. Only a private IP VPN over Direct Connect
    /// uses a private address.
    ///
    /// ## Example
    /// ```yaml
    /// customer_gateways:
    ///   office: {ip_address: 192.168.1.1}
    /// ```
    ///
    /// ## Fix
    /// Use the device's public (static) address; behind NAT, the NAT's
    /// public address.
    CustomerGatewayAddress = ("VG001", "customer-gateway-address", Warning, true);

    /// A customer gateway ASN outside 1-4294967295, or one AWS reserves in
    /// its region (7224 in us-east-1, 9059 in eu-west-1).
    ///
    /// ## Why
    /// AWS refuses it (`CreateCustomerGateway`): those ASNs are AWS's own
    /// in that region.
    ///
    /// ## Example
    /// ```yaml
    /// customer_gateways:
    ///   office: {region: eu-west-1, ip_address: 203.0.113.12, bgp_asn: 9059}
    /// ```
    ///
    /// ## Fix
    /// Use your network's ASN, or a private one (64512-65534).
    CustomerGatewayAsn = ("VG002", "customer-gateway-asn", Error, true);

    /// A virtual private gateway whose Amazon-side ASN is not a private
    /// ASN.
    ///
    /// ## Why
    /// AWS refuses it: the Amazon side takes 64512-65534 or
    /// 4200000000-4294967294, as for a transit gateway.
    ///
    /// ## Example
    /// ```yaml
    /// vpn_gateways:
    ///   vgw: {vpc: main, amazon_side_asn: 7224}
    /// ```
    ///
    /// ## Fix
    /// Pick an unused private ASN, or leave it out for 64512.
    VpnGatewayAsn = ("VG003", "vpn-gateway-asn", Error, true);

    /// Two virtual private gateways attached to one VPC.
    ///
    /// ## Why
    /// AWS refuses the second attachment: a VPC has at most one virtual
    /// private gateway (its VPN connections all end there).
    ///
    /// ## Example
    /// ```yaml
    /// vpn_gateways:
    ///   one: {vpc: main}
    ///   two: {vpc: main}
    /// ```
    ///
    /// ## Fix
    /// Keep one gateway per VPC and end every VPN connection of the VPC on
    /// it (or attach the VPC to a transit gateway for more).
    VpnGatewayPerVpc = ("VG004", "vpn-gateway-per-vpc", Error, true);

    /// A VPN connection without exactly one AWS end: `vpn_gateway` or
    /// `transit_gateway`.
    ///
    /// ## Why
    /// AWS refuses it: a connection ends on one virtual private gateway or
    /// one transit gateway.
    ///
    /// ## Example
    /// ```yaml
    /// vpn_connections:
    ///   office: {customer_gateway: office}
    /// ```
    ///
    /// ## Fix
    /// Give `vpn_gateway: NAME` or `transit_gateway: NAME`.
    VpnConnectionEnd = ("VG005", "vpn-connection-end", Error, true);

    /// A VPN tunnel inside block that is not a /30 of 169.254.0.0/16, is
    /// one AWS reserves, is given twice on one gateway, or more than two
    /// per connection.
    ///
    /// ## Why
    /// AWS refuses it: each of the two tunnels takes a /30 link-local
    /// block; 169.254.0.0/30 to 169.254.5.0/30 and 169.254.169.252/30 are
    /// AWS's own, and the blocks of connections on one gateway must differ.
    ///
    /// ## Example
    /// ```yaml
    /// vpn_connections:
    ///   office: {customer_gateway: office, vpn_gateway: vgw, tunnel_inside_cidrs: [169.254.1.0/30]}
    /// ```
    ///
    /// ## Fix
    /// Use unused /30 blocks of 169.254.0.0/16 such as 169.254.10.0/30, or
    /// leave them out for AWS to pick.
    VpnTunnelInsideCidr = ("VG006", "vpn-tunnel-inside-cidr", Error, true);

    /// Static routes on a VPN connection that does not take them: one
    /// using BGP, or one ending on a transit gateway.
    ///
    /// ## Why
    /// AWS refuses them (`CreateVpnConnectionRoute`): static routes belong
    /// to a static-routing connection to a virtual private gateway; a
    /// transit gateway's are routes of its route table.
    ///
    /// ## Example
    /// ```yaml
    /// vpn_connections:
    ///   office: {customer_gateway: office, vpn_gateway: vgw, static_routes: [192.168.0.0/16]}   # BGP
    /// ```
    ///
    /// ## Fix
    /// Set `static_routes_only: true`, or drop the routes and advertise
    /// the blocks over BGP.
    VpnStaticRoutes = ("VG007", "vpn-static-routes", Error, true);

    /// An on-premises network of a VPN site that overlaps a block of the
    /// VPC the connection reaches.
    ///
    /// ## Why
    /// The VPC's local route is more specific than any route to the VPN:
    /// traffic for the overlapping addresses stays in the VPC and never
    /// reaches the site.
    ///
    /// ## Example
    /// ```yaml
    /// customer_gateways:
    ///   office: {ip_address: 198.51.100.7, networks: [10.0.0.0/16]}   # the VPC is 10.0.0.0/16
    /// ```
    ///
    /// ## Fix
    /// Renumber one side, or NAT the site's addresses before the tunnel.
    VpnSiteOverlap = ("VG008", "vpn-site-overlap", Warning, true);

    /// A route table that propagates the routes of a VPN gateway attached
    /// to another VPC.
    ///
    /// ## Why
    /// AWS refuses it (`Gateway.NotAttached`): a table takes in the routes
    /// of its own VPC's virtual private gateway only.
    ///
    /// ## Example
    /// ```yaml
    /// route_tables:
    ///   private: {vpc: main, propagate: [other-vgw]}   # other-vgw is attached to vpc.other
    /// ```
    ///
    /// ## Fix
    /// Propagate the VPN gateway of the table's own VPC.
    VpnGatewayPropagation = ("VG009", "vpn-gateway-propagation", Error, true);

    /// An auto scaling group whose sizes do not hold `min <= desired <= max`.
    ///
    /// ## Why
    /// AWS refuses it (`ValidationError`).
    ///
    /// ## Example
    /// ```yaml
    /// auto_scaling_groups:
    ///   web: {launch_template: web, subnets: [a, b], min: 4, max: 2}
    /// ```
    ///
    /// ## Fix
    /// Make `min` at most `desired` and `desired` at most `max`.
    AutoScalingGroupSize = ("AS001", "auto-scaling-group-size", Error, true);

    /// An auto scaling group with subnets of two VPCs, or whose launch
    /// template's security groups are of another VPC.
    ///
    /// ## Why
    /// A group launches into one VPC, with that VPC's groups; AWS refuses
    /// the launch otherwise.
    ///
    /// ## Example
    /// ```yaml
    /// auto_scaling_groups:
    ///   web: {launch_template: web, subnets: [a, other-vpc-a], min: 2, max: 4}
    /// ```
    ///
    /// ## Fix
    /// Use subnets and groups of one VPC.
    AutoScalingGroupVpc = ("AS002", "auto-scaling-group-vpc", Error, true);

    /// An auto scaling group in an AZ that does not offer its launch
    /// template's instance type.
    ///
    /// ## Why
    /// Launches in that AZ fail (`Unsupported`), so the group never reaches
    /// its size there.
    ///
    /// ## Example
    /// ```yaml
    /// launch_templates:
    ///   web: {ami: ami-0123456789abcdef0, type: p5.48xlarge}
    /// ```
    ///
    /// ## Fix
    /// Pick a type offered in every AZ of the group's subnets, or other
    /// subnets.
    AutoScalingGroupTypeNotOffered = ("AS003", "auto-scaling-group-type-not-offered", Error, true);

    /// An auto scaling group whose `desired` instances do not fit its
    /// subnets' free addresses.
    ///
    /// ## Why
    /// Launches fail with `InsufficientFreeAddressesInSubnet` and the group
    /// stays below its size.
    ///
    /// ## Example
    /// ```yaml
    /// auto_scaling_groups:
    ///   web: {launch_template: web, subnets: [tiny], min: 20, max: 20}
    /// ```
    ///
    /// ## Fix
    /// Use larger subnets, or more of them.
    AutoScalingGroupCapacity = ("AS004", "auto-scaling-group-capacity", Error, true);

    /// An auto scaling group whose `max` instances would not fit its
    /// subnets' free addresses.
    ///
    /// ## Why
    /// It deploys, but cannot scale out to `max` when the load comes.
    ///
    /// ## Example
    /// ```yaml
    /// auto_scaling_groups:
    ///   web: {launch_template: web, subnets: [small], min: 2, max: 40}
    /// ```
    ///
    /// ## Fix
    /// Use larger subnets, more of them, or a lower `max`.
    AutoScalingGroupMaxCapacity = ("AS005", "auto-scaling-group-max-capacity", Warning, true);

    /// More than 50 tags on a resource once `defaults.tags` are merged in.
    ///
    /// ## Why
    /// AWS allows 50 user tags per resource (`TagLimitExceeded`).
    ///
    /// ## Example
    /// ```yaml
    /// defaults: {tags: {...40 tags...}}
    /// vpcs:
    ///   main: {cidr: 10.0.0.0/16, tags: {...11 more...}}
    /// ```
    ///
    /// ## Fix
    /// Merge or drop tags, in `defaults` or on the resource.
    TooManyTags = ("TG001", "too-many-tags", Error, true);

    /// A tag key over 128 characters, a value over 256, or a key starting with `aws:`.
    ///
    /// ## Why
    /// AWS refuses such tags (`InvalidParameterValue`); the `aws:` prefix is
    /// reserved for AWS's own tags.
    ///
    /// ## Example
    /// ```yaml
    /// tags: {"aws:team": platform}
    /// ```
    ///
    /// ## Fix
    /// Shorten the key or value; choose a key without the `aws:` prefix.
    InvalidTag = ("TG002", "invalid-tag", Error, true);

    /// More resources of a kind than AWS's default quota allows.
    ///
    /// ## Why
    /// AWS refuses the resource past the quota: routes per route table (50 per
    /// IP version, `RouteLimitExceeded`), subnets, route tables and network
    /// ACLs per VPC (200 each), active peerings per VPC (50), NAT gateways per
    /// AZ (5), gateway endpoints per region (20), security groups per region
    /// (2,500), transit gateway attachments (5,000 per gateway, VPN
    /// connections and Direct Connect associations included) and routes
    /// (10,000 static and propagated across a gateway's tables); `skyplan
    /// explain --facts` lists them all. Quotas can be raised, but only
    /// before the apply.
    ///
    /// ## Example
    /// ```yaml
    /// route_tables:
    ///   big: {vpc: main, routes: [...51 routes...]}
    /// ```
    ///
    /// ## Fix
    /// Summarise, spread over more VPCs or regions, or raise the quota first.
    QuotaExceeded = ("QT001", "quota-exceeded", Error, true);

    /// More elastic IPs in a region than the default quota of 5.
    ///
    /// ## Why
    /// AWS refuses the sixth allocation (`AddressLimitExceeded`). The quota is
    /// commonly raised, so this is a warning: check yours before applying.
    ///
    /// ## Example
    /// ```yaml
    /// elastic_ips: {a: {}, b: {}, c: {}, d: {}, e: {}, f: {}}
    /// ```
    ///
    /// ## Fix
    /// Request a quota increase, or share NAT gateways.
    ElasticIpQuota = ("QT002", "elastic-ip-quota", Warning, true);

    /// An expectation of the stack does not hold: what it says can (or
    /// cannot) be reached is not what the network does.
    ///
    /// ## Why
    /// `expectations` state a stack's intent ("the app reaches the database on
    /// 5432", "nobody on the internet reaches the database"). skyplan answers
    /// each one hop by hop, with AWS's semantics: security groups, routes,
    /// network ACLs both ways, public addresses, NAT gateways, peering. A
    /// change that breaks the intent fails here, in the commit, not in
    /// production. The finding names the resource and the rule that decide.
    ///
    /// ## Example
    /// ```yaml
    /// expectations:
    ///   app-to-db: {from: "app[0]", to: db, port: 5432, reachable: true}
    /// network_acls:
    ///   data:
    ///     vpc: main
    ///     subnets: [data-a]
    ///     ingress:
    ///       - {rule: 100, action: allow, protocol: tcp, ports: 443, cidr: 10.0.0.0/16}
    /// ```
    ///
    /// ## Fix
    /// Change the resource that decides (the finding says which, and what
    /// would let the traffic through), or the expectation if the intent
    /// changed. `skyplan reach` shows every hop.
    ExpectationFailed = ("RC001", "expectation-failed", Error, true);

    /// An instance can be reached from the whole internet on an
    /// administration or database port, through every hop of the path.
    /// "The whole internet" is more than half of all public IPv4 addresses:
    /// a network ACL that denies a few addresses before an allow-all still
    /// exposes the port (the finding names the blocks it denies).
    ///
    /// ## Why
    /// SSH, RDP and database ports open to `0.0.0.0/0` are how instances are
    /// broken into. This is computed over the whole path (public address,
    /// internet gateway, network ACLs both ways, security groups, the route
    /// back), so an instance whose group is open but that sits in a private
    /// subnet is not reported; one that only an office block can reach is not
    /// either.
    ///
    /// ## Example
    /// ```yaml
    /// security_groups:
    ///   bastion:
    ///     vpc: main
    ///     ingress:
    ///       - {protocol: tcp, ports: 22, cidr: 0.0.0.0/0}
    /// ```
    ///
    /// ## Fix
    /// Open the port to the blocks that need it (an office, a VPN), or reach
    /// the instance through a bastion or Session Manager.
    InternetExposed = ("RC002", "internet-exposed", Warning, true);

    /// An expectation over a path skyplan does not evaluate, so it can
    /// neither pass nor fail.
    ///
    /// ## Why
    /// Some hops are not modelled yet (a network load balancer's connection
    /// to its targets, which carries the client's own address; a load
    /// balancer as a client). An expectation over such a path would pass
    /// whatever it says, which is worse than saying nothing: the finding names
    /// the hop that is not evaluated. It is an error with `--deny warnings`.
    ///
    /// ## Example
    /// ```yaml
    /// load_balancers:
    ///   front: {type: network, subnets: [a, b], listeners: [{port: 5432, protocol: TCP, target_group: db}]}
    /// expectations:
    ///   db-closed: {from: internet, to: load_balancer.front, port: 5432, reachable: false}
    /// ```
    ///
    /// ## Fix
    /// Ask about a path skyplan evaluates (here: from the internet to the
    /// database instance itself), or keep the expectation as documentation
    /// and silence this finding on its line with a reason.
    ExpectationNotEvaluated = ("RC003", "expectation-not-evaluated", Warning, true);
}
