# Tab completion for aws-vault in bash (no bash-completion package needed).
#     eval "$(aws-vault completion bash)"     (the hook, `aws-vault hook bash`, loads it too)
# Subcommands, flags, profile names (from the config: `aws-vault __complete profiles`) and,
# after `exec PROFILE --`, the completion of the command being run.

# The executable: the hook's absolute path when there is one, else the one on PATH.
_aws_vault_complete_run() {
    if [[ -n ${_AWS_VAULT_BIN-} ]]; then
        "$_AWS_VAULT_BIN" "$@" 2>/dev/null
    else
        command aws-vault "$@" 2>/dev/null
    fi
}

# COMPREPLY += the lines of `aws-vault __complete ARGS...` that start with $cur.
_aws_vault_complete_words() {
    local _word _words
    mapfile -t _words < <(_aws_vault_complete_run __complete "$@")
    for _word in "${_words[@]}"; do
        [[ $_word == "$cur"* ]] && COMPREPLY+=("$_word")
    done
    return 0
}

_aws_vault_complete() {
    local cur=${COMP_WORDS[COMP_CWORD]-} prev=
    (( COMP_CWORD > 0 )) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    COMPREPLY=()
    local value_options=' -d --duration --region -t --mfa-token --format --shell --path --backend --prompt --keychain --secret-service-collection --pass-dir --pass-cmd --pass-prefix --file-dir '

    # The subcommand, how many positionals follow it, and where exec's command starts.
    local i word cmd= positionals=0 command_at=0
    for (( i = 1; i < COMP_CWORD; i++ )); do
        word=${COMP_WORDS[i]}
        if [[ $cmd == exec && $word == -- ]]; then
            command_at=$(( i + 1 ))
            break
        fi
        if [[ $value_options == *" $word "* ]]; then
            (( i++ ))
            continue
        fi
        [[ $word == -* || $word == = ]] && continue
        if [[ -z $cmd ]]; then
            cmd=$word
        elif [[ $cmd == exec ]] && (( positionals == 1 )); then
            command_at=$i
            break
        else
            (( positionals++ ))
        fi
    done
    # `exec PROFILE cmd` runs cmd too, without a `--`.
    if [[ $cmd == exec && $cur != -* ]] && (( command_at == 0 && positionals == 1 )); then
        command_at=$COMP_CWORD
    fi

    if (( command_at > 0 )); then
        # The command line exec runs: its own completion.
        if declare -F _comp_command_offset >/dev/null; then
            _comp_command_offset "$command_at"
        elif declare -F _command_offset >/dev/null; then
            _command_offset "$command_at"
        elif (( COMP_CWORD == command_at )); then
            mapfile -t COMPREPLY < <(compgen -c -- "$cur")
        else
            compopt -o filenames 2>/dev/null
            mapfile -t COMPREPLY < <(compgen -f -- "$cur")
        fi
        return 0
    fi

    case $prev in
        --shell) mapfile -t COMPREPLY < <(compgen -W 'bash zsh fish sh' -- "$cur"); return 0 ;;
        --format)
            if [[ $cmd == prompt ]]; then return 0; fi
            mapfile -t COMPREPLY < <(compgen -W 'env export-env json ini' -- "$cur")
            return 0 ;;
        --backend)
            mapfile -t COMPREPLY < <(compgen -W 'file keychain kwallet pass secret-service wincred' -- "$cur")
            return 0 ;;
        --pass-dir | --file-dir)
            compopt -o dirnames 2>/dev/null
            mapfile -t COMPREPLY < <(compgen -d -- "$cur")
            return 0 ;;
    esac
    [[ $value_options == *" $prev "* ]] && return 0

    if [[ -z $cmd ]]; then
        if [[ $cur == -* ]]; then
            mapfile -t COMPREPLY < <(compgen -W '--help --version --debug --backend --prompt --keychain --secret-service-collection --pass-dir --pass-cmd --pass-prefix --file-dir' -- "$cur")
        else
            _aws_vault_complete_words commands
        fi
        return 0
    fi
    if [[ $cur == -* ]]; then
        _aws_vault_complete_words flags "$cmd"
        return 0
    fi
    case $cmd in
        exec | export | env | use | login | remove | rm | rotate | clear)
            (( positionals == 0 )) && _aws_vault_complete_words profiles ;;
        completion | hook)
            (( positionals == 0 )) && mapfile -t COMPREPLY < <(compgen -W 'bash zsh fish' -- "$cur") ;;
        allow | deny)
            compopt -o filenames 2>/dev/null
            mapfile -t COMPREPLY < <(compgen -f -- "$cur") ;;
    esac
    return 0
}

complete -F _aws_vault_complete aws-vault
