
use builtin;
use str;

set edit:completion:arg-completer[hwc] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'hwc'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'hwc'= {
            cand --region 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint'
            cand --cloud 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]'
            cand --endpoint 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)'
            cand --project-id 'Project id, filled into every path'
            cand --algorithm 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)'
            cand --credentials-file 'Read the credential variables from this file (NAME=value lines) instead of the environment'
            cand -o 'json: one JSON document on stdout; table: for people'
            cand --output 'json: one JSON document on stdout; table: for people'
            cand --journal 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]'
            cand --profile 'Take the defaults of this profile (`hwc configure` writes and lists them)'
            cand -q 'No progress on stderr (errors are still printed)'
            cand --quiet 'No progress on stderr (errors are still printed)'
            cand --dry-run 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
            cand -y 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand --yes 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand dcs 'Distributed Cache Service (DCS) API'
            cand drs 'Data Replication Service (DRS) API'
            cand css 'Cloud Search Service (CSS) API'
            cand sim 'Run the local simulator of every operation in the foreground'
            cand drill 'Run a failover drill: every operation and every waiter, against a simulator'
            cand journal 'List the non-idempotent requests hwc sent, and what became of them'
            cand follow 'Follow an operation of the journal to its end, without sending it again'
            cand configure 'Write or list the profiles (--profile NAME with the global options to write one)'
            cand completions 'Print the shell completion script of hwc'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hwc;dcs'= {
            cand --region 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint'
            cand --cloud 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]'
            cand --endpoint 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)'
            cand --project-id 'Project id, filled into every path'
            cand --algorithm 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)'
            cand --credentials-file 'Read the credential variables from this file (NAME=value lines) instead of the environment'
            cand -o 'json: one JSON document on stdout; table: for people'
            cand --output 'json: one JSON document on stdout; table: for people'
            cand --journal 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]'
            cand --profile 'Take the defaults of this profile (`hwc configure` writes and lists them)'
            cand -q 'No progress on stderr (errors are still printed)'
            cand --quiet 'No progress on stderr (errors are still printed)'
            cand --dry-run 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
            cand -y 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand --yes 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand list-group-replication-info 'List the shards and replicas of an instance'
            cand execute-cluster-switchover 'Switch over a shard of a cluster instance'
            cand show-instance 'Show an instance'
            cand change-master-standby-async 'Switch master and replica asynchronously'
            cand change-master-standby 'Switch master and standby synchronously'
            cand list-background-task 'List the background tasks of an instance'
            cand show-job-info 'Show the result of a job'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hwc;dcs;list-group-replication-info'= {
            cand --instance-id 'ID of the cache instance. Example: 5560df16-cebf-4473-95c4-d1b573c16e79'
            cand --project-id 'Project id, filled into every path'
            cand --region 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint'
            cand --cloud 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]'
            cand --endpoint 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)'
            cand --algorithm 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)'
            cand --credentials-file 'Read the credential variables from this file (NAME=value lines) instead of the environment'
            cand -o 'json: one JSON document on stdout; table: for people'
            cand --output 'json: one JSON document on stdout; table: for people'
            cand --journal 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]'
            cand --profile 'Take the defaults of this profile (`hwc configure` writes and lists them)'
            cand -q 'No progress on stderr (errors are still printed)'
            cand --quiet 'No progress on stderr (errors are still printed)'
            cand --dry-run 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
            cand -y 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand --yes 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'hwc;dcs;execute-cluster-switchover'= {
            cand --group-id 'ID of the shard (replication group) whose master is switched. Example: d368e463-35af-4bc4-94bc-7eb6635a2331'
            cand --instance-id 'ID of the cache instance. Example: 5560df16-cebf-4473-95c4-d1b573c16e79'
            cand --node-id 'ID of the replica node to promote to master. Example: 8abf6e1e87ae28440187b1198c4c1030'
            cand --project-id 'Project id, filled into every path'
            cand --deadline 'Give up waiting after this long (exit 4; the operation goes on), such as 90s, 10m, 1h [default: 30m]'
            cand --interval 'Wait this long before the second poll; it doubles while nothing changes, up to 8 times as long (at most 10s)'
            cand --region 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint'
            cand --cloud 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]'
            cand --endpoint 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)'
            cand --algorithm 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)'
            cand --credentials-file 'Read the credential variables from this file (NAME=value lines) instead of the environment'
            cand -o 'json: one JSON document on stdout; table: for people'
            cand --output 'json: one JSON document on stdout; table: for people'
            cand --journal 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]'
            cand --profile 'Take the defaults of this profile (`hwc configure` writes and lists them)'
            cand --wait 'Follow the switchover''s job (ShowJobInfo) to its end, then prove it: the promoted replica must be `master` in ListGroupReplicationInfo; exit 0 once the outcome is proven; 1 if it failed or was not accepted; 3 if refused (busy) or following failed; 4 at the deadline; 5 if its answer was lost and no evidence was found that it was performed (it may have been: check before sending it again); 6 if a success is contradicted by the verification read; 7 if there is no evidence of this operation''s outcome; 8 if no task runs'
            cand -q 'No progress on stderr (errors are still printed)'
            cand --quiet 'No progress on stderr (errors are still printed)'
            cand --dry-run 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
            cand -y 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand --yes 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'hwc;dcs;show-instance'= {
            cand --instance-id 'ID of the cache instance. Example: 5560df16-cebf-4473-95c4-d1b573c16e79'
            cand --project-id 'Project id, filled into every path'
            cand --region 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint'
            cand --cloud 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]'
            cand --endpoint 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)'
            cand --algorithm 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)'
            cand --credentials-file 'Read the credential variables from this file (NAME=value lines) instead of the environment'
            cand -o 'json: one JSON document on stdout; table: for people'
            cand --output 'json: one JSON document on stdout; table: for people'
            cand --journal 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]'
            cand --profile 'Take the defaults of this profile (`hwc configure` writes and lists them)'
            cand -q 'No progress on stderr (errors are still printed)'
            cand --quiet 'No progress on stderr (errors are still printed)'
            cand --dry-run 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
            cand -y 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand --yes 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'hwc;dcs;change-master-standby-async'= {
            cand --instance-id 'ID of the cache instance. Example: 5560df16-cebf-4473-95c4-d1b573c16e79'
            cand --project-id 'Project id, filled into every path'
            cand --deadline 'Give up waiting after this long (exit 4; the operation goes on), such as 90s, 10m, 1h [default: 30m]'
            cand --interval 'Wait this long before the second poll; it doubles while nothing changes, up to 8 times as long (at most 10s)'
            cand --region 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint'
            cand --cloud 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]'
            cand --endpoint 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)'
            cand --algorithm 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)'
            cand --credentials-file 'Read the credential variables from this file (NAME=value lines) instead of the environment'
            cand -o 'json: one JSON document on stdout; table: for people'
            cand --output 'json: one JSON document on stdout; table: for people'
            cand --journal 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]'
            cand --profile 'Take the defaults of this profile (`hwc configure` writes and lists them)'
            cand --wait 'Follow the switchover''s job (ShowJobInfo) to its end, then prove it: every node that was `master` before the switchover must be `slave` in ListGroupReplicationInfo; exit 0 once the outcome is proven; 1 if it failed or was not accepted; 3 if refused (busy) or following failed; 4 at the deadline; 5 if its answer was lost and no evidence was found that it was performed (it may have been: check before sending it again); 6 if a success is contradicted by the verification read; 7 if there is no evidence of this operation''s outcome; 8 if no task runs'
            cand -q 'No progress on stderr (errors are still printed)'
            cand --quiet 'No progress on stderr (errors are still printed)'
            cand --dry-run 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
            cand -y 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand --yes 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'hwc;dcs;change-master-standby'= {
            cand --instance-id 'ID of the cache instance. Example: 5560df16-cebf-4473-95c4-d1b573c16e79'
            cand --project-id 'Project id, filled into every path'
            cand --deadline 'Give up waiting after this long (exit 4; the operation goes on), such as 90s, 10m, 1h [default: 10m]'
            cand --interval 'Wait this long before the second poll; it doubles while nothing changes, up to 8 times as long (at most 10s)'
            cand --region 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint'
            cand --cloud 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]'
            cand --endpoint 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)'
            cand --algorithm 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)'
            cand --credentials-file 'Read the credential variables from this file (NAME=value lines) instead of the environment'
            cand -o 'json: one JSON document on stdout; table: for people'
            cand --output 'json: one JSON document on stdout; table: for people'
            cand --journal 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]'
            cand --profile 'Take the defaults of this profile (`hwc configure` writes and lists them)'
            cand --wait 'The switchover is done when it answers; then see the instance serve again (ShowInstance) and prove it: every node that was `master` before the switchover must be `slave` in ListGroupReplicationInfo; exit 0 once the outcome is proven; 1 if it failed or was not accepted; 3 if refused (busy) or following failed; 4 at the deadline; 5 if its answer was lost and no evidence was found that it was performed (it may have been: check before sending it again); 6 if a success is contradicted by the verification read; 7 if there is no evidence of this operation''s outcome; 8 if no task runs'
            cand -q 'No progress on stderr (errors are still printed)'
            cand --quiet 'No progress on stderr (errors are still printed)'
            cand --dry-run 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
            cand -y 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand --yes 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'hwc;dcs;list-background-task'= {
            cand --end-time 'Query end time (UTC). Format: yyyyMMddHHmmss, for example, 20200617155959.'
            cand --instance-id 'ID of the cache instance. Example: 5560df16-cebf-4473-95c4-d1b573c16e79'
            cand --limit 'Number of items displayed on each page.'
            cand --offset 'Offset, which is the position where the query starts. The value must be greater than or equal to 0.'
            cand --start-time 'Query start time (UTC). Format: yyyyMMddHHmmss, for example, 20200609160000. The page''s example request sends `begin_time`; its table and the official SDK name it `start_time`, which is what this sends.'
            cand --project-id 'Project id, filled into every path'
            cand --region 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint'
            cand --cloud 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]'
            cand --endpoint 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)'
            cand --algorithm 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)'
            cand --credentials-file 'Read the credential variables from this file (NAME=value lines) instead of the environment'
            cand -o 'json: one JSON document on stdout; table: for people'
            cand --output 'json: one JSON document on stdout; table: for people'
            cand --journal 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]'
            cand --profile 'Take the defaults of this profile (`hwc configure` writes and lists them)'
            cand -q 'No progress on stderr (errors are still printed)'
            cand --quiet 'No progress on stderr (errors are still printed)'
            cand --dry-run 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
            cand -y 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand --yes 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'hwc;dcs;show-job-info'= {
            cand --job-id 'ID of the job, as returned by the operation that started it. Example: ff8080818822bbf70188235afc24141a'
            cand --project-id 'Project id, filled into every path'
            cand --region 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint'
            cand --cloud 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]'
            cand --endpoint 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)'
            cand --algorithm 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)'
            cand --credentials-file 'Read the credential variables from this file (NAME=value lines) instead of the environment'
            cand -o 'json: one JSON document on stdout; table: for people'
            cand --output 'json: one JSON document on stdout; table: for people'
            cand --journal 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]'
            cand --profile 'Take the defaults of this profile (`hwc configure` writes and lists them)'
            cand -q 'No progress on stderr (errors are still printed)'
            cand --quiet 'No progress on stderr (errors are still printed)'
            cand --dry-run 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
            cand -y 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand --yes 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'hwc;dcs;help'= {
            cand list-group-replication-info 'List the shards and replicas of an instance'
            cand execute-cluster-switchover 'Switch over a shard of a cluster instance'
            cand show-instance 'Show an instance'
            cand change-master-standby-async 'Switch master and replica asynchronously'
            cand change-master-standby 'Switch master and standby synchronously'
            cand list-background-task 'List the background tasks of an instance'
            cand show-job-info 'Show the result of a job'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hwc;dcs;help;list-group-replication-info'= {
        }
        &'hwc;dcs;help;execute-cluster-switchover'= {
        }
        &'hwc;dcs;help;show-instance'= {
        }
        &'hwc;dcs;help;change-master-standby-async'= {
        }
        &'hwc;dcs;help;change-master-standby'= {
        }
        &'hwc;dcs;help;list-background-task'= {
        }
        &'hwc;dcs;help;show-job-info'= {
        }
        &'hwc;dcs;help;help'= {
        }
        &'hwc;drs'= {
            cand --region 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint'
            cand --cloud 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]'
            cand --endpoint 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)'
            cand --project-id 'Project id, filled into every path'
            cand --algorithm 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)'
            cand --credentials-file 'Read the credential variables from this file (NAME=value lines) instead of the environment'
            cand -o 'json: one JSON document on stdout; table: for people'
            cand --output 'json: one JSON document on stdout; table: for people'
            cand --journal 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]'
            cand --profile 'Take the defaults of this profile (`hwc configure` writes and lists them)'
            cand -q 'No progress on stderr (errors are still printed)'
            cand --quiet 'No progress on stderr (errors are still printed)'
            cand --dry-run 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
            cand -y 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand --yes 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand batch-list-job-details 'Show the details of replication jobs'
            cand show-switch-vip-status 'Query the result of a virtual IP switchover'
            cand switch-vip 'Switch over the virtual IP of a replication job'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hwc;drs;batch-list-job-details'= {
            cand --x-language 'Language of the response messages. The service defaults to `en-us`. Example: en-us'
            cand --project-id 'Project id, filled into every path'
            cand --json-body 'Path to a file holding the whole JSON request body (The IDs of the jobs, and which page of them); when given, it replaces the body the other flags would make.'
            cand --region 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint'
            cand --cloud 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]'
            cand --endpoint 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)'
            cand --algorithm 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)'
            cand --credentials-file 'Read the credential variables from this file (NAME=value lines) instead of the environment'
            cand -o 'json: one JSON document on stdout; table: for people'
            cand --output 'json: one JSON document on stdout; table: for people'
            cand --journal 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]'
            cand --profile 'Take the defaults of this profile (`hwc configure` writes and lists them)'
            cand --json-body-template 'Print the page''s example request body as JSON, to start a --json-body file from, and exit.'
            cand -q 'No progress on stderr (errors are still printed)'
            cand --quiet 'No progress on stderr (errors are still printed)'
            cand --dry-run 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
            cand -y 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand --yes 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'hwc;drs;show-switch-vip-status'= {
            cand --job-id 'ID of the replication job; for a cross-AZ job, the ID of the parent job. Example: 260e27fd-4976-44dc-9948-e1265e4jb201'
            cand --x-language 'Language of the response messages. The service defaults to `en-us`. Example: en-us'
            cand --project-id 'Project id, filled into every path'
            cand --region 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint'
            cand --cloud 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]'
            cand --endpoint 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)'
            cand --algorithm 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)'
            cand --credentials-file 'Read the credential variables from this file (NAME=value lines) instead of the environment'
            cand -o 'json: one JSON document on stdout; table: for people'
            cand --output 'json: one JSON document on stdout; table: for people'
            cand --journal 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]'
            cand --profile 'Take the defaults of this profile (`hwc configure` writes and lists them)'
            cand -q 'No progress on stderr (errors are still printed)'
            cand --quiet 'No progress on stderr (errors are still printed)'
            cand --dry-run 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
            cand -y 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand --yes 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'hwc;drs;switch-vip'= {
            cand --job-id 'ID of the replication job; for a cross-AZ job, the ID of the parent job. Example: 8c81a12f-2581-4424-a3ab-70ed874jb201'
            cand --mode 'Whose virtual IP is switched over: `source` (the source database''s) or `target` (the destination database''s). Example: source'
            cand --x-language 'Language of the response messages. The service defaults to `en-us`. Example: en-us'
            cand --project-id 'Project id, filled into every path'
            cand --deadline 'Give up waiting after this long (exit 4; the operation goes on), such as 90s, 10m, 1h [default: 30m]'
            cand --interval 'Wait this long before the second poll; it doubles while nothing changes, up to 8 times as long (at most 10s)'
            cand --json-body 'Path to a file holding the whole JSON request body (Which side''s virtual IP to switch over); when given, it replaces the body the other flags would make.'
            cand --region 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint'
            cand --cloud 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]'
            cand --endpoint 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)'
            cand --algorithm 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)'
            cand --credentials-file 'Read the credential variables from this file (NAME=value lines) instead of the environment'
            cand -o 'json: one JSON document on stdout; table: for people'
            cand --output 'json: one JSON document on stdout; table: for people'
            cand --journal 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]'
            cand --profile 'Take the defaults of this profile (`hwc configure` writes and lists them)'
            cand --json-body-template 'Print the page''s example request body as JSON, to start a --json-body file from, and exit.'
            cand --wait 'Follow the switchover (ShowSwitchVipStatus) until the address has moved. The status describes the job''s last switchover and carries no id of this one, so it is read before sending, and a final state counts only once the status was seen to leave that baseline; exit 0 once the outcome is proven; 1 if it failed or was not accepted; 3 if refused (busy) or following failed; 4 at the deadline; 5 if its answer was lost and no evidence was found that it was performed (it may have been: check before sending it again); 6 if a success is contradicted by the verification read; 7 if there is no evidence of this operation''s outcome; 8 if no task runs'
            cand -q 'No progress on stderr (errors are still printed)'
            cand --quiet 'No progress on stderr (errors are still printed)'
            cand --dry-run 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
            cand -y 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand --yes 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'hwc;drs;help'= {
            cand batch-list-job-details 'Show the details of replication jobs'
            cand show-switch-vip-status 'Query the result of a virtual IP switchover'
            cand switch-vip 'Switch over the virtual IP of a replication job'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hwc;drs;help;batch-list-job-details'= {
        }
        &'hwc;drs;help;show-switch-vip-status'= {
        }
        &'hwc;drs;help;switch-vip'= {
        }
        &'hwc;drs;help;help'= {
        }
        &'hwc;css'= {
            cand --region 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint'
            cand --cloud 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]'
            cand --endpoint 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)'
            cand --project-id 'Project id, filled into every path'
            cand --algorithm 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)'
            cand --credentials-file 'Read the credential variables from this file (NAME=value lines) instead of the environment'
            cand -o 'json: one JSON document on stdout; table: for people'
            cand --output 'json: one JSON document on stdout; table: for people'
            cand --journal 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]'
            cand --profile 'Take the defaults of this profile (`hwc configure` writes and lists them)'
            cand -q 'No progress on stderr (errors are still printed)'
            cand --quiet 'No progress on stderr (errors are still printed)'
            cand --dry-run 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
            cand -y 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand --yes 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand show-cluster-detail 'Show a cluster and its nodes'
            cand update-az-by-instance-type 'Start an AZ switchover of a cluster''s nodes'
            cand upgrade-detail 'Show the progress of a cluster upgrade or AZ switchover'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hwc;css;show-cluster-detail'= {
            cand --cluster-id 'ID of the cluster you want to query. For details about how to obtain the cluster ID, see Obtaining the Cluster ID. Value range: Cluster ID. Example: ea244205-d641-45d9-9dcb-ab2236bcd07e'
            cand --project-id 'Project id, filled into every path'
            cand --region 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint'
            cand --cloud 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]'
            cand --endpoint 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)'
            cand --algorithm 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)'
            cand --credentials-file 'Read the credential variables from this file (NAME=value lines) instead of the environment'
            cand -o 'json: one JSON document on stdout; table: for people'
            cand --output 'json: one JSON document on stdout; table: for people'
            cand --journal 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]'
            cand --profile 'Take the defaults of this profile (`hwc configure` writes and lists them)'
            cand -q 'No progress on stderr (errors are still printed)'
            cand --quiet 'No progress on stderr (errors are still printed)'
            cand --dry-run 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
            cand -y 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand --yes 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'hwc;css;update-az-by-instance-type'= {
            cand --agency 'Agency name. You can create an agency to allow CSS to call other cloud services. Constraints: The value can contain only letters (a-z and A-Z), digits (0-9), hyphens (-), and underscores (_). It cannot contain Chinese characters or other special characters. Example: css-test-agency'
            cand --cluster-id 'ID of the cluster whose nodes change AZ. Example: 4f3deec3-efa8-4598-bf91-560aad1377a3'
            cand --indices-backup-check 'Whether to check full index snapshots. Value range: - true: Check for full index snapshots. - false: Do not check for full index snapshots. Default value: true'
            cand --inst-type 'Which nodes change AZ: `all`, `ess` (data nodes), `ess-cold` (cold data nodes), `ess-client` (client nodes) or `ess-master` (master nodes). All mission-critical data should be backed up first. Example: all'
            cand --migrate-type '`multi_az_change` (HA reconstruction across AZs) or `az_migrate` (AZ migration). Example: az_migrate'
            cand --source-az 'The AZ the nodes are in now. Example: cn-north-4c'
            cand --target-az 'The AZ the nodes move to. Example: cn-north-4a'
            cand --project-id 'Project id, filled into every path'
            cand --deadline 'Give up waiting after this long (exit 4; the operation goes on), such as 90s, 10m, 1h [default: 1h]'
            cand --interval 'Wait this long before the second poll; it doubles while nothing changes, up to 8 times as long (at most 10s)'
            cand --json-body 'Path to a file holding the whole JSON request body; when given, it replaces the body the other flags would make.'
            cand --region 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint'
            cand --cloud 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]'
            cand --endpoint 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)'
            cand --algorithm 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)'
            cand --credentials-file 'Read the credential variables from this file (NAME=value lines) instead of the environment'
            cand -o 'json: one JSON document on stdout; table: for people'
            cand --output 'json: one JSON document on stdout; table: for people'
            cand --journal 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]'
            cand --profile 'Take the defaults of this profile (`hwc configure` writes and lists them)'
            cand --json-body-template 'Print the page''s example request body as JSON, to start a --json-body file from, and exit.'
            cand --wait 'Follow the AZ switchover''s task (UpgradeDetail, action_mode AZ_MIGRATION): the task that was not there before sending, every page read, its id pinned once seen; then prove it: every node of the type that was in the source AZ must be in the target AZ in ShowClusterDetail; exit 0 once the outcome is proven; 1 if it failed or was not accepted; 3 if refused (busy) or following failed; 4 at the deadline; 5 if its answer was lost and no evidence was found that it was performed (it may have been: check before sending it again); 6 if a success is contradicted by the verification read; 7 if there is no evidence of this operation''s outcome; 8 if no task runs'
            cand -q 'No progress on stderr (errors are still printed)'
            cand --quiet 'No progress on stderr (errors are still printed)'
            cand --dry-run 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
            cand -y 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand --yes 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'hwc;css;upgrade-detail'= {
            cand --action-mode 'Which kind of task to report: omit it (or `UPGRADING`) for version upgrades, `AZ_MIGRATION` for AZ switchovers. Example: AZ_MIGRATION'
            cand --cluster-id 'ID of the cluster being upgraded. Example: ea244205-d641-45d9-9dcb-ab2236bcd07e'
            cand --limit 'How many tasks one page holds: from 1 to 1000, 10 by default. Example: 10'
            cand --offset 'Where the page starts: 1 (the default) starts from the first task. From 1 to 1000. The current references and the official SDK name this parameter `offset`; older pages call it `start`. Example: 1'
            cand --start 'Deprecated. The older pages'' name of `offset` (the API page and the Open Telekom Cloud reference of 2024). Kept so that existing callers still compile; send `offset` instead. Example: 1'
            cand --project-id 'Project id, filled into every path'
            cand --deadline 'Give up waiting after this long (exit 4; the operation goes on), such as 90s, 10m, 1h [default: 1h]'
            cand --interval 'Wait this long before the second poll; it doubles while nothing changes, up to 8 times as long (at most 10s)'
            cand --task-id 'Follow this task, whatever its state (default: the task that runs; with none running, say so)'
            cand --region 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint'
            cand --cloud 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]'
            cand --endpoint 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)'
            cand --algorithm 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)'
            cand --credentials-file 'Read the credential variables from this file (NAME=value lines) instead of the environment'
            cand -o 'json: one JSON document on stdout; table: for people'
            cand --output 'json: one JSON document on stdout; table: for people'
            cand --journal 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]'
            cand --profile 'Take the defaults of this profile (`hwc configure` writes and lists them)'
            cand --watch 'Follow the cluster''s running upgrade or AZ switchover task (or the one given with --task-id) until it ends; when no task runs, say so rather than report a finished one; exit 0 once the outcome is proven; 1 if it failed or was not accepted; 3 if refused (busy) or following failed; 4 at the deadline; 5 if its answer was lost and no evidence was found that it was performed (it may have been: check before sending it again); 6 if a success is contradicted by the verification read; 7 if there is no evidence of this operation''s outcome; 8 if no task runs'
            cand -q 'No progress on stderr (errors are still printed)'
            cand --quiet 'No progress on stderr (errors are still printed)'
            cand --dry-run 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
            cand -y 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand --yes 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'hwc;css;help'= {
            cand show-cluster-detail 'Show a cluster and its nodes'
            cand update-az-by-instance-type 'Start an AZ switchover of a cluster''s nodes'
            cand upgrade-detail 'Show the progress of a cluster upgrade or AZ switchover'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hwc;css;help;show-cluster-detail'= {
        }
        &'hwc;css;help;update-az-by-instance-type'= {
        }
        &'hwc;css;help;upgrade-detail'= {
        }
        &'hwc;css;help;help'= {
        }
        &'hwc;sim'= {
            cand --scenario 'Scenario file (YAML or JSON) of the simulator; default: its built-in scenario'
            cand --speed 'Simulated seconds per real second (default: the scenario''s)'
            cand --listen 'Address to listen on (a loopback address; port 0 picks a free port)'
            cand --region 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint'
            cand --cloud 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]'
            cand --endpoint 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)'
            cand --project-id 'Project id, filled into every path'
            cand --algorithm 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)'
            cand --credentials-file 'Read the credential variables from this file (NAME=value lines) instead of the environment'
            cand -o 'json: one JSON document on stdout; table: for people'
            cand --output 'json: one JSON document on stdout; table: for people'
            cand --journal 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]'
            cand --profile 'Take the defaults of this profile (`hwc configure` writes and lists them)'
            cand -q 'No progress on stderr (errors are still printed)'
            cand --quiet 'No progress on stderr (errors are still printed)'
            cand --dry-run 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
            cand -y 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand --yes 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'hwc;drill'= {
            cand --scenario 'Scenario file (YAML or JSON) of the simulator; default: its built-in scenario'
            cand --speed 'Simulated seconds per real second of the embedded simulator [default: 100]'
            cand --dcs-instance 'With --endpoint: the master/standby DCS instance to switch over'
            cand --dcs-cluster 'With --endpoint: the cluster DCS instance whose shard to switch over'
            cand --drs-job 'With --endpoint: the DRS replication job whose virtual IP to switch'
            cand --css-cluster 'With --endpoint: the CSS cluster whose upgrades to watch'
            cand --css-az-cluster 'With --endpoint: the CSS cluster to switch over to another AZ'
            cand --region 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint'
            cand --cloud 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]'
            cand --endpoint 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)'
            cand --project-id 'Project id, filled into every path'
            cand --algorithm 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)'
            cand --credentials-file 'Read the credential variables from this file (NAME=value lines) instead of the environment'
            cand -o 'json: one JSON document on stdout; table: for people'
            cand --output 'json: one JSON document on stdout; table: for people'
            cand --journal 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]'
            cand --profile 'Take the defaults of this profile (`hwc configure` writes and lists them)'
            cand --keep-going 'Run every step even after one failed (default: stop at the first)'
            cand -q 'No progress on stderr (errors are still printed)'
            cand --quiet 'No progress on stderr (errors are still printed)'
            cand --dry-run 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
            cand -y 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand --yes 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'hwc;journal'= {
            cand --region 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint'
            cand --cloud 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]'
            cand --endpoint 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)'
            cand --project-id 'Project id, filled into every path'
            cand --algorithm 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)'
            cand --credentials-file 'Read the credential variables from this file (NAME=value lines) instead of the environment'
            cand -o 'json: one JSON document on stdout; table: for people'
            cand --output 'json: one JSON document on stdout; table: for people'
            cand --journal 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]'
            cand --profile 'Take the defaults of this profile (`hwc configure` writes and lists them)'
            cand --path 'Print the journal''s path only'
            cand -q 'No progress on stderr (errors are still printed)'
            cand --quiet 'No progress on stderr (errors are still printed)'
            cand --dry-run 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
            cand -y 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand --yes 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'hwc;follow'= {
            cand --deadline 'Give up waiting after this long (exit 4; the operation goes on)'
            cand --interval 'Wait this long before the second poll'
            cand --region 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint'
            cand --cloud 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]'
            cand --endpoint 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)'
            cand --project-id 'Project id, filled into every path'
            cand --algorithm 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)'
            cand --credentials-file 'Read the credential variables from this file (NAME=value lines) instead of the environment'
            cand -o 'json: one JSON document on stdout; table: for people'
            cand --output 'json: one JSON document on stdout; table: for people'
            cand --journal 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]'
            cand --profile 'Take the defaults of this profile (`hwc configure` writes and lists them)'
            cand --last 'The journal''s most recent operation that can be followed'
            cand -q 'No progress on stderr (errors are still printed)'
            cand --quiet 'No progress on stderr (errors are still printed)'
            cand --dry-run 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
            cand -y 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand --yes 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'hwc;configure'= {
            cand --region 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint'
            cand --cloud 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]'
            cand --endpoint 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)'
            cand --project-id 'Project id, filled into every path'
            cand --algorithm 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)'
            cand --credentials-file 'Read the credential variables from this file (NAME=value lines) instead of the environment'
            cand -o 'json: one JSON document on stdout; table: for people'
            cand --output 'json: one JSON document on stdout; table: for people'
            cand --journal 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]'
            cand --profile 'Take the defaults of this profile (`hwc configure` writes and lists them)'
            cand --list 'List the profiles'
            cand -q 'No progress on stderr (errors are still printed)'
            cand --quiet 'No progress on stderr (errors are still printed)'
            cand --dry-run 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
            cand -y 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand --yes 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'hwc;completions'= {
            cand --region 'Region, such as cn-north-4 or eu-de; selects each service''s endpoint'
            cand --cloud 'Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, else huawei]'
            cand --endpoint 'Send to this endpoint instead of the region''s (HTTPS, or plain HTTP to a loopback address such as `hwc sim`''s)'
            cand --project-id 'Project id, filled into every path'
            cand --algorithm 'How AK/SK requests are signed (v11-hmac-sha256 needs --region)'
            cand --credentials-file 'Read the credential variables from this file (NAME=value lines) instead of the environment'
            cand -o 'json: one JSON document on stdout; table: for people'
            cand --output 'json: one JSON document on stdout; table: for people'
            cand --journal 'The journal of non-idempotent requests (JSON lines) [default: hwc/journal.jsonl in the platform''s state directory]'
            cand --profile 'Take the defaults of this profile (`hwc configure` writes and lists them)'
            cand -q 'No progress on stderr (errors are still printed)'
            cand --quiet 'No progress on stderr (errors are still printed)'
            cand --dry-run 'Print the request the command would send (method, URL, headers with credentials masked, body) and send nothing'
            cand -y 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand --yes 'Do not ask for confirmation before a non-idempotent operation (scripts)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'hwc;help'= {
            cand dcs 'Distributed Cache Service (DCS) API'
            cand drs 'Data Replication Service (DRS) API'
            cand css 'Cloud Search Service (CSS) API'
            cand sim 'Run the local simulator of every operation in the foreground'
            cand drill 'Run a failover drill: every operation and every waiter, against a simulator'
            cand journal 'List the non-idempotent requests hwc sent, and what became of them'
            cand follow 'Follow an operation of the journal to its end, without sending it again'
            cand configure 'Write or list the profiles (--profile NAME with the global options to write one)'
            cand completions 'Print the shell completion script of hwc'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hwc;help;dcs'= {
            cand list-group-replication-info 'List the shards and replicas of an instance'
            cand execute-cluster-switchover 'Switch over a shard of a cluster instance'
            cand show-instance 'Show an instance'
            cand change-master-standby-async 'Switch master and replica asynchronously'
            cand change-master-standby 'Switch master and standby synchronously'
            cand list-background-task 'List the background tasks of an instance'
            cand show-job-info 'Show the result of a job'
        }
        &'hwc;help;dcs;list-group-replication-info'= {
        }
        &'hwc;help;dcs;execute-cluster-switchover'= {
        }
        &'hwc;help;dcs;show-instance'= {
        }
        &'hwc;help;dcs;change-master-standby-async'= {
        }
        &'hwc;help;dcs;change-master-standby'= {
        }
        &'hwc;help;dcs;list-background-task'= {
        }
        &'hwc;help;dcs;show-job-info'= {
        }
        &'hwc;help;drs'= {
            cand batch-list-job-details 'Show the details of replication jobs'
            cand show-switch-vip-status 'Query the result of a virtual IP switchover'
            cand switch-vip 'Switch over the virtual IP of a replication job'
        }
        &'hwc;help;drs;batch-list-job-details'= {
        }
        &'hwc;help;drs;show-switch-vip-status'= {
        }
        &'hwc;help;drs;switch-vip'= {
        }
        &'hwc;help;css'= {
            cand show-cluster-detail 'Show a cluster and its nodes'
            cand update-az-by-instance-type 'Start an AZ switchover of a cluster''s nodes'
            cand upgrade-detail 'Show the progress of a cluster upgrade or AZ switchover'
        }
        &'hwc;help;css;show-cluster-detail'= {
        }
        &'hwc;help;css;update-az-by-instance-type'= {
        }
        &'hwc;help;css;upgrade-detail'= {
        }
        &'hwc;help;sim'= {
        }
        &'hwc;help;drill'= {
        }
        &'hwc;help;journal'= {
        }
        &'hwc;help;follow'= {
        }
        &'hwc;help;configure'= {
        }
        &'hwc;help;completions'= {
        }
        &'hwc;help;help'= {
        }
    ]
    $completions[$command]
}
