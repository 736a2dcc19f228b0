# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_hwc_global_optspecs
    string join \n region= cloud= endpoint= project-id= algorithm= credentials-file= o/output= q/quiet dry-run y/yes journal= profile= h/help V/version
end

function __fish_hwc_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_hwc_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_hwc_using_subcommand
    set -l cmd (__fish_hwc_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c hwc -n "__fish_hwc_needs_command" -l region -d 'Region, such as cn-north-4 or eu-de; selects each service\'s endpoint' -r
complete -c hwc -n "__fish_hwc_needs_command" -l cloud -d 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]' -r -f -a "huawei\t''
otc\t''"
complete -c hwc -n "__fish_hwc_needs_command" -l endpoint -d 'Send to this endpoint instead of the region\'s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`\'s)' -r
complete -c hwc -n "__fish_hwc_needs_command" -l project-id -d 'Project id, filled into every path' -r
complete -c hwc -n "__fish_hwc_needs_command" -l algorithm -d 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)' -r -f -a "sdk-hmac-sha256\t''
sdk-hmac-sm3\t''
v11-hmac-sha256\t''"
complete -c hwc -n "__fish_hwc_needs_command" -l credentials-file -d 'Read the credential variables from this file (NAME=value lines) instead of the environment' -r -F
complete -c hwc -n "__fish_hwc_needs_command" -s o -l output -d 'json: one JSON document on stdout; table: for people' -r -f -a "json\t''
table\t''"
complete -c hwc -n "__fish_hwc_needs_command" -l journal -d 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform\'s state directory]' -r -F
complete -c hwc -n "__fish_hwc_needs_command" -l profile -d 'Take the defaults of this profile (`hwc configure` writes and lists them)' -r
complete -c hwc -n "__fish_hwc_needs_command" -s q -l quiet -d 'No progress on stderr (errors are still printed)'
complete -c hwc -n "__fish_hwc_needs_command" -l dry-run -d 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
complete -c hwc -n "__fish_hwc_needs_command" -s y -l yes -d 'Do not ask for confirmation before a non-idempotent operation (scripts)'
complete -c hwc -n "__fish_hwc_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hwc -n "__fish_hwc_needs_command" -s V -l version -d 'Print version'
complete -c hwc -n "__fish_hwc_needs_command" -f -a "dcs" -d 'Distributed Cache Service (DCS) API'
complete -c hwc -n "__fish_hwc_needs_command" -f -a "drs" -d 'Data Replication Service (DRS) API'
complete -c hwc -n "__fish_hwc_needs_command" -f -a "css" -d 'Cloud Search Service (CSS) API'
complete -c hwc -n "__fish_hwc_needs_command" -f -a "sim" -d 'Run the local simulator of every operation in the foreground'
complete -c hwc -n "__fish_hwc_needs_command" -f -a "drill" -d 'Run a failover drill: every operation and every waiter, against a simulator'
complete -c hwc -n "__fish_hwc_needs_command" -f -a "journal" -d 'List the non-idempotent requests hwc sent, and what became of them'
complete -c hwc -n "__fish_hwc_needs_command" -f -a "follow" -d 'Follow an operation of the journal to its end, without sending it again'
complete -c hwc -n "__fish_hwc_needs_command" -f -a "configure" -d 'Write or list the profiles (--profile NAME with the global options to write one)'
complete -c hwc -n "__fish_hwc_needs_command" -f -a "completions" -d 'Print the shell completion script of hwc'
complete -c hwc -n "__fish_hwc_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and not __fish_seen_subcommand_from list-group-replication-info execute-cluster-switchover show-instance change-master-standby-async change-master-standby list-background-task show-job-info help" -l region -d 'Region, such as cn-north-4 or eu-de; selects each service\'s endpoint' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and not __fish_seen_subcommand_from list-group-replication-info execute-cluster-switchover show-instance change-master-standby-async change-master-standby list-background-task show-job-info help" -l cloud -d 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]' -r -f -a "huawei\t''
otc\t''"
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and not __fish_seen_subcommand_from list-group-replication-info execute-cluster-switchover show-instance change-master-standby-async change-master-standby list-background-task show-job-info help" -l endpoint -d 'Send to this endpoint instead of the region\'s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`\'s)' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and not __fish_seen_subcommand_from list-group-replication-info execute-cluster-switchover show-instance change-master-standby-async change-master-standby list-background-task show-job-info help" -l project-id -d 'Project id, filled into every path' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and not __fish_seen_subcommand_from list-group-replication-info execute-cluster-switchover show-instance change-master-standby-async change-master-standby list-background-task show-job-info help" -l algorithm -d 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)' -r -f -a "sdk-hmac-sha256\t''
sdk-hmac-sm3\t''
v11-hmac-sha256\t''"
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and not __fish_seen_subcommand_from list-group-replication-info execute-cluster-switchover show-instance change-master-standby-async change-master-standby list-background-task show-job-info help" -l credentials-file -d 'Read the credential variables from this file (NAME=value lines) instead of the environment' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and not __fish_seen_subcommand_from list-group-replication-info execute-cluster-switchover show-instance change-master-standby-async change-master-standby list-background-task show-job-info help" -s o -l output -d 'json: one JSON document on stdout; table: for people' -r -f -a "json\t''
table\t''"
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and not __fish_seen_subcommand_from list-group-replication-info execute-cluster-switchover show-instance change-master-standby-async change-master-standby list-background-task show-job-info help" -l journal -d 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform\'s state directory]' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and not __fish_seen_subcommand_from list-group-replication-info execute-cluster-switchover show-instance change-master-standby-async change-master-standby list-background-task show-job-info help" -l profile -d 'Take the defaults of this profile (`hwc configure` writes and lists them)' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and not __fish_seen_subcommand_from list-group-replication-info execute-cluster-switchover show-instance change-master-standby-async change-master-standby list-background-task show-job-info help" -s q -l quiet -d 'No progress on stderr (errors are still printed)'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and not __fish_seen_subcommand_from list-group-replication-info execute-cluster-switchover show-instance change-master-standby-async change-master-standby list-background-task show-job-info help" -l dry-run -d 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and not __fish_seen_subcommand_from list-group-replication-info execute-cluster-switchover show-instance change-master-standby-async change-master-standby list-background-task show-job-info help" -s y -l yes -d 'Do not ask for confirmation before a non-idempotent operation (scripts)'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and not __fish_seen_subcommand_from list-group-replication-info execute-cluster-switchover show-instance change-master-standby-async change-master-standby list-background-task show-job-info help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and not __fish_seen_subcommand_from list-group-replication-info execute-cluster-switchover show-instance change-master-standby-async change-master-standby list-background-task show-job-info help" -f -a "list-group-replication-info" -d 'List the shards and replicas of an instance'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and not __fish_seen_subcommand_from list-group-replication-info execute-cluster-switchover show-instance change-master-standby-async change-master-standby list-background-task show-job-info help" -f -a "execute-cluster-switchover" -d 'Switch over a shard of a cluster instance'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and not __fish_seen_subcommand_from list-group-replication-info execute-cluster-switchover show-instance change-master-standby-async change-master-standby list-background-task show-job-info help" -f -a "show-instance" -d 'Show an instance'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and not __fish_seen_subcommand_from list-group-replication-info execute-cluster-switchover show-instance change-master-standby-async change-master-standby list-background-task show-job-info help" -f -a "change-master-standby-async" -d 'Switch master and replica asynchronously'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and not __fish_seen_subcommand_from list-group-replication-info execute-cluster-switchover show-instance change-master-standby-async change-master-standby list-background-task show-job-info help" -f -a "change-master-standby" -d 'Switch master and standby synchronously'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and not __fish_seen_subcommand_from list-group-replication-info execute-cluster-switchover show-instance change-master-standby-async change-master-standby list-background-task show-job-info help" -f -a "list-background-task" -d 'List the background tasks of an instance'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and not __fish_seen_subcommand_from list-group-replication-info execute-cluster-switchover show-instance change-master-standby-async change-master-standby list-background-task show-job-info help" -f -a "show-job-info" -d 'Show the result of a job'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and not __fish_seen_subcommand_from list-group-replication-info execute-cluster-switchover show-instance change-master-standby-async change-master-standby list-background-task show-job-info help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from list-group-replication-info" -l instance-id -d 'ID of the cache instance. Example: 5560df16-cebf-4473-95c4-d1b573c16e79' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from list-group-replication-info" -l project-id -d 'Project id, filled into every path' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from list-group-replication-info" -l region -d 'Region, such as cn-north-4 or eu-de; selects each service\'s endpoint' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from list-group-replication-info" -l cloud -d 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]' -r -f -a "huawei\t''
otc\t''"
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from list-group-replication-info" -l endpoint -d 'Send to this endpoint instead of the region\'s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`\'s)' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from list-group-replication-info" -l algorithm -d 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)' -r -f -a "sdk-hmac-sha256\t''
sdk-hmac-sm3\t''
v11-hmac-sha256\t''"
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from list-group-replication-info" -l credentials-file -d 'Read the credential variables from this file (NAME=value lines) instead of the environment' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from list-group-replication-info" -s o -l output -d 'json: one JSON document on stdout; table: for people' -r -f -a "json\t''
table\t''"
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from list-group-replication-info" -l journal -d 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform\'s state directory]' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from list-group-replication-info" -l profile -d 'Take the defaults of this profile (`hwc configure` writes and lists them)' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from list-group-replication-info" -s q -l quiet -d 'No progress on stderr (errors are still printed)'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from list-group-replication-info" -l dry-run -d 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from list-group-replication-info" -s y -l yes -d 'Do not ask for confirmation before a non-idempotent operation (scripts)'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from list-group-replication-info" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from execute-cluster-switchover" -l group-id -d 'ID of the shard (replication group) whose master is switched. Example: d368e463-35af-4bc4-94bc-7eb6635a2331' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from execute-cluster-switchover" -l instance-id -d 'ID of the cache instance. Example: 5560df16-cebf-4473-95c4-d1b573c16e79' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from execute-cluster-switchover" -l node-id -d 'ID of the replica node to promote to master. Example: 8abf6e1e87ae28440187b1198c4c1030' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from execute-cluster-switchover" -l project-id -d 'Project id, filled into every path' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from execute-cluster-switchover" -l deadline -d 'Give up waiting after this long (exit 4; the operation goes on), such as 90s, 10m, 1h [default: 30m]' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from execute-cluster-switchover" -l interval -d 'Wait this long before the second poll; it doubles while nothing changes, up to 8 times as long (at most 10s)' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from execute-cluster-switchover" -l region -d 'Region, such as cn-north-4 or eu-de; selects each service\'s endpoint' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from execute-cluster-switchover" -l cloud -d 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]' -r -f -a "huawei\t''
otc\t''"
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from execute-cluster-switchover" -l endpoint -d 'Send to this endpoint instead of the region\'s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`\'s)' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from execute-cluster-switchover" -l algorithm -d 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)' -r -f -a "sdk-hmac-sha256\t''
sdk-hmac-sm3\t''
v11-hmac-sha256\t''"
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from execute-cluster-switchover" -l credentials-file -d 'Read the credential variables from this file (NAME=value lines) instead of the environment' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from execute-cluster-switchover" -s o -l output -d 'json: one JSON document on stdout; table: for people' -r -f -a "json\t''
table\t''"
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from execute-cluster-switchover" -l journal -d 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform\'s state directory]' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from execute-cluster-switchover" -l profile -d 'Take the defaults of this profile (`hwc configure` writes and lists them)' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from execute-cluster-switchover" -l wait -d 'Follow the switchover\'s job (ShowJobInfo) to its end, then prove it: the promoted replica must be `master` in ListGroupReplicationInfo; exit 0 once the outcome is proven; 1 if it failed or was not accepted; 3 if refused (busy) or following failed; 4 at the deadline; 5 if its answer was lost and no evidence was found that it was performed (it may have been: check before sending it again); 6 if a success is contradicted by the verification read; 7 if there is no evidence of this operation\'s outcome; 8 if no task runs'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from execute-cluster-switchover" -s q -l quiet -d 'No progress on stderr (errors are still printed)'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from execute-cluster-switchover" -l dry-run -d 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from execute-cluster-switchover" -s y -l yes -d 'Do not ask for confirmation before a non-idempotent operation (scripts)'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from execute-cluster-switchover" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from show-instance" -l instance-id -d 'ID of the cache instance. Example: 5560df16-cebf-4473-95c4-d1b573c16e79' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from show-instance" -l project-id -d 'Project id, filled into every path' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from show-instance" -l region -d 'Region, such as cn-north-4 or eu-de; selects each service\'s endpoint' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from show-instance" -l cloud -d 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]' -r -f -a "huawei\t''
otc\t''"
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from show-instance" -l endpoint -d 'Send to this endpoint instead of the region\'s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`\'s)' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from show-instance" -l algorithm -d 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)' -r -f -a "sdk-hmac-sha256\t''
sdk-hmac-sm3\t''
v11-hmac-sha256\t''"
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from show-instance" -l credentials-file -d 'Read the credential variables from this file (NAME=value lines) instead of the environment' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from show-instance" -s o -l output -d 'json: one JSON document on stdout; table: for people' -r -f -a "json\t''
table\t''"
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from show-instance" -l journal -d 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform\'s state directory]' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from show-instance" -l profile -d 'Take the defaults of this profile (`hwc configure` writes and lists them)' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from show-instance" -s q -l quiet -d 'No progress on stderr (errors are still printed)'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from show-instance" -l dry-run -d 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from show-instance" -s y -l yes -d 'Do not ask for confirmation before a non-idempotent operation (scripts)'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from show-instance" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from change-master-standby-async" -l instance-id -d 'ID of the cache instance. Example: 5560df16-cebf-4473-95c4-d1b573c16e79' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from change-master-standby-async" -l project-id -d 'Project id, filled into every path' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from change-master-standby-async" -l deadline -d 'Give up waiting after this long (exit 4; the operation goes on), such as 90s, 10m, 1h [default: 30m]' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from change-master-standby-async" -l interval -d 'Wait this long before the second poll; it doubles while nothing changes, up to 8 times as long (at most 10s)' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from change-master-standby-async" -l region -d 'Region, such as cn-north-4 or eu-de; selects each service\'s endpoint' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from change-master-standby-async" -l cloud -d 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]' -r -f -a "huawei\t''
otc\t''"
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from change-master-standby-async" -l endpoint -d 'Send to this endpoint instead of the region\'s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`\'s)' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from change-master-standby-async" -l algorithm -d 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)' -r -f -a "sdk-hmac-sha256\t''
sdk-hmac-sm3\t''
v11-hmac-sha256\t''"
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from change-master-standby-async" -l credentials-file -d 'Read the credential variables from this file (NAME=value lines) instead of the environment' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from change-master-standby-async" -s o -l output -d 'json: one JSON document on stdout; table: for people' -r -f -a "json\t''
table\t''"
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from change-master-standby-async" -l journal -d 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform\'s state directory]' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from change-master-standby-async" -l profile -d 'Take the defaults of this profile (`hwc configure` writes and lists them)' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from change-master-standby-async" -l wait -d 'Follow the switchover\'s job (ShowJobInfo) to its end, then prove it: every node that was `master` before the switchover must be `slave` in ListGroupReplicationInfo; exit 0 once the outcome is proven; 1 if it failed or was not accepted; 3 if refused (busy) or following failed; 4 at the deadline; 5 if its answer was lost and no evidence was found that it was performed (it may have been: check before sending it again); 6 if a success is contradicted by the verification read; 7 if there is no evidence of this operation\'s outcome; 8 if no task runs'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from change-master-standby-async" -s q -l quiet -d 'No progress on stderr (errors are still printed)'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from change-master-standby-async" -l dry-run -d 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from change-master-standby-async" -s y -l yes -d 'Do not ask for confirmation before a non-idempotent operation (scripts)'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from change-master-standby-async" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from change-master-standby" -l instance-id -d 'ID of the cache instance. Example: 5560df16-cebf-4473-95c4-d1b573c16e79' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from change-master-standby" -l project-id -d 'Project id, filled into every path' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from change-master-standby" -l deadline -d 'Give up waiting after this long (exit 4; the operation goes on), such as 90s, 10m, 1h [default: 10m]' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from change-master-standby" -l interval -d 'Wait this long before the second poll; it doubles while nothing changes, up to 8 times as long (at most 10s)' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from change-master-standby" -l region -d 'Region, such as cn-north-4 or eu-de; selects each service\'s endpoint' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from change-master-standby" -l cloud -d 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]' -r -f -a "huawei\t''
otc\t''"
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from change-master-standby" -l endpoint -d 'Send to this endpoint instead of the region\'s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`\'s)' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from change-master-standby" -l algorithm -d 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)' -r -f -a "sdk-hmac-sha256\t''
sdk-hmac-sm3\t''
v11-hmac-sha256\t''"
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from change-master-standby" -l credentials-file -d 'Read the credential variables from this file (NAME=value lines) instead of the environment' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from change-master-standby" -s o -l output -d 'json: one JSON document on stdout; table: for people' -r -f -a "json\t''
table\t''"
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from change-master-standby" -l journal -d 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform\'s state directory]' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from change-master-standby" -l profile -d 'Take the defaults of this profile (`hwc configure` writes and lists them)' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from change-master-standby" -l wait -d 'The switchover is done when it answers; then see the instance serve again (ShowInstance) and prove it: every node that was `master` before the switchover must be `slave` in ListGroupReplicationInfo; exit 0 once the outcome is proven; 1 if it failed or was not accepted; 3 if refused (busy) or following failed; 4 at the deadline; 5 if its answer was lost and no evidence was found that it was performed (it may have been: check before sending it again); 6 if a success is contradicted by the verification read; 7 if there is no evidence of this operation\'s outcome; 8 if no task runs'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from change-master-standby" -s q -l quiet -d 'No progress on stderr (errors are still printed)'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from change-master-standby" -l dry-run -d 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from change-master-standby" -s y -l yes -d 'Do not ask for confirmation before a non-idempotent operation (scripts)'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from change-master-standby" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from list-background-task" -l end-time -d 'Query end time (UTC). Format: yyyyMMddHHmmss, for example, 20200617155959.' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from list-background-task" -l instance-id -d 'ID of the cache instance. Example: 5560df16-cebf-4473-95c4-d1b573c16e79' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from list-background-task" -l limit -d 'Number of items displayed on each page.' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from list-background-task" -l offset -d 'Offset, which is the position where the query starts. The value must be greater than or equal to 0.' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from list-background-task" -l start-time -d 'Query start time (UTC). Format: yyyyMMddHHmmss, for example, 20200609160000. The page\'s example request sends `begin_time`; its table and the official SDK name it `start_time`, which is what this sends.' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from list-background-task" -l project-id -d 'Project id, filled into every path' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from list-background-task" -l region -d 'Region, such as cn-north-4 or eu-de; selects each service\'s endpoint' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from list-background-task" -l cloud -d 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]' -r -f -a "huawei\t''
otc\t''"
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from list-background-task" -l endpoint -d 'Send to this endpoint instead of the region\'s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`\'s)' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from list-background-task" -l algorithm -d 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)' -r -f -a "sdk-hmac-sha256\t''
sdk-hmac-sm3\t''
v11-hmac-sha256\t''"
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from list-background-task" -l credentials-file -d 'Read the credential variables from this file (NAME=value lines) instead of the environment' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from list-background-task" -s o -l output -d 'json: one JSON document on stdout; table: for people' -r -f -a "json\t''
table\t''"
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from list-background-task" -l journal -d 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform\'s state directory]' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from list-background-task" -l profile -d 'Take the defaults of this profile (`hwc configure` writes and lists them)' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from list-background-task" -s q -l quiet -d 'No progress on stderr (errors are still printed)'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from list-background-task" -l dry-run -d 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from list-background-task" -s y -l yes -d 'Do not ask for confirmation before a non-idempotent operation (scripts)'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from list-background-task" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from show-job-info" -l job-id -d 'ID of the job, as returned by the operation that started it. Example: ff8080818822bbf70188235afc24141a' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from show-job-info" -l project-id -d 'Project id, filled into every path' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from show-job-info" -l region -d 'Region, such as cn-north-4 or eu-de; selects each service\'s endpoint' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from show-job-info" -l cloud -d 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]' -r -f -a "huawei\t''
otc\t''"
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from show-job-info" -l endpoint -d 'Send to this endpoint instead of the region\'s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`\'s)' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from show-job-info" -l algorithm -d 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)' -r -f -a "sdk-hmac-sha256\t''
sdk-hmac-sm3\t''
v11-hmac-sha256\t''"
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from show-job-info" -l credentials-file -d 'Read the credential variables from this file (NAME=value lines) instead of the environment' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from show-job-info" -s o -l output -d 'json: one JSON document on stdout; table: for people' -r -f -a "json\t''
table\t''"
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from show-job-info" -l journal -d 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform\'s state directory]' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from show-job-info" -l profile -d 'Take the defaults of this profile (`hwc configure` writes and lists them)' -r
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from show-job-info" -s q -l quiet -d 'No progress on stderr (errors are still printed)'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from show-job-info" -l dry-run -d 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from show-job-info" -s y -l yes -d 'Do not ask for confirmation before a non-idempotent operation (scripts)'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from show-job-info" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from help" -f -a "list-group-replication-info" -d 'List the shards and replicas of an instance'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from help" -f -a "execute-cluster-switchover" -d 'Switch over a shard of a cluster instance'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from help" -f -a "show-instance" -d 'Show an instance'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from help" -f -a "change-master-standby-async" -d 'Switch master and replica asynchronously'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from help" -f -a "change-master-standby" -d 'Switch master and standby synchronously'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from help" -f -a "list-background-task" -d 'List the background tasks of an instance'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from help" -f -a "show-job-info" -d 'Show the result of a job'
complete -c hwc -n "__fish_hwc_using_subcommand dcs; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hwc -n "__fish_hwc_using_subcommand drs; and not __fish_seen_subcommand_from batch-list-job-details show-switch-vip-status switch-vip help" -l region -d 'Region, such as cn-north-4 or eu-de; selects each service\'s endpoint' -r
complete -c hwc -n "__fish_hwc_using_subcommand drs; and not __fish_seen_subcommand_from batch-list-job-details show-switch-vip-status switch-vip help" -l cloud -d 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]' -r -f -a "huawei\t''
otc\t''"
complete -c hwc -n "__fish_hwc_using_subcommand drs; and not __fish_seen_subcommand_from batch-list-job-details show-switch-vip-status switch-vip help" -l endpoint -d 'Send to this endpoint instead of the region\'s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`\'s)' -r
complete -c hwc -n "__fish_hwc_using_subcommand drs; and not __fish_seen_subcommand_from batch-list-job-details show-switch-vip-status switch-vip help" -l project-id -d 'Project id, filled into every path' -r
complete -c hwc -n "__fish_hwc_using_subcommand drs; and not __fish_seen_subcommand_from batch-list-job-details show-switch-vip-status switch-vip help" -l algorithm -d 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)' -r -f -a "sdk-hmac-sha256\t''
sdk-hmac-sm3\t''
v11-hmac-sha256\t''"
complete -c hwc -n "__fish_hwc_using_subcommand drs; and not __fish_seen_subcommand_from batch-list-job-details show-switch-vip-status switch-vip help" -l credentials-file -d 'Read the credential variables from this file (NAME=value lines) instead of the environment' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand drs; and not __fish_seen_subcommand_from batch-list-job-details show-switch-vip-status switch-vip help" -s o -l output -d 'json: one JSON document on stdout; table: for people' -r -f -a "json\t''
table\t''"
complete -c hwc -n "__fish_hwc_using_subcommand drs; and not __fish_seen_subcommand_from batch-list-job-details show-switch-vip-status switch-vip help" -l journal -d 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform\'s state directory]' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand drs; and not __fish_seen_subcommand_from batch-list-job-details show-switch-vip-status switch-vip help" -l profile -d 'Take the defaults of this profile (`hwc configure` writes and lists them)' -r
complete -c hwc -n "__fish_hwc_using_subcommand drs; and not __fish_seen_subcommand_from batch-list-job-details show-switch-vip-status switch-vip help" -s q -l quiet -d 'No progress on stderr (errors are still printed)'
complete -c hwc -n "__fish_hwc_using_subcommand drs; and not __fish_seen_subcommand_from batch-list-job-details show-switch-vip-status switch-vip help" -l dry-run -d 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
complete -c hwc -n "__fish_hwc_using_subcommand drs; and not __fish_seen_subcommand_from batch-list-job-details show-switch-vip-status switch-vip help" -s y -l yes -d 'Do not ask for confirmation before a non-idempotent operation (scripts)'
complete -c hwc -n "__fish_hwc_using_subcommand drs; and not __fish_seen_subcommand_from batch-list-job-details show-switch-vip-status switch-vip help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hwc -n "__fish_hwc_using_subcommand drs; and not __fish_seen_subcommand_from batch-list-job-details show-switch-vip-status switch-vip help" -f -a "batch-list-job-details" -d 'Show the details of replication jobs'
complete -c hwc -n "__fish_hwc_using_subcommand drs; and not __fish_seen_subcommand_from batch-list-job-details show-switch-vip-status switch-vip help" -f -a "show-switch-vip-status" -d 'Query the result of a virtual IP switchover'
complete -c hwc -n "__fish_hwc_using_subcommand drs; and not __fish_seen_subcommand_from batch-list-job-details show-switch-vip-status switch-vip help" -f -a "switch-vip" -d 'Switch over the virtual IP of a replication job'
complete -c hwc -n "__fish_hwc_using_subcommand drs; and not __fish_seen_subcommand_from batch-list-job-details show-switch-vip-status switch-vip help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from batch-list-job-details" -l x-language -d 'Language of the response messages. The service defaults to `en-us`. Example: en-us' -r -f -a "en-us\t''
zh-cn\t''"
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from batch-list-job-details" -l project-id -d 'Project id, filled into every path' -r
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from batch-list-job-details" -l json-body -d 'Path to a file holding the whole JSON request body (The IDs of the jobs, and which page of them); when given, it replaces the body the other flags would make.' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from batch-list-job-details" -l region -d 'Region, such as cn-north-4 or eu-de; selects each service\'s endpoint' -r
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from batch-list-job-details" -l cloud -d 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]' -r -f -a "huawei\t''
otc\t''"
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from batch-list-job-details" -l endpoint -d 'Send to this endpoint instead of the region\'s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`\'s)' -r
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from batch-list-job-details" -l algorithm -d 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)' -r -f -a "sdk-hmac-sha256\t''
sdk-hmac-sm3\t''
v11-hmac-sha256\t''"
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from batch-list-job-details" -l credentials-file -d 'Read the credential variables from this file (NAME=value lines) instead of the environment' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from batch-list-job-details" -s o -l output -d 'json: one JSON document on stdout; table: for people' -r -f -a "json\t''
table\t''"
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from batch-list-job-details" -l journal -d 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform\'s state directory]' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from batch-list-job-details" -l profile -d 'Take the defaults of this profile (`hwc configure` writes and lists them)' -r
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from batch-list-job-details" -l json-body-template -d 'Print the page\'s example request body as JSON, to start a --json-body file from, and exit.'
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from batch-list-job-details" -s q -l quiet -d 'No progress on stderr (errors are still printed)'
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from batch-list-job-details" -l dry-run -d 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from batch-list-job-details" -s y -l yes -d 'Do not ask for confirmation before a non-idempotent operation (scripts)'
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from batch-list-job-details" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from show-switch-vip-status" -l job-id -d 'ID of the replication job; for a cross-AZ job, the ID of the parent job. Example: 260e27fd-4976-44dc-9948-e1265e4jb201' -r
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from show-switch-vip-status" -l x-language -d 'Language of the response messages. The service defaults to `en-us`. Example: en-us' -r -f -a "en-us\t''
zh-cn\t''"
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from show-switch-vip-status" -l project-id -d 'Project id, filled into every path' -r
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from show-switch-vip-status" -l region -d 'Region, such as cn-north-4 or eu-de; selects each service\'s endpoint' -r
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from show-switch-vip-status" -l cloud -d 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]' -r -f -a "huawei\t''
otc\t''"
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from show-switch-vip-status" -l endpoint -d 'Send to this endpoint instead of the region\'s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`\'s)' -r
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from show-switch-vip-status" -l algorithm -d 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)' -r -f -a "sdk-hmac-sha256\t''
sdk-hmac-sm3\t''
v11-hmac-sha256\t''"
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from show-switch-vip-status" -l credentials-file -d 'Read the credential variables from this file (NAME=value lines) instead of the environment' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from show-switch-vip-status" -s o -l output -d 'json: one JSON document on stdout; table: for people' -r -f -a "json\t''
table\t''"
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from show-switch-vip-status" -l journal -d 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform\'s state directory]' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from show-switch-vip-status" -l profile -d 'Take the defaults of this profile (`hwc configure` writes and lists them)' -r
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from show-switch-vip-status" -s q -l quiet -d 'No progress on stderr (errors are still printed)'
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from show-switch-vip-status" -l dry-run -d 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from show-switch-vip-status" -s y -l yes -d 'Do not ask for confirmation before a non-idempotent operation (scripts)'
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from show-switch-vip-status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from switch-vip" -l job-id -d 'ID of the replication job; for a cross-AZ job, the ID of the parent job. Example: 8c81a12f-2581-4424-a3ab-70ed874jb201' -r
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from switch-vip" -l mode -d 'Whose virtual IP is switched over: `source` (the source database\'s) or `target` (the destination database\'s). Example: source' -r -f -a "source\t''
target\t''"
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from switch-vip" -l x-language -d 'Language of the response messages. The service defaults to `en-us`. Example: en-us' -r -f -a "en-us\t''
zh-cn\t''"
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from switch-vip" -l project-id -d 'Project id, filled into every path' -r
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from switch-vip" -l deadline -d 'Give up waiting after this long (exit 4; the operation goes on), such as 90s, 10m, 1h [default: 30m]' -r
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from switch-vip" -l interval -d 'Wait this long before the second poll; it doubles while nothing changes, up to 8 times as long (at most 10s)' -r
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from switch-vip" -l json-body -d 'Path to a file holding the whole JSON request body (Which side\'s virtual IP to switch over); when given, it replaces the body the other flags would make.' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from switch-vip" -l region -d 'Region, such as cn-north-4 or eu-de; selects each service\'s endpoint' -r
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from switch-vip" -l cloud -d 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]' -r -f -a "huawei\t''
otc\t''"
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from switch-vip" -l endpoint -d 'Send to this endpoint instead of the region\'s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`\'s)' -r
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from switch-vip" -l algorithm -d 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)' -r -f -a "sdk-hmac-sha256\t''
sdk-hmac-sm3\t''
v11-hmac-sha256\t''"
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from switch-vip" -l credentials-file -d 'Read the credential variables from this file (NAME=value lines) instead of the environment' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from switch-vip" -s o -l output -d 'json: one JSON document on stdout; table: for people' -r -f -a "json\t''
table\t''"
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from switch-vip" -l journal -d 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform\'s state directory]' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from switch-vip" -l profile -d 'Take the defaults of this profile (`hwc configure` writes and lists them)' -r
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from switch-vip" -l json-body-template -d 'Print the page\'s example request body as JSON, to start a --json-body file from, and exit.'
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from switch-vip" -l wait -d 'Follow the switchover (ShowSwitchVipStatus) until the address has moved. The status describes the job\'s last switchover and carries no id of this one, so it is read before sending, and a final state counts only once the status was seen to leave that baseline; exit 0 once the outcome is proven; 1 if it failed or was not accepted; 3 if refused (busy) or following failed; 4 at the deadline; 5 if its answer was lost and no evidence was found that it was performed (it may have been: check before sending it again); 6 if a success is contradicted by the verification read; 7 if there is no evidence of this operation\'s outcome; 8 if no task runs'
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from switch-vip" -s q -l quiet -d 'No progress on stderr (errors are still printed)'
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from switch-vip" -l dry-run -d 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from switch-vip" -s y -l yes -d 'Do not ask for confirmation before a non-idempotent operation (scripts)'
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from switch-vip" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from help" -f -a "batch-list-job-details" -d 'Show the details of replication jobs'
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from help" -f -a "show-switch-vip-status" -d 'Query the result of a virtual IP switchover'
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from help" -f -a "switch-vip" -d 'Switch over the virtual IP of a replication job'
complete -c hwc -n "__fish_hwc_using_subcommand drs; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hwc -n "__fish_hwc_using_subcommand css; and not __fish_seen_subcommand_from show-cluster-detail update-az-by-instance-type upgrade-detail help" -l region -d 'Region, such as cn-north-4 or eu-de; selects each service\'s endpoint' -r
complete -c hwc -n "__fish_hwc_using_subcommand css; and not __fish_seen_subcommand_from show-cluster-detail update-az-by-instance-type upgrade-detail help" -l cloud -d 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]' -r -f -a "huawei\t''
otc\t''"
complete -c hwc -n "__fish_hwc_using_subcommand css; and not __fish_seen_subcommand_from show-cluster-detail update-az-by-instance-type upgrade-detail help" -l endpoint -d 'Send to this endpoint instead of the region\'s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`\'s)' -r
complete -c hwc -n "__fish_hwc_using_subcommand css; and not __fish_seen_subcommand_from show-cluster-detail update-az-by-instance-type upgrade-detail help" -l project-id -d 'Project id, filled into every path' -r
complete -c hwc -n "__fish_hwc_using_subcommand css; and not __fish_seen_subcommand_from show-cluster-detail update-az-by-instance-type upgrade-detail help" -l algorithm -d 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)' -r -f -a "sdk-hmac-sha256\t''
sdk-hmac-sm3\t''
v11-hmac-sha256\t''"
complete -c hwc -n "__fish_hwc_using_subcommand css; and not __fish_seen_subcommand_from show-cluster-detail update-az-by-instance-type upgrade-detail help" -l credentials-file -d 'Read the credential variables from this file (NAME=value lines) instead of the environment' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand css; and not __fish_seen_subcommand_from show-cluster-detail update-az-by-instance-type upgrade-detail help" -s o -l output -d 'json: one JSON document on stdout; table: for people' -r -f -a "json\t''
table\t''"
complete -c hwc -n "__fish_hwc_using_subcommand css; and not __fish_seen_subcommand_from show-cluster-detail update-az-by-instance-type upgrade-detail help" -l journal -d 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform\'s state directory]' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand css; and not __fish_seen_subcommand_from show-cluster-detail update-az-by-instance-type upgrade-detail help" -l profile -d 'Take the defaults of this profile (`hwc configure` writes and lists them)' -r
complete -c hwc -n "__fish_hwc_using_subcommand css; and not __fish_seen_subcommand_from show-cluster-detail update-az-by-instance-type upgrade-detail help" -s q -l quiet -d 'No progress on stderr (errors are still printed)'
complete -c hwc -n "__fish_hwc_using_subcommand css; and not __fish_seen_subcommand_from show-cluster-detail update-az-by-instance-type upgrade-detail help" -l dry-run -d 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
complete -c hwc -n "__fish_hwc_using_subcommand css; and not __fish_seen_subcommand_from show-cluster-detail update-az-by-instance-type upgrade-detail help" -s y -l yes -d 'Do not ask for confirmation before a non-idempotent operation (scripts)'
complete -c hwc -n "__fish_hwc_using_subcommand css; and not __fish_seen_subcommand_from show-cluster-detail update-az-by-instance-type upgrade-detail help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hwc -n "__fish_hwc_using_subcommand css; and not __fish_seen_subcommand_from show-cluster-detail update-az-by-instance-type upgrade-detail help" -f -a "show-cluster-detail" -d 'Show a cluster and its nodes'
complete -c hwc -n "__fish_hwc_using_subcommand css; and not __fish_seen_subcommand_from show-cluster-detail update-az-by-instance-type upgrade-detail help" -f -a "update-az-by-instance-type" -d 'Start an AZ switchover of a cluster\'s nodes'
complete -c hwc -n "__fish_hwc_using_subcommand css; and not __fish_seen_subcommand_from show-cluster-detail update-az-by-instance-type upgrade-detail help" -f -a "upgrade-detail" -d 'Show the progress of a cluster upgrade or AZ switchover'
complete -c hwc -n "__fish_hwc_using_subcommand css; and not __fish_seen_subcommand_from show-cluster-detail update-az-by-instance-type upgrade-detail help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from show-cluster-detail" -l cluster-id -d 'ID of the cluster you want to query. For details about how to obtain the cluster ID, see Obtaining the Cluster ID. Value range: Cluster ID. Example: ea244205-d641-45d9-9dcb-ab2236bcd07e' -r
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from show-cluster-detail" -l project-id -d 'Project id, filled into every path' -r
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from show-cluster-detail" -l region -d 'Region, such as cn-north-4 or eu-de; selects each service\'s endpoint' -r
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from show-cluster-detail" -l cloud -d 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]' -r -f -a "huawei\t''
otc\t''"
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from show-cluster-detail" -l endpoint -d 'Send to this endpoint instead of the region\'s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`\'s)' -r
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from show-cluster-detail" -l algorithm -d 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)' -r -f -a "sdk-hmac-sha256\t''
sdk-hmac-sm3\t''
v11-hmac-sha256\t''"
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from show-cluster-detail" -l credentials-file -d 'Read the credential variables from this file (NAME=value lines) instead of the environment' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from show-cluster-detail" -s o -l output -d 'json: one JSON document on stdout; table: for people' -r -f -a "json\t''
table\t''"
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from show-cluster-detail" -l journal -d 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform\'s state directory]' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from show-cluster-detail" -l profile -d 'Take the defaults of this profile (`hwc configure` writes and lists them)' -r
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from show-cluster-detail" -s q -l quiet -d 'No progress on stderr (errors are still printed)'
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from show-cluster-detail" -l dry-run -d 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from show-cluster-detail" -s y -l yes -d 'Do not ask for confirmation before a non-idempotent operation (scripts)'
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from show-cluster-detail" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from update-az-by-instance-type" -l agency -d 'Agency name. You can create an agency to allow CSS to call other cloud services. Constraints: The value can contain only letters (a-z and A-Z), digits (0-9), hyphens (-), and underscores (_). It cannot contain Chinese characters or other special characters. Example: css-test-agency' -r
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from update-az-by-instance-type" -l cluster-id -d 'ID of the cluster whose nodes change AZ. Example: 4f3deec3-efa8-4598-bf91-560aad1377a3' -r
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from update-az-by-instance-type" -l indices-backup-check -d 'Whether to check full index snapshots. Value range: - true: Check for full index snapshots. - false: Do not check for full index snapshots. Default value: true' -r -f -a "true\t''
false\t''"
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from update-az-by-instance-type" -l inst-type -d 'Which nodes change AZ: `all`, `ess` (data nodes), `ess-cold` (cold data nodes), `ess-client` (client nodes) or `ess-master` (master nodes). All mission-critical data should be backed up first. Example: all' -r -f -a "all\t''
ess\t''
ess-cold\t''
ess-client\t''
ess-master\t''"
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from update-az-by-instance-type" -l migrate-type -d '`multi_az_change` (HA reconstruction across AZs) or `az_migrate` (AZ migration). Example: az_migrate' -r -f -a "multi_az_change\t''
az_migrate\t''"
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from update-az-by-instance-type" -l source-az -d 'The AZ the nodes are in now. Example: cn-north-4c' -r
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from update-az-by-instance-type" -l target-az -d 'The AZ the nodes move to. Example: cn-north-4a' -r
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from update-az-by-instance-type" -l project-id -d 'Project id, filled into every path' -r
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from update-az-by-instance-type" -l deadline -d 'Give up waiting after this long (exit 4; the operation goes on), such as 90s, 10m, 1h [default: 1h]' -r
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from update-az-by-instance-type" -l interval -d 'Wait this long before the second poll; it doubles while nothing changes, up to 8 times as long (at most 10s)' -r
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from update-az-by-instance-type" -l json-body -d 'Path to a file holding the whole JSON request body; when given, it replaces the body the other flags would make.' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from update-az-by-instance-type" -l region -d 'Region, such as cn-north-4 or eu-de; selects each service\'s endpoint' -r
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from update-az-by-instance-type" -l cloud -d 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]' -r -f -a "huawei\t''
otc\t''"
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from update-az-by-instance-type" -l endpoint -d 'Send to this endpoint instead of the region\'s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`\'s)' -r
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from update-az-by-instance-type" -l algorithm -d 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)' -r -f -a "sdk-hmac-sha256\t''
sdk-hmac-sm3\t''
v11-hmac-sha256\t''"
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from update-az-by-instance-type" -l credentials-file -d 'Read the credential variables from this file (NAME=value lines) instead of the environment' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from update-az-by-instance-type" -s o -l output -d 'json: one JSON document on stdout; table: for people' -r -f -a "json\t''
table\t''"
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from update-az-by-instance-type" -l journal -d 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform\'s state directory]' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from update-az-by-instance-type" -l profile -d 'Take the defaults of this profile (`hwc configure` writes and lists them)' -r
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from update-az-by-instance-type" -l json-body-template -d 'Print the page\'s example request body as JSON, to start a --json-body file from, and exit.'
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from update-az-by-instance-type" -l wait -d 'Follow the AZ switchover\'s task (UpgradeDetail, action_mode AZ_MIGRATION): the task that was not there before sending, every page read, its id pinned once seen; then prove it: every node of the type that was in the source AZ must be in the target AZ in ShowClusterDetail; exit 0 once the outcome is proven; 1 if it failed or was not accepted; 3 if refused (busy) or following failed; 4 at the deadline; 5 if its answer was lost and no evidence was found that it was performed (it may have been: check before sending it again); 6 if a success is contradicted by the verification read; 7 if there is no evidence of this operation\'s outcome; 8 if no task runs'
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from update-az-by-instance-type" -s q -l quiet -d 'No progress on stderr (errors are still printed)'
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from update-az-by-instance-type" -l dry-run -d 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from update-az-by-instance-type" -s y -l yes -d 'Do not ask for confirmation before a non-idempotent operation (scripts)'
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from update-az-by-instance-type" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from upgrade-detail" -l action-mode -d 'Which kind of task to report: omit it (or `UPGRADING`) for version upgrades, `AZ_MIGRATION` for AZ switchovers. Example: AZ_MIGRATION' -r -f -a "UPGRADING\t''
AZ_MIGRATION\t''"
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from upgrade-detail" -l cluster-id -d 'ID of the cluster being upgraded. Example: ea244205-d641-45d9-9dcb-ab2236bcd07e' -r
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from upgrade-detail" -l limit -d 'How many tasks one page holds: from 1 to 1000, 10 by default. Example: 10' -r
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from upgrade-detail" -l offset -d 'Where the page starts: 1 (the default) starts from the first task. From 1 to 1000. The current references and the official SDK name this parameter `offset`; older pages call it `start`. Example: 1' -r
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from upgrade-detail" -l start -d 'Deprecated. The older pages\' name of `offset` (the API page and the Open Telekom Cloud reference of 2024). Kept so that existing callers still compile; send `offset` instead. Example: 1' -r
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from upgrade-detail" -l project-id -d 'Project id, filled into every path' -r
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from upgrade-detail" -l deadline -d 'Give up waiting after this long (exit 4; the operation goes on), such as 90s, 10m, 1h [default: 1h]' -r
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from upgrade-detail" -l interval -d 'Wait this long before the second poll; it doubles while nothing changes, up to 8 times as long (at most 10s)' -r
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from upgrade-detail" -l task-id -d 'Follow this task, whatever its state (default: the task that runs; with none running, say so)' -r
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from upgrade-detail" -l region -d 'Region, such as cn-north-4 or eu-de; selects each service\'s endpoint' -r
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from upgrade-detail" -l cloud -d 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]' -r -f -a "huawei\t''
otc\t''"
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from upgrade-detail" -l endpoint -d 'Send to this endpoint instead of the region\'s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`\'s)' -r
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from upgrade-detail" -l algorithm -d 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)' -r -f -a "sdk-hmac-sha256\t''
sdk-hmac-sm3\t''
v11-hmac-sha256\t''"
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from upgrade-detail" -l credentials-file -d 'Read the credential variables from this file (NAME=value lines) instead of the environment' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from upgrade-detail" -s o -l output -d 'json: one JSON document on stdout; table: for people' -r -f -a "json\t''
table\t''"
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from upgrade-detail" -l journal -d 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform\'s state directory]' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from upgrade-detail" -l profile -d 'Take the defaults of this profile (`hwc configure` writes and lists them)' -r
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from upgrade-detail" -l watch -d 'Follow the cluster\'s running upgrade or AZ switchover task (or the one given with --task-id) until it ends; when no task runs, say so rather than report a finished one; exit 0 once the outcome is proven; 1 if it failed or was not accepted; 3 if refused (busy) or following failed; 4 at the deadline; 5 if its answer was lost and no evidence was found that it was performed (it may have been: check before sending it again); 6 if a success is contradicted by the verification read; 7 if there is no evidence of this operation\'s outcome; 8 if no task runs'
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from upgrade-detail" -s q -l quiet -d 'No progress on stderr (errors are still printed)'
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from upgrade-detail" -l dry-run -d 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from upgrade-detail" -s y -l yes -d 'Do not ask for confirmation before a non-idempotent operation (scripts)'
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from upgrade-detail" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from help" -f -a "show-cluster-detail" -d 'Show a cluster and its nodes'
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from help" -f -a "update-az-by-instance-type" -d 'Start an AZ switchover of a cluster\'s nodes'
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from help" -f -a "upgrade-detail" -d 'Show the progress of a cluster upgrade or AZ switchover'
complete -c hwc -n "__fish_hwc_using_subcommand css; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hwc -n "__fish_hwc_using_subcommand sim" -l scenario -d 'Scenario file (YAML or JSON) of the simulator; default: its built-in scenario' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand sim" -l speed -d 'Simulated seconds per real second (default: the scenario\'s)' -r
complete -c hwc -n "__fish_hwc_using_subcommand sim" -l listen -d 'Address to listen on (a loopback address; port 0 picks a free port)' -r
complete -c hwc -n "__fish_hwc_using_subcommand sim" -l region -d 'Region, such as cn-north-4 or eu-de; selects each service\'s endpoint' -r
complete -c hwc -n "__fish_hwc_using_subcommand sim" -l cloud -d 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]' -r -f -a "huawei\t''
otc\t''"
complete -c hwc -n "__fish_hwc_using_subcommand sim" -l endpoint -d 'Send to this endpoint instead of the region\'s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`\'s)' -r
complete -c hwc -n "__fish_hwc_using_subcommand sim" -l project-id -d 'Project id, filled into every path' -r
complete -c hwc -n "__fish_hwc_using_subcommand sim" -l algorithm -d 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)' -r -f -a "sdk-hmac-sha256\t''
sdk-hmac-sm3\t''
v11-hmac-sha256\t''"
complete -c hwc -n "__fish_hwc_using_subcommand sim" -l credentials-file -d 'Read the credential variables from this file (NAME=value lines) instead of the environment' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand sim" -s o -l output -d 'json: one JSON document on stdout; table: for people' -r -f -a "json\t''
table\t''"
complete -c hwc -n "__fish_hwc_using_subcommand sim" -l journal -d 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform\'s state directory]' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand sim" -l profile -d 'Take the defaults of this profile (`hwc configure` writes and lists them)' -r
complete -c hwc -n "__fish_hwc_using_subcommand sim" -s q -l quiet -d 'No progress on stderr (errors are still printed)'
complete -c hwc -n "__fish_hwc_using_subcommand sim" -l dry-run -d 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
complete -c hwc -n "__fish_hwc_using_subcommand sim" -s y -l yes -d 'Do not ask for confirmation before a non-idempotent operation (scripts)'
complete -c hwc -n "__fish_hwc_using_subcommand sim" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hwc -n "__fish_hwc_using_subcommand drill" -l scenario -d 'Scenario file (YAML or JSON) of the simulator; default: its built-in scenario' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand drill" -l speed -d 'Simulated seconds per real second of the embedded simulator [default: 100]' -r
complete -c hwc -n "__fish_hwc_using_subcommand drill" -l dcs-instance -d 'With --endpoint: the master/standby DCS instance to switch over' -r
complete -c hwc -n "__fish_hwc_using_subcommand drill" -l dcs-cluster -d 'With --endpoint: the cluster DCS instance whose shard to switch over' -r
complete -c hwc -n "__fish_hwc_using_subcommand drill" -l drs-job -d 'With --endpoint: the DRS replication job whose virtual IP to switch' -r
complete -c hwc -n "__fish_hwc_using_subcommand drill" -l css-cluster -d 'With --endpoint: the CSS cluster whose upgrades to watch' -r
complete -c hwc -n "__fish_hwc_using_subcommand drill" -l css-az-cluster -d 'With --endpoint: the CSS cluster to switch over to another AZ' -r
complete -c hwc -n "__fish_hwc_using_subcommand drill" -l region -d 'Region, such as cn-north-4 or eu-de; selects each service\'s endpoint' -r
complete -c hwc -n "__fish_hwc_using_subcommand drill" -l cloud -d 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]' -r -f -a "huawei\t''
otc\t''"
complete -c hwc -n "__fish_hwc_using_subcommand drill" -l endpoint -d 'Send to this endpoint instead of the region\'s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`\'s)' -r
complete -c hwc -n "__fish_hwc_using_subcommand drill" -l project-id -d 'Project id, filled into every path' -r
complete -c hwc -n "__fish_hwc_using_subcommand drill" -l algorithm -d 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)' -r -f -a "sdk-hmac-sha256\t''
sdk-hmac-sm3\t''
v11-hmac-sha256\t''"
complete -c hwc -n "__fish_hwc_using_subcommand drill" -l credentials-file -d 'Read the credential variables from this file (NAME=value lines) instead of the environment' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand drill" -s o -l output -d 'json: one JSON document on stdout; table: for people' -r -f -a "json\t''
table\t''"
complete -c hwc -n "__fish_hwc_using_subcommand drill" -l journal -d 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform\'s state directory]' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand drill" -l profile -d 'Take the defaults of this profile (`hwc configure` writes and lists them)' -r
complete -c hwc -n "__fish_hwc_using_subcommand drill" -l keep-going -d 'Run every step even after one failed (default: stop at the first)'
complete -c hwc -n "__fish_hwc_using_subcommand drill" -s q -l quiet -d 'No progress on stderr (errors are still printed)'
complete -c hwc -n "__fish_hwc_using_subcommand drill" -l dry-run -d 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
complete -c hwc -n "__fish_hwc_using_subcommand drill" -s y -l yes -d 'Do not ask for confirmation before a non-idempotent operation (scripts)'
complete -c hwc -n "__fish_hwc_using_subcommand drill" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hwc -n "__fish_hwc_using_subcommand journal" -l region -d 'Region, such as cn-north-4 or eu-de; selects each service\'s endpoint' -r
complete -c hwc -n "__fish_hwc_using_subcommand journal" -l cloud -d 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]' -r -f -a "huawei\t''
otc\t''"
complete -c hwc -n "__fish_hwc_using_subcommand journal" -l endpoint -d 'Send to this endpoint instead of the region\'s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`\'s)' -r
complete -c hwc -n "__fish_hwc_using_subcommand journal" -l project-id -d 'Project id, filled into every path' -r
complete -c hwc -n "__fish_hwc_using_subcommand journal" -l algorithm -d 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)' -r -f -a "sdk-hmac-sha256\t''
sdk-hmac-sm3\t''
v11-hmac-sha256\t''"
complete -c hwc -n "__fish_hwc_using_subcommand journal" -l credentials-file -d 'Read the credential variables from this file (NAME=value lines) instead of the environment' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand journal" -s o -l output -d 'json: one JSON document on stdout; table: for people' -r -f -a "json\t''
table\t''"
complete -c hwc -n "__fish_hwc_using_subcommand journal" -l journal -d 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform\'s state directory]' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand journal" -l profile -d 'Take the defaults of this profile (`hwc configure` writes and lists them)' -r
complete -c hwc -n "__fish_hwc_using_subcommand journal" -l path -d 'Print the journal\'s path only'
complete -c hwc -n "__fish_hwc_using_subcommand journal" -s q -l quiet -d 'No progress on stderr (errors are still printed)'
complete -c hwc -n "__fish_hwc_using_subcommand journal" -l dry-run -d 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
complete -c hwc -n "__fish_hwc_using_subcommand journal" -s y -l yes -d 'Do not ask for confirmation before a non-idempotent operation (scripts)'
complete -c hwc -n "__fish_hwc_using_subcommand journal" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hwc -n "__fish_hwc_using_subcommand follow" -l deadline -d 'Give up waiting after this long (exit 4; the operation goes on)' -r
complete -c hwc -n "__fish_hwc_using_subcommand follow" -l interval -d 'Wait this long before the second poll' -r
complete -c hwc -n "__fish_hwc_using_subcommand follow" -l region -d 'Region, such as cn-north-4 or eu-de; selects each service\'s endpoint' -r
complete -c hwc -n "__fish_hwc_using_subcommand follow" -l cloud -d 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]' -r -f -a "huawei\t''
otc\t''"
complete -c hwc -n "__fish_hwc_using_subcommand follow" -l endpoint -d 'Send to this endpoint instead of the region\'s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`\'s)' -r
complete -c hwc -n "__fish_hwc_using_subcommand follow" -l project-id -d 'Project id, filled into every path' -r
complete -c hwc -n "__fish_hwc_using_subcommand follow" -l algorithm -d 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)' -r -f -a "sdk-hmac-sha256\t''
sdk-hmac-sm3\t''
v11-hmac-sha256\t''"
complete -c hwc -n "__fish_hwc_using_subcommand follow" -l credentials-file -d 'Read the credential variables from this file (NAME=value lines) instead of the environment' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand follow" -s o -l output -d 'json: one JSON document on stdout; table: for people' -r -f -a "json\t''
table\t''"
complete -c hwc -n "__fish_hwc_using_subcommand follow" -l journal -d 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform\'s state directory]' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand follow" -l profile -d 'Take the defaults of this profile (`hwc configure` writes and lists them)' -r
complete -c hwc -n "__fish_hwc_using_subcommand follow" -l last -d 'The journal\'s most recent operation that can be followed'
complete -c hwc -n "__fish_hwc_using_subcommand follow" -s q -l quiet -d 'No progress on stderr (errors are still printed)'
complete -c hwc -n "__fish_hwc_using_subcommand follow" -l dry-run -d 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
complete -c hwc -n "__fish_hwc_using_subcommand follow" -s y -l yes -d 'Do not ask for confirmation before a non-idempotent operation (scripts)'
complete -c hwc -n "__fish_hwc_using_subcommand follow" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hwc -n "__fish_hwc_using_subcommand configure" -l region -d 'Region, such as cn-north-4 or eu-de; selects each service\'s endpoint' -r
complete -c hwc -n "__fish_hwc_using_subcommand configure" -l cloud -d 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]' -r -f -a "huawei\t''
otc\t''"
complete -c hwc -n "__fish_hwc_using_subcommand configure" -l endpoint -d 'Send to this endpoint instead of the region\'s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`\'s)' -r
complete -c hwc -n "__fish_hwc_using_subcommand configure" -l project-id -d 'Project id, filled into every path' -r
complete -c hwc -n "__fish_hwc_using_subcommand configure" -l algorithm -d 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)' -r -f -a "sdk-hmac-sha256\t''
sdk-hmac-sm3\t''
v11-hmac-sha256\t''"
complete -c hwc -n "__fish_hwc_using_subcommand configure" -l credentials-file -d 'Read the credential variables from this file (NAME=value lines) instead of the environment' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand configure" -s o -l output -d 'json: one JSON document on stdout; table: for people' -r -f -a "json\t''
table\t''"
complete -c hwc -n "__fish_hwc_using_subcommand configure" -l journal -d 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform\'s state directory]' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand configure" -l profile -d 'Take the defaults of this profile (`hwc configure` writes and lists them)' -r
complete -c hwc -n "__fish_hwc_using_subcommand configure" -l list -d 'List the profiles'
complete -c hwc -n "__fish_hwc_using_subcommand configure" -s q -l quiet -d 'No progress on stderr (errors are still printed)'
complete -c hwc -n "__fish_hwc_using_subcommand configure" -l dry-run -d 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
complete -c hwc -n "__fish_hwc_using_subcommand configure" -s y -l yes -d 'Do not ask for confirmation before a non-idempotent operation (scripts)'
complete -c hwc -n "__fish_hwc_using_subcommand configure" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hwc -n "__fish_hwc_using_subcommand completions" -l region -d 'Region, such as cn-north-4 or eu-de; selects each service\'s endpoint' -r
complete -c hwc -n "__fish_hwc_using_subcommand completions" -l cloud -d 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]' -r -f -a "huawei\t''
otc\t''"
complete -c hwc -n "__fish_hwc_using_subcommand completions" -l endpoint -d 'Send to this endpoint instead of the region\'s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`\'s)' -r
complete -c hwc -n "__fish_hwc_using_subcommand completions" -l project-id -d 'Project id, filled into every path' -r
complete -c hwc -n "__fish_hwc_using_subcommand completions" -l algorithm -d 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)' -r -f -a "sdk-hmac-sha256\t''
sdk-hmac-sm3\t''
v11-hmac-sha256\t''"
complete -c hwc -n "__fish_hwc_using_subcommand completions" -l credentials-file -d 'Read the credential variables from this file (NAME=value lines) instead of the environment' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand completions" -s o -l output -d 'json: one JSON document on stdout; table: for people' -r -f -a "json\t''
table\t''"
complete -c hwc -n "__fish_hwc_using_subcommand completions" -l journal -d 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform\'s state directory]' -r -F
complete -c hwc -n "__fish_hwc_using_subcommand completions" -l profile -d 'Take the defaults of this profile (`hwc configure` writes and lists them)' -r
complete -c hwc -n "__fish_hwc_using_subcommand completions" -s q -l quiet -d 'No progress on stderr (errors are still printed)'
complete -c hwc -n "__fish_hwc_using_subcommand completions" -l dry-run -d 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
complete -c hwc -n "__fish_hwc_using_subcommand completions" -s y -l yes -d 'Do not ask for confirmation before a non-idempotent operation (scripts)'
complete -c hwc -n "__fish_hwc_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hwc -n "__fish_hwc_using_subcommand help; and not __fish_seen_subcommand_from dcs drs css sim drill journal follow configure completions help" -f -a "dcs" -d 'Distributed Cache Service (DCS) API'
complete -c hwc -n "__fish_hwc_using_subcommand help; and not __fish_seen_subcommand_from dcs drs css sim drill journal follow configure completions help" -f -a "drs" -d 'Data Replication Service (DRS) API'
complete -c hwc -n "__fish_hwc_using_subcommand help; and not __fish_seen_subcommand_from dcs drs css sim drill journal follow configure completions help" -f -a "css" -d 'Cloud Search Service (CSS) API'
complete -c hwc -n "__fish_hwc_using_subcommand help; and not __fish_seen_subcommand_from dcs drs css sim drill journal follow configure completions help" -f -a "sim" -d 'Run the local simulator of every operation in the foreground'
complete -c hwc -n "__fish_hwc_using_subcommand help; and not __fish_seen_subcommand_from dcs drs css sim drill journal follow configure completions help" -f -a "drill" -d 'Run a failover drill: every operation and every waiter, against a simulator'
complete -c hwc -n "__fish_hwc_using_subcommand help; and not __fish_seen_subcommand_from dcs drs css sim drill journal follow configure completions help" -f -a "journal" -d 'List the non-idempotent requests hwc sent, and what became of them'
complete -c hwc -n "__fish_hwc_using_subcommand help; and not __fish_seen_subcommand_from dcs drs css sim drill journal follow configure completions help" -f -a "follow" -d 'Follow an operation of the journal to its end, without sending it again'
complete -c hwc -n "__fish_hwc_using_subcommand help; and not __fish_seen_subcommand_from dcs drs css sim drill journal follow configure completions help" -f -a "configure" -d 'Write or list the profiles (--profile NAME with the global options to write one)'
complete -c hwc -n "__fish_hwc_using_subcommand help; and not __fish_seen_subcommand_from dcs drs css sim drill journal follow configure completions help" -f -a "completions" -d 'Print the shell completion script of hwc'
complete -c hwc -n "__fish_hwc_using_subcommand help; and not __fish_seen_subcommand_from dcs drs css sim drill journal follow configure completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hwc -n "__fish_hwc_using_subcommand help; and __fish_seen_subcommand_from dcs" -f -a "list-group-replication-info" -d 'List the shards and replicas of an instance'
complete -c hwc -n "__fish_hwc_using_subcommand help; and __fish_seen_subcommand_from dcs" -f -a "execute-cluster-switchover" -d 'Switch over a shard of a cluster instance'
complete -c hwc -n "__fish_hwc_using_subcommand help; and __fish_seen_subcommand_from dcs" -f -a "show-instance" -d 'Show an instance'
complete -c hwc -n "__fish_hwc_using_subcommand help; and __fish_seen_subcommand_from dcs" -f -a "change-master-standby-async" -d 'Switch master and replica asynchronously'
complete -c hwc -n "__fish_hwc_using_subcommand help; and __fish_seen_subcommand_from dcs" -f -a "change-master-standby" -d 'Switch master and standby synchronously'
complete -c hwc -n "__fish_hwc_using_subcommand help; and __fish_seen_subcommand_from dcs" -f -a "list-background-task" -d 'List the background tasks of an instance'
complete -c hwc -n "__fish_hwc_using_subcommand help; and __fish_seen_subcommand_from dcs" -f -a "show-job-info" -d 'Show the result of a job'
complete -c hwc -n "__fish_hwc_using_subcommand help; and __fish_seen_subcommand_from drs" -f -a "batch-list-job-details" -d 'Show the details of replication jobs'
complete -c hwc -n "__fish_hwc_using_subcommand help; and __fish_seen_subcommand_from drs" -f -a "show-switch-vip-status" -d 'Query the result of a virtual IP switchover'
complete -c hwc -n "__fish_hwc_using_subcommand help; and __fish_seen_subcommand_from drs" -f -a "switch-vip" -d 'Switch over the virtual IP of a replication job'
complete -c hwc -n "__fish_hwc_using_subcommand help; and __fish_seen_subcommand_from css" -f -a "show-cluster-detail" -d 'Show a cluster and its nodes'
complete -c hwc -n "__fish_hwc_using_subcommand help; and __fish_seen_subcommand_from css" -f -a "update-az-by-instance-type" -d 'Start an AZ switchover of a cluster\'s nodes'
complete -c hwc -n "__fish_hwc_using_subcommand help; and __fish_seen_subcommand_from css" -f -a "upgrade-detail" -d 'Show the progress of a cluster upgrade or AZ switchover'
