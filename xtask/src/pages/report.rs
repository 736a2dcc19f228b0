//! The outputs of `cargo xtask pages check`: lines (`page:line: rule-id: message (spec:line)`),
//! Markdown for a pull request, and JSON.
//!
//! JSON shape (stable; fields are never removed, new ones may be added):
//!
//! ```json
//! {
//!   "summary": { "pages": 2, "findings": 1, "accepted": 3 },
//!   "pages": [{
//!     "page": "../shared/docs/004.txt", "method": "GET", "path": "/v1.0/{project_id}/...",
//!     "operation": "UpgradeDetail", "spec": "specs/css.yaml",      // null when not found
//!     "findings": [{ "rule": "pages-param-extra", "page_line": 26,
//!                    "spec_file": "specs/css.yaml", "spec_line": 70,  // null when none
//!                    "message": "..." }],
//!     "accepted": [{ "rule": "...", "page_line": 26, "spec_file": "...", "spec_line": 75,
//!                    "message": "...", "reason": "..." }]
//!   }]
//! }
//! ```

use serde_json::{Value, json};

use super::check::PageReport;

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// One line per finding.
pub fn text(reports: &[PageReport]) -> String {
    let mut out = String::new();
    for report in reports {
        for finding in &report.findings {
            out.push_str(&format!(
                "{}:{}: {}: {}",
                report.page, finding.page_line, finding.rule, finding.message
            ));
            if let Some(spec) = &finding.spec {
                out.push_str(&format!(" ({}:{})", spec.file, spec.line));
            }
            out.push('\n');
        }
    }
    out
}

/// The closing line printed on stderr.
pub fn summary(reports: &[PageReport]) -> String {
    let findings: usize = reports.iter().map(|r| r.findings.len()).sum();
    let accepted: usize = reports.iter().map(|r| r.accepted.len()).sum();
    let pages = reports.len();
    let with = reports.iter().filter(|r| !r.findings.is_empty()).count();
    let accepted_note = format!("{accepted} divergence{} accepted", plural(accepted));
    if findings == 0 {
        let agree = if pages == 1 {
            "page agrees"
        } else {
            "pages agree"
        };
        format!("pages: {pages} {agree} with the specs ({accepted_note})\n")
    } else {
        format!(
            "pages: {findings} finding{} in {with} of {pages} page{} ({accepted_note})\n",
            plural(findings),
            plural(pages)
        )
    }
}

/// A Markdown table cell: no `|` or line breaks.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

pub fn markdown(reports: &[PageReport]) -> String {
    let findings: usize = reports.iter().map(|r| r.findings.len()).sum();
    let accepted: usize = reports.iter().map(|r| r.accepted.len()).sum();
    let mut out = if findings == 0 {
        format!(
            "{} {} with the specs ({accepted} divergence{} accepted)\n",
            reports.len(),
            if reports.len() == 1 {
                "page agrees"
            } else {
                "pages agree"
            },
            plural(accepted)
        )
    } else {
        format!(
            "**{findings} finding{}** in {} page{} ({accepted} divergence{} accepted)\n",
            plural(findings),
            reports.len(),
            plural(reports.len()),
            plural(accepted)
        )
    };
    for report in reports {
        let target = match (&report.operation, &report.spec_file) {
            (Some(op), Some(spec)) => format!("`{op}` in `{spec}`"),
            _ => "no spec operation".to_string(),
        };
        out.push_str(&format!(
            "\n### `{}` — `{} {}` → {target}\n\n",
            report.page, report.method, report.path
        ));
        if report.findings.is_empty() {
            out.push_str("The page and the spec agree.\n");
        } else {
            out.push_str("| rule | page | spec | finding |\n| --- | --- | --- | --- |\n");
            for f in &report.findings {
                let spec = f
                    .spec
                    .as_ref()
                    .map(|s| format!("`{}:{}`", s.file, s.line))
                    .unwrap_or_else(|| "—".to_string());
                out.push_str(&format!(
                    "| `{}` | line {} | {spec} | {} |\n",
                    f.rule,
                    f.page_line,
                    cell(&f.message)
                ));
            }
        }
        if !report.accepted.is_empty() {
            out.push_str(&format!(
                "\n{} accepted divergence{} (`x-page-divergence`):\n\n| rule | page | spec | difference | reason |\n| --- | --- | --- | --- | --- |\n",
                report.accepted.len(),
                plural(report.accepted.len())
            ));
            for a in &report.accepted {
                out.push_str(&format!(
                    "| `{}` | line {} | `{}:{}` | {} | {} |\n",
                    a.rule,
                    a.page_line,
                    a.spec.file,
                    a.spec.line,
                    cell(&a.message),
                    cell(&a.reason)
                ));
            }
        }
    }
    out
}

pub fn json(reports: &[PageReport]) -> Value {
    json!({
        "summary": {
            "pages": reports.len(),
            "findings": reports.iter().map(|r| r.findings.len()).sum::<usize>(),
            "accepted": reports.iter().map(|r| r.accepted.len()).sum::<usize>(),
        },
        "pages": reports.iter().map(|r| json!({
            "page": r.page,
            "method": r.method,
            "path": r.path,
            "operation": r.operation,
            "spec": r.spec_file,
            "findings": r.findings.iter().map(|f| json!({
                "rule": f.rule.id(),
                "page_line": f.page_line,
                "spec_file": f.spec.as_ref().map(|s| &s.file),
                "spec_line": f.spec.as_ref().map(|s| s.line),
                "message": f.message,
            })).collect::<Vec<_>>(),
            "accepted": r.accepted.iter().map(|a| json!({
                "rule": a.rule.id(),
                "page_line": a.page_line,
                "spec_file": a.spec.file,
                "spec_line": a.spec.line,
                "message": a.message,
                "reason": a.reason,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}
