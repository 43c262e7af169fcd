"""A stack's published outputs (queue URLs, table names), read from SSM by the commands."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from clams.domain.errors import NotFoundError
from clams.names import output_parameter
from clams.stores.dynamo import error_code


def stack_output(stack: str, name: str, ssm_client: Any) -> str:
    """The value ``stack`` published for its output ``name``; NotFoundError when there is none."""
    parameter = output_parameter(stack, name)
    try:
        reply = ssm_client.get_parameter(Name=parameter)
    except ClientError as error:
        if error_code(error) != "ParameterNotFound":
            raise
        raise NotFoundError(
            f"stack {stack!r} has no output {name!r} (SSM parameter {parameter} not found)"
        ) from None
    return str(reply["Parameter"]["Value"])
