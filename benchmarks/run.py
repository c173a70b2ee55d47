"""Start-up cost of aws-vault's everyday commands, as ratios to Python's own bare start-up.

Run it with `make bench`. Each command is a fresh process, as a user or an SDK would start it;
the cases take turns within each round so that background load hits them all alike. The
cached cases run against a session stored beforehand, with the local STS already stopped, so
they measure aws-vault itself and fail loudly if any of them tried to reach AWS.
Results are printed as a table and written to benchmarks/results.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from demo import USER, create_iam_user, demo_env, start_moto  # noqa: E402 - the demo's setup

AWS_VAULT = str(Path(sys.executable).parent / "aws-vault")
RESULTS = Path(__file__).resolve().parent / "results.json"
PROFILES = 1000
TARGET = 3.0  # cached export/exec: under 3x Python's bare start-up


@dataclass(frozen=True)
class Case:
    name: str
    argv: tuple[str, ...]
    env: Mapping[str, str]
    target: float | None = None  # the largest acceptable ratio to the baseline


def run_once(case: Case) -> float:
    """Milliseconds for one run of the case; a failing run stops the benchmark."""
    start = time.perf_counter()
    done = subprocess.run(
        case.argv, env=dict(case.env), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, start_new_session=True, check=False,
    )  # fmt: skip
    elapsed = (time.perf_counter() - start) * 1000
    if done.returncode != 0:
        sys.exit(f"{case.name}: exit status {done.returncode}: {done.stderr.decode().strip()}")
    return elapsed


def measure(cases: Sequence[Case], runs: int, warmup: int) -> dict[str, list[float]]:
    """Round-robin: every round runs every case once; warm-up rounds are not recorded."""
    samples: dict[str, list[float]] = {case.name: [] for case in cases}
    for round_number in range(warmup + runs):
        for case in cases:
            elapsed = run_once(case)
            if round_number >= warmup:
                samples[case.name].append(elapsed)
    return samples


def p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10, method="inclusive")[8]


def prime_session(home: Path) -> tuple[dict[str, str], str]:
    """Start the local STS, store the IAM user's keys, let one export create a session, and
    stop the STS again. Returns the commands' environment and the session's access key id."""
    server = start_moto()
    try:
        host, port = server.get_host_and_port()
        endpoint = f"http://{host}:{port}"
        env = demo_env(home, endpoint)
        # Measure what users run: bytecode cached, as any install leaves it. With this variable
        # set, every run would compile aws-vault's modules from source again.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        key_id, secret = create_iam_user(endpoint)
        keys = {"AWS_ACCESS_KEY_ID": key_id, "AWS_SECRET_ACCESS_KEY": secret}
        subprocess.run([AWS_VAULT, "add", "--env", USER], env={**env, **keys}, check=True,
                       capture_output=True, start_new_session=True)  # fmt: skip
        session_key = export(env)
    finally:
        server.stop()
    return env, session_key


def check_cached(env: Mapping[str, str], session_key: str) -> None:
    """With the STS gone, export and exec must still work: they are served from the cache."""
    if export(env) != session_key:
        sys.exit("export did not return the cached session")
    done = subprocess.run([AWS_VAULT, "exec", USER, "--", "true"], env=dict(env),
                          capture_output=True, start_new_session=True, check=False)  # fmt: skip
    if done.returncode != 0:
        sys.exit(f"exec without STS failed: {done.stderr.decode().strip()}")


def export(env: Mapping[str, str]) -> str:
    done = subprocess.run(
        [AWS_VAULT, "export", "--format=json", USER], env=dict(env), capture_output=True,
        text=True, start_new_session=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        sys.exit(f"export failed: {done.stderr.strip()}")
    return json.loads(done.stdout)["AccessKeyId"]


def big_config(home: Path) -> Path:
    """A config of PROFILES role profiles that all take their keys from the stored user."""
    path = home / "config-1000"
    sections = [f"[profile {USER}]\nregion = eu-west-1\n"]
    sections += [
        f"[profile team-{i:04d}]\nsource_profile = {USER}\n"
        f"role_arn = arn:aws:iam::123456789012:role/team-{i:04d}\nregion = us-east-1\n"
        for i in range(PROFILES - 1)
    ]
    path.write_text("\n".join(sections))
    return path


def cases(env: dict[str, str], home: Path) -> list[Case]:
    big = {**env, "AWS_CONFIG_FILE": str(big_config(home))}
    return [
        Case("python -c pass (baseline)", (sys.executable, "-c", "pass"), env),
        Case("aws-vault --version", (AWS_VAULT, "--version"), env),
        Case("export --format=json (cached)", (AWS_VAULT, "export", "--format=json", USER), env,
             TARGET),  # fmt: skip
        Case("exec P -- true (cached)", (AWS_VAULT, "exec", USER, "--", "true"), env, TARGET),
        Case("env P --shell bash (cached)", (AWS_VAULT, "env", USER, "--shell", "bash"), env,
             TARGET),  # fmt: skip
        Case(f"__complete profiles ({PROFILES})", (AWS_VAULT, "__complete", "profiles"), big),
        Case(f"list ({PROFILES} profiles)", (AWS_VAULT, "list"), big),
    ]


def report(all_cases: list[Case], samples: dict[str, list[float]], args) -> dict:
    baseline = statistics.median(samples[all_cases[0].name])
    rows = []
    for case in all_cases:
        median = statistics.median(samples[case.name])
        ratio = median / baseline
        met = None if case.target is None else ratio < case.target
        rows.append({
            "name": case.name, "argv": [Path(case.argv[0]).name, *case.argv[1:]],
            "median_ms": round(median, 1), "p90_ms": round(p90(samples[case.name]), 1),
            "ratio": round(ratio, 2), "target_ratio": case.target, "met": met,
        })  # fmt: skip
    print(f"\n{'command':<32}{'median ms':>10}{'p90 ms':>9}{'ratio':>8}  target")
    for row in rows:
        target = "-" if row["met"] is None else (
            f"< {row['target_ratio']:g}x  {'ok' if row['met'] else 'MISSED'}")  # fmt: skip
        print(f"{row['name']:<32}{row['median_ms']:>10.1f}{row['p90_ms']:>9.1f}"
              f"{row['ratio']:>7.2f}x  {target}")  # fmt: skip
    return {
        "python": platform.python_version(), "platform": platform.platform(),
        "runs": args.runs, "warmup": args.warmup, "results": rows,
    }  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="measured runs per command")
    parser.add_argument("--warmup", type=int, default=3, help="unmeasured runs per command first")
    parser.add_argument("--output", type=Path, default=RESULTS, help="where to write the JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="aws-vault-bench-") as tmp:
        home = Path(tmp)
        (home / ".aws").mkdir()
        env, session_key = prime_session(home)
        check_cached(env, session_key)
        all_cases = cases(env, home)
        print(f"{args.warmup} warm-up + {args.runs} measured runs of {len(all_cases)} commands")
        results = report(all_cases, measure(all_cases, args.runs, args.warmup), args)
    args.output.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nwritten to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
