# aws-vault shell integration for fish (fish >= 3.1).
#
# Load it from ~/.config/fish/config.fish:
#     aws-vault hook fish | source        or        source /path/to/shell/fish/aws-vault.fish
#
# It gives the current shell:
#   aws-vault use PROFILE [flags]   switch this shell to PROFILE's credentials
#   aws-vault use --unset           remove them again
#   aws_vault_prompt                prints "aws:PROFILE 42m" (nothing without a session);
#                                   call it from fish_prompt or fish_right_prompt
#   before each prompt: credentials refreshed in place when their remaining lifetime drops
#   below AWS_MIN_TTL, and `.aws-profile` files (see `aws-vault allow`) obeyed on `cd`.
# When nothing needs doing, the prompt hook starts at most one process (`date`).
# Sourcing this file twice installs it once.

# Scripts (`fish -c`, shebang scripts) also read config.fish: leave them alone, so a hook
# never waits for an MFA code or passphrase where nobody can type one.
status is-interactive; or return 0

if not set -q _AWS_VAULT_BIN; or test -z "$_AWS_VAULT_BIN"
    set -g _AWS_VAULT_BIN (command -s aws-vault)[1]
end
if test -z "$_AWS_VAULT_BIN"
    echo "aws-vault: error: the hook cannot find the aws-vault executable on PATH" >&2
    return 1
end

# aws-vault use ...: the one subcommand that changes this shell; everything else is the
# executable's, unchanged, with its own exit status.
function aws-vault --description 'aws-vault; `aws-vault use PROFILE` switches this shell'
    if contains -- "$argv[1]" allow deny
        # Look at the directory's .aws-profile again at the next prompt.
        $_AWS_VAULT_BIN $argv
        or return $status
        set -g __aws_vault_recheck 1
        return 0
    end
    if test "$argv[1]" != use
        $_AWS_VAULT_BIN $argv
        return $status
    end
    set -l args $argv[2..-1]
    for arg in $args
        switch $arg
            case --
                break
            case -h --help
                $_AWS_VAULT_BIN env --help
                return $status
        end
    end
    set -l code
    if test "$args[1]" = --unset
        set code ($_AWS_VAULT_BIN env --unset --shell fish)
    else
        set code ($_AWS_VAULT_BIN env --shell fish $args)
    end
    or return $status
    printf '%s\n' $code | source
    return 0
end

# The expiry of the active session in epoch seconds ("" when it does not expire):
# _AWS_VAULT_EXPIRES, or else AWS_CREDENTIAL_EXPIRATION or AWS_SESSION_EXPIRATION
# (2006-01-02T15:04:05Z, as `aws-vault exec` sets them) converted with arithmetic.
function __aws_vault_expiry
    if set -q _AWS_VAULT_EXPIRES[1]
        string match -qr '^[0-9]+$' -- $_AWS_VAULT_EXPIRES; and echo $_AWS_VAULT_EXPIRES
        return 0
    end
    set -l text "$AWS_CREDENTIAL_EXPIRATION"
    test -n "$text"; or set text "$AWS_SESSION_EXPIRATION"
    set -l f (string match -r '^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]+)?(?:Z|[+-]00:?00)$' -- $text)
    or return 0
    set -l y $f[2]
    set -l m $f[3]
    set -l d $f[4]
    if test $m -le 2
        set y (math $y - 1)
        set m (math $m + 9)
    else
        set m (math $m - 3)
    end
    set -l era (math --scale=0 "floor($y / 400)")
    set -l yoe (math $y - $era x 400)
    set -l doy (math --scale=0 "floor((153 * $m + 2) / 5) + $d - 1")
    set -l doe (math --scale=0 "$yoe * 365 + floor($yoe / 4) - floor($yoe / 100) + $doy")
    math --scale=0 "($era * 146097 + $doe - 719468) * 86400 + $f[5] * 3600 + $f[6] * 60 + $f[7]"
end

function aws_vault_prompt --description 'The aws-vault prompt segment: aws:PROFILE 42m'
    set -q AWS_VAULT[1]; and test -n "$AWS_VAULT"; or return 0
    set -l expires (__aws_vault_expiry)
    if test -z "$expires"
        printf 'aws:%s' $AWS_VAULT
        return 0
    end
    set -l left (math $expires - (date +%s))
    if test $left -le 0
        printf 'aws:%s expired' $AWS_VAULT
    else if test $left -lt 60
        printf 'aws:%s %ds' $AWS_VAULT $left
    else if test $left -lt 3600
        printf 'aws:%s %dm' $AWS_VAULT (math --scale=0 "floor($left / 60)")
    else
        printf 'aws:%s %dh%02dm' $AWS_VAULT (math --scale=0 "floor($left / 3600)") (math --scale=0 "floor($left % 3600 / 60)")
    end
end

# The directory half of the hook: on every change of PWD, and once now (fish does not
# report the PWD it starts in).
function __aws_vault_dir_hook --on-variable PWD
    test "$PWD" != "$__aws_vault_pwd"; or set -q __aws_vault_recheck[1]; or return 0
    set -g __aws_vault_pwd $PWD
    set -l dir (string replace -r '/$' '' -- $PWD)
    set -l file ''
    while true
        if test -f "$dir/.aws-profile"
            set file "$dir/.aws-profile"
            break
        end
        test -n "$dir"; or break
        set dir (string replace -r '/[^/]*$' '' -- $dir)
    end
    if test "$file" != "$_AWS_VAULT_DIR_FILE"; or set -q __aws_vault_recheck[1]
        set -e __aws_vault_recheck
        set -l code ($_AWS_VAULT_BIN hook-dir --shell fish "$file")
        and printf '%s\n' $code | source
    end
    return 0
end

# Run before each prompt. The fast path (same directory, no refresh due) forks at most one
# `date`, and none without an expiring session.
function __aws_vault_prompt_hook --on-event fish_prompt
    __aws_vault_dir_hook
    set -q AWS_VAULT[1]; and test -n "$AWS_VAULT"; or return 0
    string match -qr '^[0-9]+$' -- "$_AWS_VAULT_REFRESH_AT"; or return 0
    set -l now (date +%s)
    test "$now" -ge "$_AWS_VAULT_REFRESH_AT"; or return 0
    set -l code ($_AWS_VAULT_BIN env --refresh --shell fish)
    and printf '%s\n' $code | source
    # On failure the executable said why, in one line. Then, or when even new credentials are
    # due for refresh (AWS_MIN_TTL longer than they last), try again in a minute, not at
    # every prompt.
    if string match -qr '^[0-9]+$' -- "$_AWS_VAULT_REFRESH_AT"; and test "$_AWS_VAULT_REFRESH_AT" -le "$now"
        set -g _AWS_VAULT_REFRESH_AT (math $now + 60)
    end
    return 0
end

__aws_vault_dir_hook

$_AWS_VAULT_BIN completion fish | source
