//! What a suggestion knows about the person it answers: first name,
//! whether they have written before, the order they mention, and whether
//! the conversation is public.

use crate::{Context, Message, Visibility};

/// The personal facts a suggestion may use.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Personal {
    /// The customer's first name, when a plausible one is known.
    pub name: Option<String>,
    /// Whether the customer has had earlier conversations with the brand.
    pub returning: bool,
    /// Whether the message (and so the reply) is public. Public replies
    /// never echo the order id.
    pub public: bool,
}

impl Personal {
    /// Gathers the facts from the message and the host's context.
    pub fn of(message: &Message, context: &Context) -> Self {
        Self {
            name: first_name(message, context),
            returning: context
                .customer
                .as_ref()
                .is_some_and(|c| c.past_conversations > 0),
            public: message.visibility == Visibility::Public,
        }
    }

    /// `order_id`, when it may be written in the reply (private only).
    pub fn speakable<'a>(&self, order_id: Option<&'a str>) -> Option<&'a str> {
        order_id.filter(|_| !self.public)
    }
}

/// The customer's first name: the host's customer record, else the
/// author's display name, by [`chorus_voice::given_name`]: `"Lovelace,
/// Ada"` gives `Ada`; handles, addresses, placeholders (`null`, `unknown`)
/// and the names of a team or a company (`Ops Team`, `Kessler IT`) give
/// none. The host's voice gate and the email plugin read names by the same
/// rule, so a greeting and the body never disagree.
pub fn first_name(message: &Message, context: &Context) -> Option<String> {
    let from_record = context.customer.as_ref().and_then(|c| c.name.as_deref());
    chorus_voice::first_given_name([from_record, message.author.display_name.as_deref()])
}

/// Verbs of praise after which the praised thing follows ("love the new
/// tent"), in English.
const PRAISE_VERBS: &[&str] = &[
    "love",
    "loving",
    "loved",
    "enjoying",
    "enjoyed",
    "thanks for",
    "thank you for",
];

/// Words that end the praised thing ("the tent *so* much", "the tent *and*").
const PRAISE_STOPS: &[&str] = &[
    "so", "and", "but", "it", "is", "was", "are", "were", "that", "which", "from", "for", "on",
    "in", "at", "with", "you", "guys", "team", "too", "very", "really", "much", "a", "lot",
];

/// Words that may open a clause before its praised subject ("honestly the
/// new shell is a game changer").
const PRAISE_OPENERS: &[&str] = &[
    "honestly", "wow", "ok", "okay", "omg", "tbh", "just", "so", "and", "yes", "yeah", "guys",
    "hey", "hi",
];

/// Verbs that make what precedes them the praised subject ("the new shell
/// *is* a game changer").
const PRAISE_COPULAS: &[&str] = &["is", "was", "are", "were", "has", "have"];

/// What an English message praises, as the reply should name it: "love the
/// new tent" → `the new tent`, "love your support" → `our support`, "the
/// new rain shell is a game changer" → `the new rain shell`. Needs a
/// determiner after the verb, or a determiner opening the clause and a verb
/// after the thing; at most four words, within one clause ("love the new
/// cache, our builds…" → `the new cache`); none when unsure.
pub fn praised(text: &str) -> Option<String> {
    text.split([',', '.', ';', ':', '!', '?', '\n', '(', ')'])
        .find_map(praised_in_clause)
}

fn praised_in_clause(text: &str) -> Option<String> {
    // Handles are addressees, not words of the clause.
    let original: Vec<&str> = text
        .split_whitespace()
        .filter(|w| !w.starts_with('@'))
        .flat_map(|w| w.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-')))
        .filter(|w| !w.is_empty())
        .collect();
    let lower: Vec<String> = original.iter().map(|w| w.to_lowercase()).collect();
    let words: Vec<&str> = lower.iter().map(String::as_str).collect();
    // "love the new tent": the thing follows a verb of praise.
    let after_verb = (0..words.len()).find_map(|i| {
        let verb_len = PRAISE_VERBS.iter().find_map(|verb| {
            let parts: Vec<&str> = verb.split(' ').collect();
            (words.get(i..i + parts.len()) == Some(&parts[..])).then_some(parts.len())
        })?;
        thing_at(&original, &words, i + verb_len).map(|(thing, _)| thing)
    });
    // "the new shell is a game changer": the thing opens the clause.
    let subject = || {
        let at = words
            .iter()
            .take_while(|w| PRAISE_OPENERS.contains(w))
            .count();
        let (thing, end) = thing_at(&original, &words, at)?;
        words
            .get(end)
            .is_some_and(|w| PRAISE_COPULAS.contains(w))
            .then_some(thing)
    };
    after_verb.or_else(subject)
}

/// The thing named from the determiner at `at` ("the", "my", "your"…), as
/// the brand says it ("your" → "our"), and the index after it.
fn thing_at(original: &[&str], words: &[&str], at: usize) -> Option<(String, usize)> {
    let determiner = match *words.get(at)? {
        "the" | "this" | "these" => "the",
        "my" => "your",
        "your" => "our",
        _ => return None,
    };
    let start = at + 1;
    let count = words[start..]
        .iter()
        .take_while(|w| !PRAISE_STOPS.contains(w))
        .take(4)
        .count();
    // An ALL-CAPS word is shouting, not a name: keep it lowercase.
    let thing: Vec<&str> = original[start..start + count]
        .iter()
        .zip(&words[start..start + count])
        .map(|(w, lower)| {
            if w.chars().all(char::is_uppercase) {
                *lower
            } else {
                *w
            }
        })
        .collect();
    let named = !thing.is_empty() && thing.iter().all(|w| w.chars().any(char::is_alphabetic));
    named.then(|| (format!("{determiner} {}", thing.join(" ")), start + count))
}

/// Words after which a token is an order id ("order 123-4567890",
/// "order number AB12345", "pedido 55512", "Bestellnummer 99123").
const ORDER_WORDS: &[&str] = &[
    "order",
    "orders",
    "pedido",
    "commande",
    "cmd",
    "cde",
    "bestellnr",
    "bestellung",
    "bestellnummer",
    "auftrag",
    // A booking's reference: "ref NK-39920", "booking reference NK-48213".
    "booking",
    "reservation",
    "ref",
    "reference",
    "confirmation",
    "reserva",
    "referencia",
    "localizador",
    "réservation",
    "référence",
    "buchung",
    "buchungsnummer",
];

/// Words that may sit between the order word and the id.
const ORDER_FILLERS: &[&str] = &[
    "number",
    "no",
    "no.",
    "nr",
    "nr.",
    "id",
    "#",
    "num",
    "n°",
    "nº",
    "n.º",
    "n.°",
    "número",
    "numéro",
    "nummer",
    "is",
    "was",
    ":",
    "ref",
    "ref.",
    "reference",
    "code",
];

/// Finds an order id in `text`: `#` followed by at least five characters
/// with three or more digits (`#2024` is a hashtag), or such a token after an order word. The
/// id is returned as written (`#12345` keeps its `#`).
///
/// Phone and card detection lives in [`crate::triage::find_pii`]; an id
/// found here may also be reported there (a ten-digit order number looks
/// like a phone number), which only makes a public reply more careful.
pub fn find_order_id(text: &str) -> Option<String> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    for (i, raw) in tokens.iter().enumerate() {
        let token = raw.trim_end_matches(|c: char| ".,;:!?)".contains(c));
        if let Some(id) = token.strip_prefix('#')
            && id.len() >= 5
            && looks_like_id(id)
        {
            return Some(token.to_owned());
        }
        let word = token.trim_start_matches('(').to_lowercase();
        if !ORDER_WORDS.contains(&word.as_str()) {
            continue;
        }
        for next in tokens.iter().skip(i + 1).take(3) {
            let next = next.trim_end_matches(|c: char| ".,;!?)".contains(c));
            let bare = next.trim_start_matches('#').trim_end_matches(':');
            if looks_like_id(bare) {
                return Some(next.trim_end_matches(':').to_owned());
            }
            if !ORDER_FILLERS.contains(&next.to_lowercase().as_str()) {
                break;
            }
        }
    }
    // Written apart from the word ("my order says delivered but it's not
    // here 😕 4471-5521", "ordered a sleeping bag 2 weeks ago, AO-5583021"):
    // digits in hyphenated groups of three or more, or a letter prefix and
    // digits, in a message about an order.
    fn word_of(token: &str) -> &str {
        token.trim_matches(|c: char| !c.is_alphanumeric())
    }
    let about_an_order = tokens.iter().any(|t| {
        let word = word_of(t).to_lowercase();
        ORDER_WORDS.contains(&word.as_str()) || ORDERED.contains(&word.as_str())
    });
    about_an_order
        .then(|| {
            tokens
                .iter()
                .map(|t| word_of(t))
                .find(|t| grouped_digits(t) || prefixed_digits(t))
        })
        .flatten()
        .map(str::to_owned)
}

/// Verbs of ordering: "ordered a sleeping bag… AO-5583021" is about an
/// order without the noun.
const ORDERED: &[&str] = &[
    "ordered",
    "pedí",
    "pedi",
    "encargué",
    "commandé",
    "commandée",
    "commandés",
    "commandées",
    "bestellt",
];

/// An upper-case prefix of one to four letters, a hyphen and at least five
/// digits (`AO-5583021`): the shape shops give order numbers; not an
/// invoice (`INV-…`, found as one).
fn prefixed_digits(token: &str) -> bool {
    let Some((prefix, digits)) = token.split_once('-') else {
        return false;
    };
    (1..=4).contains(&prefix.len())
        && prefix.chars().all(|c| c.is_ascii_uppercase())
        && !prefix.starts_with("INV")
        && digits.len() >= 5
        && digits.chars().all(|c| c.is_ascii_digit())
}

/// Digits in two or three hyphenated groups of at least three each, at
/// most nine in all (`4471-5521`): not a date (`2026-12-05`) and not a
/// phone number (`020-7946-0999`).
fn grouped_digits(token: &str) -> bool {
    let groups: Vec<&str> = token.split('-').collect();
    (2..=3).contains(&groups.len())
        && token.chars().filter(char::is_ascii_digit).count() <= 9
        && groups
            .iter()
            .all(|g| g.len() >= 3 && g.chars().all(|c| c.is_ascii_digit()))
}

fn looks_like_id(token: &str) -> bool {
    let digits = token.chars().filter(char::is_ascii_digit).count();
    (4..=24).contains(&token.chars().count())
        && digits >= 3
        && token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && token
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CustomerSummary, testing};

    #[test]
    fn finds_order_ids_in_their_usual_shapes() {
        for (text, id) in [
            ("where is #12345?", "#12345"),
            ("my order 123-4567890 never came", "123-4567890"),
            (
                "ordered a sleeping bag 2 weeks ago, AO-5583021, still nothing",
                "AO-5583021",
            ),
            (
                "pedí unas botas hace 10 días, el número es AO-5577001 😕",
                "AO-5577001",
            ),
            ("order number AB12345.", "AB12345"),
            ("Order no. 55512, please", "55512"),
            ("order #98765 is late", "#98765"),
            ("mi pedido 45678 no llegó", "45678"),
            ("Bestellnummer: 991234", "991234"),
            ("il manque les sardines 🙃 cmd n° 88-40217", "88-40217"),
            ("mi pedido n.º 30-11873 sigue sin salir", "30-11873"),
            ("pedido nº 4471-20 ??", "4471-20"),
            (
                "my order says delivered but it's not here 😕 4471-5521",
                "4471-5521",
            ),
            ("still no money back?? it was €230 ref NK-39920", "NK-39920"),
            ("booked 3 nights (booking reference NK-48213)", "NK-48213"),
            ("mi reserva 77120 del hotel de Sevilla", "77120"),
        ] {
            assert_eq!(find_order_id(text).as_deref(), Some(id), "{text}");
        }
        for text in [
            "#fail #2024 no order here",
            "I want to order 2 more",
            "my order never arrived",
            "call me at 555",
            "my order from 2026-12-05 is late, call me on 020-7946-0999",
        ] {
            assert_eq!(find_order_id(text), None, "{text}");
        }
    }

    #[test]
    fn names_come_from_the_record_then_the_author() {
        let mut context = testing::context(280);
        let message = testing::message("hi");
        assert_eq!(first_name(&message, &context).as_deref(), Some("Jo"));
        context.customer = Some(CustomerSummary {
            id: "c1".into(),
            name: Some("Lovelace, Ada".into()),
            vip: false,
            past_conversations: 2,
            open_conversations: 0,
            last_contact_at: None,
        });
        let personal = Personal::of(&message, &context);
        assert_eq!(personal.name.as_deref(), Some("Ada"));
        assert!(personal.returning);
    }

    #[test]
    fn praise_names_what_was_praised() {
        assert_eq!(
            praised("@AcmeOutdoor LOVE the new Summit tent so much 😍").as_deref(),
            Some("the new Summit tent")
        );
        assert_eq!(
            praised("honestly love your support team").as_deref(),
            Some("our support")
        );
        assert_eq!(
            praised("@forgekit love the new cache, our builds went from 11 min to 3 🚀").as_deref(),
            Some("the new cache")
        );
        assert_eq!(
            praised("honestly the new rain shell is a game changer, wore it all weekend")
                .as_deref(),
            Some("the new rain shell")
        );
        assert_eq!(
            praised("@acme your support was brilliant today").as_deref(),
            Some("our support")
        );
        assert_eq!(
            praised("the tent arrived torn but is great").as_deref(),
            None
        );
        assert_eq!(praised("you guys are great").as_deref(), None);
        assert_eq!(praised("love how fast it shipped").as_deref(), None);
    }

    #[test]
    fn a_team_or_a_placeholder_is_not_a_first_name() {
        let context = crate::testing::context(4_000);
        for (display, name) in [
            ("Ops Team", None),
            ("Kessler IT", None),
            ("null", None),
            ("Lovelace, Ada", Some("Ada")),
        ] {
            let mut message = crate::testing::message("hello?");
            message.author.display_name = Some(display.into());
            assert_eq!(first_name(&message, &context).as_deref(), name, "{display}");
        }
    }
}
