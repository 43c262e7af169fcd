"""Code packages from the import graph, and the layer command, on a small project tree."""

from __future__ import annotations

from pathlib import Path

import pytest

from clams.packaging import (
    build_layer,
    code_package,
    distributions_for,
    layer_requirements,
    pip_layer_command,
)


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write(
        tmp_path,
        {
            "clams/__init__.py": "",
            "clams/names.py": "from __future__ import annotations\nimport json\n",
            "clams/auth/__init__.py": "",
            "clams/auth/users.py": "from clams import names\nimport pydantic\n",
            "clams/db/__init__.py": "",
            "clams/db/session.py": "import sqlalchemy\n",
            "clams/typed.py": (
                "from typing import TYPE_CHECKING\n"
                "if TYPE_CHECKING:\n    from clams.db import session\n"
            ),
            "handlers/__init__.py": "",
            "handlers/authorizer.py": (
                "from .. import shim\nfrom clams.auth.users import *\nimport clams.typed\n"
            ),
            "handlers/api.py": "from clams.db.session import *\ndef handler(): ...\n",
            "handlers/migrate.py": "def handler(): ...\n",
            "migrations/env.py": "from clams.db import session\n",
            "migrations/versions/0001_first.py": "import alembic\n",
        },
    )


def test_a_package_holds_the_handler_and_every_module_it_reaches(project: Path) -> None:
    # When the authorizer's package is computed
    package = code_package(project, "handlers.authorizer.handler")
    # Then it has the handler, what it imports, and their packages' __init__ files
    assert set(package.files) == {
        "clams/__init__.py",
        "clams/names.py",
        "clams/auth/__init__.py",
        "clams/auth/users.py",
        "clams/typed.py",
        "handlers/__init__.py",
        "handlers/authorizer.py",
    }


def test_imports_only_for_type_checking_are_not_shipped(project: Path) -> None:
    package = code_package(project, "handlers.authorizer.handler")
    assert "clams/db/session.py" not in package.files
    assert "sqlalchemy" not in package.distributions


def test_third_party_imports_become_the_layer_distributions(project: Path) -> None:
    assert code_package(project, "handlers.authorizer.handler").distributions == {"pydantic"}
    assert "sqlalchemy" in code_package(project, "handlers.api.handler").distributions


def test_extra_folders_ship_with_what_their_python_files_import(project: Path) -> None:
    package = code_package(
        project, "handlers.migrate.handler", extra_paths=("migrations", "alembic.ini")
    )
    assert {"migrations/env.py", "migrations/versions/0001_first.py", "clams/db/session.py"} <= set(
        package.files
    )
    assert {"sqlalchemy", "alembic"} <= package.distributions


def test_a_missing_handler_gives_an_empty_package_rather_than_a_crash(project: Path) -> None:
    assert code_package(project, "handlers.writer.handler").files == {
        "handlers/__init__.py": project / "handlers/__init__.py"
    }


def test_the_runtime_and_stdlib_are_not_layer_distributions() -> None:
    assert distributions_for(["boto3", "botocore", "json", "__future__"]) == frozenset()


def test_psycopg_brings_its_binary_build(tmp_path: Path) -> None:
    assert distributions_for(["psycopg"]) == {"psycopg", "psycopg-binary"}


def test_layer_requirements_are_pinned_from_the_constraints(tmp_path: Path) -> None:
    constraints = (
        write(tmp_path, {"c.txt": "Pydantic==2.1.0\naws_lambda_powertools==3.0.0 # pinned\n"})
        / "c.txt"
    )
    assert layer_requirements({"pydantic", "aws-lambda-powertools"}, constraints) == [
        "Pydantic==2.1.0",
        "aws_lambda_powertools==3.0.0",
    ]


def test_the_layer_is_installed_for_arm64_linux_and_python_3_13(tmp_path: Path) -> None:
    command = pip_layer_command(["pydantic==2.1.0"], tmp_path)
    text = " ".join(command)
    assert "--platform manylinux2014_aarch64" in text
    assert "--only-binary=:all:" in command
    assert "--python-version 3.13" in text
    assert command[-1] == "pydantic==2.1.0"
    assert command[command.index("--target") + 1] == str(tmp_path / "python")


class FakeInstaller:
    def __init__(self) -> None:
        self.installed: list[tuple[list[str], Path]] = []

    def __call__(self, requirements: list[str], target: Path) -> None:
        self.installed.append((requirements, target))
        (target / "python").mkdir(parents=True)


def test_a_built_layer_is_reused_without_installing_again(tmp_path: Path) -> None:
    # Given a layer built once for these requirements
    installer = FakeInstaller()
    first = build_layer(["pydantic==2.1.0"], tmp_path, installer)
    # When it is asked for again
    again = build_layer(["pydantic==2.1.0"], tmp_path, installer)
    # Then the same folder comes back and the installer ran only once
    assert again == first
    assert installer.installed == [(["pydantic==2.1.0"], first)]


def test_different_requirements_get_different_layers(tmp_path: Path) -> None:
    installer = FakeInstaller()
    assert build_layer(["a==1"], tmp_path, installer) != build_layer(["b==1"], tmp_path, installer)
