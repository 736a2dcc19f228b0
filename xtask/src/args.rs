//! Command-line flags as the xtask commands take them: `--flag value` or `--flag=value`.

/// One argument: its flag (the whole argument when it has no `=`), and what follows `=`.
pub(crate) struct Flag<'a> {
    /// `--format` of `--format=json`, or the whole argument.
    pub(crate) name: &'a str,
    /// `json` of `--format=json`.
    pub(crate) inline: Option<&'a str>,
    /// The argument as given.
    pub(crate) arg: &'a str,
}

/// A command's arguments, read flag by flag.
pub(crate) struct Flags<'a> {
    rest: std::slice::Iter<'a, String>,
}

impl<'a> Flags<'a> {
    pub(crate) fn new(args: &'a [String]) -> Self {
        Self { rest: args.iter() }
    }

    /// The next argument, split at its first `=` when it is a `--flag`.
    pub(crate) fn next_flag(&mut self) -> Option<Flag<'a>> {
        let arg = self.rest.next()?;
        Some(match arg.split_once('=') {
            Some((name, value)) if name.starts_with("--") => Flag {
                name,
                inline: Some(value),
                arg,
            },
            _ => Flag {
                name: arg,
                inline: None,
                arg,
            },
        })
    }

    /// The value of `flag`: what follows its `=`, else the next argument; never empty.
    pub(crate) fn value(&mut self, flag: &Flag<'a>) -> Result<String, String> {
        flag.inline
            .or_else(|| self.rest.next().map(String::as_str))
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
            .ok_or_else(|| format!("{} needs a value", flag.name))
    }
}
