//! The report: per spec, the classified spec changes and the generated-API changes, rendered
//! as Markdown (for a pull request) or JSON.
//!
//! JSON shape (stable; fields are never removed, new ones may be added):
//!
//! ```json
//! {
//!   "base": { "ref": "main", "commit": "5b9d03f…" },
//!   "summary": { "breaking": 1, "worth_a_look": 0, "non_breaking": 2,
//!                "specs_changed": 1, "specs_compared": 3 },
//!   "specs": [{
//!     "service": "dcs", "file": "specs/dcs.yaml",
//!     "status": "modified",              // added | removed | modified | unchanged
//!     "changes": [{
//!       "kind": "breaking",              // breaking | worth-a-look | non-breaking
//!       "id": "response-field-removed",
//!       "operation": "ShowJobInfo", "method": "GET", "path": "/v2/{project_id}/jobs/{job_id}",
//!       "part": "response 200", "field": "job_id",   // each may be null
//!       "change": "field `job_id` of `ShowJobInfoResponse` removed (was `string`)"
//!     }],
//!     "rust": {
//!       "file": "crates/dcs/src/generated.rs",
//!       "note": null,                    // or why the items are not listed
//!       "changes": [{ "change": "removed", "item": "ShowJobInfoResponse.job_id",
//!                     "old": "String", "new": null }]
//!     }
//!   }]
//! }
//! ```

use serde_json::{Value, json};

use super::rust::{ItemChange, RustApi, RustChange, diff_api};
use super::spec::{Change, Kind, diff_specs};

/// Whether a spec exists at each revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpecStatus {
    Added,
    Removed,
    Modified,
    Unchanged,
}

impl SpecStatus {
    pub fn id(self) -> &'static str {
        match self {
            SpecStatus::Added => "added",
            SpecStatus::Removed => "removed",
            SpecStatus::Modified => "modified",
            SpecStatus::Unchanged => "unchanged",
        }
    }
}

/// The generated-API part of a spec's report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RustReport {
    pub file: String,
    pub changes: Vec<RustChange>,
    /// Set when the items are not listed (a crate added or removed, a file that does not
    /// parse) or something looks off (the spec changed but the generated file did not).
    pub note: Option<String>,
}

/// Everything about one spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecReport {
    pub service: String,
    pub file: String,
    pub status: SpecStatus,
    pub changes: Vec<Change>,
    pub rust: RustReport,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The base as given (`main`, `HEAD~1`) and the commit it named.
    pub base_ref: String,
    pub base_commit: String,
    pub specs: Vec<SpecReport>,
}

/// The revisions of one service: spec values and generated sources (`None` where absent).
#[derive(Debug, Clone, Copy, Default)]
pub struct Revisions<'a> {
    pub base_spec: Option<&'a Value>,
    pub head_spec: Option<&'a Value>,
    pub base_rust: Option<&'a str>,
    pub head_rust: Option<&'a str>,
}

/// Compare one service at two revisions (pure: no git, no files).
pub fn spec_report(service: &str, revisions: Revisions) -> SpecReport {
    let status = match (revisions.base_spec, revisions.head_spec) {
        (None, Some(_)) => SpecStatus::Added,
        (Some(_), None) => SpecStatus::Removed,
        _ => SpecStatus::Unchanged,
    };
    let changes = diff_specs(revisions.base_spec, revisions.head_spec);
    let status = match status {
        SpecStatus::Unchanged if !changes.is_empty() => SpecStatus::Modified,
        other => other,
    };
    let mut rust = RustReport {
        file: format!("crates/{service}/src/generated.rs"),
        ..RustReport::default()
    };
    match (revisions.base_rust, revisions.head_rust) {
        (None, None) => {}
        (None, Some(head)) => {
            rust.note = Some(match RustApi::parse(head) {
                Ok(api) => {
                    let (types, methods) = api.counts();
                    format!(
                        "new generated crate: {types} public type{}, {methods} `Client` method{}",
                        plural(types),
                        plural(methods)
                    )
                }
                Err(e) => format!("the new generated file could not be read: {e}"),
            });
        }
        (Some(_), None) => rust.note = Some("the generated file was removed".to_string()),
        (Some(base), Some(head)) => match (RustApi::parse(base), RustApi::parse(head)) {
            (Ok(old), Ok(new)) => {
                rust.changes = diff_api(&old, &new);
                if base == head && !changes.is_empty() {
                    rust.note = Some(
                        "the generated file is the same at both revisions: was `cargo xtask generate` run?"
                            .to_string(),
                    );
                }
            }
            (Err(e), _) => {
                rust.note = Some(format!("the base's generated file could not be read: {e}"))
            }
            (_, Err(e)) => rust.note = Some(format!("the generated file could not be read: {e}")),
        },
    }
    SpecReport {
        service: service.to_string(),
        file: format!("specs/{service}.yaml"),
        status,
        changes,
        rust,
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Counts of spec changes by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub breaking: usize,
    pub worth_a_look: usize,
    pub non_breaking: usize,
    pub specs_changed: usize,
}

impl Report {
    pub fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        for spec in &self.specs {
            if !spec.changes.is_empty() {
                counts.specs_changed += 1;
            }
            for change in &spec.changes {
                match change.kind {
                    Kind::Breaking => counts.breaking += 1,
                    Kind::WorthALook => counts.worth_a_look += 1,
                    Kind::NonBreaking => counts.non_breaking += 1,
                }
            }
        }
        counts
    }

    /// `**2 breaking**, 1 worth a look, 3 non-breaking changes in 1 spec`.
    pub fn summary_line(&self) -> String {
        let counts = self.counts();
        let total = counts.breaking + counts.worth_a_look + counts.non_breaking;
        if total == 0 {
            let n = self.specs.len();
            return format!("No spec changes in {n} spec{}", plural(n));
        }
        let breaking = if counts.breaking > 0 {
            format!("**{} breaking**", counts.breaking)
        } else {
            "0 breaking".to_string()
        };
        format!(
            "{breaking}, {} worth a look, {} non-breaking change{} in {} spec{}",
            counts.worth_a_look,
            counts.non_breaking,
            plural(counts.non_breaking),
            counts.specs_changed,
            plural(counts.specs_changed)
        )
    }

    pub fn markdown(&self) -> String {
        let mut out = String::new();
        out.push_str(&self.summary_line());
        out.push_str("\n\n");
        out.push_str(&format!(
            "Specs at `{}` (`{}`) compared with the working tree.\n",
            self.base_ref,
            short(&self.base_commit)
        ));
        for spec in &self.specs {
            let rust_shown = !spec.rust.changes.is_empty() || spec.rust.note.is_some();
            if spec.changes.is_empty() && !rust_shown {
                continue;
            }
            let status = match spec.status {
                SpecStatus::Added => " (new)",
                SpecStatus::Removed => " (deleted)",
                SpecStatus::Modified | SpecStatus::Unchanged => "",
            };
            out.push_str(&format!(
                "\n### {} — `{}`{status}\n\n",
                spec.service, spec.file
            ));
            if spec.changes.is_empty() {
                out.push_str("No spec changes.\n");
            } else {
                out.push_str(
                    "| kind | operation | location | change |\n| --- | --- | --- | --- |\n",
                );
                for change in &spec.changes {
                    let operation = change
                        .operation
                        .as_ref()
                        .map(|o| format!("`{o}`"))
                        .unwrap_or_else(|| "—".to_string());
                    out.push_str(&format!(
                        "| {} | {} | {} | {} |\n",
                        change.kind.label(),
                        cell(&operation),
                        cell(&location(change)),
                        cell(&change.change)
                    ));
                }
            }
            if rust_shown {
                if spec.rust.changes.is_empty() {
                    out.push_str(&format!("\nGenerated Rust API (`{}`): ", spec.rust.file));
                } else {
                    let counts: Vec<String> = ItemChange::ALL
                        .iter()
                        .map(|&kind| {
                            format!("{} {}", count(&spec.rust.changes, kind), kind.as_str())
                        })
                        .collect();
                    out.push_str(&format!(
                        "\nGenerated Rust API (`{}`): {}\n",
                        spec.rust.file,
                        counts.join(", ")
                    ));
                }
                if let Some(note) = &spec.rust.note {
                    if spec.rust.changes.is_empty() {
                        out.push_str(&format!("{note}\n"));
                    } else {
                        out.push_str(&format!("\n> {note}\n"));
                    }
                }
                if !spec.rust.changes.is_empty() {
                    out.push_str("\n| change | item | detail |\n| --- | --- | --- |\n");
                    for change in &spec.rust.changes {
                        let detail = match (&change.old, &change.new) {
                            (Some(old), Some(new)) => format!("`{old}` → `{new}`"),
                            (Some(one), None) | (None, Some(one)) => format!("`{one}`"),
                            (None, None) => String::new(),
                        };
                        out.push_str(&format!(
                            "| {} | `{}` | {} |\n",
                            change.change.as_str(),
                            cell(&change.item),
                            cell(&detail)
                        ));
                    }
                }
            }
        }
        out
    }

    pub fn json(&self) -> Value {
        let counts = self.counts();
        json!({
            "base": { "ref": self.base_ref, "commit": self.base_commit },
            "summary": {
                "breaking": counts.breaking,
                "worth_a_look": counts.worth_a_look,
                "non_breaking": counts.non_breaking,
                "specs_changed": counts.specs_changed,
                "specs_compared": self.specs.len(),
            },
            "specs": self.specs.iter().map(|spec| json!({
                "service": spec.service,
                "file": spec.file,
                "status": spec.status.id(),
                "changes": spec.changes.iter().map(|c| json!({
                    "kind": c.kind.id(),
                    "id": c.id.as_str(),
                    "operation": c.operation,
                    "method": c.method,
                    "path": c.path,
                    "part": c.part,
                    "field": c.field,
                    "change": c.change,
                })).collect::<Vec<_>>(),
                "rust": {
                    "file": spec.rust.file,
                    "note": spec.rust.note,
                    "changes": spec.rust.changes.iter().map(|c| json!({
                        "change": c.change.as_str(),
                        "item": c.item,
                        "old": c.old,
                        "new": c.new,
                    })).collect::<Vec<_>>(),
                },
            })).collect::<Vec<_>>(),
        })
    }
}

fn count(changes: &[RustChange], change: ItemChange) -> usize {
    changes.iter().filter(|c| c.change == change).count()
}

pub(crate) fn short(commit: &str) -> &str {
    commit.get(..12).unwrap_or(commit)
}

/// "`GET /v2/{project_id}/jobs/{job_id}` response 200 `job_id`".
pub(crate) fn location(change: &Change) -> String {
    let mut parts = Vec::new();
    if let (Some(method), Some(path)) = (&change.method, &change.path) {
        parts.push(format!("`{method} {path}`"));
    }
    if let Some(part) = &change.part {
        parts.push(part.clone());
    }
    if let Some(field) = &change.field {
        parts.push(format!("`{field}`"));
    }
    if parts.is_empty() {
        "spec".to_string()
    } else {
        parts.join(" ")
    }
}

/// A Markdown table cell: no `|` or line breaks.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
