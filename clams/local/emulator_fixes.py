"""Costs of the AWS emulator (moto) that CLAMS's local stack, tests and benchmarks remove.

- ``TransactWriteItems`` deep-copies a whole table for every action of a transaction, so it
  can roll back: a transaction of 100 writes to a table of 2,500 items copied 250,000 items.
  Here only the items a transaction touches are saved, and restored when it fails — the
  same all-or-nothing result at a cost that does not grow with the table.
- SQS rebuilds a queue's approximate message counts many times per call, each a scan of
  every message that reads a slow clock (a datetime subtraction) twice per message. Here
  the clock is ``time.time``: the same value, read in a fraction of the time.
- DynamoDB checks an item's size once per attribute, each time over the whole item: a
  cost that grows with the square of its attributes (an attendee has about twenty). Here
  the size is checked once, against the same limit.
- SQS checks each message it hands out against the queue's retention period by rebuilding
  every attribute of the queue (three times, each a scan of the queue). Here the check reads
  the retention period alone.
- SQS also rebuilds every attribute of the queue for each message sent, only to read its
  deduplication setting: three scans of the queue per message, so an upload slows down as
  the queue fills (a 10,000-row upload to the local stack took nearly two minutes). Here a
  send reads that setting alone.
- SQS deletes a message by scanning the queue twice in Python. Here one scan stops at the
  message, which a consumer finds near the front.
- Loading moto's SSM emulation builds its EC2 regions, asking boto3 for the regions of
  each partition through new sessions that each parse botocore's endpoint data again
  (about two seconds of the local stack's start). Here one session answers them all, once.
- Loading moto's SSM emulation also loads its EC2 emulation, which parses a catalogue of
  machine images (half a second). CLAMS has no EC2 instances: the catalogue given is empty.

:func:`install` is idempotent and changes nothing but these behaviours.
"""

from __future__ import annotations

import copy
import functools
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Final

NO_MACHINE_IMAGES: Final = Path(__file__).with_name("no-machine-images.json")
_installed = False
_lock = threading.Lock()


def install() -> None:
    """Apply the fixes to moto in this process (safe to call many times)."""
    global _installed
    with _lock:
        if _installed:
            return
        _no_machine_images()
        _journal_transactions()
        _items_sized_once()
        _fast_queue_clock()
        _retention_read_alone()
        _sends_read_deduplication_alone()
        _deletes_stop_at_the_message()
        _region_lists_read_once()
        _installed = True


# ---- DynamoDB transactions -----------------------------------------------------------------

_skip_table_copies = threading.local()


def _journal_transactions() -> None:
    import moto.dynamodb.models as backend
    from moto.dynamodb.models.table import Table

    class _Copy:
        """moto's ``copy`` module, except that tables are not copied inside a journal."""

        def __getattr__(self, name: str) -> Any:
            return getattr(copy, name)

        def deepcopy(self, value: Any, memo: Any = None) -> Any:
            if isinstance(value, Table) and getattr(_skip_table_copies, "on", False):
                return value
            return copy.deepcopy(value, memo)

    original: Callable[..., None] = backend.DynamoDBBackend.transact_write_items

    def transact_write_items(self: Any, transact_items: list[dict[str, Any]]) -> None:
        saved = list(_saved_items(self, transact_items))
        with _tables_not_copied():
            try:
                original(self, transact_items)
            except Exception:
                for table, hash_key, range_key, item in reversed(saved):
                    _restore(table, hash_key, range_key, item)
                raise

    setattr(backend, "copy", _Copy())  # noqa: B010 - moto takes its copy module from here
    backend.DynamoDBBackend.transact_write_items = transact_write_items  # type: ignore[method-assign]


@contextmanager
def _tables_not_copied() -> Iterator[None]:
    _skip_table_copies.on = True
    try:
        yield
    finally:
        _skip_table_copies.on = False


def _saved_items(backend: Any, transact_items: list[dict[str, Any]]) -> Iterator[tuple[Any, ...]]:
    from moto.dynamodb.models.dynamo_type import DynamoType

    for action in transact_items:
        operation = next(iter(action.values()), None)
        if not isinstance(operation, dict) or operation.get("TableName") not in backend.tables:
            continue
        table = backend.tables[operation["TableName"]]
        key = operation.get("Key") or operation.get("Item") or {}
        if table.hash_key_attr not in key:
            continue
        hash_key = DynamoType(key[table.hash_key_attr])
        range_attr = table.range_key_attr
        range_key = DynamoType(key[range_attr]) if range_attr and range_attr in key else None
        yield table, hash_key, range_key, copy.deepcopy(table.get_item(hash_key, range_key))


def _restore(table: Any, hash_key: Any, range_key: Any, item: Any) -> None:
    if range_key is None:
        if item is None:
            table.items.pop(hash_key, None)
        else:
            table.items[hash_key] = item
        return
    if item is None:
        table.items.get(hash_key, {}).pop(range_key, None)
    else:
        table.items[hash_key][range_key] = item


_ITEM_SIZE_LIMIT: Final = 405_000
"""moto's limit: DynamoDB's 400 KB, as moto counts an item's bytes."""


def _items_sized_once() -> None:
    from moto.dynamodb.exceptions import ItemSizeTooLarge
    from moto.dynamodb.models.dynamo_type import DynamoType, Item, LimitedSizeDict

    def __init__(self: Any, hash_key: Any, range_key: Any, attrs: dict[str, Any]) -> None:
        self.hash_key = hash_key
        self.range_key = range_key
        self.attrs = LimitedSizeDict()
        # dict.update skips the per-attribute check of LimitedSizeDict.__setitem__
        dict.update(self.attrs, ((key, DynamoType(value)) for key, value in attrs.items()))
        if self.size() > _ITEM_SIZE_LIMIT:
            raise ItemSizeTooLarge()

    Item.__init__ = __init__  # type: ignore[method-assign]


# ---- SQS clock -------------------------------------------------------------------------------


def _fast_queue_clock() -> None:
    import moto.sqs.models as sqs

    setattr(sqs, "unix_time", time.time)  # noqa: B010 - replacing a module attribute
    setattr(sqs, "unix_time_millis", lambda *_: time.time() * 1000)  # noqa: B010


# ---- boto3 region lists ----------------------------------------------------------------------


def _retention_read_alone() -> None:
    from moto.sqs.models import SQSBackend

    def is_message_valid_based_on_retention_period(
        self: Any, queue_name: str, message: Any
    ) -> bool:
        retention = int(self.get_queue(queue_name).message_retention_period)
        return bool(retention + message.sent_timestamp / 1000 > time.time())

    SQSBackend.is_message_valid_based_on_retention_period = (  # type: ignore[method-assign]
        is_message_valid_based_on_retention_period
    )


_sending = threading.local()


def _sends_read_deduplication_alone() -> None:
    """While moto sends a message, the queue's attributes hold only what a send reads.

    Nothing but the deduplication setting is read during a send (moto's Lambda event source
    mappings, which CLAMS does not use, aside); outside sends the attributes are complete.
    """
    from moto.sqs.models import Queue, SQSBackend

    every_attribute: property = Queue.__dict__["attributes"]
    send: Callable[..., Any] = SQSBackend.send_message

    def attributes(self: Any) -> dict[str, Any]:
        if not getattr(_sending, "on", False):
            return every_attribute.fget(self)  # type: ignore[misc,no-any-return]
        if not self.fifo_queue:
            return {}
        setting = self.content_based_deduplication
        return {
            "ContentBasedDeduplication": str(setting).lower()
            if isinstance(setting, bool)
            else setting
        }

    def send_message(self: Any, *args: Any, **kwargs: Any) -> Any:
        _sending.on = True
        try:
            return send(self, *args, **kwargs)
        finally:
            _sending.on = False

    Queue.attributes = property(attributes)  # type: ignore[method-assign,assignment]
    SQSBackend.send_message = send_message  # type: ignore[method-assign]


def _deletes_stop_at_the_message() -> None:
    from moto.sqs.exceptions import ReceiptHandleIsInvalid
    from moto.sqs.models import Queue

    def delete_message(self: Any, receipt_handle: str) -> None:
        if receipt_handle in self.deleted_messages:
            return  # deleting twice is allowed
        found = next(
            (
                index
                for index, message in enumerate(self._messages)
                if receipt_handle in message.all_receipt_handles
            ),
            None,
        )
        if found is None:
            raise ReceiptHandleIsInvalid()
        message = self._messages[found]
        # a new list, as moto makes: a receive scanning the old one is not disturbed
        self._messages = self._messages[:found] + self._messages[found + 1 :]
        self.pending_messages.discard(message)
        self.deleted_messages.update(message.all_receipt_handles)

    Queue.delete_message = delete_message  # type: ignore[method-assign]


def _no_machine_images() -> None:
    """Must run before moto's EC2 emulation is first imported; a path set already is kept."""
    os.environ.setdefault("MOTO_AMIS_PATH", str(NO_MACHINE_IMAGES))


def _region_lists_read_once() -> None:
    import boto3.session

    from clams.aws import new_session

    original = boto3.session.Session.get_available_regions

    session = functools.cache(new_session)

    @functools.cache
    def regions(service: str, partition: str, non_regional: bool) -> tuple[str, ...]:
        return tuple(original(session(), service, partition, non_regional))

    def get_available_regions(
        self: Any,
        service_name: str,
        partition_name: str = "aws",
        allow_non_regional: bool = False,
    ) -> list[str]:
        return list(regions(service_name, partition_name, allow_non_regional))

    boto3.session.Session.get_available_regions = get_available_regions  # type: ignore[method-assign]
