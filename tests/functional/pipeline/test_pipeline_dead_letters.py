"""Invalid messages end in the dead-letter queue; ``clams dlq`` shows and moves them back."""

from __future__ import annotations

import json
from typing import Any

from pipeline_support import RECEIVE_LIMIT, Queues, body, clams, poll_once

from clams.stores.attendees import AttendeeStore


def _depth(sqs: Any, url: str) -> int:
    names = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=names)["Attributes"]
    return sum(int(attributes[n]) for n in names)


def _poison(sqs: Any, queues: Queues, writer: Any) -> None:
    """An attendee message with an invalid e-mail, polled until the queue gives it up."""
    bad = json.loads(body("BAD001"))
    bad["Attendee"]["Email"] = "private-address"
    sqs.send_message(QueueUrl=queues.source, MessageBody=json.dumps(bad))
    for _ in range(RECEIVE_LIMIT + 1):
        poll_once(sqs, queues.source, writer)


def test_a_message_that_keeps_failing_lands_in_the_dead_letter_queue(
    sqs: Any, queues: Queues, writer: Any, attendee_store: AttendeeStore
) -> None:
    # Given a good and an invalid message on the attendee queue
    sqs.send_message(QueueUrl=queues.source, MessageBody=body("GOOD01"))
    # When the writer polls until the receive limit is passed
    _poison(sqs, queues, writer)
    # Then the good one is stored and the invalid one sits in the dead-letter queue
    assert attendee_store.get("GOOD01") is not None
    assert _depth(sqs, queues.source) == 0
    assert _depth(sqs, queues.dlq) == 1


def test_dlq_list_shows_each_message_and_why_without_personal_data(
    sqs: Any, queues: Queues, stack: str, writer: Any
) -> None:
    # Given an invalid message that has reached the dead-letter queue
    _poison(sqs, queues, writer)
    # When the organiser lists the dead letters
    result = clams("dlq", "list", "--stack", stack)
    # Then it names the queue, the count, the code and the invalid field, not the address
    assert result.exit_code == 0, result.output
    assert "attendees dead letters: 1" in result.output
    assert "signups dead letters: 0" in result.output
    assert f"receives {RECEIVE_LIMIT}" in result.output
    assert "BAD001" in result.output and "Attendee.Email: value_error" in result.output
    assert "private-address" not in result.output
    # And listing leaves the message where it was
    assert _depth(sqs, queues.dlq) == 1


def test_dlq_redrive_moves_the_messages_back_to_their_queue(
    sqs: Any, queues: Queues, stack: str, writer: Any
) -> None:
    # Given two messages in the attendee dead-letter queue
    sqs.send_message(QueueUrl=queues.dlq, MessageBody=body("ABC001"))
    sqs.send_message(QueueUrl=queues.dlq, MessageBody=body("ABC002"))
    # When the organiser redrives the stack's dead letters
    result = clams("dlq", "redrive", "--stack", stack)
    # Then both are back on the attendee queue and the dead-letter queue is empty
    assert result.exit_code == 0, result.output
    assert "attendees: moved 2 back" in result.output
    assert (_depth(sqs, queues.source), _depth(sqs, queues.dlq)) == (2, 0)


def test_redrive_with_explicit_queue_urls(sqs: Any, queues: Queues) -> None:
    # Given a message in a dead-letter queue named by URL
    sqs.send_message(QueueUrl=queues.dlq, MessageBody=body("ABC001"))
    # When it is redriven to a queue named by URL
    result = clams("dlq", "redrive", "--queue-url", queues.dlq, "--to", queues.source)
    # Then it moved
    assert result.exit_code == 0, result.output
    assert _depth(sqs, queues.source) == 1


def test_dlq_of_an_unpublished_stack_is_one_line_and_exit_2(aws: None) -> None:
    # Given no stack called "nowhere"
    # When its dead letters are listed
    result = clams("dlq", "list", "--stack", "nowhere")
    # Then one line says what is missing
    assert result.exit_code == 2
    assert "no output 'attendees-dlq-url'" in result.output
    assert "Traceback" not in result.output
