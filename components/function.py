"""One Lambda function from a handler name: code, dependency layer, role, log group."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pulumi
import pulumi_aws as aws

from clams.names import HANDLERS, PRODUCT, Env, Function
from clams.packaging import code_package
from components.catalog import SPECS
from components.environment import environment_for, grants_for
from components.network import Network
from components.policies import assume_role_policy, function_policy
from components.stack import StackConfig

RUNTIME = "python3.13"
ARCHITECTURE = "arm64"

LayerSource = Callable[[Function, frozenset[str]], pulumi.Archive]
"""Gives the archive of a layer holding these distributions, built for Lambda."""


@dataclass(frozen=True)
class StackValues:
    """What the stack offers its functions: environment values, and the ARN behind each."""

    values: Mapping[Env, pulumi.Input[str]]
    arns: Mapping[Env, pulumi.Input[str]]
    consumed_queues: Mapping[Function, pulumi.Input[str]]


@dataclass(frozen=True)
class FunctionArgs:
    config: StackConfig
    function: Function
    stack_values: StackValues
    network: Network
    project_root: Path
    layer_source: LayerSource


class LambdaFunction(pulumi.ComponentResource):
    lambda_: aws.lambda_.Function
    log_group: aws.cloudwatch.LogGroup

    def __init__(
        self, name: str, args: FunctionArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__("clams:components:Function", name, None, opts)
        self._args = args
        self._child = pulumi.ResourceOptions(parent=self)
        self._physical = args.config.physical(args.function.value)
        service = {Env.POWERTOOLS_SERVICE_NAME: f"{PRODUCT}-{args.function.value}"}
        self.environment = environment_for(args.function, {**args.stack_values.values, **service})
        package = code_package(
            args.project_root, HANDLERS[args.function], SPECS[args.function].extra_paths
        )
        self.package_files = package.files
        self.log_group = aws.cloudwatch.LogGroup(
            name,
            name=f"/aws/lambda/{self._physical}",
            retention_in_days=args.config.log_retention_days,
            opts=self._child,
        )
        role, policy = self._role()
        layer = self._layer(package.distributions)
        self.lambda_ = self._lambda(role, layer, package.files, [self.log_group, policy])
        self.register_outputs({"arn": self.lambda_.arn})

    def _role(self) -> tuple[aws.iam.Role, aws.iam.RolePolicy]:
        role = aws.iam.Role(
            self._args.function.value,
            name=f"{self._physical}-role",
            assume_role_policy=json.dumps(assume_role_policy("lambda.amazonaws.com")),
            opts=self._child,
        )
        policy = aws.iam.RolePolicy(
            self._args.function.value,
            name="least-privilege",
            role=role.id,
            policy=self._policy_document(),
            opts=self._child,
        )
        return role, policy

    def _policy_document(self) -> pulumi.Output[str]:
        args, keys = self._args, frozenset(self.environment)
        arns = {k: v for k, v in args.stack_values.arns.items() if k.value in keys}
        consumed = args.stack_values.consumed_queues.get(args.function)
        resolved = pulumi.Output.all(
            arns=pulumi.Output.from_input(arns),
            log_group=self.log_group.arn,
            consumes=pulumi.Output.from_input(consumed),
        )
        return resolved.apply(
            lambda r: json.dumps(
                function_policy(
                    grants_for(args.function, keys, r["arns"], r["log_group"], r["consumes"])
                )
            )
        )

    def _layer(self, distributions: frozenset[str]) -> aws.lambda_.LayerVersion:
        function = self._args.function.value
        return aws.lambda_.LayerVersion(
            f"{function}-dependencies",
            layer_name=self._args.config.physical(f"{function}-dependencies"),
            description=", ".join(sorted(distributions)),
            code=self._args.layer_source(self._args.function, distributions),
            compatible_runtimes=[RUNTIME],
            compatible_architectures=[ARCHITECTURE],
            opts=self._child,
        )

    def _lambda(
        self,
        role: aws.iam.Role,
        layer: aws.lambda_.LayerVersion,
        files: Mapping[str, Path],
        after: list[pulumi.Resource],
    ) -> aws.lambda_.Function:
        spec = SPECS[self._args.function]
        return aws.lambda_.Function(
            self._args.function.value,
            name=self._physical,
            runtime=RUNTIME,
            architectures=[ARCHITECTURE],
            handler=HANDLERS[self._args.function],
            code=pulumi.AssetArchive(
                {path: pulumi.FileAsset(file) for path, file in files.items()}
            ),
            role=role.arn,
            layers=[layer.arn],
            timeout=spec.timeout,
            memory_size=spec.memory,
            tracing_config=aws.lambda_.FunctionTracingConfigArgs(mode="Active"),
            environment=aws.lambda_.FunctionEnvironmentArgs(variables=self.environment),
            logging_config=aws.lambda_.FunctionLoggingConfigArgs(
                log_format="JSON", log_group=self.log_group.name
            ),
            vpc_config=self._vpc_config() if spec.in_vpc else None,
            opts=pulumi.ResourceOptions(parent=self, depends_on=after),
        )

    def _vpc_config(self) -> aws.lambda_.FunctionVpcConfigArgs:
        network = self._args.network
        return aws.lambda_.FunctionVpcConfigArgs(
            subnet_ids=network.subnet_ids, security_group_ids=[network.functions_group.id]
        )
