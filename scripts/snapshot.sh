#!/bin/sh
# Takes the snapshot `skyplan import` reads: the AWS CLI's describe-*
# outputs of one region, one file per call, into a new directory. Run it
# with your own credentials (read-only calls: the AWS managed policy
# ReadOnlyAccess is enough); skyplan itself never calls AWS.
#
#   scripts/snapshot.sh us-east-1 snapshot/
#   skyplan import snapshot/ --out network/
#
# Needs the AWS CLI (v2) and a POSIX shell. The CLI pages through long
# lists itself, so every file holds every resource.
set -eu

if [ $# -ne 2 ]; then
    echo "usage: $0 REGION DIR" >&2
    exit 2
fi
region=$1
dir=$2
if [ -e "$dir" ]; then
    echo "$dir exists: name a new directory" >&2
    exit 2
fi
mkdir -p "$dir"

aws_json() {
    aws "$@" --region "$region" --output json
}

# `per_arn LIST KEY FIELD CALL FLAG ARN...` prints one list of every ARN's
# `elbv2 CALL FLAG ARN` FIELD: {"LIST": [{"KEY": ARN, "FIELD": ...}, ...]}.
per_arn() {
    list=$1 key=$2 field=$3 call=$4 flag=$5
    shift 5
    printf '{"%s": [' "$list"
    sep=''
    for arn in "$@"; do
        printf '%s{"%s": "%s", "%s": ' "$sep" "$key" "$arn" "$field"
        aws_json elbv2 "$call" "$flag" "$arn" --query "$field"
        printf '}'
        sep=', '
    done
    printf ']}\n'
}

for call in describe-vpcs describe-subnets describe-route-tables \
    describe-internet-gateways describe-egress-only-internet-gateways \
    describe-nat-gateways describe-addresses describe-security-groups \
    describe-network-acls describe-vpc-peering-connections \
    describe-vpc-endpoints describe-instances describe-volumes \
    describe-managed-prefix-lists describe-dhcp-options \
    describe-network-interfaces describe-flow-logs \
    describe-transit-gateways describe-transit-gateway-vpc-attachments \
    describe-transit-gateway-route-tables \
    describe-vpn-gateways describe-vpn-connections describe-customer-gateways; do
    aws_json ec2 "$call" > "$dir/$call.json"
done
aws_json elbv2 describe-load-balancers > "$dir/elbv2-describe-load-balancers.json"
aws_json elbv2 describe-target-groups > "$dir/elbv2-describe-target-groups.json"
aws_json autoscaling describe-auto-scaling-groups > "$dir/autoscaling-describe-auto-scaling-groups.json"
aws_json ec2 describe-launch-templates > "$dir/describe-launch-templates.json"

# Per load balancer, target group and launch template, as one list each.
balancers=$(aws elbv2 describe-load-balancers --region "$region" --query 'LoadBalancers[].LoadBalancerArn' --output text)
groups=$(aws elbv2 describe-target-groups --region "$region" --query 'TargetGroups[].TargetGroupArn' --output text)
{
    printf '{"Listeners": ['
    sep=''
    for lb in $balancers; do
        # The listeners' list without its brackets (nothing when empty).
        items=$(aws_json elbv2 describe-listeners --load-balancer-arn "$lb" --query 'Listeners' |
            sed '1s/^\[//; $s/\]$//')
        if [ -n "$(printf '%s' "$items" | tr -d '[:space:]')" ]; then
            printf '%s%s' "$sep" "$items"
            sep=', '
        fi
    done
    printf ']}\n'
} > "$dir/elbv2-describe-listeners.json"
{
    printf '{"ListenerRules": ['
    sep=''
    for lb in $balancers; do
        for listener in $(aws elbv2 describe-listeners --region "$region" --load-balancer-arn "$lb" \
            --query 'Listeners[].ListenerArn' --output text); do
            printf '%s{"ListenerArn": "%s", "Rules": ' "$sep" "$listener"
            aws_json elbv2 describe-rules --listener-arn "$listener" --query 'Rules'
            printf '}'
            sep=', '
        done
    done
    printf ']}\n'
} > "$dir/elbv2-describe-rules.json"
per_arn LoadBalancerAttributes LoadBalancerArn Attributes \
    describe-load-balancer-attributes --load-balancer-arn $balancers \
    > "$dir/elbv2-describe-load-balancer-attributes.json"
per_arn TargetGroupAttributes TargetGroupArn Attributes \
    describe-target-group-attributes --target-group-arn $groups \
    > "$dir/elbv2-describe-target-group-attributes.json"
per_arn TargetHealth TargetGroupArn TargetHealthDescriptions \
    describe-target-health --target-group-arn $groups \
    > "$dir/elbv2-describe-target-health.json"
{
    printf '{"TagDescriptions": ['
    sep=''
    for arn in $balancers $groups; do
        printf '%s' "$sep"
        aws_json elbv2 describe-tags --resource-arns "$arn" --query 'TagDescriptions[0]'
        sep=', '
    done
    printf ']}\n'
} > "$dir/elbv2-describe-tags.json"
{
    printf '{"LaunchTemplateVersions": ['
    sep=''
    for lt in $(aws ec2 describe-launch-templates --region "$region" --query 'LaunchTemplates[].LaunchTemplateId' --output text); do
        printf '%s' "$sep"
        aws_json ec2 describe-launch-template-versions --launch-template-id "$lt" --versions '$Latest' \
            --query 'LaunchTemplateVersions[0]'
        sep=', '
    done
    printf ']}\n'
} > "$dir/describe-launch-template-versions.json"
# Direct Connect gateways are global: every one, and every association
# (import keeps the associations to this region's gateways).
aws_json directconnect describe-direct-connect-gateways \
    > "$dir/directconnect-describe-direct-connect-gateways.json"
{
    # AWS asks for a gateway per call: each one's associations, as one list.
    printf '{"directConnectGatewayAssociations": ['
    sep=''
    for dxgw in $(aws directconnect describe-direct-connect-gateways --region "$region" \
        --query 'directConnectGateways[].directConnectGatewayId' --output text); do
        items=$(aws_json directconnect describe-direct-connect-gateway-associations \
            --direct-connect-gateway-id "$dxgw" --query 'directConnectGatewayAssociations' |
            sed '1s/^\[//; $s/\]$//')
        if [ -n "$(printf '%s' "$items" | tr -d '[:space:]')" ]; then
            printf '%s%s' "$sep" "$items"
            sep=', '
        fi
    done
    printf ']}\n'
} > "$dir/directconnect-describe-direct-connect-gateway-associations.json"
aws_json rds describe-db-subnet-groups > "$dir/rds-describe-db-subnet-groups.json"
aws_json rds describe-db-instances > "$dir/rds-describe-db-instances.json"
{
    printf '{"DBSubnetGroupTags": ['
    sep=''
    for arn in $(aws rds describe-db-subnet-groups --region "$region" \
        --query 'DBSubnetGroups[].DBSubnetGroupArn' --output text); do
        printf '%s{"DBSubnetGroupArn": "%s", "TagList": ' "$sep" "$arn"
        aws_json rds list-tags-for-resource --resource-name "$arn" --query 'TagList'
        printf '}'
        sep=', '
    done
    printf ']}\n'
} > "$dir/rds-db-subnet-group-tags.json"

# Both DNS attributes of every VPC, as one list.
bool() { tr '[:upper:]' '[:lower:]'; }
{
    printf '{"VpcAttributes": ['
    sep=''
    for vpc in $(aws ec2 describe-vpcs --region "$region" --query 'Vpcs[].VpcId' --output text); do
        support=$(aws ec2 describe-vpc-attribute --region "$region" --vpc-id "$vpc" \
            --attribute enableDnsSupport --query 'EnableDnsSupport.Value' --output text | bool)
        hostnames=$(aws ec2 describe-vpc-attribute --region "$region" --vpc-id "$vpc" \
            --attribute enableDnsHostnames --query 'EnableDnsHostnames.Value' --output text | bool)
        printf '%s{"VpcId": "%s", "EnableDnsSupport": {"Value": %s}, "EnableDnsHostnames": {"Value": %s}}' \
            "$sep" "$vpc" "$support" "$hostnames"
        sep=', '
    done
    printf ']}\n'
} > "$dir/describe-vpc-attributes.json"

# Each transit gateway route table's associations, propagations and
# static routes, as one list.
{
    printf '{"TransitGatewayRouteTables": ['
    sep=''
    for rt in $(aws ec2 describe-transit-gateway-route-tables --region "$region" \
        --query 'TransitGatewayRouteTables[].TransitGatewayRouteTableId' --output text); do
        printf '%s{"TransitGatewayRouteTableId": "%s", "Associations": ' "$sep" "$rt"
        aws_json ec2 get-transit-gateway-route-table-associations \
            --transit-gateway-route-table-id "$rt" --query 'Associations'
        printf ', "Propagations": '
        aws_json ec2 get-transit-gateway-route-table-propagations \
            --transit-gateway-route-table-id "$rt" --query 'TransitGatewayRouteTablePropagations'
        printf ', "Routes": '
        aws_json ec2 search-transit-gateway-routes --transit-gateway-route-table-id "$rt" \
            --filters Name=type,Values=static --query 'Routes'
        printf '}'
        sep=', '
    done
    printf ']}\n'
} > "$dir/get-transit-gateway-route-table-contents.json"

# The entries of every customer-managed prefix list, as one list.
{
    printf '{"PrefixListEntries": ['
    sep=''
    for list in $(aws ec2 describe-managed-prefix-lists --region "$region" \
        --query "PrefixLists[?OwnerId!='AWS'].PrefixListId" --output text); do
        printf '%s{"PrefixListId": "%s", "Entries": ' "$sep" "$list"
        aws_json ec2 get-managed-prefix-list-entries --prefix-list-id "$list" --query 'Entries'
        printf '}'
        sep=', '
    done
    printf ']}\n'
} > "$dir/get-managed-prefix-list-entries.json"

# Every instance's user data (base64), as one list.
{
    printf '{"InstanceUserData": ['
    sep=''
    for instance in $(aws ec2 describe-instances --region "$region" \
        --query 'Reservations[].Instances[].InstanceId' --output text); do
        printf '%s' "$sep"
        aws_json ec2 describe-instance-attribute --instance-id "$instance" --attribute userData
        sep=', '
    done
    printf ']}\n'
} > "$dir/describe-instance-user-data.json"

echo "Wrote the snapshot of $region to $dir. Next: skyplan import $dir --out NEW_STACK_DIR"
