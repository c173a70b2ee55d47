# aws-vault shell integration for zsh.
#
# Load it from ~/.zshrc, after compinit (for tab completion):
#     eval "$(aws-vault hook zsh)"        or        source /path/to/shell/zsh/aws-vault.zsh
#
# It gives the current shell:
#   aws-vault use PROFILE [flags]   switch this shell to PROFILE's credentials
#   aws-vault use --unset           remove them again
#   aws_vault_prompt                prints "aws:PROFILE 42m" (nothing without a session);
#                                   e.g. setopt prompt_subst; RPROMPT='$(aws_vault_prompt)'
#   before each prompt: credentials refreshed in place when their remaining lifetime drops
#   below AWS_MIN_TTL, and `.aws-profile` files (see `aws-vault allow`) obeyed on `cd`.
# When nothing needs doing, the prompt hook starts no process.
# Sourcing this file twice installs it once.

function _aws_vault_install {
    emulate -L zsh
    typeset -g _AWS_VAULT_BIN=${_AWS_VAULT_BIN:-${commands[aws-vault]}}
    if [[ -z $_AWS_VAULT_BIN ]]; then
        print -ru2 -- "aws-vault: error: the hook cannot find the aws-vault executable on PATH"
        return 1
    fi
    zmodload -F zsh/datetime p:EPOCHSECONDS 2>/dev/null

    # aws-vault use ...: the one subcommand that changes this shell; everything else is the
    # executable's, unchanged, with its own exit status.
    function aws-vault {
        if [[ ${1-} == allow || ${1-} == deny ]]; then
            # Look at the directory's .aws-profile again at the next prompt.
            "$_AWS_VAULT_BIN" "$@" && typeset -g _aws_vault_recheck=1
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
                (--) break ;;
                (-h|--help) "$_AWS_VAULT_BIN" env --help; return ;;
            esac
        done
        if [[ ${1-} == --unset ]]; then
            _aws_vault_code=$("$_AWS_VAULT_BIN" env --unset --shell zsh) || return
        else
            _aws_vault_code=$("$_AWS_VAULT_BIN" env --shell zsh "$@") || return
        fi
        eval "$_aws_vault_code"
        return 0
    }

    # The current time in epoch seconds, with no fork.
    function _aws_vault_now {
        if (( ! ${+EPOCHSECONDS} )); then
            zmodload -F zsh/datetime p:EPOCHSECONDS 2>/dev/null
        fi
        REPLY=${EPOCHSECONDS:-0}
    }

    # The expiry of the active session in epoch seconds in REPLY ("" when it does not
    # expire): _AWS_VAULT_EXPIRES, or else AWS_CREDENTIAL_EXPIRATION or AWS_SESSION_EXPIRATION
    # (2006-01-02T15:04:05Z, as `aws-vault exec` sets them) converted with shell arithmetic.
    function _aws_vault_expiry {
        emulate -L zsh
        local e=${_AWS_VAULT_EXPIRES-} t=${AWS_CREDENTIAL_EXPIRATION:-${AWS_SESSION_EXPIRATION-}}
        local -a match mbegin mend
        if [[ -z $e && $t =~ '^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?(Z|[+-]00:?00)$' ]]; then
            local -i y=10#$match[1] m=10#$match[2] d=10#$match[3] era doy doe
            (( y -= m <= 2, era = y / 400, y -= era * 400 ))
            (( doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1 ))
            (( doe = y * 365 + y / 4 - y / 100 + doy ))
            e=$(( (era * 146097 + doe - 719468) * 86400 + 10#$match[4] * 3600
                + 10#$match[5] * 60 + 10#$match[6] ))
        fi
        [[ $e == <-> ]] || e=
        REPLY=$e
    }

    function aws_vault_prompt {
        emulate -L zsh
        [[ -n ${AWS_VAULT-} ]] || return 0
        local REPLY expires left
        _aws_vault_expiry
        expires=$REPLY
        if [[ -z $expires ]]; then
            printf 'aws:%s' "$AWS_VAULT"
            return 0
        fi
        _aws_vault_now
        left=$(( expires - REPLY ))
        if (( left <= 0 )); then
            printf 'aws:%s expired' "$AWS_VAULT"
        elif (( left < 60 )); then
            printf 'aws:%s %ds' "$AWS_VAULT" "$left"
        elif (( left < 3600 )); then
            printf 'aws:%s %dm' "$AWS_VAULT" $(( left / 60 ))
        else
            printf 'aws:%s %dh%02dm' "$AWS_VAULT" $(( left / 3600 )) $(( left % 3600 / 60 ))
        fi
    }

    # The directory half of the hook: on chpwd and, for a new shell, at its first prompt.
    function _aws_vault_dir_hook {
        emulate -L zsh
        # Not in subshells such as $(cd x && pwd): they cannot change this shell anyway.
        (( ZSH_SUBSHELL == 0 )) || return 0
        [[ $PWD != "${_aws_vault_pwd-}" || -n ${_aws_vault_recheck-} ]] || return 0
        typeset -g _aws_vault_pwd=$PWD
        local dir=${PWD%/} file= code
        while true; do
            if [[ -f $dir/.aws-profile ]]; then
                file=$dir/.aws-profile
                break
            fi
            [[ -n $dir ]] || break
            dir=${dir%/*}
        done
        if [[ $file != "${_AWS_VAULT_DIR_FILE-}" || -n ${_aws_vault_recheck-} ]]; then
            typeset -g _aws_vault_recheck=
            if code=$("$_AWS_VAULT_BIN" hook-dir --shell zsh "$file"); then
                eval "$code"
            fi
        fi
    }

    # Run before each prompt. The fast path (same directory, no refresh due) is pure shell.
    function _aws_vault_hook {
        local -i _aws_vault_status=$?
        emulate -L zsh
        local REPLY code
        _aws_vault_dir_hook
        if [[ -n ${AWS_VAULT-} && ${_AWS_VAULT_REFRESH_AT-} == <-> ]]; then
            _aws_vault_now
            if (( REPLY >= _AWS_VAULT_REFRESH_AT )); then
                if code=$("$_AWS_VAULT_BIN" env --refresh --shell zsh); then
                    eval "$code"
                fi
                # On failure the executable said why, in one line. Then, or when even new
                # credentials are due for refresh (AWS_MIN_TTL longer than they last), try
                # again in a minute, not at every prompt.
                if [[ ${_AWS_VAULT_REFRESH_AT-} == <-> ]] && (( _AWS_VAULT_REFRESH_AT <= REPLY )); then
                    _AWS_VAULT_REFRESH_AT=$(( REPLY + 60 ))
                fi
            fi
        fi
        return _aws_vault_status
    }

    # add-zsh-hook adds a function once, however often it is called, and leaves the user's
    # own precmd/chpwd functions alone; ours then goes first, so that prompt themes that
    # compute their prompt in precmd see the result.
    autoload -Uz add-zsh-hook
    add-zsh-hook precmd _aws_vault_hook
    add-zsh-hook chpwd _aws_vault_dir_hook
    precmd_functions=(_aws_vault_hook ${precmd_functions:#_aws_vault_hook})
    chpwd_functions=(_aws_vault_dir_hook ${chpwd_functions:#_aws_vault_dir_hook})

    local completion
    if completion=$("$_AWS_VAULT_BIN" completion zsh); then
        eval "$completion"
    fi
    return 0
}
_aws_vault_install
unfunction _aws_vault_install
