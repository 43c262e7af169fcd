"""A function's environment and grants, from its settings model: pure, tested without Pulumi."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from clams.names import Env, Function
from clams.settings import SETTINGS
from components.catalog import SPECS
from components.policies import Grants

V = TypeVar("V")
ENV_KEYS = frozenset(key.value for key in Env)

TABLE_KEYS = frozenset({Env.ATTENDEES_TABLE, Env.SUMMARY_TABLE, Env.AUDIT_TABLE, Env.SIGNUPS_TABLE})
QUEUE_KEYS = frozenset({Env.SIGNUPS_QUEUE_URL})
PARAMETER_KEYS = frozenset({Env.USERS_PARAMETER, Env.SECRET_KEY_PARAMETER})
SECRET_KEYS = frozenset({Env.DB_SECRET_ARN})


class MissingSettingError(ValueError):
    """The stack cannot give a function the environment its settings model requires."""


def settings_fields(function: Function) -> tuple[frozenset[str], frozenset[str]]:
    """All field names of the function's settings model, and those without a default."""
    fields = SETTINGS[function].model_fields
    required = {name for name, info in fields.items() if info.is_required()}
    return frozenset(fields), frozenset(required)


def environment_for(function: Function, values: Mapping[Env, V]) -> dict[str, V]:
    """The variables this function's settings model reads, taken from the stack's values."""
    fields, required = settings_fields(function)
    chosen = {key.value: value for key, value in values.items() if key.value in fields}
    missing = sorted(required - set(chosen))
    if missing:
        raise MissingSettingError(f"{function.value}: no value for required settings {missing}")
    return dict(sorted(chosen.items()))


def grants_for(
    function: Function,
    keys: frozenset[str],
    arns: Mapping[Env, str],
    log_group: str,
    consumes: str | None = None,
) -> Grants:
    """Least privilege: access only to what the function's environment names."""
    spec = SPECS[function]
    used = [Env(key) for key in sorted(keys) if key in ENV_KEYS]
    tables = [key for key in used if key in TABLE_KEYS]
    return Grants(
        log_group=log_group,
        tables_written=tuple(arns[k] for k in tables if k not in spec.read_only),
        tables_read=tuple(arns[k] for k in tables if k in spec.read_only),
        queues_consumed=(consumes,) if consumes else (),
        queues_sent=tuple(arns[k] for k in used if k in QUEUE_KEYS),
        parameters=tuple(arns[k] for k in used if k in PARAMETER_KEYS),
        secrets=tuple(arns[k] for k in used if k in SECRET_KEYS),
        in_vpc=spec.in_vpc,
    )
