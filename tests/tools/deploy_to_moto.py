"""Deploys a CloudFormation template to moto's CloudFormation (in-process,
no credentials, no network) and prints what EC2 then describes, as JSON:

    python3 deploy_to_moto.py TEMPLATE REGION

Certificates are the one thing a template names that moto cannot have: each
ACM ARN in the template is replaced by one moto issues, as a user would
issue their own. Used by tests/export_tools.rs.
"""

import json
import re
import sys

import boto3
from moto import mock_aws


def main() -> None:
    template = open(sys.argv[1]).read()
    region = sys.argv[2]
    with mock_aws():
        acm = boto3.client("acm", region_name=region)
        template = re.sub(
            r'"arn:aws:acm:[^"]*"',
            lambda _: '"%s"'
            % acm.request_certificate(DomainName="example.com")["CertificateArn"],
            template,
        )
        cf = boto3.client("cloudformation", region_name=region)
        cf.create_stack(StackName="skyplan", TemplateBody=template)
        stack = cf.describe_stacks(StackName="skyplan")["Stacks"][0]
        resources = cf.list_stack_resources(StackName="skyplan")[
            "StackResourceSummaries"
        ]
        ec2 = boto3.client("ec2", region_name=region)
        default = {v["VpcId"] for v in ec2.describe_vpcs()["Vpcs"] if v["IsDefault"]}
        print(
            json.dumps(
                {
                    "status": stack["StackStatus"],
                    "incomplete": [
                        r["LogicalResourceId"]
                        for r in resources
                        if r["ResourceStatus"] != "CREATE_COMPLETE"
                    ],
                    "vpcs": sorted(
                        v["CidrBlock"]
                        for v in ec2.describe_vpcs()["Vpcs"]
                        if v["VpcId"] not in default
                    ),
                    "subnets": sorted(
                        [s["CidrBlock"], s["AvailabilityZone"]]
                        for s in ec2.describe_subnets()["Subnets"]
                        if s["VpcId"] not in default
                    ),
                    "instances": sum(
                        len(r["Instances"])
                        for r in ec2.describe_instances()["Reservations"]
                    ),
                }
            )
        )


if __name__ == "__main__":
    main()
