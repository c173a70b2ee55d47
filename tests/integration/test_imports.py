"""Start-up stays light: help, version and list never import the AWS SDK, and help/version
never import keyring (each costs a noticeable fraction of a second on every prompt/hook)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from tests.integration.helpers import put_credentials, put_session

HEAVY = ("boto3", "botocore", "keyring")

PROBE = """
import json, sys
from aws_vault.cli.main import run
code = run(sys.argv[1:])
loaded = {name: name in sys.modules for name in %r}
sys.stderr.write("\\nMODULES " + json.dumps({"code": code, "loaded": loaded}) + "\\n")
""" % (HEAVY,)


def probe(*argv: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        env=dict(os.environ),
        capture_output=True,
        text=True,
        start_new_session=True,
        timeout=60,
        check=False,
    )
    lines = [line for line in done.stderr.splitlines() if line.startswith("MODULES ")]
    assert len(lines) == 1, done.stderr
    result: dict[str, object] = json.loads(lines[0][len("MODULES ") :])
    result["stdout"] = done.stdout
    return result


def imported_modules(*argv: str) -> set[str]:
    """Top-level names of every module `python -X importtime -m aws_vault ARGV` imported."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "aws_vault", *argv],
        env=dict(os.environ),
        capture_output=True,
        text=True,
        start_new_session=True,
        timeout=60,
        check=False,
    )
    names = set()
    for line in done.stderr.splitlines():
        match = re.match(r"import time:\s+\d+ \|\s+\d+ \|\s*(\S+)$", line)
        if match:
            names.add(match.group(1).split(".")[0])
    assert "aws_vault" in names, done.stderr[-2000:]  # the probe itself works
    return names


@pytest.fixture
def populated(config_file):
    config_file.write_text(
        "[sso-session s]\nsso_start_url = https://x.awsapps.com/start\n"
        "[profile a]\nregion = us-east-1\n[profile b]\nsource_profile = a\n"
        "[profile c]\nsso_session = s\n"
    )
    put_credentials("a")
    put_session("a", 3600)


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["--help-long"], ["list", "--help"]])
def test_help_and_version_import_neither_the_sdk_nor_keyring(argv):
    result = probe(*argv)
    assert result["code"] == 0
    assert "aws-vault" in str(result["stdout"])
    assert result["loaded"] == {name: False for name in HEAVY}


@pytest.mark.parametrize(
    "argv", [["list"], ["list", "--credentials"], ["ls", "--profiles"], ["list", "--sessions"]]
)
def test_list_does_not_import_the_sdk(populated, argv):
    result = probe(*argv)
    assert result["code"] == 0
    assert str(result["stdout"]).strip(), "list printed nothing: the probe proves nothing"
    loaded = result["loaded"]
    assert isinstance(loaded, dict)
    assert loaded["boto3"] is False and loaded["botocore"] is False


@pytest.mark.parametrize("argv", [["--help"], ["--version"]])
def test_importtime_of_the_module_entry_point(argv):
    names = imported_modules(*argv)
    assert names.isdisjoint(HEAVY), sorted(names & set(HEAVY))


def test_importtime_of_list(populated):
    names = imported_modules("list")
    assert "boto3" not in names and "botocore" not in names


def test_the_probe_can_see_an_import():
    # Guard against a probe that can never fail: importing boto3 must be visible.
    done = subprocess.run(
        [sys.executable, "-c", PROBE.replace("code = run", "import botocore; code = run"), "-h"],
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    line = next(line for line in done.stderr.splitlines() if line.startswith("MODULES "))
    assert json.loads(line[len("MODULES ") :])["loaded"]["botocore"] is True


@pytest.mark.parametrize(
    "argv",
    [
        ["hook", "bash"], ["hook", "zsh"], ["hook", "fish"], ["completion", "bash"],
        ["prompt"], ["__complete", "profiles"], ["__complete", "flags", "exec"],
        ["__complete", "commands"], ["env", "--unset", "--shell", "bash"],
    ],
)  # fmt: skip
def test_shell_integration_paths_stay_light(argv):
    result = probe(*argv)
    assert result["code"] == 0
    assert result["loaded"] == dict.fromkeys(HEAVY, False)
