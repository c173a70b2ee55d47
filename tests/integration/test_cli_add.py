"""`aws-vault add PROFILE` through the real executable (contract §2, reference §1.2)."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pexpect
import pytest

from tests.conftest import EXECUTABLE

from tests.integration.helpers import (
    assert_one_error,
    finish,
    put_credentials,
    put_session,
    snapshot,
    spawn,
    store_dir,
    stored_json,
    stored_keys,
)

KEY_ID = "AKIAIOSFODNN7EXAMPLE"
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
KEYS_ENV = {"AWS_ACCESS_KEY_ID": KEY_ID, "AWS_SECRET_ACCESS_KEY": SECRET}

# Things an ini library rewriting the file would lose or change.
AWKWARD_CONFIG = (
    "# my aws config -- keep this comment\n"
    "; and this one\n"
    "[default]\n"
    "region=eu-west-1\n"
    "output   =   json   \n"
    "\n"
    "[profile dev]\n"
    "region = us-east-1 ; inline comment\n"
    "s3 =\n"
    "    max_concurrent_requests = 20\n"
    "    addressing_style = path\n"
    "\n"
    "\n"
    "[sso-session corp]\n"
    "sso_start_url = https://corp.awsapps.com/start#/\n"
    "[profile   spaced]\n"
    "\tRole_Arn =arn:aws:iam::111111111111:role/x\n"
    "mfa_serial=arn:aws:iam::111111111111:mfa/me"  # no newline at the end of the file
)


def add_env(cli, *args: str, env: dict[str, str] | None = None):
    return cli("add", "--env", *args, env={**KEYS_ENV, **(env or {})})


def test_add_env_prints_exactly_the_confirmation(cli):
    result = add_env(cli, "foo")
    assert result.returncode == 0, result.stderr
    assert result.stdout == 'Added credentials to profile "foo" in vault\n'
    assert "error" not in result.stderr


def test_add_env_stores_the_keys(cli):
    assert add_env(cli, "foo").returncode == 0

    listed = cli("list", "--credentials")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout == "foo\n"

    stored = stored_json("foo")
    assert stored["accesskeyid"] == KEY_ID
    assert stored["secretaccesskey"] == SECRET
    assert not stored.get("sessiontoken")


def test_add_env_trims_whitespace_around_the_keys(cli):
    result = cli(
        "add", "--env", "foo",
        env={"AWS_ACCESS_KEY_ID": f"  {KEY_ID}\n", "AWS_SECRET_ACCESS_KEY": f"\t{SECRET} "},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    stored = stored_json("foo")
    assert (stored["accesskeyid"], stored["secretaccesskey"]) == (KEY_ID, SECRET)


def test_add_store_files_are_private(cli):
    assert add_env(cli, "foo").returncode == 0
    directory = store_dir()
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    files = [path for path in directory.iterdir() if path.is_file()]
    assert [path.name for path in files] == ["foo"]
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    assert SECRET.encode() not in files[0].read_bytes()  # encrypted, not plain JSON


def test_add_creates_a_missing_config_with_the_profile(cli, config_file: Path):
    assert not config_file.exists()
    assert add_env(cli, "foo").returncode == 0
    assert config_file.read_text() == "[profile foo]\n"


def test_add_appends_the_profile_and_keeps_every_existing_byte(cli, config_file: Path):
    config_file.write_text(AWKWARD_CONFIG)
    before = config_file.read_bytes()

    result = add_env(cli, "foo")

    assert result.returncode == 0, result.stderr
    after = config_file.read_bytes()
    assert after.startswith(before)
    assert after[len(before) :].lstrip(b"\n") == b"[profile foo]\n"
    # The file did not end with a newline: the new section still starts on a line of its own.
    assert after[len(before) :].startswith(b"\n")
    assert after.endswith((b"mfa/me\n\n[profile foo]\n", b"mfa/me\n[profile foo]\n"))
    assert after.count(b"[profile foo]") == 1


def test_add_appends_after_a_config_that_ends_with_a_newline(cli, config_file: Path):
    original = "[profile dev]\nregion = us-east-1\n"
    config_file.write_text(original)
    assert add_env(cli, "foo").returncode == 0
    text = config_file.read_text()
    assert text.startswith(original)
    assert text[len(original) :].lstrip("\n") == "[profile foo]\n"
    assert "\n[profile foo]\n" in text


def test_add_keeps_the_config_file_mode(cli, config_file: Path):
    config_file.write_text("[profile dev]\n")
    config_file.chmod(0o640)
    assert add_env(cli, "foo").returncode == 0
    assert stat.S_IMODE(config_file.stat().st_mode) == 0o640


def test_add_does_not_touch_the_config_when_the_profile_exists(cli, config_file: Path):
    config_file.write_text(AWKWARD_CONFIG)
    before = config_file.read_bytes()
    assert add_env(cli, "dev").returncode == 0
    assert add_env(cli, "spaced").returncode == 0
    assert config_file.read_bytes() == before


def test_add_twice_appends_the_section_once(cli, config_file: Path):
    assert add_env(cli, "foo").returncode == 0
    assert add_env(cli, "foo").returncode == 0
    assert config_file.read_text() == "[profile foo]\n"


def test_no_add_config_leaves_an_existing_config_untouched(cli, config_file: Path):
    config_file.write_text(AWKWARD_CONFIG)
    before = config_file.read_bytes()
    mtime = config_file.stat().st_mtime_ns

    result = add_env(cli, "--no-add-config", "foo")

    assert result.returncode == 0, result.stderr
    assert result.stdout == 'Added credentials to profile "foo" in vault\n'
    assert config_file.read_bytes() == before
    assert config_file.stat().st_mtime_ns == mtime
    assert stored_keys() == ["foo"]


def test_no_add_config_creates_no_config(cli, config_file: Path):
    assert add_env(cli, "foo", "--no-add-config").returncode == 0
    assert not config_file.exists()


def test_add_default_appends_a_default_section(cli, config_file: Path):
    config_file.write_text("[profile dev]\nregion = us-east-1\n")
    result = add_env(cli, "default")
    assert result.returncode == 0, result.stderr
    assert result.stdout == 'Added credentials to profile "default" in vault\n'
    text = config_file.read_text()
    assert text.endswith("\n[default]\n")
    assert "[profile default]" not in text


def test_add_default_when_default_section_exists(cli, config_file: Path):
    config_file.write_text("[default]\noutput = json\n")
    before = config_file.read_bytes()
    assert add_env(cli, "default").returncode == 0
    assert config_file.read_bytes() == before
    assert stored_keys() == ["default"]


def test_add_refuses_a_profile_with_source_profile(cli, config_file: Path):
    config_file.write_text(
        "[profile base]\nregion = us-east-1\n[profile child]\nsource_profile = base\n"
    )
    before = config_file.read_bytes()

    result = add_env(cli, "child")

    assert result.returncode == 3
    assert result.stdout == ""
    assert_one_error(result.stderr, "source_profile", "base", "child")
    assert stored_keys() == []
    assert config_file.read_bytes() == before


def test_add_source_profile_check_reads_only_the_profiles_own_section(cli, config_file: Path):
    # A source_profile that only [default] has does not make `add` refuse another profile.
    config_file.write_text("[default]\nsource_profile = base\n[profile base]\n")
    result = add_env(cli, "base")
    assert result.returncode == 0, result.stderr
    assert stored_keys() == ["base"]


@pytest.mark.parametrize(
    ("missing", "present"),
    [
        ("AWS_SECRET_ACCESS_KEY", {"AWS_ACCESS_KEY_ID": KEY_ID}),
        ("AWS_ACCESS_KEY_ID", {"AWS_SECRET_ACCESS_KEY": SECRET}),
    ],
)
def test_add_env_with_a_missing_variable_is_a_usage_error(cli, config_file, missing, present):
    result = cli("add", "--env", "foo", env=present)
    assert result.returncode == 2
    assert result.stdout == ""
    assert_one_error(result.stderr, missing)
    assert stored_keys() == []
    assert not config_file.exists()


def test_add_env_with_an_empty_secret_is_a_usage_error(cli):
    env = {"AWS_ACCESS_KEY_ID": KEY_ID, "AWS_SECRET_ACCESS_KEY": ""}
    result = cli("add", "--env", "foo", env=env)
    assert result.returncode == 2
    assert_one_error(result.stderr, "AWS_SECRET_ACCESS_KEY")
    assert stored_keys() == []


def test_add_without_env_and_without_a_terminal_points_at_env(cli, config_file: Path):
    # Keys in the environment are not used unless --env is given.
    result = cli("add", "foo", env=KEYS_ENV, input=f"{KEY_ID}\n{SECRET}\n")
    assert result.returncode == 2
    assert result.stdout == ""
    assert_one_error(result.stderr)
    hints = [line for line in result.stderr.splitlines() if line.startswith("hint: ")]
    assert len(hints) == 1 and "--env" in hints[0], result.stderr
    assert stored_keys() == []
    assert not config_file.exists()


def test_add_requires_a_profile_argument(cli):
    result = add_env(cli)
    assert result.returncode == 2
    assert_one_error(result.stderr, "PROFILE")


def test_add_on_a_terminal_prompts_and_does_not_echo_the_secret(config_file: Path):
    child = spawn("add", "foo")
    child.expect_exact("Enter Access Key ID: ")
    seen = child.before
    child.sendline(KEY_ID)
    child.expect_exact("Enter Secret Access Key: ")
    seen += child.before + child.after
    child.sendline(SECRET)
    status, rest = finish(child)
    seen += rest

    assert status == 0, seen
    assert 'Added credentials to profile "foo" in vault' in rest
    assert KEY_ID in seen  # the key id is echoed as typed ...
    assert SECRET not in seen  # ... the secret is not
    stored = stored_json("foo")
    assert (stored["accesskeyid"], stored["secretaccesskey"]) == (KEY_ID, SECRET)
    assert config_file.read_text() == "[profile foo]\n"


def test_add_on_a_terminal_trims_the_answers():
    child = spawn("add", "foo")
    child.expect_exact("Enter Access Key ID: ")
    child.sendline(f"  {KEY_ID}  ")
    child.expect_exact("Enter Secret Access Key: ")
    child.sendline(f" {SECRET}\t")
    status, _ = finish(child)
    assert status == 0
    stored = stored_json("foo")
    assert (stored["accesskeyid"], stored["secretaccesskey"]) == (KEY_ID, SECRET)


def test_add_on_a_terminal_with_an_empty_secret_stores_nothing():
    child = spawn("add", "foo")
    child.expect_exact("Enter Access Key ID: ")
    child.sendline(KEY_ID)
    child.expect_exact("Enter Secret Access Key: ")
    child.sendline("")
    status, rest = finish(child)
    assert status == 2, rest
    assert "aws-vault: error:" in rest
    assert stored_keys() == []


def test_add_on_a_terminal_interrupted_stores_nothing(config_file: Path):
    child = spawn("add", "foo")
    child.expect_exact("Enter Access Key ID: ")
    child.sendline(KEY_ID)
    child.expect_exact("Enter Secret Access Key: ")
    child.sendintr()
    status, rest = finish(child)
    assert status == 130, rest
    assert "Traceback" not in rest
    assert stored_keys() == []
    assert not config_file.exists()


def test_add_asks_for_the_file_passphrase_on_the_terminal(cli):
    # Without AWS_VAULT_FILE_PASSPHRASE the file backend asks on the terminal, without echo.
    env = {k: v for k, v in os.environ.items() if k != "AWS_VAULT_FILE_PASSPHRASE"}
    env.update(KEYS_ENV)
    child = pexpect.spawn(
        EXECUTABLE, ["add", "--env", "foo"], env=env, encoding="utf-8", timeout=30
    )
    child.expect_exact("Enter passphrase to unlock")
    child.sendline("typed passphrase")
    status, rest = finish(child)
    assert status == 0, rest
    assert "typed passphrase" not in rest
    assert stored_json("foo", passphrase="typed passphrase")["secretaccesskey"] == SECRET


def test_add_without_a_passphrase_and_without_a_terminal_is_a_store_error(cli):
    result = cli("add", "--env", "foo", env={**KEYS_ENV, "AWS_VAULT_FILE_PASSPHRASE": ""})
    # An empty passphrase counts as set (as in the Go aws-vault): this works ...
    assert result.returncode == 0, result.stderr
    env = {k: v for k, v in os.environ.items() if k != "AWS_VAULT_FILE_PASSPHRASE"}
    done = subprocess.run(
        [EXECUTABLE, "add", "--env", "bar"],
        env={**env, **KEYS_ENV},
        capture_output=True,
        text=True,
        start_new_session=True,
        timeout=60,
        check=False,
    )
    # ... while an unset one needs a terminal.
    assert done.returncode == 5
    assert_one_error(done.stderr)
    assert "AWS_VAULT_FILE_PASSPHRASE" in done.stderr
    assert "bar" not in stored_keys()


def test_re_adding_deletes_the_profiles_cached_sessions(cli):
    assert add_env(cli, "foo").returncode == 0
    own = put_session("foo", 3600)
    own_role = put_session("foo", 1800, kind="sts.AssumeRole")
    other = put_session("bar", 3600)

    result = add_env(cli, "foo", env={"AWS_SECRET_ACCESS_KEY": "a-new-secret"})

    assert result.returncode == 0, result.stderr
    assert result.stdout == 'Added credentials to profile "foo" in vault\n'
    assert "Deleted 2 existing sessions." in result.stderr
    keys = stored_keys()
    assert own not in keys and own_role not in keys
    assert other in keys
    assert stored_json("foo")["secretaccesskey"] == "a-new-secret"


def test_adding_without_sessions_says_nothing_about_sessions(cli):
    put_session("bar", 3600)
    result = add_env(cli, "foo")
    assert result.returncode == 0
    assert "session" not in result.stderr.lower()


def test_add_replaces_existing_keys(cli):
    put_credentials("foo", "AKIAOLD000000000", "old-secret")
    result = add_env(cli, "foo")
    assert result.returncode == 0, result.stderr
    assert stored_json("foo")["accesskeyid"] == KEY_ID
    assert stored_keys() == ["foo"]


def _private_null_device(tmp_path: Path) -> Path | None:
    """A character device that reads as empty: our own node when we may create one, else
    /dev/null when we cannot replace it anyway (not root)."""
    node = tmp_path / "null-device"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        return node
    except (PermissionError, OSError):
        pass
    if os.geteuid() != 0:
        return Path("/dev/null")
    return None


def test_add_never_replaces_a_config_that_is_a_device(cli, tmp_path: Path):
    device = _private_null_device(tmp_path)
    if device is None:
        pytest.skip("cannot create a device node, and /dev/null must not be risked as root")
    result = add_env(cli, "foo", env={"AWS_CONFIG_FILE": str(device)})
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(device.stat().st_mode)
    assert "not a regular file" in result.stderr
    assert stored_keys() == ["foo"]


def test_add_keys_are_not_on_stdout_or_stderr(cli):
    result = add_env(cli, "foo")
    assert SECRET not in result.stdout + result.stderr
    assert KEY_ID not in result.stdout + result.stderr


def test_add_debug_does_not_change_stdout(cli):
    result = cli("--debug", "add", "--env", "foo", env=KEYS_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout == 'Added credentials to profile "foo" in vault\n'
    assert snapshot(store_dir()).keys() == {"foo"}


@pytest.mark.parametrize(
    "name",
    ["", " ", " padded", ".", "..", "x]", "[x", "a\nb", "oidc:https://x", "dev session (123)",
     "sts.GetSessionToken,Zm9v,,9999999999"],
)  # fmt: skip
def test_add_refuses_names_that_cannot_round_trip(cli, config_file: Path, name):
    config_file.write_text("[profile dev]\n")
    before = config_file.read_bytes()
    result = add_env(cli, name)
    assert result.returncode == 2, result.stderr
    assert_one_error(result.stderr, "profile name")
    assert stored_keys() == []
    assert config_file.read_bytes() == before


@pytest.mark.parametrize("name", ["team/dev", "a b", "prod.eu", "x%2Fy"])
def test_add_accepts_unusual_but_valid_names(cli, name):
    result = add_env(cli, name)
    assert result.returncode == 0, result.stderr
    assert cli("list", "--credentials").stdout == f"{name}\n"
    assert stored_json(name)["secretaccesskey"] == SECRET
    removed = cli("remove", "-f", name)
    assert removed.returncode == 0, removed.stderr
    assert stored_keys() == []
