"""The audit table: one item per GDPR request, holding no personal data."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from clams.stores.dynamo import to_item

if TYPE_CHECKING:
    from clams.services.gdpr import AuditEntry


class AuditTable:
    """``client`` is a low-level DynamoDB client."""

    def __init__(self, client: Any, table_name: str) -> None:
        self._client = client
        self._table = table_name

    def record(self, entry: AuditEntry) -> None:
        self._client.put_item(
            TableName=self._table,
            Item=to_item(asdict(entry)),
            ConditionExpression="attribute_not_exists(EntryId)",
        )
