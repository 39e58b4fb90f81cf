//! The brand model, one for the CLI and the server: who the brand is, how
//! it sounds, its listening rules, VIPs and SLA targets, its channels, and
//! the host services each channel's plugin gets.
//!
//! A brand is written as a brand file (`chorus plugin run --brand`, `chorus
//! eval`) or as a `[[brands]]` entry of `chorus.toml` (the server, and the
//! CLI's `--config`), with the same fields ([`BrandConfig`]), and loaded
//! into a [`Brand`] by one loader. Secrets are named in the configuration
//! and read by the host; their values never reach a plugin.

mod config;
mod secrets;
mod services;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use chorus_voice::VoiceProfile;
use chorus_voice::retrieve::Knowledge;

pub use config::{BrandConfig, ChannelConfig, KeySource, SecretSource, SlaTargets};
pub use secrets::{SecretError, key_hash, resolve_secret, sha256};
pub use services::{REQUIRE_SIGNATURES, ServicesError, Verification};

use crate::incident::BurstConfig;
use crate::listening::Rule;
use crate::model::{BrandInfo, ChannelLimits, Context, CustomerSummary, Message, Priority};
use crate::review::Sla;
use crate::sla::BusinessHours;
use crate::store::CustomerHistory;

/// Why a brand (or a configuration file holding brands) was refused.
/// Messages name the file and the field.
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

/// A loaded, validated brand.
#[derive(Debug, Clone)]
pub struct Brand {
    /// Who the brand is, as plugins see it.
    pub info: BrandInfo,
    /// How it sounds (shared with every message's [`Context`]).
    pub voice: Arc<VoiceProfile>,
    /// Plugin configuration for every channel (a channel's own wins).
    pub config: BTreeMap<String, String>,
    /// Secret names and where their values live, for every channel (a
    /// channel's own win).
    pub secrets: BTreeMap<String, SecretSource>,
    /// SHA-256 of each API key of the brand's routes.
    pub key_hashes: Vec<[u8; 32]>,
    /// VIP handles (`@name`), email addresses or domains.
    pub vip: Vec<String>,
    /// First-response targets.
    pub sla: SlaTargets,
    /// Business hours, when the brand has them.
    pub business_hours: Option<BusinessHours>,
    /// Listening rules.
    pub rules: Vec<Rule>,
    /// When reports of an outage make an incident.
    pub outage_burst: BurstConfig,
    /// Enabled channels: channel name → plugin and its settings.
    pub channels: BTreeMap<String, ChannelConfig>,
    /// The voice profile's knowledge as plugins search it, built on first
    /// use and shared by every channel's services (one copy and one index
    /// per brand, not one per channel or per event).
    knowledge: OnceLock<Arc<Knowledge>>,
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
            voice: Arc::default(),
            config: BTreeMap::new(),
            secrets: BTreeMap::new(),
            key_hashes: Vec::new(),
            vip: Vec::new(),
            sla: SlaTargets::default(),
            business_hours: None,
            rules: Vec::new(),
            outage_burst: BurstConfig::default(),
            channels: BTreeMap::new(),
            knowledge: OnceLock::new(),
        }
    }

    /// Reads and validates a brand file; the files it names are resolved
    /// relative to it.
    pub fn load(path: &Path) -> Result<Self, BrandError> {
        let mut config: BrandConfig = read_toml(path)?;
        config.resolve_paths(path.parent().unwrap_or(Path::new(".")));
        Self::from_config(config, &Field::file(path), &mut VoiceFiles::default())
    }

    /// Validates a brand as written and reads what it names (voice file,
    /// key files). `at` names the file and the brand's place in it, for
    /// errors; a voice file already in `voices` is not read again.
    pub fn from_config(
        config: BrandConfig,
        at: &Field,
        voices: &mut VoiceFiles,
    ) -> Result<Self, BrandError> {
        if !crate::model::is_kebab_id(&config.id, None) {
            return Err(at.invalid("id", "lower-case letters, digits and '-'"));
        }
        for (channel, settings) in &config.channels {
            if !crate::model::is_kebab_id(&settings.plugin, Some('_')) {
                return Err(at.invalid(
                    &format!("channels.{channel}.plugin"),
                    "a plugin name (a file <plugins_dir>/<name>.wasm)",
                ));
            }
        }
        let voice = match (config.voice, &config.voice_file) {
            (Some(_), Some(_)) => {
                return Err(at.invalid(
                    "voice_file",
                    "either `voice_file` or a [voice] table, not both",
                ));
            }
            (Some(voice), None) => {
                voice
                    .validate()
                    .map_err(|e| at.invalid("voice", &e.to_string()))?;
                Arc::new(voice)
            }
            (None, Some(path)) => voices.read(path)?,
            (None, None) => Arc::default(),
        };
        let key_hashes = config
            .api_keys
            .iter()
            .enumerate()
            .map(|(i, key)| {
                key_hash(key).map_err(|e| at.invalid(&format!("api_keys[{i}]"), &e.to_string()))
            })
            .collect::<Result<_, _>>()?;
        let business_hours = config
            .business_hours
            .as_ref()
            .map(crate::sla::BusinessHoursConfig::resolve)
            .transpose()
            .map_err(|e| at.invalid(&format!("business_hours.{}", e.field), &e.expected))?;
        let rules = config
            .listening
            .into_iter()
            .enumerate()
            .map(|(i, rule)| {
                Rule::new(rule).map_err(|e| {
                    at.invalid(&format!("listening[{i}].{}", e.field()), &e.to_string())
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(Self {
            info: BrandInfo {
                id: config.id,
                name: config.name,
                own_accounts: config.own_accounts,
            },
            voice,
            config: config.config,
            secrets: config.secrets,
            key_hashes,
            vip: config.vip,
            sla: config.sla,
            business_hours,
            rules,
            outage_burst: config.outage_burst,
            channels: config.channels,
            knowledge: OnceLock::new(),
        })
    }

    /// The context plugins are given for this brand on a channel with
    /// `limits` (the customer is added per message).
    pub fn context(&self, limits: ChannelLimits) -> Context {
        Context {
            brand: self.info.clone(),
            voice: self.voice.clone(),
            customer: None,
            limits,
        }
    }

    /// The voice profile's knowledge, as the host's knowledge search and
    /// find serve it: built once per brand and shared by its channels. Its
    /// index is built at the brand's first message (see
    /// [`HostServices::prepare`](crate::runtime::HostServices::prepare)),
    /// so that a brand that gets no traffic costs no index.
    pub fn knowledge(&self) -> Arc<Knowledge> {
        self.knowledge
            .get_or_init(|| Arc::new(Knowledge::of_profile(&self.info.name, self.voice.clone())))
            .clone()
    }

    /// This brand with `config` set over its own plugin configuration.
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

    /// What plugins are told of the author of `message`, with what the
    /// store knows of their other conversations (`history`).
    pub fn customer(&self, message: &Message, history: &CustomerHistory) -> CustomerSummary {
        CustomerSummary {
            id: history
                .person_id
                .map_or_else(|| message.author.id.clone(), |p| p.to_string()),
            name: message.author.display_name.clone(),
            vip: self.is_vip(message),
            past_conversations: u32::try_from(history.conversations.len()).unwrap_or(u32::MAX),
            open_conversations: history.open,
            last_contact_at: history.conversations.first().map(|c| c.opened_at),
        }
    }

    /// Whether the author is on the brand's VIP list (by `@handle`, email
    /// address or email domain, case-insensitively).
    pub fn is_vip(&self, message: &Message) -> bool {
        let author = &message.author;
        let handle = author
            .handle
            .as_deref()
            .map(|h| format!("@{}", h.to_lowercase()));
        let email = author.email.as_deref().map(str::to_lowercase);
        let domain = email
            .as_deref()
            .and_then(|e| e.rsplit_once('@'))
            .map(|(_, d)| d.to_owned());
        self.vip.iter().map(|v| v.to_lowercase()).any(|vip| {
            Some(&vip) == handle.as_ref()
                || Some(&vip) == email.as_ref()
                || Some(&vip) == domain.as_ref()
        })
    }

    /// The first-response SLA at `priority`, as replies promise it.
    pub fn sla(&self, priority: Priority) -> Sla {
        let target_ms = self.sla.target_ms(priority);
        Sla {
            minutes: u32::try_from(target_ms / 60_000).unwrap_or(u32::MAX),
            business_hours: self.business_hours.is_some(),
        }
    }
}

/// Where a brand is written, for errors: the file, and the brand's table
/// in it (`brands[2].` in a server configuration, nothing in a brand file).
#[derive(Debug, Clone)]
pub struct Field {
    file: String,
    prefix: String,
}

impl Field {
    /// A brand file: fields are named as written.
    pub fn file(path: &Path) -> Self {
        Self {
            file: path.display().to_string(),
            prefix: String::new(),
        }
    }

    /// The `index`th `[[brands]]` entry of the configuration file `path`.
    pub fn entry(path: &str, index: usize) -> Self {
        Self {
            file: path.to_owned(),
            prefix: format!("brands[{index}]."),
        }
    }

    /// `field` (under the brand's table) is not `expected`.
    pub fn invalid(&self, field: &str, expected: &str) -> BrandError {
        BrandError::Invalid {
            file: self.file.clone(),
            field: format!("{}{field}", self.prefix),
            expected: expected.to_owned(),
        }
    }
}

/// Reads a TOML file into `T`; errors name the file and, on one line, the
/// field and line toml reports.
/// The voice files read so far, each parsed once: brands that name the
/// same file (a company's sub-brands, regions or test brands) share one
/// profile in memory.
#[derive(Debug, Default)]
pub struct VoiceFiles {
    read: HashMap<PathBuf, Arc<VoiceProfile>>,
}

impl VoiceFiles {
    /// The profile in the voice file at `path`, read and parsed on the
    /// first call for that path.
    pub fn read(&mut self, path: &Path) -> Result<Arc<VoiceProfile>, BrandError> {
        if let Some(voice) = self.read.get(path) {
            return Ok(voice.clone());
        }
        let text = std::fs::read_to_string(path).map_err(|source| BrandError::Read {
            file: path.display().to_string(),
            source,
        })?;
        let voice = VoiceProfile::from_toml_str(&text).map_err(|e| BrandError::Syntax {
            file: path.display().to_string(),
            message: one_line(&e.to_string()),
        })?;
        let voice = Arc::new(voice);
        self.read.insert(path.to_owned(), voice.clone());
        Ok(voice)
    }
}

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
    use std::path::PathBuf;

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
        assert_eq!(brand.config["bot-user-id"], "U1");
        assert_eq!(
            resolve_secret(&brand.secrets["slack-signing-secret"]).expect("readable"),
            b"s3cret"
        );
        assert_eq!(brand.sla.urgent, 15, "the default targets");
    }

    #[test]
    fn a_brand_builds_its_knowledge_once_for_all_its_channels() {
        let dir = tempfile::tempdir().expect("tempdir");
        write(
            dir.path(),
            "voice.toml",
            "persona = \"Sam\"\n[[knowledge]]\nid = \"returns\"\ntext = \"Returns are free within 60 days.\"\n",
        );
        let path = write(
            dir.path(),
            "brand.toml",
            "id = \"acme\"\nname = \"Acme\"\nvoice_file = \"voice.toml\"\n",
        );
        let brand = Brand::load(&path).expect("valid");
        let first = brand.knowledge();
        assert_eq!(first.texts().len(), 1);
        assert_eq!(first.texts()[0].id, "returns");
        assert_eq!(first.texts()[0].text, "Returns are free within 60 days.");
        assert!(
            Arc::ptr_eq(&first, &brand.knowledge()),
            "every channel's services share one copy"
        );
        assert!(
            !first.is_indexed(),
            "a brand without messages costs no index"
        );
        use crate::runtime::{HostServices, InMemoryServices};
        InMemoryServices::new()
            .with_shared_knowledge(brand.knowledge())
            .prepare();
        assert!(first.is_indexed(), "prepared before the first plugin call");
    }

    #[test]
    fn a_brand_file_has_the_fields_of_a_server_brand() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = write(
            dir.path(),
            "brand.toml",
            "id = \"acme\"\nname = \"Acme\"\nvip = [\"@big\"]\nsla = { urgent = 5, high = 30, normal = 120, low = 600 }\n[[listening]]\nname = \"legal\"\nmatch = \"lawyer\"\nlabel = \"legal\"\n[channels.slack]\nplugin = \"chat\"\n",
        );
        let brand = Brand::load(&path).expect("valid");
        assert_eq!(brand.rules.len(), 1);
        assert_eq!(brand.sla(Priority::Urgent).minutes, 5);
        assert_eq!(brand.channel_for("chat").0, "slack");
        assert_eq!(brand.channel_for("email").0, "email", "no channel runs it");
        let bad = write(
            dir.path(),
            "bad-rule.toml",
            "id = \"acme\"\nname = \"Acme\"\n[[listening]]\nname = \"x\"\nmatch = \"(lawyer\"\nlabel = \"x\"\n",
        );
        let error = Brand::load(&bad).expect_err("unbalanced").to_string();
        assert!(
            error.contains("bad-rule.toml") && error.contains("`listening[0].match`"),
            "{error}"
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
