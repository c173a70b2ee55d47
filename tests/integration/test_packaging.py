"""`hook` and `completion` print the shipped scripts from an installed wheel as from this
checkout, and shell/ holds exactly those scripts (one source of truth: links into the package)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPTS = REPO / "src" / "aws_vault" / "shells" / "scripts"
SHIPPED = {
    ("hook", "bash"): "shell/bash/aws-vault.bash",
    ("hook", "zsh"): "shell/zsh/aws-vault.zsh",
    ("hook", "fish"): "shell/fish/aws-vault.fish",
    ("completion", "bash"): "shell/bash/aws-vault-completion.bash",
    ("completion", "zsh"): "shell/zsh/_aws-vault",
    ("completion", "fish"): "shell/fish/aws-vault-completion.fish",
}


@pytest.fixture(scope="module")
def unpacked_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    (wheel,) = out.glob("aws_vault-*.whl")
    target = out / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    return target


def printed(command: str, shell: str, pythonpath: str | None = None) -> tuple[str, str]:
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath  # ahead of the editable install's path entry
    probe = (
        "import sys, aws_vault; from aws_vault.cli.main import run;"
        "sys.stderr.write(aws_vault.__file__); run(sys.argv[1:])"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, command, shell], env=env, capture_output=True, text=True,
        check=True, timeout=60,
    )  # fmt: skip
    return done.stdout, done.stderr


@pytest.mark.parametrize(("command", "shell"), sorted(SHIPPED))
def test_editable_install_prints_the_shipped_file(command, shell):
    text, origin = printed(command, shell)
    assert origin.startswith(str(REPO / "src"))
    assert text == (REPO / SHIPPED[command, shell]).read_text(encoding="utf-8")


@pytest.mark.parametrize(("command", "shell"), sorted(SHIPPED))
def test_wheel_install_prints_the_shipped_file(unpacked_wheel, command, shell):
    text, origin = printed(command, shell, str(unpacked_wheel))
    assert origin.startswith(str(unpacked_wheel))  # the wheel's copy, not the checkout's
    assert text == (REPO / SHIPPED[command, shell]).read_text(encoding="utf-8")


@pytest.mark.parametrize("path", sorted(SHIPPED.values()))
def test_shell_directory_links_into_the_package(path):
    link = REPO / path
    assert link.is_symlink()
    assert link.resolve().parent == SCRIPTS
