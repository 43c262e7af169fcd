"""Fixtures of this folder; they live in local_stack_support, which the tests also import."""

from local_stack_support import *  # noqa: F403
