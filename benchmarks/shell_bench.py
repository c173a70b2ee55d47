"""What the shell integration costs, measured inside real bash, zsh and fish.

1. Per-prompt cost of the hook when nothing changes, beside the same shell with an empty
   function in its place (bash/zsh: the PROMPT_COMMAND/precmd function called in a loop in one
   shell process; fish: `emit fish_prompt`, which is how fish runs it). Two states: no session,
   and an active expiring session (the refresh check runs; fish forks one `date`).
   Also: a `cd` to another directory with no `.aws-profile` (the walk up, no process), and the
   `aws_vault_prompt` segment.
2. Tab-completion latency of a profile name with 1,000 profiles in the config: the executable
   (`aws-vault __complete profiles`) alone, and each shell's completion function end to end.

Usage: python benchmarks/shell_bench.py [--prompts N] [--tabs N]
Targets: < 1 ms per prompt in bash and zsh, < 5 ms in fish; < 100 ms per Tab.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SCRIPTS = REPO / "src" / "aws_vault" / "shells" / "scripts"
EXECUTABLE = shutil.which("aws-vault", path=str(Path(sys.executable).parent)) or shutil.which("aws-vault")

# Each program prints "<label> <total seconds>" lines; {n} is the iteration count, {hook} the
# hook script, {deep} a directory 6 levels down with no .aws-profile, {deep2} its sibling.
PROMPT_PROGRAMS = {
    "bash": r"""
_AWS_VAULT_BIN={bin}; source {hook}
_empty() {{ local s=$?; return $s; }}
t() {{ local label=$1 fn=$2 i start; start=$EPOCHREALTIME
      for (( i = 0; i < {n}; i++ )); do $fn; done
      echo "$label $(( ${{EPOCHREALTIME/./}} - ${{start/./}} ))e-6"; }}
cd {deep}; _aws_vault_hook
t baseline _empty
t idle-no-session _aws_vault_hook
export AWS_VAULT=p _AWS_VAULT_EXPIRES=$(( EPOCHSECONDS + 3600 )) _AWS_VAULT_REFRESH_AT=$(( EPOCHSECONDS + 3300 ))
t idle-session _aws_vault_hook
_cd() {{ if [[ $PWD == {deep} ]]; then cd {deep2}; else cd {deep}; fi; }}
_cd_empty() {{ _cd; }}
_cd_hook() {{ _cd; _aws_vault_hook; }}
t cd-baseline _cd_empty
t cd-hook _cd_hook
_seg() {{ aws_vault_prompt >/dev/null; }}
_seg_sub() {{ local x; x=$(aws_vault_prompt); }}
t segment-call _seg
t segment-subst _seg_sub
""",
    "zsh": r"""
_AWS_VAULT_BIN={bin}; source {hook}
zmodload zsh/datetime
_empty() {{ local s=$?; return $s }}
t() {{ local label=$1 fn=$2 i start=$EPOCHREALTIME
      for (( i = 0; i < {n}; i++ )); do $fn; done
      print "$label $(( EPOCHREALTIME - start ))" }}
cd {deep}; _aws_vault_hook
t baseline _empty
t idle-no-session _aws_vault_hook
export AWS_VAULT=p _AWS_VAULT_EXPIRES=$(( EPOCHSECONDS + 3600 )) _AWS_VAULT_REFRESH_AT=$(( EPOCHSECONDS + 3300 ))
t idle-session _aws_vault_hook
# cd -q: without chpwd functions (so without the hook's walk) for the baseline.
_cd() {{ if [[ $PWD == {deep} ]]; then cd $1 {deep2}; else cd $1 {deep}; fi }}
_cd_empty() {{ _cd -q }}
_cd_hook() {{ _cd; _aws_vault_hook }}
t cd-baseline _cd_empty
t cd-hook _cd_hook
_seg() {{ aws_vault_prompt >/dev/null }}
_seg_sub() {{ local x; x=$(aws_vault_prompt) }}
t segment-call _seg
t segment-subst _seg_sub
""",
    "fish": r"""
set -g _AWS_VAULT_BIN {bin}; source {hook}
function t; set -l label $argv[1]; set -l start (date +%s%N)
    for i in (seq {n}); eval $argv[2..-1]; end
    echo $label (math "((" (date +%s%N) - $start ") / 1000000000)"); end
function _empty_handler --on-event _bench_empty; end
cd {deep}
t baseline emit _bench_empty
t idle-no-session emit fish_prompt
set -gx AWS_VAULT p; set -gx _AWS_VAULT_EXPIRES (math (date +%s) + 3600); set -gx _AWS_VAULT_REFRESH_AT (math (date +%s) + 3300)
t idle-session emit fish_prompt
function _cd; if test $PWD = {deep}; cd {deep2}; else; cd {deep}; end; end
t cd-hook "_cd; emit fish_prompt"
t segment-call "aws_vault_prompt >/dev/null"
""",
}

# Completion: {n} completions of `aws-vault exec prof-12` (11 matches of 1,000 profiles).
TAB_PROGRAMS = {
    "bash": r"""
_AWS_VAULT_BIN={bin}; source {completion}
start=$EPOCHREALTIME
for (( i = 0; i < {n}; i++ )); do COMP_WORDS=(aws-vault exec prof-12); COMP_CWORD=2; _aws_vault_complete; done
echo "tab $(( ${{EPOCHREALTIME/./}} - ${{start/./}} ))e-6 ${{#COMPREPLY[@]}}"
""",
    "zsh": r"""
_AWS_VAULT_BIN={bin}
autoload -Uz compinit && compinit -u -D -d {tmp}/zcompdump
source {completion}
zmodload zsh/datetime
typeset -ga got
compadd() {{ while [[ $1 == -* && $1 != -- ]]; do shift; done; [[ $1 == -- ]] && shift; got=(${{(M)@:#${{PREFIX}}*}}) }}
start=$EPOCHREALTIME
for (( i = 0; i < {n}; i++ )); do words=(aws-vault exec prof-12); CURRENT=3; PREFIX=prof-12; _aws_vault; done
print "tab $(( EPOCHREALTIME - start )) $#got"
""",
    "fish": r"""
set -g _AWS_VAULT_BIN {bin}; source {completion}
set -l start (date +%s%N)
for i in (seq {n}); set -g got (complete -C'aws-vault exec prof-12'); end
echo tab (math "((" (date +%s%N) - $start ") / 1000000000)") (count $got)
""",
}
ARGV = {
    "bash": ["bash", "--norc", "--noprofile", "-c"],
    "zsh": ["zsh", "-f", "-c"],
    "fish": ["fish", "--no-config", "-c"],
}


def run(shell: str, program: str, env: dict[str, str]) -> dict[str, list[str]]:
    done = subprocess.run([*ARGV[shell], program], env=env, capture_output=True, text=True, timeout=600, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{shell} failed ({done.returncode}):\n{done.stderr}")
    results = {}
    for line in done.stdout.splitlines():
        label, *values = line.split()
        results[label] = values
    return results


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f}"


def us(seconds: float) -> str:
    return f"{seconds * 1e6:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--prompts", type=int, default=2000, help="prompt iterations (bash, zsh)")
    parser.add_argument("--fish-prompts", type=int, default=300, help="prompt iterations (fish)")
    parser.add_argument("--tabs", type=int, default=10, help="completions per shell")
    args = parser.parse_args()
    if not EXECUTABLE:
        raise SystemExit("aws-vault is not installed")
    shells = [s for s in ("bash", "zsh", "fish") if shutil.which(s)]

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        home = tmp / "home"
        deep = tmp / "a" / "b" / "c" / "d" / "e" / "f"
        deep2 = deep.parent / "g"
        deep.mkdir(parents=True)
        deep2.mkdir()
        (home / ".aws").mkdir(parents=True)
        config = home / ".aws" / "config"
        config.write_text("".join(f"[profile prof-{i}]\nregion = us-east-1\n" for i in range(1000)))
        env = {
            k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "_AWS_VAULT"))
        }  # fmt: skip
        env.update(HOME=str(home), AWS_CONFIG_FILE=str(config), XDG_DATA_HOME=str(home / "data"),
                   AWS_VAULT_BACKEND="file", AWS_VAULT_FILE_DIR=str(home / "keys"),
                   LC_ALL="C.UTF-8")  # fmt: skip
        env["PATH"] = f"{Path(EXECUTABLE).parent}{os.pathsep}{env.get('PATH', '')}"

        print("Per-prompt cost of the hook when nothing changes (one shell process, in a loop)")
        header = f"{'shell':6} {'state':22} {'n':>5} {'µs/prompt':>10} {'baseline µs':>12} {'hook cost µs':>13}"
        print(header)
        print("-" * len(header))
        for shell in shells:
            n = args.fish_prompts if shell == "fish" else args.prompts
            program = PROMPT_PROGRAMS[shell].format(
                bin=EXECUTABLE, hook=SCRIPTS / f"hook.{shell}", n=n, deep=deep, deep2=deep2
            )
            got = {label: float(values[0]) / n for label, values in run(shell, program, env).items()}
            base = got["baseline"]
            rows = [
                ("idle, no session", got["idle-no-session"], base),
                ("idle, expiring session", got["idle-session"], base),
            ]
            if "cd-baseline" in got:
                rows.append(("cd (walk, no process)", got["cd-hook"], got["cd-baseline"]))
            else:
                rows.append(("cd + prompt", got["cd-hook"], base))
            rows.append(("aws_vault_prompt", got["segment-call"], 0.0))
            if "segment-subst" in got:
                rows.append(("$(aws_vault_prompt)", got["segment-subst"], 0.0))
            for state, value, baseline in rows:
                print(f"{shell:6} {state:22} {n:5d} {us(value):>10} {us(baseline):>12} {us(value - baseline):>13}")
        print()

        print("Tab completion of a profile name, 1,000 profiles in the config")
        header = f"{'what':34} {'n':>4} {'median ms':>10} {'min ms':>8} {'matches':>8}"
        print(header)
        print("-" * len(header))
        samples = []
        for _ in range(args.tabs):
            start = time.perf_counter()
            done = subprocess.run([EXECUTABLE, "__complete", "profiles"], env=env, capture_output=True, text=True, check=True)
            samples.append(time.perf_counter() - start)
        count = len(done.stdout.split())
        print(f"{'aws-vault __complete profiles':34} {args.tabs:4d} {ms(statistics.median(samples)):>10} {ms(min(samples)):>8} {count:>8}")
        for shell in shells:
            program = TAB_PROGRAMS[shell].format(
                bin=EXECUTABLE, completion=SCRIPTS / f"completion.{shell}", n=args.tabs, tmp=tmp
            )
            values = run(shell, program, env)["tab"]
            per = float(values[0]) / args.tabs
            print(f"{shell + ' completion function':34} {args.tabs:4d} {ms(per):>10} {'':>8} {values[1]:>8}")


if __name__ == "__main__":
    main()
