# Tab completion for aws-vault in fish.
#     aws-vault completion fish | source     (the hook, `aws-vault hook fish`, loads it too)
# or save it as ~/.config/fish/completions/aws-vault.fish.
# Subcommands, flags, profile names (from the config: `aws-vault __complete profiles`) and,
# after `exec PROFILE --`, the completion of the command being run.

# The lines of `aws-vault __complete ARGS...`: the hook's absolute path when there is one,
# else the executable on PATH.
function __aws_vault_words
    if set -q _AWS_VAULT_BIN[1]; and test -n "$_AWS_VAULT_BIN"
        $_AWS_VAULT_BIN __complete $argv 2>/dev/null
    else
        command aws-vault __complete $argv 2>/dev/null
    end
end

function __aws_vault_complete
    set -l tokens (commandline -opc)
    set -l cur (commandline -ct)
    set -l value_options -d --duration --region -t --mfa-token --format --shell --path \
        --backend --prompt --keychain --secret-service-collection --pass-dir --pass-cmd \
        --pass-prefix --file-dir

    # The subcommand, how many positionals follow it, and where exec's command starts.
    set -l cmd
    set -l positionals 0
    set -l command_at 0
    set -l skip 0
    set -l i 1
    for word in $tokens[2..-1]
        set i (math $i + 1)
        if test $skip -eq 1
            set skip 0
            continue
        end
        if test "$cmd" = exec; and test "$word" = --
            set command_at (math $i + 1)
            break
        end
        if contains -- $word $value_options
            set skip 1
            continue
        end
        string match -q -- '-*' $word; and continue
        if test -z "$cmd"
            set cmd $word
        else if test "$cmd" = exec; and test $positionals -eq 1
            set command_at $i
            break
        else
            set positionals (math $positionals + 1)
        end
    end
    # `exec PROFILE cmd` runs cmd too, without a `--`.
    if test "$cmd" = exec; and test $command_at -eq 0; and test $positionals -eq 1
        and not string match -q -- '-*' $cur
        set command_at (math (count $tokens) + 1)
    end

    if test $command_at -gt 0
        # The command line exec runs: its own completion.
        __fish_complete_subcommand --commandline $tokens[$command_at..-1] $cur
        return
    end

    switch "$tokens[-1]"
        case --shell
            printf '%s\n' bash zsh fish sh
            return
        case --format
            test "$cmd" = prompt; or printf '%s\n' env export-env json ini
            return
        case --backend
            printf '%s\n' file keychain kwallet pass secret-service wincred
            return
        case --pass-dir --file-dir
            __fish_complete_directories $cur
            return
    end
    if test (count $tokens) -gt 1; and contains -- $tokens[-1] $value_options
        return
    end

    if test -z "$cmd"
        if string match -q -- '-*' $cur
            printf '%s\n' --help --version --debug --backend --prompt --keychain \
                --secret-service-collection --pass-dir --pass-cmd --pass-prefix --file-dir
        else
            __aws_vault_words commands
        end
        return
    end
    if string match -q -- '-*' $cur
        __aws_vault_words flags $cmd
        return
    end
    switch $cmd
        case exec export env use login remove rm rotate clear
            test $positionals -eq 0; and __aws_vault_words profiles
        case completion hook
            test $positionals -eq 0; and printf '%s\n' bash zsh fish
        case allow deny
            __fish_complete_path $cur
    end
end

complete -c aws-vault -e
complete -c aws-vault -f -a '(__aws_vault_complete)'
