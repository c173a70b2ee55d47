"""exec and export against a local STS (moto), with real clients reading what we produce."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import boto3
import pytest

from tests.conftest import run_cli

AWS_CLI = str(Path(sys.executable).parent / "aws")
ROLE = "arn:aws:iam::123456789012:role/admin"
MFA = "arn:aws:iam::123456789012:mfa/alice"
IDENTITY = [sys.executable, "-c", "import boto3; print(boto3.client('sts', region_name='us-east-1').get_caller_identity()['Arn'])"]


def iam_user(sts, name: str = "alice") -> tuple[str, str]:
    iam = boto3.client(
        "iam", endpoint_url=sts.url, region_name="us-east-1",
        aws_access_key_id="testing", aws_secret_access_key="testing",
    )  # fmt: skip
    try:
        iam.create_user(UserName=name)
    except iam.exceptions.EntityAlreadyExistsException:
        pass
    key = iam.create_access_key(UserName=name)["AccessKey"]
    return key["AccessKeyId"], key["SecretAccessKey"]


@pytest.fixture
def alice(sts, config_file: Path) -> tuple[str, str]:
    key_id, secret = iam_user(sts)
    done = run_cli("add", "--env", "alice", "--no-add-config",
                   env={"AWS_ACCESS_KEY_ID": key_id, "AWS_SECRET_ACCESS_KEY": secret})  # fmt: skip
    assert done.returncode == 0, done.stderr
    return key_id, secret


def write_config(config_file: Path, text: str) -> None:
    config_file.write_text(text)


def mfa_counter(tmp_path: Path) -> tuple[str, Path]:
    counter = tmp_path / "mfa-count"
    return f"sh -c 'echo x >> {counter}; echo 123456'", counter


def prompts(counter: Path) -> int:
    return len(counter.read_text().splitlines()) if counter.exists() else 0


def test_exec_master_without_session_gives_the_users_own_keys(alice):
    done = run_cli("exec", "alice", "--no-session", "--", *IDENTITY)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "arn:aws:iam::123456789012:user/alice"


def test_exec_master_uses_a_cached_session(alice, sts):
    first = run_cli("exec", "alice", "--", "sh", "-c", "echo $AWS_SESSION_TOKEN")
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip()
    assert len(sts.calls("GetSessionToken")) == 1
    second = run_cli("exec", "alice", "--", "sh", "-c", "echo $AWS_SESSION_TOKEN")
    assert second.stdout == first.stdout
    assert len(sts.calls("GetSessionToken")) == 1  # the second exec made no STS call


def test_exec_role_profile_reported_by_the_aws_cli(alice, sts, config_file):
    write_config(config_file, f"[profile alice]\n[profile admin]\nsource_profile=alice\nrole_arn={ROLE}\nrole_session_name=alice-sess\n")
    done = run_cli("exec", "admin", "--", AWS_CLI, "sts", "get-caller-identity", "--output", "json", "--region", "us-east-1")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["Arn"] == "arn:aws:sts::123456789012:assumed-role/admin/alice-sess"
    again = run_cli("exec", "admin", "--", *IDENTITY)
    assert again.stdout.strip().endswith("assumed-role/admin/alice-sess")
    assert len(sts.calls("AssumeRole")) == 1  # role credentials are cached without MFA too


def test_role_chain_assumes_each_role_in_order(alice, sts, config_file):
    write_config(
        config_file,
        f"[profile alice]\n[profile first]\nsource_profile=alice\nrole_arn=arn:aws:iam::123456789012:role/first\n"
        f"[profile second]\nsource_profile=first\nrole_arn=arn:aws:iam::123456789012:role/second\n"
        "role_session_name=chained\n",
    )
    done = run_cli("exec", "second", "--", *IDENTITY)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("assumed-role/second/chained")
    assert [c["RoleArn"].rsplit("/", 1)[1] for c in sts.calls("AssumeRole")] == ["first", "second"]


def test_one_mfa_prompt_and_one_session_for_three_roles(alice, sts, config_file, tmp_path):
    process, counter = mfa_counter(tmp_path)
    roles = "".join(
        f"[profile role{i}]\nsource_profile=alice\nrole_arn=arn:aws:iam::123456789012:role/r{i}\n"
        f"mfa_serial={MFA}\n" for i in (1, 2, 3)
    )
    write_config(config_file, f"[profile alice]\nmfa_serial={MFA}\nmfa_process={process}\n{roles}")
    for i in (1, 2, 3):
        done = run_cli("exec", f"role{i}", "--", *IDENTITY)
        assert done.returncode == 0, done.stderr
        assert f"assumed-role/r{i}/" in done.stdout
    assert prompts(counter) == 1
    sessions = sts.calls("GetSessionToken")
    assert len(sessions) == 1
    assert sessions[0]["SerialNumber"] == MFA and sessions[0]["TokenCode"] == "123456"
    assert all("SerialNumber" not in call for call in sts.calls("AssumeRole"))  # chained MFA
    listing = run_cli("list")
    assert "sts.GetSessionToken:" in listing.stdout


def test_no_session_skips_get_session_token(alice, sts):
    done = run_cli("export", "alice", "--no-session", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["AccessKeyId"] == alice[0]
    assert "SessionToken" not in json.loads(done.stdout)
    assert sts.calls("GetSessionToken") == []


def test_assume_role_request_carries_every_setting(alice, sts, config_file):
    write_config(
        config_file,
        f"[profile alice]\n[profile tagged]\nsource_profile=alice\nrole_arn={ROLE}\n"
        "external_id=ext-123\nrole_session_name=tagged-sess\nduration_seconds=1800\n"
        "session_tags = team = blue , env=dev\ntransitive_session_tags = team\n"
        "source_identity=alice-id\n",
    )
    done = run_cli("export", "tagged", "--format", "json")
    assert done.returncode == 0, done.stderr
    (call,) = sts.calls("AssumeRole")
    assert call["ExternalId"] == "ext-123"
    assert call["RoleSessionName"] == "tagged-sess"
    assert call["DurationSeconds"] == "1800"
    assert call["SourceIdentity"] == "alice-id"
    tags = {call[f"Tags.member.{i}.Key"]: call[f"Tags.member.{i}.Value"] for i in (1, 2)}
    assert tags == {"team": "blue", "env": "dev"}
    assert call["TransitiveTagKeys.member.1"] == "team"


def test_web_identity_token_file(sts, config_file, tmp_path):
    token = tmp_path / "token"
    token.write_text("eyJ.web.token\n")
    write_config(config_file, f"[profile web]\nrole_arn={ROLE}\nweb_identity_token_file={token}\nrole_session_name=web\n")
    done = run_cli("exec", "web", "--", *IDENTITY)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("assumed-role/admin/web")
    assert sts.calls("AssumeRoleWithWebIdentity")[0]["WebIdentityToken"] == "eyJ.web.token"


def test_web_identity_token_process(sts, config_file):
    write_config(config_file, f"[profile web]\nrole_arn={ROLE}\nweb_identity_token_process=echo from-process\n")
    done = run_cli("export", "web", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert sts.calls("AssumeRoleWithWebIdentity")[0]["WebIdentityToken"] == "from-process"


def test_credential_process_with_long_term_keys(config_file):
    output = json.dumps({"Version": 1, "AccessKeyId": "AKIAPROCESS", "SecretAccessKey": "s3cr3t"})
    write_config(config_file, f"[profile proc]\ncredential_process=echo '{output}'\n")
    done = run_cli("export", "proc", "--format", "env")
    assert done.returncode == 0, done.stderr
    assert "AWS_ACCESS_KEY_ID=AKIAPROCESS\n" in done.stdout
    assert "AWS_SESSION_TOKEN" not in done.stdout


def test_boto3_reads_export_as_credential_process(alice, sts, config_file, tmp_path):
    write_config(config_file, f"[profile alice]\n[profile admin]\nsource_profile=alice\nrole_arn={ROLE}\nrole_session_name=sdk\n")
    # The SDK reads its own config file; aws-vault is told where ours is on its command line.
    sdk_config = tmp_path / "sdk-config"
    sdk_config.write_text(
        "[profile viavault]\ncredential_process = "
        f"env AWS_CONFIG_FILE={config_file} {sys.executable} -m aws_vault export --format=json admin\n"
    )
    script = "import boto3; print(boto3.Session(profile_name='viavault').client('sts').get_caller_identity()['Arn'])"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False,
        env={**os.environ, "AWS_CONFIG_FILE": str(sdk_config), "AWS_DEFAULT_REGION": "us-east-1"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "arn:aws:sts::123456789012:assumed-role/admin/sdk"


def test_twenty_parallel_exports_share_one_session_and_one_prompt(alice, sts, config_file, tmp_path):
    process, counter = mfa_counter(tmp_path)
    write_config(config_file, f"[profile alice]\nmfa_serial={MFA}\nmfa_process={process}\n")
    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(lambda _: run_cli("export", "alice", "--format", "json"), range(20)))
    assert all(r.returncode == 0 for r in results), [r.stderr for r in results if r.returncode]
    assert len({json.loads(r.stdout)["SessionToken"] for r in results}) == 1
    assert len(sts.calls("GetSessionToken")) == 1
    assert prompts(counter) == 1


def test_expired_cache_is_renewed_when_below_min_ttl(alice, sts):
    assert run_cli("export", "alice", "-d", "15m").returncode == 0
    assert len(sts.calls("GetSessionToken")) == 1
    done = run_cli("export", "alice", env={"AWS_MIN_TTL": "20m"})
    assert done.returncode == 0, done.stderr
    assert len(sts.calls("GetSessionToken")) == 2


def test_exec_returns_the_childs_status_and_signals(alice):
    assert run_cli("exec", "alice", "-n", "--", "sh", "-c", "exit 7").returncode == 7
    done = subprocess.run(
        ["bash", "-c", f"{sys.executable} -m aws_vault exec alice -n -- sh -c 'kill -TERM $$'; echo status=$?"],
        capture_output=True, text=True, check=False, start_new_session=True,
    )  # fmt: skip
    assert "status=143" in done.stdout


def test_exec_without_command_starts_the_shell_with_a_banner(alice, tmp_path):
    shell = tmp_path / "myshell"
    shell.write_text("#!/bin/sh\necho \"in subshell as $AWS_VAULT\"\n")
    shell.chmod(0o755)
    done = run_cli("exec", "alice", "-n", env={"SHELL": str(shell)})
    assert done.stdout.strip() == "in subshell as alice"
    assert f"Starting subshell {shell}" in done.stderr


def test_exec_environment_sets_and_clears_variables(alice, config_file):
    write_config(config_file, "[profile alice]\nregion=eu-west-1\n")
    probe = "env | grep -E '^AWS_' | sort"
    done = run_cli("exec", "alice", "--", "sh", "-c", probe,
                   env={"AWS_PROFILE": "stale", "AWS_SECURITY_TOKEN": "old", "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://x"})  # fmt: skip
    names = dict(line.split("=", 1) for line in done.stdout.splitlines())
    assert names["AWS_VAULT"] == "alice"
    assert names["AWS_REGION"] == names["AWS_DEFAULT_REGION"] == "eu-west-1"
    assert names["AWS_CREDENTIAL_EXPIRATION"] == names["AWS_SESSION_EXPIRATION"]
    assert "AWS_SESSION_TOKEN" in names
    for gone in ("AWS_PROFILE", "AWS_SECURITY_TOKEN", "AWS_CONTAINER_CREDENTIALS_FULL_URI"):
        assert gone not in names


def test_nested_exec_is_refused_with_the_active_profile(alice):
    done = run_cli("exec", "alice", "--", "true", env={"AWS_VAULT": "other"})
    assert done.returncode == 1
    assert "'other'" in done.stderr and "exit" in done.stderr


def test_export_env_formats_are_eval_safe(alice):
    done = run_cli("export", "alice", "-n", "--format", "export-env")
    assert done.stdout.startswith(f"export AWS_ACCESS_KEY_ID={alice[0]}\n")
    evaluated = subprocess.run(
        ["sh", "-c", f'eval "$1"; printf %s "$AWS_SECRET_ACCESS_KEY"', "sh", done.stdout],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert evaluated.stdout == alice[1]


def test_export_ini_golden(alice):
    done = run_cli("export", "--format=ini", "--no-session", "alice")
    assert done.stdout == f"[alice]\naws_access_key_id={alice[0]}\naws_secret_access_key={alice[1]}\n"


def test_clear_removes_the_sessions_of_the_profile_and_its_source(alice, sts, config_file):
    write_config(config_file, f"[profile alice]\nmfa_serial={MFA}\n[profile admin]\nsource_profile=alice\nrole_arn={ROLE}\nmfa_serial={MFA}\n")
    assert run_cli("export", "admin", "-t", "123456").returncode == 0
    done = run_cli("clear", "admin")
    assert done.stdout == "Cleared 2 sessions.\n"
    assert "sts." not in run_cli("list", "--sessions").stdout
    assert run_cli("list", "--credentials").stdout == "alice\n"  # long-term keys kept


def test_clear_all(alice, sts):
    assert run_cli("export", "alice").returncode == 0
    assert run_cli("clear").stdout == "Cleared 1 sessions.\n"


# -- bad input: one clear line, the documented exit code, nothing lost ---------------------

def store_listing(home: Path) -> list[str]:
    return sorted(os.listdir(home / ".awsvault" / "keys"))


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("credential_process=sh -c 'exit 3'", "failed with exit status 3"),
        ("credential_process=echo Junk", "invalid JSON format"),
        ("credential_process=echo '{\"Version\": 1}'", "missing the following fields: AccessKeyId, SecretAccessKey"),
        (f"role_arn={ROLE}\nweb_identity_token_file=/nonexistent/token", "cannot read web_identity_token_file"),
    ],
)
def test_bad_credential_sources(alice, config_file, isolated_env, setting, message):
    write_config(config_file, f"[profile alice]\n[profile bad]\n{setting}\n")
    before = store_listing(isolated_env)
    done = run_cli("export", "bad")
    assert done.returncode == 4
    assert done.stdout == ""
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert store_listing(isolated_env) == before


def test_wrong_mfa_code_is_an_aws_error_and_keeps_the_cache(alice, sts, config_file, isolated_env):
    write_config(config_file, f"[profile alice]\nmfa_serial={MFA}\n")
    sts.valid_mfa_code = "654321"
    before = store_listing(isolated_env)
    done = run_cli("export", "alice", "-t", "123456")
    assert done.returncode == 6
    assert "MultiFactorAuthentication failed" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert store_listing(isolated_env) == before
    assert run_cli("export", "alice", "-t", "654321").returncode == 0


def test_unknown_profile(alice):
    done = run_cli("exec", "nope", "--", "true")
    assert done.returncode == 3
    assert "'nope'" in done.stderr and "not found" in done.stderr


def test_profile_without_any_credentials(config_file):
    write_config(config_file, "[profile empty]\nregion=us-east-1\n")
    done = run_cli("export", "empty")
    assert done.returncode == 4
    assert "credentials missing" in done.stderr


def test_mfa_needed_without_terminal_is_a_clear_error(alice, config_file):
    write_config(config_file, f"[profile alice]\nmfa_serial={MFA}\n")
    done = run_cli("export", "alice")
    assert done.returncode != 0
    assert "no terminal" in done.stderr and "--mfa-token" in done.stderr


def test_services_section_redirects_sts(alice, sts, config_file, monkeypatch):
    monkeypatch.delenv("AWS_ENDPOINT_URL")
    write_config(
        config_file,
        f"[profile alice]\nservices = local\n[services local]\nsts =\n  endpoint_url = {sts.url}\n",
    )
    done = run_cli("export", "alice", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert len(sts.calls("GetSessionToken")) == 1


def test_service_specific_environment_beats_the_config_file(alice, sts, config_file, monkeypatch):
    monkeypatch.delenv("AWS_ENDPOINT_URL")
    monkeypatch.setenv("AWS_ENDPOINT_URL_STS", sts.url)
    write_config(config_file, "[profile alice]\nendpoint_url = http://127.0.0.1:9\n")
    done = run_cli("export", "alice", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert len(sts.calls("GetSessionToken")) == 1
