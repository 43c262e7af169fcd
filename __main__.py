"""The CLAMS Pulumi program: reads the stack's config once and composes the components."""

from __future__ import annotations

from pathlib import Path

import pulumi
import pulumi_aws as aws

from clams.names import Env, Function, Queue, Table
from clams.packaging import build_layer, layer_digest, layer_requirements
from components.alarms import Alarms, AlarmsArgs
from components.api import ApiArgs, HttpApi
from components.data import DATABASE_NAME, Data, DataArgs
from components.edge import Edge, EdgeArgs
from components.function import FunctionArgs, LambdaFunction, LayerSource, StackValues
from components.messaging import CONSUMERS, Messaging, MessagingArgs
from components.migrations import Migrations, MigrationsArgs
from components.network import Network, NetworkArgs
from components.parameters import Parameters, ParametersArgs, PublishedOutputs, PublishedOutputsArgs
from components.site import Site, SiteArgs
from components.stack import Domain, StackConfig
from components.tagging import tagger
from components.triggers import Triggers, TriggersArgs

ROOT = Path(__file__).resolve().parent
LAYER_CACHE = ROOT / ".clams" / "layers"


def read_config() -> tuple[StackConfig, bool]:
    """The stack's settings, and whether to build dependency layers (off under mocks)."""
    config, region = pulumi.Config(), pulumi.Config("aws").require("region")
    domain = config.get("domain")
    settings = StackConfig(
        stack=pulumi.get_stack(),
        region=region,
        contact=config.require("contact"),
        zones=tuple(config.get_object("zones") or (f"{region}a", f"{region}b")),
        log_retention_days=config.get_int("logRetentionDays") or 14,
        camping_rate=config.get_int("campingRate") or 10,
        point_in_time_recovery=config.get_bool("pointInTimeRecovery") or False,
        deletion_protection=config.get_bool("deletionProtection") or False,
        multi_az=config.get_bool("multiAz") or False,
        backup_retention_days=config.get_int("backupRetentionDays") or 1,
        db_instance_class=config.get("dbInstanceClass") or "db.t4g.micro",
        alarm_email=config.get("alarmEmail"),
        domain=Domain(domain, config.require("hostedZone")) if domain else None,
    )
    build = config.get_bool("buildLayers")
    return settings, True if build is None else build


def layer_source(build: bool) -> LayerSource:
    def archive(function: Function, distributions: frozenset[str]) -> pulumi.Archive:
        requirements = layer_requirements(distributions, ROOT / "constraints.txt")
        if build:
            return pulumi.FileArchive(str(build_layer(requirements, LAYER_CACHE)))
        return pulumi.FileArchive(str(LAYER_CACHE / layer_digest(requirements)))

    return archive


def stack_values(
    config: StackConfig, data: Data, messaging: Messaging, parameters: Parameters
) -> StackValues:
    tables, queues, database = data.tables, messaging.queues, data.database
    table_keys = {
        Env.ATTENDEES_TABLE: Table.ATTENDEES,
        Env.SUMMARY_TABLE: Table.SUMMARY,
        Env.AUDIT_TABLE: Table.AUDIT,
        Env.SIGNUPS_TABLE: Table.SIGNUPS,
    }
    values: dict[Env, pulumi.Input[str]] = {k: tables[t].name for k, t in table_keys.items()}
    arns: dict[Env, pulumi.Input[str]] = {k: tables[t].arn for k, t in table_keys.items()}
    values |= {
        Env.SIGNUPS_QUEUE_URL: queues[Queue.SIGNUPS].url,
        Env.USERS_PARAMETER: parameters.users.name,
        Env.SECRET_KEY_PARAMETER: parameters.secret_key.name,
        Env.CAMPING_RATE: str(config.camping_rate),
        Env.DB_SECRET_ARN: data.database_secret_arn,
        Env.DB_HOST: database.address,
        Env.DB_PORT: database.port.apply(str),
        Env.DB_NAME: DATABASE_NAME,
    }
    arns |= {
        Env.SIGNUPS_QUEUE_URL: queues[Queue.SIGNUPS].arn,
        Env.USERS_PARAMETER: parameters.users.arn,
        Env.SECRET_KEY_PARAMETER: parameters.secret_key.arn,
        Env.DB_SECRET_ARN: data.database_secret_arn,
    }
    consumed = {consumer: queues[queue].arn for queue, consumer in CONSUMERS.items()}
    return StackValues(values=values, arns=arns, consumed_queues=consumed)


Functions = dict[Function, aws.lambda_.Function]


def functions_of(
    config: StackConfig, values: StackValues, network: Network, build_layers: bool
) -> Functions:
    source = layer_source(build_layers)
    return {
        fn: LambdaFunction(
            fn.value, FunctionArgs(config, fn, values, network, ROOT, source)
        ).lambda_
        for fn in Function
    }


def alarms(
    config: StackConfig,
    messaging: Messaging,
    functions: Functions,
    api: HttpApi,
    account_id: pulumi.Input[str],
) -> None:
    if config.alarm_email:
        args = AlarmsArgs(
            config.alarm_email,
            config.physical("alarms"),
            messaging.dead_letters,
            functions,
            api.api.id,
            account_id,
        )
        Alarms("alarms", args)


def publish(
    config: StackConfig, api: HttpApi, data: Data, messaging: Messaging, edge: Edge
) -> None:
    queues, dead_letters = messaging.queues, messaging.dead_letters
    outputs: dict[str, pulumi.Input[str]] = {
        "api-url": api.url,
        "attendees-table": data.tables[Table.ATTENDEES].name,
        "summary-table": data.tables[Table.SUMMARY].name,
        "attendees-queue-url": queues[Queue.ATTENDEES].url,
        "attendees-dlq-url": dead_letters[Queue.ATTENDEES].url,
        "signups-queue-url": queues[Queue.SIGNUPS].url,
        "signups-dlq-url": dead_letters[Queue.SIGNUPS].url,
        "frontend-bucket": edge.bucket.bucket,
        "frontend-url": edge.url,
    }
    PublishedOutputs("outputs", PublishedOutputsArgs(config, outputs))
    for key, value in outputs.items():
        pulumi.export(key, value)


def main() -> None:
    config, build_layers = read_config()
    pulumi.runtime.register_stack_transformation(tagger(config.tags))
    network = Network("network", NetworkArgs(config))
    data = Data("data", DataArgs(config, network))
    messaging = Messaging("messaging", MessagingArgs(config))
    parameters = Parameters("parameters", ParametersArgs(config))
    values = stack_values(config, data, messaging, parameters)
    functions = functions_of(config, values, network, build_layers)
    account_id = aws.get_caller_identity_output().account_id
    edge = Edge("edge", EdgeArgs(config, account_id))
    api = HttpApi("api", ApiArgs(config, functions, functions[Function.AUTHORIZER], [edge.url]))
    Site("site", SiteArgs(edge.bucket, ROOT / "frontend", api.url))
    Triggers("triggers", TriggersArgs(messaging.queues, functions))
    migrate = MigrationsArgs(functions[Function.MIGRATE], ROOT / "migrations", [data, network])
    Migrations("migrations", migrate)
    alarms(config, messaging, functions, api, account_id)
    publish(config, api, data, messaging, edge)


main()
