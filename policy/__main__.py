"""The CLAMS policy pack: ``pulumi preview --policy-pack policy``.

The rules live in ``clams.policy``; this file only serves them. Constructing the pack
starts the analyzer's server and never returns, so nothing imports this module.
"""

from __future__ import annotations

import os
from pathlib import Path

from pulumi_policy import PolicyPack

from clams.policy import config_for
from clams.policy.pack import policies

PROJECT_ROOT = Path(__file__).resolve().parent.parent
UNKNOWN_STACK = "prod"
"""Without a stack name from the CLI, hold the deployment to prod's stricter thresholds."""

os.chdir(PROJECT_ROOT)
stack = (os.environ.get("PULUMI_STACK") or UNKNOWN_STACK).rsplit("/", 1)[-1]
PolicyPack("clams", policies=policies(config_for(stack)))
