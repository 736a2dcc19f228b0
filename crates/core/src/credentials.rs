//! Credentials: a permanent or temporary AK/SK pair, or an IAM token.
//!
//! Secrets are held in [`secrecy::SecretString`], and neither `Debug` nor `Display` of any type here
//! prints them: only the access key id (which is not secret, it is sent in every `Authorization`
//! header) is shown.
//!
//! [`Credentials::from_env`] reads the variable names of the official SDKs, and the names used by the
//! code samples of the API reference pages as a fallback. Every reader has a `*_with` twin that takes
//! a lookup function instead of reading the process environment, so tests need not mutate it.

use std::fmt;

use secrecy::{ExposeSecret, SecretString};

/// Access key id variable of the official SDKs.
pub const ENV_AK: &str = "HUAWEICLOUD_SDK_AK";
/// Secret access key variable of the official SDKs.
pub const ENV_SK: &str = "HUAWEICLOUD_SDK_SK";
/// Access key id variable used by the code samples of the API reference pages.
pub const ENV_AK_FALLBACK: &str = "CLOUD_SDK_AK";
/// Secret access key variable used by the code samples of the API reference pages.
pub const ENV_SK_FALLBACK: &str = "CLOUD_SDK_SK";
/// Security token of temporary credentials (official SDK name).
pub const ENV_SECURITY_TOKEN: &str = "HUAWEICLOUD_SDK_SECURITY_TOKEN";
/// Project id (official SDK name).
pub const ENV_PROJECT_ID: &str = "HUAWEICLOUD_SDK_PROJECT_ID";

/// Why credentials (or a project id) could not be read from the environment.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CredentialsError {
    /// One required variable is unset or empty.
    #[error("environment variable {name} is not set (or is empty)")]
    MissingVariable {
        /// The variable's name.
        name: &'static str,
    },
    /// None of the accepted variables is set.
    #[error(
        "no credentials in the environment: set {}",
        describe_alternatives(names)
    )]
    MissingCredentials {
        /// The accepted variables, as (access key variable, secret key variable) pairs, preferred first.
        names: Vec<(&'static str, &'static str)>,
    },
    /// A variable is set but its value is not valid Unicode.
    #[error("environment variable {name} is not valid Unicode")]
    NotUnicode {
        /// The variable's name.
        name: &'static str,
    },
}

fn describe_alternatives(names: &[(&'static str, &'static str)]) -> String {
    names
        .iter()
        .map(|(ak, sk)| format!("{ak} and {sk}"))
        .collect::<Vec<_>>()
        .join(" (or ")
        + &")".repeat(names.len().saturating_sub(1))
}

/// A permanent AK/SK pair, or a temporary one with its security token.
#[derive(Clone)]
pub struct AkSk {
    access_key: String,
    secret_key: SecretString,
    security_token: Option<SecretString>,
}

impl AkSk {
    /// A permanent access key pair.
    pub fn new(access_key: impl Into<String>, secret_key: impl Into<String>) -> Self {
        Self {
            access_key: access_key.into(),
            secret_key: SecretString::from(secret_key.into()),
            security_token: None,
        }
    }

    /// Temporary credentials: the signer adds (and signs) an `X-Security-Token` header.
    pub fn with_security_token(mut self, token: impl Into<String>) -> Self {
        self.security_token = Some(SecretString::from(token.into()));
        self
    }

    /// The access key id (not secret: it is sent in the `Authorization` header).
    pub fn access_key(&self) -> &str {
        &self.access_key
    }

    /// The secret access key.
    pub fn secret_key(&self) -> &SecretString {
        &self.secret_key
    }

    /// The security token of temporary credentials.
    pub fn security_token(&self) -> Option<&SecretString> {
        self.security_token.as_ref()
    }
}

impl fmt::Debug for AkSk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AkSk")
            .field("access_key", &self.access_key)
            .field("secret_key", &Redacted)
            .field(
                "security_token",
                &self.security_token.as_ref().map(|_| Redacted),
            )
            .finish()
    }
}

impl fmt::Display for AkSk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.security_token.is_some() {
            write!(f, "temporary AK/SK (access key {})", self.access_key)
        } else {
            write!(f, "AK/SK (access key {})", self.access_key)
        }
    }
}

/// An IAM token, sent as `X-Auth-Token`.
#[derive(Clone)]
pub struct IamToken(SecretString);

impl IamToken {
    /// Wraps a token obtained from IAM.
    pub fn new(token: impl Into<String>) -> Self {
        Self(SecretString::from(token.into()))
    }

    /// The token.
    pub fn secret(&self) -> &SecretString {
        &self.0
    }
}

impl fmt::Debug for IamToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("IamToken").field(&Redacted).finish()
    }
}

/// Prints `[REDACTED]` in place of a secret.
struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

/// How requests are authenticated.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Credentials {
    /// Requests are signed with an access key pair (AK/SK signing).
    AkSk(AkSk),
    /// Requests carry an IAM token in `X-Auth-Token`.
    IamToken(IamToken),
}

impl Credentials {
    /// Permanent AK/SK credentials.
    pub fn aksk(access_key: impl Into<String>, secret_key: impl Into<String>) -> Self {
        Self::AkSk(AkSk::new(access_key, secret_key))
    }

    /// Temporary AK/SK credentials with their security token.
    pub fn temporary(
        access_key: impl Into<String>,
        secret_key: impl Into<String>,
        security_token: impl Into<String>,
    ) -> Self {
        Self::AkSk(AkSk::new(access_key, secret_key).with_security_token(security_token))
    }

    /// IAM token credentials.
    pub fn iam_token(token: impl Into<String>) -> Self {
        Self::IamToken(IamToken::new(token))
    }

    /// The AK/SK pair, if these are AK/SK credentials.
    pub fn as_aksk(&self) -> Option<&AkSk> {
        match self {
            Self::AkSk(aksk) => Some(aksk),
            Self::IamToken(_) => None,
        }
    }

    /// Reads AK/SK credentials from the process environment.
    ///
    /// `HUAWEICLOUD_SDK_AK` / `HUAWEICLOUD_SDK_SK` (the official SDKs' names) are used when either is
    /// set; otherwise `CLOUD_SDK_AK` / `CLOUD_SDK_SK` (the names of the API pages' samples). The two
    /// halves of a pair are never mixed across the two naming schemes. `HUAWEICLOUD_SDK_SECURITY_TOKEN`,
    /// when set, makes them temporary credentials. Empty values count as unset.
    pub fn from_env() -> Result<Self, CredentialsError> {
        Self::from_lookup(process_env)
    }

    /// [`Credentials::from_env`] reading variables through `lookup` instead of the process
    /// environment (`lookup(name)` returns the variable's value, `None` when unset).
    pub fn from_env_with(
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, CredentialsError> {
        Self::from_lookup(|name| Ok(lookup(name)))
    }

    fn from_lookup(
        lookup: impl Fn(&'static str) -> Result<Option<String>, CredentialsError>,
    ) -> Result<Self, CredentialsError> {
        let get = |name: &'static str| -> Result<Option<String>, CredentialsError> {
            Ok(lookup(name)?.filter(|v| !v.is_empty()))
        };
        let pairs = [(ENV_AK, ENV_SK), (ENV_AK_FALLBACK, ENV_SK_FALLBACK)];
        for (ak_name, sk_name) in pairs {
            let (ak, sk) = (get(ak_name)?, get(sk_name)?);
            let aksk = match (ak, sk) {
                (None, None) => continue,
                (Some(ak), Some(sk)) => AkSk::new(ak, sk),
                (None, Some(_)) => return Err(CredentialsError::MissingVariable { name: ak_name }),
                (Some(_), None) => return Err(CredentialsError::MissingVariable { name: sk_name }),
            };
            let aksk = match get(ENV_SECURITY_TOKEN)? {
                Some(token) => aksk.with_security_token(token),
                None => aksk,
            };
            return Ok(Self::AkSk(aksk));
        }
        Err(CredentialsError::MissingCredentials {
            names: pairs.to_vec(),
        })
    }
}

impl From<AkSk> for Credentials {
    fn from(aksk: AkSk) -> Self {
        Self::AkSk(aksk)
    }
}

impl From<IamToken> for Credentials {
    fn from(token: IamToken) -> Self {
        Self::IamToken(token)
    }
}

impl fmt::Display for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::AkSk(aksk) => fmt::Display::fmt(aksk, f),
            Self::IamToken(_) => f.write_str("IAM token"),
        }
    }
}

/// Reads the project id from `HUAWEICLOUD_SDK_PROJECT_ID`.
pub fn project_id_from_env() -> Result<String, CredentialsError> {
    project_id_from_lookup(process_env)
}

/// [`project_id_from_env`] reading the variable through `lookup` instead of the process environment.
pub fn project_id_from_env_with(
    lookup: impl Fn(&str) -> Option<String>,
) -> Result<String, CredentialsError> {
    project_id_from_lookup(|name| Ok(lookup(name)))
}

fn project_id_from_lookup(
    lookup: impl Fn(&'static str) -> Result<Option<String>, CredentialsError>,
) -> Result<String, CredentialsError> {
    lookup(ENV_PROJECT_ID)?
        .filter(|v| !v.is_empty())
        .ok_or(CredentialsError::MissingVariable {
            name: ENV_PROJECT_ID,
        })
}

fn process_env(name: &'static str) -> Result<Option<String>, CredentialsError> {
    match std::env::var(name) {
        Ok(value) => Ok(Some(value)),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => Err(CredentialsError::NotUnicode { name }),
    }
}

/// Exposes a secret as `&str` (crate-internal; keeps `ExposeSecret` calls in one place).
pub(crate) fn expose(secret: &SecretString) -> &str {
    secret.expose_secret()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    const SK: &str = "SKEXAMPLEsecretKey0123456789abcdefghijKL";
    const TOKEN: &str = "gQpjbi1ub3J0aC00EXAMPLE-security-token";

    fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| map.get(name).cloned()
    }

    #[test]
    fn debug_and_display_never_print_secrets() {
        let creds = Credentials::temporary("AKEXAMPLE0123456789A", SK, TOKEN);
        for text in [
            format!("{creds:?}"),
            format!("{creds:#?}"),
            format!("{creds}"),
            format!("{:?}", creds.as_aksk()),
        ] {
            assert!(
                text.contains("AKEXAMPLE0123456789A"),
                "AK missing from {text}"
            );
            assert!(!text.contains(SK), "SK leaked in {text}");
            assert!(!text.contains(TOKEN), "token leaked in {text}");
        }
        let debug = format!("{creds:?}");
        assert!(debug.contains("[REDACTED]"), "{debug}");

        let token = Credentials::iam_token("MIIZ-secret-iam-token");
        for text in [format!("{token:?}"), format!("{token}")] {
            assert!(
                !text.contains("MIIZ-secret-iam-token"),
                "IAM token leaked in {text}"
            );
        }
    }

    #[test]
    fn from_env_prefers_official_names() {
        let creds = Credentials::from_env_with(env(&[
            (ENV_AK, "AK1"),
            (ENV_SK, "SK1"),
            (ENV_AK_FALLBACK, "AK2"),
            (ENV_SK_FALLBACK, "SK2"),
        ]))
        .unwrap();
        let aksk = creds.as_aksk().unwrap();
        assert_eq!(aksk.access_key(), "AK1");
        assert_eq!(expose(aksk.secret_key()), "SK1");
        assert!(aksk.security_token().is_none());
    }

    #[test]
    fn from_env_falls_back_to_sample_names_and_reads_token() {
        let creds = Credentials::from_env_with(env(&[
            (ENV_AK_FALLBACK, "AK2"),
            (ENV_SK_FALLBACK, "SK2"),
            (ENV_SECURITY_TOKEN, "TOK"),
        ]))
        .unwrap();
        let aksk = creds.as_aksk().unwrap();
        assert_eq!(aksk.access_key(), "AK2");
        assert_eq!(expose(aksk.secret_key()), "SK2");
        assert_eq!(aksk.security_token().map(expose), Some("TOK"));
    }

    #[test]
    fn from_env_errors_name_the_variables() {
        let err = Credentials::from_env_with(env(&[])).unwrap_err();
        let msg = err.to_string();
        for name in [ENV_AK, ENV_SK, ENV_AK_FALLBACK, ENV_SK_FALLBACK] {
            assert!(msg.contains(name), "{name} not named in: {msg}");
        }

        let err = Credentials::from_env_with(env(&[(ENV_AK, "AK1")])).unwrap_err();
        assert_eq!(err, CredentialsError::MissingVariable { name: ENV_SK });
        assert!(err.to_string().contains(ENV_SK));

        // Halves of the two naming schemes are not mixed.
        let err = Credentials::from_env_with(env(&[(ENV_SK, "SK1"), (ENV_AK_FALLBACK, "AK2")]))
            .unwrap_err();
        assert_eq!(err, CredentialsError::MissingVariable { name: ENV_AK });

        let err = Credentials::from_env_with(env(&[(ENV_AK_FALLBACK, "AK2")])).unwrap_err();
        assert!(err.to_string().contains(ENV_SK_FALLBACK), "{err}");

        // Empty counts as unset.
        let err = Credentials::from_env_with(env(&[(ENV_AK, "AK1"), (ENV_SK, "")])).unwrap_err();
        assert_eq!(err, CredentialsError::MissingVariable { name: ENV_SK });
    }

    #[test]
    fn project_id_from_env() {
        assert_eq!(
            project_id_from_env_with(env(&[(ENV_PROJECT_ID, "p1")])).unwrap(),
            "p1"
        );
        let err = project_id_from_env_with(env(&[])).unwrap_err();
        assert!(err.to_string().contains(ENV_PROJECT_ID), "{err}");
    }
}
