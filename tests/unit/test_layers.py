"""The dependency rules of the architecture, checked on the source: only cli/ imports click,
only aws.py imports boto3/botocore, only store/ imports keyring or secretstorage."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "aws_vault"
RULES = {
    "click": lambda rel: rel.startswith("cli/"),
    "boto3": lambda rel: rel == "aws.py",
    "botocore": lambda rel: rel == "aws.py",
    "keyring": lambda rel: rel.startswith("store/"),
    "secretstorage": lambda rel: rel.startswith("store/"),
}


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


MODULES = sorted(SRC.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_module_respects_the_layers(path: Path) -> None:
    rel = path.relative_to(SRC).as_posix()
    offending = [name for name in imported_roots(path) & set(RULES) if not RULES[name](rel)]
    assert offending == [], f"{rel} imports {offending}"


def test_the_rules_see_real_imports() -> None:
    assert "botocore" in imported_roots(SRC / "aws.py")
    assert "click" in imported_roots(SRC / "cli" / "root.py")
