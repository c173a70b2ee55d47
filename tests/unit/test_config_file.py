"""ConfigFile, parse_config, load_config, profile_names and append_profile (reference §2.1,
§2.5, §9.1; contract §2 `add` and §3)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from aws_vault.config.file import (
    PROFILE_KEYS,
    ConfigFile,
    append_profile,
    config_path,
    load_config,
    parse_config,
)
from aws_vault.errors import ConfigError

# The reference's exampleConfig (§9.1, fork version), byte for byte.
EXAMPLE_CONFIG = """# an example profile file
[default]
region=us-west-2
output=json

[profile user2]
REGION=us-east-1
output=text

[profile withsource]
source_profile=user2
region=us-east-1

[profile withMFA]
source_profile=user2
Role_Arn=arn:aws:iam::4451234513441615400570:role/aws_admin
mfa_Serial=arn:aws:iam::1234513441:mfa/blah
Region=us-east-1
duration_seconds=1200
sts_regional_endpoints=legacy

[profile withendpointurl]
region=us-east-1
endpoint_url=https://localhost:1234

[profile testincludeprofile1]
region=us-east-1

[profile testincludeprofile2]
include_profile=testincludeprofile1

[profile with-sso-session]
sso_session = moon-sso
sso_account_id=123456
region = moon-1 # Different from sso region

[sso-session moon-sso]
sso_start_url = https://d-123456789.example.com/start
sso_region = moon-2  # Different from profile region
sso_registration_scopes = sso:account:access
"""

NESTED_CONFIG = """[default]

[profile testing]
aws_access_key_id=foo
aws_secret_access_key=bar
region=us-west-2
s3=
  max_concurrent_requests=10
  max_queue_size=1000
"""

EXAMPLE_PROFILES = [
    "default",
    "user2",
    "withsource",
    "withMFA",
    "withendpointurl",
    "testincludeprofile1",
    "testincludeprofile2",
    "with-sso-session",
]


def recognised(values) -> dict[str, str]:
    """The fields aws-vault reads from a raw section (others, like `output`, are ignored)."""
    return {key: values[key] for key in PROFILE_KEYS if values.get(key)}


@pytest.fixture
def example() -> ConfigFile:
    return parse_config(EXAMPLE_CONFIG, Path("/tmp/example-config"))


# -- §9.1 raw sections ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("default", {"region": "us-west-2"}),
        ("user2", {"region": "us-east-1"}),
        ("withsource", {"source_profile": "user2", "region": "us-east-1"}),
        (
            "withMFA",
            {
                "mfa_serial": "arn:aws:iam::1234513441:mfa/blah",
                "role_arn": "arn:aws:iam::4451234513441615400570:role/aws_admin",
                "region": "us-east-1",
                "duration_seconds": "1200",
                "source_profile": "user2",
                "sts_regional_endpoints": "legacy",
            },
        ),
        ("withendpointurl", {"region": "us-east-1", "endpoint_url": "https://localhost:1234"}),
        ("testincludeprofile1", {"region": "us-east-1"}),
        ("testincludeprofile2", {"include_profile": "testincludeprofile1"}),
        (
            "with-sso-session",
            {"sso_session": "moon-sso", "region": "moon-1", "sso_account_id": "123456"},
        ),
    ],
)
def test_example_raw_sections(example, name, expected):
    assert example.has_profile(name)
    assert recognised(example.profiles[name]) == expected


def test_case_sensitivity_of_keys_withmfa(example):
    assert example.profiles["withMFA"]["mfa_serial"] == "arn:aws:iam::1234513441:mfa/blah"


def test_missing_section_is_not_found(example):
    assert not example.has_profile("nopenotthere")
    assert example.profiles.get("nopenotthere") is None
    assert "nopenotthere" not in example.profile_names()


def test_profile_names_are_case_sensitive(example):
    assert example.has_profile("withMFA")
    assert not example.has_profile("withmfa")


def test_unrecognised_keys_are_kept_raw_but_not_recognised(example):
    assert example.profiles["default"]["output"] == "json"
    assert "output" not in PROFILE_KEYS


def test_example_profile_listing_in_file_order(example):
    assert example.profile_names() == EXAMPLE_PROFILES


def test_sso_session_is_not_a_profile(example):
    assert "moon-sso" not in example.profile_names()
    assert not example.has_profile("moon-sso")
    assert dict(example.sso_sessions["moon-sso"]) == {
        "sso_start_url": "https://d-123456789.example.com/start",
        "sso_region": "moon-2",
        "sso_registration_scopes": "sso:account:access",
    }


def test_default_and_upper_default_sections():
    """`[DEFAULT]` (the ini library's implicit section) is ignored."""
    config = parse_config("[DEFAULT]\nregion=us-east-1\n[default]\nregion=us-west-2\n", Path("c"))
    assert config.profile_names() == ["default"]
    assert recognised(config.profiles["default"]) == {"region": "us-west-2"}
    assert not config.has_profile("DEFAULT")


def test_profile_default_section_is_ignored():
    config = parse_config("[profile default]\nregion=wrong\n[default]\nregion=right\n", Path("c"))
    assert config.profile_names() == ["default"]
    assert config.profiles["default"]["region"] == "right"


def test_profile_default_alone_does_not_create_default():
    config = parse_config("[profile default]\nregion=wrong\n[profile a]\n", Path("c"))
    assert not config.has_profile("default")
    assert config.profile_names() == ["a"]


@pytest.mark.parametrize(
    ("text", "listed"),
    [
        ("[default]\noutput=json\n", False),
        ("[default]\n", False),
        ("[default]\ncli_pager=\noutput=text\n", False),
        ("[default]\nregion=us-west-2\noutput=json\n", True),
        ("[default]\nmfa_serial=arn:aws:iam::1:mfa/me\n", True),
    ],
)
def test_default_listed_only_when_it_sets_something_aws_vault_reads(text, listed):
    config = parse_config(text, Path("c"))
    assert config.has_profile("default")
    assert ("default" in config.profile_names()) is listed


def test_empty_named_profile_is_listed():
    config = parse_config("[profile foo]\n", Path("c"))
    assert config.profile_names() == ["foo"]
    assert recognised(config.profiles["foo"]) == {}


def test_other_sections_are_ignored():
    text = (
        "[plugins]\ncli_legacy_plugin_path=x\n"
        "[services dev]\ns3 =\n  endpoint_url = u\n"
        "[profile a]\n"
    )
    config = parse_config(text, Path("c"))
    assert config.profile_names() == ["a"]
    assert not config.sso_sessions


def test_dotted_profile_names_are_independent_sections():
    config = parse_config("[profile a]\nregion=r\nrole_arn=x\n[profile a.b]\n", Path("c"))
    assert config.profile_names() == ["a", "a.b"]
    assert recognised(config.profiles["a.b"]) == {}


def test_nested_values_are_not_keys_of_the_profile():
    config = parse_config(NESTED_CONFIG, Path("c"))
    assert recognised(config.profiles["testing"]) == {"region": "us-west-2"}


# -- load_config -------------------------------------------------------------------------------


def test_load_config_missing_file_is_empty_and_not_created(tmp_path):
    path = tmp_path / "nope" / "config"
    config = load_config(path)
    assert config.profile_names() == []
    assert config.path == path
    assert not path.exists()


def test_load_config_reads_the_file(tmp_path):
    path = tmp_path / "config"
    path.write_text(EXAMPLE_CONFIG)
    assert load_config(path).profile_names() == EXAMPLE_PROFILES


def test_load_config_leaves_the_file_byte_identical(tmp_path):
    path = tmp_path / "config"
    original = b"[default]\nregion=us-west-2\noutput=json\n"
    path.write_bytes(original)
    load_config(path)
    assert path.read_bytes() == original


def test_load_config_with_bom_and_crlf(tmp_path):
    path = tmp_path / "config"
    path.write_bytes(b"\xef\xbb\xbf[default]\r\nregion = eu-west-1\r\n")
    assert load_config(path).profiles["default"]["region"] == "eu-west-1"


@pytest.mark.parametrize(
    ("text", "line"),
    [("[default]\nregion=x\n[profile bad\n", 3), ("[default]\nregion x\n", 2)],
)
def test_malformed_config_names_file_and_line(tmp_path, text, line):
    path = tmp_path / "config"
    path.write_text(text)
    with pytest.raises(ConfigError) as excinfo:
        load_config(path)
    assert str(path) in str(excinfo.value)
    assert f"line {line}" in str(excinfo.value)


def test_unreadable_config_is_a_config_error(tmp_path):
    path = tmp_path / "config"
    path.mkdir()
    with pytest.raises(ConfigError) as excinfo:
        load_config(path)
    assert str(path) in str(excinfo.value)


def test_non_utf8_config_is_a_config_error(tmp_path):
    path = tmp_path / "config"
    path.write_bytes(b"[default]\nregion=\xff\xfe\n")
    with pytest.raises(ConfigError) as excinfo:
        load_config(path)
    assert str(path) in str(excinfo.value)


def test_config_path_honours_aws_config_file(tmp_path):
    assert config_path({"AWS_CONFIG_FILE": str(tmp_path / "x")}) == tmp_path / "x"


def test_config_path_expands_tilde(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert config_path({"AWS_CONFIG_FILE": "~/cfg"}) == tmp_path / "cfg"


def test_config_path_defaults_to_home(tmp_path):
    assert config_path({"HOME": str(tmp_path)}) == tmp_path / ".aws" / "config"


# -- append_profile ----------------------------------------------------------------------------


def test_add_llamas_to_example_appends_last(tmp_path):
    path = tmp_path / "config"
    path.write_text(EXAMPLE_CONFIG)
    fields = {"mfa_serial": "testserial", "region": "us-east-1", "source_profile": "default"}
    append_profile(path, "llamas", fields)
    data = path.read_bytes()
    assert data.startswith(EXAMPLE_CONFIG.encode())
    config = load_config(path)
    assert config.profile_names() == [*EXAMPLE_PROFILES, "llamas"]
    assert recognised(config.profiles["llamas"]) == fields
    # Nothing else changed: every earlier profile still reads the same.
    before = parse_config(EXAMPLE_CONFIG, path)
    for name in EXAMPLE_PROFILES:
        assert config.profiles[name] == before.profiles[name]
    assert config.sso_sessions == before.sso_sessions


def test_add_to_nested_config_is_exact_bytes(tmp_path):
    path = tmp_path / "config"
    path.write_text(NESTED_CONFIG)
    append_profile(path, "llamas", {"mfa_serial": "testserial", "region": "us-east-1"})
    expected = NESTED_CONFIG + "\n[profile llamas]\nmfa_serial=testserial\nregion=us-east-1\n"
    assert path.read_bytes() == expected.encode()


def test_append_keeps_comments_and_odd_formatting(tmp_path):
    original = (
        b"# my precious comments\n"
        b"[default]   ; trailing\n"
        b"REGION   =   eu-west-1   # keep me\n"
        b"\n\n\n"
        b"  ; indented comment\n"
        b"[profile x]\n"
        b"credential_process = \"/opt/my tool\" --flag   \n"
        b"s3 =\n"
        b"\tmax_concurrent_requests = 10\n"
    )
    path = tmp_path / "config"
    path.write_bytes(original)
    append_profile(path, "new", {})
    assert path.read_bytes() == original + b"\n[profile new]\n"


def test_append_to_file_without_trailing_newline(tmp_path):
    path = tmp_path / "config"
    path.write_bytes(b"[default]\nregion=us-west-2")
    append_profile(path, "foo", {})
    assert path.read_bytes() == b"[default]\nregion=us-west-2\n\n[profile foo]\n"
    assert load_config(path).profiles["default"]["region"] == "us-west-2"


def test_append_to_crlf_file_keeps_bytes_and_line_endings(tmp_path):
    original = b"[default]\r\nregion = us-west-2\r\n"
    path = tmp_path / "config"
    path.write_bytes(original)
    append_profile(path, "foo", {"region": "eu-west-1"})
    data = path.read_bytes()
    assert data.startswith(original)
    assert data == original + b"\r\n[profile foo]\r\nregion=eu-west-1\r\n"
    assert load_config(path).profiles["foo"]["region"] == "eu-west-1"


def test_append_to_crlf_file_without_trailing_newline(tmp_path):
    original = b"[default]\r\nregion = us-west-2"
    path = tmp_path / "config"
    path.write_bytes(original)
    append_profile(path, "foo", {})
    assert path.read_bytes() == original + b"\r\n\r\n[profile foo]\r\n"


def test_append_default_uses_default_header(tmp_path):
    path = tmp_path / "config"
    path.write_text("[profile a]\n")
    append_profile(path, "default", {"region": "us-east-1"})
    assert path.read_text() == "[profile a]\n\n[default]\nregion=us-east-1\n"
    assert load_config(path).profile_names() == ["a", "default"]


def test_append_omits_empty_values(tmp_path):
    path = tmp_path / "config"
    append_profile(path, "p", {"mfa_serial": "", "region": "r", "role_arn": ""})
    assert path.read_text() == "[profile p]\nregion=r\n"


def test_append_creates_missing_file_privately(tmp_path):
    path = tmp_path / "new-dir" / "config"
    append_profile(path, "foo", {})
    assert path.read_bytes() == b"[profile foo]\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_config(path).profile_names() == ["foo"]


def test_append_to_empty_file(tmp_path):
    path = tmp_path / "config"
    path.write_bytes(b"")
    append_profile(path, "foo", {})
    assert path.read_bytes() == b"[profile foo]\n"


def test_append_keeps_the_file_mode(tmp_path):
    path = tmp_path / "config"
    path.write_text("[default]\nregion=r\n")
    os.chmod(path, 0o640)
    append_profile(path, "foo", {})
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_append_through_a_symlink_writes_the_target(tmp_path):
    target = tmp_path / "real-config"
    target.write_text("[default]\nregion=r\n")
    link = tmp_path / "config"
    link.symlink_to(target)
    append_profile(link, "foo", {})
    assert link.is_symlink()
    assert target.read_text() == "[default]\nregion=r\n\n[profile foo]\n"


def test_append_leaves_no_temporary_files(tmp_path):
    directory = tmp_path / "aws"
    directory.mkdir()
    path = directory / "config"
    path.write_text("[default]\nregion=r\n")
    append_profile(path, "foo", {})
    assert sorted(p.name for p in directory.iterdir()) == ["config"]
