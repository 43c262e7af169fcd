"""Policy documents and environments are pure functions: checked here without Pulumi."""

from __future__ import annotations

import pytest

from clams.names import Env, Function
from components.environment import MissingSettingError, environment_for, grants_for
from components.policies import Grants, assume_role_policy, function_policy, site_bucket_policy

LOG = "arn:aws:logs:eu-west-2:1:log-group:/aws/lambda/f"
TABLE = "arn:aws:dynamodb:eu-west-2:1:table/t"


def sids(grants: Grants) -> dict[str, dict[str, object]]:
    return {s["Sid"]: s for s in function_policy(grants)["Statement"]}


def test_a_function_with_no_grants_may_only_log_and_trace() -> None:
    assert set(sids(Grants(log_group=LOG))) == {"Logs", "Tracing"}
    assert sids(Grants(log_group=LOG))["Logs"]["Resource"] == [f"{LOG}:*"]


def test_only_actions_that_need_it_use_a_wildcard_resource() -> None:
    grants = Grants(log_group=LOG, tables_written=(TABLE,), in_vpc=True, secrets=("s",))
    wildcard = {sid for sid, s in sids(grants).items() if "*" in s["Resource"]}  # type: ignore[operator]
    assert wildcard == {"Tracing", "NetworkInterfaces"}


def test_table_access_covers_the_table_and_its_indexes() -> None:
    statement = sids(Grants(log_group=LOG, tables_written=(TABLE,)))["WriteTables"]
    assert statement["Resource"] == [TABLE, f"{TABLE}/index/*"]


def test_grants_follow_the_environment_keys() -> None:
    # Given the relay's environment keys and the ARNs behind them
    keys = frozenset({"SIGNUPS_QUEUE_URL", "DB_SECRET_ARN", "DB_HOST", "POWERTOOLS_SERVICE_NAME"})
    arns = {Env.SIGNUPS_QUEUE_URL: "queue-arn", Env.DB_SECRET_ARN: "secret-arn"}
    # When its grants are derived
    grants = grants_for(Function.RELAY, keys, arns, LOG)
    # Then it may send to that queue and read that secret, in the VPC, and nothing else
    assert grants == Grants(
        log_group=LOG, queues_sent=("queue-arn",), secrets=("secret-arn",), in_vpc=True
    )


def test_an_environment_missing_a_required_setting_is_refused() -> None:
    with pytest.raises(MissingSettingError, match="USERS_PARAMETER"):
        environment_for(Function.AUTHORIZER, {Env.ATTENDEES_TABLE: "t"})


def test_an_environment_takes_only_the_settings_fields() -> None:
    values = {Env.USERS_PARAMETER: "/u", Env.ATTENDEES_TABLE: "t"}
    assert environment_for(Function.AUTHORIZER, values) == {"USERS_PARAMETER": "/u"}


def test_roles_trust_one_service() -> None:
    statement = assume_role_policy("lambda.amazonaws.com")["Statement"][0]
    assert statement["Principal"] == {"Service": "lambda.amazonaws.com"}


def test_the_bucket_policy_allows_one_distribution_and_denies_plain_http() -> None:
    allow, deny = site_bucket_policy("arn:aws:s3:::b", "arn:dist")["Statement"]
    assert allow["Condition"] == {"StringEquals": {"AWS:SourceArn": "arn:dist"}}
    assert (deny["Effect"], deny["Condition"]) == (
        "Deny",
        {"Bool": {"aws:SecureTransport": "false"}},
    )
