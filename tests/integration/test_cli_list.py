"""`aws-vault list` (alias `ls`) through the real executable (contract §2, reference §1.4)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.integration.helpers import put_credentials, put_oidc_token, put_session

HEADER = ["Profile", "Credentials", "Sessions"]
RULE = ["=======", "===========", "========"]
LIVE_GST = re.compile(r"^sts\.GetSessionToken:(59m[0-5]\ds|1h0m0s)$")

SSO_CONFIG = """\
[sso-session my-sso]
sso_start_url = https://example.awsapps.com/start
sso_region = us-east-1

[profile sso-profile]
sso_session = my-sso
sso_account_id = 111111111111
sso_role_name = Admin

[profile no-creds-profile]
sso_session = my-sso
sso_account_id = 222222222222
sso_role_name = ReadOnly

[profile legacy-sso]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-east-1
sso_account_id = 333333333333
sso_role_name = Admin

[profile plain]
region = eu-west-1
"""


def table(stdout: str) -> list[list[str]]:
    """The table as rows of cells; cells never contain spaces except ", " between labels."""
    rows = []
    for line in stdout.splitlines():
        cells = [cell.strip() for cell in re.split(r"\s{2,}", line.strip())]
        rows.append(cells)
    return rows


def column_starts(line: str) -> list[int]:
    return [match.start() for match in re.finditer(r"(?:^|(?<=\s\s))\S", line)]


def test_list_table_header_rows_and_orphan_credentials(cli, config_file: Path):
    config_file.write_text("[profile zeta]\n[profile alpha]\nregion = x\n[profile mid]\n")
    put_credentials("alpha")
    put_credentials("orphan")

    result = cli("list")

    assert result.returncode == 0, result.stderr
    assert table(result.stdout) == [
        HEADER,
        RULE,
        ["zeta", "-", "-"],
        ["alpha", "alpha", "-"],
        ["mid", "-", "-"],
        ["-", "orphan", "-"],
    ]


def test_list_table_layout_is_tabwriter_like(cli, config_file: Path):
    # Go tabwriter, minwidth 25, padding 2 (trailing padding may be trimmed).
    config_file.write_text("[profile a]\n[profile b]\n")
    put_credentials("a")
    result = cli("list")
    assert [line.rstrip() for line in result.stdout.splitlines()] == [
        "Profile                  Credentials              Sessions",
        "=======                  ===========              ========",
        "a                        a                        -",
        "b                        -                        -",
    ]
    assert result.stdout.endswith("\n")
    assert result.stderr == ""


def test_list_table_columns_grow_with_long_names(cli, config_file: Path):
    long_name = "a-rather-long-profile-name-for-the-table"
    config_file.write_text(f"[profile a]\n[profile {long_name}]\n")
    put_credentials(long_name)
    lines = [line.rstrip() for line in cli("list").stdout.splitlines()]
    starts = {tuple(column_starts(line)) for line in lines}
    assert len(starts) == 1, lines  # every row lines up
    ((first, second, third),) = starts
    assert first == 0
    assert second == len(long_name) + 2
    assert third - second == len(long_name) + 2
    assert lines[3] == f"{long_name}  {long_name}  -"


def test_list_with_nothing_at_all(cli):
    result = cli("list")
    assert result.returncode == 0, result.stderr
    assert table(result.stdout) == [HEADER, RULE]


def test_ls_is_an_alias(cli, config_file: Path):
    config_file.write_text("[profile a]\n")
    put_credentials("a")
    assert cli("ls").stdout == cli("list").stdout
    assert table(cli("ls").stdout)[2] == ["a", "a", "-"]


def test_list_shows_live_sessions_on_their_profiles_row(cli, config_file: Path):
    config_file.write_text("[profile a]\n[profile b]\n")
    put_credentials("a")
    put_session("a", 3600)
    put_session("b", -60)  # expired: not shown
    put_session("gone", -3600)  # expired, no profile: not shown either

    result = cli("list")

    assert result.returncode == 0, result.stderr
    rows = table(result.stdout)
    assert len(rows) == 4, result.stdout
    assert rows[2][:2] == ["a", "a"]
    assert LIVE_GST.match(rows[2][2]), rows[2]
    assert rows[3] == ["b", "-", "-"]
    assert result.stdout.count("GetSessionToken") == 1  # the expired ones are nowhere


def test_list_shows_several_sessions_of_one_profile(cli, config_file: Path):
    config_file.write_text("[profile a]\n")
    put_session("a", 3600)
    put_session("a", 7200, kind="sts.AssumeRole")
    rows = table(cli("list").stdout)
    labels = rows[2][2].split(", ")
    kinds = sorted(label.split(":")[0] for label in labels)
    assert kinds == ["sts.AssumeRole", "sts.GetSessionToken"]
    assert any(re.fullmatch(r"sts\.AssumeRole:(1h59m[0-5]\ds|2h0m0s)", label) for label in labels)


def test_list_shows_sessions_of_unknown_profiles_on_extra_rows(cli, config_file: Path):
    config_file.write_text("[profile a]\n")
    put_session("elsewhere", 3600)
    rows = table(cli("list").stdout)
    assert rows[2] == ["a", "-", "-"]
    assert rows[3][:2] == ["-", "-"]
    assert LIVE_GST.match(rows[3][2]), rows
    assert len(rows) == 4


def test_list_never_shows_expired_sessions(cli):
    put_session("a", -1)
    put_session("a", -86400, kind="sts.AssumeRole")
    assert table(cli("list").stdout) == [HEADER, RULE]
    assert cli("list", "--sessions").stdout == ""


def test_list_profiles_one_per_line_in_config_order(cli, config_file: Path):
    config_file.write_text(
        "[default]\noutput = json\n"  # nothing aws-vault reads: not a profile of its own
        "[profile zeta]\n[sso-session s]\nsso_start_url = https://x\n[profile alpha]\n"
        "[not-a-profile]\n"
    )
    put_credentials("orphan")
    result = cli("list", "--profiles")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "zeta\nalpha\n"


def test_list_profiles_includes_a_default_with_settings(cli, config_file: Path):
    config_file.write_text("[default]\nregion = eu-west-1\n[profile a]\n")
    assert cli("list", "--profiles").stdout == "default\na\n"


def test_list_profiles_needs_no_secret_store(cli, config_file: Path, tmp_path: Path):
    config_file.write_text("[profile a]\n")
    not_a_directory = tmp_path / "not-a-directory"
    not_a_directory.write_text("")
    broken_store = {"AWS_VAULT_FILE_DIR": str(not_a_directory)}
    # The store cannot even be listed ...
    assert cli("list", "--credentials", env=broken_store).returncode == 5
    # ... and the profile names do not need it.
    result = cli("list", "--profiles", env=broken_store)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "a\n"


def test_list_credentials_one_per_line(cli, config_file: Path):
    config_file.write_text("[profile a]\n")
    put_credentials("b")
    put_credentials("a")
    put_session("a", 3600)
    put_oidc_token("https://example.awsapps.com/start")
    result = cli("list", "--credentials")
    assert result.returncode == 0, result.stderr
    assert sorted(result.stdout.splitlines()) == ["a", "b"]
    assert result.stdout.endswith("\n")


def test_list_sessions_one_per_line(cli):
    put_credentials("a")
    put_session("a", 3600)
    put_session("b", -60)
    result = cli("list", "--sessions")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and LIVE_GST.match(lines[0]), result.stdout


def test_list_with_nothing_prints_nothing_for_the_name_modes(cli):
    for flag in ("--profiles", "--credentials", "--sessions"):
        result = cli("list", flag)
        assert result.returncode == 0, result.stderr
        assert result.stdout == "", flag


def test_list_credentials_wins_over_other_flags(cli, config_file: Path):
    config_file.write_text("[profile p]\n")
    put_credentials("c")
    assert cli("list", "--profiles", "--credentials").stdout == "c\n"
    assert cli("list", "--sessions", "--profiles").stdout == "p\n"


def test_list_sso_token_label_on_every_profile_of_the_sso_session(cli, config_file: Path):
    config_file.write_text(SSO_CONFIG)
    put_credentials("sso-profile")
    put_oidc_token("https://example.awsapps.com/start")

    result = cli("list")

    assert result.returncode == 0, result.stderr
    assert table(result.stdout) == [
        HEADER,
        RULE,
        ["sso-profile", "sso-profile", "oidc:my-sso"],
        ["no-creds-profile", "-", "oidc:my-sso"],
        ["legacy-sso", "-", "-"],
        ["plain", "-", "-"],
    ]
    assert "https://" not in result.stdout
    assert cli("list", "--sessions").stdout == "oidc:my-sso\n"
    assert cli("list", "--credentials").stdout == "sso-profile\n"


def test_list_sso_token_label_for_an_inline_start_url(cli, config_file: Path):
    config_file.write_text(SSO_CONFIG)
    put_oidc_token("https://legacy.awsapps.com/start")
    rows = table(cli("list").stdout)
    assert rows[2:] == [
        ["sso-profile", "-", "-"],
        ["no-creds-profile", "-", "-"],
        ["legacy-sso", "-", "oidc:legacy.awsapps.com"],
        ["plain", "-", "-"],
    ]


def test_list_sso_label_comes_before_the_profiles_sessions(cli, config_file: Path):
    config_file.write_text(SSO_CONFIG)
    put_oidc_token("https://example.awsapps.com/start")
    put_session("sso-profile", 3600, kind="sso.GetRoleCredentials")
    rows = table(cli("list").stdout)
    labels = rows[2][2].split(", ")
    assert labels[0] == "oidc:my-sso"
    assert re.fullmatch(r"sso\.GetRoleCredentials:(59m[0-5]\ds|1h0m0s)", labels[1]), rows[2]
    assert rows[3] == ["no-creds-profile", "-", "oidc:my-sso"]


def test_list_sso_token_without_a_profile_is_an_extra_row(cli, config_file: Path):
    config_file.write_text("[profile plain]\n")
    put_oidc_token("https://unused.awsapps.com/start")
    rows = table(cli("list").stdout)
    assert rows[2] == ["plain", "-", "-"]
    assert len(rows) == 4
    assert rows[3][:2] == ["-", "-"]
    assert rows[3][2].startswith("oidc:") and "unused.awsapps.com" in rows[3][2]


@pytest.mark.parametrize("flag", ["--profiles", "--credentials", "--sessions", ""])
def test_list_writes_nothing_to_stderr(cli, config_file: Path, flag):
    config_file.write_text("[profile a]\n")
    put_credentials("a")
    put_session("a", 3600)
    result = cli("list", *([flag] if flag else []))
    assert result.returncode == 0
    assert result.stderr == ""
    assert "session-secret" not in result.stdout and "s3cr3t" not in result.stdout


def test_list_shows_keys_stored_for_a_bare_default_profile(cli, config_file: Path):
    # [default] with only `output` is not a profile of its own, but its stored keys must show.
    config_file.write_text("[default]\noutput = json\n[profile a]\n")
    put_credentials("default")
    assert cli("list", "--profiles").stdout == "a\n"
    rows = table(cli("list").stdout)
    assert rows[2:] == [["default", "default", "-"], ["a", "-", "-"]]
