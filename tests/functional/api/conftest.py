"""Fixtures of this folder; they live in api_support, which the tests also import."""

from api_support import *  # noqa: F403
