//! What the specs say of each operation, as `cargo xtask generate` writes it into the generated
//! command tree (`CliCommand::spec`), and the help text `hwc` makes of it.

use std::fmt::Write as _;

/// One operation of a spec.
#[derive(Debug)]
pub struct OperationSpec {
    /// The service (`dcs`).
    pub service: &'static str,
    /// The spec's `operationId`, in the official SDK's PascalCase.
    pub operation_id: &'static str,
    /// The command's name: the `operationId` in kebab-case.
    pub name: &'static str,
    /// The spec's summary: one line.
    pub summary: &'static str,
    /// The spec's description, with the clouds that document the operation.
    pub description: &'static str,
    /// Every argument of the command.
    pub args: &'static [ArgSpec],
    /// The arguments of the page's example (`--instance-id 5560df16-...`).
    pub example_args: &'static [&'static str],
    /// The page's example request body, as pretty JSON.
    pub body_example: Option<&'static str>,
    /// The page's example responses.
    pub responses: &'static [ResponseExample],
}

/// One argument of a command: a parameter or a field of the body.
#[derive(Debug)]
pub struct ArgSpec {
    /// The argument's id and long flag (`instance-id`).
    pub id: &'static str,
    /// The spec's description.
    pub description: &'static str,
    /// The spec's example value.
    pub example: Option<&'static str>,
}

/// An example response of the page.
#[derive(Debug)]
pub struct ResponseExample {
    /// The HTTP status.
    pub status: u16,
    /// What the example shows, when the spec names several.
    pub summary: &'static str,
    /// The body, as pretty JSON.
    pub json: &'static str,
}

impl OperationSpec {
    /// The example command line: `hwc dcs change-master-standby-async --instance-id 5560...`.
    pub fn example_command(&self) -> String {
        let mut line = format!("hwc {} {}", self.service, self.name);
        for arg in self.example_args {
            line.push(' ');
            line.push_str(&shell_quote(arg));
        }
        line
    }

    /// The text after `--help`: the page's example command, body and responses.
    pub fn examples_help(&self) -> String {
        let mut out = String::from("Example (from the API reference):\n");
        let _ = writeln!(out, "  $ {}", self.example_command());
        if let Some(body) = self.body_example {
            out.push_str("\nExample request body (--json-body FILE):\n");
            out.push_str(&indent(body));
        }
        for response in self.responses {
            let _ = write!(out, "\nExample response ({}", response.status);
            if !response.summary.is_empty() {
                let _ = write!(out, ", {}", response.summary);
            }
            out.push_str("):\n");
            out.push_str(&indent(response.json));
        }
        if self.responses.is_empty() {
            out.push_str("\nResponse: no body; hwc prints `null`.\n");
        }
        out
    }

    /// The help of one argument: the spec's description and example.
    pub fn arg_help(&self, id: &str) -> Option<String> {
        let arg = self.args.iter().find(|a| a.id == id)?;
        let mut help = arg.description.to_owned();
        if let Some(example) = arg.example {
            if !help.is_empty() {
                help.push(' ');
            }
            let _ = write!(help, "Example: {}", shell_quote(example));
        }
        Some(help)
    }
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("  {l}\n")).collect()
}

/// Quotes a value for a POSIX shell when it needs it.
pub fn shell_quote(value: &str) -> String {
    let plain = !value.is_empty()
        && value.chars().all(|c| {
            c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | ':' | '=' | ',' | '@')
        });
    if plain {
        value.to_owned()
    } else {
        format!("'{}'", value.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_quoted_only_when_needed() {
        assert_eq!(shell_quote("5560df16-cebf"), "5560df16-cebf");
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote(""), "''");
    }
}
