"""The API's services, built once per cold start from the function's settings."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Final

from aws_lambda_powertools.utilities import parameters

from clams import aws
from clams.api.tokens import PageTokens
from clams.services.attendees import AttendeeService
from clams.services.gdpr import AttendeePersonalData, GdprService
from clams.services.personal_data import OnFirstUse, PersonalDataStore
from clams.settings import ApiSettings, load
from clams.stores.attendees import AttendeeStore
from clams.stores.audit import AuditTable
from clams.stores.signups import SignupPersonalData, SignupRecords

KEY_CACHE_SECONDS: Final = 300


@dataclass(frozen=True)
class Services:
    attendees: AttendeeService
    gdpr: GdprService
    tokens: PageTokens
    signups: SignupRecords
    camping_rate: int


@cache
def services() -> Services:
    settings = load(ApiSettings)
    dynamodb = aws.client("dynamodb")
    store = AttendeeStore(dynamodb, settings.ATTENDEES_TABLE, settings.SUMMARY_TABLE)
    signups = SignupRecords(dynamodb, settings.SIGNUPS_TABLE)
    people = OnFirstUse("people", lambda: _people(settings))
    gdpr = GdprService(
        AttendeePersonalData(store),
        [SignupPersonalData(signups), people],
        AuditTable(dynamodb, settings.AUDIT_TABLE),
        secret_key,
    )
    return Services(
        AttendeeService(store), gdpr, PageTokens(secret_key), signups, settings.CAMPING_RATE
    )


def _people(settings: ApiSettings) -> PersonalDataStore:
    """The sign-up database's people, reached only by GDPR requests: SQLAlchemy and the
    database connection are loaded then, not at every cold start of the API."""
    from clams.db.engine import engine_from_settings
    from clams.db.unit_of_work import unit_of_work_factory
    from clams.stores.people import PeoplePersonalData

    return PeoplePersonalData(unit_of_work_factory(engine_from_settings(settings)))


def secret_key() -> bytes:
    """The stack's secret key (SSM SecureString), cached for five minutes per function."""
    name = load(ApiSettings).SECRET_KEY_PARAMETER
    value = parameters.get_parameter(name, decrypt=True, max_age=KEY_CACHE_SECONDS)
    return value.encode("utf-8")
