//! The shape of a brand voice profile and its validation.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// How formal a brand sounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Formality {
    /// "hey, sorry about that!"
    Casual,
    /// Plain and friendly.
    #[default]
    Neutral,
    /// "Dear Ms Smith, we regret ..."
    Formal,
}

/// Whether the brand writes as a team ("we") or as one agent ("I").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Person {
    /// "We'll look into it."
    #[default]
    We,
    /// "I'll look into it." Written `"i"` or `"I"` in TOML.
    #[serde(alias = "I")]
    I,
}

/// How the brand uses emoji.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EmojiPolicy {
    /// No emoji at all.
    #[default]
    Never,
    /// At most one, from the allowed list.
    Sparingly,
    /// Allowed-list emoji are welcome.
    Welcome,
}

/// A word or phrase to avoid, with what to say instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Replacement {
    /// The word or phrase to avoid (matched case-insensitively).
    pub avoid: String,
    /// What to write instead; empty means "remove it".
    #[serde(default)]
    pub prefer: String,
}

/// Greeting, sign-off and length for one channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ChannelVoice {
    /// Channel name (`twitter`, `slack`, `email`, ...).
    pub channel: String,
    /// Greeting template such as `Hi {first_name},`; empty for none.
    #[serde(default)]
    pub greeting: String,
    /// Sign-off template such as `— {agent}`; empty for none.
    #[serde(default)]
    pub sign_off: String,
    /// Maximum reply length in characters (0 = the channel's own limit).
    #[serde(default)]
    pub max_length: u32,
    /// Greeting and sign-off in the brand's other languages, by language
    /// tag (`[channels.languages.fr]`). A language left out, or a template
    /// left out of it, is translated from the two above (see
    /// [`VoiceProfile::for_reply`]).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub languages: BTreeMap<String, ChannelWords>,
}

/// A channel's greeting and sign-off in one more language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ChannelWords {
    /// Greeting template in that language, e.g. `Bonjour {first_name},`.
    #[serde(default)]
    pub greeting: Option<String>,
    /// Sign-off template in that language, e.g. `Bien à vous,\n{agent}`.
    #[serde(default)]
    pub sign_off: Option<String>,
}

/// A canned response with `{variable}` placeholders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CannedResponse {
    /// Stable id, e.g. `refund-status`.
    pub id: String,
    /// Intent it answers, e.g. `refund`; or a triage label, e.g. `fraud`,
    /// which it answers whatever the intent (the intent's own comes first).
    pub intent: String,
    /// The template text.
    pub text: String,
}

/// A "did you know" knowledge tip.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnowledgeSnippet {
    /// Stable id.
    pub id: String,
    /// The tip itself.
    pub text: String,
    /// Keywords that make it relevant.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Channels where it fits (empty = all).
    #[serde(default)]
    pub channels: Vec<String>,
}

/// A brand's voice, as data. Field names match the `voice-profile` record of
/// the `chorus:plugin` WIT contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VoiceProfile {
    /// Persona used in sign-offs, e.g. `Sam from Acme`.
    pub persona: String,
    /// Formality.
    #[serde(default)]
    pub formality: Formality,
    /// Warmth from 0.0 (matter-of-fact) to 1.0 (effusive).
    #[serde(default = "default_warmth")]
    pub warmth: f32,
    /// "we" or "I".
    #[serde(default)]
    pub person: Person,
    /// Whether contractions ("we'll") are used.
    #[serde(default = "default_true")]
    pub contractions: bool,
    /// Emoji policy.
    #[serde(default)]
    pub emoji: EmojiPolicy,
    /// Emoji the brand uses.
    #[serde(default)]
    pub allowed_emoji: Vec<String>,
    /// Maximum number of `!` in one reply.
    #[serde(default = "default_max_exclamations")]
    pub max_exclamations: u32,
    /// Words the brand likes to use.
    #[serde(default)]
    pub preferred_words: Vec<String>,
    /// Words to avoid, with replacements.
    #[serde(default)]
    pub avoid_words: Vec<Replacement>,
    /// Phrases that must never appear.
    #[serde(default)]
    pub banned_phrases: Vec<String>,
    /// Whether replies to negative messages must acknowledge feelings.
    #[serde(default = "default_true")]
    pub empathy_required: bool,
    /// Per-channel greeting, sign-off and length.
    #[serde(default)]
    pub channels: Vec<ChannelVoice>,
    /// Languages the brand answers in (BCP-47); the first is the default.
    #[serde(default = "default_languages")]
    pub languages: Vec<String>,
    /// Canned responses.
    #[serde(default)]
    pub canned_responses: Vec<CannedResponse>,
    /// Knowledge tips.
    #[serde(default)]
    pub knowledge: Vec<KnowledgeSnippet>,
    /// How the brand phrases a hand-over to a specialist.
    #[serde(default = "default_escalation_phrase")]
    pub escalation_phrase: String,
}

fn default_warmth() -> f32 {
    0.5
}
fn default_true() -> bool {
    true
}
fn default_max_exclamations() -> u32 {
    1
}
fn default_languages() -> Vec<String> {
    vec!["en".to_owned()]
}
fn default_escalation_phrase() -> String {
    "I'm bringing in a specialist who can sort this out.".to_owned()
}

impl Default for VoiceProfile {
    fn default() -> Self {
        Self {
            persona: "Support team".to_owned(),
            formality: Formality::default(),
            warmth: default_warmth(),
            person: Person::default(),
            contractions: true,
            emoji: EmojiPolicy::default(),
            allowed_emoji: Vec::new(),
            max_exclamations: default_max_exclamations(),
            preferred_words: Vec::new(),
            avoid_words: Vec::new(),
            banned_phrases: Vec::new(),
            empathy_required: true,
            channels: Vec::new(),
            languages: default_languages(),
            canned_responses: Vec::new(),
            knowledge: Vec::new(),
            escalation_phrase: default_escalation_phrase(),
        }
    }
}

/// Why a profile was refused. Messages name the field and what was expected.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ProfileError {
    /// The TOML did not parse or did not match the profile's shape.
    #[error("{0}")]
    Syntax(String),
    /// A field has a value outside what it allows.
    #[error("field `{field}`: {expected}")]
    Invalid {
        /// Dotted path of the field, e.g. `channels[1].channel`.
        field: String,
        /// What was expected instead.
        expected: String,
    },
}

impl VoiceProfile {
    /// Parses and validates a profile from TOML text (feature `toml`, on by
    /// default). Errors name the field and what was expected.
    #[cfg(feature = "toml")]
    pub fn from_toml_str(text: &str) -> Result<Self, ProfileError> {
        let profile: Self =
            toml::from_str(text).map_err(|e| ProfileError::Syntax(e.to_string()))?;
        profile.validate()?;
        Ok(profile)
    }

    /// Checks the values that the type system cannot.
    pub fn validate(&self) -> Result<(), ProfileError> {
        let invalid = |field: String, expected: &str| {
            Err(ProfileError::Invalid {
                field,
                expected: expected.to_owned(),
            })
        };
        if self.persona.trim().is_empty() {
            return invalid("persona".into(), "a non-empty name");
        }
        if !(0.0..=1.0).contains(&self.warmth) {
            return invalid("warmth".into(), "a number from 0.0 to 1.0");
        }
        if self.languages.is_empty() {
            return invalid("languages".into(), "at least one language tag");
        }
        for (i, channel) in self.channels.iter().enumerate() {
            if channel.channel.trim().is_empty() {
                return invalid(format!("channels[{i}].channel"), "a channel name");
            }
        }
        for (i, replacement) in self.avoid_words.iter().enumerate() {
            if replacement.avoid.trim().is_empty() {
                return invalid(format!("avoid_words[{i}].avoid"), "a non-empty word");
            }
        }
        let avoided = |text: &str| {
            let indexed = crate::text::Indexed::new(text);
            self.avoid_words.iter().any(|r| {
                crate::text::Phrase::new(&r.avoid).is_some_and(|p| !p.find_all(&indexed).is_empty())
            })
        };
        for (i, replacement) in self.avoid_words.iter().enumerate() {
            if avoided(&replacement.prefer) {
                return invalid(
                    format!("avoid_words[{i}].prefer"),
                    "a replacement that contains none of the avoid words",
                );
            }
        }
        Ok(())
    }

    /// The settings for `channel`, if the profile has any.
    pub fn channel(&self, channel: &str) -> Option<&ChannelVoice> {
        self.channels.iter().find(|c| c.channel == channel)
    }
}

#[cfg(all(test, feature = "toml"))]
mod tests {
    use super::*;

    #[test]
    fn parses_a_minimal_profile_with_defaults() {
        let profile = VoiceProfile::from_toml_str("persona = \"Sam\"").expect("valid");
        assert_eq!(profile.persona, "Sam");
        assert_eq!(profile.languages, vec!["en"]);
        assert!(profile.contractions);
    }

    #[test]
    fn rejects_unknown_fields_by_name() {
        let err = VoiceProfile::from_toml_str("persona = \"Sam\"\ncolour = \"red\"")
            .expect_err("unknown field");
        assert!(err.to_string().contains("colour"), "{err}");
    }

    #[test]
    fn rejects_warmth_out_of_range() {
        let err =
            VoiceProfile::from_toml_str("persona = \"Sam\"\nwarmth = 2.0").expect_err("range");
        assert_eq!(
            err,
            ProfileError::Invalid {
                field: "warmth".into(),
                expected: "a number from 0.0 to 1.0".into()
            }
        );
    }

    #[test]
    fn finds_channel_settings() {
        let profile = VoiceProfile::from_toml_str(
            "persona = \"Sam\"\n[[channels]]\nchannel = \"slack\"\ngreeting = \"Hey {first_name}!\"",
        )
        .expect("valid");
        assert_eq!(
            profile.channel("slack").map(|c| c.greeting.as_str()),
            Some("Hey {first_name}!")
        );
        assert!(profile.channel("email").is_none());
    }

    #[test]
    fn rejects_a_replacement_that_would_need_replacing_again() {
        let err = VoiceProfile::from_toml_str(
            "persona = \"Sam\"\navoid_words = [{ avoid = \"help\", prefer = \"help out\" }]",
        )
        .expect_err("loops");
        assert_eq!(
            err.to_string(),
            "field `avoid_words[0].prefer`: a replacement that contains none of the avoid words"
        );
    }
}
