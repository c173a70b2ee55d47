"""The INI reader: ini.v1 rules as aws-vault uses them (reference §2.1), with the contract's
fix that only ` #` / ` ;` after whitespace start an inline comment (contract §3)."""

from __future__ import annotations

import pytest

from aws_vault.config.ini import parse_ini
from aws_vault.errors import ConfigError


def sections(text: str) -> dict[str, dict[str, str]]:
    return {s.header: s.values for s in parse_ini(text, "/tmp/config")}


def value_of(raw_value: str) -> str:
    """The parsed value of `key = <raw_value>` in a one-key section."""
    return sections(f"[profile p]\nkey = {raw_value}\n")["profile p"]["key"]


def test_empty_text_has_no_sections():
    assert parse_ini("", "/tmp/config") == []


def test_sections_in_file_order():
    text = "[default]\na=1\n[profile b]\nb=2\n[profile a]\nc=3\n[sso-session s]\nd=4\n"
    assert [s.header for s in parse_ini(text, "f")] == [
        "default",
        "profile b",
        "profile a",
        "sso-session s",
    ]


@pytest.mark.parametrize("key", ["region", "REGION", "Region", "rEgIoN"])
def test_keys_are_case_insensitive(key):
    assert sections(f"[profile p]\n{key}=us-east-1\n")["profile p"] == {"region": "us-east-1"}


def test_mixed_case_keys_from_the_reference_fixture():
    text = "[profile withMFA]\nRole_Arn=arn:aws:iam::1:role/r\nmfa_Serial=arn:aws:iam::1:mfa/b\n"
    assert sections(text)["profile withMFA"] == {
        "role_arn": "arn:aws:iam::1:role/r",
        "mfa_serial": "arn:aws:iam::1:mfa/b",
    }


def test_section_names_are_case_sensitive():
    result = sections("[profile Foo]\nregion=a\n[profile foo]\nregion=b\n")
    assert result["profile Foo"] == {"region": "a"}
    assert result["profile foo"] == {"region": "b"}


def test_whitespace_inside_header_is_normalised():
    assert sections("[  profile    spaced  ]\nregion=x\n") == {"profile spaced": {"region": "x"}}


def test_values_keep_case():
    assert value_of("ArN:Mixed/CASE") == "ArN:Mixed/CASE"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Leading and trailing whitespace is trimmed.
        ("   us-east-1   ", "us-east-1"),
        # Only ` #` / ` ;` after whitespace start an inline comment.
        ("moon-1 # Different from sso region", "moon-1"),
        ("moon-2  # comment", "moon-2"),
        ("value ; comment", "value"),
        ("value\t# tab before the hash", "value"),
        ("value\t; tab before the semicolon", "value"),
        # A `#` or `;` inside a value survives (the [orig] bug truncated these).
        ("https://x.awsapps.com/start#/", "https://x.awsapps.com/start#/"),
        ("https://x.awsapps.com/start#/ # the portal", "https://x.awsapps.com/start#/"),
        ("a;b", "a;b"),
        ("cmd a; b", "cmd a; b"),
        ("pa#ss;wo#rd", "pa#ss;wo#rd"),
        # Surrounding matched quotes are removed.
        ('"quoted value"', "quoted value"),
        ("'single quoted'", "single quoted"),
        ('"""triple quoted"""', "triple quoted"),
        ("`backticked`", "backticked"),
        # A fully quoted value is literal, comment characters included.
        ('"a # not a comment"', "a # not a comment"),
        ("'x ; y'", "x ; y"),
        # Quotes followed by a comment: comment dropped, then quotes removed.
        ('"abc" # comment', "abc"),
        # Quotes that do not surround the whole value are part of it.
        ('"/opt/my tool/bin" --profile x', '"/opt/my tool/bin" --profile x'),
        ("sh -c 'echo hi'", "sh -c 'echo hi'"),
        ("it's", "it's"),
        ('"unterminated', '"unterminated'),
        # An empty value.
        ("", ""),
        ('""', ""),
        # `=` and `:` inside the value are kept.
        ("tag1 = value1 , tag2=value2", "tag1 = value1 , tag2=value2"),
        ("arn:aws:iam::123456789012:role/admin", "arn:aws:iam::123456789012:role/admin"),
    ],
)
def test_value_parsing(raw, expected):
    assert value_of(raw) == expected


def test_colon_is_also_a_key_value_delimiter():
    assert sections("[profile p]\nregion: eu-west-1\n")["profile p"] == {"region": "eu-west-1"}


def test_first_delimiter_wins():
    text = "[profile p]\nrole_arn = arn:aws:iam::1:role/x\nsso_start_url: https://a/b=c\n"
    assert sections(text)["profile p"] == {
        "role_arn": "arn:aws:iam::1:role/x",
        "sso_start_url": "https://a/b=c",
    }


def test_backslash_continues_a_value_on_the_next_line():
    text = "[profile p]\ncredential_process = my-tool \\\n  --flag\nregion = r\n"
    values = sections(text)["profile p"]
    assert values["credential_process"] == "my-tool --flag"
    assert values["region"] == "r"


@pytest.mark.parametrize("marker", ["#", ";"])
def test_comment_lines_are_ignored(marker):
    text = f"{marker} top comment\n[profile p]\n{marker} region = wrong\nregion = right\n"
    assert sections(text) == {"profile p": {"region": "right"}}


def test_blank_lines_are_ignored():
    assert sections("\n\n[profile p]\n\n\nregion=r\n\n") == {"profile p": {"region": "r"}}


def test_nested_values_are_not_read_as_keys():
    text = (
        "[profile testing]\n"
        "aws_access_key_id=foo\n"
        "region=us-west-2\n"
        "s3 =\n"
        "  max_concurrent_requests = 10\n"
        "  # a comment inside the block\n"
        "  region = nested-not-a-key\n"
        "  role_arn = nested-not-a-key\n"
        "output = json\n"
    )
    values = sections(text)["profile testing"]
    assert values["region"] == "us-west-2"
    assert "role_arn" not in values
    assert "max_concurrent_requests" not in values
    assert values["s3"] == ""
    # The block ends at the first line that is not indented.
    assert values["output"] == "json"


def test_nested_block_ends_at_next_section():
    text = "[profile a]\ns3 =\n  region = nested\n[profile b]\nregion = real\n"
    result = sections(text)
    assert result["profile a"] == {"s3": "", "s3.region": "nested"}  # never the section's region
    assert result["profile b"] == {"region": "real"}


def test_indented_keys_after_non_empty_value_are_keys():
    text = "[profile p]\n  region = r\n  role_arn = a\n"
    assert sections(text)["profile p"] == {"region": "r", "role_arn": "a"}


def test_repeated_section_adds_to_the_same_section_and_last_key_wins():
    text = "[profile p]\nregion=a\nrole_arn=x\n[profile q]\n[profile p]\nregion=b\n"
    parsed = parse_ini(text, "f")
    assert [s.header for s in parsed] == ["profile p", "profile q"]
    assert parsed[0].values == {"region": "b", "role_arn": "x"}


def test_keys_before_any_section_are_ignored():
    assert sections("region=orphan\n[default]\nregion=r\n") == {"default": {"region": "r"}}


def test_crlf_line_endings():
    text = "[default]\r\nregion = us-west-2\r\n\r\n[profile a]\r\nrole_arn = arn # c\r\n"
    assert sections(text) == {"default": {"region": "us-west-2"}, "profile a": {"role_arn": "arn"}}


def test_utf8_byte_order_mark_is_ignored():
    assert sections("\ufeff[default]\nregion=r\n") == {"default": {"region": "r"}}


def test_section_header_with_trailing_comment():
    assert sections("[profile p] # mine\nregion=r\n") == {"profile p": {"region": "r"}}


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("[profile ok]\nregion=x\n[profile broken\nregion=y\n", 3),
        ("[default]\nregion=x\n\n# comment\njust some words\n", 5),
        ("[default]\n= value without key\n", 2),
        ("[default]\r\nregion=x\r\nnot a pair\r\n", 3),
        ("[default]\nregion=x\fjunk\nbroken line\n", 3),
    ],
)
def test_malformed_input_names_the_file_and_line(text, line):
    with pytest.raises(ConfigError) as excinfo:
        parse_ini(text, "/home/me/.aws/config")
    message = str(excinfo.value)
    assert "/home/me/.aws/config" in message
    assert f"line {line}" in message
