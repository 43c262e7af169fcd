"""Sample data, put in the way users put it: the uploader's path and the users document."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from clams.auth.passwords import hash_password
from clams.auth.users import User, Users, UsersDocumentError
from clams.domain.bams import Rejection, open_bams, read_bams
from clams.names import Role, users_parameter
from clams.stacks import stack_output
from clams.stores.users import UsersParameter
from clams.upload.hashes import SentHashes
from clams.upload.service import Uploader, UploadReport, latest_lines
from clams.upload.sqs import SqsQueue

SAMPLE_CSV: Final = Path(__file__).resolve().parents[1] / "samples" / "attendees.csv"
ATTENDEE_QUEUE_OUTPUT: Final = "attendees-queue-url"
ORGANISER: Final = "organiser"


@dataclass(frozen=True)
class Credentials:
    name: str
    password: str


@dataclass
class _Rejected:
    rows: list[Rejection] = field(default_factory=list)

    def add(self, rejection: Rejection) -> None:
        self.rows.append(rejection)


class _Silent:
    def advance(self) -> None:
        """The seed reports once, at the end."""


def upload_csv(path: Path, stack: str, ssm: Any, sqs: Any) -> UploadReport:
    """Send every valid row of a BAMS export to the stack's attendee queue, as ``clams upload``."""
    queue = SqsQueue(sqs, stack_output(stack, ATTENDEE_QUEUE_OUTPUT, ssm))
    hashes = SentHashes(Path(os.devnull), queue.url)
    uploader = Uploader(queue, hashes, _Rejected(), _Silent(), force=True)
    when = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    return uploader.upload(_rows(path), latest_lines(_rows(path)), when)


def _rows(path: Path) -> list[Any]:
    with open_bams(str(path)) as stream:
        return list(read_bams(stream))


def add_user(ssm: Any, stack: str, credentials: Credentials, roles: frozenset[Role]) -> None:
    """Add (or replace) a user in the stack's users parameter, as ``clams users add`` does."""
    parameter = UsersParameter(ssm, users_parameter(stack))
    try:
        users = parameter.load()
    except UsersDocumentError:
        users = Users()
    user = User(credentials.name, hash_password(credentials.password), roles)
    parameter.save(users.with_user(user))
