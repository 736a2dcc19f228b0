//! YAML to `serde_json::Value`, remembering the line of every node.
//!
//! `cargo xtask lint` reports `file:line`, so the spec is read with yaml-rust2's event parser and
//! every node's JSON pointer is mapped to its line: for a mapping entry, the line of its key (where
//! `get:` or `operationId:` is written), for a sequence item, the line of the item, for the root,
//! line 1.  `cargo xtask diff` reads specs through the same loader.

use std::collections::HashMap;

use serde_json::{Map, Number, Value};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser, Tag};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// A parsed YAML document and the line of each of its nodes.
#[derive(Debug, Clone)]
pub struct Document {
    pub value: Value,
    pub lines: LineIndex,
}

/// JSON pointer (RFC 6901) to 1-based line.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    lines: HashMap<String, usize>,
}

impl LineIndex {
    /// The line of the node at `pointer`, or of its nearest ancestor that has one (nodes copied
    /// in through a YAML alias have no line of their own).
    pub fn line(&self, pointer: &str) -> usize {
        let mut pointer = pointer;
        loop {
            if let Some(&line) = self.lines.get(pointer) {
                return line;
            }
            match pointer.rfind('/') {
                Some(cut) => pointer = &pointer[..cut],
                None => return 1,
            }
        }
    }
}

/// Why a YAML text could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for YamlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for YamlError {}

/// Escape one JSON pointer segment (`~` → `~0`, `/` → `~1`).
pub fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// `pointer` + `/` + escaped `segment`.
pub fn join(pointer: &str, segment: &str) -> String {
    format!("{pointer}/{}", escape(segment))
}

/// Parse the first YAML document of `src`.
pub fn load(src: &str) -> Result<Document, YamlError> {
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(src);
    if let Err(error) = parser.load(&mut builder, false) {
        return Err(YamlError {
            line: error.marker().line().max(1),
            message: error.info().to_string(),
        });
    }
    if let Some(error) = builder.error {
        return Err(error);
    }
    Ok(Document {
        value: builder.root.unwrap_or(Value::Null),
        lines: LineIndex {
            lines: builder.lines,
        },
    })
}

/// Aliases copy values; this caps the total copied so that an alias bomb is an error.
const ALIAS_BUDGET: usize = 1_000_000;

enum Frame {
    Sequence {
        pointer: String,
        anchor: usize,
        items: Vec<Value>,
    },
    Mapping {
        pointer: String,
        anchor: usize,
        map: Map<String, Value>,
        /// The key read, waiting for its value.
        key: Option<String>,
    },
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    root: Option<Value>,
    lines: HashMap<String, usize>,
    anchors: HashMap<usize, Value>,
    alias_budget_used: usize,
    error: Option<YamlError>,
}

impl Builder {
    fn fail(&mut self, line: usize, message: String) {
        if self.error.is_none() {
            self.error = Some(YamlError { line, message });
        }
    }

    /// The pointer of the node starting now, or `None` when the node is a mapping key.
    fn next_pointer(&self) -> Option<String> {
        match self.stack.last() {
            None => Some(String::new()),
            Some(Frame::Sequence { pointer, items, .. }) => {
                Some(format!("{pointer}/{}", items.len()))
            }
            Some(Frame::Mapping { pointer, key, .. }) => key.as_ref().map(|key| join(pointer, key)),
        }
    }

    /// A complete node: store it in its parent (or as the key the parent waits for).
    fn complete(&mut self, value: Value, anchor: usize, line: usize) {
        if anchor > 0 {
            self.anchors.insert(anchor, value.clone());
        }
        let mut error = None;
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(value);
                }
            }
            Some(Frame::Sequence { items, .. }) => items.push(value),
            Some(Frame::Mapping { map, key, .. }) => match key.take() {
                Some(key) => {
                    map.insert(key, value);
                }
                None => match value {
                    Value::String(name) => {
                        if map.contains_key(&name) {
                            error = Some(format!("duplicate key `{name}`"));
                        }
                        *key = Some(name);
                    }
                    _ => error = Some("mapping keys must be scalars".to_string()),
                },
            },
        }
        if let Some(message) = error {
            self.fail(line, message);
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        if self.error.is_some() {
            return;
        }
        let line = mark.line().max(1);
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                let pointer = self.next_pointer();
                let is_key = pointer.is_none();
                if let Some(pointer) = pointer
                    && !self.lines.contains_key(&pointer)
                {
                    self.lines.insert(pointer, line);
                }
                let value = if is_key {
                    // Keys stay as written: `200:` is the status "200", not a number.
                    Value::String(text)
                } else {
                    match scalar(&text, style, tag.as_ref()) {
                        Ok(value) => value,
                        Err(message) => {
                            self.fail(line, message);
                            return;
                        }
                    }
                };
                if is_key && let Some(Frame::Mapping { pointer, .. }) = self.stack.last() {
                    // A mapping entry's line is its key's line.
                    let entry = join(pointer, value.as_str().unwrap_or_default());
                    self.lines.entry(entry).or_insert(line);
                }
                self.complete(value, anchor, line);
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                let Some(pointer) = self.next_pointer() else {
                    self.fail(line, "mapping keys must be scalars".to_string());
                    return;
                };
                self.lines.entry(pointer.clone()).or_insert(line);
                if self.stack.len() > 256 {
                    self.fail(line, "nesting deeper than 256 levels".to_string());
                    return;
                }
                self.stack
                    .push(if matches!(event, Event::SequenceStart(..)) {
                        Frame::Sequence {
                            pointer,
                            anchor,
                            items: Vec::new(),
                        }
                    } else {
                        Frame::Mapping {
                            pointer,
                            anchor,
                            map: Map::new(),
                            key: None,
                        }
                    });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (value, anchor) = match self.stack.pop() {
                    Some(Frame::Sequence { items, anchor, .. }) => (Value::Array(items), anchor),
                    Some(Frame::Mapping { map, anchor, .. }) => (Value::Object(map), anchor),
                    None => return,
                };
                self.complete(value, anchor, line);
            }
            Event::Alias(anchor) => {
                let Some(value) = self.anchors.get(&anchor).cloned() else {
                    self.fail(line, "alias to an unknown anchor".to_string());
                    return;
                };
                self.alias_budget_used += size(&value);
                if self.alias_budget_used > ALIAS_BUDGET {
                    self.fail(
                        line,
                        "aliases expand to more than a million nodes".to_string(),
                    );
                    return;
                }
                if let Some(pointer) = self.next_pointer() {
                    self.lines.entry(pointer).or_insert(line);
                }
                self.complete(value, 0, line);
            }
            Event::Nothing
            | Event::StreamStart
            | Event::StreamEnd
            | Event::DocumentStart
            | Event::DocumentEnd => {}
        }
    }
}

fn size(value: &Value) -> usize {
    match value {
        Value::Array(items) => 1 + items.iter().map(size).sum::<usize>(),
        Value::Object(map) => 1 + map.values().map(size).sum::<usize>(),
        _ => 1,
    }
}

/// Resolve a scalar with the YAML 1.2 core schema (plus the 1.1 booleans `True`/`FALSE`).
fn scalar(text: &str, style: TScalarStyle, tag: Option<&Tag>) -> Result<Value, String> {
    if let Some(tag) = tag {
        if tag.handle == "!!" || tag.handle == "tag:yaml.org,2002:" {
            return match tag.suffix.as_str() {
                "str" => Ok(Value::String(text.to_string())),
                "null" => Ok(Value::Null),
                "bool" => match plain(text) {
                    value @ Value::Bool(_) => Ok(value),
                    _ => Err(format!("`{text}` is not a !!bool")),
                },
                "int" | "float" => match plain(text) {
                    value @ Value::Number(_) => Ok(value),
                    _ => Err(format!("`{text}` is not a !!{}", tag.suffix)),
                },
                other => Err(format!("unsupported tag `!!{other}`")),
            };
        }
        return Ok(Value::String(text.to_string()));
    }
    if style != TScalarStyle::Plain {
        return Ok(Value::String(text.to_string()));
    }
    Ok(plain(text))
}

fn plain(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if let Some(hex) = text.strip_prefix("0x")
        && let Ok(n) = i64::from_str_radix(hex, 16)
    {
        return Value::Number(n.into());
    }
    if let Some(oct) = text.strip_prefix("0o")
        && let Ok(n) = i64::from_str_radix(oct, 8)
    {
        return Value::Number(n.into());
    }
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        let unsigned = text.strip_prefix('+').unwrap_or(text);
        if let Ok(n) = unsigned.parse::<i64>() {
            return Value::Number(n.into());
        }
        if let Ok(n) = unsigned.parse::<u64>() {
            return Value::Number(n.into());
        }
    }
    let looks_numeric = digits
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_digit() || b == b'.')
        && digits
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'));
    if looks_numeric
        && let Ok(f) = text.parse::<f64>()
        && let Some(n) = Number::from_f64(f)
    {
        return Value::Number(n);
    }
    Value::String(text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_lines() {
        let doc = load(
            "openapi: 3.0.3\npaths:\n  /a/{id}:\n    get:\n      responses:\n        200:\n          description: ok\n      tags: [x, 'y']\nn: 1.5\nb: yes\nq: '1'\ne:\n",
        )
        .unwrap();
        assert_eq!(doc.value["openapi"], "3.0.3");
        assert_eq!(doc.value["n"], 1.5);
        assert_eq!(doc.value["b"], "yes");
        assert_eq!(doc.value["q"], "1");
        assert_eq!(doc.value["e"], Value::Null);
        assert_eq!(
            doc.value["paths"]["/a/{id}"]["get"]["responses"]["200"]["description"],
            "ok"
        );
        assert_eq!(doc.lines.line("/paths/~1a~1{id}/get"), 4);
        assert_eq!(doc.lines.line("/paths/~1a~1{id}/get/responses/200"), 6);
        assert_eq!(doc.lines.line("/paths/~1a~1{id}/get/tags/1"), 8);
        assert_eq!(doc.lines.line("/paths/~1a~1{id}/get/tags/7"), 8);
        assert_eq!(doc.lines.line("/nope/deeper"), 1);
        assert_eq!(doc.lines.line("/n"), 9);
    }

    #[test]
    fn errors_have_lines() {
        let error = load("a: 1\nb: [1, 2\nc: 3\n").unwrap_err();
        assert!(error.line >= 2, "{error}");
        let error = load("a: 1\na: 2\n").unwrap_err();
        assert_eq!(error.line, 2);
        assert!(error.message.contains("duplicate key"));
        let error = load("a: *nope\n").unwrap_err();
        assert_eq!(error.line, 1);
    }

    #[test]
    fn anchors_and_aliases() {
        let doc = load("a: &x {k: 1}\nb: *x\n").unwrap();
        assert_eq!(doc.value["b"]["k"], 1);
        assert_eq!(doc.lines.line("/b/k"), 2);
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for src in [
            "",
            "---",
            "- a\n- b",
            ":",
            "? [a]\n: b\n",
            "a: b: c",
            "\t",
            "{",
            "]",
            "a: |\n  x\n",
            "--- a\n--- b\n",
            "&a a: b",
            "*a",
            "!!binary abc",
            "a: !!int x",
        ] {
            let _ = load(src);
        }
    }
}
