//! The two text forms: tables whose cells end with ` |` under a `---|---|` rule (Huawei Cloud),
//! and tables with a cell per line after `Parameter / Mandatory / Type / Description`
//! (Open Telekom Cloud), with JSON bodies written straight into the prose.

use super::{
    Block, Row, Table, caption_of, columns, is_header_word, is_heading, status_marker, yes_no,
};
use crate::pages::model::{Type, is_identifier};

/// The blocks of a text page, and whether it had `|` tables.
pub(crate) fn blocks(src: &str) -> (Vec<Block>, bool) {
    let lines: Vec<&str> = src.lines().collect();
    let mut out: Vec<Block> = Vec::new();
    let mut piped = false;
    let mut i = 0;
    while i < lines.len() {
        let found = match pipe_table(&lines, i) {
            Some(found) => {
                piped = true;
                Some(found)
            }
            None => cell_table(&lines, i),
        };
        if let Some((mut table, next)) = found {
            if let Some(Block::Text { text, .. }) = out.last()
                && let Some(caption) = caption_of(text)
            {
                table.caption = Some(caption);
                out.pop();
            }
            out.push(Block::Table(table));
            i = next;
            continue;
        }
        let trimmed = lines[i].trim();
        if (trimmed.starts_with('{') || trimmed.starts_with('['))
            && let Some((text, next)) = json_block(&lines, i)
        {
            out.push(Block::Code { line: i + 1, text });
            i = next;
            continue;
        }
        if !trimmed.is_empty() {
            out.push(Block::Text {
                line: i + 1,
                text: trimmed.to_string(),
            });
        }
        i += 1;
    }
    (out, piped)
}

/// `---|---|---|` or `|---|---|`: the number of columns.
fn rule_columns(line: &str) -> Option<usize> {
    let t = line.trim();
    if !t.contains("---")
        || !t.contains('|')
        || !t.chars().all(|c| matches!(c, '-' | '|' | ':' | ' '))
    {
        return None;
    }
    Some(t.split('|').filter(|s| s.contains('-')).count())
}

/// The text of a line that ends a cell (` |`), without the bar.
fn pipe_cell(line: &str) -> Option<&str> {
    let t = line.trim();
    let t = t.strip_suffix('|')?;
    Some(t.strip_prefix('|').unwrap_or(t).trim())
}

/// A `|` table header starting at line `i`: its cells and the rule's line index.
fn pipe_header(lines: &[&str], i: usize) -> Option<(Vec<String>, usize)> {
    let mut j = i;
    while j < lines.len()
        && j - i <= 12
        && rule_columns(lines[j]).is_none()
        && pipe_cell(lines[j]).is_some()
    {
        j += 1;
    }
    let columns = rule_columns(lines.get(j)?)?;
    if columns < 2 || columns != j - i {
        return None;
    }
    let header = lines[i..j]
        .iter()
        .filter_map(|l| pipe_cell(l))
        .map(str::to_string)
        .collect();
    Some((header, j))
}

fn pipe_table(lines: &[&str], i: usize) -> Option<(Table, usize)> {
    let (header, rule) = pipe_header(lines, i)?;
    let width = header.len();
    let mut rows = Vec::new();
    let mut pos = rule + 1;
    'rows: while pos < lines.len() {
        if pipe_header(lines, pos).is_some() || pipe_cell(lines[pos]).is_none() {
            break;
        }
        let start = pos;
        let mut cells: Vec<String> = Vec::new();
        let mut current = String::new();
        while cells.len() < width {
            let Some(line) = lines.get(pos) else {
                pos = start;
                break 'rows;
            };
            let t = line.trim();
            if current.is_empty()
                && pipe_cell(line).is_none()
                && (is_heading(t) || status_marker(t).is_some())
                || pos - start > 80
            {
                pos = start;
                break 'rows;
            }
            match pipe_cell(line) {
                Some(text) => {
                    current.push_str(text);
                    cells.push(current.trim().to_string());
                    current.clear();
                }
                None => {
                    current.push_str(t);
                    current.push('\n');
                }
            }
            pos += 1;
        }
        rows.push(Row {
            line: start + 1,
            cells,
        });
    }
    Some((
        Table {
            line: i + 1,
            caption: None,
            header,
            rows,
        },
        pos,
    ))
}

fn next_nonblank(lines: &[&str], mut i: usize) -> usize {
    while i < lines.len() && lines[i].trim().is_empty() {
        i += 1;
    }
    i
}

fn line_at<'a>(lines: &[&'a str], i: usize) -> &'a str {
    lines.get(i).map_or("", |l| l.trim())
}

/// A table with a cell per line, starting at line `i` with its first header cell.
fn cell_table(lines: &[&str], i: usize) -> Option<(Table, usize)> {
    let first = lines[i].trim();
    if !is_header_word(first) || pipe_cell(lines[i]).is_some() {
        return None;
    }
    let opening = columns(&[first.to_string()]);
    if (opening.name.is_none() && opening.status.is_none()) || first.eq_ignore_ascii_case("name") {
        return None;
    }
    let mut header = vec![first.to_string()];
    let mut p = next_nonblank(lines, i + 1);
    // The header ends with its Description cell (a field may be called `name` or `type`).
    while p < lines.len()
        && header.len() < 5
        && columns(&header).description.is_none()
        && is_header_word(lines[p].trim())
    {
        header.push(lines[p].trim().to_string());
        p = next_nonblank(lines, p + 1);
    }
    let cols = columns(&header);
    if cols.status == Some(0) && cols.description == Some(1) && header.len() == 2 {
        return status_rows(lines, i, header, p);
    }
    let mandatory = cols.mandatory.is_some();
    let expected = if mandatory {
        (Some(0), Some(1), Some(2), Some(3))
    } else {
        (Some(0), None, Some(1), Some(2))
    };
    if (cols.name, cols.mandatory, cols.ty, cols.description) != expected
        || header.len() != if mandatory { 4 } else { 3 }
    {
        return None;
    }
    let row_start = |at: usize| -> bool {
        if !is_identifier(line_at(lines, at)) {
            return false;
        }
        let next = next_nonblank(lines, at + 1);
        if mandatory {
            yes_no(line_at(lines, next)).is_some()
                && Type::parse(line_at(lines, next_nonblank(lines, next + 1))).is_known()
        } else {
            Type::parse(line_at(lines, next)).is_known()
        }
    };
    let mut rows = Vec::new();
    let mut pos = p;
    while pos < lines.len() && row_start(pos) {
        let name_at = pos;
        let mut cells = vec![line_at(lines, pos).to_string()];
        pos = next_nonblank(lines, pos + 1);
        if mandatory {
            cells.push(line_at(lines, pos).to_string());
            pos = next_nonblank(lines, pos + 1);
        }
        cells.push(line_at(lines, pos).to_string());
        pos += 1;
        let mut description: Vec<&str> = Vec::new();
        while pos < lines.len() {
            let t = lines[pos].trim();
            if !t.is_empty() && (row_start(pos) || ends_table(t)) {
                break;
            }
            description.push(lines[pos]);
            pos += 1;
        }
        cells.push(dedent(&description));
        rows.push(Row {
            line: name_at + 1,
            cells,
        });
        pos = next_nonblank(lines, pos);
    }
    if rows.is_empty() {
        return None;
    }
    Some((
        Table {
            line: i + 1,
            caption: None,
            header,
            rows,
        },
        pos,
    ))
}

/// `Status Code / Description` then a 3-digit code per row, its description below it.
fn status_rows(
    lines: &[&str],
    i: usize,
    header: Vec<String>,
    mut pos: usize,
) -> Option<(Table, usize)> {
    let is_code = |t: &str| t.len() == 3 && t.bytes().all(|b| b.is_ascii_digit());
    let mut rows = Vec::new();
    while pos < lines.len() && is_code(line_at(lines, pos)) {
        let code_at = pos;
        pos += 1;
        let mut description: Vec<&str> = Vec::new();
        while pos < lines.len() {
            let t = lines[pos].trim();
            if is_code(t) || (!t.is_empty() && ends_table(t)) {
                break;
            }
            description.push(lines[pos]);
            pos += 1;
        }
        rows.push(Row {
            line: code_at + 1,
            cells: vec![line_at(lines, code_at).to_string(), dedent(&description)],
        });
        pos = next_nonblank(lines, pos);
    }
    if rows.is_empty() {
        return None;
    }
    Some((
        Table {
            line: i + 1,
            caption: None,
            header,
            rows,
        },
        pos,
    ))
}

/// A line that cannot be part of a cell: a heading, a status marker, a caption, a new header.
fn ends_table(t: &str) -> bool {
    is_heading(t)
        || status_marker(t).is_some()
        || caption_of(t).is_some()
        || matches!(t, "Parameter" | "参数")
}

fn dedent(lines: &[&str]) -> String {
    lines
        .iter()
        .map(|l| l.trim())
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

/// A JSON value written over one or more lines, starting at line `i`: its text and the next line.
fn json_block(lines: &[&str], i: usize) -> Option<(String, usize)> {
    let mut depth = 0i64;
    let mut in_string = false;
    let mut escaped = false;
    let mut text = String::new();
    for (offset, line) in lines[i..].iter().enumerate().take(5000) {
        text.push_str(line);
        text.push('\n');
        for c in line.chars() {
            if in_string {
                match (escaped, c) {
                    (true, _) => escaped = false,
                    (false, '\\') => escaped = true,
                    (false, '"') => in_string = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '"' => in_string = true,
                '{' | '[' => depth += 1,
                '}' | ']' => depth -= 1,
                _ => {}
            }
        }
        if depth <= 0 {
            return Some((text, i + offset + 1));
        }
    }
    None
}
