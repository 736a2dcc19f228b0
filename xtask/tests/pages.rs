//! `cargo xtask pages`: one invented operation (`RestoreInstance`) written as a page in each of
//! the three forms (tests/fixtures/pages/restore-instance.{zh.txt,en.txt,rst}, with nested
//! tables, value lists, four status codes and examples) and the spec it describes
//! (tests/fixtures/pages/spec.yaml). Each page parses into the same operation (snapshots),
//! checks clean, and each kind of change to a page or to the spec is reported with its rule id.
//! Nothing here reads ../shared.

use std::path::{Path, PathBuf};

use serde_json::Value;
use xtask::pages::{self, PageReport, Rule, SpecDoc};

const FORMS: [&str; 3] = [
    "restore-instance.zh.txt",
    "restore-instance.en.txt",
    "restore-instance.rst",
];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages")
}

fn read(name: &str) -> String {
    let path = fixtures().join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn parse(name: &str, text: &str) -> pages::Page {
    pages::parse(text, name).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn spec_from(text: &str) -> SpecDoc {
    SpecDoc::load("spec.yaml", text).unwrap()
}

fn check_with(name: &str, page_text: &str, spec_text: &str) -> PageReport {
    pages::check_page(name, &parse(name, page_text), &[spec_from(spec_text)])
}

fn check(name: &str, page_text: &str) -> PageReport {
    check_with(name, page_text, &read("spec.yaml"))
}

fn rules(report: &PageReport) -> Vec<&'static str> {
    report.findings.iter().map(|f| f.rule.id()).collect()
}

/// `text` with `from` (which must occur exactly once) replaced by `to`.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert_eq!(
        text.matches(from).count(),
        1,
        "`{from}` should occur once in the fixture"
    );
    text.replacen(from, to, 1)
}

// Parsing.

#[test]
fn each_form_parses_into_the_expected_operation() {
    for (name, snapshot) in FORMS
        .iter()
        .zip(["parsed_zh_text", "parsed_en_text", "parsed_rst"])
    {
        let page = parse(name, &read(name));
        insta::assert_json_snapshot!(snapshot, page.to_json());
    }
}

/// The facts without what differs by form: lines, prose, language, the SDK's name.
fn facts(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| {
                    !matches!(
                        k.as_str(),
                        "line"
                            | "description"
                            | "function"
                            | "title"
                            | "form"
                            | "language"
                            | "operation_id"
                    )
                })
                .map(|(k, v)| (k.clone(), facts(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(facts).collect()),
        other => other.clone(),
    }
}

#[test]
fn the_three_forms_say_the_same() {
    let parsed: Vec<Value> = FORMS
        .iter()
        .map(|name| facts(&parse(name, &read(name)).to_json()))
        .collect();
    assert_eq!(parsed[0], parsed[1], "zh text vs en text");
    assert_eq!(parsed[1], parsed[2], "en text vs rst");

    let page = parse(FORMS[2], &read(FORMS[2]));
    assert_eq!(page.operation_id.as_deref(), Some("RestoreInstance"));
    let zh = parse(FORMS[0], &read(FORMS[0]));
    assert_eq!(zh.language, pages::model::Language::Chinese);
    assert_eq!(zh.operation_id.as_deref(), Some("RestoreInstance"));
    assert_eq!(zh.form, pages::model::Form::PipeText);
    let en = parse(FORMS[1], &read(FORMS[1]));
    assert_eq!(en.form, pages::model::Form::CellText);
    assert_eq!(en.operation_id, None);

    let statuses: Vec<&str> = page.responses.iter().map(|r| r.status.as_str()).collect();
    assert_eq!(statuses, ["202", "400", "404", "500"]);
    let body = page.request.as_ref().unwrap();
    let targets = body.fields.iter().find(|f| f.name == "targets").unwrap();
    let nested: Vec<&str> = targets
        .fields
        .as_ref()
        .unwrap()
        .iter()
        .map(|f| f.name.as_str())
        .collect();
    assert_eq!(nested, ["node_id", "weight"]);
    assert_eq!(
        body.fields
            .iter()
            .find(|f| f.name == "mode")
            .unwrap()
            .values,
        ["FULL", "PARTIAL"]
    );
    let language = page.params.iter().find(|p| p.name == "X-Language").unwrap();
    assert_eq!(language.values, ["en-us", "zh-cn"]);
    assert!(!language.mandatory);
    let accepted = page.response("202").unwrap();
    assert_eq!(accepted.examples.len(), 1);
    assert_eq!(accepted.examples[0].value["steps"][0]["done"], true);
    let steps = accepted
        .body
        .as_ref()
        .unwrap()
        .fields
        .iter()
        .find(|f| f.name == "steps")
        .unwrap();
    assert_eq!(steps.fields.as_ref().unwrap().len(), 2);
}

#[test]
fn a_page_without_method_and_path_is_an_error() {
    let error = pages::parse("Some notes\n\nNothing here.\n", "notes.txt").unwrap_err();
    assert!(error.contains("not an API reference page"), "{error}");
}

// Checking.

#[test]
fn each_form_checks_clean_with_the_specs_divergence_accepted() {
    for name in FORMS {
        let report = check(name, &read(name));
        assert_eq!(report.findings, [], "{name}");
        assert_eq!(report.operation.as_deref(), Some("RestoreInstance"));
        assert_eq!(report.accepted.len(), 1, "{name}: {:?}", report.accepted);
        let accepted = &report.accepted[0];
        assert_eq!(accepted.rule, Rule::FieldExtra);
        assert!(accepted.message.contains("`progress`"), "{accepted:?}");
        assert!(accepted.reason.contains("SDK models"), "{accepted:?}");
    }
}

/// One change to a page: what it is, the text replaced, and the finding it must give.
struct Mutation {
    what: &'static str,
    from: &'static str,
    to: &'static str,
    rule: Rule,
    names: &'static str,
}

fn mutations(form: &str) -> Vec<Mutation> {
    use Rule::*;
    let m = |what, from, to, rule, names| Mutation {
        what,
        from,
        to,
        rule,
        names,
    };
    match form {
        "restore-instance.zh.txt" => vec![
            m(
                "remove a row",
                "weight |\n否 |\nInteger |\n节点的恢复顺序,大的先恢复。 |\n",
                "",
                FieldExtra,
                "`targets[].weight`",
            ),
            m(
                "flip mandatory",
                "backup_id |\n是 |",
                "backup_id |\n否 |",
                Mandatory,
                "`backup_id` is optional on the page",
            ),
            m(
                "change a type",
                "created_at |\nLong |",
                "created_at |\nInteger |",
                Type,
                "`created_at` is `Integer` on the page but integer (int64)",
            ),
            m(
                "add an enum value",
                "- RUNNING：恢复中。 |",
                "- RUNNING：恢复中。\n- CANCELLED：已取消。 |",
                Enum,
                "only on the page: `CANCELLED`",
            ),
            m(
                "change an example",
                "\"job_id\" : \"7d0e-restore\"",
                "\"job_id\" : \"7d0e-other\"",
                Example,
                "at `/job_id`",
            ),
            m(
                "remove a status code",
                "404 |\n实例或备份不存在。 |\n",
                "",
                StatusExtra,
                "status 404",
            ),
        ],
        "restore-instance.en.txt" => vec![
            m(
                "remove a row",
                "weight\n\nNo\n\nInteger\n\nOrder of the node; higher first.\n\n",
                "",
                FieldExtra,
                "`targets[].weight`",
            ),
            m(
                "flip mandatory",
                "backup_id\n\nYes",
                "backup_id\n\nNo",
                Mandatory,
                "`backup_id` is optional on the page",
            ),
            m(
                "change a type",
                "created_at\n\nLong",
                "created_at\n\nInteger",
                Type,
                "`created_at` is `Integer` on the page but integer (int64)",
            ),
            m(
                "add an enum value",
                "  • RUNNING: restoring.",
                "  • RUNNING: restoring.\n  • CANCELLED: stopped.",
                Enum,
                "only on the page: `CANCELLED`",
            ),
            m(
                "change an example",
                "\"job_id\" : \"7d0e-restore\"",
                "\"job_id\" : \"7d0e-other\"",
                Example,
                "at `/job_id`",
            ),
            m(
                "remove a status code",
                "404\n\nThe instance or the backup does not exist.\n\n",
                "",
                StatusExtra,
                "status 404",
            ),
        ],
        _ => vec![
            m(
                "remove a row",
                "   | weight    | No        | Integer | Order of the node; higher first. |\n   +-----------+-----------+---------+----------------------------------+\n",
                "",
                FieldExtra,
                "`targets[].weight`",
            ),
            m(
                "flip mandatory",
                "| backup_id | Yes ",
                "| backup_id | No  ",
                Mandatory,
                "`backup_id` is optional on the page",
            ),
            m(
                "change a type",
                "| created_at | Long    ",
                "| created_at | Integer ",
                Type,
                "`created_at` is `Integer` on the page but integer (int64)",
            ),
            m(
                "add an enum value",
                "| -  **RUNNING**: restoring.                            |\n",
                "| -  **RUNNING**: restoring.                            |\n   |            |                                                             | -  **CANCELLED**: stopped.                            |\n",
                Enum,
                "only on the page: `CANCELLED`",
            ),
            m(
                "change an example",
                "\"job_id\" : \"7d0e-restore\"",
                "\"job_id\" : \"7d0e-other\"",
                Example,
                "at `/job_id`",
            ),
            m(
                "remove a status code",
                "404         The instance or the backup does not exist.\n",
                "",
                StatusExtra,
                "status 404",
            ),
        ],
    }
}

#[test]
fn each_change_to_a_page_is_reported_with_its_rule() {
    for form in FORMS {
        let original = read(form);
        let cases = mutations(form);
        assert_eq!(cases.len(), 6);
        for case in cases {
            let mutated = edit(&original, case.from, case.to);
            let report = check(form, &mutated);
            assert_eq!(
                rules(&report),
                [case.rule.id()],
                "{form}: {}: {:#?}",
                case.what,
                report.findings
            );
            let finding = &report.findings[0];
            assert!(
                finding.message.contains(case.names),
                "{form}: {}: {}",
                case.what,
                finding.message
            );
            assert!(finding.spec.is_some(), "{form}: {}", case.what);
        }
    }
}

#[test]
fn a_finding_points_at_the_page_line_and_the_spec_line() {
    let text = read(FORMS[1]);
    let mutated = edit(&text, "created_at\n\nLong", "created_at\n\nInteger");
    let report = check(FORMS[1], &mutated);
    let finding = &report.findings[0];
    let page_line = text
        .lines()
        .position(|l| l == "created_at")
        .map(|i| i + 1)
        .unwrap();
    assert_eq!(finding.page_line, page_line);
    let spec = finding.spec.as_ref().unwrap();
    let spec_text = read("spec.yaml");
    assert_eq!(
        spec_text.lines().nth(spec.line - 1).map(str::trim),
        Some("created_at:")
    );
}

#[test]
fn an_example_that_is_not_json_is_unreadable() {
    let text = edit(
        &read(FORMS[2]),
        "\"error_msg\" : \"Invalid backup_id.\"",
        "\"error_msg\" : \"Invalid backup_id.\",",
    );
    assert_eq!(rules(&check(FORMS[2], &text)), ["pages-unreadable"]);
}

// Changing the spec.

#[test]
fn each_change_to_the_spec_is_reported() {
    let spec = read("spec.yaml");
    let cases = [
        (
            "a parameter made mandatory",
            "          required: false\n          description: Only check",
            "          required: true\n          description: Only check",
            "pages-mandatory",
            "query parameter `dry_run` is optional on the page but required in the spec",
        ),
        (
            "a response field removed",
            "        done:\n          type: boolean\n          description: Whether the step is done.\n",
            "",
            "pages-field-missing",
            "response 202 field `steps[].done` (Boolean) is on the page but not in the spec (`RestoreStep`)",
        ),
        (
            "a status removed",
            "        \"404\":\n          $ref: \"#/components/responses/NotFound\"\n",
            "",
            "pages-status-missing",
            "status 404 is on the page but not in RestoreInstance",
        ),
        (
            "a parameter removed",
            "        - name: dry_run\n          in: query\n          required: false\n          description: Only check whether the restore could run.\n          schema:\n            type: boolean\n",
            "",
            "pages-param-missing",
            "query parameter `dry_run` (Boolean, optional) is on the page",
        ),
        (
            "an enum value removed",
            "enum: [en-us, zh-cn]",
            "enum: [en-us]",
            "pages-enum",
            "only on the page: `zh-cn`",
        ),
        (
            "an example changed",
            "error_code: BKP.0400",
            "error_code: BKP.0401",
            "pages-example",
            "at `/error_code`",
        ),
        (
            "the divergence removed",
            "          x-page-divergence:\n            rule: pages-field-extra\n            reason: The SDK models `progress`; the pages do not list it.\n",
            "",
            "pages-field-extra",
            "response 202 field `progress` is in the spec",
        ),
    ];
    for (what, from, to, rule, message) in cases {
        let changed = edit(&spec, from, to);
        for form in FORMS {
            let report = check_with(form, &read(form), &changed);
            assert_eq!(
                rules(&report),
                [rule],
                "{form}: {what}: {:#?}",
                report.findings
            );
            assert!(
                report.findings[0].message.contains(message),
                "{form}: {what}: {}",
                report.findings[0].message
            );
        }
    }
}

#[test]
fn a_divergence_the_page_no_longer_needs_is_stale() {
    // The page now lists `progress`: the divergence beside it accepts nothing.
    let page = edit(
        &read(FORMS[1]),
        "Table 7 RestoreStep",
        "progress\n\nInteger\n\nPercentage done.\n\nTable 7 RestoreStep",
    );
    let report = check(FORMS[1], &page);
    assert_eq!(rules(&report), ["pages-divergence-stale"], "{report:#?}");
    assert!(report.findings[0].message.contains("pages-field-extra"));
    assert!(report.accepted.is_empty());
    let spec_line = report.findings[0].spec.as_ref().unwrap().line;
    assert_eq!(
        read("spec.yaml").lines().nth(spec_line - 1).map(str::trim),
        Some("x-page-divergence:")
    );
}

fn with_divergence_condition(condition: &str) -> String {
    edit(
        &read("spec.yaml"),
        "            rule: pages-field-extra\n",
        &format!("            rule: pages-field-extra\n            when: {condition}\n"),
    )
}

#[test]
fn a_divergence_concerns_the_pages_its_condition_selects() {
    // Only Chinese pages: the English ones report `progress`, and the divergence is not stale
    // for them.
    let spec = with_divergence_condition("{ language: zh }");
    let expected: [&[&str]; 3] = [&[], &["pages-field-extra"], &["pages-field-extra"]];
    for (form, expected) in FORMS.iter().zip(expected) {
        assert_eq!(
            rules(&check_with(form, &read(form), &spec)),
            expected,
            "{form}"
        );
    }
    // Pages that list `dry_run` (all of them) / that still call something `start` (none).
    let spec = with_divergence_condition("{ page-lists: dry_run }");
    assert_eq!(
        rules(&check_with(FORMS[2], &read(FORMS[2]), &spec)),
        [""; 0]
    );
    let spec = with_divergence_condition("{ page-lists: start }");
    assert_eq!(
        rules(&check_with(FORMS[2], &read(FORMS[2]), &spec)),
        ["pages-field-extra"]
    );
    // A page that lists `progress` and a condition that selects it: stale; one it does not
    // select: nothing.
    let page = edit(
        &read(FORMS[1]),
        "Table 7 RestoreStep",
        "progress\n\nInteger\n\nPercentage done.\n\nTable 7 RestoreStep",
    );
    let spec = with_divergence_condition("{ page-omits: dry_run }");
    assert_eq!(rules(&check_with(FORMS[1], &page, &spec)), [""; 0]);
    let spec = with_divergence_condition("{ page-lists: backup_id, language: en }");
    assert_eq!(
        rules(&check_with(FORMS[1], &page, &spec)),
        ["pages-divergence-stale"]
    );
}

#[test]
fn a_divergence_accepts_exactly_what_it_names() {
    let page = edit(
        &read(FORMS[1]),
        "  • RUNNING: restoring.",
        "  • RUNNING: restoring.\n  • CANCELLED: stopped.",
    );
    let divergence = |values: &str| {
        edit(
            &read("spec.yaml"),
            "      x-extensible-enum: [PENDING, RUNNING]\n",
            &format!(
                "      x-extensible-enum: [PENDING, RUNNING]\n      x-page-divergence:\n        rule: pages-enum\n        values: {values}\n        reason: The page lists a state the service never sends.\n"
            ),
        )
    };
    let report = check_with(FORMS[1], &page, &divergence("[CANCELLED]"));
    assert_eq!(rules(&report), [""; 0]);
    assert_eq!(report.accepted.len(), 2);
    // Other values: the difference is reported, and the divergence accepted nothing.
    let report = check_with(FORMS[1], &page, &divergence("[ABORTED]"));
    assert_eq!(rules(&report), ["pages-enum", "pages-divergence-stale"]);

    // A status the page lists that the spec leaves out, named on the operation.
    let page = edit(
        &read(FORMS[1]),
        "500\n\nInternal service error.",
        "500\n\nInternal service error.\n\n409\n\nA restore is running.",
    );
    assert_eq!(rules(&check(FORMS[1], &page)), ["pages-status-missing"]);
    let spec = edit(
        &read("spec.yaml"),
        "      x-idempotent: false\n",
        "      x-idempotent: false\n      x-page-divergence:\n        rule: pages-status-missing\n        status: 409\n        reason: The service answers 400 instead.\n",
    );
    let report = check_with(FORMS[1], &page, &spec);
    assert_eq!(rules(&report), [""; 0]);
    assert_eq!(report.accepted.len(), 2);
    // Without the 409 on the page, that divergence is stale.
    assert_eq!(
        rules(&check_with(FORMS[1], &read(FORMS[1]), &spec)),
        ["pages-divergence-stale"]
    );
}

#[test]
fn a_malformed_divergence_is_reported() {
    let spec = edit(
        &read("spec.yaml"),
        "            reason: The SDK models `progress`; the pages do not list it.\n",
        "",
    );
    let report = check_with(FORMS[2], &read(FORMS[2]), &spec);
    // The invalid entry is reported at the page's `METHOD /path` line, so first.
    assert_eq!(
        rules(&report),
        ["pages-divergence-invalid", "pages-field-extra"]
    );
    assert!(report.findings[0].message.contains("needs a `reason`"));
}

#[test]
fn a_page_for_no_operation_is_reported() {
    let spec = read("spec.yaml").replace("/restores:", "/restorations:");
    let report = check_with(FORMS[0], &read(FORMS[0]), &spec);
    assert_eq!(rules(&report), ["pages-operation-missing"]);
    assert_eq!(report.operation, None);
}

// The command line.

fn scratch(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xtask-pages-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn run(args: &[&str]) -> pages::Outcome {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    pages::run(&xtask::workspace_root(), &args)
}

fn fixture_arg(name: &str) -> String {
    fixtures().join(name).display().to_string()
}

#[test]
fn cli_check_clean_pages_exit_0() {
    let spec = fixture_arg("spec.yaml");
    let pages: Vec<String> = FORMS.iter().map(|f| fixture_arg(f)).collect();
    let mut args = vec!["check", "--spec", &spec];
    args.extend(pages.iter().map(String::as_str));
    let outcome = run(&args);
    assert_eq!(outcome.code, 0, "{outcome:?}");
    assert_eq!(outcome.stdout, "");
    assert_eq!(
        outcome.stderr,
        "pages: 3 pages agree with the specs (3 divergences accepted)\n"
    );
}

#[test]
fn cli_check_prints_page_line_rule_message_and_spec_line() {
    let text = edit(
        &read(FORMS[1]),
        "created_at\n\nLong",
        "created_at\n\nInteger",
    );
    let page = scratch("changed.en.txt", &text);
    let page = page.display().to_string();
    let spec = fixture_arg("spec.yaml");
    let outcome = run(&["check", "--spec", &spec, &page]);
    assert_eq!(outcome.code, 1, "{outcome:?}");
    let spec_line = read("spec.yaml")
        .lines()
        .position(|l| l.trim() == "created_at:")
        .unwrap()
        + 1;
    let page_line = text.lines().position(|l| l == "created_at").unwrap() + 1;
    assert_eq!(
        outcome.stdout,
        format!(
            "{page}:{page_line}: pages-type: response 202 field `created_at` is `Integer` on the page but integer (int64) in the spec ({spec}:{spec_line})\n"
        )
    );
    assert_eq!(
        outcome.stderr,
        "pages: 1 finding in 1 of 1 page (1 divergence accepted)\n"
    );

    let outcome = run(&["check", "--spec", &spec, "--format", "json", &page]);
    assert_eq!(outcome.code, 1);
    let json: Value = serde_json::from_str(&outcome.stdout).unwrap();
    assert_eq!(json["summary"]["findings"], 1);
    assert_eq!(json["summary"]["accepted"], 1);
    let report = &json["pages"][0];
    assert_eq!(report["operation"], "RestoreInstance");
    assert_eq!(report["findings"][0]["rule"], "pages-type");
    assert_eq!(report["findings"][0]["page_line"], page_line);
    assert_eq!(report["findings"][0]["spec_line"], spec_line);
    assert_eq!(report["accepted"][0]["rule"], "pages-field-extra");
    assert!(
        report["accepted"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("SDK models")
    );

    let outcome = run(&["check", "--spec", &spec, "--format=markdown", &page]);
    assert_eq!(outcome.code, 1);
    assert!(
        outcome.stdout.starts_with("**1 finding** in 1 page"),
        "{}",
        outcome.stdout
    );
    assert!(outcome.stdout.contains(&format!(
        "| `pages-type` | line {page_line} | `{spec}:{spec_line}` |"
    )));
    assert!(outcome.stdout.contains("| `pages-field-extra` |"));
}

#[test]
fn cli_usage_and_read_errors_exit_2() {
    let spec = fixture_arg("spec.yaml");
    let page = fixture_arg(FORMS[2]);
    for (args, says) in [
        (vec!["check"], "needs at least one PAGE"),
        (
            vec!["check", "--format", "xml", &page],
            "unknown format `xml`",
        ),
        (vec!["check", "--frobnicate", &page], "unknown option"),
        (
            vec!["check", "--spec", &spec, "no/such/page.txt"],
            "cannot read",
        ),
        (
            vec!["check", "--spec", "no/such/spec.yaml", &page],
            "cannot read",
        ),
        (vec!["draft"], "takes one PAGE"),
        (vec!["publish"], "unknown `pages` command"),
        (vec![], "needs a command"),
    ] {
        let outcome = run(&args);
        assert_eq!(outcome.code, 2, "{args:?}: {outcome:?}");
        assert!(
            outcome.stderr.contains(says),
            "{args:?}: {}",
            outcome.stderr
        );
    }
    let notes = scratch("notes.txt", "Some notes\nNothing here.\n");
    let outcome = run(&["check", "--spec", &spec, &notes.display().to_string()]);
    assert_eq!(outcome.code, 2);
    assert!(outcome.stderr.contains("not an API reference page"));
    assert_eq!(run(&["--help"]).code, 0);
}

#[test]
fn cli_check_reads_the_workspace_specs_by_default() {
    // The fixture operation is in no spec of the workspace.
    let outcome = run(&["check", &fixture_arg(FORMS[2])]);
    assert_eq!(outcome.code, 1, "{outcome:?}");
    assert!(
        outcome.stdout.contains("pages-operation-missing")
            && outcome.stdout.contains("specs/dcs.yaml"),
        "{}",
        outcome.stdout
    );
}

// Drafting.

fn draft(name: &str) -> String {
    let outcome = run(&["draft", &fixture_arg(name)]);
    assert_eq!(outcome.code, 0, "{outcome:?}");
    outcome.stdout
}

fn written(draft: &str) -> String {
    draft.replace(pages::draft::TODO, "Written by a person.")
}

#[test]
fn a_draft_passes_lint_once_its_todos_are_written() {
    for name in FORMS {
        let text = written(&draft(name));
        let findings = xtask::lint::lint_source("draft.yaml", &text);
        assert_eq!(findings, [], "{name}:\n{text}");
    }
}

#[test]
fn a_draft_marks_what_the_page_does_not_say() {
    // Tags and the document's title are never on a page: a person writes them.
    for name in FORMS {
        let text = draft(name);
        assert!(text.contains("tags:\n        - TODO"), "{name}");
        assert!(text.contains("title: TODO"), "{name}");
    }
}

fn cjk(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c as u32, 0x4E00..=0x9FFF | 0x3000..=0x303F | 0xFF00..=0xFFEF))
}

fn strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|i| strings(i, out)),
        Value::Object(map) => map.iter().for_each(|(k, v)| {
            out.push(k.clone());
            strings(v, out);
        }),
        _ => {}
    }
}

#[test]
fn a_chinese_page_leaves_its_descriptions_as_todo_never_translated() {
    let text = draft(FORMS[0]);
    let document = xtask::lint::yaml::load(&text).unwrap().value;
    let mut values = Vec::new();
    strings(&document, &mut values);
    assert!(
        !values.iter().any(|v| cjk(v)),
        "Chinese text in a value of the draft"
    );
    let op = &document["paths"]["/v2/{project_id}/instances/{instance_id}/restores"]["post"];
    assert_eq!(op["summary"], "TODO");
    assert_eq!(op["description"], "TODO");
    assert_eq!(op["operationId"], "RestoreInstance");
    assert_eq!(op["parameters"][0]["description"], "TODO");
    // The page's text is beside each marker, in a comment, for the person writing it.
    assert!(
        text.contains("summary: TODO  # page: 从备份恢复实例"),
        "{text}"
    );
    for line in text.lines().filter(|l| cjk(l)) {
        let comment = line.find('#').unwrap_or(line.len());
        assert!(!cjk(&line[..comment]), "Chinese outside a comment: {line}");
    }
}

#[test]
fn an_english_draft_keeps_the_pages_descriptions() {
    let text = draft(FORMS[2]);
    let document = xtask::lint::yaml::load(&text).unwrap().value;
    let op = &document["paths"]["/v2/{project_id}/instances/{instance_id}/restores"]["post"];
    assert_eq!(op["summary"], "Restoring an Instance from a Backup");
    assert_eq!(op["x-idempotent"], false);
    let schemas = &document["components"]["schemas"];
    let body = &schemas["RestoreInstanceRequestBody"];
    assert_eq!(body["required"], serde_json::json!(["backup_id", "mode"]));
    assert_eq!(
        body["properties"]["mode"]["enum"],
        serde_json::json!(["FULL", "PARTIAL"])
    );
    assert_eq!(
        body["properties"]["backup_id"]["description"],
        "ID of the backup."
    );
    assert_eq!(
        schemas["RestoreInstanceResponseStatus"]["x-extensible-enum"],
        serde_json::json!(["PENDING", "RUNNING"])
    );
    assert_eq!(
        schemas["RestoreInstanceResponse"]["properties"]["created_at"]["format"],
        "int64"
    );
    assert_eq!(
        schemas["RestoreTarget"]["properties"]["weight"]["format"],
        "int32"
    );
    assert_eq!(
        op["responses"]["404"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/ErrorResponse"
    );
    // The English text page has no SDK name: one is made in the SDK's style, marked TODO.
    let text = draft(FORMS[1]);
    assert!(
        text.contains("operationId: CreateRestores  # TODO: the official SDK's name"),
        "{text}"
    );
}

#[test]
fn a_page_checks_clean_against_its_own_draft() {
    for name in FORMS {
        let spec = SpecDoc::load("draft.yaml", &written(&draft(name))).unwrap();
        let report = pages::check_page(name, &parse(name, &read(name)), &[spec]);
        assert_eq!(report.findings, [], "{name}");
        assert_eq!(report.accepted, [], "{name}");
    }
}
