//! The reStructuredText form (the Open Telekom Cloud docs' sources): section headings with
//! underlines, `.. table:: **Table N** Caption` over grid (`+---+`) or simple (`=== ===`)
//! tables, `.. code-block::` examples and `:original_name: Operation.html`.

use super::{Block, Row, Table, caption_of};

/// Whether a text reads as reStructuredText.
pub(crate) fn looks_like_rst(src: &str) -> bool {
    src.lines().any(|line| {
        let t = line.trim_start();
        t.starts_with(".. table::")
            || t.starts_with(".. code-block::")
            || t.starts_with(":original_name:")
    })
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

fn is_underline(line: &str, title: &str) -> bool {
    let t = line.trim_end();
    let Some(c) = t.chars().next() else {
        return false;
    };
    matches!(c, '=' | '-' | '~' | '^' | '"' | '*' | '#')
        && t.chars().all(|x| x == c)
        && t.chars().count() >= title.trim().chars().count().max(3)
        && indent(line) == 0
}

fn is_grid_border(line: &str) -> bool {
    let t = line.trim();
    t.len() > 2
        && t.starts_with('+')
        && t.ends_with('+')
        && t.chars().all(|c| matches!(c, '+' | '-' | '='))
}

fn is_simple_border(line: &str) -> bool {
    let t = line.trim();
    t.contains("= ") && t.chars().all(|c| c == '=' || c == ' ') && t.starts_with('=')
}

/// The lines of the indented block after line `i` (a directive's content), as (index, line).
fn indented_block<'a>(lines: &[&'a str], i: usize) -> (Vec<(usize, &'a str)>, usize) {
    let base = indent(lines[i]);
    let mut j = i + 1;
    let mut out = Vec::new();
    while j < lines.len() {
        let line = lines[j];
        if !line.trim().is_empty() && indent(line) <= base {
            break;
        }
        out.push((j, line));
        j += 1;
    }
    while out.last().is_some_and(|(_, l)| l.trim().is_empty()) {
        out.pop();
    }
    // Skip directive options (`:class:`) and leading blank lines.
    let start = out
        .iter()
        .position(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with(':'))
        .unwrap_or(out.len());
    (out.split_off(start), j)
}

pub(crate) fn blocks(src: &str) -> Vec<Block> {
    let lines: Vec<&str> = src.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let t = line.trim();
        if let Some(name) = t.strip_prefix(":original_name:") {
            let name = name.trim();
            out.push(Block::Name(
                name.strip_suffix(".html").unwrap_or(name).to_string(),
            ));
            i += 1;
            continue;
        }
        if let Some(caption) = t.strip_prefix(".. table::") {
            let (block, next) = indented_block(&lines, i);
            if let Some(mut table) = table(&block) {
                table.caption = caption_of(caption).or_else(|| {
                    let c = caption.trim();
                    (!c.is_empty()).then(|| c.replace("**", ""))
                });
                out.push(Block::Table(table));
            }
            i = next;
            continue;
        }
        if t.starts_with(".. code-block::") || t == "::" || t.starts_with(".. code::") {
            let (block, next) = indented_block(&lines, i);
            if let Some((first, _)) = block.first() {
                let base = block
                    .iter()
                    .filter(|(_, l)| !l.trim().is_empty())
                    .map(|(_, l)| indent(l))
                    .min()
                    .unwrap_or(0);
                let text = block
                    .iter()
                    .map(|(_, l)| l.get(base..).unwrap_or("").trim_end())
                    .collect::<Vec<_>>()
                    .join("\n");
                out.push(Block::Code {
                    line: first + 1,
                    text,
                });
            }
            i = next;
            continue;
        }
        if t.starts_with("..") {
            // Labels (`.. _anchor:`), comments and other directives: skip the block.
            let (_, next) = indented_block(&lines, i);
            i = next.max(i + 1);
            continue;
        }
        if is_grid_border(line) || is_simple_border(line) {
            let (block, next) = table_lines(&lines, i);
            if let Some(table) = table(&block) {
                out.push(Block::Table(table));
            }
            i = next.max(i + 1);
            continue;
        }
        if !t.is_empty() && i + 1 < lines.len() && is_underline(lines[i + 1], t) {
            out.push(Block::Text {
                line: i + 1,
                text: t.to_string(),
            });
            i += 2;
            continue;
        }
        if !t.is_empty() && !is_underline(line, "") {
            out.push(Block::Text {
                line: i + 1,
                text: t.replace("**", ""),
            });
        }
        i += 1;
    }
    out
}

/// The lines of a table that starts at line `i` outside a directive, and the next line.
fn table_lines<'a>(lines: &[&'a str], i: usize) -> (Vec<(usize, &'a str)>, usize) {
    let base = indent(lines[i]);
    let mut block = Vec::new();
    let mut j = i;
    if is_grid_border(lines[i]) {
        while j < lines.len() {
            let t = lines[j].trim_start();
            if indent(lines[j]) != base || !(t.starts_with('+') || t.starts_with('|')) {
                break;
            }
            block.push((j, lines[j]));
            j += 1;
        }
        return (block, j);
    }
    let mut borders = 0;
    while j < lines.len() && borders < 3 {
        let l = lines[j];
        if !l.trim().is_empty() && indent(l) < base {
            break;
        }
        if is_simple_border(l) {
            borders += 1;
        }
        block.push((j, l));
        j += 1;
    }
    (block, j)
}

/// A grid or simple table from its lines (as (index, line)).
fn table(block: &[(usize, &str)]) -> Option<Table> {
    let (first_index, first) = *block.first()?;
    let base = indent(first);
    let lines: Vec<(usize, Vec<char>)> = block
        .iter()
        .map(|(i, l)| (*i, l.chars().skip(base).collect()))
        .collect();
    if is_grid_border(first) {
        grid(&lines, first_index)
    } else if is_simple_border(first) {
        simple(&lines, first_index)
    } else {
        None
    }
}

fn slice(line: &[char], from: usize, to: usize) -> String {
    let to = to.min(line.len());
    if from >= to {
        return String::new();
    }
    line[from..to]
        .iter()
        .collect::<String>()
        .trim_end()
        .to_string()
}

/// A table nested in a cell (a grid or simple table in a description, as pages list a field's
/// values) as bullets, `-  **value**: meaning`, so that it reads like the pages' value lists.
fn flatten_nested(text: &str) -> String {
    if !text
        .lines()
        .any(|l| is_grid_border(l) || is_simple_border(l))
    {
        return text.to_string();
    }
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if is_grid_border(lines[i]) || is_simple_border(lines[i]) {
            let (block, next) = table_lines(&lines, i);
            if let Some(nested) = table(&block) {
                out.push(String::new());
                for row in &nested.rows {
                    let mut cells = row
                        .cells
                        .iter()
                        .map(|c| c.split_whitespace().collect::<Vec<_>>().join(" "));
                    let first = cells.next().unwrap_or_default();
                    let rest: Vec<String> = cells.filter(|c| !c.is_empty()).collect();
                    let value = first.trim_matches('*');
                    out.push(if rest.is_empty() {
                        format!("-  **{value}**")
                    } else {
                        format!("-  **{value}**: {}", rest.join(" "))
                    });
                }
                out.push(String::new());
                i = next.max(i + 1);
                continue;
            }
        }
        out.push(lines[i].to_string());
        i += 1;
    }
    out.join("\n")
}

/// Join a cell's lines, removing their common indentation; a table nested in it becomes bullets.
fn cell_text(parts: &[String]) -> String {
    flatten_nested(&cell_lines(parts))
}

fn cell_lines(parts: &[String]) -> String {
    let base = parts
        .iter()
        .filter(|p| !p.trim().is_empty())
        .map(|p| p.len() - p.trim_start().len())
        .min()
        .unwrap_or(0);
    parts
        .iter()
        .map(|p| p.get(base..).unwrap_or("").trim_end())
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

fn grid(lines: &[(usize, Vec<char>)], first_index: usize) -> Option<Table> {
    let border = &lines.first()?.1;
    let bounds: Vec<usize> = border
        .iter()
        .enumerate()
        .filter(|(_, c)| **c == '+')
        .map(|(i, _)| i)
        .collect();
    if bounds.len() < 2 {
        return None;
    }
    let width = bounds.len() - 1;
    let mut header: Option<Vec<String>> = None;
    let mut rows: Vec<Row> = Vec::new();
    let mut current: Vec<Vec<String>> = vec![Vec::new(); width];
    let mut current_line = 0;
    for (index, line) in &lines[1..] {
        if line.first() == Some(&'+') {
            let cells: Vec<String> = current.iter().map(|parts| cell_text(parts)).collect();
            let is_header = line.contains(&'=');
            if is_header && header.is_none() {
                header = Some(cells);
            } else if cells.iter().any(|c| !c.is_empty()) {
                rows.push(Row {
                    line: current_line + 1,
                    cells,
                });
            }
            current = vec![Vec::new(); width];
            current_line = 0;
            continue;
        }
        if current_line == 0 {
            current_line = *index;
        }
        for (col, parts) in current.iter_mut().enumerate() {
            parts.push(slice(line, bounds[col] + 1, bounds[col + 1]));
        }
    }
    let header = match header {
        Some(header) => header,
        None if !rows.is_empty() => rows.remove(0).cells,
        None => return None,
    };
    Some(Table {
        line: first_index + 1,
        caption: None,
        header,
        rows,
    })
}

fn simple(lines: &[(usize, Vec<char>)], first_index: usize) -> Option<Table> {
    let border = &lines.first()?.1;
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in border.iter().enumerate() {
        match (c, start) {
            ('=', None) => start = Some(i),
            (' ', Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, border.len()));
    }
    if spans.len() < 2 {
        return None;
    }
    // The last column runs to the end of the line.
    let last = spans.len() - 1;
    spans[last].1 = usize::MAX;
    let cut = |line: &[char]| -> Vec<String> {
        spans
            .iter()
            .map(|(from, to)| slice(line, *from, *to).trim().to_string())
            .collect()
    };
    let mut header: Vec<String> = Vec::new();
    let mut rows: Vec<Row> = Vec::new();
    let mut borders = 1;
    for (index, line) in &lines[1..] {
        let text: String = line.iter().collect();
        if is_simple_border(&text) {
            borders += 1;
            continue;
        }
        if text.trim().is_empty() {
            continue;
        }
        let cells = cut(line);
        if borders == 1 {
            if header.is_empty() {
                header = cells;
            }
            continue;
        }
        match rows.last_mut() {
            Some(row) if cells[0].is_empty() => {
                for (cell, more) in row.cells.iter_mut().zip(cells) {
                    if !more.is_empty() {
                        cell.push('\n');
                        cell.push_str(&more);
                    }
                }
            }
            _ => rows.push(Row {
                line: index + 1,
                cells,
            }),
        }
    }
    Some(Table {
        line: first_index + 1,
        caption: None,
        header,
        rows,
    })
}
