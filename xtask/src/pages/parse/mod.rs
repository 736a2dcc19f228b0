//! Reading a page: each form is first cut into `Block`s (prose lines, tables, code), then one
//! interpreter walks the blocks section by section ("URI", "Request Parameters", "Status code:
//! 200", "Example Responses", "Status Codes", and their Chinese names) and builds the [`Page`].

use std::collections::BTreeMap;

use serde_json::Value;

use super::model::{
    Body, Example, Field, Form, Language, Location, Page, Param, Problem, Response, Type,
    is_identifier,
};

mod rst;
mod text;

/// A table: its caption (without `Table N`), header cells and rows of cells.
#[derive(Debug, Clone, Default)]
pub(crate) struct Table {
    pub line: usize,
    pub caption: Option<String>,
    pub header: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub line: usize,
    pub cells: Vec<String>,
}

#[derive(Debug, Clone)]
pub(crate) enum Block {
    /// A line of prose: heading, marker, paragraph line.
    Text {
        line: usize,
        text: String,
    },
    Table(Table),
    /// A code block or a JSON body written in the prose.
    Code {
        line: usize,
        text: String,
    },
    /// The operation's name given by the page's metadata (`:original_name: UpgradeDetail.html`).
    Name(String),
}

/// Read a page. `hint` is its file name (a `.rst` file is read as reStructuredText).
pub fn parse(src: &str, hint: &str) -> Result<Page, String> {
    let src = src.replace("\r\n", "\n");
    let (form, blocks) = if hint.ends_with(".rst") || rst::looks_like_rst(&src) {
        (Form::Rst, rst::blocks(&src))
    } else {
        let (blocks, piped) = text::blocks(&src);
        (
            if piped {
                Form::PipeText
            } else {
                Form::CellText
            },
            blocks,
        )
    };
    interpret(form, &blocks, &src)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Preamble,
    Function,
    Uri,
    Request,
    Response,
    ExampleRequest,
    ExampleResponse,
    StatusCodes,
    Other,
}

/// Section headings, English and Chinese, normalised by [`heading_key`].
fn section_of(text: &str) -> Option<Section> {
    let key = heading_key(text);
    Some(match key.as_str() {
        "function" | "功能介绍" | "接口功能" => Section::Function,
        "uri" => Section::Uri,
        "request parameters" | "request parameter" | "请求参数" => Section::Request,
        "response parameters" | "response parameter" | "响应参数" => Section::Response,
        "example request" | "example requests" | "request example" | "request examples"
        | "请求示例" => Section::ExampleRequest,
        "example response" | "example responses" | "response example" | "response examples"
        | "响应示例" => Section::ExampleResponse,
        "status code" | "status codes" | "状态码" => Section::StatusCodes,
        "error code" | "error codes" | "错误码" | "sdk sample code" | "sdk代码示例"
        | "calling method" | "调用方法" | "constraints" | "约束与限制" => Section::Other,
        _ => return None,
    })
}

fn heading_key(text: &str) -> String {
    text.trim()
        .trim_matches('*')
        .trim_end_matches([':', '：'])
        .trim()
        .to_lowercase()
}

/// Whether a line of prose is a section heading (used by the table readers to stop).
pub(crate) fn is_heading(text: &str) -> bool {
    section_of(text).is_some()
}

/// `Status code: 200`, `状态码: 200`, `**Status code: 202**` → `200`.
pub(crate) fn status_marker(text: &str) -> Option<String> {
    let text = text.trim().trim_matches('*').trim();
    let rest = strip_prefix_ci(text, "status code")
        .or_else(|| text.strip_prefix("状态码"))?
        .trim_start();
    let rest = rest.strip_prefix([':', '：'])?.trim();
    let status: String = rest.chars().take_while(char::is_ascii_digit).collect();
    (status.len() == 3 && rest[status.len()..].trim().is_empty()).then_some(status)
}

fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    (text.len() >= prefix.len()
        && text.is_char_boundary(prefix.len())
        && text[..prefix.len()].eq_ignore_ascii_case(prefix))
    .then(|| &text[prefix.len()..])
}

/// `GET /v1.0/{project_id}/clusters` → (`GET`, `/v1.0/{project_id}/clusters`).
fn method_and_path(text: &str) -> Option<(String, String)> {
    let mut words = text.split_whitespace();
    let method = words.next()?;
    let path = words.next()?;
    if words.next().is_some() {
        return None;
    }
    let known = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];
    (known.contains(&method) && path.starts_with('/'))
        .then(|| (method.to_string(), path.to_string()))
}

/// `Table 4 GetUpgradeDetailInfo`, `表4 GetUpgradeDetailInfo`, `**Table 4** X` → the text after
/// the number; `None` when the line is not a caption.
pub(crate) fn caption_of(text: &str) -> Option<String> {
    let text = text.trim().replace("**", "");
    let rest = strip_prefix_ci(&text, "table")
        .or_else(|| text.strip_prefix('表'))?
        .trim_start();
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    Some(rest[digits..].trim().to_string())
}

/// What a table holds, from its caption.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Caption {
    Path,
    Query,
    Header,
    Body,
    Object(String),
    Unknown,
}

fn caption_kind(caption: Option<&str>) -> Caption {
    let Some(caption) = caption.map(str::trim).filter(|c| !c.is_empty()) else {
        return Caption::Unknown;
    };
    // An object's table is captioned with the object's name alone (`DetailsBody`,
    // `publicKibanaRespBody`, `PathInfo`): that is never a kind of table, whatever it contains.
    if is_identifier(caption) && !caption.contains(['-', '.']) {
        return Caption::Object(caption.to_string());
    }
    let lower = caption.to_lowercase();
    if lower.contains("path") || caption.contains("路径") {
        Caption::Path
    } else if lower.contains("query") || caption.contains("查询") {
        Caption::Query
    } else if lower.contains("header") {
        Caption::Header
    } else if lower.contains("body") || caption.contains("消息体") {
        Caption::Body
    } else if is_identifier(caption) {
        Caption::Object(caption.to_string())
    } else {
        Caption::Unknown
    }
}

/// Which columns a table has.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Columns {
    name: Option<usize>,
    mandatory: Option<usize>,
    ty: Option<usize>,
    description: Option<usize>,
    status: Option<usize>,
}

pub(crate) fn columns(header: &[String]) -> Columns {
    let mut columns = Columns::default();
    for (index, cell) in header.iter().enumerate() {
        let key = heading_key(cell);
        let slot = match key.as_str() {
            "parameter" | "name" | "参数" | "参数名" | "名称" => &mut columns.name,
            "mandatory" | "required" | "是否必选" | "必选" => &mut columns.mandatory,
            "type" | "参数类型" | "类型" => &mut columns.ty,
            "description" | "描述" | "说明" => &mut columns.description,
            "status code" | "状态码" => &mut columns.status,
            _ => continue,
        };
        slot.get_or_insert(index);
    }
    columns
}

/// Header words of a table's first row, for the text reader.
pub(crate) fn is_header_word(text: &str) -> bool {
    let cols = columns(&[text.to_string()]);
    cols.name.is_some()
        || cols.mandatory.is_some()
        || cols.ty.is_some()
        || cols.description.is_some()
        || cols.status.is_some()
}

pub(crate) fn yes_no(text: &str) -> Option<bool> {
    match heading_key(text).as_str() {
        "yes" | "是" | "true" | "mandatory" | "required" => Some(true),
        "no" | "否" | "false" | "optional" => Some(false),
        _ => None,
    }
}

/// Remove inline markup: `:ref:`Name <anchor>`` → `Name`, `**x**` → `x`, ``` ``x`` ``` → `x`.
pub(crate) fn clean_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(":ref:`") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 6..];
        let Some(end) = after.find('`') else {
            out.push_str(after);
            rest = "";
            break;
        };
        let inner = &after[..end];
        let label = inner
            .split_once('<')
            .map(|(label, _)| label)
            .unwrap_or(inner);
        out.push_str(label.trim());
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    // Admonitions inside a cell (`.. note::`, `.. important::`) read as a label.
    for (directive, label) in [
        (".. note::", "Note:"),
        (".. important::", "Important:"),
        (".. caution::", "Caution:"),
        (".. warning::", "Warning:"),
    ] {
        out = out.replace(directive, label);
    }
    unescape_rst(&out.replace("**", "").replace("``", ""))
}

/// reStructuredText escapes: `\ ` (an escaped space) is nothing, `\*` is `*`.
fn unescape_rst(text: &str) -> String {
    if !text.contains('\\') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('\\', Some(' ')) => {
                chars.next();
            }
            ('\\', Some(&next)) if next.is_ascii_punctuation() => {
                out.push(next);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// A cell's text on one line: markup removed, whitespace collapsed.
pub(crate) fn one_line(text: &str) -> String {
    clean_inline(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The values a description lists, one per bullet: `-  **en-us**`, `• zh-cn`,
/// `- FULL: full restore`, `-  set this parameter to **AZ_MIGRATION**.`
///
/// A bullet that states a limit (`-  Minimum value: **1**`, `-  Default value: **5**`) lists no
/// value. A line `**100**: text` that is not bulleted counts as a value when the description
/// bullets others the same way (a page that forgot the first bullet).
pub fn listed_values(description: &str) -> Vec<String> {
    let mut values: Vec<String> = Vec::new();
    let defines = |rest: &str| {
        rest.strip_prefix("**")
            .and_then(|bold| bold.split_once("**"))
            .and_then(|(_, after)| after.trim_start().strip_prefix([':', '：']))
            .is_some_and(|text| !text.trim().is_empty())
    };
    let bullets_define = description
        .lines()
        .filter_map(|line| bulleted(line.trim()))
        .any(defines);
    for line in description.lines() {
        let line = line.trim();
        let rest = match bulleted(line) {
            Some(rest) => rest,
            None if bullets_define && defines(line) => line,
            None => continue,
        };
        if is_limit(rest) {
            continue;
        }
        let value = if let Some(bold) = rest.strip_prefix("**") {
            bold.split_once("**")
                .map(|(value, _)| value.trim().to_string())
        } else {
            let token: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
                .collect();
            let after = rest[token.len()..].trim_start();
            if !token.is_empty() && (after.is_empty() || after.starts_with([':', '：'])) {
                Some(token.trim_end_matches('.').to_string())
            } else {
                let bold: Vec<&str> = rest.split("**").skip(1).step_by(2).collect();
                (bold.len() == 1).then(|| bold[0].trim().to_string())
            }
        };
        if let Some(value) = value.filter(|v| is_value(v))
            && !values.contains(&value)
        {
            values.push(value);
        }
    }
    values
}

fn bulleted(line: &str) -> Option<&str> {
    line.strip_prefix(['-', '•', '*', '·', '●'])
        .filter(|rest| rest.starts_with(char::is_whitespace))
        .map(str::trim)
}

/// `Minimum value: **1**`, `Max. length: 64`, `Default value: **5**`, `Unit: ms`: a limit or a
/// default stated in a bullet, not a value of the field.
fn is_limit(rest: &str) -> bool {
    let Some((label, _)) = rest.split_once([':', '：']) else {
        return false;
    };
    let label = label.replace("**", "").to_lowercase();
    let label = label.trim();
    label.split_whitespace().count() <= 3
        && [
            "minimum",
            "maximum",
            "min",
            "max",
            "default",
            "length",
            "unit",
            "range",
            "最小",
            "最大",
            "默认",
            "长度",
            "单位",
            "取值范围",
        ]
        .iter()
        .any(|word| label.starts_with(word) || label.contains(&format!(" {word}")))
}

fn is_value(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// Count of CJK characters, to tell a Chinese page.
fn cjk(text: &str) -> usize {
    text.chars()
        .filter(|c| matches!(*c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF))
        .count()
}

/// The official SDK's operation name in the page's sample code (`XxxRequest request = new`,
/// `request = XxxRequest()`, `&model.XxxRequest{}`).
fn sdk_operation(src: &str) -> Option<String> {
    for marker in ["Request request = new ", "Request()", "Request{}"] {
        for (at, _) in src.match_indices(marker) {
            let head = &src[..at];
            let name: String = head
                .chars()
                .rev()
                .take_while(char::is_ascii_alphanumeric)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            if crate::lint::is_sdk_pascal_case(&name) {
                return Some(name);
            }
        }
    }
    None
}

/// One table of fields, before nested tables are linked.
#[derive(Debug, Clone)]
struct FieldTable {
    name: Option<String>,
    line: usize,
    fields: Vec<Field>,
    /// Captioned as a body ("Response body parameters").
    body: bool,
}

/// The tables of one body (the request, or a status code's response).
#[derive(Debug, Clone, Default)]
struct Scope {
    tables: Vec<FieldTable>,
}

impl Scope {
    /// The top-level table with its object tables linked in: by caption, else (uncaptioned
    /// tables, as the Huawei Cloud text pages have them) in the order the objects are named.
    fn link(&self) -> Option<Body> {
        let top = self.tables.first()?;
        let mut unused: Vec<bool> = vec![true; self.tables.len()];
        unused[0] = false;
        let mut named: BTreeMap<String, Vec<Field>> = BTreeMap::new();
        // Breadth first over object names, so uncaptioned tables are taken in page order.
        let mut queue: Vec<String> = Vec::new();
        let enqueue = |fields: &[Field], queue: &mut Vec<String>| {
            for field in fields {
                if let Some(name) = field.ty.object_name()
                    && !queue.iter().any(|q| q == name)
                {
                    queue.push(name.to_string());
                }
            }
        };
        enqueue(&top.fields, &mut queue);
        let mut index = 0;
        while index < queue.len() {
            let name = queue[index].clone();
            index += 1;
            let found = self
                .tables
                .iter()
                .enumerate()
                .position(|(i, t)| unused[i] && t.name.as_deref() == Some(name.as_str()))
                .or_else(|| {
                    self.tables.iter().enumerate().position(|(i, t)| {
                        unused[i]
                            && t.name
                                .as_deref()
                                .is_some_and(|n| n.eq_ignore_ascii_case(&name))
                    })
                })
                .or_else(|| {
                    (0..self.tables.len()).find(|&i| unused[i] && self.tables[i].name.is_none())
                });
            if let Some(i) = found {
                unused[i] = false;
                enqueue(&self.tables[i].fields, &mut queue);
                named.insert(name, self.tables[i].fields.clone());
            }
        }
        Some(Body {
            line: top.line,
            fields: nest(&top.fields, &named, 0),
        })
    }
}

fn nest(fields: &[Field], named: &BTreeMap<String, Vec<Field>>, depth: usize) -> Vec<Field> {
    fields
        .iter()
        .map(|field| {
            let mut field = field.clone();
            if depth < 16
                && let Some(sub) = field.ty.object_name().and_then(|name| named.get(name))
            {
                field.fields = Some(nest(sub, named, depth + 1));
            }
            field
        })
        .collect()
}

/// Turn the blocks into a page.
fn interpret(form: Form, blocks: &[Block], src: &str) -> Result<Page, String> {
    let mut section = Section::Preamble;
    let mut status: Option<String> = None;
    let mut title: Option<String> = None;
    let mut last_text: Option<String> = None;
    let mut function: Vec<String> = Vec::new();
    let mut operation_id: Option<String> = None;
    let mut method_path: Option<(String, String, usize)> = None;
    let mut params: Vec<Param> = Vec::new();
    let mut request = Scope::default();
    let mut responses: BTreeMap<String, (Scope, Response)> = BTreeMap::new();
    let mut request_examples: Vec<Example> = Vec::new();
    let mut problems: Vec<Problem> = Vec::new();
    let mut chinese = 0usize;

    let response_entry =
        |responses: &mut BTreeMap<String, (Scope, Response)>, status: &str, line: usize| {
            let entry = responses.entry(status.to_string()).or_insert_with(|| {
                (
                    Scope::default(),
                    Response {
                        status: status.to_string(),
                        line,
                        description: None,
                        body: None,
                        examples: Vec::new(),
                    },
                )
            });
            entry.1.line = entry.1.line.min(line);
        };

    for block in blocks {
        match block {
            Block::Name(name) => {
                if operation_id.is_none() && crate::lint::is_sdk_pascal_case(name) {
                    operation_id = Some(name.clone());
                }
            }
            Block::Text { line, text } => {
                chinese += cjk(text);
                let trimmed = text.trim();
                if trimmed.is_empty() {
                    continue;
                }
                if let Some(next) = section_of(trimmed) {
                    if next == Section::Function && title.is_none() {
                        title = last_text.take();
                    }
                    section = next;
                    status = None;
                    continue;
                }
                if let Some(code) = status_marker(trimmed) {
                    if matches!(
                        section,
                        Section::Preamble | Section::Function | Section::Uri
                    ) {
                        section = Section::Response;
                    }
                    response_entry(&mut responses, &code, *line);
                    status = Some(code);
                    continue;
                }
                if method_path.is_none()
                    && matches!(
                        section,
                        Section::Preamble | Section::Uri | Section::Function
                    )
                    && let Some((method, path)) = method_and_path(trimmed)
                {
                    method_path = Some((method, path, *line));
                    section = Section::Uri;
                    continue;
                }
                if section == Section::Function {
                    function.push(clean_inline(trimmed));
                }
                if section == Section::Preamble {
                    last_text = Some(one_line(trimmed));
                }
            }
            Block::Code { line, text } => {
                // An example request may start with its request line (`POST https://...`), the
                // body after it.
                let trimmed = example_body(text);
                if !(trimmed.starts_with('{') || trimmed.starts_with('[')) {
                    continue;
                }
                let target = match section {
                    Section::ExampleRequest => None,
                    Section::ExampleResponse => match &status {
                        Some(code) => Some(code.clone()),
                        None => continue,
                    },
                    _ => continue,
                };
                // Pages annotate examples with `// comments`: read them without the comments.
                let parsed = serde_json::from_str::<Value>(trimmed).or_else(|error| {
                    let bare = strip_json_comments(trimmed);
                    if bare == trimmed {
                        return Err(error);
                    }
                    serde_json::from_str(&bare).map_err(|_| error)
                });
                let value: Value = match parsed {
                    Ok(value) => value,
                    Err(error) => {
                        problems.push(Problem {
                            line: *line,
                            message: format!("an example body is not valid JSON: {error}"),
                            status: target.clone(),
                        });
                        continue;
                    }
                };
                let example = Example { line: *line, value };
                match target {
                    None => request_examples.push(example),
                    Some(code) => {
                        response_entry(&mut responses, &code, *line);
                        if let Some((_, response)) = responses.get_mut(&code) {
                            response.examples.push(example);
                        }
                    }
                }
            }
            Block::Table(table) => {
                for row in &table.rows {
                    for cell in &row.cells {
                        chinese += cjk(cell);
                    }
                }
                let cols = columns(&table.header);
                if let (Some(code_col), Some(desc_col)) = (cols.status, cols.description)
                    && cols.ty.is_none()
                {
                    for row in &table.rows {
                        let code = one_line(row.cells.get(code_col).map_or("", |c| c.as_str()));
                        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_digit()) {
                            continue;
                        }
                        response_entry(&mut responses, &code, row.line);
                        if let Some((_, response)) = responses.get_mut(&code) {
                            let description =
                                one_line(row.cells.get(desc_col).map_or("", |c| c.as_str()));
                            if response.description.is_none() && !description.is_empty() {
                                response.description = Some(description);
                            }
                        }
                    }
                    continue;
                }
                let (Some(_), Some(_)) = (cols.name, cols.ty) else {
                    continue;
                };
                let caption = caption_kind(table.caption.as_deref());
                let in_uri = matches!(
                    section,
                    Section::Uri | Section::Preamble | Section::Function
                );
                match (section, &status) {
                    (Section::Response, Some(code)) => {
                        if caption == Caption::Header {
                            continue; // response headers are not compared
                        }
                        response_entry(&mut responses, code, table.line);
                        if let Some((scope, _)) = responses.get_mut(code) {
                            push_field_table(scope, table, &caption, cols);
                        }
                    }
                    _ if in_uri || matches!(caption, Caption::Path | Caption::Query) => {
                        let template = method_path.as_ref().map(|(_, p, _)| p.as_str());
                        for row in &table.rows {
                            let Some(param) = param_row(row, cols, |name| match caption {
                                Caption::Path => Location::Path,
                                Caption::Query => Location::Query,
                                Caption::Header => Location::Header,
                                _ if template
                                    .is_some_and(|t| t.contains(&format!("{{{name}}}"))) =>
                                {
                                    Location::Path
                                }
                                _ => Location::Query,
                            }) else {
                                continue;
                            };
                            params.push(param);
                        }
                    }
                    (Section::Request, _) => {
                        let headers = caption == Caption::Header
                            || (caption == Caption::Unknown
                                && request.tables.is_empty()
                                && looks_like_headers(table, cols));
                        if headers {
                            for row in &table.rows {
                                if let Some(param) = param_row(row, cols, |_| Location::Header) {
                                    params.push(param);
                                }
                            }
                        } else {
                            push_field_table(&mut request, table, &caption, cols);
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    let Some((method, path, line)) = method_path else {
        return Err(
            "no `METHOD /path` line (such as `POST /v2/{project_id}/...` under URI): not an API reference page"
                .to_string(),
        );
    };
    let operation_id = operation_id.or_else(|| sdk_operation(src));
    let responses = responses
        .into_values()
        .map(|(scope, mut response)| {
            response.body = scope.link();
            response
        })
        .collect();
    let function = function.join(" ");
    Ok(Page {
        form,
        language: if chinese >= 10 {
            Language::Chinese
        } else {
            Language::English
        },
        title,
        function: (!function.trim().is_empty()).then(|| function.trim().to_string()),
        operation_id,
        method,
        path,
        line,
        params,
        request: request.link(),
        request_examples,
        responses,
        problems,
    })
}

/// The body of a code block: after a request line (`POST https://host/path`) and the blank line
/// that follows it, if the block starts with one.
fn example_body(text: &str) -> &str {
    let trimmed = text.trim();
    let first = trimmed.lines().next().unwrap_or("");
    let mut words = first.split_whitespace();
    let is_request_line = matches!(
        words.next(),
        Some("GET" | "POST" | "PUT" | "DELETE" | "PATCH" | "HEAD" | "OPTIONS")
    ) && words.next().is_some_and(|url| url.contains('/'));
    if is_request_line {
        trimmed[first.len()..].trim()
    } else {
        trimmed
    }
}

/// JSON without `//` line comments (outside strings).
fn strip_json_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let mut in_string = false;
        let mut escaped = false;
        let mut cut = line.len();
        let bytes = line.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if in_string {
                match (escaped, b) {
                    (true, _) => escaped = false,
                    (false, b'\\') => escaped = true,
                    (false, b'"') => in_string = false,
                    _ => {}
                }
            } else if b == b'"' {
                in_string = true;
            } else if b == b'/' && bytes.get(i + 1) == Some(&b'/') {
                cut = i;
                break;
            }
        }
        out.push_str(line[..cut].trim_end());
        out.push('\n');
    }
    out.trim_end().to_string()
}

/// Whether an uncaptioned table of the request section lists headers (`Content-Type`, `X-...`).
fn looks_like_headers(table: &Table, cols: Columns) -> bool {
    let Some(name_col) = cols.name else {
        return false;
    };
    !table.rows.is_empty()
        && table.rows.iter().all(|row| {
            let name = one_line(row.cells.get(name_col).map_or("", |c| c.as_str()));
            name.contains('-') && name.starts_with(|c: char| c.is_ascii_uppercase())
        })
}

fn cell(row: &Row, col: Option<usize>) -> &str {
    col.and_then(|c| row.cells.get(c))
        .map_or("", |c| c.as_str())
}

fn param_row(row: &Row, cols: Columns, location: impl Fn(&str) -> Location) -> Option<Param> {
    let name = one_line(cell(row, cols.name));
    if !is_identifier(&name) {
        return None;
    }
    let raw = cell(row, cols.description);
    let ty = Type::parse(&one_line(cell(row, cols.ty)));
    Some(Param {
        location: location(&name),
        mandatory: yes_no(cell(row, cols.mandatory)).unwrap_or(false),
        values: scalar_values(&ty, raw),
        ty,
        description: description(raw),
        line: row.line,
        name,
    })
}

/// The values a description lists, for a type that has values beside its own: an object's or an array's
/// description may bullet facts about its items (`dcs_instance_id` dimensions), not values.
fn scalar_values(ty: &Type, raw: &str) -> Vec<String> {
    match ty {
        // `true`/`false` under a Boolean say what each means: the type has them already.
        Type::Object(_) | Type::Array(_) | Type::Map(_) | Type::Boolean => Vec::new(),
        _ => listed_values(raw),
    }
}

fn push_field_table(scope: &mut Scope, table: &Table, caption: &Caption, cols: Columns) {
    let fields: Vec<Field> = table
        .rows
        .iter()
        .filter_map(|row| {
            let name = one_line(cell(row, cols.name));
            if !is_identifier(&name) {
                return None;
            }
            let raw = cell(row, cols.description);
            let ty = Type::parse(&one_line(cell(row, cols.ty)));
            Some(Field {
                mandatory: cols
                    .mandatory
                    .and_then(|_| yes_no(cell(row, cols.mandatory))),
                values: scalar_values(&ty, raw),
                ty,
                description: description(raw),
                line: row.line,
                fields: None,
                name,
            })
        })
        .collect();
    let name = match caption {
        Caption::Object(name) => Some(name.clone()),
        _ => None,
    };
    // A body table (by caption, or the first one of the scope) goes first, unless a table
    // captioned as the body is there already.
    let body_first = scope.tables.first().is_some_and(|t| t.body);
    if matches!(caption, Caption::Body) && !scope.tables.is_empty() && !body_first {
        scope.tables.insert(
            0,
            FieldTable {
                name,
                line: table.line,
                fields,
                body: true,
            },
        );
    } else {
        scope.tables.push(FieldTable {
            name,
            line: table.line,
            fields,
            body: matches!(caption, Caption::Body),
        });
    }
}

/// A description cell as prose: markup removed, lines joined.
fn description(raw: &str) -> String {
    one_line(raw)
}
