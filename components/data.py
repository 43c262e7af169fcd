"""Where CLAMS keeps its data: the DynamoDB tables and the PostgreSQL instance."""

from __future__ import annotations

from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from clams.names import TABLES, Index, Table, TableSpec
from components.network import Network
from components.stack import StackConfig

POSTGRES_VERSION = "16"
DATABASE_NAME = "clams"


@dataclass(frozen=True)
class DataArgs:
    config: StackConfig
    network: Network


class Data(pulumi.ComponentResource):
    tables: dict[Table, aws.dynamodb.Table]
    database: aws.rds.Instance

    def __init__(
        self, name: str, args: DataArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        super().__init__("clams:components:Data", name, None, opts)
        self._config = args.config
        self._child = pulumi.ResourceOptions(parent=self)
        self.tables = {table: self._table(table, spec) for table, spec in TABLES.items()}
        self.database = self._database(args.network)
        self.register_outputs({"databaseAddress": self.database.address})

    @property
    def database_secret_arn(self) -> pulumi.Output[str]:
        return self.database.master_user_secrets.apply(lambda secrets: secrets[0].secret_arn or "")

    def _table(self, table: Table, spec: TableSpec) -> aws.dynamodb.Table:
        return aws.dynamodb.Table(
            table.value,
            name=self._config.physical(table.value),
            billing_mode="PAY_PER_REQUEST",
            hash_key=spec.partition.name,
            range_key=spec.sort.name if spec.sort else None,
            attributes=[
                aws.dynamodb.TableAttributeArgs(name=key.name, type=key.type)
                for key in spec.attributes
            ],
            global_secondary_indexes=[
                aws.dynamodb.TableGlobalSecondaryIndexArgs(
                    name=index.name, key_schemas=_key_schema(index), projection_type="ALL"
                )
                for index in spec.indexes
            ],
            server_side_encryption=aws.dynamodb.TableServerSideEncryptionArgs(enabled=True),
            point_in_time_recovery=aws.dynamodb.TablePointInTimeRecoveryArgs(
                enabled=self._config.point_in_time_recovery
            ),
            deletion_protection_enabled=self._config.deletion_protection,
            opts=self._child,
        )

    def _database(self, network: Network) -> aws.rds.Instance:
        subnets = aws.rds.SubnetGroup(
            "database",
            name=self._config.physical("database-subnets"),
            subnet_ids=network.subnet_ids,
            opts=self._child,
        )
        parameters = aws.rds.ParameterGroup(
            "database",
            name=self._config.physical("postgres"),
            family=f"postgres{POSTGRES_VERSION}",
            parameters=[aws.rds.ParameterGroupParameterArgs(name="rds.force_ssl", value="1")],
            opts=self._child,
        )
        return aws.rds.Instance(
            "database", self._instance_args(subnets, parameters, network), opts=self._child
        )

    def _instance_args(
        self, subnets: aws.rds.SubnetGroup, parameters: aws.rds.ParameterGroup, network: Network
    ) -> aws.rds.InstanceArgs:
        config = self._config
        return aws.rds.InstanceArgs(
            identifier=config.physical("database"),
            engine="postgres",
            engine_version=POSTGRES_VERSION,
            instance_class=config.db_instance_class,
            allocated_storage=20,
            max_allocated_storage=100,
            storage_type="gp3",
            storage_encrypted=True,
            db_name=DATABASE_NAME,
            username="clams_admin",
            manage_master_user_password=True,
            db_subnet_group_name=subnets.name,
            parameter_group_name=parameters.name,
            vpc_security_group_ids=[network.database_group.id],
            publicly_accessible=False,
            multi_az=config.multi_az,
            backup_retention_period=config.backup_retention_days,
            deletion_protection=config.deletion_protection,
            skip_final_snapshot=not config.deletion_protection,
            final_snapshot_identifier=(
                config.physical("database-final") if config.deletion_protection else None
            ),
            copy_tags_to_snapshot=True,
            auto_minor_version_upgrade=True,
        )


def _key_schema(index: Index) -> list[aws.dynamodb.TableGlobalSecondaryIndexKeySchemaArgs]:
    keys = [(index.partition, "HASH"), *([(index.sort, "RANGE")] if index.sort else [])]
    return [
        aws.dynamodb.TableGlobalSecondaryIndexKeySchemaArgs(attribute_name=key.name, key_type=kind)
        for key, kind in keys
    ]
