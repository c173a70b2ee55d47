"""The hand-parsed fast path for cached export/env/exec must only differ from click in speed."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import run_cli
from tests.integration.test_engine import alice  # noqa: F401 - fixture

PROBE = (
    "import sys, contextlib, io\n"
    "from aws_vault.cli.main import run\n"
    "with contextlib.redirect_stdout(io.StringIO()):\n"
    "    code = run(sys.argv[1:])\n"
    "print(code, 'click' in sys.modules, 'boto3' in sys.modules, 'botocore' in sys.modules)\n"
)


def modules_after(*args: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True)
    return done.stdout.split()


@pytest.mark.parametrize(
    "args",
    [
        ["export", "alice", "--format", "json"],
        ["export", "--format=env", "alice"],
        ["export", "alice", "--format", "export-env", "--region", "eu-west-1"],
        ["export", "alice", "--format=ini"],
        ["env", "alice", "--shell", "fish"],
        ["env", "--shell=bash", "alice", "-d", "2h"],
    ],
)
def test_same_output_as_the_click_path(alice, sts, args):  # noqa: F811
    fast = run_cli(*args)
    slow = run_cli("--debug", *args)  # --debug is left to click
    assert fast.returncode == slow.returncode == 0, fast.stderr + slow.stderr
    assert "aws-vault" in slow.stderr  # the debug log proves the click path ran
    assert fast.stdout == slow.stdout


def test_cached_export_imports_neither_click_nor_boto3(alice, sts):  # noqa: F811
    assert run_cli("export", "alice").returncode == 0  # creates the session
    assert modules_after("export", "alice", "--format", "json") == ["0", "False", "False", "False"]
    assert modules_after("env", "alice", "--shell", "zsh") == ["0", "False", "False", "False"]


def test_unusual_command_lines_fall_back_to_click(alice):  # noqa: F811
    assert modules_after("export", "alice", "--format", "yaml")[1] == "True"
    bad = run_cli("export", "alice", "--format", "yaml")
    assert bad.returncode == 2 and "yaml" in bad.stderr
    assert modules_after("export", "alice", "--stdout")[1] == "True"


def test_errors_on_the_fast_path_look_the_same(config_file):
    fast = run_cli("export", "nope")
    slow = run_cli("--debug", "export", "nope")
    assert fast.returncode == 3
    assert fast.stderr.startswith("aws-vault: error: profile 'nope'")
    assert json.dumps(fast.stdout) == json.dumps(slow.stdout) == '""'
