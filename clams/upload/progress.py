"""Upload progress: a rich progress bar on a terminal, plain lines every N rows otherwise."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


class LineProgress:
    """Prints ``N/TOTAL rows`` every ``every`` rows and at the end."""

    def __init__(self, total: int, echo: Callable[[str], None], every: int = 1000) -> None:
        self.total, self.done, self._echo, self._every = total, 0, echo, every

    def advance(self) -> None:
        self.done += 1
        if self.done % self._every == 0 or self.done == self.total:
            self._echo(f"{self.done}/{self.total} rows")

    def __enter__(self) -> LineProgress:
        return self

    def __exit__(self, *_: object) -> None:
        return None


class BarProgress:
    """A rich progress bar over the export's rows."""

    def __init__(self, total: int) -> None:
        self._bar = Progress(
            TextColumn("uploading"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()
        )
        self._task = self._bar.add_task("rows", total=total)

    def advance(self) -> None:
        self._bar.advance(self._task)

    def __enter__(self) -> BarProgress:
        self._bar.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._bar.stop()
