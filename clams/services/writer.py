"""The attendee writer: a batch of queue messages into the attendee store, in one go.

Every message is validated first; the valid ones are applied with a single
:meth:`AttendeeStore.apply` (one read and a few transactions for up to a hundred attendees).
An invalid message fails on its own; when the store cannot be written, every valid message
of the batch fails, so the queue delivers them again (and, after its receive limit, moves
them to the dead-letter queue). Failure reasons never carry personal data.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from pydantic import ValidationError

from clams.domain.errors import ClamsError, InvalidInputError
from clams.domain.messages import AttendeeMessage, decode, problems
from clams.stores.attendees import Change, Outcome


class AttendeeWrites(Protocol):
    def apply(self, changes: Sequence[Change]) -> dict[str, Outcome]: ...


class BatchNotWrittenError(ClamsError):
    """The store could not take the batch; the queue will deliver it again."""


@dataclass(frozen=True)
class Delivery:
    """One message as the queue delivered it."""

    message_id: str
    body: str


@dataclass
class WriteReport:
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    failures: dict[str, ClamsError] = field(default_factory=dict)
    """Why each failed message failed, by message id."""

    def check(self, message_id: str) -> None:
        """Raise the reason the message failed; return quietly when it was written."""
        failure = self.failures.get(message_id)
        if failure is not None:
            raise failure

    def counts(self) -> dict[str, int]:
        """How many messages had each outcome (those that occurred), and how many failed."""
        counted = Counter(outcome.value for outcome in self.outcomes.values())
        return dict(counted) | {"failed": len(self.failures)}


def write_batch(deliveries: Sequence[Delivery], store: AttendeeWrites) -> WriteReport:
    report = WriteReport()
    valid = _valid_messages(deliveries, report)
    if not valid:
        return report
    changes = [Change.put(message.Attendee, message.Version) for message in valid.values()]
    try:
        report.outcomes = store.apply(changes)
    except Exception as error:  # any failure: the queue redelivers the batch
        failure = BatchNotWrittenError(f"the store refused the batch ({type(error).__name__})")
        report.failures.update(dict.fromkeys(valid, failure))
    return report


def _valid_messages(
    deliveries: Sequence[Delivery], report: WriteReport
) -> dict[str, AttendeeMessage]:
    valid: dict[str, AttendeeMessage] = {}
    for delivery in deliveries:
        try:
            valid[delivery.message_id] = decode(delivery.body)
        except ValidationError as error:
            report.failures[delivery.message_id] = InvalidInputError(problems(error))
    return valid
