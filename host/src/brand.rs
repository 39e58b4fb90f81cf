//! Brand files: who the brand is, how it sounds, and what its plugins are
//! configured with. Secrets are named here and resolved from the environment
//! or files by the host; their values never reach a plugin.
//!
//! ```toml
//! id = "acme"
//! name = "Acme"
//! own_accounts = ["U0ACMEBOT"]
//! voice_file = "voice.toml"          # or an inline [voice] table
//!
//! [config]                           # plugin configuration (host.config)
//! bot-user-id = "U0ACMEBOT"
//!
//! [secrets]                          # secret name -> where the value lives
//! slack-signing-secret = { env = "ACME_SLACK_SIGNING_SECRET" }
//! x-consumer-secret = { file = "/run/secrets/x" }
//! ```

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chorus_voice::VoiceProfile;
use serde::Deserialize;

use crate::manifest::ConfigScope;
use crate::model::{BrandInfo, ChannelLimits, Context, PluginInfo};
use crate::runtime::InMemoryServices;

/// Why a brand file was refused. Messages name the file and the field.
#[derive(Debug, thiserror::Error)]
pub enum BrandError {
    /// The file could not be read.
    #[error("{file}: cannot read: {source}")]
    Read {
        /// The file.
        file: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The TOML is malformed or has wrong or unknown fields.
    #[error("{file}: {message}")]
    Syntax {
        /// The file.
        file: String,
        /// What toml said, with the field and line.
        message: String,
    },
    /// A field has a value that is not allowed.
    #[error("{file}: field `{field}`: {expected}")]
    Invalid {
        /// The file.
        file: String,
        /// The field.
        field: String,
        /// What was expected.
        expected: String,
    },
}

/// Where a secret's value comes from.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub enum SecretSource {
    /// An environment variable of the host process.
    Env(String),
    /// A file (trailing newline trimmed).
    File(PathBuf),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BrandFile {
    id: String,
    name: String,
    #[serde(default)]
    own_accounts: Vec<String>,
    #[serde(default)]
    voice_file: Option<PathBuf>,
    #[serde(default)]
    voice: Option<VoiceProfile>,
    #[serde(default)]
    config: HashMap<String, String>,
    #[serde(default)]
    secrets: HashMap<String, SecretSource>,
}

/// A loaded, validated brand.
#[derive(Debug, Clone)]
pub struct Brand {
    /// Who the brand is.
    pub info: BrandInfo,
    /// How it sounds.
    pub voice: VoiceProfile,
    /// Plugin configuration values.
    pub config: HashMap<String, String>,
    /// Secret names and where their values live.
    pub secrets: HashMap<String, SecretSource>,
}

impl Brand {
    /// The brand used when none is given: `example`, with the default voice.
    pub fn example() -> Self {
        Self {
            info: BrandInfo {
                id: "example".to_owned(),
                name: "Example Co".to_owned(),
                own_accounts: Vec::new(),
            },
            voice: VoiceProfile::default(),
            config: HashMap::new(),
            secrets: HashMap::new(),
        }
    }

    /// Reads and validates a brand file; `voice_file` and secret files are
    /// resolved relative to it.
    pub fn load(path: &Path) -> Result<Self, BrandError> {
        let file = path.display().to_string();
        let parsed: BrandFile = read_toml(path)?;
        let invalid = |field: &str, expected: &str| BrandError::Invalid {
            file: file.clone(),
            field: field.to_owned(),
            expected: expected.to_owned(),
        };
        let id_ok = crate::model::is_kebab_id(&parsed.id, None);
        if !id_ok {
            return Err(invalid("id", "lower-case letters, digits and '-'"));
        }
        let voice = match (parsed.voice, parsed.voice_file) {
            (Some(_), Some(_)) => {
                return Err(invalid(
                    "voice_file",
                    "either `voice_file` or a [voice] table, not both",
                ));
            }
            (Some(voice), None) => {
                voice
                    .validate()
                    .map_err(|e| invalid("voice", &e.to_string()))?;
                voice
            }
            (None, Some(voice_file)) => {
                let voice_path = path.parent().unwrap_or(Path::new(".")).join(voice_file);
                let text =
                    std::fs::read_to_string(&voice_path).map_err(|source| BrandError::Read {
                        file: voice_path.display().to_string(),
                        source,
                    })?;
                VoiceProfile::from_toml_str(&text).map_err(|e| BrandError::Syntax {
                    file: voice_path.display().to_string(),
                    message: one_line(&e.to_string()),
                })?
            }
            (None, None) => VoiceProfile::default(),
        };
        let base = path.parent().unwrap_or(Path::new("."));
        let secrets = parsed
            .secrets
            .into_iter()
            .map(|(name, source)| match source {
                SecretSource::File(file) => (name, SecretSource::File(base.join(file))),
                env => (name, env),
            })
            .collect();
        Ok(Self {
            info: BrandInfo {
                id: parsed.id,
                name: parsed.name,
                own_accounts: parsed.own_accounts,
            },
            voice,
            config: parsed.config,
            secrets,
        })
    }

    /// The context plugins are given for this brand on a channel.
    pub fn context(&self, limits: ChannelLimits) -> Context {
        Context {
            brand: self.info.clone(),
            voice: self.voice.clone(),
            customer: None,
            limits,
        }
    }

    /// This brand with `config` set over its own configuration.
    pub fn with_config<'a>(
        &self,
        config: impl IntoIterator<Item = (&'a String, &'a String)>,
    ) -> Self {
        let mut brand = self.clone();
        brand
            .config
            .extend(config.into_iter().map(|(k, v)| (k.clone(), v.clone())));
        brand
    }

    /// Checks the brand's `[config]` against what `plugin` declares it reads
    /// (required keys, kinds); keys other plugins read are let through.
    pub fn check_config(&self, plugin: &PluginInfo) -> Result<(), String> {
        plugin
            .manifest
            .check_config(&self.config, ConfigScope::Brand)
            .map_err(|e| {
                format!(
                    "brand `{}`: [config] does not fit plugin `{}`: {e}",
                    self.info.id, plugin.name
                )
            })
    }

    /// In-memory host services for this brand: its config, its secrets
    /// (resolved now), and its voice profile's knowledge.
    /// `overrides` (name, value) win over configured secrets.
    pub fn services(&self, overrides: &[(String, String)]) -> Result<InMemoryServices, String> {
        let mut services = InMemoryServices::new()
            .with_config(self.config.clone())
            .with_knowledge(
                self.voice
                    .knowledge
                    .iter()
                    .map(|k| (k.id.clone(), k.text.clone())),
            );
        for (name, source) in &self.secrets {
            if overrides.iter().any(|(n, _)| n == name) {
                continue;
            }
            services = services.with_secret(name, resolve_secret(name, source)?);
        }
        for (name, value) in overrides {
            services = services.with_secret(name, value.as_bytes().to_vec());
        }
        Ok(services)
    }
}

/// Reads a secret's value from where the brand file says it lives.
pub fn resolve_secret(name: &str, source: &SecretSource) -> Result<Vec<u8>, String> {
    match source {
        SecretSource::Env(var) => std::env::var(var)
            .map(String::into_bytes)
            .map_err(|_| format!("secret `{name}`: environment variable {var} is not set")),
        SecretSource::File(path) => std::fs::read(path)
            .map(|mut bytes| {
                while bytes.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                    bytes.pop();
                }
                bytes
            })
            .map_err(|e| format!("secret `{name}`: cannot read {}: {e}", path.display())),
    }
}

/// Reads a TOML file into `T`; errors name the file and, on one line, the
/// field and line toml reports.
pub(crate) fn read_toml<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, BrandError> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| BrandError::Read {
        file: file.clone(),
        source,
    })?;
    toml::from_str(&text).map_err(|e| BrandError::Syntax {
        file,
        message: one_line(&e.to_string()),
    })
}

pub(crate) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("write");
        path
    }

    #[test]
    fn loads_a_brand_with_a_voice_file_and_secrets() {
        let dir = tempfile::tempdir().expect("tempdir");
        write(dir.path(), "voice.toml", "persona = \"Sam\"");
        write(dir.path(), "secret.txt", "s3cret\n");
        let brand = write(
            dir.path(),
            "brand.toml",
            // Both files are named relative to the brand file.
            "id = \"acme\"\nname = \"Acme\"\nvoice_file = \"voice.toml\"\n[config]\nbot-user-id = \"U1\"\n[secrets]\nslack-signing-secret = { file = \"secret.txt\" }\n",
        );
        let brand = Brand::load(&brand).expect("valid");
        assert_eq!(brand.voice.persona, "Sam");
        let services = brand.services(&[]).expect("secrets resolve");
        use crate::runtime::HostServices;
        assert_eq!(services.config("bot-user-id").as_deref(), Some("U1"));
        assert_eq!(
            services.hmac(
                crate::runtime::HmacHash::Sha256,
                "slack-signing-secret",
                b"x"
            ),
            Ok(crate::runtime::services::hmac_sha256(b"s3cret", b"x"))
        );
    }

    #[test]
    fn errors_name_the_file_and_field() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = write(
            dir.path(),
            "brand.toml",
            "id = \"acme\"\nname = \"Acme\"\ncolour = 1\n",
        );
        let err = Brand::load(&path).expect_err("unknown field").to_string();
        assert!(
            err.contains("brand.toml") && err.contains("colour"),
            "{err}"
        );
        assert!(!err.contains('\n'), "one line: {err}");
        let path = write(
            dir.path(),
            "bad-id.toml",
            "id = \"Acme Corp\"\nname = \"Acme\"\n",
        );
        let err = Brand::load(&path).expect_err("bad id").to_string();
        assert!(err.contains("bad-id.toml") && err.contains("`id`"), "{err}");
    }
}
