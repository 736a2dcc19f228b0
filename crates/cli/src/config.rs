//! Where requests go and how they are signed: flags, then environment variables, then defaults.
//! Credentials come only from the environment or a file, never from a flag's value (it would land
//! in the shell's history and in `ps`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use clap::{Arg, ArgAction, ArgMatches};
use hwcloud_core::credentials::{
    ENV_AK, ENV_AK_FALLBACK, ENV_PROJECT_ID, ENV_SECURITY_TOKEN, ENV_SK, ENV_SK_FALLBACK,
};
use hwcloud_core::{Algorithm, ClientBuilder, Credentials, Region};

/// The variable holding an IAM token, used when no AK/SK is set.
pub const ENV_IAM_TOKEN: &str = "HWC_IAM_TOKEN";
/// Default region (`--region`).
pub const ENV_REGION: &str = "HWC_REGION";
/// Default cloud (`--cloud`).
pub const ENV_CLOUD: &str = "HWC_CLOUD";
/// Default endpoint (`--endpoint`).
pub const ENV_ENDPOINT: &str = "HWC_ENDPOINT";
/// Default signing algorithm (`--algorithm`).
pub const ENV_ALGORITHM: &str = "HWC_ALGORITHM";
/// Default credentials file (`--credentials-file`).
pub const ENV_CREDENTIALS_FILE: &str = "HWC_CREDENTIALS_FILE";
/// Default output format (`--output`).
pub const ENV_OUTPUT: &str = "HWC_OUTPUT";

/// The heading of the options every command takes.
pub const GLOBAL: &str = "Global options";

/// The global options: where to send, how to sign, how to print.
pub fn global_args() -> Vec<Arg> {
    let global = |arg: Arg| arg.global(true).help_heading(GLOBAL).hide_env_values(true);
    vec![
        global(
            Arg::new("region")
                .long("region")
                .value_name("REGION")
                .env(ENV_REGION)
                .help("Region, such as cn-north-4 or eu-de; selects each service's endpoint"),
        ),
        global(
            Arg::new("cloud")
                .long("cloud")
                .value_name("CLOUD")
                .env(ENV_CLOUD)
                .value_parser(["huawei", "otc"])
                .help(
                    "Huawei Cloud or Open Telekom Cloud [default: otc for eu-de and eu-nl, \
                     else huawei]",
                ),
        ),
        global(
            Arg::new("endpoint")
                .long("endpoint")
                .value_name("URL")
                .env(ENV_ENDPOINT)
                .help(
                    "Send to this endpoint instead of the region's (HTTPS, or plain HTTP to a \
                     loopback address such as `hwc sim`'s)",
                ),
        ),
        global(
            Arg::new("project-id")
                .long("project-id")
                .value_name("PROJECT_ID")
                .env(ENV_PROJECT_ID)
                .help("Project id, filled into every path"),
        ),
        global(
            Arg::new("algorithm")
                .long("algorithm")
                .value_name("ALGORITHM")
                .env(ENV_ALGORITHM)
                .value_parser(["sdk-hmac-sha256", "sdk-hmac-sm3", "v11-hmac-sha256"])
                .default_value("sdk-hmac-sha256")
                .help("How AK/SK requests are signed (v11-hmac-sha256 needs --region)"),
        ),
        global(
            Arg::new("credentials-file")
                .long("credentials-file")
                .value_name("PATH")
                .env(ENV_CREDENTIALS_FILE)
                .value_parser(clap::value_parser!(PathBuf))
                .help(
                    "Read the credential variables from this file (NAME=value lines) instead of \
                     the environment",
                ),
        ),
        global(
            Arg::new("output")
                .long("output")
                .short('o')
                .value_name("FORMAT")
                .env(ENV_OUTPUT)
                .value_parser(["json", "table"])
                .default_value("json")
                .help("json: one JSON document on stdout; table: for people"),
        ),
        global(
            Arg::new("quiet")
                .long("quiet")
                .short('q')
                .action(ArgAction::SetTrue)
                .help("No progress on stderr (errors are still printed)"),
        ),
    ]
}

/// What the global options resolved to.
#[derive(Clone, Debug)]
pub struct Config {
    pub region: Option<String>,
    pub cloud: Option<String>,
    pub endpoint: Option<String>,
    pub project_id: Option<String>,
    pub algorithm: String,
    pub credentials_file: Option<PathBuf>,
    pub table: bool,
    pub quiet: bool,
    /// `--dry-run`: where the client hands its requests instead of sending them.
    pub dry_run: Option<Sink>,
    /// `--profile`: the profile the defaults came from.
    pub profile: Option<String>,
}

/// A configuration that cannot work: a usage error (exit 2).
#[derive(Debug)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Reads the global options of a command line (flags and their environment variables).
    pub fn from_matches(matches: &ArgMatches) -> Self {
        let text = |id: &str| {
            matches
                .get_one::<String>(id)
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
        };
        Self {
            region: text("region"),
            cloud: text("cloud"),
            endpoint: text("endpoint"),
            project_id: text("project-id"),
            algorithm: text("algorithm").unwrap_or_else(|| "sdk-hmac-sha256".to_owned()),
            credentials_file: matches.get_one::<PathBuf>("credentials-file").cloned(),
            table: matches.get_one::<String>("output").map(String::as_str) == Some("table"),
            quiet: matches.get_flag("quiet"),
            dry_run: None,
            profile: None,
        }
    }

    /// The region, in its cloud.
    fn region(&self) -> Result<Option<Region>, ConfigError> {
        let Some(id) = &self.region else {
            return Ok(None);
        };
        let cloud = match self.cloud.as_deref() {
            Some("otc") => "otc",
            Some(_) => "huawei",
            None if id.starts_with("eu-de") || id.starts_with("eu-nl") => "otc",
            None => "huawei",
        };
        Ok(Some(if cloud == "otc" {
            Region::open_telekom_cloud(id.clone())
        } else {
            Region::huawei_cloud(id.clone())
        }))
    }

    /// The credentials: from `--credentials-file`, else the environment.
    pub fn credentials(&self) -> Result<Credentials, ConfigError> {
        match &self.credentials_file {
            Some(path) => {
                let vars = read_credentials_file(path)?;
                credentials_from(|name| vars.get(name).cloned())
                    .map_err(|e| ConfigError(format!("{} (in {})", e.0, path.display())))
            }
            None => credentials_from(|name| std::env::var(name).ok()),
        }
    }

    /// Configures a client builder: endpoint or region, credentials, project id, algorithm.
    pub fn configure<C>(
        &self,
        builder: ClientBuilder<C>,
        service: &str,
    ) -> Result<ClientBuilder<C>, ConfigError> {
        let region = self.region()?;
        let mut builder = match (&self.endpoint, &region) {
            (Some(url), _) => builder.endpoint(url.clone()),
            (None, Some(region)) => builder.region(region.clone()),
            (None, None) => {
                return Err(ConfigError(format!(
                    "no region: pass --region (or set {ENV_REGION}), or --endpoint URL (or set \
                     {ENV_ENDPOINT})"
                )));
            }
        };
        builder = builder.credentials(self.credentials()?);
        if let Some(project_id) = &self.project_id {
            builder = builder.project_id(project_id.clone());
        }
        let algorithm = match self.algorithm.as_str() {
            "sdk-hmac-sm3" => Algorithm::SdkHmacSm3,
            "v11-hmac-sha256" => {
                let region = self.region.clone().ok_or_else(|| {
                    ConfigError("--algorithm v11-hmac-sha256 needs --region".to_owned())
                })?;
                Algorithm::derived(region, service)
            }
            _ => Algorithm::SdkHmacSha256,
        };
        if let Some(sink) = &self.dry_run {
            let sink = sink.0.clone();
            builder = builder.dry_run(move |request| sink(request));
        }
        Ok(builder.algorithm(algorithm))
    }
}

/// Credentials from variables read through `lookup`: AK/SK (with a security token), else an IAM
/// token.
fn credentials_from(lookup: impl Fn(&str) -> Option<String>) -> Result<Credentials, ConfigError> {
    let set = |name: &str| lookup(name).filter(|v| !v.is_empty()).is_some();
    let any_aksk = [ENV_AK, ENV_SK, ENV_AK_FALLBACK, ENV_SK_FALLBACK]
        .iter()
        .any(|n| set(n));
    if !any_aksk && let Some(token) = lookup(ENV_IAM_TOKEN).filter(|t| !t.trim().is_empty()) {
        return Ok(Credentials::iam_token(token.trim()));
    }
    Credentials::from_env_with(&lookup).map_err(|e| {
        ConfigError(format!(
            "{e}; or {ENV_IAM_TOKEN} for an IAM token, with {ENV_SECURITY_TOKEN} for temporary \
             AK/SK; or --credentials-file PATH"
        ))
    })
}

/// Reads `NAME=value` lines (`#` comments, an optional `export `, optional quotes).
fn read_credentials_file(path: &Path) -> Result<HashMap<String, String>, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        ConfigError(format!(
            "cannot read the credentials file {}: {e}",
            path.display()
        ))
    })?;
    warn_if_readable_by_others(path);
    let mut vars = HashMap::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let line = line.strip_prefix("export ").unwrap_or(line);
        let Some((name, value)) = line.split_once('=') else {
            // Never echo the line: it may hold a secret.
            return Err(ConfigError(format!(
                "{}:{}: expected NAME=value",
                path.display(),
                number + 1
            )));
        };
        let value = value.trim();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
            .unwrap_or(value);
        vars.insert(name.trim().to_owned(), value.to_owned());
    }
    Ok(vars)
}

#[cfg(unix)]
fn warn_if_readable_by_others(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(meta) = std::fs::metadata(path)
        && meta.permissions().mode() & 0o077 != 0
    {
        eprintln!(
            "warning: {} is readable by other users; `chmod 600` it",
            path.display()
        );
    }
}

#[cfg(not(unix))]
fn warn_if_readable_by_others(_: &Path) {}

/// Where a dry run's client hands its request (see `hwcloud_core::ClientBuilder::dry_run`).
#[derive(Clone)]
pub struct Sink(
    pub std::sync::Arc<dyn Fn(&hwcloud_core::__private::reqwest::Request) + Send + Sync>,
);

impl std::fmt::Debug for Sink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sink")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| map.get(name).cloned()
    }

    #[test]
    fn aksk_wins_over_an_iam_token() {
        let creds = credentials_from(vars(&[
            (ENV_AK, "AK1"),
            (ENV_SK, "SK1"),
            (ENV_IAM_TOKEN, "T"),
        ]))
        .unwrap();
        assert_eq!(creds.as_aksk().map(|a| a.access_key()), Some("AK1"));
        let creds = credentials_from(vars(&[(ENV_IAM_TOKEN, "T")])).unwrap();
        assert!(creds.as_aksk().is_none());
    }

    #[test]
    fn missing_credentials_name_every_variable() {
        let err = credentials_from(vars(&[])).unwrap_err().0;
        for name in [ENV_AK, ENV_SK, ENV_AK_FALLBACK, ENV_IAM_TOKEN] {
            assert!(err.contains(name), "{err}");
        }
    }

    #[test]
    fn credentials_files_take_export_lines_and_quotes() {
        let dir = std::env::temp_dir().join(format!("hwc-creds-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("creds");
        std::fs::write(
            &path,
            "# comment\nexport HUAWEICLOUD_SDK_AK=\"AK9\"\nHUAWEICLOUD_SDK_SK='s k'\n",
        )
        .unwrap();
        let vars = read_credentials_file(&path).unwrap();
        assert_eq!(vars["HUAWEICLOUD_SDK_AK"], "AK9");
        assert_eq!(vars["HUAWEICLOUD_SDK_SK"], "s k");
        std::fs::write(&path, "HUAWEICLOUD_SDK_SK secret-value\n").unwrap();
        let err = read_credentials_file(&path).unwrap_err().0;
        assert!(!err.contains("secret-value"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
