//! What `cargo xtask pages` reads from an API reference page: one operation, its parameters,
//! request and response fields (nested by the tables' captions), examples and status codes.

use std::fmt;

use serde_json::{Value, json};

/// The form a page came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Text with `|`-terminated cells and a `---|---|` rule (the Huawei Cloud page as text).
    PipeText,
    /// Text with a cell per line after `Parameter / Mandatory / Type / Description` and
    /// `Table N` captions (the Open Telekom Cloud page as text).
    CellText,
    /// reStructuredText with grid or simple tables, `.. table::` captions and `code-block`s.
    Rst,
}

impl Form {
    pub fn id(self) -> &'static str {
        match self {
            Form::PipeText => "text-pipe-tables",
            Form::CellText => "text-cell-per-line",
            Form::Rst => "rst",
        }
    }
}

/// The language of the page's prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    Chinese,
    English,
}

impl Language {
    pub fn id(self) -> &'static str {
        match self {
            Language::Chinese => "zh",
            Language::English => "en",
        }
    }
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Location {
    Path,
    Query,
    Header,
}

impl Location {
    /// As OpenAPI's `in` says it.
    pub fn id(self) -> &'static str {
        match self {
            Location::Path => "path",
            Location::Query => "query",
            Location::Header => "header",
        }
    }
}

/// A type as the pages write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Type {
    String,
    Integer,
    Long,
    Boolean,
    /// `Number`, `Float`, `Double`, `BigDecimal`: the word the page used.
    Number(String),
    /// `X object` (with the table name `X`) or a bare `Object`.
    Object(Option<String>),
    /// `Array of X objects`, `Array of strings`, `List<String>`.
    Array(Box<Type>),
    /// `Map<String,X>`: the type of the values.
    Map(Box<Type>),
    /// Anything else, as written.
    Other(String),
}

impl Type {
    /// Read a type cell (inline markup already removed).
    pub fn parse(text: &str) -> Type {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let lower = text.to_ascii_lowercase();
        if let Some(inner) = lower
            .strip_prefix("array of ")
            .map(|_| &text["array of ".len()..])
        {
            let inner = inner.trim();
            let inner = strip_suffix_ci(inner, " objects")
                .or_else(|| strip_suffix_ci(inner, " object"))
                .map(|name| Type::Object(Some(name.trim().to_string())));
            return Type::Array(Box::new(match inner {
                Some(object) => object,
                None => {
                    let word = text["array of ".len()..].trim();
                    Type::parse_scalar(word).unwrap_or_else(|| {
                        if is_identifier(word) {
                            Type::Object(Some(word.to_string()))
                        } else {
                            Type::Other(word.to_string())
                        }
                    })
                }
            }));
        }
        for (open, close) in [("list<", ">"), ("array<", ">")] {
            if lower.starts_with(open) && lower.ends_with(close) {
                let inner = &text[open.len()..text.len() - close.len()];
                return Type::Array(Box::new(Type::parse(inner)));
            }
        }
        if lower.starts_with("map<") && lower.ends_with('>') {
            let inner = &text[4..text.len() - 1];
            let value = inner.split_once(',').map(|(_, v)| v).unwrap_or("String");
            return Type::Map(Box::new(Type::parse(value.trim())));
        }
        if lower == "object" || lower == "json object" {
            return Type::Object(None);
        }
        if let Some(name) = strip_suffix_ci(&text, " object") {
            let name = name.trim();
            if is_identifier(name) {
                return Type::Object(Some(name.to_string()));
            }
        }
        if let Some(scalar) = Type::parse_scalar(&text) {
            return scalar;
        }
        Type::Other(text)
    }

    fn parse_scalar(word: &str) -> Option<Type> {
        let lower = word.to_ascii_lowercase();
        let singular = lower.strip_suffix('s').unwrap_or(&lower);
        Some(match singular {
            "string" => Type::String,
            "integer" | "int" | "int32" => Type::Integer,
            "long" | "int64" => Type::Long,
            "boolean" | "bool" => Type::Boolean,
            "number" | "float" | "double" | "bigdecimal" => Type::Number(word.to_string()),
            _ => return None,
        })
    }

    /// Whether a cell reads as a type (used to find where a row starts in cell-per-line text).
    pub fn is_known(&self) -> bool {
        match self {
            Type::Other(_) => false,
            Type::Array(inner) | Type::Map(inner) => inner.is_known(),
            _ => true,
        }
    }

    /// The object table this type refers to: `X object` or `Array of X objects`.
    pub fn object_name(&self) -> Option<&str> {
        match self {
            Type::Object(Some(name)) => Some(name),
            Type::Array(inner) | Type::Map(inner) => inner.object_name(),
            _ => None,
        }
    }
}

fn strip_suffix_ci<'a>(text: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = text.len().checked_sub(suffix.len())?;
    (text.is_char_boundary(cut) && text[cut..].eq_ignore_ascii_case(suffix)).then(|| &text[..cut])
}

/// A name made of ASCII letters, digits, `_`, `-` and `.`, starting with a letter or `_`.
pub fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Type::String => f.write_str("String"),
            Type::Integer => f.write_str("Integer"),
            Type::Long => f.write_str("Long"),
            Type::Boolean => f.write_str("Boolean"),
            Type::Number(word) => f.write_str(word),
            Type::Object(Some(name)) => write!(f, "{name} object"),
            Type::Object(None) => f.write_str("Object"),
            Type::Array(inner) => match inner.as_ref() {
                Type::Object(Some(name)) => write!(f, "Array of {name} objects"),
                other => write!(f, "Array of {other}"),
            },
            Type::Map(inner) => write!(f, "Map<String,{inner}>"),
            Type::Other(text) => f.write_str(text),
        }
    }
}

/// A path, query or header parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    pub name: String,
    pub location: Location,
    pub mandatory: bool,
    pub ty: Type,
    pub description: String,
    /// The values the description lists (`-  **en-us**`, `• zh-cn`, `- FULL: ...`).
    pub values: Vec<String>,
    pub line: usize,
}

/// A field of a request or response body.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    /// `None` when the table has no Mandatory column (response tables).
    pub mandatory: Option<bool>,
    pub ty: Type,
    pub description: String,
    pub values: Vec<String>,
    pub line: usize,
    /// The fields of the object it holds, when the page has that object's table.
    pub fields: Option<Vec<Field>>,
}

/// The fields of a body, from its top-level table.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    pub line: usize,
    pub fields: Vec<Field>,
}

/// An example body, parsed as JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub line: usize,
    pub value: Value,
}

/// One status code of the page: where it is listed, its description, table and examples.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub status: String,
    pub line: usize,
    pub description: Option<String>,
    pub body: Option<Body>,
    pub examples: Vec<Example>,
}

/// Something on the page that could not be read (an example that is not JSON).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub message: String,
    /// The response status whose example it is; `None` for the request's.
    pub status: Option<String>,
}

/// One operation, as a page describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub form: Form,
    pub language: Language,
    pub title: Option<String>,
    /// The "Function" paragraph.
    pub function: Option<String>,
    /// The official SDK's name for the operation when the page gives it (SDK sample code, the
    /// reStructuredText page's `:original_name:`).
    pub operation_id: Option<String>,
    pub method: String,
    pub path: String,
    /// The line of `METHOD /path`.
    pub line: usize,
    pub params: Vec<Param>,
    pub request: Option<Body>,
    pub request_examples: Vec<Example>,
    /// Sorted by status.
    pub responses: Vec<Response>,
    pub problems: Vec<Problem>,
}

impl Page {
    /// Whether the page lists a parameter or a field (at any depth) named `name`.
    pub fn lists(&self, name: &str) -> bool {
        fn in_fields(fields: &[Field], name: &str) -> bool {
            fields.iter().any(|f| {
                f.name == name || f.fields.as_deref().is_some_and(|sub| in_fields(sub, name))
            })
        }
        self.params.iter().any(|p| p.name == name)
            || self
                .request
                .as_ref()
                .is_some_and(|b| in_fields(&b.fields, name))
            || self
                .responses
                .iter()
                .filter_map(|r| r.body.as_ref())
                .any(|b| in_fields(&b.fields, name))
    }

    pub fn response(&self, status: &str) -> Option<&Response> {
        self.responses.iter().find(|r| r.status == status)
    }

    /// A plain JSON rendering (snapshots, `--format json` of a parsed page).
    pub fn to_json(&self) -> Value {
        json!({
            "form": self.form.id(),
            "language": self.language.id(),
            "title": self.title,
            "function": self.function,
            "operation_id": self.operation_id,
            "method": self.method,
            "path": self.path,
            "line": self.line,
            "params": self.params.iter().map(|p| json!({
                "name": p.name,
                "in": p.location.id(),
                "mandatory": p.mandatory,
                "type": p.ty.to_string(),
                "values": p.values,
                "description": p.description,
                "line": p.line,
            })).collect::<Vec<_>>(),
            "request": self.request.as_ref().map(body_json),
            "request_examples": self.request_examples.iter().map(example_json).collect::<Vec<_>>(),
            "responses": self.responses.iter().map(|r| json!({
                "status": r.status,
                "line": r.line,
                "description": r.description,
                "body": r.body.as_ref().map(body_json),
                "examples": r.examples.iter().map(example_json).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "problems": self.problems.iter().map(|p| json!({"line": p.line, "message": p.message})).collect::<Vec<_>>(),
        })
    }
}

fn body_json(body: &Body) -> Value {
    json!({ "line": body.line, "fields": fields_json(&body.fields) })
}

fn fields_json(fields: &[Field]) -> Value {
    Value::Array(
        fields
            .iter()
            .map(|f| {
                json!({
                    "name": f.name,
                    "mandatory": f.mandatory,
                    "type": f.ty.to_string(),
                    "values": f.values,
                    "description": f.description,
                    "line": f.line,
                    "fields": f.fields.as_deref().map(fields_json),
                })
            })
            .collect(),
    )
}

fn example_json(example: &Example) -> Value {
    json!({ "line": example.line, "value": example.value })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types() {
        assert_eq!(Type::parse("String"), Type::String);
        assert_eq!(Type::parse("Long"), Type::Long);
        assert_eq!(
            Type::parse("Array of GetUpgradeDetailInfo objects"),
            Type::Array(Box::new(Type::Object(Some("GetUpgradeDetailInfo".into()))))
        );
        assert_eq!(
            Type::parse("Array of strings"),
            Type::Array(Box::new(Type::String))
        );
        assert_eq!(
            Type::parse("Array of String"),
            Type::Array(Box::new(Type::String))
        );
        assert_eq!(
            Type::parse("GetTargetImageIdDetail object"),
            Type::Object(Some("GetTargetImageIdDetail".into()))
        );
        assert_eq!(
            Type::parse("Map<String,String>"),
            Type::Map(Box::new(Type::String))
        );
        assert_eq!(
            Type::parse("Map<String, Integer>"),
            Type::Map(Box::new(Type::Integer))
        );
        assert_eq!(Type::parse("Object"), Type::Object(None));
        assert_eq!(Type::parse("Yes"), Type::Other("Yes".into()));
        assert!(!Type::parse("Project ID.").is_known());
        for text in [
            "Array of GetUpgradeDetailInfo objects",
            "Map<String,String>",
            "X object",
            "Integer",
        ] {
            assert_eq!(Type::parse(text).to_string(), text);
        }
    }
}
