"""Validation errors become one line that names each field."""

from __future__ import annotations

from clams.api.errors import describe_validation, status_of
from clams.domain.errors import AlreadyExistsError, ForbiddenError, InvalidInputError


def test_each_invalid_field_is_named_with_its_reason() -> None:
    # Given Powertools' validation errors for a body
    errors = [
        {
            "loc": ("body", "Email"),
            "msg": "Value error, 'x' does not look like an e-mail address",
            "type": "value_error",
        },
        {
            "loc": ("body", "NumberOfKids"),
            "msg": "Input should be greater than or equal to 0",
            "type": "greater_than_equal",
        },
        {
            "loc": ("body", "Financials", "AmountPaid"),
            "msg": "Input should be a valid integer",
            "type": "int_type",
        },
        {
            "loc": ("body", "Shoe"),
            "msg": "Extra inputs are not permitted",
            "type": "extra_forbidden",
        },
        {
            "loc": ("query", "limit"),
            "msg": "Input should be less than or equal to 1000",
            "type": "less_than_equal",
        },
    ]
    # When described; Then every field is named, nested fields with dots
    assert describe_validation(errors) == (
        "Email: 'x' does not look like an e-mail address; "
        "NumberOfKids: Input should be greater than or equal to 0; "
        "Financials.AmountPaid: Input should be a valid integer; "
        "Shoe: unknown field; "
        "limit: Input should be less than or equal to 1000"
    )


def test_a_body_that_is_not_json_names_the_body() -> None:
    errors = [{"loc": ("body", 0), "msg": "JSON decode error", "type": "json_invalid"}]
    assert describe_validation(errors) == "body: JSON decode error"


def test_domain_errors_map_to_their_statuses() -> None:
    assert status_of(InvalidInputError("x")) == 400
    assert status_of(ForbiddenError("x")) == 403
    assert status_of(AlreadyExistsError("x")) == 409
