"""Deploys a CloudFormation template to moto (in-process, no credentials,
no network) and writes the snapshot `skyplan import` reads into DIR: one
file per describe-* call, named as scripts/snapshot.sh names them.

    python3 moto_snapshot.py TEMPLATE REGION DIR

moto 5.2.1's CloudFormation leaves parts of a template undone or does
them differently from AWS. `complete` does those parts with moto's EC2
API, as CloudFormation does on AWS, so the snapshot is of the network the
template describes:

- Tags of internet gateways, NAT gateways, EIPs, route tables, endpoints,
  volumes, load balancers and target groups are dropped (only the
  aws:cloudformation:* ones are set).
- SubnetRouteTableAssociation creates no association describe shows.
- NetworkAcl, NetworkAclEntry, SubnetNetworkAclAssociation,
  TransitGatewayVpcAttachment, TransitGatewayRouteTable (and its
  associations, propagations and routes), CustomerGateway, VPNConnection,
  VPNConnectionRoute and VPNGatewayRoutePropagation are not implemented
  (moto's EC2 has no EnableVgwRoutePropagation or
  CreateVpnConnectionRoute either: a table's `propagate` and a VPN's
  `static_routes` cannot be built); FlowLog fails the stack (CRASHES_MOTO: deployed without it).
- An Instance's groups, source/destination check and its launch
  template's metadata options are ignored (with NetworkInterfaces it is also put in the default VPC's
  block): it is launched again with run_instances.
- A subnet's IPv6 association state is written as a dict's text;
  describe-transit-gateway-vpc-attachments lists a VPN's attachment too
  (the snapshot drops it).
- A transit gateway static route's attachment is not in
  SearchTransitGatewayRoutes' answer (it is written back).
- A load balancer's LoadBalancerAttributes are ignored (set again with
  ModifyLoadBalancerAttributes).
- A DB instance's VPCSecurityGroups are replaced by a default group
  (they are set again with ModifyDBInstance).
- Direct Connect gateways are not in moto at all (no API, no
  CloudFormation): the snapshot has none.
- A group's inline ingress rules lose their descriptions (and IPv6 or
  prefix-list ones are not made); its egress
  rules (inline, replacing the allow-all rule, or AWS::EC2::
  SecurityGroupEgress) are not made.
- A VPC's EnableDnsHostnames, a subnet's MapPublicIpOnLaunch and a
  volume's type, IOPS and throughput are ignored; a VPC's default group
  lacks the allow-from-members rule AWS creates it with.
- A NAT gateway's and an interface endpoint's private addresses are drawn
  from no subnet: the snapshot leaves them out (import then notes the
  address as apply's).
Instance profiles a template names are created first (they are the
user's, outside the stack). Certificates are the one thing a template
names that moto cannot have:
each ACM ARN is replaced by one moto issues for the deploy, and the
snapshot's listeners name the template's again, as on AWS. Used by
tests/export_tools.rs.
"""

import ipaddress
import json
import os
import re
import sys

import boto3
from cfnlint.decode import cfn_yaml
from moto import mock_aws

EC2 = [
    ("describe-vpcs", "describe_vpcs"),
    ("describe-subnets", "describe_subnets"),
    ("describe-route-tables", "describe_route_tables"),
    ("describe-internet-gateways", "describe_internet_gateways"),
    ("describe-egress-only-internet-gateways", "describe_egress_only_internet_gateways"),
    ("describe-nat-gateways", "describe_nat_gateways"),
    ("describe-addresses", "describe_addresses"),
    ("describe-security-groups", "describe_security_groups"),
    ("describe-network-acls", "describe_network_acls"),
    ("describe-vpc-peering-connections", "describe_vpc_peering_connections"),
    ("describe-vpc-endpoints", "describe_vpc_endpoints"),
    ("describe-instances", "describe_instances"),
    ("describe-volumes", "describe_volumes"),
    ("describe-managed-prefix-lists", "describe_managed_prefix_lists"),
    ("describe-dhcp-options", "describe_dhcp_options"),
    ("describe-network-interfaces", "describe_network_interfaces"),
    ("describe-flow-logs", "describe_flow_logs"),
    ("describe-transit-gateways", "describe_transit_gateways"),
    ("describe-transit-gateway-vpc-attachments", "describe_transit_gateway_vpc_attachments"),
    ("describe-transit-gateway-route-tables", "describe_transit_gateway_route_tables"),
    ("describe-vpn-gateways", "describe_vpn_gateways"),
    ("describe-vpn-connections", "describe_vpn_connections"),
    ("describe-customer-gateways", "describe_customer_gateways"),
]


def main() -> None:
    text = open(sys.argv[1]).read()
    region, out = sys.argv[2], sys.argv[3]
    os.makedirs(out, exist_ok=True)
    with mock_aws():
        acm = boto3.client("acm", region_name=region)
        # moto's for the template's certificates, and back.
        issued = {}

        def issue(match):
            arn = acm.request_certificate(DomainName="example.com")["CertificateArn"]
            issued[arn] = match.group(1)
            return '"%s"' % arn

        text = re.sub(r'"(arn:aws:acm:[^"]*)"', issue, text)
        cf = boto3.client("cloudformation", region_name=region)
        ec2 = boto3.client("ec2", region_name=region)
        template = cfn_yaml.loads(text)
        resources = template["Resources"]
        # Instance profiles, like certificates, are the user's own.
        iam = boto3.client("iam", region_name=region)
        for name in sorted(set(profiles(resources))):
            iam.create_instance_profile(InstanceProfileName=name)
        physical = deploy(cf, ec2, template)
        complete(ec2, resources, physical)
        db_groups_as_written(boto3.client("rds", region_name=region), resources, physical)
        targets_as_written(boto3.client("elbv2", region_name=region), resources, physical)
        elb_attributes_as_written(boto3.client("elbv2", region_name=region), resources, physical)
        for name, call in EC2:
            body = getattr(ec2, call)()
            body.pop("ResponseMetadata", None)
            if name == "describe-nat-gateways":
                drop_nat_addresses(ec2, body)
            if name == "describe-network-interfaces":
                drop_interface_addresses(ec2, body)
            if name == "describe-subnets":
                # moto writes an IPv6 association's state as a dict's text.
                for x in body["Subnets"]:
                    for a in x.get("Ipv6CidrBlockAssociationSet", []):
                        state = a.get("Ipv6CidrBlockState", {}).get("State", "")
                        if state.startswith("{"):
                            a["Ipv6CidrBlockState"]["State"] = state.split("'")[3]
            if name == "describe-transit-gateway-vpc-attachments":
                # moto lists a VPN's attachment among the VPC ones.
                body["TransitGatewayVpcAttachments"] = [
                    a for a in body["TransitGatewayVpcAttachments"] if "VpcId" in a
                ]
            if name == "describe-flow-logs":
                for log in body["FlowLogs"]:
                    asked = FLOW_LOG_DESTINATIONS.get(log["FlowLogId"])
                    if asked:
                        log["LogDestination"] = asked
            write(out, name, body)
        write(out, "get-transit-gateway-route-table-contents", route_table_contents(ec2))
        elbv2 = boto3.client("elbv2", region_name=region)
        balancers = elbv2.describe_load_balancers()["LoadBalancers"]
        target_groups = elbv2.describe_target_groups()["TargetGroups"]
        write(out, "elbv2-describe-load-balancers", {"LoadBalancers": balancers})
        write(out, "elbv2-describe-target-groups", {"TargetGroups": target_groups})
        listeners = []
        for b in balancers:
            listeners += elbv2.describe_listeners(LoadBalancerArn=b["LoadBalancerArn"])["Listeners"]
        for listener in listeners:
            for c in listener.get("Certificates", []):
                c["CertificateArn"] = issued.get(c["CertificateArn"], c["CertificateArn"])
        write(out, "elbv2-describe-listeners", {"Listeners": listeners})
        rules = [
            {"ListenerArn": x["ListenerArn"], "Rules": elbv2.describe_rules(ListenerArn=x["ListenerArn"])["Rules"]}
            for x in listeners
        ]
        write(out, "elbv2-describe-rules", {"ListenerRules": rules})
        # One list per file, by ARN, as scripts/snapshot.sh writes them.
        for name, (list_key, key, field, call, items) in {
            "load-balancer-attributes": (
                "LoadBalancerAttributes", "LoadBalancerArn", "Attributes",
                elbv2.describe_load_balancer_attributes, balancers,
            ),
            "target-group-attributes": (
                "TargetGroupAttributes", "TargetGroupArn", "Attributes",
                elbv2.describe_target_group_attributes, target_groups,
            ),
            "target-health": (
                "TargetHealth", "TargetGroupArn", "TargetHealthDescriptions",
                elbv2.describe_target_health, target_groups,
            ),
        }.items():
            listed = [{key: i[key], field: call(**{key: i[key]})[field]} for i in items]
            write(out, f"elbv2-describe-{name}", {list_key: listed})
        arns = [b["LoadBalancerArn"] for b in balancers] + [t["TargetGroupArn"] for t in target_groups]
        tags = elbv2.describe_tags(ResourceArns=arns)["TagDescriptions"] if arns else []
        write(out, "elbv2-describe-tags", {"TagDescriptions": tags})
        autoscaling = boto3.client("autoscaling", region_name=region)
        groups = autoscaling.describe_auto_scaling_groups()["AutoScalingGroups"]
        write(out, "autoscaling-describe-auto-scaling-groups", {"AutoScalingGroups": groups})
        rds = boto3.client("rds", region_name=region)
        db_groups = rds.describe_db_subnet_groups()["DBSubnetGroups"]
        write(out, "rds-describe-db-subnet-groups", {"DBSubnetGroups": db_groups})
        db_tags = [
            {
                "DBSubnetGroupArn": g["DBSubnetGroupArn"],
                "TagList": rds.list_tags_for_resource(ResourceName=g["DBSubnetGroupArn"])["TagList"],
            }
            for g in db_groups
        ]
        write(out, "rds-db-subnet-group-tags", {"DBSubnetGroupTags": db_tags})
        write(out, "rds-describe-db-instances", {"DBInstances": rds.describe_db_instances()["DBInstances"]})
        templates = ec2.describe_launch_templates()["LaunchTemplates"]
        write(out, "describe-launch-templates", {"LaunchTemplates": templates})
        versions = []
        for t in templates:
            versions += ec2.describe_launch_template_versions(
                LaunchTemplateId=t["LaunchTemplateId"], Versions=["$Latest"]
            )["LaunchTemplateVersions"]
        write(out, "describe-launch-template-versions", {"LaunchTemplateVersions": versions})
        attributes = []
        for v in ec2.describe_vpcs()["Vpcs"]:
            a = {"VpcId": v["VpcId"]}
            for name in ("enableDnsSupport", "enableDnsHostnames"):
                key = name[0].upper() + name[1:]
                a[key] = ec2.describe_vpc_attribute(VpcId=v["VpcId"], Attribute=name)[key]
            attributes.append(a)
        write(out, "describe-vpc-attributes", {"VpcAttributes": attributes})
        entries = []
        for p in ec2.describe_managed_prefix_lists()["PrefixLists"]:
            if p.get("OwnerId") != "AWS":
                r = ec2.get_managed_prefix_list_entries(PrefixListId=p["PrefixListId"])
                entries.append({"PrefixListId": p["PrefixListId"], "Entries": r["Entries"]})
        write(out, "get-managed-prefix-list-entries", {"PrefixListEntries": entries})
        user_data = []
        for r in ec2.describe_instances()["Reservations"]:
            for i in r["Instances"]:
                a = ec2.describe_instance_attribute(InstanceId=i["InstanceId"], Attribute="userData")
                user_data.append({"InstanceId": i["InstanceId"], "UserData": a.get("UserData", {})})
        write(out, "describe-instance-user-data", {"InstanceUserData": user_data})


# The destination each flow log was asked for (see `complete`).
FLOW_LOG_DESTINATIONS = {}

# Resource types moto's CloudFormation fails the whole stack on: left out
# of the deploy and made by `complete`.
CRASHES_MOTO = {"AWS::EC2::FlowLog"}


# Resource types moto's CloudFormation does not implement and later
# resources need: made between two deploys.
BLOCKS = {"AWS::EC2::VPCCidrBlock"}


def deploy(cf, ec2, template):
    """Deploys the template in two stacks: first what needs no VPC block
    moto cannot associate, then (the blocks associated with the EC2 API)
    the rest, with references to the first stack written as the ids it
    made and `Fn::Cidr` worked out (moto has neither). Returns the
    physical id of every logical id."""
    resources = {k: v for k, v in template["Resources"].items() if v["Type"] not in CRASHES_MOTO}
    blocks = {k for k, v in resources.items() if v["Type"] in BLOCKS}
    later = set(blocks)
    changed = True
    while changed:
        changed = False
        for k, v in resources.items():
            if k not in later and names_any(v, later):
                later.add(k)
                changed = True
    first = {k: v for k, v in resources.items() if k not in later}
    physical = create(cf, "skyplan", {**template, "Resources": first})
    vpc_blocks = {}
    for k in sorted(blocks):
        p = resources[k]["Properties"]
        vpc = physical[p["VpcId"]["Ref"]]
        if p.get("AmazonProvidedIpv6CidrBlock"):
            a = ec2.associate_vpc_cidr_block(VpcId=vpc, AmazonProvidedIpv6CidrBlock=True)
            vpc_blocks.setdefault(p["VpcId"]["Ref"], []).append(
                a["Ipv6CidrBlockAssociation"]["Ipv6CidrBlock"]
            )
        else:
            ec2.associate_vpc_cidr_block(VpcId=vpc, CidrBlock=p["CidrBlock"])
        physical[k] = vpc
    # The other attributes a second-stack resource reads of the first.
    for k, v in first.items():
        if v["Type"] == "AWS::EC2::LaunchTemplate":
            t = ec2.describe_launch_templates(LaunchTemplateIds=[physical[k]])["LaunchTemplates"][0]
            vpc_blocks[(k, "LatestVersionNumber")] = str(t["LatestVersionNumber"])
        if v["Type"] == "AWS::EC2::EIP":
            vpc_blocks[(k, "AllocationId")] = allocation_of(ec2, physical[k])
    rest = {
        k: resolve(v, physical, vpc_blocks, blocks)
        for k, v in resources.items()
        if k in later and k not in blocks
    }
    # `complete` reads them as deployed.
    template["Resources"].update(rest)
    if rest:
        physical.update(create(cf, "skyplan-2", {**template, "Resources": rest}))
    return physical


def create(cf, name, template):
    cf.create_stack(StackName=name, TemplateBody=json.dumps(template))
    return {
        r["LogicalResourceId"]: r.get("PhysicalResourceId")
        for r in cf.list_stack_resources(StackName=name)["StackResourceSummaries"]
    }


def profiles(value):
    """The instance profile names a template uses."""
    if isinstance(value, dict):
        for k, v in value.items():
            if k == "IamInstanceProfile" and isinstance(v, str):
                yield v
            elif k == "IamInstanceProfile" and isinstance(v, dict) and "Name" in v:
                yield v["Name"]
            else:
                yield from profiles(v)
    elif isinstance(value, list):
        for v in value:
            yield from profiles(v)


def names_any(value, logical):
    """Whether a resource refers to (or depends on) any of `logical`."""
    if isinstance(value, dict):
        if value.get("Ref") in logical:
            return True
        if "Fn::GetAtt" in value and value["Fn::GetAtt"][0] in logical:
            return True
        depends = value.get("DependsOn", [])
        if isinstance(depends, str):
            depends = [depends]
        if any(d in logical for d in depends):
            return True
        return any(names_any(v, logical) for v in value.values())
    if isinstance(value, list):
        return any(names_any(v, logical) for v in value)
    return False


def resolve(value, physical, vpc_blocks, blocks):
    """A second-stack resource: references to the first stack as ids,
    `Fn::GetAtt VPC.Ipv6CidrBlocks`, `Fn::Select` and `Fn::Cidr` worked
    out, and no DependsOn on what the first stack or the EC2 API made."""
    if isinstance(value, list):
        return [resolve(v, physical, vpc_blocks, blocks) for v in value]
    if not isinstance(value, dict):
        return value
    if "Ref" in value and value["Ref"] in physical:
        return physical[value["Ref"]]
    if "Fn::GetAtt" in value and value["Fn::GetAtt"][1] == "Ipv6CidrBlocks":
        return vpc_blocks[value["Fn::GetAtt"][0]]
    if "Fn::GetAtt" in value and tuple(value["Fn::GetAtt"]) in vpc_blocks:
        return vpc_blocks[tuple(value["Fn::GetAtt"])]
    out = {}
    for k, v in value.items():
        if k == "DependsOn":
            kept = [d for d in ([v] if isinstance(v, str) else v) if d not in physical and d not in blocks]
            if kept:
                out[k] = kept
            continue
        out[k] = resolve(v, physical, vpc_blocks, blocks)
    if "Fn::Cidr" in out:
        block, count, bits = out["Fn::Cidr"]
        net = ipaddress.ip_network(block)
        return [str(n) for n in list(net.subnets(new_prefix=net.max_prefixlen - int(bits)))[: int(count)]]
    if "Fn::Select" in out and isinstance(out["Fn::Select"][1], list):
        return out["Fn::Select"][1][int(out["Fn::Select"][0])]
    return out


def elb_attributes_as_written(elbv2, resources, physical):
    """moto's CloudFormation ignores a load balancer's
    LoadBalancerAttributes and a target group's TargetGroupAttributes:
    they are set as the template says."""
    for logical, r in resources.items():
        p = r.get("Properties", {})
        if r["Type"] == "AWS::ElasticLoadBalancingV2::LoadBalancer" and p.get("LoadBalancerAttributes"):
            elbv2.modify_load_balancer_attributes(
                LoadBalancerArn=physical[logical], Attributes=p["LoadBalancerAttributes"]
            )
        if r["Type"] == "AWS::ElasticLoadBalancingV2::TargetGroup" and p.get("TargetGroupAttributes"):
            elbv2.modify_target_group_attributes(
                TargetGroupArn=physical[logical], Attributes=p["TargetGroupAttributes"]
            )


def targets_as_written(elbv2, resources, physical):
    """A target group's instances, as the template registers them: the
    relaunched ones (`relaunch`) are new instances."""
    for logical, r in resources.items():
        p = r.get("Properties", {})
        if r["Type"] == "AWS::ElasticLoadBalancingV2::TargetGroup" and p.get("Targets"):
            elbv2.register_targets(
                TargetGroupArn=physical[logical],
                Targets=[{"Id": ref(t["Id"], physical)} for t in p["Targets"]],
            )


def db_groups_as_written(rds, resources, physical):
    """moto's CloudFormation gives a DB instance a default group instead of
    its VPCSecurityGroups: they are set as the template says."""
    for logical, r in resources.items():
        p = r.get("Properties", {})
        if r["Type"] == "AWS::RDS::DBInstance" and p.get("VPCSecurityGroups"):
            rds.modify_db_instance(
                DBInstanceIdentifier=p["DBInstanceIdentifier"],
                VpcSecurityGroupIds=[ref(g, physical) for g in p["VPCSecurityGroups"]],
                ApplyImmediately=True,
            )


# Each static transit gateway route's attachment, by (table, destination):
# moto keeps it in a shape its responses drop.
TGW_ROUTES = {}


def route_targets(ec2, rt, routes):
    for r in routes:
        attachment = TGW_ROUTES.get((rt, r["DestinationCidrBlock"]))
        if attachment and not r.get("TransitGatewayAttachments"):
            a = ec2.describe_transit_gateway_attachments(TransitGatewayAttachmentIds=[attachment])[
                "TransitGatewayAttachments"
            ][0]
            r["TransitGatewayAttachments"] = [
                {
                    "TransitGatewayAttachmentId": attachment,
                    "ResourceId": a["ResourceId"],
                    "ResourceType": a["ResourceType"],
                }
            ]
    return routes


def route_table_contents(ec2):
    """Each transit gateway route table's associations, propagations and
    static routes, as scripts/snapshot.sh writes them."""
    tables = []
    for t in ec2.describe_transit_gateway_route_tables()["TransitGatewayRouteTables"]:
        rt = t["TransitGatewayRouteTableId"]
        tables.append(
            {
                "TransitGatewayRouteTableId": rt,
                "Associations": ec2.get_transit_gateway_route_table_associations(TransitGatewayRouteTableId=rt)[
                    "Associations"
                ],
                "Propagations": ec2.get_transit_gateway_route_table_propagations(TransitGatewayRouteTableId=rt)[
                    "TransitGatewayRouteTablePropagations"
                ],
                "Routes": route_targets(
                    ec2,
                    rt,
                    ec2.search_transit_gateway_routes(
                        TransitGatewayRouteTableId=rt, Filters=[{"Name": "type", "Values": ["static"]}]
                    )["Routes"],
                ),
            }
        )
    return {"TransitGatewayRouteTables": tables}


def ref(value, physical):
    if isinstance(value, dict) and "Ref" in value:
        return physical[value["Ref"]]
    return value


# What `complete` makes first: what other resources it completes name.
MAKERS = {
    "AWS::EC2::NetworkAcl",
    "AWS::EC2::DHCPOptions",
    "AWS::EC2::EgressOnlyInternetGateway",
    "AWS::EC2::PrefixList",
    "AWS::EC2::CustomerGateway",
    "AWS::EC2::TransitGatewayRouteTable",
}


def complete(ec2, resources, physical):
    for logical in resources:
        if physical.get(logical) is None:
            physical[logical] = None
            LATER.add(logical)
    ordered = sorted(resources.items(), key=lambda kv: kv[1]["Type"] not in MAKERS)
    for logical, r in ordered:
        kind, p = r["Type"], r.get("Properties", {})
        pid = physical[logical]
        if kind == "AWS::EC2::NetworkAcl" and pid is None:
            physical[logical] = ec2.create_network_acl(
                VpcId=ref(p["VpcId"], physical),
                TagSpecifications=[{"ResourceType": "network-acl", "Tags": p.get("Tags", [])}],
            )["NetworkAcl"]["NetworkAclId"]
        elif kind == "AWS::EC2::TransitGatewayVpcAttachment" and pid is None:
            physical[logical] = ec2.create_transit_gateway_vpc_attachment(
                TransitGatewayId=ref(p["TransitGatewayId"], physical),
                VpcId=ref(p["VpcId"], physical),
                SubnetIds=[ref(x, physical) for x in p["SubnetIds"]],
                Options=p.get("Options", {}),
                TagSpecifications=[{"ResourceType": "transit-gateway-attachment", "Tags": p.get("Tags", [])}],
            )["TransitGatewayVpcAttachment"]["TransitGatewayAttachmentId"]
            ec2.create_tags(Resources=[physical[logical]], Tags=p.get("Tags", []))
        elif kind == "AWS::EC2::TransitGatewayRouteTable" and pid is None:
            physical[logical] = ec2.create_transit_gateway_route_table(
                TransitGatewayId=ref(p["TransitGatewayId"], physical),
                TagSpecifications=[{"ResourceType": "transit-gateway-route-table", "Tags": p.get("Tags", [])}],
            )["TransitGatewayRouteTable"]["TransitGatewayRouteTableId"]
            ec2.create_tags(Resources=[physical[logical]], Tags=p.get("Tags", []))
        elif kind == "AWS::EC2::TransitGatewayRouteTableAssociation":
            ec2.associate_transit_gateway_route_table(
                TransitGatewayRouteTableId=ref(p["TransitGatewayRouteTableId"], physical),
                TransitGatewayAttachmentId=ref(p["TransitGatewayAttachmentId"], physical),
            )
        elif kind == "AWS::EC2::TransitGatewayRouteTablePropagation":
            ec2.enable_transit_gateway_route_table_propagation(
                TransitGatewayRouteTableId=ref(p["TransitGatewayRouteTableId"], physical),
                TransitGatewayAttachmentId=ref(p["TransitGatewayAttachmentId"], physical),
            )
        elif kind == "AWS::EC2::TransitGatewayRoute":
            args = {
                "TransitGatewayRouteTableId": ref(p["TransitGatewayRouteTableId"], physical),
                "DestinationCidrBlock": p["DestinationCidrBlock"],
            }
            if p.get("Blackhole"):
                args["Blackhole"] = True
            else:
                args["TransitGatewayAttachmentId"] = ref(p["TransitGatewayAttachmentId"], physical)
                TGW_ROUTES[(args["TransitGatewayRouteTableId"], args["DestinationCidrBlock"])] = args[
                    "TransitGatewayAttachmentId"
                ]
            ec2.create_transit_gateway_route(**args)
        elif kind == "AWS::EC2::CustomerGateway" and pid is None:
            physical[logical] = ec2.create_customer_gateway(
                Type=p.get("Type", "ipsec.1"),
                IpAddress=p["IpAddress"],
                BgpAsn=int(p.get("BgpAsn", 65000)),
                TagSpecifications=[{"ResourceType": "customer-gateway", "Tags": p.get("Tags", [])}],
            )["CustomerGateway"]["CustomerGatewayId"]
            ec2.create_tags(Resources=[physical[logical]], Tags=p.get("Tags", []))
        elif kind == "AWS::EC2::VPNConnection" and pid is None:
            args = {
                "Type": p.get("Type", "ipsec.1"),
                "CustomerGatewayId": ref(p["CustomerGatewayId"], physical),
                "Options": {"StaticRoutesOnly": p.get("StaticRoutesOnly", False)},
                "TagSpecifications": [{"ResourceType": "vpn-connection", "Tags": p.get("Tags", [])}],
            }
            for key in ("VpnGatewayId", "TransitGatewayId"):
                if key in p:
                    args[key] = ref(p[key], physical)
            if "VpnTunnelOptionsSpecifications" in p:
                args["Options"]["TunnelOptions"] = p["VpnTunnelOptionsSpecifications"]
            physical[logical] = ec2.create_vpn_connection(**args)["VpnConnection"]["VpnConnectionId"]
            ec2.create_tags(Resources=[physical[logical]], Tags=p.get("Tags", []))
        elif kind == "AWS::EC2::DHCPOptions" and pid is None:
            keys = {
                "DomainName": "domain-name",
                "DomainNameServers": "domain-name-servers",
                "NtpServers": "ntp-servers",
                "NetbiosNameServers": "netbios-name-servers",
                "NetbiosNodeType": "netbios-node-type",
            }
            configurations = [
                {"Key": key, "Values": [str(v) for v in (p[k] if isinstance(p[k], list) else [p[k]])]}
                for k, key in keys.items()
                if k in p
            ]
            physical[logical] = ec2.create_dhcp_options(
                DhcpConfigurations=configurations,
            )["DhcpOptions"]["DhcpOptionsId"]
            ec2.create_tags(Resources=[physical[logical]], Tags=p.get("Tags", []))
        elif kind == "AWS::EC2::VPCDHCPOptionsAssociation":
            ec2.associate_dhcp_options(
                DhcpOptionsId=ref(p["DhcpOptionsId"], physical), VpcId=ref(p["VpcId"], physical)
            )
        elif kind == "AWS::EC2::EgressOnlyInternetGateway" and pid is None:
            physical[logical] = ec2.create_egress_only_internet_gateway(
                VpcId=ref(p["VpcId"], physical),
                TagSpecifications=[
                    {"ResourceType": "egress-only-internet-gateway", "Tags": p.get("Tags", [])}
                ],
            )["EgressOnlyInternetGateway"]["EgressOnlyInternetGatewayId"]
        elif kind == "AWS::EC2::PrefixList" and pid is None:
            physical[logical] = ec2.create_managed_prefix_list(
                PrefixListName=p["PrefixListName"],
                AddressFamily=p["AddressFamily"],
                MaxEntries=p["MaxEntries"],
                Entries=p.get("Entries", []),
                TagSpecifications=[{"ResourceType": "prefix-list", "Tags": p.get("Tags", [])}],
            )["PrefixList"]["PrefixListId"]
        elif kind == "AWS::EC2::Route" and (needs_later(p, physical) or "DestinationIpv6CidrBlock" in p):
            args = {"RouteTableId": ref(p["RouteTableId"], physical)}
            for key in ("DestinationCidrBlock", "DestinationIpv6CidrBlock"):
                if key in p:
                    args[key] = p[key]
            if "DestinationPrefixListId" in p:
                args["DestinationPrefixListId"] = ref(p["DestinationPrefixListId"], physical)
            for key in ("EgressOnlyInternetGatewayId", "GatewayId", "NatGatewayId"):
                if key in p:
                    args[key] = ref(p[key], physical)
            try:
                ec2.create_route(**args)
            except ec2.exceptions.ClientError as e:
                if "RouteAlreadyExists" not in str(e):
                    raise
        elif kind == "AWS::EC2::SecurityGroupIngress" and needs_later(p, physical):
            authorize(ec2.authorize_security_group_ingress, ref(p["GroupId"], physical), p, physical)
        elif kind == "AWS::EC2::VPCEndpoint" and "PolicyDocument" in p:
            policy = p["PolicyDocument"]
            ec2.modify_vpc_endpoint(
                VpcEndpointId=pid,
                PolicyDocument=policy if isinstance(policy, str) else json.dumps(policy),
            )
            ec2.create_tags(Resources=[pid], Tags=p.get("Tags", []))
        elif kind == "AWS::EC2::FlowLog":
            args = {
                "ResourceIds": [ref(p["ResourceId"], physical)],
                "ResourceType": {"VPC": "VPC", "Subnet": "Subnet", "NetworkInterface": "NetworkInterface"}.get(
                    p["ResourceType"], p["ResourceType"]
                ),
                "TrafficType": p.get("TrafficType", "ALL"),
                "LogDestinationType": p.get("LogDestinationType", "cloud-watch-logs"),
                "MaxAggregationInterval": p.get("MaxAggregationInterval", 600),
                "TagSpecifications": [{"ResourceType": "vpc-flow-log", "Tags": p.get("Tags", [])}],
            }
            for key in ("LogDestination", "DeliverLogsPermissionArn", "LogGroupName"):
                if key in p:
                    args[key] = p[key]
            # moto delivers only to a bucket that exists, as AWS does, but
            # takes a destination's prefix for part of the bucket's name:
            # it gets the bucket, and the snapshot the template's ARN.
            if args["LogDestinationType"] == "s3":
                bucket = p["LogDestination"].split(":::", 1)[1].split("/", 1)[0]
                boto3.client("s3", region_name="us-east-1").create_bucket(Bucket=bucket)
                args["LogDestination"] = "arn:aws:s3:::" + bucket
            made = ec2.create_flow_logs(**args)
            assert made["FlowLogIds"], made
            FLOW_LOG_DESTINATIONS[made["FlowLogIds"][0]] = p.get("LogDestination")
        elif kind == "AWS::EC2::SubnetRouteTableAssociation":
            ec2.associate_route_table(
                SubnetId=ref(p["SubnetId"], physical),
                RouteTableId=ref(p["RouteTableId"], physical),
            )
        elif kind == "AWS::EC2::NetworkAclEntry":
            args = {
                "NetworkAclId": ref(p["NetworkAclId"], physical),
                "RuleNumber": p["RuleNumber"],
                "Protocol": str(p["Protocol"]),
                "RuleAction": p["RuleAction"],
                "Egress": p.get("Egress", False),
            }
            if "CidrBlock" in p:
                args["CidrBlock"] = p["CidrBlock"]
            if "Ipv6CidrBlock" in p:
                args["Ipv6CidrBlock"] = p["Ipv6CidrBlock"]
            if "PortRange" in p:
                args["PortRange"] = p["PortRange"]
            if "Icmp" in p:
                args["IcmpTypeCode"] = p["Icmp"]
            ec2.create_network_acl_entry(**args)
        elif kind == "AWS::EC2::SubnetNetworkAclAssociation":
            subnet = ref(p["SubnetId"], physical)
            acls = ec2.describe_network_acls(
                Filters=[{"Name": "association.subnet-id", "Values": [subnet]}]
            )["NetworkAcls"]
            for acl in acls:
                for a in acl["Associations"]:
                    if a["SubnetId"] == subnet:
                        ec2.replace_network_acl_association(
                            AssociationId=a["NetworkAclAssociationId"],
                            NetworkAclId=ref(p["NetworkAclId"], physical),
                        )
        elif kind == "AWS::EC2::Instance":
            physical[logical] = relaunch(ec2, resources, p, pid, physical)
        elif kind == "AWS::EC2::VPC":
            for key in ("EnableDnsSupport", "EnableDnsHostnames"):
                if key in p:
                    ec2.modify_vpc_attribute(VpcId=pid, **{key: {"Value": p[key]}})
            default = ec2.describe_security_groups(
                Filters=[
                    {"Name": "vpc-id", "Values": [pid]},
                    {"Name": "group-name", "Values": ["default"]},
                ]
            )["SecurityGroups"][0]
            if not default["IpPermissions"]:
                ec2.authorize_security_group_ingress(
                    GroupId=default["GroupId"],
                    IpPermissions=[
                        {"IpProtocol": "-1", "UserIdGroupPairs": [{"GroupId": default["GroupId"]}]}
                    ],
                )
            ec2.create_tags(Resources=[pid], Tags=p.get("Tags", []))
        elif kind == "AWS::EC2::SecurityGroup":
            described = [r for r in p.get("SecurityGroupIngress", []) if r.get("Description")]
            for rule in described:
                described = {"Description": rule["Description"]}
                if "CidrIp" in rule:
                    ranges = {"IpRanges": [{"CidrIp": rule["CidrIp"], **described}]}
                elif "CidrIpv6" in rule:
                    ranges = {"Ipv6Ranges": [{"CidrIpv6": rule["CidrIpv6"], **described}]}
                elif "SourcePrefixListId" in rule:
                    listed = ref(rule["SourcePrefixListId"], physical)
                    ranges = {"PrefixListIds": [{"PrefixListId": listed, **described}]}
                else:
                    ranges = None
                if ranges:
                    ec2.update_security_group_rule_descriptions_ingress(
                        GroupId=pid,
                        IpPermissions=[{
                            "IpProtocol": str(rule["IpProtocol"]),
                            **({"FromPort": rule["FromPort"], "ToPort": rule["ToPort"]} if "FromPort" in rule else {}),
                            **ranges,
                        }],
                    )
            for rule in p.get("SecurityGroupIngress", []):
                if "CidrIpv6" in rule or "SourcePrefixListId" in rule:
                    authorize(ec2.authorize_security_group_ingress, pid, rule, physical)
            if "SecurityGroupEgress" in p:
                ec2.revoke_security_group_egress(
                    GroupId=pid,
                    IpPermissions=[{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}],
                )
                for rule in p["SecurityGroupEgress"]:
                    authorize_egress(ec2, pid, rule, physical)
            ec2.create_tags(Resources=[pid], Tags=p.get("Tags", []))
        elif kind == "AWS::EC2::SecurityGroupEgress":
            authorize_egress(ec2, ref(p["GroupId"], physical), p, physical)
        elif kind == "AWS::EC2::Subnet":
            if p.get("MapPublicIpOnLaunch"):
                ec2.modify_subnet_attribute(SubnetId=pid, MapPublicIpOnLaunch={"Value": True})
            if "Ipv6CidrBlock" in p and not ec2.describe_subnets(SubnetIds=[pid])["Subnets"][0].get(
                "Ipv6CidrBlockAssociationSet"
            ):
                ec2.associate_subnet_cidr_block(SubnetId=pid, Ipv6CidrBlock=p["Ipv6CidrBlock"])
            if p.get("AssignIpv6AddressOnCreation"):
                ec2.modify_subnet_attribute(
                    SubnetId=pid, AssignIpv6AddressOnCreation={"Value": True}
                )
        elif kind == "AWS::EC2::Volume":
            ec2.modify_volume(
                VolumeId=pid,
                **{
                    k: v
                    for k, v in (
                        ("VolumeType", p.get("VolumeType")),
                        ("Iops", p.get("Iops")),
                        ("Throughput", p.get("Throughput")),
                    )
                    if v is not None
                },
            )
            ec2.create_tags(Resources=[pid], Tags=p.get("Tags", []))
        elif pid and "Tags" in p and kind in (
            "AWS::ElasticLoadBalancingV2::LoadBalancer",
            "AWS::ElasticLoadBalancingV2::TargetGroup",
        ):
            elbv2 = boto3.client("elbv2", region_name=ec2.meta.region_name)
            elbv2.add_tags(ResourceArns=[pid], Tags=p["Tags"])
        elif pid and "Tags" in p and kind.startswith("AWS::EC2::") and kind != "AWS::EC2::Instance":
            tag_id = pid
            if kind == "AWS::EC2::EIP":
                tag_id = allocation_of(ec2, pid)
            ec2.create_tags(Resources=[tag_id], Tags=p["Tags"])


def needs_later(p, physical):
    """Whether a resource names one moto's CloudFormation could not make
    (an egress-only gateway, a prefix list): moto skipped it too."""
    made_later = {"EgressOnlyInternetGatewayId", "DestinationPrefixListId", "SourcePrefixListId"}
    return any(k in p and isinstance(p[k], dict) and p[k].get("Ref") in LATER for k in made_later)


# Logical ids `complete` makes itself (moto's CloudFormation skipped them).
LATER = set()


def authorize_egress(ec2, group, rule, physical):
    """One egress rule of a template, unless moto made it already."""
    authorize(ec2.authorize_security_group_egress, group, rule, physical)


def authorize(call, group, rule, physical):
    """One rule of a template (ingress or egress), unless moto made it."""
    permission = {"IpProtocol": str(rule["IpProtocol"])}
    if "FromPort" in rule:
        permission["FromPort"] = rule["FromPort"]
        permission["ToPort"] = rule["ToPort"]
    described = {"Description": rule["Description"]} if "Description" in rule else {}
    if "CidrIp" in rule:
        permission["IpRanges"] = [{"CidrIp": rule["CidrIp"], **described}]
    if "CidrIpv6" in rule:
        permission["Ipv6Ranges"] = [{"CidrIpv6": rule["CidrIpv6"], **described}]
    for key in ("DestinationSecurityGroupId", "SourceSecurityGroupId"):
        if key in rule:
            permission["UserIdGroupPairs"] = [{"GroupId": ref(rule[key], physical), **described}]
    for key in ("DestinationPrefixListId", "SourcePrefixListId"):
        if key in rule:
            permission["PrefixListIds"] = [{"PrefixListId": ref(rule[key], physical), **described}]
    try:
        call(GroupId=group, IpPermissions=[permission])
    except Exception as e:  # botocore's ClientError: a rule moto made already
        if "Duplicate" not in str(e):
            raise


def allocation_of(ec2, eip):
    for a in ec2.describe_addresses()["Addresses"]:
        if eip in (a["PublicIp"], a.get("AllocationId")):
            return a["AllocationId"]
    return eip


def relaunch(ec2, resources, p, old, physical):
    """Launches an instance again when moto put it outside its subnet;
    otherwise sets its groups and metadata options in place. Returns its
    id (a new one when launched again)."""
    nic = (p.get("NetworkInterfaces") or [{}])[0]
    nic = {
        "SubnetId": nic.get("SubnetId", p.get("SubnetId")),
        "GroupSet": nic.get("GroupSet", p.get("SecurityGroupIds", [])),
        **{k: v for k, v in nic.items() if k not in ("SubnetId", "GroupSet")},
    }
    if "PrivateIpAddress" in p:
        nic["PrivateIpAddress"] = p["PrivateIpAddress"]
    template = p.get("LaunchTemplate", {}).get("LaunchTemplateId", {})
    # A second-stack instance names its first-stack template by id.
    if isinstance(template, str):
        template = {"Ref": next((k for k, v in physical.items() if v == template), None)}
    settings = resources.get(template.get("Ref"), {})
    metadata = settings.get("Properties", {}).get("LaunchTemplateData", {}).get("MetadataOptions")
    args = {
        "ImageId": p["ImageId"],
        "InstanceType": p["InstanceType"],
        "MinCount": 1,
        "MaxCount": 1,
        "NetworkInterfaces": [
            {
                "DeviceIndex": 0,
                "SubnetId": ref(nic["SubnetId"], physical),
                "Groups": [ref(g, physical) for g in nic.get("GroupSet", [])],
                "AssociatePublicIpAddress": nic.get("AssociatePublicIpAddress", False),
                **({"PrivateIpAddress": nic["PrivateIpAddress"]} if "PrivateIpAddress" in nic else {}),
            }
        ],
        "TagSpecifications": [{"ResourceType": "instance", "Tags": p.get("Tags", [])}],
    }
    if "KeyName" in p:
        args["KeyName"] = p["KeyName"]
    if "IamInstanceProfile" in p:
        args["IamInstanceProfile"] = {"Name": p["IamInstanceProfile"]}
    if "UserData" in p:
        args["UserData"] = p["UserData"]["Fn::Base64"]
    if metadata:
        args["MetadataOptions"] = {k: v for k, v in metadata.items()}
    instance = ec2.describe_instances(InstanceIds=[old])["Reservations"][0]["Instances"][0]
    subnet = ec2.describe_subnets(SubnetIds=[args["NetworkInterfaces"][0]["SubnetId"]])["Subnets"][0]
    inside = ipaddress.ip_address(instance["PrivateIpAddress"]) in ipaddress.ip_network(
        subnet["CidrBlock"]
    )
    if inside and instance["SubnetId"] == subnet["SubnetId"]:
        groups = args["NetworkInterfaces"][0]["Groups"]
        if groups:
            ec2.modify_instance_attribute(InstanceId=old, Groups=groups)
        if metadata:
            ec2.modify_instance_metadata_options(InstanceId=old, **args["MetadataOptions"])
        if "IamInstanceProfile" in args and "IamInstanceProfile" not in instance:
            ec2.associate_iam_instance_profile(
                IamInstanceProfile=args["IamInstanceProfile"], InstanceId=old
            )
        if p.get("SourceDestCheck") is False:
            ec2.modify_instance_attribute(InstanceId=old, SourceDestCheck={"Value": False})
        return old
    # Volumes attached to the old instance follow the new one; the old
    # one goes first, so a static address is free.
    attached = []
    if old:
        for v in ec2.describe_volumes()["Volumes"]:
            for a in v.get("Attachments", []):
                if a["InstanceId"] == old:
                    ec2.detach_volume(VolumeId=v["VolumeId"], InstanceId=old, Device=a["Device"])
                    attached.append((v["VolumeId"], a["Device"]))
        ec2.terminate_instances(InstanceIds=[old])
    new = ec2.run_instances(**args)["Instances"][0]["InstanceId"]
    # moto also drops the groups of a launch's network interface.
    if args["NetworkInterfaces"][0]["Groups"]:
        ec2.modify_instance_attribute(InstanceId=new, Groups=args["NetworkInterfaces"][0]["Groups"])
    if p.get("SourceDestCheck") is False:
        ec2.modify_instance_attribute(InstanceId=new, SourceDestCheck={"Value": False})
    for volume, device in attached:
        ec2.attach_volume(VolumeId=volume, InstanceId=new, Device=device)
    return new


def drop_nat_addresses(ec2, body):
    blocks = {s["SubnetId"]: s["CidrBlock"] for s in ec2.describe_subnets()["Subnets"]}
    for n in body["NatGateways"]:
        block = ipaddress.ip_network(blocks[n["SubnetId"]])
        for a in n.get("NatGatewayAddresses", []):
            if "PrivateIp" in a and ipaddress.ip_address(a["PrivateIp"]) not in block:
                del a["PrivateIp"]


def drop_interface_addresses(ec2, body):
    """An interface endpoint's interfaces get addresses of no subnet too."""
    blocks = {s["SubnetId"]: s["CidrBlock"] for s in ec2.describe_subnets()["Subnets"]}
    for i in body["NetworkInterfaces"]:
        ip = i.get("PrivateIpAddress")
        block = blocks.get(i.get("SubnetId"))
        if ip and block and ipaddress.ip_address(ip) not in ipaddress.ip_network(block):
            del i["PrivateIpAddress"]
            i.pop("PrivateIpAddresses", None)


def write(out, name, body):
    with open(os.path.join(out, name + ".json"), "w") as f:
        json.dump(body, f, indent=2, default=str)


if __name__ == "__main__":
    main()
