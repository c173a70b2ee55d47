"""resolve_profile: flags > environment > section > include_profile > [default] > defaults
(reference §2.3, §2.4, §9.1, §9.2, with the fixes of contract §3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from aws_vault.config.file import parse_config
from aws_vault.config.model import Overrides, ProfileConfig
from aws_vault.config.resolve import resolve_profile
from aws_vault.errors import ConfigError

from .test_config_file import EXAMPLE_CONFIG

HOUR = 3600
CONFIG_PATH = Path("/home/me/.aws/config")


def resolve(
    text: str,
    name: str,
    env: dict[str, str] | None = None,
    overrides: Overrides | None = None,
    stored: set[str] | frozenset[str] = frozenset(),
) -> ProfileConfig:
    config = parse_config(text, CONFIG_PATH)
    return resolve_profile(name, config, env or {}, overrides, lambda p: p in stored)


def resolve_error(text: str, name: str, **kwargs) -> str:
    with pytest.raises(ConfigError) as excinfo:
        resolve(text, name, **kwargs)
    return str(excinfo.value)


# -- §9.1 exampleConfig -----------------------------------------------------------------------


def test_include_profile_region():
    assert resolve(EXAMPLE_CONFIG, "testincludeprofile2").region == "us-east-1"


def test_sso_session_resolution():
    cfg = resolve(EXAMPLE_CONFIG, "with-sso-session")
    assert cfg.region == "moon-1"  # not the sso region
    assert cfg.sso_session == "moon-sso"
    assert cfg.sso_start_url == "https://d-123456789.example.com/start"
    assert cfg.sso_region == "moon-2"  # inline comment stripped
    assert cfg.sso_account_id == "123456"
    assert cfg.sso_registration_scopes == "sso:account:access"
    assert cfg.has_sso


def test_withmfa_resolution_and_chain():
    cfg = resolve(EXAMPLE_CONFIG, "withMFA")
    assert cfg.name == "withMFA"
    assert cfg.has_section
    assert cfg.role_arn == "arn:aws:iam::4451234513441615400570:role/aws_admin"
    assert cfg.mfa_serial == "arn:aws:iam::1234513441:mfa/blah"
    assert cfg.region == "us-east-1"
    assert cfg.sts_regional_endpoints == "legacy"
    assert cfg.assume_role_duration == 1200
    assert cfg.source_profile_name == "user2"
    assert cfg.source is not None and cfg.source.name == "user2"
    assert cfg.source.region == "us-east-1"
    assert cfg.source.source is None
    assert [p.name for p in cfg.chain()] == ["withMFA", "user2"]


def test_withendpointurl():
    cfg = resolve(EXAMPLE_CONFIG, "withendpointurl")
    assert cfg.endpoint_url == "https://localhost:1234"
    assert cfg.region == "us-east-1"


def test_default_region_is_inherited():
    cfg = resolve(EXAMPLE_CONFIG + "\n[profile bare]\n", "bare")
    assert cfg.region == "us-west-2"


def test_default_resolves_itself():
    cfg = resolve(EXAMPLE_CONFIG, "default")
    assert cfg.region == "us-west-2"
    assert cfg.source is None


def test_unknown_profile_is_an_error_naming_it():
    """Contract fix: no silent copy of [default] (reference §2.4, ByteNess #377)."""
    message = resolve_error(EXAMPLE_CONFIG, "nopenotthere")
    assert "nopenotthere" in message
    assert "not found" in message


def test_unknown_profile_error_has_a_hint():
    config = parse_config(EXAMPLE_CONFIG, CONFIG_PATH)
    with pytest.raises(ConfigError) as excinfo:
        resolve_profile("nopenotthere", config, {})
    assert excinfo.value.hint and "nopenotthere" in excinfo.value.hint


def test_unknown_profile_with_stored_credentials_is_allowed():
    cfg = resolve(EXAMPLE_CONFIG, "creds-only", stored={"creds-only"})
    assert cfg.name == "creds-only"
    assert not cfg.has_section
    assert cfg.region == "us-west-2"  # [default] still applies


def test_missing_source_profile_names_it_and_the_referrer():
    message = resolve_error("[profile child]\nsource_profile = ghost\n", "child")
    assert "ghost" in message
    assert "child" in message


def test_source_profile_with_only_stored_credentials():
    cfg = resolve("[profile child]\nsource_profile = keys\n", "child", stored={"keys"})
    assert cfg.source is not None and cfg.source.name == "keys"
    assert not cfg.source.has_section


def test_source_profile_referring_to_itself_is_ignored():
    text = "\n[profile foo]\nsource_profile=foo\n"
    config = parse_config(text, CONFIG_PATH)
    assert config.profiles["foo"]["source_profile"] == "foo"  # raw
    cfg = resolve_profile("foo", config, {})
    assert cfg.source_profile_name == ""
    assert cfg.source is None


def test_source_profile_can_refer_to_included_parent():
    text = "\n[profile root]\n\n[profile foo]\ninclude_profile=root\nsource_profile=root\n"
    cfg = resolve(text, "foo")
    assert cfg.source_profile_name == "root"
    assert cfg.source is not None and cfg.source.name == "root"


# -- cycles ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "active", "cycle"),
    [
        (
            "[profile a]\nsource_profile=b\n[profile b]\nsource_profile=a\n",
            "a",
            "a -> b -> a",
        ),
        (
            "[profile a]\nsource_profile=b\n[profile b]\nsource_profile=c\n"
            "[profile c]\nsource_profile=a\n",
            "a",
            "a -> b -> c -> a",
        ),
        (
            "[profile x]\nsource_profile=a\n[profile a]\nsource_profile=b\n"
            "[profile b]\nsource_profile=a\n",
            "x",
            "a -> b -> a",
        ),
    ],
)
def test_source_profile_cycles_are_errors_naming_the_cycle(text, active, cycle):
    message = resolve_error(text, active)
    assert "source_profile" in message
    assert cycle in message


@pytest.mark.parametrize(
    ("text", "active", "cycle"),
    [
        (
            "[profile a]\ninclude_profile=b\n[profile b]\ninclude_profile=a\n",
            "a",
            "a -> b -> a",
        ),
        ("[profile a]\ninclude_profile=a\n", "a", "a -> a"),
        (
            "[profile a]\ninclude_profile=b\n[profile b]\ninclude_profile=c\n"
            "[profile c]\ninclude_profile=b\n",
            "a",
            "a -> b -> c -> b",
        ),
        (
            "[default]\ninclude_profile=x\n[profile x]\ninclude_profile=y\n"
            "[profile y]\ninclude_profile=x\n[profile a]\n",
            "a",
            "x -> y -> x",
        ),
    ],
)
def test_include_profile_cycles_are_errors_naming_the_cycle(text, active, cycle):
    message = resolve_error(text, active)
    assert "include_profile" in message
    assert cycle in message


def test_include_profile_target_missing_is_an_error_naming_it():
    message = resolve_error("[profile a]\ninclude_profile=ghost\n", "a")
    assert "ghost" in message
    assert "'a'" in message


def test_default_with_include_profile_is_not_a_cycle():
    """[default] ends every include chain; when it includes a profile, that profile must not
    loop back to [default] through the same implicit step."""
    text = (
        "[default]\ninclude_profile=base\n"
        "[profile base]\nregion=base-region\nmfa_serial=base-mfa\n"
        "[profile a]\nrole_arn=ra\n"
        "[profile b]\ninclude_profile=a\n"
    )
    for name in ("base", "default", "a", "b"):
        cfg = resolve(text, name)
        assert cfg.region == "base-region"
        assert cfg.mfa_serial == "base-mfa"
    assert resolve(text, "b").role_arn == "ra"


def test_default_including_the_active_profile_is_not_a_cycle():
    text = "[default]\ninclude_profile=a\n[profile a]\ninclude_profile=b\n[profile b]\nregion=r\n"
    assert resolve(text, "a").region == "r"


def test_diamond_source_profiles_are_not_a_cycle():
    text = (
        "[profile keys]\nregion=r\n"
        "[profile mid]\nsource_profile=keys\n"
        "[profile top]\nsource_profile=mid\ninclude_profile=mid\n"
    )
    cfg = resolve(text, "top")
    assert [p.name for p in cfg.chain()] == ["top", "mid", "keys"]


# -- precedence between section, include_profile and [default] --------------------------------


PRECEDENCE_CONFIG = """
[default]
region = default-region
mfa_serial = default-mfa
role_session_name = default-rsn
external_id = default-ext

[profile base]
region = base-region
mfa_serial = base-mfa

[profile mid]
include_profile = base
region = mid-region

[profile top]
include_profile = mid
external_id = top-ext
"""


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("external_id", "top-ext"),  # own section
        ("region", "mid-region"),  # first include
        ("mfa_serial", "base-mfa"),  # include of the include
        ("role_session_name", "default-rsn"),  # [default] at the end of the chain
        ("role_arn", ""),  # nowhere
    ],
)
def test_section_beats_include_beats_default(field, expected):
    assert getattr(resolve(PRECEDENCE_CONFIG, "top"), field) == expected


def test_default_is_inherited_by_every_profile():
    """Contract §3: `[default]` is inherited by every profile (e.g. mfa_serial)."""
    text = (
        "[default]\nmfa_serial=arn:aws:iam::1:mfa/me\n"
        "[profile a]\n[profile b]\nsource_profile=a\n"
    )
    cfg = resolve(text, "b")
    assert cfg.mfa_serial == "arn:aws:iam::1:mfa/me"
    assert cfg.source is not None and cfg.source.mfa_serial == "arn:aws:iam::1:mfa/me"


def test_empty_value_in_section_does_not_block_default():
    cfg = resolve("[default]\nregion=d\n[profile a]\nregion =\n", "a")
    assert cfg.region == "d"


def test_dotted_profile_does_not_inherit_from_parent_name():
    """Contract fix: `[profile a.b]` never inherits from `[profile a]`."""
    text = (
        "[default]\nregion=default-region\n"
        "[profile a]\nregion=a-region\nrole_arn=arn:aws:iam::1:role/a\nmfa_serial=a-mfa\n"
        "[profile a.b]\nexternal_id=x\n"
    )
    cfg = resolve(text, "a.b")
    assert cfg.region == "default-region"
    assert cfg.role_arn == ""
    assert cfg.mfa_serial == ""
    assert cfg.external_id == "x"


def test_hash_inside_url_survives_resolution():
    text = "[profile s]\nsso_start_url = https://x.awsapps.com/start#/ # portal\nsso_region=r\n"
    cfg = resolve(text, "s")
    assert cfg.sso_start_url == "https://x.awsapps.com/start#/"


def test_semicolon_inside_credential_process_survives():
    cfg = resolve("[profile p]\ncredential_process = a; b ; comment\n", "p")
    assert cfg.credential_process == "a; b"


def test_nested_s3_values_do_not_leak_into_profile():
    text = "[profile p]\nregion=us-west-2\ns3 =\n  region = nested\n  role_arn = nested\n"
    cfg = resolve(text, "p")
    assert cfg.region == "us-west-2"
    assert cfg.role_arn == ""


def test_profile_default_section_is_ignored_on_resolution():
    text = "[profile default]\nregion=wrong\n[default]\nregion=right\n[profile a]\n"
    assert resolve(text, "a").region == "right"
    assert resolve(text, "default").region == "right"


def test_upper_default_section_is_ignored_on_resolution():
    text = "[DEFAULT]\nregion=wrong\nmfa_serial=wrong\n[profile a]\n"
    cfg = resolve(text, "a")
    assert cfg.region == ""
    assert cfg.mfa_serial == ""


def test_keys_are_case_insensitive_on_resolution():
    cfg = resolve("[profile p]\nROLE_ARN=r\nMfa_Serial=m\nRegion=x\n", "p")
    assert (cfg.role_arn, cfg.mfa_serial, cfg.region) == ("r", "m", "x")


def test_all_string_keys_are_read():
    text = """[profile p]
role_arn = ra
mfa_serial = ms
mfa_process = mp
external_id = ei
role_session_name = rsn
region = rg
sts_regional_endpoints = regional
endpoint_url = http://localhost:1
source_identity = si
credential_process = cp
web_identity_token_file = /tok
web_identity_token_process = wtp
sso_start_url = https://s/start
sso_region = sr
sso_account_id = 111
sso_role_name = Admin
sso_registration_scopes = sso:account:access
"""
    cfg = resolve(text, "p")
    assert cfg.role_arn == "ra"
    assert cfg.mfa_serial == "ms"
    assert cfg.mfa_process == "mp"
    assert cfg.external_id == "ei"
    assert cfg.role_session_name == "rsn"
    assert cfg.region == "rg"
    assert cfg.sts_regional_endpoints == "regional"
    assert cfg.endpoint_url == "http://localhost:1"
    assert cfg.source_identity == "si"
    assert cfg.credential_process == "cp"
    assert cfg.web_identity_token_file == "/tok"
    assert cfg.web_identity_token_process == "wtp"
    assert cfg.sso_start_url == "https://s/start"
    assert cfg.sso_region == "sr"
    assert cfg.sso_account_id == "111"
    assert cfg.sso_role_name == "Admin"
    assert cfg.sso_registration_scopes == "sso:account:access"
    assert cfg.has_role and cfg.has_sso and cfg.has_web_identity


# -- sso-session ---------------------------------------------------------------------------------

SSO_SESSION = "[sso-session corp]\nsso_start_url = https://session/start\nsso_region = s-region\n"


@pytest.mark.parametrize(
    ("profile_lines", "expected_url"),
    [
        ("sso_start_url = https://inline/start\n", "https://inline/start"),
        ("sso_session = corp\n", "https://session/start"),
        ("sso_session = corp\nsso_start_url = https://inline/start\n", "https://session/start"),
        ("sso_start_url = https://inline/start\nsso_session = corp\n", "https://session/start"),
        ("region = r\n", ""),
    ],
    ids=["inline-only", "session-only", "both", "both-reversed", "neither"],
)
def test_sso_url_precedence(profile_lines, expected_url):
    cfg = resolve(f"[profile p]\n{profile_lines}{SSO_SESSION}", "p")
    assert cfg.sso_start_url == expected_url


def test_sso_session_region_beats_inline_sso_region():
    text = "[profile p]\nsso_session = corp\nsso_region = inline-region\n" + SSO_SESSION
    assert resolve(text, "p").sso_region == "s-region"


def test_inline_sso_region_used_when_session_has_none():
    text = (
        "[profile p]\nsso_session = corp\nsso_region = inline-region\n"
        "[sso-session corp]\nsso_start_url = https://session/start\n"
    )
    assert resolve(text, "p").sso_region == "inline-region"


def test_missing_sso_session_section_is_an_error():
    message = resolve_error("[profile p]\nsso_session = ghost\nsso_account_id=1\n", "p")
    assert "ghost" in message
    assert "sso-session" in message


def test_source_profile_wins_over_sso_inherited_from_default():
    """Reference §9.3 #1195: the account comes from the profile's own section."""
    text = (
        "[default]\nsso_session = common\nsso_account_id = 3701\nsso_role_name = Admin\n"
        "[profile test]\nsource_profile = dev\n"
        "[profile dev]\nsso_session = common\nsso_account_id = 2160\nsso_role_name = Admin\n"
        "[sso-session common]\nsso_start_url = https://c/start\nsso_region = eu-west-1\n"
    )
    cfg = resolve(text, "test")
    assert cfg.source_profile_name == "dev"
    assert cfg.source is not None and cfg.source.sso_account_id == "2160"


# -- environment and flags (§2.3) -------------------------------------------------------------

CHAIN = """
[default]
region = default-region

[profile base]
region = base-region
mfa_serial = base-mfa
role_arn = base-role
role_session_name = base-rsn
source_identity = base-si

[profile target]
source_profile = base
region = target-region
role_arn = target-role
"""


@pytest.mark.parametrize(
    ("env", "overrides", "expected"),
    [
        ({}, None, "target-region"),
        ({"AWS_DEFAULT_REGION": "dr"}, None, "dr"),
        ({"AWS_REGION": "r"}, None, "r"),
        ({"AWS_REGION": "r", "AWS_DEFAULT_REGION": "dr"}, None, "r"),
        ({"AWS_REGION": "", "AWS_DEFAULT_REGION": "dr"}, None, "dr"),
        ({"AWS_REGION": "r", "AWS_DEFAULT_REGION": "dr"}, Overrides(region="flag"), "flag"),
        ({}, Overrides(region="flag"), "flag"),
    ],
    ids=[
        "profile",
        "default-region-env",
        "region-env",
        "AWS_REGION-beats-AWS_DEFAULT_REGION",
        "empty-AWS_REGION-ignored",
        "flag-beats-env",
        "flag-beats-profile",
    ],
)
def test_region_precedence(env, overrides, expected):
    cfg = resolve(CHAIN, "target", env=env, overrides=overrides)
    assert cfg.region == expected
    # Region from env or flags applies to the whole chain.
    assert cfg.source is not None
    assert cfg.source.region == (expected if expected != "target-region" else "base-region")


def test_region_env_beats_region_inherited_from_default():
    cfg = resolve("[default]\nregion=d\n[profile a]\n", "a", env={"AWS_REGION": "e"})
    assert cfg.region == "e"


def test_mfa_serial_env_applies_to_the_whole_chain():
    cfg = resolve(CHAIN, "target", env={"AWS_MFA_SERIAL": "env-mfa"})
    assert [p.mfa_serial for p in cfg.chain()] == ["env-mfa", "env-mfa"]


@pytest.mark.parametrize(
    ("env_name", "field", "env_value", "source_value"),
    [
        ("AWS_ROLE_ARN", "role_arn", "env-role", "base-role"),
        ("AWS_ROLE_SESSION_NAME", "role_session_name", "env-rsn", "base-rsn"),
        ("AWS_SOURCE_IDENTITY", "source_identity", "env-si", "base-si"),
    ],
)
def test_active_only_env_does_not_reach_source_profiles(env_name, field, env_value, source_value):
    cfg = resolve(CHAIN, "target", env={env_name: env_value})
    assert getattr(cfg, field) == env_value
    assert cfg.source is not None
    assert getattr(cfg.source, field) == source_value


@pytest.mark.parametrize(
    ("env_name", "field"),
    [
        ("AWS_STS_REGIONAL_ENDPOINTS", "sts_regional_endpoints"),
    ],
)
def test_chain_env_reaches_source_profiles(env_name, field):
    text = CHAIN.replace("[profile base]\n", f"[profile base]\n{field} = file-value\n")
    cfg = resolve(text, "target", env={env_name: "env-value"})
    assert [getattr(p, field) for p in cfg.chain()] == ["env-value", "env-value"]


def test_endpoint_url_from_the_environment_is_left_to_botocore():
    # botocore reads AWS_ENDPOINT_URL itself, after AWS_ENDPOINT_URL_STS and the like; copying
    # it into the profile would make it beat those service-specific variables.
    text = CHAIN.replace("[profile base]\n", "[profile base]\nendpoint_url = file-value\n")
    cfg = resolve(text, "target", env={"AWS_ENDPOINT_URL": "env-value"})
    assert [p.endpoint_url for p in cfg.chain()] == ["", "file-value"]


def test_mfa_token_flag_applies_to_every_profile():
    cfg = resolve(CHAIN, "target", overrides=Overrides(mfa_token="123456"))
    assert [p.mfa_token for p in cfg.chain()] == ["123456", "123456"]


DURATION_FIELDS = (
    "assume_role_duration",
    "session_token_duration",
    "chained_session_token_duration",
    "federation_token_duration",
)


def durations(cfg: ProfileConfig) -> tuple[int, ...]:
    return tuple(getattr(cfg, f) for f in DURATION_FIELDS)


def test_default_durations():
    assert durations(resolve("[profile p]\n", "p")) == (HOUR, HOUR, 8 * HOUR, HOUR)


@pytest.mark.parametrize(
    ("env_name", "field"),
    [
        ("AWS_ASSUME_ROLE_TTL", "assume_role_duration"),
        ("AWS_SESSION_TOKEN_TTL", "session_token_duration"),
        ("AWS_CHAINED_SESSION_TOKEN_TTL", "chained_session_token_duration"),
        ("AWS_FEDERATION_TOKEN_TTL", "federation_token_duration"),
    ],
)
def test_ttl_env_sets_only_its_duration(env_name, field):
    cfg = resolve(CHAIN, "target", env={env_name: "90m"})
    expected = dict(zip(DURATION_FIELDS, (HOUR, HOUR, 8 * HOUR, HOUR)))
    expected[field] = 90 * 60
    for link in cfg.chain():  # TTL variables apply to every profile in the chain
        assert dict(zip(DURATION_FIELDS, durations(link))) == expected


def test_duration_seconds_sets_role_duration():
    cfg = resolve("[profile p]\nduration_seconds = 7200\n", "p")
    assert durations(cfg) == (7200, HOUR, 8 * HOUR, HOUR)


def test_duration_seconds_from_default_and_include():
    text = "[default]\nduration_seconds=900\n[profile i]\nduration_seconds=1800\n"
    assert resolve(text + "[profile p]\n", "p").assume_role_duration == 900
    assert resolve(text + "[profile p]\ninclude_profile=i\n", "p").assume_role_duration == 1800


def test_assume_role_ttl_env_beats_duration_seconds():
    cfg = resolve("[profile p]\nduration_seconds=7200\n", "p", env={"AWS_ASSUME_ROLE_TTL": "2h30m"})
    assert cfg.assume_role_duration == 9000


def test_duration_flag_beats_env_and_file():
    names = ("AWS_ASSUME_ROLE_TTL", "AWS_SESSION_TOKEN_TTL", "AWS_CHAINED_SESSION_TOKEN_TTL")
    env = {name: "5h" for name in names}
    text = CHAIN + "duration_seconds=7200\n"
    cfg = resolve(text, "target", env=env, overrides=Overrides(duration=1800))
    for link in cfg.chain():
        assert link.assume_role_duration == 1800
        assert link.session_token_duration == 1800
        assert link.chained_session_token_duration == 1800


@pytest.mark.parametrize("value", ["0", "0s"])
def test_zero_ttl_env_means_default(value):
    env = {"AWS_ASSUME_ROLE_TTL": value, "AWS_CHAINED_SESSION_TOKEN_TTL": value}
    cfg = resolve("[profile p]\nduration_seconds=1200\n", "p", env=env)
    assert cfg.assume_role_duration == 1200
    assert cfg.chained_session_token_duration == 8 * HOUR


@pytest.mark.parametrize(
    "env_name",
    [
        "AWS_ASSUME_ROLE_TTL",
        "AWS_SESSION_TOKEN_TTL",
        "AWS_CHAINED_SESSION_TOKEN_TTL",
        "AWS_FEDERATION_TOKEN_TTL",
    ],
)
@pytest.mark.parametrize("value", ["3600", "abc", "1 hour", "-1h", "1d"])
def test_bad_ttl_env_is_an_error_naming_variable_and_value(env_name, value):
    message = resolve_error("[profile p]\n", "p", env={env_name: value})
    assert env_name in message
    assert repr(value) in message


@pytest.mark.parametrize("value", ["1h", "abc", "-5", "0", "12.5", "1_000", "\u0661\u0662"])
def test_bad_duration_seconds_is_an_error_naming_key_and_value(value):
    message = resolve_error(f"[profile p]\nduration_seconds = {value}\n", "p")
    assert "duration_seconds" in message
    assert repr(value) in message
    assert "[profile p]" in message


def test_bad_duration_seconds_in_default_names_default():
    message = resolve_error("[default]\nduration_seconds = 1h\n[profile p]\n", "p")
    assert "[default]" in message
    assert "'1h'" in message


# -- session tags (§9.2) -----------------------------------------------------------------------

TAGGED = """
[profile tagged]
session_tags = tag1 = value1 , tag2=value2 ,tag3=value3
transitive_session_tags = tagOne ,tagTwo,tagThree
"""


def test_session_tags_from_file():
    cfg = resolve(TAGGED, "tagged")
    assert dict(cfg.session_tags) == {"tag1": "value1", "tag2": "value2", "tag3": "value3"}
    assert cfg.transitive_session_tags == ("tagOne", "tagTwo", "tagThree")


def test_session_tags_from_environment_win_completely():
    env = {
        "AWS_SESSION_TAGS": " tagA = val1 , tagB=val2 ,tagC=val3",
        "AWS_TRANSITIVE_TAGS": " tagD ,tagE",
    }
    cfg = resolve(TAGGED, "tagged", env=env)
    assert dict(cfg.session_tags) == {"tagA": "val1", "tagB": "val2", "tagC": "val3"}
    assert cfg.transitive_session_tags == ("tagD", "tagE")


TAG_CHAIN = """
[profile base]

[profile interim]
session_tags=tag1=value1
transitive_session_tags=tag2
source_profile = base

[profile target]
session_tags=tagA=valueA
transitive_session_tags=tagB
source_profile = interim
"""


def test_session_tag_env_is_active_profile_only():
    env = {"AWS_SESSION_TAGS": "tagI=valI", "AWS_TRANSITIVE_TAGS": " tagII"}
    target = resolve(TAG_CHAIN, "target", env=env)
    interim = target.source
    assert interim is not None
    base = interim.source
    assert base is not None
    assert [p.name for p in target.chain()] == ["target", "interim", "base"]
    assert dict(target.session_tags) == {"tagI": "valI"}
    assert target.transitive_session_tags == ("tagII",)
    assert dict(interim.session_tags) == {"tag1": "value1"}
    assert interim.transitive_session_tags == ("tag2",)
    assert base.session_tags == ()
    assert base.transitive_session_tags == ()


def test_session_tag_chain_without_env():
    target = resolve(TAG_CHAIN, "target")
    assert dict(target.session_tags) == {"tagA": "valueA"}
    assert target.transitive_session_tags == ("tagB",)


def test_session_tags_are_not_merged_across_levels():
    text = "[default]\nsession_tags = d=1\n[profile p]\nsession_tags = p=2\n[profile q]\n"
    assert resolve(text, "p").session_tags == (("p", "2"),)
    assert resolve(text, "q").session_tags == (("d", "1"),)


@pytest.mark.parametrize("value", ["tag1=value1,", "tagA=valueA,tagB", "tagOne,tagTwo=valueTwo"])
def test_bad_session_tags_in_file_name_key_value_and_section(value):
    message = resolve_error(f"[profile p]\nsession_tags = {value}\n", "p")
    assert "session_tags" in message
    assert repr(value) in message
    assert "[profile p]" in message


def test_bad_session_tags_env_names_the_variable():
    message = resolve_error(TAGGED, "tagged", env={"AWS_SESSION_TAGS": "tagA=valueA,tagB"})
    assert "AWS_SESSION_TAGS" in message
    assert "'tagA=valueA,tagB'" in message


def test_bad_session_tags_env_does_not_affect_source_profiles():
    cfg = resolve(TAG_CHAIN, "interim", env={"AWS_SESSION_TAGS": "tagI=valI"})
    assert cfg.source is not None and cfg.source.session_tags == ()


# -- mfa_process inheritance (§9.3 [fork]) ----------------------------------------------------


def test_mfa_process_inherited_from_source():
    text = (
        "[profile foo]\nmfa_process = op item get 'AWS Login' --otp\n"
        "[profile bar]\nsource_profile = foo\nrole_arn = r\n"
    )
    assert resolve(text, "bar").mfa_process == "op item get 'AWS Login' --otp"


def test_own_mfa_process_wins_over_source():
    text = (
        "[profile foo]\nmfa_process = foo-cmd\n"
        "[profile bar]\nsource_profile = foo\nmfa_process = bar-cmd\n"
    )
    cfg = resolve(text, "bar")
    assert cfg.mfa_process == "bar-cmd"
    assert cfg.source is not None and cfg.source.mfa_process == "foo-cmd"


def test_resolved_config_is_frozen():
    cfg = resolve("[profile p]\n", "p")
    with pytest.raises(AttributeError):
        cfg.region = "x"  # type: ignore[misc]


def test_services_section_gives_per_service_endpoints():
    text = (
        "[profile p]\nservices = local\nendpoint_url = http://global\n"
        "[services local]\nsts =\n  endpoint_url = http://127.0.0.1:4566\n"
        "sso_oidc =\n  endpoint_url = http://127.0.0.1:4567\n"
    )
    cfg = resolve(text, "p")
    assert cfg.service_endpoints == (("sso_oidc", "http://127.0.0.1:4567"), ("sts", "http://127.0.0.1:4566"))
    assert cfg.endpoint_url == "http://global"
    with pytest.raises(ConfigError, match="services 'nope'"):
        resolve("[profile p]\nservices = nope\n", "p")
