//! Per-brand listening rules, applied by the host to every inbound message
//! on every channel: keywords, `"exact phrases"`, `#hashtags`, `@handles`
//! and competitor names combined with `AND` (or juxtaposition), `OR`, `NOT`
//! and parentheses, matched case- and accent-insensitively on word
//! boundaries. A match adds a label and a reason, and can raise the priority
//! or force a route.
//!
//! ```text
//! acme AND (refund OR "money back") AND NOT #ad
//! ```

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

use crate::model::{Priority, Route, Triage};

/// A rule as written in a brand's configuration.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleConfig {
    /// Name shown in reasons.
    pub name: String,
    /// The query.
    #[serde(rename = "match")]
    pub query: String,
    /// Label added to matching messages.
    pub label: String,
    /// Raise the priority to at least this.
    #[serde(default)]
    pub priority: Option<Priority>,
    /// Force this route (the more protective route wins).
    #[serde(default)]
    pub route: Option<Route>,
    /// A brand intent (`warranty`, `loyalty-points`, ...): matching messages
    /// get this intent, so the brand's canned responses and the learnt
    /// ranking priors for it apply.
    #[serde(default)]
    pub intent: Option<String>,
}

/// A parsed rule.
#[derive(Debug, Clone)]
pub struct Rule {
    config: RuleConfig,
    query: Query,
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq)]
enum Query {
    /// A word, `#tag`, `@handle` or a phrase, as normalized tokens.
    Terms(Vec<String>),
    And(Vec<Query>),
    Or(Vec<Query>),
    Not(Box<Query>),
}

/// Why a rule was refused: what is wrong, and where in the query.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    /// The intent is not a kebab-case id.
    #[error("`intent` {0:?}: expected lower-case letters, digits and '-'")]
    Intent(String),
    /// The query is empty.
    #[error("empty query")]
    Empty,
    /// A token where none of its kind may stand.
    #[error("unexpected `{token}` at character {at}")]
    Unexpected {
        /// The token.
        token: String,
        /// Its character offset.
        at: usize,
    },
    /// The query stops after an operator.
    #[error("the query ends where a term was expected")]
    EndsEarly,
    /// A parenthesis is never closed.
    #[error("unbalanced parenthesis opened at character {at}")]
    Unbalanced {
        /// Where it opens.
        at: usize,
    },
    /// `""`.
    #[error("empty phrase at character {at}")]
    EmptyPhrase {
        /// Where it stands.
        at: usize,
    },
    /// A word made only of punctuation.
    #[error("`{word}` at character {at} has no letters or digits")]
    NoTerms {
        /// The word.
        word: String,
        /// Where it stands.
        at: usize,
    },
}

impl RuleError {
    /// The rule's field that is wrong: `intent` or `match`.
    pub fn field(&self) -> &'static str {
        match self {
            Self::Intent(_) => "intent",
            _ => "match",
        }
    }
}

impl Rule {
    /// Parses a rule's query; the error says what is wrong and where.
    pub fn new(config: RuleConfig) -> Result<Self, RuleError> {
        if let Some(intent) = &config.intent
            && !crate::model::is_kebab_id(intent, None)
        {
            return Err(RuleError::Intent(intent.clone()));
        }
        let query = Parser::new(&config.query).parse()?;
        Ok(Self { config, query })
    }

    /// Whether `text` matches.
    pub fn matches(&self, text: &str) -> bool {
        self.query.matches(&tokens(text))
    }
}

/// Applies every matching rule to a triage: labels, reasons, priority, route.
pub fn apply(rules: &[Rule], text: &str, triage: &mut Triage) {
    let words = tokens(text);
    for rule in rules.iter().filter(|r| r.query.matches(&words)) {
        let config = &rule.config;
        if !triage.labels.contains(&config.label) {
            triage.labels.push(config.label.clone());
        }
        triage
            .reasons
            .push(format!("listening rule `{}` matched", config.name));
        if let Some(priority) = config.priority {
            triage.priority = triage.priority.max(priority);
        }
        if let Some(route) = config.route
            && protection(route) > protection(triage.route)
        {
            triage.route = route;
        }
        if let Some(intent) = &config.intent {
            triage.intent.clone_from(intent);
            triage
                .reasons
                .push(format!("intent {intent}: listening rule `{}`", config.name));
        }
    }
}

fn protection(route: Route) -> u8 {
    match route {
        Route::ReplyPublic => 0,
        Route::TakePrivate => 1,
        Route::Escalate => 2,
        Route::NoReply => 3,
    }
}

/// Lower-cased, accents removed, split into words; `#` and `@` stay on the
/// word they start, so `#acme` and `acme` are different terms.
fn tokens(text: &str) -> Vec<String> {
    let folded: String = text
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();
    let mut words = Vec::new();
    let mut current = String::new();
    for c in folded.chars() {
        let starts_tag = (c == '#' || c == '@') && current.is_empty();
        if c.is_alphanumeric() || c == '_' || starts_tag {
            current.push(c);
        } else if !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

impl Query {
    fn matches(&self, words: &[String]) -> bool {
        match self {
            Self::Terms(terms) => {
                !terms.is_empty() && words.windows(terms.len()).any(|w| w == terms.as_slice())
            }
            Self::And(all) => all.iter().all(|q| q.matches(words)),
            Self::Or(any) => any.iter().any(|q| q.matches(words)),
            Self::Not(inner) => !inner.matches(words),
        }
    }
}

/// Recursive descent: `or := and (OR and)*`, `and := unary ((AND)? unary)*`,
/// `unary := NOT unary | atom`, `atom := ( or ) | "phrase" | term`.
struct Parser {
    tokens: Vec<(usize, String)>,
    position: usize,
}

impl Parser {
    fn new(query: &str) -> Self {
        let mut tokens = Vec::new();
        let mut chars = query.char_indices().peekable();
        while let Some(&(at, c)) = chars.peek() {
            if c.is_whitespace() {
                chars.next();
            } else if c == '(' || c == ')' {
                tokens.push((at, c.to_string()));
                chars.next();
            } else if c == '"' {
                chars.next();
                let phrase: String = chars
                    .by_ref()
                    .map(|(_, c)| c)
                    .take_while(|c| *c != '"')
                    .collect();
                tokens.push((at, format!("\"{phrase}")));
            } else {
                let mut word = String::new();
                while let Some(&(_, c)) = chars.peek() {
                    if c.is_whitespace() || c == '(' || c == ')' || c == '"' {
                        break;
                    }
                    word.push(c);
                    chars.next();
                }
                tokens.push((at, word));
            }
        }
        Self {
            tokens,
            position: 0,
        }
    }

    fn parse(mut self) -> Result<Query, RuleError> {
        if self.tokens.is_empty() {
            return Err(RuleError::Empty);
        }
        let query = self.or()?;
        match self.tokens.get(self.position) {
            Some((at, token)) => Err(RuleError::Unexpected {
                token: token.clone(),
                at: *at,
            }),
            None => Ok(query),
        }
    }

    fn peek(&self) -> Option<&str> {
        self.tokens.get(self.position).map(|(_, t)| t.as_str())
    }

    fn or(&mut self) -> Result<Query, RuleError> {
        let mut parts = vec![self.and()?];
        while self.peek() == Some("OR") {
            self.position += 1;
            parts.push(self.and()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Query::Or(parts)
        })
    }

    fn and(&mut self) -> Result<Query, RuleError> {
        let mut parts = vec![self.unary()?];
        loop {
            match self.peek() {
                Some("AND") => self.position += 1,
                Some("OR" | ")") | None => break,
                Some(_) => {}
            }
            parts.push(self.unary()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Query::And(parts)
        })
    }

    fn unary(&mut self) -> Result<Query, RuleError> {
        if self.peek() == Some("NOT") {
            self.position += 1;
            return Ok(Query::Not(Box::new(self.unary()?)));
        }
        self.atom()
    }

    fn atom(&mut self) -> Result<Query, RuleError> {
        let Some((at, token)) = self.tokens.get(self.position).cloned() else {
            return Err(RuleError::EndsEarly);
        };
        self.position += 1;
        match token.as_str() {
            "(" => {
                let inner = self.or()?;
                if self.peek() != Some(")") {
                    return Err(RuleError::Unbalanced { at });
                }
                self.position += 1;
                Ok(inner)
            }
            ")" | "AND" | "OR" => Err(RuleError::Unexpected {
                token: token.clone(),
                at,
            }),
            phrase if phrase.starts_with('"') => {
                let terms = tokens(&phrase[1..]);
                if terms.is_empty() {
                    return Err(RuleError::EmptyPhrase { at });
                }
                Ok(Query::Terms(terms))
            }
            word => {
                let terms = tokens(word);
                if terms.is_empty() {
                    return Err(RuleError::NoTerms {
                        word: word.to_owned(),
                        at,
                    });
                }
                Ok(Query::Terms(terms))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(query: &str) -> Rule {
        Rule::new(RuleConfig {
            name: "r".into(),
            query: query.into(),
            label: "l".into(),
            ..RuleConfig::default()
        })
        .expect("valid query")
    }

    #[test]
    fn words_phrases_and_boolean_operators() {
        let r = rule(r#"acme AND (refund OR "money back") AND NOT #ad"#);
        assert!(r.matches("Acme, I want my MONEY back!"));
        assert!(r.matches("acme refund please"));
        assert!(!r.matches("acme refund please #ad"));
        assert!(
            !r.matches("acme money is back"),
            "a phrase needs adjacent words"
        );
        assert!(!r.matches("acmeville refund"), "word boundaries");
    }

    #[test]
    fn matching_ignores_case_and_accents() {
        assert!(rule("cafe").matches("Le CAFÉ est fermé"));
        assert!(rule("\"fermé\"").matches("le cafe est ferme"));
    }

    #[test]
    fn hashtags_and_handles_are_their_own_terms() {
        assert!(rule("#brexit").matches("failures of #Brexit - one"));
        assert!(!rule("#brexit").matches("brexit news"));
        assert!(rule("@acme").matches("hey @Acme help"));
        assert!(
            rule("juxtaposed words").matches("words juxtaposed"),
            "implicit AND"
        );
    }

    #[test]
    fn bad_queries_say_where() {
        let bad = |q: &str| {
            Rule::new(RuleConfig {
                name: "r".into(),
                query: q.into(),
                label: "l".into(),
                ..RuleConfig::default()
            })
            .expect_err("invalid")
        };
        assert_eq!(bad("(acme OR globex"), RuleError::Unbalanced { at: 0 });
        assert_eq!(bad("acme OR"), RuleError::EndsEarly);
        assert_eq!(bad(""), RuleError::Empty);
        assert_eq!(
            bad("AND acme").to_string(),
            "unexpected `AND` at character 0"
        );
    }

    #[test]
    fn apply_labels_raises_priority_and_forces_routes() {
        let rules = vec![
            Rule::new(RuleConfig {
                name: "legal".into(),
                query: "lawyer OR lawsuit".into(),
                label: "legal-watch".into(),
                priority: Some(Priority::Urgent),
                route: Some(Route::Escalate),
                ..RuleConfig::default()
            })
            .expect("valid"),
            Rule::new(RuleConfig {
                name: "warranty".into(),
                query: "warranty OR guarantee".into(),
                label: "warranty".into(),
                intent: Some("warranty".into()),
                ..RuleConfig::default()
            })
            .expect("valid"),
        ];
        let mut triage = Triage {
            priority: Priority::Normal,
            route: Route::ReplyPublic,
            intent: "general".into(),
            sentiment: 0.0,
            language: None,
            labels: vec![],
            reasons: vec![],
            confidence: 0.5,
        };
        apply(&rules, "My lawyer will call", &mut triage);
        assert_eq!(triage.priority, Priority::Urgent);
        assert_eq!(triage.route, Route::Escalate);
        assert_eq!(triage.labels, ["legal-watch"]);
        assert!(triage.reasons[0].contains("legal"));
        assert_eq!(triage.intent, "general", "no brand intent matched");
        apply(&rules, "Is the tent under warranty?", &mut triage);
        assert_eq!(triage.intent, "warranty");
        assert!(
            triage
                .reasons
                .iter()
                .any(|r| r == "intent warranty: listening rule `warranty`"),
            "{:?}",
            triage.reasons
        );
        assert!(
            Rule::new(RuleConfig {
                name: "x".into(),
                query: "x".into(),
                label: "x".into(),
                intent: Some("Warranty Claims".into()),
                ..RuleConfig::default()
            })
            .expect_err("bad intent")
            .field()
                == "intent"
        );
    }
}
