
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'hwc' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'hwc'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'hwc' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project id, filled into every path')
            [CompletionResult]::new('--algorithm', '--algorithm', [CompletionResultType]::ParameterName, 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)')
            [CompletionResult]::new('--credentials-file', '--credentials-file', [CompletionResultType]::ParameterName, 'Read the credential variables from this file (NAME=value lines) instead of the environment')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take the defaults of this profile (`hwc configure` writes and lists them)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('dcs', 'dcs', [CompletionResultType]::ParameterValue, 'Distributed Cache Service (DCS) API')
            [CompletionResult]::new('drs', 'drs', [CompletionResultType]::ParameterValue, 'Data Replication Service (DRS) API')
            [CompletionResult]::new('css', 'css', [CompletionResultType]::ParameterValue, 'Cloud Search Service (CSS) API')
            [CompletionResult]::new('sim', 'sim', [CompletionResultType]::ParameterValue, 'Run the local simulator of every operation in the foreground')
            [CompletionResult]::new('drill', 'drill', [CompletionResultType]::ParameterValue, 'Run a failover drill: every operation and every waiter, against a simulator')
            [CompletionResult]::new('journal', 'journal', [CompletionResultType]::ParameterValue, 'List the non-idempotent requests hwc sent, and what became of them')
            [CompletionResult]::new('follow', 'follow', [CompletionResultType]::ParameterValue, 'Follow an operation of the journal to its end, without sending it again')
            [CompletionResult]::new('configure', 'configure', [CompletionResultType]::ParameterValue, 'Write or list the profiles (--profile NAME with the global options to write one)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the shell completion script of hwc')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hwc;dcs' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project id, filled into every path')
            [CompletionResult]::new('--algorithm', '--algorithm', [CompletionResultType]::ParameterName, 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)')
            [CompletionResult]::new('--credentials-file', '--credentials-file', [CompletionResultType]::ParameterName, 'Read the credential variables from this file (NAME=value lines) instead of the environment')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take the defaults of this profile (`hwc configure` writes and lists them)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('list-group-replication-info', 'list-group-replication-info', [CompletionResultType]::ParameterValue, 'List the shards and replicas of an instance')
            [CompletionResult]::new('execute-cluster-switchover', 'execute-cluster-switchover', [CompletionResultType]::ParameterValue, 'Switch over a shard of a cluster instance')
            [CompletionResult]::new('show-instance', 'show-instance', [CompletionResultType]::ParameterValue, 'Show an instance')
            [CompletionResult]::new('change-master-standby-async', 'change-master-standby-async', [CompletionResultType]::ParameterValue, 'Switch master and replica asynchronously')
            [CompletionResult]::new('change-master-standby', 'change-master-standby', [CompletionResultType]::ParameterValue, 'Switch master and standby synchronously')
            [CompletionResult]::new('list-background-task', 'list-background-task', [CompletionResultType]::ParameterValue, 'List the background tasks of an instance')
            [CompletionResult]::new('show-job-info', 'show-job-info', [CompletionResultType]::ParameterValue, 'Show the result of a job')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hwc;dcs;list-group-replication-info' {
            [CompletionResult]::new('--instance-id', '--instance-id', [CompletionResultType]::ParameterName, 'ID of the cache instance. Example: 5560df16-cebf-4473-95c4-d1b573c16e79')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project id, filled into every path')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)')
            [CompletionResult]::new('--algorithm', '--algorithm', [CompletionResultType]::ParameterName, 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)')
            [CompletionResult]::new('--credentials-file', '--credentials-file', [CompletionResultType]::ParameterName, 'Read the credential variables from this file (NAME=value lines) instead of the environment')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take the defaults of this profile (`hwc configure` writes and lists them)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'hwc;dcs;execute-cluster-switchover' {
            [CompletionResult]::new('--group-id', '--group-id', [CompletionResultType]::ParameterName, 'ID of the shard (replication group) whose master is switched. Example: d368e463-35af-4bc4-94bc-7eb6635a2331')
            [CompletionResult]::new('--instance-id', '--instance-id', [CompletionResultType]::ParameterName, 'ID of the cache instance. Example: 5560df16-cebf-4473-95c4-d1b573c16e79')
            [CompletionResult]::new('--node-id', '--node-id', [CompletionResultType]::ParameterName, 'ID of the replica node to promote to master. Example: 8abf6e1e87ae28440187b1198c4c1030')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project id, filled into every path')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Give up waiting after this long (exit 4; the operation goes on), such as 90s, 10m, 1h [default: 30m]')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Wait this long before the second poll; it doubles while nothing changes, up to 8 times as long (at most 10s)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)')
            [CompletionResult]::new('--algorithm', '--algorithm', [CompletionResultType]::ParameterName, 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)')
            [CompletionResult]::new('--credentials-file', '--credentials-file', [CompletionResultType]::ParameterName, 'Read the credential variables from this file (NAME=value lines) instead of the environment')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take the defaults of this profile (`hwc configure` writes and lists them)')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Follow the switchover''s job (ShowJobInfo) to its end, then prove it: the promoted replica must be `master` in ListGroupReplicationInfo; exit 0 once the outcome is proven; 1 if it failed or was not accepted; 3 if refused (busy) or following failed; 4 at the deadline; 5 if its answer was lost and no evidence was found that it was performed (it may have been: check before sending it again); 6 if a success is contradicted by the verification read; 7 if there is no evidence of this operation''s outcome; 8 if no task runs')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'hwc;dcs;show-instance' {
            [CompletionResult]::new('--instance-id', '--instance-id', [CompletionResultType]::ParameterName, 'ID of the cache instance. Example: 5560df16-cebf-4473-95c4-d1b573c16e79')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project id, filled into every path')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)')
            [CompletionResult]::new('--algorithm', '--algorithm', [CompletionResultType]::ParameterName, 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)')
            [CompletionResult]::new('--credentials-file', '--credentials-file', [CompletionResultType]::ParameterName, 'Read the credential variables from this file (NAME=value lines) instead of the environment')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take the defaults of this profile (`hwc configure` writes and lists them)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'hwc;dcs;change-master-standby-async' {
            [CompletionResult]::new('--instance-id', '--instance-id', [CompletionResultType]::ParameterName, 'ID of the cache instance. Example: 5560df16-cebf-4473-95c4-d1b573c16e79')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project id, filled into every path')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Give up waiting after this long (exit 4; the operation goes on), such as 90s, 10m, 1h [default: 30m]')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Wait this long before the second poll; it doubles while nothing changes, up to 8 times as long (at most 10s)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)')
            [CompletionResult]::new('--algorithm', '--algorithm', [CompletionResultType]::ParameterName, 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)')
            [CompletionResult]::new('--credentials-file', '--credentials-file', [CompletionResultType]::ParameterName, 'Read the credential variables from this file (NAME=value lines) instead of the environment')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take the defaults of this profile (`hwc configure` writes and lists them)')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Follow the switchover''s job (ShowJobInfo) to its end, then prove it: every node that was `master` before the switchover must be `slave` in ListGroupReplicationInfo; exit 0 once the outcome is proven; 1 if it failed or was not accepted; 3 if refused (busy) or following failed; 4 at the deadline; 5 if its answer was lost and no evidence was found that it was performed (it may have been: check before sending it again); 6 if a success is contradicted by the verification read; 7 if there is no evidence of this operation''s outcome; 8 if no task runs')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'hwc;dcs;change-master-standby' {
            [CompletionResult]::new('--instance-id', '--instance-id', [CompletionResultType]::ParameterName, 'ID of the cache instance. Example: 5560df16-cebf-4473-95c4-d1b573c16e79')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project id, filled into every path')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Give up waiting after this long (exit 4; the operation goes on), such as 90s, 10m, 1h [default: 10m]')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Wait this long before the second poll; it doubles while nothing changes, up to 8 times as long (at most 10s)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)')
            [CompletionResult]::new('--algorithm', '--algorithm', [CompletionResultType]::ParameterName, 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)')
            [CompletionResult]::new('--credentials-file', '--credentials-file', [CompletionResultType]::ParameterName, 'Read the credential variables from this file (NAME=value lines) instead of the environment')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take the defaults of this profile (`hwc configure` writes and lists them)')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'The switchover is done when it answers; then see the instance serve again (ShowInstance) and prove it: every node that was `master` before the switchover must be `slave` in ListGroupReplicationInfo; exit 0 once the outcome is proven; 1 if it failed or was not accepted; 3 if refused (busy) or following failed; 4 at the deadline; 5 if its answer was lost and no evidence was found that it was performed (it may have been: check before sending it again); 6 if a success is contradicted by the verification read; 7 if there is no evidence of this operation''s outcome; 8 if no task runs')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'hwc;dcs;list-background-task' {
            [CompletionResult]::new('--end-time', '--end-time', [CompletionResultType]::ParameterName, 'Query end time (UTC). Format: yyyyMMddHHmmss, for example, 20200617155959.')
            [CompletionResult]::new('--instance-id', '--instance-id', [CompletionResultType]::ParameterName, 'ID of the cache instance. Example: 5560df16-cebf-4473-95c4-d1b573c16e79')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Number of items displayed on each page.')
            [CompletionResult]::new('--offset', '--offset', [CompletionResultType]::ParameterName, 'Offset, which is the position where the query starts. The value must be greater than or equal to 0.')
            [CompletionResult]::new('--start-time', '--start-time', [CompletionResultType]::ParameterName, 'Query start time (UTC). Format: yyyyMMddHHmmss, for example, 20200609160000. The page''s example request sends `begin_time`; its table and the official SDK name it `start_time`, which is what this sends.')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project id, filled into every path')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)')
            [CompletionResult]::new('--algorithm', '--algorithm', [CompletionResultType]::ParameterName, 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)')
            [CompletionResult]::new('--credentials-file', '--credentials-file', [CompletionResultType]::ParameterName, 'Read the credential variables from this file (NAME=value lines) instead of the environment')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take the defaults of this profile (`hwc configure` writes and lists them)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'hwc;dcs;show-job-info' {
            [CompletionResult]::new('--job-id', '--job-id', [CompletionResultType]::ParameterName, 'ID of the job, as returned by the operation that started it. Example: ff8080818822bbf70188235afc24141a')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project id, filled into every path')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)')
            [CompletionResult]::new('--algorithm', '--algorithm', [CompletionResultType]::ParameterName, 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)')
            [CompletionResult]::new('--credentials-file', '--credentials-file', [CompletionResultType]::ParameterName, 'Read the credential variables from this file (NAME=value lines) instead of the environment')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take the defaults of this profile (`hwc configure` writes and lists them)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'hwc;dcs;help' {
            [CompletionResult]::new('list-group-replication-info', 'list-group-replication-info', [CompletionResultType]::ParameterValue, 'List the shards and replicas of an instance')
            [CompletionResult]::new('execute-cluster-switchover', 'execute-cluster-switchover', [CompletionResultType]::ParameterValue, 'Switch over a shard of a cluster instance')
            [CompletionResult]::new('show-instance', 'show-instance', [CompletionResultType]::ParameterValue, 'Show an instance')
            [CompletionResult]::new('change-master-standby-async', 'change-master-standby-async', [CompletionResultType]::ParameterValue, 'Switch master and replica asynchronously')
            [CompletionResult]::new('change-master-standby', 'change-master-standby', [CompletionResultType]::ParameterValue, 'Switch master and standby synchronously')
            [CompletionResult]::new('list-background-task', 'list-background-task', [CompletionResultType]::ParameterValue, 'List the background tasks of an instance')
            [CompletionResult]::new('show-job-info', 'show-job-info', [CompletionResultType]::ParameterValue, 'Show the result of a job')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hwc;dcs;help;list-group-replication-info' {
            break
        }
        'hwc;dcs;help;execute-cluster-switchover' {
            break
        }
        'hwc;dcs;help;show-instance' {
            break
        }
        'hwc;dcs;help;change-master-standby-async' {
            break
        }
        'hwc;dcs;help;change-master-standby' {
            break
        }
        'hwc;dcs;help;list-background-task' {
            break
        }
        'hwc;dcs;help;show-job-info' {
            break
        }
        'hwc;dcs;help;help' {
            break
        }
        'hwc;drs' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project id, filled into every path')
            [CompletionResult]::new('--algorithm', '--algorithm', [CompletionResultType]::ParameterName, 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)')
            [CompletionResult]::new('--credentials-file', '--credentials-file', [CompletionResultType]::ParameterName, 'Read the credential variables from this file (NAME=value lines) instead of the environment')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take the defaults of this profile (`hwc configure` writes and lists them)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('batch-list-job-details', 'batch-list-job-details', [CompletionResultType]::ParameterValue, 'Show the details of replication jobs')
            [CompletionResult]::new('show-switch-vip-status', 'show-switch-vip-status', [CompletionResultType]::ParameterValue, 'Query the result of a virtual IP switchover')
            [CompletionResult]::new('switch-vip', 'switch-vip', [CompletionResultType]::ParameterValue, 'Switch over the virtual IP of a replication job')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hwc;drs;batch-list-job-details' {
            [CompletionResult]::new('--x-language', '--x-language', [CompletionResultType]::ParameterName, 'Language of the response messages. The service defaults to `en-us`. Example: en-us')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project id, filled into every path')
            [CompletionResult]::new('--json-body', '--json-body', [CompletionResultType]::ParameterName, 'Path to a file holding the whole JSON request body (The IDs of the jobs, and which page of them); when given, it replaces the body the other flags would make.')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)')
            [CompletionResult]::new('--algorithm', '--algorithm', [CompletionResultType]::ParameterName, 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)')
            [CompletionResult]::new('--credentials-file', '--credentials-file', [CompletionResultType]::ParameterName, 'Read the credential variables from this file (NAME=value lines) instead of the environment')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take the defaults of this profile (`hwc configure` writes and lists them)')
            [CompletionResult]::new('--json-body-template', '--json-body-template', [CompletionResultType]::ParameterName, 'Print the page''s example request body as JSON, to start a --json-body file from, and exit.')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'hwc;drs;show-switch-vip-status' {
            [CompletionResult]::new('--job-id', '--job-id', [CompletionResultType]::ParameterName, 'ID of the replication job; for a cross-AZ job, the ID of the parent job. Example: 260e27fd-4976-44dc-9948-e1265e4jb201')
            [CompletionResult]::new('--x-language', '--x-language', [CompletionResultType]::ParameterName, 'Language of the response messages. The service defaults to `en-us`. Example: en-us')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project id, filled into every path')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)')
            [CompletionResult]::new('--algorithm', '--algorithm', [CompletionResultType]::ParameterName, 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)')
            [CompletionResult]::new('--credentials-file', '--credentials-file', [CompletionResultType]::ParameterName, 'Read the credential variables from this file (NAME=value lines) instead of the environment')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take the defaults of this profile (`hwc configure` writes and lists them)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'hwc;drs;switch-vip' {
            [CompletionResult]::new('--job-id', '--job-id', [CompletionResultType]::ParameterName, 'ID of the replication job; for a cross-AZ job, the ID of the parent job. Example: 8c81a12f-2581-4424-a3ab-70ed874jb201')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Whose virtual IP is switched over: `source` (the source database''s) or `target` (the destination database''s). Example: source')
            [CompletionResult]::new('--x-language', '--x-language', [CompletionResultType]::ParameterName, 'Language of the response messages. The service defaults to `en-us`. Example: en-us')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project id, filled into every path')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Give up waiting after this long (exit 4; the operation goes on), such as 90s, 10m, 1h [default: 30m]')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Wait this long before the second poll; it doubles while nothing changes, up to 8 times as long (at most 10s)')
            [CompletionResult]::new('--json-body', '--json-body', [CompletionResultType]::ParameterName, 'Path to a file holding the whole JSON request body (Which side''s virtual IP to switch over); when given, it replaces the body the other flags would make.')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)')
            [CompletionResult]::new('--algorithm', '--algorithm', [CompletionResultType]::ParameterName, 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)')
            [CompletionResult]::new('--credentials-file', '--credentials-file', [CompletionResultType]::ParameterName, 'Read the credential variables from this file (NAME=value lines) instead of the environment')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take the defaults of this profile (`hwc configure` writes and lists them)')
            [CompletionResult]::new('--json-body-template', '--json-body-template', [CompletionResultType]::ParameterName, 'Print the page''s example request body as JSON, to start a --json-body file from, and exit.')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Follow the switchover (ShowSwitchVipStatus) until the address has moved. The status describes the job''s last switchover and carries no id of this one, so it is read before sending, and a final state counts only once the status was seen to leave that baseline; exit 0 once the outcome is proven; 1 if it failed or was not accepted; 3 if refused (busy) or following failed; 4 at the deadline; 5 if its answer was lost and no evidence was found that it was performed (it may have been: check before sending it again); 6 if a success is contradicted by the verification read; 7 if there is no evidence of this operation''s outcome; 8 if no task runs')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'hwc;drs;help' {
            [CompletionResult]::new('batch-list-job-details', 'batch-list-job-details', [CompletionResultType]::ParameterValue, 'Show the details of replication jobs')
            [CompletionResult]::new('show-switch-vip-status', 'show-switch-vip-status', [CompletionResultType]::ParameterValue, 'Query the result of a virtual IP switchover')
            [CompletionResult]::new('switch-vip', 'switch-vip', [CompletionResultType]::ParameterValue, 'Switch over the virtual IP of a replication job')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hwc;drs;help;batch-list-job-details' {
            break
        }
        'hwc;drs;help;show-switch-vip-status' {
            break
        }
        'hwc;drs;help;switch-vip' {
            break
        }
        'hwc;drs;help;help' {
            break
        }
        'hwc;css' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project id, filled into every path')
            [CompletionResult]::new('--algorithm', '--algorithm', [CompletionResultType]::ParameterName, 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)')
            [CompletionResult]::new('--credentials-file', '--credentials-file', [CompletionResultType]::ParameterName, 'Read the credential variables from this file (NAME=value lines) instead of the environment')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take the defaults of this profile (`hwc configure` writes and lists them)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('show-cluster-detail', 'show-cluster-detail', [CompletionResultType]::ParameterValue, 'Show a cluster and its nodes')
            [CompletionResult]::new('update-az-by-instance-type', 'update-az-by-instance-type', [CompletionResultType]::ParameterValue, 'Start an AZ switchover of a cluster''s nodes')
            [CompletionResult]::new('upgrade-detail', 'upgrade-detail', [CompletionResultType]::ParameterValue, 'Show the progress of a cluster upgrade or AZ switchover')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hwc;css;show-cluster-detail' {
            [CompletionResult]::new('--cluster-id', '--cluster-id', [CompletionResultType]::ParameterName, 'ID of the cluster you want to query. For details about how to obtain the cluster ID, see Obtaining the Cluster ID. Value range: Cluster ID. Example: ea244205-d641-45d9-9dcb-ab2236bcd07e')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project id, filled into every path')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)')
            [CompletionResult]::new('--algorithm', '--algorithm', [CompletionResultType]::ParameterName, 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)')
            [CompletionResult]::new('--credentials-file', '--credentials-file', [CompletionResultType]::ParameterName, 'Read the credential variables from this file (NAME=value lines) instead of the environment')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take the defaults of this profile (`hwc configure` writes and lists them)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'hwc;css;update-az-by-instance-type' {
            [CompletionResult]::new('--agency', '--agency', [CompletionResultType]::ParameterName, 'Agency name. You can create an agency to allow CSS to call other cloud services. Constraints: The value can contain only letters (a-z and A-Z), digits (0-9), hyphens (-), and underscores (_). It cannot contain Chinese characters or other special characters. Example: css-test-agency')
            [CompletionResult]::new('--cluster-id', '--cluster-id', [CompletionResultType]::ParameterName, 'ID of the cluster whose nodes change AZ. Example: 4f3deec3-efa8-4598-bf91-560aad1377a3')
            [CompletionResult]::new('--indices-backup-check', '--indices-backup-check', [CompletionResultType]::ParameterName, 'Whether to check full index snapshots. Value range: - true: Check for full index snapshots. - false: Do not check for full index snapshots. Default value: true')
            [CompletionResult]::new('--inst-type', '--inst-type', [CompletionResultType]::ParameterName, 'Which nodes change AZ: `all`, `ess` (data nodes), `ess-cold` (cold data nodes), `ess-client` (client nodes) or `ess-master` (master nodes). All mission-critical data should be backed up first. Example: all')
            [CompletionResult]::new('--migrate-type', '--migrate-type', [CompletionResultType]::ParameterName, '`multi_az_change` (HA reconstruction across AZs) or `az_migrate` (AZ migration). Example: az_migrate')
            [CompletionResult]::new('--source-az', '--source-az', [CompletionResultType]::ParameterName, 'The AZ the nodes are in now. Example: cn-north-4c')
            [CompletionResult]::new('--target-az', '--target-az', [CompletionResultType]::ParameterName, 'The AZ the nodes move to. Example: cn-north-4a')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project id, filled into every path')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Give up waiting after this long (exit 4; the operation goes on), such as 90s, 10m, 1h [default: 1h]')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Wait this long before the second poll; it doubles while nothing changes, up to 8 times as long (at most 10s)')
            [CompletionResult]::new('--json-body', '--json-body', [CompletionResultType]::ParameterName, 'Path to a file holding the whole JSON request body; when given, it replaces the body the other flags would make.')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)')
            [CompletionResult]::new('--algorithm', '--algorithm', [CompletionResultType]::ParameterName, 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)')
            [CompletionResult]::new('--credentials-file', '--credentials-file', [CompletionResultType]::ParameterName, 'Read the credential variables from this file (NAME=value lines) instead of the environment')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take the defaults of this profile (`hwc configure` writes and lists them)')
            [CompletionResult]::new('--json-body-template', '--json-body-template', [CompletionResultType]::ParameterName, 'Print the page''s example request body as JSON, to start a --json-body file from, and exit.')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Follow the AZ switchover''s task (UpgradeDetail, action_mode AZ_MIGRATION): the task that was not there before sending, every page read, its id pinned once seen; then prove it: every node of the type that was in the source AZ must be in the target AZ in ShowClusterDetail; exit 0 once the outcome is proven; 1 if it failed or was not accepted; 3 if refused (busy) or following failed; 4 at the deadline; 5 if its answer was lost and no evidence was found that it was performed (it may have been: check before sending it again); 6 if a success is contradicted by the verification read; 7 if there is no evidence of this operation''s outcome; 8 if no task runs')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'hwc;css;upgrade-detail' {
            [CompletionResult]::new('--action-mode', '--action-mode', [CompletionResultType]::ParameterName, 'Which kind of task to report: omit it (or `UPGRADING`) for version upgrades, `AZ_MIGRATION` for AZ switchovers. Example: AZ_MIGRATION')
            [CompletionResult]::new('--cluster-id', '--cluster-id', [CompletionResultType]::ParameterName, 'ID of the cluster being upgraded. Example: ea244205-d641-45d9-9dcb-ab2236bcd07e')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'How many tasks one page holds: from 1 to 1000, 10 by default. Example: 10')
            [CompletionResult]::new('--offset', '--offset', [CompletionResultType]::ParameterName, 'Where the page starts: 1 (the default) starts from the first task. From 1 to 1000. The current references and the official SDK name this parameter `offset`; older pages call it `start`. Example: 1')
            [CompletionResult]::new('--start', '--start', [CompletionResultType]::ParameterName, 'Deprecated. The older pages'' name of `offset` (the API page and the Open Telekom Cloud reference of 2024). Kept so that existing callers still compile; send `offset` instead. Example: 1')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project id, filled into every path')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Give up waiting after this long (exit 4; the operation goes on), such as 90s, 10m, 1h [default: 1h]')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Wait this long before the second poll; it doubles while nothing changes, up to 8 times as long (at most 10s)')
            [CompletionResult]::new('--task-id', '--task-id', [CompletionResultType]::ParameterName, 'Follow this task, whatever its state (default: the task that runs; with none running, say so)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)')
            [CompletionResult]::new('--algorithm', '--algorithm', [CompletionResultType]::ParameterName, 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)')
            [CompletionResult]::new('--credentials-file', '--credentials-file', [CompletionResultType]::ParameterName, 'Read the credential variables from this file (NAME=value lines) instead of the environment')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take the defaults of this profile (`hwc configure` writes and lists them)')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Follow the cluster''s running upgrade or AZ switchover task (or the one given with --task-id) until it ends; when no task runs, say so rather than report a finished one; exit 0 once the outcome is proven; 1 if it failed or was not accepted; 3 if refused (busy) or following failed; 4 at the deadline; 5 if its answer was lost and no evidence was found that it was performed (it may have been: check before sending it again); 6 if a success is contradicted by the verification read; 7 if there is no evidence of this operation''s outcome; 8 if no task runs')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'hwc;css;help' {
            [CompletionResult]::new('show-cluster-detail', 'show-cluster-detail', [CompletionResultType]::ParameterValue, 'Show a cluster and its nodes')
            [CompletionResult]::new('update-az-by-instance-type', 'update-az-by-instance-type', [CompletionResultType]::ParameterValue, 'Start an AZ switchover of a cluster''s nodes')
            [CompletionResult]::new('upgrade-detail', 'upgrade-detail', [CompletionResultType]::ParameterValue, 'Show the progress of a cluster upgrade or AZ switchover')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hwc;css;help;show-cluster-detail' {
            break
        }
        'hwc;css;help;update-az-by-instance-type' {
            break
        }
        'hwc;css;help;upgrade-detail' {
            break
        }
        'hwc;css;help;help' {
            break
        }
        'hwc;sim' {
            [CompletionResult]::new('--scenario', '--scenario', [CompletionResultType]::ParameterName, 'Scenario file (YAML or JSON) of the simulator; default: its built-in scenario')
            [CompletionResult]::new('--speed', '--speed', [CompletionResultType]::ParameterName, 'Simulated seconds per real second (default: the scenario''s)')
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on (a loopback address; port 0 picks a free port)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project id, filled into every path')
            [CompletionResult]::new('--algorithm', '--algorithm', [CompletionResultType]::ParameterName, 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)')
            [CompletionResult]::new('--credentials-file', '--credentials-file', [CompletionResultType]::ParameterName, 'Read the credential variables from this file (NAME=value lines) instead of the environment')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take the defaults of this profile (`hwc configure` writes and lists them)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'hwc;drill' {
            [CompletionResult]::new('--scenario', '--scenario', [CompletionResultType]::ParameterName, 'Scenario file (YAML or JSON) of the simulator; default: its built-in scenario')
            [CompletionResult]::new('--speed', '--speed', [CompletionResultType]::ParameterName, 'Simulated seconds per real second of the embedded simulator [default: 100]')
            [CompletionResult]::new('--dcs-instance', '--dcs-instance', [CompletionResultType]::ParameterName, 'With --endpoint: the master/standby DCS instance to switch over')
            [CompletionResult]::new('--dcs-cluster', '--dcs-cluster', [CompletionResultType]::ParameterName, 'With --endpoint: the cluster DCS instance whose shard to switch over')
            [CompletionResult]::new('--drs-job', '--drs-job', [CompletionResultType]::ParameterName, 'With --endpoint: the DRS replication job whose virtual IP to switch')
            [CompletionResult]::new('--css-cluster', '--css-cluster', [CompletionResultType]::ParameterName, 'With --endpoint: the CSS cluster whose upgrades to watch')
            [CompletionResult]::new('--css-az-cluster', '--css-az-cluster', [CompletionResultType]::ParameterName, 'With --endpoint: the CSS cluster to switch over to another AZ')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project id, filled into every path')
            [CompletionResult]::new('--algorithm', '--algorithm', [CompletionResultType]::ParameterName, 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)')
            [CompletionResult]::new('--credentials-file', '--credentials-file', [CompletionResultType]::ParameterName, 'Read the credential variables from this file (NAME=value lines) instead of the environment')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take the defaults of this profile (`hwc configure` writes and lists them)')
            [CompletionResult]::new('--keep-going', '--keep-going', [CompletionResultType]::ParameterName, 'Run every step even after one failed (default: stop at the first)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'hwc;journal' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project id, filled into every path')
            [CompletionResult]::new('--algorithm', '--algorithm', [CompletionResultType]::ParameterName, 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)')
            [CompletionResult]::new('--credentials-file', '--credentials-file', [CompletionResultType]::ParameterName, 'Read the credential variables from this file (NAME=value lines) instead of the environment')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take the defaults of this profile (`hwc configure` writes and lists them)')
            [CompletionResult]::new('--path', '--path', [CompletionResultType]::ParameterName, 'Print the journal''s path only')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'hwc;follow' {
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Give up waiting after this long (exit 4; the operation goes on)')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Wait this long before the second poll')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project id, filled into every path')
            [CompletionResult]::new('--algorithm', '--algorithm', [CompletionResultType]::ParameterName, 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)')
            [CompletionResult]::new('--credentials-file', '--credentials-file', [CompletionResultType]::ParameterName, 'Read the credential variables from this file (NAME=value lines) instead of the environment')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take the defaults of this profile (`hwc configure` writes and lists them)')
            [CompletionResult]::new('--last', '--last', [CompletionResultType]::ParameterName, 'The journal''s most recent operation that can be followed')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'hwc;configure' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project id, filled into every path')
            [CompletionResult]::new('--algorithm', '--algorithm', [CompletionResultType]::ParameterName, 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)')
            [CompletionResult]::new('--credentials-file', '--credentials-file', [CompletionResultType]::ParameterName, 'Read the credential variables from this file (NAME=value lines) instead of the environment')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take the defaults of this profile (`hwc configure` writes and lists them)')
            [CompletionResult]::new('--list', '--list', [CompletionResultType]::ParameterName, 'List the profiles')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'hwc;completions' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint')
            [CompletionResult]::new('--cloud', '--cloud', [CompletionResultType]::ParameterName, 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)')
            [CompletionResult]::new('--project-id', '--project-id', [CompletionResultType]::ParameterName, 'Project id, filled into every path')
            [CompletionResult]::new('--algorithm', '--algorithm', [CompletionResultType]::ParameterName, 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)')
            [CompletionResult]::new('--credentials-file', '--credentials-file', [CompletionResultType]::ParameterName, 'Read the credential variables from this file (NAME=value lines) instead of the environment')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'json: one JSON document on stdout; table: for people')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Take the defaults of this profile (`hwc configure` writes and lists them)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No progress on stderr (errors are still printed)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation before a non-idempotent operation (scripts)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'hwc;help' {
            [CompletionResult]::new('dcs', 'dcs', [CompletionResultType]::ParameterValue, 'Distributed Cache Service (DCS) API')
            [CompletionResult]::new('drs', 'drs', [CompletionResultType]::ParameterValue, 'Data Replication Service (DRS) API')
            [CompletionResult]::new('css', 'css', [CompletionResultType]::ParameterValue, 'Cloud Search Service (CSS) API')
            [CompletionResult]::new('sim', 'sim', [CompletionResultType]::ParameterValue, 'Run the local simulator of every operation in the foreground')
            [CompletionResult]::new('drill', 'drill', [CompletionResultType]::ParameterValue, 'Run a failover drill: every operation and every waiter, against a simulator')
            [CompletionResult]::new('journal', 'journal', [CompletionResultType]::ParameterValue, 'List the non-idempotent requests hwc sent, and what became of them')
            [CompletionResult]::new('follow', 'follow', [CompletionResultType]::ParameterValue, 'Follow an operation of the journal to its end, without sending it again')
            [CompletionResult]::new('configure', 'configure', [CompletionResultType]::ParameterValue, 'Write or list the profiles (--profile NAME with the global options to write one)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the shell completion script of hwc')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hwc;help;dcs' {
            [CompletionResult]::new('list-group-replication-info', 'list-group-replication-info', [CompletionResultType]::ParameterValue, 'List the shards and replicas of an instance')
            [CompletionResult]::new('execute-cluster-switchover', 'execute-cluster-switchover', [CompletionResultType]::ParameterValue, 'Switch over a shard of a cluster instance')
            [CompletionResult]::new('show-instance', 'show-instance', [CompletionResultType]::ParameterValue, 'Show an instance')
            [CompletionResult]::new('change-master-standby-async', 'change-master-standby-async', [CompletionResultType]::ParameterValue, 'Switch master and replica asynchronously')
            [CompletionResult]::new('change-master-standby', 'change-master-standby', [CompletionResultType]::ParameterValue, 'Switch master and standby synchronously')
            [CompletionResult]::new('list-background-task', 'list-background-task', [CompletionResultType]::ParameterValue, 'List the background tasks of an instance')
            [CompletionResult]::new('show-job-info', 'show-job-info', [CompletionResultType]::ParameterValue, 'Show the result of a job')
            break
        }
        'hwc;help;dcs;list-group-replication-info' {
            break
        }
        'hwc;help;dcs;execute-cluster-switchover' {
            break
        }
        'hwc;help;dcs;show-instance' {
            break
        }
        'hwc;help;dcs;change-master-standby-async' {
            break
        }
        'hwc;help;dcs;change-master-standby' {
            break
        }
        'hwc;help;dcs;list-background-task' {
            break
        }
        'hwc;help;dcs;show-job-info' {
            break
        }
        'hwc;help;drs' {
            [CompletionResult]::new('batch-list-job-details', 'batch-list-job-details', [CompletionResultType]::ParameterValue, 'Show the details of replication jobs')
            [CompletionResult]::new('show-switch-vip-status', 'show-switch-vip-status', [CompletionResultType]::ParameterValue, 'Query the result of a virtual IP switchover')
            [CompletionResult]::new('switch-vip', 'switch-vip', [CompletionResultType]::ParameterValue, 'Switch over the virtual IP of a replication job')
            break
        }
        'hwc;help;drs;batch-list-job-details' {
            break
        }
        'hwc;help;drs;show-switch-vip-status' {
            break
        }
        'hwc;help;drs;switch-vip' {
            break
        }
        'hwc;help;css' {
            [CompletionResult]::new('show-cluster-detail', 'show-cluster-detail', [CompletionResultType]::ParameterValue, 'Show a cluster and its nodes')
            [CompletionResult]::new('update-az-by-instance-type', 'update-az-by-instance-type', [CompletionResultType]::ParameterValue, 'Start an AZ switchover of a cluster''s nodes')
            [CompletionResult]::new('upgrade-detail', 'upgrade-detail', [CompletionResultType]::ParameterValue, 'Show the progress of a cluster upgrade or AZ switchover')
            break
        }
        'hwc;help;css;show-cluster-detail' {
            break
        }
        'hwc;help;css;update-az-by-instance-type' {
            break
        }
        'hwc;help;css;upgrade-detail' {
            break
        }
        'hwc;help;sim' {
            break
        }
        'hwc;help;drill' {
            break
        }
        'hwc;help;journal' {
            break
        }
        'hwc;help;follow' {
            break
        }
        'hwc;help;configure' {
            break
        }
        'hwc;help;completions' {
            break
        }
        'hwc;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
