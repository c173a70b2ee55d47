#compdef aws-vault
# Tab completion for aws-vault in zsh. Either put this file, named _aws-vault, in a directory
# of $fpath before compinit runs, or after compinit:
#     eval "$(aws-vault completion zsh)"     (the hook, `aws-vault hook zsh`, loads it too)
# Subcommands, flags, profile names (from the config: `aws-vault __complete profiles`) and,
# after `exec PROFILE --`, the completion of the command being run.

# The lines of `aws-vault __complete ARGS...` in the array `reply`; the hook's absolute path
# when there is one, else the executable on PATH.
function _aws_vault_words {
    local bin=${_AWS_VAULT_BIN:-${commands[aws-vault]}}
    reply=(${(f)"$("$bin" __complete "$@" 2>/dev/null)"})
}

function _aws_vault {
    emulate -L zsh
    local -a reply value_options
    value_options=(-d --duration --region -t --mfa-token --format --shell --path --backend
        --prompt --keychain --secret-service-collection --pass-dir --pass-cmd --pass-prefix
        --file-dir)

    # The subcommand, how many positionals follow it, and where exec's command starts.
    local i word cmd= prev=${words[CURRENT-1]}
    local -i positionals=0 command_at=0
    for (( i = 2; i < CURRENT; i++ )); do
        word=${words[i]}
        if [[ $cmd == exec && $word == -- ]]; then
            command_at=$(( i + 1 ))
            break
        fi
        if (( ${value_options[(Ie)$word]} )); then
            (( i++ ))
            continue
        fi
        [[ $word == -* ]] && continue
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
    if [[ $cmd == exec && $PREFIX != -* ]] && (( command_at == 0 && positionals == 1 )); then
        command_at=$CURRENT
    fi

    if (( command_at > 0 )); then
        # The command line exec runs: its own completion.
        shift $(( command_at - 1 )) words
        (( CURRENT -= command_at - 1 ))
        _normal
        return
    fi

    case $prev in
        (--shell) compadd -- bash zsh fish sh; return ;;
        (--format) [[ $cmd == prompt ]] || compadd -- env export-env json ini; return ;;
        (--backend) compadd -- file keychain kwallet pass secret-service wincred; return ;;
        (--pass-dir|--file-dir) _files -/; return ;;
    esac
    (( ${value_options[(Ie)$prev]} )) && return 1

    if [[ -z $cmd ]]; then
        if [[ $PREFIX == -* ]]; then
            compadd -- --help --version --debug --backend --prompt --keychain \
                --secret-service-collection --pass-dir --pass-cmd --pass-prefix --file-dir
        else
            _aws_vault_words commands
            compadd -- $reply
        fi
        return
    fi
    if [[ $PREFIX == -* ]]; then
        _aws_vault_words flags $cmd
        compadd -- $reply
        return
    fi
    case $cmd in
        (exec|export|env|use|login|remove|rm|rotate|clear)
            if (( positionals == 0 )); then
                _aws_vault_words profiles
                compadd -- $reply
            fi ;;
        (completion|hook)
            (( positionals == 0 )) && compadd -- bash zsh fish ;;
        (allow|deny)
            _files ;;
    esac
}

if [[ ${zsh_eval_context[-1]-} == loadautofunc ]]; then
    # Autoloaded from $fpath as _aws-vault by compinit.
    _aws_vault "$@"
elif (( ${+functions[compdef]} )); then
    compdef _aws_vault aws-vault
fi
