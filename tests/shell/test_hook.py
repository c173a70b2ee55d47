"""The hook in real bash, zsh and fish: `aws-vault use`, pass-through of other subcommands,
directory profiles, the prompt segment, refresh before expiry, no process on idle prompts,
`$?` kept, and installing twice installing once."""

from __future__ import annotations

import re
import time

import pexpect
import pytest

from tests.conftest import EXECUTABLE, run_cli
from tests.shell.conftest import (
    ROLE_ARN_SEEN,
    SHELLS,
    STATUS,
    USER_ARN_SEEN,
    calls,
    need,
    set_var,
    shell_env,
    wait_until,
    write_executable,
)

SEGMENT = re.compile(r"\[aws:admin (\d+m|\dh\d\dm)\]")


def hooked(spawn, shell, env=None, cwd=None, bin_path=None):
    sh = spawn(shell, env=env, cwd=cwd)
    if bin_path is not None:
        sh.run(set_var(shell, "_AWS_VAULT_BIN", str(bin_path)))
    out = sh.load_hook()
    assert "error" not in out
    return sh


# --- use ---------------------------------------------------------------------------------


@pytest.mark.parametrize("shell", SHELLS)
def test_use_switches_and_unset_leaves(shell, spawn, profiles):
    sh = hooked(spawn, shell)
    assert sh.status_of("aws-vault use admin") == 0
    assert sh.identity() == ROLE_ARN_SEEN
    assert sh.env()["AWS_VAULT"] == "admin"
    assert sh.status_of("aws-vault use alice -n") == 0
    env = sh.env()
    assert env["AWS_VAULT"] == "alice" and "AWS_SESSION_TOKEN" not in env
    assert sh.identity() == USER_ARN_SEEN
    assert sh.status_of("aws-vault use --unset") == 0
    env = sh.env()
    assert not {"AWS_VAULT", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"} & set(env)


@pytest.mark.parametrize("shell", SHELLS)
def test_a_failed_use_changes_nothing(shell, spawn, profiles):
    sh = hooked(spawn, shell)
    sh.run("aws-vault use admin")
    before = sh.env()
    out = sh.run("aws-vault use nope")
    assert out.count("aws-vault: error:") == 1
    assert int(re.search(r"rc=(\d+)", sh.run(f"echo rc={STATUS[shell]}")).group(1)) != 0
    assert sh.env() == before


@pytest.mark.parametrize("shell", SHELLS)
def test_other_subcommands_pass_through_with_their_status(shell, spawn, profiles):
    sh = hooked(spawn, shell)
    out = sh.run(f"aws-vault exec nope; echo rc={STATUS[shell]}")
    assert "rc=3" in out and "profile 'nope' not found" in out
    out = sh.run(f"aws-vault list --profiles; echo rc={STATUS[shell]}")
    assert out.split() == ["alice", "admin", "rc=0"]
    out = sh.run(f"aws-vault exec alice -n -- sh -c 'exit 7'; echo rc={STATUS[shell]}")
    assert "rc=7" in out


# --- prompt segment ----------------------------------------------------------------------


@pytest.mark.parametrize("shell", SHELLS)
def test_prompt_segment(shell, spawn, profiles):
    sh = hooked(spawn, shell)
    show = 'echo "[$(aws_vault_prompt)]"'
    if shell == "fish":
        show = 'set s (aws_vault_prompt); echo "[$s]"'
    assert sh.run(show).strip() == "[]"
    sh.run("aws-vault use admin")
    assert SEGMENT.fullmatch(sh.run(show).strip())
    sh.run("aws-vault use alice -n")
    assert sh.run(show).strip() == "[aws:alice]"
    # The formats, on made-up state (no refresh is due: no _AWS_VAULT_REFRESH_AT).
    sh.run("aws-vault use --unset")
    now = int(time.time())
    cases = (
        (now + 3930, "1h05m"), (now + 42 * 60 + 30, "42m"), (now + 40, r"\d\ds"),
        (now - 5, "expired"),
    )  # fmt: skip
    for expires, expected in cases:
        sh.run(set_var(shell, "AWS_VAULT", "p"))
        sh.run(set_var(shell, "_AWS_VAULT_EXPIRES", str(expires)))
        assert re.fullmatch(rf"\[aws:p {expected}\]", sh.run(show).strip()), expected
    # Without the hook's state, the RFC 3339 expiry that `exec` sets is read instead.
    sh.run("set -e _AWS_VAULT_EXPIRES" if shell == "fish" else "unset _AWS_VAULT_EXPIRES")
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now + 7200 + 90))
    sh.run(set_var(shell, "AWS_CREDENTIAL_EXPIRATION", stamp))
    assert sh.run(show).strip() == "[aws:p 2h01m]"


# --- directory profiles ------------------------------------------------------------------


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / ".aws-profile").write_text("# the team's account\nalice\n")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    return root, outside


@pytest.mark.parametrize("shell", SHELLS)
def test_entering_an_allowed_tree_switches_and_leaving_restores_nothing(
    shell, spawn, profiles, project
):
    root, outside = project
    assert run_cli("allow", str(root)).returncode == 0
    sh = hooked(spawn, shell, cwd=outside)
    assert "AWS_VAULT" not in sh.env()
    sh.run(f"cd {root / 'sub' / 'deeper'}")
    env = sh.env()
    assert env["AWS_VAULT"] == "alice" and env["AWS_SESSION_TOKEN"]
    assert ":user/" in sh.identity()  # a GetSessionToken session (moto names it user/moto)
    sh.run(f"cd {root}")
    assert sh.env()["AWS_VAULT"] == "alice"
    sh.run(f"cd {outside}")
    env = sh.env()
    assert not {"AWS_VAULT", "AWS_ACCESS_KEY_ID", "AWS_SESSION_TOKEN"} & set(env)


@pytest.mark.parametrize("shell", SHELLS)
def test_leaving_the_tree_restores_the_previous_profile(shell, spawn, profiles, project):
    root, outside = project
    assert run_cli("allow", str(root)).returncode == 0
    sh = hooked(spawn, shell, cwd=outside)
    sh.run("aws-vault use admin")
    sh.run(f"cd {root}")
    assert sh.env()["AWS_VAULT"] == "alice"
    sh.run(f"cd {outside}")
    assert sh.env()["AWS_VAULT"] == "admin"
    assert sh.identity() == ROLE_ARN_SEEN


@pytest.mark.parametrize("shell", SHELLS)
def test_a_shell_started_inside_an_allowed_tree_switches_at_once(shell, spawn, profiles, project):
    root, _outside = project
    assert run_cli("allow", str(root)).returncode == 0
    sh = hooked(spawn, shell, cwd=root / "sub")
    assert sh.env()["AWS_VAULT"] == "alice"


@pytest.mark.parametrize("shell", SHELLS)
def test_an_unallowed_file_changes_nothing_and_says_how_to_allow(shell, spawn, profiles, project):
    root, outside = project
    sh = hooked(spawn, shell, cwd=outside)
    sh.run("aws-vault use admin")
    before = sh.env()
    out = sh.run(f"cd {root / 'sub'}")
    assert "aws-vault allow" in out
    assert len([line for line in out.splitlines() if line.strip()]) == 1
    assert sh.env() == {**before, "_AWS_VAULT_DIR_FILE": str(root / ".aws-profile")}
    assert "aws-vault allow" not in sh.enter()  # said once, not at every prompt
    sh.run("aws-vault allow")  # takes effect at the next prompt
    assert sh.env()["AWS_VAULT"] == "alice"
    sh.run(f"cd {outside}")
    assert sh.env()["AWS_VAULT"] == "admin"
    sh.run(f"cd {root}")
    sh.run("aws-vault deny")  # revoked: the tree's profile goes, what was before comes back
    assert sh.env()["AWS_VAULT"] == "admin"
    sh.run(f"cd {outside}")
    assert "aws-vault allow" in sh.run(f"cd {root}")
    assert sh.env()["AWS_VAULT"] == "admin"


def test_a_tree_reached_through_a_symlink_is_obeyed(spawn, profiles, project, tmp_path):
    root, outside = project
    link = tmp_path / "link"
    link.symlink_to(root)
    sh = hooked(spawn, "bash", cwd=outside)
    sh.run(f"cd {link}")
    sh.run("aws-vault allow")
    sh.run(f"cd {outside}")
    out = sh.run(f"cd {link}")
    assert "aws-vault allow" not in out
    assert sh.env().get("AWS_VAULT") == "alice"


# --- no process when nothing changes -----------------------------------------------------


@pytest.mark.parametrize("shell", SHELLS)
def test_idle_prompts_start_no_process(shell, spawn, profiles, logging_bin, project):
    wrapper, log = logging_bin
    root, _outside = project
    assert run_cli("allow", str(root)).returncode == 0
    sh = hooked(spawn, shell, bin_path=wrapper, cwd=root)
    sh.run("aws-vault use admin")  # an expiring session, so the refresh check is armed
    assert sh.env()["AWS_VAULT"] == "admin"
    sh.run(f"cd {root / 'sub'}")  # same .aws-profile: no call either
    count = len(calls(log))
    for _ in range(5):
        sh.enter()
    assert calls(log)[count:] == []
    assert sorted(c.split()[0] for c in calls(log)) == ["completion", "env", "hook-dir"]


COUNT_HOOK_RUNS = {
    # Each run of the prompt hook appends a line to the log file ({log}).
    "bash": [
        'eval "_aws_vault_hook_orig$(declare -f _aws_vault_hook | tail -n +2)"',
        "_aws_vault_hook() {{ echo x >> {log}; _aws_vault_hook_orig; }}",
    ],
    "zsh": [
        "functions -c _aws_vault_hook _aws_vault_hook_orig",
        "_aws_vault_hook() {{ echo x >> {log}; _aws_vault_hook_orig }}",
    ],
    # fish: with an expiring session each run forks one `date`; this one counts.
    "fish": [],
}


@pytest.mark.parametrize("shell", SHELLS)
def test_sourcing_twice_runs_the_hook_once_per_prompt(shell, spawn, tmp_path):
    log = tmp_path / "runs.log"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    write_executable(bin_dir / "date", f'#!/bin/sh\necho x >> "{log}"\nexec /bin/date "$@"\n')
    sh = spawn(shell)
    sh.load_hook()
    sh.load_hook()
    for line in COUNT_HOOK_RUNS[shell]:
        sh.run(line.format(log=log))
    if shell == "fish":
        sh.run(f"set -gx PATH {bin_dir} $PATH")
    sh.run(set_var(shell, "AWS_VAULT", "p"))
    sh.run(set_var(shell, "_AWS_VAULT_REFRESH_AT", str(int(time.time()) + 3600)))
    count = len(calls(log))
    for _ in range(3):
        sh.enter()
    assert len(calls(log)) - count == 3


# --- $? ------------------------------------------------------------------------------------


@pytest.mark.parametrize("shell", SHELLS)
def test_the_exit_status_survives_the_hook(shell, spawn, tmp_path, project):
    root, outside = project
    fake = write_executable(tmp_path / "fake-aws-vault", "#!/bin/sh\nexit 0\n")
    sh = spawn(shell, cwd=outside)
    sh.run(set_var(shell, "_AWS_VAULT_BIN", str(fake)))
    sh.load_hook()
    assert sh.status_of("false") == 1
    # ...and when the hook has work to do: a refresh and a directory change.
    sh.run(set_var(shell, "AWS_VAULT", "p"))
    sh.run(set_var(shell, "_AWS_VAULT_REFRESH_AT", "1"))
    assert sh.status_of(f"cd {root}; false") == 1
    assert sh.status_of("sh -c 'exit 42'") == 42


# --- refresh -------------------------------------------------------------------------------


def min_ttl_env():
    # 15 minutes of credentials, refreshed when less than 14m54s are left: 6 seconds from now.
    return {"AWS_MIN_TTL": "14m54s"}


@pytest.mark.parametrize("shell", SHELLS)
def test_credentials_are_refreshed_before_they_expire(shell, spawn, profiles):
    sh = hooked(spawn, shell, env=min_ttl_env())
    sh.run("aws-vault use admin -d 15m")
    first = sh.env()
    assert int(first["_AWS_VAULT_EXPIRES"]) - int(first["_AWS_VAULT_REFRESH_AT"]) == 14 * 60 + 54
    wait_until(int(first["_AWS_VAULT_REFRESH_AT"]) + 1)
    sh.enter()
    second = sh.env()
    assert second["AWS_VAULT"] == "admin"
    assert second["AWS_ACCESS_KEY_ID"] != first["AWS_ACCESS_KEY_ID"]
    assert int(second["_AWS_VAULT_REFRESH_AT"]) > int(first["_AWS_VAULT_REFRESH_AT"])
    assert sh.identity() == ROLE_ARN_SEEN


@pytest.mark.parametrize("shell", SHELLS)
def test_a_failed_refresh_says_so_once_and_keeps_the_shell(shell, spawn, profiles, logging_bin):
    wrapper, log = logging_bin
    sh = hooked(spawn, shell, env={**min_ttl_env(), "AWS_MAX_ATTEMPTS": "1"}, bin_path=wrapper)
    sh.run("aws-vault use admin -d 15m")
    first = sh.env()
    # STS goes away (a closed port) before the refresh is due; the environment's endpoint
    # comes before the config file's, as in botocore.
    closed = "http://127.0.0.1:9"
    if shell == "fish":
        sh.run(f"set -gx AWS_ENDPOINT_URL {closed}")
    else:
        sh.run(f"export AWS_ENDPOINT_URL={closed}")
    wait_until(int(first["_AWS_VAULT_REFRESH_AT"]) + 1)
    out = sh.enter()
    errors = [line for line in out.splitlines() if line.startswith("aws-vault: error:")]
    assert len(errors) == 1, out
    count = len(calls(log))
    assert "aws-vault" not in sh.enter() + sh.enter()
    assert len(calls(log)) == count  # no retry at every prompt
    env = sh.env()
    assert env["AWS_ACCESS_KEY_ID"] == first["AWS_ACCESS_KEY_ID"]  # the old keys stay
    assert int(time.time()) + 50 < int(env["_AWS_VAULT_REFRESH_AT"]) <= int(time.time()) + 61
    assert "alive" in sh.run("echo alive")


@pytest.mark.parametrize("shell", SHELLS)
def test_min_ttl_longer_than_the_credentials_does_not_refresh_at_every_prompt(
    shell, spawn, profiles, logging_bin
):
    wrapper, log = logging_bin
    sh = hooked(spawn, shell, env={"AWS_MIN_TTL": "2h"}, bin_path=wrapper)
    sh.run("aws-vault use admin")  # due for refresh as soon as it is made
    count = len(calls(log))
    for _ in range(3):
        sh.enter()
    assert len(calls(log)) == count
    assert sh.env()["AWS_VAULT"] == "admin"


# --- bash specifics ------------------------------------------------------------------------


def test_bash_prompt_command_as_an_array(spawn, profiles, project):
    root, outside = project
    assert run_cli("allow", str(root)).returncode == 0
    sh = spawn("bash", cwd=outside)
    sh.run("mine() { echo MINE$((40+2)); }; PROMPT_COMMAND=(mine)")
    sh.load_hook()
    sh.load_hook()
    out = sh.run("declare -p PROMPT_COMMAND")
    assert 'declare -a PROMPT_COMMAND=([0]="_aws_vault_hook" [1]="mine")' in out
    assert "MINE42" in sh.enter()
    sh.run(f"cd {root}")
    assert sh.env()["AWS_VAULT"] == "alice"


def test_bash_prompt_command_as_a_string_is_kept(spawn):
    sh = spawn("bash")
    sh.run("mine() { echo MINE$((40+2)); }; PROMPT_COMMAND='mine'")
    sh.load_hook()
    sh.load_hook()
    assert "_aws_vault_hook;mine" in sh.run('echo "PC=$PROMPT_COMMAND"')
    assert "MINE42" in sh.enter()


def test_zsh_keeps_other_hooks_and_installs_once(spawn):
    sh = spawn("zsh")
    sh.run("mine() { echo MINE$((40+2)) }; precmd_functions=(mine)")
    sh.load_hook()
    sh.load_hook()
    out = sh.run("print -r -- P=$precmd_functions C=$chpwd_functions")
    assert "P=_aws_vault_hook mine C=_aws_vault_dir_hook" in out
    assert "MINE42" in sh.enter()


def test_fish_installs_its_handlers_once(spawn):
    sh = spawn("fish")
    sh.load_hook()
    sh.load_hook()
    out = sh.run("functions --handlers | string match -r '__aws_vault\\S+'")
    assert sorted(out.split()) == ["__aws_vault_dir_hook", "__aws_vault_prompt_hook"]
    assert sh.run("echo (count (complete -c aws-vault))").strip() == "1"


# --- exec subshell -------------------------------------------------------------------------

RC_FILES = {
    "bash": (".bashrc", "source <(aws-vault hook bash)\nPS1='[$(aws_vault_prompt)] @@SUB@@ '\n"),
    "zsh": (".zshrc", "eval \"$(aws-vault hook zsh)\"\nsetopt prompt_subst\nunsetopt zle\n"
                      "PS1='[$(aws_vault_prompt)] @@SUB@@ '\n"),
    "fish": (".xdg_config_home/fish/config.fish",
             "aws-vault hook fish | source\n"
             "function fish_prompt; printf '[%s] @@SUB@@ ' (aws_vault_prompt); end\n"),
}  # fmt: skip


@pytest.mark.parametrize("shell", SHELLS)
def test_exec_subshell_shows_the_segment(shell, profiles, isolated_env):
    rc_name, rc_text = RC_FILES[shell]
    rc = isolated_env / rc_name
    rc.parent.mkdir(parents=True, exist_ok=True)
    rc.write_text(rc_text)
    env = shell_env({"SHELL": need(shell)})
    child = pexpect.spawn(EXECUTABLE, ["exec", "admin"], env=env, encoding="utf-8",
                          dimensions=(50, 2000), timeout=60)  # fmt: skip
    child.delaybeforesend = None
    try:
        child.expect(r"\[aws:admin (\d+m|\dh\d\dm)\] @@SUB@@ ")
        child.sendline("exit")
        child.expect(pexpect.EOF)
    finally:
        child.close()
