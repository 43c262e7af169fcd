"""The database's private network: subnets, security groups and the VPC endpoints that let
in-VPC functions reach AWS services without a NAT gateway."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from components.stack import StackConfig

INTERFACE_SERVICES = ("sqs", "ssm", "secretsmanager")
POSTGRES_PORT = 5432
HTTPS_PORT = 443


@dataclass(frozen=True)
class NetworkArgs:
    config: StackConfig


class Network(pulumi.ComponentResource):
    vpc: aws.ec2.Vpc
    subnet_ids: list[pulumi.Output[str]]
    functions_group: aws.ec2.SecurityGroup
    database_group: aws.ec2.SecurityGroup

    def __init__(
        self, name: str, args: NetworkArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__("clams:components:Network", name, None, opts)
        self._config = args.config
        self._child = pulumi.ResourceOptions(parent=self)
        self.vpc = aws.ec2.Vpc(
            "vpc",
            cidr_block=args.config.vpc_cidr,
            enable_dns_hostnames=True,
            enable_dns_support=True,
            tags={"Name": args.config.physical("vpc")},
            opts=self._child,
        )
        routes = aws.ec2.RouteTable("private", vpc_id=self.vpc.id, opts=self._child)
        self.subnet_ids = [
            self._subnet(i, zone, routes) for i, zone in enumerate(args.config.zones)
        ]
        self.functions_group = self._group("functions", "Lambda functions that reach the database")
        self.database_group = self._group("database", "The PostgreSQL instance")
        endpoints_group = self._group("endpoints", "Interface endpoints of AWS services")
        dynamodb = self._gateway_endpoint("dynamodb", routes)
        self._interface_endpoints(endpoints_group)
        self._rules(endpoints_group, dynamodb)
        self.register_outputs({"vpcId": self.vpc.id})

    def _subnet(self, index: int, zone: str, routes: aws.ec2.RouteTable) -> pulumi.Output[str]:
        cidr = list(ipaddress.ip_network(self._config.vpc_cidr).subnets(new_prefix=24))[index]
        subnet = aws.ec2.Subnet(
            f"private-{zone}",
            vpc_id=self.vpc.id,
            cidr_block=str(cidr),
            availability_zone=zone,
            map_public_ip_on_launch=False,
            tags={"Name": self._config.physical(f"private-{zone}")},
            opts=self._child,
        )
        aws.ec2.RouteTableAssociation(
            f"private-{zone}", subnet_id=subnet.id, route_table_id=routes.id, opts=self._child
        )
        return subnet.id

    def _group(self, name: str, description: str) -> aws.ec2.SecurityGroup:
        return aws.ec2.SecurityGroup(
            name,
            name=self._config.physical(f"{name}-sg"),
            description=description,
            vpc_id=self.vpc.id,
            opts=self._child,
        )

    def _gateway_endpoint(self, service: str, routes: aws.ec2.RouteTable) -> aws.ec2.VpcEndpoint:
        return aws.ec2.VpcEndpoint(
            service,
            vpc_id=self.vpc.id,
            service_name=f"com.amazonaws.{self._config.region}.{service}",
            vpc_endpoint_type="Gateway",
            route_table_ids=[routes.id],
            opts=self._child,
        )

    def _interface_endpoints(self, group: aws.ec2.SecurityGroup) -> None:
        for service in INTERFACE_SERVICES:
            aws.ec2.VpcEndpoint(
                service,
                vpc_id=self.vpc.id,
                service_name=f"com.amazonaws.{self._config.region}.{service}",
                vpc_endpoint_type="Interface",
                private_dns_enabled=True,
                subnet_ids=self.subnet_ids,
                security_group_ids=[group.id],
                opts=self._child,
            )

    def _rules(self, endpoints: aws.ec2.SecurityGroup, dynamodb: aws.ec2.VpcEndpoint) -> None:
        functions, database = self.functions_group, self.database_group
        self._egress("functions-to-database", functions, POSTGRES_PORT, peer=database.id)
        self._egress("functions-to-endpoints", functions, HTTPS_PORT, peer=endpoints.id)
        self._egress("functions-to-dynamodb", functions, HTTPS_PORT, prefix=dynamodb.prefix_list_id)
        self._ingress("database-from-functions", database, POSTGRES_PORT, functions.id)
        self._ingress("endpoints-from-functions", endpoints, HTTPS_PORT, functions.id)

    def _egress(
        self,
        name: str,
        group: aws.ec2.SecurityGroup,
        port: int,
        peer: pulumi.Input[str] | None = None,
        prefix: pulumi.Input[str] | None = None,
    ) -> None:
        aws.vpc.SecurityGroupEgressRule(
            name,
            security_group_id=group.id,
            ip_protocol="tcp",
            from_port=port,
            to_port=port,
            referenced_security_group_id=peer,
            prefix_list_id=prefix,
            opts=self._child,
        )

    def _ingress(
        self, name: str, group: aws.ec2.SecurityGroup, port: int, peer: pulumi.Input[str]
    ) -> None:
        aws.vpc.SecurityGroupIngressRule(
            name,
            security_group_id=group.id,
            ip_protocol="tcp",
            from_port=port,
            to_port=port,
            referenced_security_group_id=peer,
            opts=self._child,
        )
