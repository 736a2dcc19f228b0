//! Profiles: named defaults for the global options (region, cloud, endpoint, project id and the
//! path of a credentials file) in `hwc/profiles.json` under the platform's config directory
//! (`HWC_CONFIG` names another file). `--profile NAME` / `HWC_PROFILE` selects one; flags and
//! environment variables still win. A profile never holds a secret, only the path of a
//! credentials file, which must not be readable by other users.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clap::{Arg, ArgAction, ArgMatches, Command};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::config::{Config, GLOBAL};
use crate::output::{Printer, exit};

/// The variable selecting a profile (`--profile`).
pub const ENV_PROFILE: &str = "HWC_PROFILE";
/// The variable naming the profiles file.
pub const ENV_CONFIG: &str = "HWC_CONFIG";

/// `--profile NAME`, a global option.
pub fn arg() -> Arg {
    Arg::new("profile")
        .long("profile")
        .value_name("NAME")
        .env(ENV_PROFILE)
        .global(true)
        .help_heading(GLOBAL)
        .help("Take the defaults of this profile (`hwc configure` writes and lists them)")
}

/// One profile.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cloud: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credentials_file: Option<PathBuf>,
}

/// The profiles file.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profiles {
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

/// Where the profiles are.
pub fn path() -> Result<PathBuf, String> {
    if let Some(p) = std::env::var_os(ENV_CONFIG).filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    dirs::config_dir()
        .map(|d| d.join("hwc").join("profiles.json"))
        .ok_or_else(|| format!("no config directory: set {ENV_CONFIG}=PATH"))
}

fn load(path: &Path) -> Result<Profiles, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => serde_json::from_str(&text)
            .map_err(|e| format!("{} is not a profiles file: {e}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Profiles::default()),
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    }
}

/// Refuses a credentials file other users can read.
pub fn check_private(path: &Path) -> Result<(), String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = std::fs::metadata(path)
            .map_err(|e| format!("cannot read the credentials file {}: {e}", path.display()))?;
        if meta.permissions().mode() & 0o077 != 0 {
            return Err(format!(
                "the credentials file {} is readable by other users: `chmod 600` it",
                path.display()
            ));
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Fills what the command line and the environment left unset from the selected profile.
pub fn apply(config: &mut Config, matches: &ArgMatches) -> Result<(), String> {
    let Some(name) = matches
        .try_get_one::<String>("profile")
        .ok()
        .flatten()
        .filter(|n| !n.trim().is_empty())
    else {
        return Ok(());
    };
    let path = path()?;
    let profiles = load(&path)?;
    let profile = profiles.profiles.get(name).ok_or_else(|| {
        format!(
            "no profile {name:?} in {} (`hwc configure --profile {name} ...` writes one)",
            path.display()
        )
    })?;
    config.profile = Some(name.clone());
    let fill = |slot: &mut Option<String>, value: &Option<String>| {
        if slot.is_none() {
            *slot = value.clone();
        }
    };
    fill(&mut config.region, &profile.region);
    fill(&mut config.cloud, &profile.cloud);
    fill(&mut config.endpoint, &profile.endpoint);
    fill(&mut config.project_id, &profile.project_id);
    if config.credentials_file.is_none()
        && let Some(file) = &profile.credentials_file
    {
        check_private(file)?;
        config.credentials_file = Some(file.clone());
    }
    Ok(())
}

/// `hwc configure`.
pub fn command() -> Command {
    Command::new("configure")
        .about("Write or list the profiles (--profile NAME with the global options to write one)")
        .long_about(
            "Write a profile: `hwc configure --profile NAME` with any of --region, --cloud, \
             --endpoint, --project-id and --credentials-file PATH stores them as that profile's \
             defaults. Without --profile (or with --list) it lists the profiles. A profile never \
             holds a secret: only the path of a credentials file, which must not be readable by \
             other users. The file is hwc/profiles.json in the platform's config directory \
             (HWC_CONFIG names another).",
        )
        .arg(
            Arg::new("list")
                .long("list")
                .action(ArgAction::SetTrue)
                .help("List the profiles"),
        )
}

/// Runs `hwc configure`.
pub fn run(matches: &ArgMatches) -> u8 {
    let printer = Printer {
        table: matches.get_one::<String>("output").map(String::as_str) == Some("table"),
    };
    let fail = |e: String| {
        eprintln!("error: {e}");
        exit::USAGE
    };
    let path = match path() {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    let mut profiles = match load(&path) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    let name = matches.get_one::<String>("profile").cloned();
    let given = |id: &str| {
        (matches.value_source(id) == Some(clap::parser::ValueSource::CommandLine))
            .then(|| matches.get_one::<String>(id).cloned())
            .flatten()
    };
    match name.filter(|_| !matches.get_flag("list")) {
        Some(name) => {
            let profile = profiles.profiles.entry(name.clone()).or_default();
            for (slot, id) in [
                (&mut profile.region, "region"),
                (&mut profile.cloud, "cloud"),
                (&mut profile.endpoint, "endpoint"),
                (&mut profile.project_id, "project-id"),
            ] {
                if let Some(v) = given(id) {
                    *slot = Some(v);
                }
            }
            if matches.value_source("credentials-file")
                == Some(clap::parser::ValueSource::CommandLine)
                && let Some(file) = matches.get_one::<PathBuf>("credentials-file")
            {
                let file = std::path::absolute(file).unwrap_or_else(|_| file.clone());
                if let Err(e) = check_private(&file) {
                    return fail(e);
                }
                profile.credentials_file = Some(file);
            }
            if let Err(e) = save(&path, &profiles) {
                return fail(e);
            }
            eprintln!("profile {name} written to {}", path.display());
            printer.document(&listing(&profiles));
            exit::DONE
        }
        None => {
            printer.document(&listing(&profiles));
            exit::DONE
        }
    }
}

fn listing(profiles: &Profiles) -> Value {
    Value::Array(
        profiles
            .profiles
            .iter()
            .map(|(name, p)| {
                let mut v = serde_json::to_value(p).unwrap_or_default();
                if let Some(map) = v.as_object_mut() {
                    map.insert("profile".into(), Value::from(name.clone()));
                }
                v
            })
            .collect(),
    )
}

fn save(path: &Path, profiles: &Profiles) -> Result<(), String> {
    let fail = |e: std::io::Error| format!("cannot write {}: {e}", path.display());
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    let text = serde_json::to_string_pretty(profiles).map_err(|e| e.to_string())? + "\n";
    let tmp = path.with_extension("json.tmp");
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    use std::io::Write;
    let mut file = options.open(&tmp).map_err(fail)?;
    file.write_all(text.as_bytes()).map_err(fail)?;
    file.sync_all().map_err(fail)?;
    std::fs::rename(&tmp, path).map_err(fail)
}
