# aws-vault shell integration for bash (bash >= 4.2; bash >= 5.0 for a prompt with no fork).
#
# Load it from ~/.bashrc, after anything else that sets PROMPT_COMMAND:
#     eval "$(aws-vault hook bash)"        or        source /path/to/shell/bash/aws-vault.bash
#
# It gives the current shell:
#   aws-vault use PROFILE [flags]   switch this shell to PROFILE's credentials
#   aws-vault use --unset           remove them again
#   aws_vault_prompt                prints "aws:PROFILE 42m" (nothing without a session);
#                                   e.g. PS1='$(aws_vault_prompt) \w\$ '
#   before each prompt: credentials refreshed in place when their remaining lifetime drops
#   below AWS_MIN_TTL, and `.aws-profile` files (see `aws-vault allow`) obeyed on `cd`.
# When nothing needs doing, the prompt hook starts no process.
# Sourcing this file twice installs it once.

_aws_vault_install() {
    _AWS_VAULT_BIN=${_AWS_VAULT_BIN:-$(type -P aws-vault)}
    if [[ -z $_AWS_VAULT_BIN ]]; then
        printf '%s\n' "aws-vault: error: the hook cannot find the aws-vault executable on PATH" >&2
        return 1
    fi

    # aws-vault use ...: the one subcommand that changes this shell; everything else is the
    # executable's, unchanged, with its own exit status.
    aws-vault() {
        if [[ ${1-} == allow || ${1-} == deny ]]; then
            # Look at the directory's .aws-profile again at the next prompt.
            "$_AWS_VAULT_BIN" "$@" && _aws_vault_recheck=1
            return
        fi
        if [[ ${1-} != use ]]; then
            "$_AWS_VAULT_BIN" "$@"
            return
        fi
        shift
        local _aws_vault_arg _aws_vault_code
        for _aws_vault_arg in "$@"; do
            case $_aws_vault_arg in
                --) break ;;
                -h | --help) "$_AWS_VAULT_BIN" env --help; return ;;
            esac
        done
        if [[ ${1-} == --unset ]]; then
            _aws_vault_code=$("$_AWS_VAULT_BIN" env --unset --shell bash) || return
        else
            _aws_vault_code=$("$_AWS_VAULT_BIN" env --shell bash "$@") || return
        fi
        eval "$_aws_vault_code"
        return 0
    }

    # The current time in epoch seconds into the variable named $1, with no fork.
    _aws_vault_now() {
        if [[ -n ${EPOCHSECONDS-} ]]; then
            printf -v "$1" '%s' "$EPOCHSECONDS"
        else
            printf -v "$1" '%(%s)T' -1
        fi
    }

    # The expiry of the active session in epoch seconds into $1 ("" when it does not expire):
    # _AWS_VAULT_EXPIRES, or else AWS_CREDENTIAL_EXPIRATION or AWS_SESSION_EXPIRATION
    # (2006-01-02T15:04:05Z, as `aws-vault exec` sets them) converted with shell arithmetic.
    _aws_vault_expiry() {
        local _e=${_AWS_VAULT_EXPIRES-} _t=${AWS_CREDENTIAL_EXPIRATION:-${AWS_SESSION_EXPIRATION-}}
        if [[ -z $_e && $_t =~ ^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?(Z|[+-]00:?00)$ ]]; then
            local -i y=10#${BASH_REMATCH[1]} m=10#${BASH_REMATCH[2]} d=10#${BASH_REMATCH[3]}
            local -i era doy doe
            (( y -= m <= 2, era = y / 400, y -= era * 400 ))
            (( doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1 ))
            (( doe = y * 365 + y / 4 - y / 100 + doy ))
            _e=$(( (era * 146097 + doe - 719468) * 86400 + 10#${BASH_REMATCH[4]} * 3600
                + 10#${BASH_REMATCH[5]} * 60 + 10#${BASH_REMATCH[6]} ))
        fi
        [[ $_e =~ ^[0-9]+$ ]] || _e=
        printf -v "$1" '%s' "$_e"
    }

    aws_vault_prompt() {
        [[ -n ${AWS_VAULT-} ]] || return 0
        local _expires _now _left
        _aws_vault_expiry _expires
        if [[ -z $_expires ]]; then
            printf 'aws:%s' "$AWS_VAULT"
            return 0
        fi
        _aws_vault_now _now
        _left=$(( _expires - _now ))
        if (( _left <= 0 )); then
            printf 'aws:%s expired' "$AWS_VAULT"
        elif (( _left < 60 )); then
            printf 'aws:%s %ds' "$AWS_VAULT" "$_left"
        elif (( _left < 3600 )); then
            printf 'aws:%s %dm' "$AWS_VAULT" $(( _left / 60 ))
        else
            printf 'aws:%s %dh%02dm' "$AWS_VAULT" $(( _left / 3600 )) $(( _left % 3600 / 60 ))
        fi
    }

    # Run before each prompt. The fast path (same directory, no refresh due) is pure shell.
    _aws_vault_hook() {
        local _aws_vault_status=$? _aws_vault_dir _aws_vault_file= _aws_vault_code _aws_vault_now
        if [[ $PWD != "${_aws_vault_pwd-}" || -n ${_aws_vault_recheck-} ]]; then
            _aws_vault_pwd=$PWD
            _aws_vault_dir=${PWD%/}
            while :; do
                if [[ -f $_aws_vault_dir/.aws-profile ]]; then
                    _aws_vault_file=$_aws_vault_dir/.aws-profile
                    break
                fi
                [[ -n $_aws_vault_dir ]] || break
                _aws_vault_dir=${_aws_vault_dir%/*}
            done
            if [[ $_aws_vault_file != "${_AWS_VAULT_DIR_FILE-}" || -n ${_aws_vault_recheck-} ]]; then
                _aws_vault_recheck=
                if _aws_vault_code=$("$_AWS_VAULT_BIN" hook-dir --shell bash "$_aws_vault_file"); then
                    eval "$_aws_vault_code"
                fi
            fi
        fi
        if [[ -n ${AWS_VAULT-} && ${_AWS_VAULT_REFRESH_AT-} =~ ^[0-9]+$ ]]; then
            _aws_vault_now _aws_vault_now
            if (( _aws_vault_now >= _AWS_VAULT_REFRESH_AT )); then
                if _aws_vault_code=$("$_AWS_VAULT_BIN" env --refresh --shell bash); then
                    eval "$_aws_vault_code"
                fi
                # On failure the executable said why, in one line. Then, or when even new
                # credentials are due for refresh (AWS_MIN_TTL longer than they last), try
                # again in a minute, not at every prompt.
                if [[ ${_AWS_VAULT_REFRESH_AT-} =~ ^[0-9]+$ ]] && (( _AWS_VAULT_REFRESH_AT <= _aws_vault_now )); then
                    _AWS_VAULT_REFRESH_AT=$(( _aws_vault_now + 60 ))
                fi
            fi
        fi
        return "$_aws_vault_status"
    }

    # Prepend the hook (so prompt renderers that run later see the new environment), once;
    # PROMPT_COMMAND may be a string or, from bash 5.1, an array.
    if (( BASH_VERSINFO[0] * 100 + BASH_VERSINFO[1] >= 404 )) && [[ -n ${PROMPT_COMMAND+set} && ${PROMPT_COMMAND@a} == *a* ]]; then
        if [[ " ${PROMPT_COMMAND[*]} " != *_aws_vault_hook* ]]; then
            PROMPT_COMMAND=(_aws_vault_hook "${PROMPT_COMMAND[@]}")
        fi
    elif [[ ${PROMPT_COMMAND-} != *_aws_vault_hook* ]]; then
        PROMPT_COMMAND="_aws_vault_hook${PROMPT_COMMAND:+;$PROMPT_COMMAND}"
    fi

    local _aws_vault_completion
    if _aws_vault_completion=$("$_AWS_VAULT_BIN" completion bash); then
        eval "$_aws_vault_completion"
    fi
    return 0
}
_aws_vault_install
unset -f _aws_vault_install
