"""How long evaluating both stacks under Pulumi's mocks takes, against a one-resource program
evaluated the same way in the same run."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from clams.graph.evaluate import evaluate

BASELINE_PROGRAM = """
import pulumi_aws as aws
aws.sqs.Queue("baseline", name="clams-bench-baseline")
"""
ROUNDS = 3


def best_of(rounds: int, action: Callable[[], object]) -> float:
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return min(timings)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        program = Path(folder) / "__main__.py"
        program.write_text(BASELINE_PROGRAM, encoding="utf-8")
        evaluate("nonprod", program)  # warm the imports both measurements share
        baseline = best_of(ROUNDS, lambda: evaluate("nonprod", program))
    sizes: dict[str, int] = {}

    def both() -> None:
        for stack in ("nonprod", "prod"):
            sizes[stack] = len(evaluate(stack).resources)

    stacks = best_of(ROUNDS, both)
    print(f"baseline (one resource, mocks):   {baseline * 1000:8.1f} ms")
    print(f"both stacks ({sizes['nonprod']} + {sizes['prod']} resources): {stacks * 1000:8.1f} ms")
    print(f"ratio: {stacks / baseline:.1f}x the one-resource baseline")


if __name__ == "__main__":
    main()
