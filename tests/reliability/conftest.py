"""Fixtures of this folder; they live in reliability_support, which the tests also import."""

from reliability_support import *  # noqa: F403
