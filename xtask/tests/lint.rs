//! `cargo xtask lint`: one fixture per rule that breaks it (the exact rule ids and lines are
//! asserted), one that passes every rule, and the command line.

use std::path::{Path, PathBuf};

use xtask::lint::{self, Finding, Rule};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lint")
}

fn lint_fixture(name: &str) -> Vec<Finding> {
    let path = fixtures().join(format!("{name}.yaml"));
    let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    lint::lint_source(&format!("{name}.yaml"), &src)
}

/// (rule id, line) of each finding.
fn found(name: &str) -> Vec<(&'static str, usize)> {
    lint_fixture(name)
        .iter()
        .map(|f| (f.rule.id(), f.line))
        .collect()
}

#[test]
fn valid_spec_passes_every_rule() {
    let findings = lint_fixture("valid");
    assert!(findings.is_empty(), "{findings:#?}");
}

#[test]
fn yaml_parse() {
    assert_eq!(found("yaml-parse"), [("yaml-parse", 8)]);
    let findings = lint_fixture("yaml-parse");
    assert!(
        findings[0].message.contains("not valid YAML"),
        "{findings:?}"
    );
}

#[test]
fn openapi_version() {
    assert_eq!(found("openapi-version"), [("openapi-version", 2)]);
}

#[test]
fn openapi_structure() {
    assert_eq!(found("openapi-structure"), [("openapi-structure", 13)]);
    assert_eq!(found("not-a-mapping"), [("openapi-structure", 2)]);
}

#[test]
fn ref_resolves() {
    assert_eq!(found("ref-resolves"), [("ref-resolves", 21)]);
}

#[test]
fn operation_id() {
    assert_eq!(found("operation-id"), [("operation-id", 7)]);
    let message = &lint_fixture("operation-id")[0].message;
    assert!(message.contains("`ShowJobUrl`"), "{message}");
}

#[test]
fn operation_id_style() {
    use xtask::lint::is_sdk_pascal_case;
    for good in [
        "ChangeMasterStandbyAsync",
        "ShowJobInfo",
        "UpgradeDetail",
        "SwitchVip",
        "ListInstancesV2",
    ] {
        assert!(is_sdk_pascal_case(good), "{good}");
    }
    for bad in [
        "showJobInfo",
        "show_job_info",
        "SwitchVIP",
        "Show-Job",
        "",
        "ShowJob Info",
    ] {
        assert!(!is_sdk_pascal_case(bad), "{bad}");
    }
}

#[test]
fn operation_id_unique() {
    assert_eq!(found("operation-id-unique"), [("operation-id-unique", 28)]);
}

#[test]
fn operation_summary() {
    assert_eq!(found("operation-summary"), [("operation-summary", 8)]);
}

#[test]
fn operation_description() {
    assert_eq!(
        found("operation-description"),
        [("operation-description", 6)]
    );
}

#[test]
fn operation_tag() {
    assert_eq!(found("operation-tag"), [("operation-tag", 10)]);
}

#[test]
fn operation_idempotent() {
    assert_eq!(
        found("operation-idempotent"),
        [("operation-idempotent", 11)]
    );
}

#[test]
fn operation_clouds() {
    // An unknown cloud and a cloud named twice, both on the `x-clouds` line.
    assert_eq!(
        found("operation-clouds"),
        [("operation-clouds", 12), ("operation-clouds", 12)]
    );
}

#[test]
fn path_params() {
    // The template's `{job_id}` has no parameter (reported on the operation) and the `id`
    // parameter is not in the template (reported on the parameter).
    assert_eq!(
        found("path-params"),
        [("path-params", 6), ("path-params", 15)]
    );
}

#[test]
fn path_param_required() {
    assert_eq!(found("path-param-required"), [("path-param-required", 15)]);
}

#[test]
fn error_response_schema() {
    assert_eq!(
        found("error-response-schema"),
        [("error-response-schema", 26)]
    );
}

#[test]
fn success_response() {
    assert_eq!(found("success-response"), [("success-response", 16)]);
}

#[test]
fn success_body_type() {
    assert_eq!(found("success-body-type"), [("success-body-type", 22)]);
}

#[test]
fn example_valid() {
    // The parameter example, the response example, and `size: null` in the schema example;
    // `name: null` passes because `name` is `nullable: true`.
    assert_eq!(
        found("example-valid"),
        [
            ("example-valid", 17),
            ("example-valid", 24),
            ("example-valid", 47)
        ]
    );
    let messages: Vec<String> = lint_fixture("example-valid")
        .into_iter()
        .map(|f| f.message)
        .collect();
    assert!(
        messages[1].contains("\"id\" is a required property"),
        "{messages:?}"
    );
    assert!(messages[2].contains("`/size`"), "{messages:?}");
}

#[test]
fn response_additional_properties() {
    assert_eq!(
        found("response-additional-properties"),
        [("response-additional-properties", 38)]
    );
}

#[test]
fn response_closed_enum() {
    // Only the response field; the query parameter's enum is in a request.
    assert_eq!(
        found("response-closed-enum"),
        [("response-closed-enum", 42)]
    );
}

#[test]
fn extensible_enum() {
    assert_eq!(found("extensible-enum"), [("extensible-enum", 40)]);
}

#[test]
fn auth_header_param() {
    assert_eq!(found("auth-header-param"), [("auth-header-param", 16)]);
}

#[test]
fn parameter_description() {
    assert_eq!(
        found("parameter-description"),
        [("parameter-description", 16)]
    );
}

#[test]
fn property_description() {
    assert_eq!(
        found("property-description"),
        [("property-description", 41)]
    );
}

#[test]
fn every_rule_has_a_breaking_fixture() {
    for rule in Rule::ALL {
        let path = fixtures().join(format!("{}.yaml", rule.id()));
        assert!(path.exists(), "no fixture {}", path.display());
        assert!(
            found(rule.id()).iter().any(|(id, _)| *id == rule.id()),
            "{} does not break {}",
            path.display(),
            rule.id()
        );
    }
}

#[test]
fn no_panic_on_truncated_or_garbled_specs() {
    let valid = std::fs::read_to_string(fixtures().join("valid.yaml")).unwrap();
    let lines: Vec<&str> = valid.lines().collect();
    for cut in 0..lines.len() {
        let _ = lint::lint_source("cut.yaml", &lines[..cut].join("\n"));
        let mut garbled = lines.clone();
        garbled.remove(cut);
        let _ = lint::lint_source("garbled.yaml", &garbled.join("\n"));
    }
    for src in [
        "",
        "null",
        "42",
        "openapi: 3.0.3\npaths: 1\ncomponents: []\n",
        "openapi: 3.0.3\npaths:\n  /a: {get: 1, post: {responses: []}}\n",
        "openapi: 3.0.3\npaths:\n  /a/{b:\n    get: {parameters: [1, {$ref: 2}]}\n",
        "openapi: 3.0.3\npaths: {}\ncomponents: {schemas: {A: {$ref: '#/components/schemas/A'}}}\n",
        "openapi: 3.0.3\npaths: {}\ncomponents: {schemas: {A: {type: object, properties: 3, example: {}}}}\n",
        "openapi: 3.0.3\npaths: {}\ncomponents: {schemas: {A: {type: string, pattern: '(', example: x}}}\n",
    ] {
        let _ = lint::lint_source("odd.yaml", src);
    }
}

#[test]
fn cli_prints_file_line_rule_message_and_fails() {
    let root = xtask::workspace_root();
    let spec = fixtures().join("operation-id.yaml");
    let outcome = lint::run(&root, &[spec.display().to_string()]);
    assert_eq!(outcome.code, 1, "{outcome:?}");
    assert_eq!(
        outcome.stdout,
        "xtask/tests/fixtures/lint/operation-id.yaml:7: operation-id: operationId `ShowJobURL` is not in the SDK's PascalCase (e.g. `ShowJobUrl`): letters and digits, acronyms as words (`SwitchVip`)\n"
    );
    assert_eq!(outcome.stderr, "lint: 1 finding in 1 spec\n");
}

#[test]
fn cli_passes_on_a_clean_spec() {
    let root = xtask::workspace_root();
    let spec = fixtures().join("valid.yaml");
    let outcome = lint::run(&root, &[spec.display().to_string()]);
    assert_eq!(outcome.code, 0, "{outcome:?}");
    assert_eq!(outcome.stdout, "");
}

#[test]
fn cli_usage_and_io_errors_exit_2() {
    let root = xtask::workspace_root();
    let outcome = lint::run(&root, &["specs/no-such-spec.yaml".to_string()]);
    assert_eq!(outcome.code, 2, "{outcome:?}");
    assert!(outcome.stderr.contains("cannot read"), "{outcome:?}");
    let outcome = lint::run(&root, &["--fix".to_string()]);
    assert_eq!(outcome.code, 2, "{outcome:?}");
    assert!(
        outcome.stderr.contains("unknown option `--fix`"),
        "{outcome:?}"
    );
}

#[test]
fn page_divergence() {
    // Entries on an operation, a parameter, a media type, a component schema and a property,
    // one or a list, with `when`, `status`, `name`, `values` and `at`, pass; the entry without a
    // `reason` is the one finding.
    assert_eq!(found("page-divergence"), [("page-divergence", 48)]);
    let message = &lint_fixture("page-divergence")[0].message;
    assert!(
        message.contains("the `pages-example` divergence needs a `reason`"),
        "{message}"
    );
}

/// The `waiter` findings of a spec of the workspace with `from` replaced by `to`.
fn waiter_findings(spec: &str, from: &str, to: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../specs/{spec}.yaml"));
    let src = std::fs::read_to_string(&path).unwrap();
    assert!(src.contains(from), "{spec}: no `{from}`");
    lint::lint_source(spec, &src.replacen(from, to, 1))
        .into_iter()
        .filter(|f| f.rule == Rule::Waiter)
        .map(|f| f.message)
        .collect()
}

#[test]
fn waiters_agree_with_their_specs() {
    for spec in ["dcs", "drs", "css"] {
        assert_eq!(
            waiter_findings(spec, "x-waiter", "x-waiter"),
            Vec::<String>::new()
        );
    }
    let cases = [
        (
            "drs",
            "        baseline: leave\n",
            "",
            "declare a `baseline`",
        ),
        (
            "drs",
            "failure: [SWITCH_VIP_FAILED]",
            "failure: []",
            "no `failure` state",
        ),
        (
            "drs",
            "failure: [SWITCH_VIP_FAILED]",
            "failure: [SWITCH_VIP_FAILD]",
            "not a value of `/status`",
        ),
        (
            "drs",
            "state: /status",
            "state: /state",
            "`/state` is not in the state's schema",
        ),
        (
            "drs",
            "operation: ShowSwitchVipStatus",
            "operation: ShowSwitchVipState",
            "which this spec does not have",
        ),
        (
            "drs",
            "deadline: 1800",
            "deadline: 1",
            "no room for a second poll",
        ),
        (
            "drs",
            "{path: /status, equals: failed}",
            "{path: /state, equals: failed}",
            "reject/0",
        ),
        (
            "dcs",
            "job_id: {answer: /job_id}",
            "job_id: {answer: /id}",
            "`/id` is not in",
        ),
        (
            "dcs",
            "expect: {path: /replication_role, equals: master}",
            "expect: {path: /role, equals: master}",
            "`/role` is not in an item",
        ),
        (
            "dcs",
            "instance_id: {param: instance_id}",
            "instance_id: {param: instance}",
            "no parameter `instance`",
        ),
        (
            "css",
            "items: /detailList",
            "items: /details",
            "is not an array",
        ),
        (
            "css",
            "equals: {body: /target_az}",
            "equals: {body: /target}",
            "request body",
        ),
        (
            "css",
            "baseline: new-item",
            "baseline: latest",
            "`baseline` is one of",
        ),
        // A lost answer must be resolvable: a poll that needs the start's answer declares where
        // evidence is looked for.
        (
            "dcs",
            "        evidence:\n",
            "        no-evidence:\n",
            "unknown key `no-evidence`",
        ),
        (
            "dcs",
            "            - {path: /name, equals: masterStandbySwapJob}",
            "            - {path: /kind, equals: masterStandbySwapJob}",
            "evidence: `/kind` is not in a record of `/tasks`",
        ),
        (
            "dcs",
            "          operation: ListBackgroundTask",
            "          operation: ListBackgroundTasks",
            "evidence reads `ListBackgroundTasks`",
        ),
        (
            "dcs",
            "paging: {offset: offset, limit: limit, first: 0, size: 100, total: /task_count}",
            "paging: {offset: start, limit: limit, first: 0, size: 100, total: /task_count}",
            "evidence paging: `ListBackgroundTask` has no parameter `start`",
        ),
        (
            "drs",
            "reasons: [/error_code, /error_msg]",
            "reasons: [/error_code, /error_text]",
            "reasons: `/error_text` is in neither",
        ),
        (
            "css",
            "current: /currentNodeName}",
            "current: /currentNode}",
            "progress: `/currentNode` is not in the state's schema",
        ),
        // What is looked at before sending is read as the spec says it can be.
        (
            "drs",
            "- operation: BatchListJobDetails",
            "- operation: SwitchVip",
            "look/0 reads `SwitchVip`, which is not idempotent",
        ),
        (
            "drs",
            "body: {jobs: [{param: job_id}]}",
            "body: {job_ids: [{param: job_id}]}",
            "look/0 body: `/job_ids/*` is not in `BatchListJobDetails`'s request body",
        ),
        (
            "drs",
            "body: {jobs: [{param: job_id}]}",
            "body: {jobs: [{param: job}]}",
            "look/0 body `/jobs/*`: `SwitchVip` has no parameter `job`",
        ),
        (
            "drs",
            "            body: {jobs: [{param: job_id}]}\n",
            "",
            "look/0: `BatchListJobDetails` needs a request body",
        ),
        (
            "drs",
            "- /results/*/master_az",
            "- /results/*/primary_az",
            "look/0: `/results/*/primary_az` is not in `BatchListJobDetails`'s answer",
        ),
        (
            "drs",
            "            params:\n              job_id: {param: job_id}\n            show: [/status",
            "            show: [/status",
            "look/1: `ShowSwitchVipStatus` needs the parameter `job_id`",
        ),
        (
            "dcs",
            "            name: /name\n",
            "            name: /title\n",
            "look/0: `/title` is not in `ShowInstance`'s answer",
        ),
        (
            "dcs",
            "          - operation: ShowInstance\n            params:\n              instance_id: {param: instance_id}",
            "          - operation: ShowInstance\n            params:\n              instance_id: {answer: /job_id}",
            "a look is read before sending",
        ),
        (
            "css",
            "{path: /actions, present: true,",
            "{path: /action, present: true,",
            "look/0: `/action` is not in `ShowClusterDetail`'s answer",
        ),
        (
            "css",
            "{path: /actions, present: true,",
            "{path: /actions, present: false,",
            "exactly one of `present: true` and `one-of",
        ),
        // Every non-idempotent operation is followed, or says why not.
        (
            "dcs",
            "      operationId: ChangeMasterStandby\n      x-idempotent: false\n      x-clouds: [huawei, otc]\n      x-waiter:",
            "      operationId: ChangeMasterStandby\n      x-idempotent: false\n      x-clouds: [huawei, otc]\n      x-unfollowed:",
            "declares no `x-waiter`",
        ),
        (
            "dcs",
            "      operationId: ChangeMasterStandby\n      x-idempotent: false\n",
            "      operationId: ChangeMasterStandby\n      x-idempotent: false\n      x-no-waiter: ''\n",
            "says, in words, why",
        ),
    ];
    for (spec, from, to, expected) in cases {
        let found = waiter_findings(spec, from, to);
        assert!(
            found.iter().any(|m| m.contains(expected)),
            "{spec}: `{from}` -> `{to}`: expected `{expected}` in {found:#?}"
        );
    }
}

#[test]
fn drill() {
    let findings: Vec<(usize, String)> = lint_fixture("drill")
        .into_iter()
        .filter(|f| f.rule == Rule::Drill)
        .map(|f| (f.line, f.message))
        .collect();
    let expected = [
        (222, "`/id` is not in the answer's schema"),
        (222, "`SwitchVip` has no argument `--instance`"),
        (227, "`ShowJob` is not an operation of this spec"),
        (230, "`/state` is not in the answer's schema"),
        (
            230,
            "`{jobs}` (in `{jobs}`) is neither a resource nor recorded",
        ),
    ];
    assert_eq!(findings.len(), expected.len(), "{findings:#?}");
    for (line, message) in expected {
        assert!(
            findings
                .iter()
                .any(|(l, m)| *l == line && m.contains(message)),
            "line {line}: `{message}` not in {findings:#?}"
        );
    }
}

/// The `drill` findings of a spec of the workspace with `from` replaced by `to` in its `x-drill`.
fn drill_findings(spec: &str, from: &str, to: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../specs/{spec}.yaml"));
    let src = std::fs::read_to_string(&path).unwrap();
    let at = src.find("\nx-drill:\n").expect("the spec has an x-drill");
    let (head, drill) = src.split_at(at);
    assert!(drill.contains(from), "{spec}: no `{from}` in its x-drill");
    lint::lint_source(spec, &format!("{head}{}", drill.replacen(from, to, 1)))
        .into_iter()
        .filter(|f| f.rule == Rule::Drill)
        .map(|f| f.message)
        .collect()
}

#[test]
fn drills_agree_with_their_specs() {
    for spec in ["dcs", "drs", "css"] {
        assert_eq!(
            drill_findings(spec, "x-drill", "x-drill"),
            Vec::<String>::new()
        );
    }
    let cases = [
        (
            "dcs",
            "{at: /cache_mode, equals: ha}",
            "{at: /cache_mod, equals: ha}",
            "`/cache_mod` is not in the answer's schema",
        ),
        (
            "dcs",
            "args: [--job-id, '{job}']",
            "args: [--job-id, '{job_id}']",
            "`{job_id}` (in `{job_id}`) is neither a resource nor recorded",
        ),
        (
            "dcs",
            "where: [{at: /replication_role, equals: master}]",
            "where: [{at: /role, equals: master}]",
            "`/role` is not in the answer's schema",
        ),
        (
            "dcs",
            "expect: no-outcome",
            "expect: refused",
            "`expect` is one of",
        ),
        (
            "drs",
            "page_req: {cur_page: 1, per_page: 0}",
            "page: 1",
            "`page` is not a field of `BatchListJobDetails`'s request body",
        ),
        (
            "drs",
            "follow: wait",
            "follow: watch",
            "`SwitchVip`'s waiter is followed with `--wait`",
        ),
        (
            "css",
            "operation: ShowClusterDetail",
            "operation: ShowCluster",
            "`ShowCluster` is not an operation of this spec",
        ),
        (
            "css",
            "--inst-type, ess",
            "--instance-type, ess",
            "has no argument `--instance-type`",
        ),
        (
            "css",
            "{at: /azCode, equals: '{az_target}'}",
            "{at: /azCode, equals: '{az_targets}'}",
            "`{az_targets}`",
        ),
        (
            "css",
            "      sim: /availability_zones\n",
            "",
            "resource `azs` has neither a `help` (a flag) nor a `sim`",
        ),
    ];
    for (spec, from, to, expected) in cases {
        let found = drill_findings(spec, from, to);
        assert!(
            found.iter().any(|m| m.contains(expected)),
            "{spec}: `{from}` -> `{to}`: expected `{expected}` in {found:#?}"
        );
    }
}

#[test]
fn a_start_without_look_is_reported() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/drs.yaml");
    let src = std::fs::read_to_string(&path).unwrap();
    let start = src.find("        look:\n").expect("a look");
    let end = start + src[start..].find("      tags:").expect("the next key");
    let without = format!("{}{}", &src[..start], &src[end..]);
    let found: Vec<String> = lint::lint_source("drs", &without)
        .into_iter()
        .filter(|f| f.rule == Rule::Waiter)
        .map(|f| f.message)
        .collect();
    assert!(
        found.iter().any(|m| m.starts_with("no `look`")),
        "{found:#?}"
    );
}
