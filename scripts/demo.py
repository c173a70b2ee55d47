"""A guided tour of aws-vault against a local STS/IAM (moto), in a throwaway HOME.

Run it with `make demo`. Every step prints the command it runs and what the command printed;
the tour stops with a non-zero exit status at the first step that does not behave as expected.
Nothing outside a temporary directory is touched, and the local STS is stopped on the way out.
"""

from __future__ import annotations

import json
import logging
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

ACCOUNT = "123456789012"
USER = "demo-user"
MFA_SERIAL = f"arn:aws:iam::{ACCOUNT}:mfa/{USER}"
MFA_MARK = "[mfa_process] handing out code 123456"
BIN = Path(sys.executable).parent  # the virtualenv: aws-vault, aws and python live here
WHOAMI = "import boto3; print(boto3.client('sts').get_caller_identity()['Arn'])"


class StepFailed(Exception):
    pass


@dataclass
class Demo:
    env: dict[str, str]
    keys: tuple[str, str]  # the IAM user's access key id and secret

    @property
    def config(self) -> Path:
        return Path(self.env["AWS_CONFIG_FILE"])

    def run(
        self, *args: str, env: Mapping[str, str] | None = None, show: str = ""
    ) -> subprocess.CompletedProcess[str]:
        """Run a command as a user would type it; print it and what it printed (stderr first)."""
        print(f"$ {show or shlex.join(args)}")
        done = subprocess.run(
            [shutil.which(args[0], path=self.env["PATH"]) or args[0], *args[1:]],
            env={**self.env, **(env or {})},
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=120,
            start_new_session=True,  # no controlling terminal: a stray prompt fails, never hangs
            check=False,
        )
        output = done.stderr + done.stdout
        print(output, end="" if output.endswith("\n") or not output else "\n")
        if done.returncode != 0:
            raise StepFailed(f"{show or shlex.join(args)}: exit status {done.returncode}")
        return done

    def append_config(self, text: str) -> None:
        with self.config.open("a") as file:
            file.write(text)

    def show_config(self) -> None:
        print("$ cat ~/.aws/config")
        print(self.config.read_text(), end="")


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise StepFailed(message)


def note(text: str) -> None:
    print(f"# {text}")


def exec_whoami(demo: Demo, profile: str, *flags: str) -> tuple[str, str]:
    """`aws-vault exec PROFILE -- aws sts get-caller-identity`: the ARN, and what went to stderr."""
    cli = ("aws", "sts", "get-caller-identity")
    done = demo.run("aws-vault", "exec", profile, *flags, "--", *cli)
    return json.loads(done.stdout)["Arn"], done.stderr


# --- the local STS/IAM --------------------------------------------------------------------------


def start_moto():
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    return server


def create_iam_user(endpoint: str) -> tuple[str, str]:
    import boto3

    iam = boto3.client(
        "iam", endpoint_url=endpoint, region_name="us-east-1",
        aws_access_key_id="admin", aws_secret_access_key="admin",
    )  # fmt: skip
    iam.create_user(UserName=USER)
    key = iam.create_access_key(UserName=USER)["AccessKey"]
    return key["AccessKeyId"], key["SecretAccessKey"]


def demo_env(home: Path, endpoint: str) -> dict[str, str]:
    """The caller's environment minus anything AWS, pointed at the throwaway HOME and moto."""
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "XDG_"))}
    return {
        **keep,
        "HOME": str(home),
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', os.defpath)}",
        "AWS_CONFIG_FILE": str(home / ".aws" / "config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(home / ".aws" / "credentials"),
        "AWS_VAULT_BACKEND": "file",
        "AWS_VAULT_FILE_DIR": str(home / ".awsvault" / "keys"),
        "AWS_VAULT_FILE_PASSPHRASE": "demo-passphrase",
        "AWS_ENDPOINT_URL": endpoint,  # every AWS call of aws-vault and its children goes to moto
        "AWS_DEFAULT_REGION": "us-east-1",
    }


# --- the steps ----------------------------------------------------------------------------------


def add_keys(demo: Demo) -> None:
    note(f"The IAM user {USER} has an access key; aws-vault stores it in its encrypted file vault.")
    key_env = {"AWS_ACCESS_KEY_ID": demo.keys[0], "AWS_SECRET_ACCESS_KEY": demo.keys[1]}
    shown = f"AWS_ACCESS_KEY_ID=... AWS_SECRET_ACCESS_KEY=... aws-vault add --env {USER}"
    out = demo.run("aws-vault", "add", "--env", USER, env=key_env, show=shown).stdout
    expect("Added credentials" in out, "add did not confirm")
    note("add appended the profile to the config, leaving the rest of the file alone:")
    demo.show_config()
    expect(f"[profile {USER}]" in demo.config.read_text(), "add did not add the profile")


def list_profiles(demo: Demo) -> None:
    out = demo.run("aws-vault", "list").stdout
    expect(USER in out, f"list does not show {USER}")


def exec_master(demo: Demo) -> None:
    note("exec hands the command a short-lived GetSessionToken session, never the stored keys.")
    note("(moto answers GetSessionToken with fixed example keys; it calls their owner user/moto.)")
    arn, _ = exec_whoami(demo, USER)
    expect(arn.startswith("arn:aws:"), "no identity from the AWS CLI")
    note("With --no-session the command gets the user's own keys:")
    arn, _ = exec_whoami(demo, USER, "--no-session")
    expect(arn == f"arn:aws:iam::{ACCOUNT}:user/{USER}", "not the IAM user's identity")


def exec_role(demo: Demo) -> None:
    note("A role profile: aws-vault assumes the role with the stored keys of its source_profile.")
    demo.append_config(
        f"\n[profile demo-admin]\nsource_profile = {USER}\n"
        f"role_arn = arn:aws:iam::{ACCOUNT}:role/demo-admin\n"
    )
    demo.show_config()
    arn, _ = exec_whoami(demo, "demo-admin")
    expect("assumed-role/demo-admin/" in arn, "the role was not assumed")


def exec_mfa_roles(demo: Demo) -> None:
    note("Require MFA: mfa_process supplies the code (for real: a YubiKey, 1Password, ...).")
    note("Two roles share the MFA device of their source profile, so one code serves both.")
    text = demo.config.read_text().replace(
        f"[profile {USER}]\n",
        f"[profile {USER}]\nmfa_serial = {MFA_SERIAL}\n"
        f"mfa_process = sh -c 'echo \"{MFA_MARK}\" >&2; echo 123456'\n",
        1,
    )
    demo.config.write_text(text)
    for role in ("demo-dev", "demo-ops"):
        demo.append_config(
            f"\n[profile {role}]\nsource_profile = {USER}\nmfa_serial = {MFA_SERIAL}\n"
            f"role_arn = arn:aws:iam::{ACCOUNT}:role/{role}\n"
        )
    demo.show_config()
    prompts = 0
    for role in ("demo-dev", "demo-ops"):
        arn, stderr = exec_whoami(demo, role)
        expect(f"assumed-role/{role}/" in arn, f"{role} was not assumed")
        prompts += stderr.count(MFA_MARK)
    note(f"MFA codes asked for: {prompts} (the second role reused the cached MFA session)")
    expect(prompts == 1, f"expected one MFA prompt for two roles, saw {prompts}")


def credential_process(demo: Demo) -> None:
    note("export --format=json prints exactly what an AWS SDK's credential_process expects:")
    out = demo.run("aws-vault", "export", "--format=json", "demo-dev").stdout
    expect(json.loads(out)["Version"] == 1, "export did not print credential_process JSON")
    note("So any SDK can use aws-vault without being started by it:")
    demo.append_config(
        "\n[profile demo-sdk]\ncredential_process = aws-vault export --format=json demo-dev\n"
    )
    demo.show_config()
    out = demo.run(
        "python", "-c", WHOAMI, env={"AWS_PROFILE": "demo-sdk"},
        show=f'AWS_PROFILE=demo-sdk python -c "{WHOAMI}"',
    ).stdout  # fmt: skip
    expect("assumed-role/demo-dev/" in out, "boto3 did not get the role's credentials")
    note("The role session of demo-dev's exec above: cached credentials, no MFA code needed.")


def list_sessions(demo: Demo) -> None:
    note("The sessions and role credentials are cached in the vault until they expire:")
    out = demo.run("aws-vault", "list").stdout
    expect("sts.GetSessionToken:" in out and "sts.AssumeRole:" in out, "no cached sessions listed")


def clear_sessions(demo: Demo) -> None:
    out = demo.run("aws-vault", "clear").stdout
    expect("Cleared" in out, "clear did not report")
    out = demo.run("aws-vault", "list", "--sessions").stdout
    expect(out.strip() == "", "sessions survived clear")


def remove_keys(demo: Demo) -> None:
    out = demo.run("aws-vault", "remove", "-f", USER).stdout
    expect("Deleted credentials." in out, "remove did not confirm")
    out = demo.run("aws-vault", "list", "--credentials").stdout
    expect(USER not in out, "the keys are still stored")


STEPS: list[tuple[str, Callable[[Demo], None]]] = [
    ("Store an IAM user's access key", add_keys),
    ("List profiles, stored keys and sessions", list_profiles),
    ("Use-case 1: exec runs a command with temporary credentials", exec_master),
    ("Use-case 1: a role profile", exec_role),
    ("Use-case 3: one MFA prompt shared by several roles", exec_mfa_roles),
    ("Use-case 2: credential_process for the AWS SDKs", credential_process),
    ("List again: the cached sessions", list_sessions),
    ("Clear the cached sessions", clear_sessions),
    ("Remove the stored keys", remove_keys),
]


def banner(number: int, title: str) -> None:
    print(f"\n=== {number}. {title} ===")


def tour(home: Path, endpoint: str) -> None:
    demo = Demo(demo_env(home, endpoint), create_iam_user(endpoint))
    demo.config.parent.mkdir(parents=True)
    demo.config.write_text("[default]\nregion = us-east-1\n")
    for number, (title, step) in enumerate(STEPS, start=1):
        banner(number, title)
        step(demo)


def main() -> int:
    sys.stdout.reconfigure(line_buffering=True)  # keep our lines in order with the children's
    print("Starting a local STS/IAM (moto) on a loopback port ...")
    server = start_moto()
    try:
        host, port = server.get_host_and_port()
        with tempfile.TemporaryDirectory(prefix="aws-vault-demo-") as home:
            print(f"Throwaway HOME: {home}; file vault passphrase from AWS_VAULT_FILE_PASSPHRASE")
            tour(Path(home), f"http://{host}:{port}")
    except StepFailed as failure:
        print(f"\ndemo FAILED: {failure}", file=sys.stderr)
        return 1
    finally:
        server.stop()
    print("\nDemo complete: every step behaved as expected.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
