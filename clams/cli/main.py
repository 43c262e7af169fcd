"""The ``clams`` command line. Each command lives in its own module, imported when used."""

from __future__ import annotations

import importlib

import click

COMMANDS: dict[str, str] = {
    "validate": "clams.cli.validate:validate",
    "upload": "clams.cli.upload:upload",
    "export": "clams.cli.export:export",
    "dlq": "clams.cli.dlq:dlq",
    "users": "clams.cli.users:users",
    "report": "clams.cli.report:report",
    "db": "clams.cli.db:db",
    "graph": "clams.cli.graph:graph",
    "policy": "clams.cli.policy:policy",
    "local": "clams.cli.local:local",
}


class LazyGroup(click.Group):
    """Imports a command's module only when that command runs, keeping start-up fast."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name == module_name:
                return None
            raise
        command: click.Command = getattr(module, attr)
        return command


@click.group(cls=LazyGroup)
@click.version_option(package_name="clams")
def cli() -> None:
    """CLAMS: the cloud side of an event's booking office."""
