"""The stack's SSM parameters: users and the secret key (values kept out of Pulumi's hands
after creation), and the published outputs that the command line looks up."""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from clams import names
from components.stack import StackConfig

OUTPUTS = (
    "api-url",
    "attendees-table",
    "summary-table",
    "attendees-queue-url",
    "attendees-dlq-url",
    "signups-queue-url",
    "signups-dlq-url",
    "frontend-bucket",
    "frontend-url",
)


@dataclass(frozen=True)
class ParametersArgs:
    config: StackConfig


class Parameters(pulumi.ComponentResource):
    users: aws.ssm.Parameter
    secret_key: aws.ssm.Parameter

    def __init__(
        self, name: str, args: ParametersArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__("clams:components:Parameters", name, None, opts)
        stack = args.config.stack
        self._child = pulumi.ResourceOptions(parent=self, ignore_changes=["value"])
        self.users = self._secure(
            "users", names.users_parameter(stack), json.dumps({"users": {}}), "Users and roles"
        )
        self.secret_key = self._secure(
            "secret-key",
            names.secret_key_parameter(stack),
            secrets.token_urlsafe(48),
            "Keys page tokens and audit hashes; generated once",
        )
        self.register_outputs({"users": self.users.name, "secretKey": self.secret_key.name})

    def _secure(self, name: str, path: str, value: str, description: str) -> aws.ssm.Parameter:
        return aws.ssm.Parameter(
            name,
            name=path,
            type="SecureString",
            value=pulumi.Output.secret(value),
            description=description,
            opts=self._child,
        )


@dataclass(frozen=True)
class PublishedOutputsArgs:
    config: StackConfig
    values: Mapping[str, pulumi.Input[str]]


class PublishedOutputs(pulumi.ComponentResource):
    """Each output as a String parameter under ``names.output_parameter(stack, key)``."""

    def __init__(
        self, name: str, args: PublishedOutputsArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__("clams:components:PublishedOutputs", name, None, opts)
        unknown = sorted(set(args.values) ^ set(OUTPUTS))
        if unknown:
            raise ValueError(f"published outputs differ from the contract: {unknown}")
        for key in OUTPUTS:
            aws.ssm.Parameter(
                key,
                name=names.output_parameter(args.config.stack, key),
                type="String",
                insecure_value=args.values[key],
                opts=pulumi.ResourceOptions(parent=self),
            )
        self.register_outputs({})
