//! `cargo xtask diff`: one fixture pair per kind of change (tests/fixtures/diff/<id>/, one for
//! every id of the registry `ChangeId`), each classified exactly; Markdown and JSON snapshots of a multi-change report; and the git
//! plumbing end to end in a scratch repository.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use xtask::diff::{self, ChangeId, Kind, Report, Revisions};

fn fixture_dir(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/diff")
        .join(case)
}

fn load(path: &Path) -> Option<Value> {
    let text = std::fs::read_to_string(path).ok()?;
    Some(
        xtask::openapi::yaml::load(&text)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .value,
    )
}

fn changes(case: &str) -> Vec<diff::Change> {
    let dir = fixture_dir(case);
    assert!(dir.is_dir(), "no fixture {}", dir.display());
    let base = load(&dir.join("base.yaml"));
    let head = load(&dir.join("head.yaml"));
    diff::diff_specs(base.as_ref(), head.as_ref())
}

/// (kind, id) of every change.
fn classified(case: &str) -> Vec<(Kind, String)> {
    changes(case)
        .into_iter()
        .map(|c| (c.kind, c.id.as_str().to_string()))
        .collect()
}

fn one(kind: Kind, id: &str) -> Vec<(Kind, String)> {
    vec![(kind, id.to_string())]
}

use Kind::{Breaking, NonBreaking, WorthALook};

// Breaking.

#[test]
fn operation_removed() {
    assert_eq!(
        classified("operation-removed"),
        one(Breaking, "operation-removed")
    );
    let change = &changes("operation-removed")[0];
    assert_eq!(change.operation.as_deref(), Some("DeleteJob"));
    assert_eq!(change.method.as_deref(), Some("DELETE"));
}

#[test]
fn path_removed() {
    assert_eq!(classified("path-removed"), one(Breaking, "path-removed"));
}

#[test]
fn method_or_path_changed() {
    assert_eq!(
        classified("operation-moved"),
        one(Breaking, "operation-moved")
    );
    assert!(
        changes("operation-moved")[0]
            .change
            .contains("`POST /v2/{project_id}/instances/{instance_id}/swap` → `PUT")
    );
}

#[test]
fn operation_id_changed() {
    assert_eq!(
        classified("operation-id-changed"),
        one(Breaking, "operation-id-changed")
    );
}

#[test]
fn parameter_added_as_required() {
    assert_eq!(
        classified("parameter-added-required"),
        one(Breaking, "parameter-added-required")
    );
}

#[test]
fn parameter_made_required() {
    assert_eq!(
        classified("parameter-made-required"),
        one(Breaking, "parameter-made-required")
    );
}

#[test]
fn parameter_type_changed() {
    assert_eq!(
        classified("parameter-type-changed"),
        one(Breaking, "parameter-type-changed")
    );
}

#[test]
fn request_field_type_changed() {
    assert_eq!(
        classified("request-field-type-changed"),
        one(Breaking, "request-field-type-changed")
    );
    assert_eq!(
        changes("request-field-type-changed")[0].field.as_deref(),
        Some("delay")
    );
}

#[test]
fn request_field_added_as_required() {
    assert_eq!(
        classified("request-field-added-required"),
        one(Breaking, "request-field-added-required")
    );
}

#[test]
fn request_enum_value_removed() {
    assert_eq!(
        classified("request-enum-value-removed"),
        one(Breaking, "request-enum-value-removed")
    );
}

#[test]
fn response_field_removed() {
    assert_eq!(
        classified("response-field-removed"),
        one(Breaking, "response-field-removed")
    );
    let change = &changes("response-field-removed")[0];
    assert_eq!(change.operation.as_deref(), Some("ShowJobInfo"));
    assert_eq!(change.part.as_deref(), Some("response 200"));
    assert_eq!(change.field.as_deref(), Some("fail_reason"));
    assert_eq!(
        change.change,
        "field `fail_reason` of `ShowJobInfoResp` removed (was `string`)"
    );
}

#[test]
fn response_field_made_optional() {
    assert_eq!(
        classified("response-field-made-optional"),
        one(Breaking, "response-field-made-optional")
    );
}

#[test]
fn response_field_type_changed() {
    assert_eq!(
        classified("response-field-type-changed"),
        one(Breaking, "response-field-type-changed")
    );
}

#[test]
fn response_enum_closed() {
    assert_eq!(
        classified("response-enum-closed"),
        one(Breaking, "response-enum-closed")
    );
}

#[test]
fn success_status_changed() {
    assert_eq!(
        classified("success-status-changed"),
        one(Breaking, "success-status-changed")
    );
    assert_eq!(
        changes("success-status-changed")[0].change,
        "success status 200 → 202"
    );
}

#[test]
fn success_body_type_changed() {
    assert_eq!(
        classified("success-body-changed"),
        one(Breaking, "success-body-changed")
    );
    assert_eq!(
        changes("success-body-changed")[0].change,
        "body type `JobRef` → `SwapResp`"
    );
}

#[test]
fn error_schema_changed() {
    // Reported once, on the shared schema, not once per operation and status.
    assert_eq!(
        classified("error-schema-changed"),
        one(Breaking, "error-schema-changed")
    );
    let change = &changes("error-schema-changed")[0];
    assert_eq!(change.operation, None);
    assert_eq!(
        change.part.as_deref(),
        Some("components.schemas.ErrorResponse")
    );
}

#[test]
fn spec_removed() {
    let found = classified("spec-removed");
    assert_eq!(found[0], (Breaking, "spec-removed".to_string()));
    assert!(
        found[1..]
            .iter()
            .all(|c| *c == (Breaking, "path-removed".to_string())),
        "{found:?}"
    );
    assert_eq!(found.len(), 4);
}

// Non-breaking.

#[test]
fn operation_added() {
    assert_eq!(
        classified("operation-added"),
        one(NonBreaking, "operation-added")
    );
}

#[test]
fn optional_parameter_added() {
    assert_eq!(
        classified("parameter-added-optional"),
        one(NonBreaking, "parameter-added-optional")
    );
}

#[test]
fn response_field_added() {
    assert_eq!(
        classified("response-field-added"),
        one(NonBreaking, "response-field-added")
    );
}

#[test]
fn error_status_added() {
    assert_eq!(
        classified("error-status-added"),
        one(NonBreaking, "error-status-added")
    );
}

#[test]
fn description_changed() {
    assert_eq!(
        classified("description-changed"),
        one(NonBreaking, "description-changed")
    );
}

#[test]
fn example_changed() {
    assert_eq!(
        classified("example-changed"),
        one(NonBreaking, "example-changed")
    );
}

#[test]
fn request_enum_value_added() {
    assert_eq!(
        classified("request-enum-value-added"),
        one(NonBreaking, "request-enum-value-added")
    );
}

#[test]
fn spec_added() {
    let found = classified("spec-added");
    assert_eq!(found[0], (NonBreaking, "spec-added".to_string()));
    assert_eq!(found.len(), 4, "{found:?}");
}

#[test]
fn formatting_only_is_no_change() {
    assert_eq!(classified("unchanged"), vec![]);
}

// Worth a look.

#[test]
fn response_enum_value_added() {
    assert_eq!(
        classified("response-enum-value-added"),
        one(WorthALook, "response-enum-value-added")
    );
}

#[test]
fn extensible_enum_value_added() {
    assert_eq!(
        classified("extensible-enum-value-added"),
        one(WorthALook, "response-enum-value-added")
    );
    assert!(
        changes("extensible-enum-value-added")[0]
            .change
            .contains("`INIT` added")
    );
}

// Every change id: a fixture that produces it, and no fixture without an id.

/// Fixture directories that are not named after one change id.
const NOT_AN_ID: [(&str, &str); 3] = [
    (
        "multi",
        "several changes at once, with generated files: the report snapshots and the git tests",
    ),
    (
        "unchanged",
        "only formatting and key order differ: no change at all",
    ),
    (
        "extensible-enum-value-added",
        "`response-enum-value-added` again, through an `x-extensible-enum`",
    ),
];

/// The changes a fixture reports besides its own id: a spec added or removed brings its
/// operations along.
fn companions(id: ChangeId) -> &'static [ChangeId] {
    match id {
        ChangeId::SpecAdded => &[ChangeId::OperationAdded],
        ChangeId::SpecRemoved => &[ChangeId::PathRemoved],
        ChangeId::WaiterReadRemoved => &[ChangeId::ResponseEnumValueRemoved],
        _ => &[],
    }
}

/// The kind a fixture's first line states: `# Breaking: ...`, `# Worth a look: ...`,
/// `# Non-breaking: ...`.
fn stated_kind(id: ChangeId) -> Option<Kind> {
    let dir = fixture_dir(id.as_str());
    let text = std::fs::read_to_string(dir.join("head.yaml"))
        .or_else(|_| std::fs::read_to_string(dir.join("base.yaml")))
        .ok()?;
    let (stated, _) = text.lines().next()?.strip_prefix("# ")?.split_once(':')?;
    [Breaking, WorthALook, NonBreaking]
        .into_iter()
        .find(|kind| kind.id().eq_ignore_ascii_case(&stated.replace(' ', "-")))
}

#[test]
fn every_change_id_has_a_fixture_that_reports_it_alone() {
    let mut problems = Vec::new();
    for &id in ChangeId::ALL {
        if !fixture_dir(id.as_str()).is_dir() {
            problems.push(format!(
                "{id:?}: no fixture tests/fixtures/diff/{}/",
                id.as_str()
            ));
            continue;
        }
        let found = changes(id.as_str());
        if !found.iter().any(|c| c.id == id) {
            problems.push(format!("{id:?}: its fixture does not report it: {found:?}"));
        }
        for change in &found {
            if change.id != id && !companions(id).contains(&change.id) {
                problems.push(format!("{id:?}: its fixture also reports {change:?}"));
            }
            if change.kind != change.id.kind() {
                problems.push(format!("{id:?}: reported as {:?}", change.kind));
            }
        }
        if stated_kind(id) != Some(id.kind()) {
            problems.push(format!(
                "{id:?} is {:?}, its fixture's first line says {:?}",
                id.kind(),
                stated_kind(id)
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_fixture_is_named_after_a_change_id() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diff");
    let mut unknown = Vec::new();
    for entry in std::fs::read_dir(&root).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let registered = ChangeId::ALL.iter().any(|id| id.as_str() == name);
        if !registered && !NOT_AN_ID.iter().any(|(special, _)| *special == name) {
            unknown.push(name);
        }
    }
    assert!(unknown.is_empty(), "fixtures for no change id: {unknown:?}");
    for (special, _) in NOT_AN_ID {
        assert!(
            fixture_dir(special).is_dir(),
            "{special} is listed but gone"
        );
    }
}

// The report.

fn multi_report() -> Report {
    let dir = fixture_dir("multi");
    let base = load(&dir.join("base.yaml"));
    let head = load(&dir.join("head.yaml"));
    let base_rs = std::fs::read_to_string(dir.join("base.rs")).unwrap();
    let head_rs = std::fs::read_to_string(dir.join("head.rs")).unwrap();
    let spec = diff::spec_report(
        "dcs",
        Revisions {
            base_spec: base.as_ref(),
            head_spec: head.as_ref(),
            base_rust: Some(&base_rs),
            head_rust: Some(&head_rs),
        },
    );
    Report {
        base_ref: "main".to_string(),
        base_commit: "0123456789abcdef0123456789abcdef01234567".to_string(),
        specs: vec![spec],
    }
}

#[test]
fn multi_change_markdown() {
    let report = multi_report();
    assert!(
        report
            .summary_line()
            .starts_with("**1 breaking**, 2 worth a look,"),
        "{}",
        report.summary_line()
    );
    insta::assert_snapshot!("multi_markdown", report.markdown());
}

#[test]
fn multi_change_json() {
    insta::assert_json_snapshot!("multi_json", multi_report().json());
}

// The command, end to end, in a scratch git repository.

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=xtask test",
            "-c",
            "user.email=xtask@example.invalid",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        status.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

/// A repository whose first commit has the `multi` base spec and generated file as dcs, and
/// whose second commit has the `response-field-removed` change and the regenerated file.
fn scratch_repo(name: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("specs")).unwrap();
    std::fs::create_dir_all(root.join("crates/dcs/src")).unwrap();
    git(&root, &["init", "-q", "-b", "trunk"]);
    let multi = fixture_dir("multi");
    let removed = fixture_dir("response-field-removed");
    std::fs::copy(removed.join("base.yaml"), root.join("specs/dcs.yaml")).unwrap();
    std::fs::copy(
        multi.join("base.rs"),
        root.join("crates/dcs/src/generated.rs"),
    )
    .unwrap();
    git(&root, &["add", "."]);
    git(&root, &["commit", "-q", "-m", "base"]);
    std::fs::copy(removed.join("head.yaml"), root.join("specs/dcs.yaml")).unwrap();
    let generated = std::fs::read_to_string(multi.join("base.rs"))
        .unwrap()
        .replace(
            "        #[serde(skip_serializing_if = \"::std::option::Option::is_none\")]\n        pub fail_reason: ::std::option::Option<::std::string::String>,\n",
            "",
        );
    std::fs::write(root.join("crates/dcs/src/generated.rs"), generated).unwrap();
    git(&root, &["commit", "-q", "-am", "remove fail_reason"]);
    root
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn removed_response_field_fails_and_names_operation_field_and_rust_type() {
    let root = scratch_repo("diff-removed-field");
    let outcome = diff::run(&root, &args(&["--base", "HEAD~1"]));
    assert_eq!(outcome.code, 1, "{outcome:?}");
    let out = &outcome.stdout;
    assert!(
        out.starts_with("**1 breaking**, 0 worth a look, 0 non-breaking changes in 1 spec\n"),
        "{out}"
    );
    assert!(out.contains("| **breaking** | `ShowJobInfo` | `GET /v2/{project_id}/jobs/{job_id}` response 200 `fail_reason` | field `fail_reason` of `ShowJobInfoResp` removed (was `string`) |"), "{out}");
    assert!(
        out.contains("| removed | `ShowJobInfoResp.fail_reason` | `Option<String>` |"),
        "{out}"
    );
    assert!(outcome.stderr.contains("1 breaking change"), "{outcome:?}");

    let allowed = diff::run(&root, &args(&["--base", "HEAD~1", "--allow-breaking"]));
    assert_eq!(allowed.code, 0, "{allowed:?}");
    assert_eq!(allowed.stdout, outcome.stdout);
}

#[test]
fn json_format() {
    let root = scratch_repo("diff-json");
    let outcome = diff::run(&root, &args(&["--base=HEAD~1", "--format", "json"]));
    assert_eq!(outcome.code, 1, "{outcome:?}");
    let json: Value = serde_json::from_str(&outcome.stdout).expect("JSON");
    assert_eq!(json["summary"]["breaking"], 1);
    assert_eq!(json["base"]["ref"], "HEAD~1");
    let spec = &json["specs"][0];
    assert_eq!(spec["service"], "dcs");
    assert_eq!(spec["status"], "modified");
    assert_eq!(spec["changes"][0]["id"], "response-field-removed");
    assert_eq!(spec["changes"][0]["operation"], "ShowJobInfo");
    assert_eq!(
        spec["rust"]["changes"][0]["item"],
        "ShowJobInfoResp.fail_reason"
    );
}

#[test]
fn working_tree_changes_count_and_default_base_falls_back_to_head() {
    let root = scratch_repo("diff-worktree");
    // No `main` branch here: the base falls back to HEAD, which equals the working tree.
    let outcome = diff::run(&root, &[]);
    assert_eq!(outcome.code, 0, "{outcome:?}");
    assert!(
        outcome.stdout.starts_with("No spec changes in 1 spec"),
        "{outcome:?}"
    );
    assert!(
        outcome.stderr.contains("comparing with HEAD"),
        "{outcome:?}"
    );
    // A new spec in the working tree, not committed.
    std::fs::copy(
        fixture_dir("spec-added").join("head.yaml"),
        root.join("specs/drs.yaml"),
    )
    .unwrap();
    let outcome = diff::run(&root, &args(&["--base", "HEAD"]));
    assert_eq!(outcome.code, 0, "{outcome:?}");
    assert!(
        outcome.stdout.contains("### drs — `specs/drs.yaml` (new)"),
        "{}",
        outcome.stdout
    );
    // And one deleted.
    std::fs::remove_file(root.join("specs/dcs.yaml")).unwrap();
    let outcome = diff::run(&root, &args(&["--base", "HEAD"]));
    assert_eq!(outcome.code, 1, "{outcome:?}");
    assert!(
        outcome
            .stdout
            .contains("### dcs — `specs/dcs.yaml` (deleted)"),
        "{}",
        outcome.stdout
    );
}

#[test]
fn usage_and_git_errors_exit_2() {
    let root = scratch_repo("diff-errors");
    for bad in [
        args(&["--format", "yaml"]),
        args(&["--base"]),
        args(&["--frobnicate"]),
        args(&["--base", "no-such-ref"]),
    ] {
        let outcome = diff::run(&root, &bad);
        assert_eq!(outcome.code, 2, "{bad:?}: {outcome:?}");
        assert!(outcome.stderr.starts_with("error: "), "{outcome:?}");
    }
    std::fs::write(root.join("specs/dcs.yaml"), "openapi: [\n").unwrap();
    let outcome = diff::run(&root, &args(&["--base", "HEAD"]));
    assert_eq!(outcome.code, 2, "{outcome:?}");
    assert!(
        outcome.stderr.contains("specs/dcs.yaml is not valid YAML"),
        "{outcome:?}"
    );
    let help = diff::run(&root, &args(&["--help"]));
    assert_eq!(help.code, 0);
    assert!(help.stdout.starts_with("usage: cargo xtask diff"));
}

#[test]
fn waiter_changes() {
    assert_eq!(classified("waiter-added"), one(NonBreaking, "waiter-added"));
    assert_eq!(
        classified("waiter-removed"),
        one(Breaking, "waiter-removed")
    );
    let changed = changes("waiter-changed");
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(changed[0].id, ChangeId::WaiterChanged);
    assert!(
        changed[0].change.contains("deadline"),
        "{}",
        changed[0].change
    );
    let removed = changes("waiter-read-removed");
    let read = removed
        .iter()
        .find(|c| c.id == ChangeId::WaiterReadRemoved)
        .expect("reported");
    assert_eq!(read.kind, Breaking);
    assert!(read.change.contains("SWITCH_VIP_START"), "{}", read.change);
}

#[test]
fn a_drill_change_is_worth_a_look() {
    assert_eq!(
        classified("drill-changed"),
        one(WorthALook, "drill-changed")
    );
    let changed = changes("drill-changed");
    assert!(
        changed[0].change.contains("steps added: `DRS switchover`"),
        "{}",
        changed[0].change
    );
}
