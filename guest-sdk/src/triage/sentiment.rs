//! Rule-based sentiment after VADER (Hutto & Gilbert, 2014): a valence
//! lexicon (VADER's own for English, hand-written ones for Spanish, French and
//! German), emoji and emoticons, and VADER's rules, read for customer care:
//!
//! - negation flips and dampens a valence (×-0.74) up to three words later,
//!   within a clause ("not happy", "no es bueno", "ce n'est pas bon"); a
//!   following negation negates a verb ("j'aime pas", "gefällt mir nicht");
//!   "never so good" is emphasis, "without a doubt" is no negation;
//! - boosters and dampeners ("very", "kind of", "muy", "très", "sehr") add or
//!   take 0.293, less with distance;
//! - ALL CAPS adds 0.733 when the text mixes cases; `!` (up to four) and
//!   `??` add emphasis;
//! - before "but" ("pero", "mais", "aber") words weigh half, after it 1.5;
//! - "least" negates ("the least helpful"), except "at least";
//! - idioms replace their words ("thanks for nothing", "not bad",
//!   "yeah right", "por fin", "c'est nul"), and the words of an ordinary
//!   request ("help", "please", "cancel", "charged") are neutral.
//!
//! The sum goes through VADER's normalisation x/√(x²+15) into -1..1.
//! Sarcasm is not attempted. The text is tokenized once; every lookup is a
//! binary search in a `const` table generated at build time.

use super::fold;
mod lexicon;
mod tokens;

#[cfg(test)]
mod table_tests;
#[cfg(test)]
mod tests;

use lexicon::{Language, Role, compare, find, lookup};
use tokens::{Token, Tokens, tokenize};

/// VADER's scalar for a negated valence.
const NEGATION_SCALAR: f32 = -0.74;
/// Added to a valence written in ALL CAPS among lower-case words.
const CAPS_INCREMENT: f32 = 0.733;
/// Booster weight by distance: the word before, two before, three before.
const BOOSTER_DECAY: [f32; 3] = [1.0, 0.95, 0.9];
/// How far back boosters and negations reach, in words.
const WINDOW: usize = 3;
/// Added per `!`, for up to four of them.
const EXCLAMATION: f32 = 0.292;
/// Added per `?` for two or three of them; four or more add `QUESTIONS_MAX`.
const QUESTION: f32 = 0.18;
const QUESTIONS_MAX: f32 = 0.96;
/// VADER's normalisation constant: about the largest expected sum.
const ALPHA: f32 = 15.0;
/// Longest phrase in the tables, in words.
const MAX_PHRASE: usize = 4;

/// Sentiment of `text` from -1.0 to 1.0 (VADER's compound score). `language`
/// is a BCP-47 tag (en, es, fr, de) choosing the lexicon; None or another
/// language uses English plus the emoji and emoticon tables.
pub fn sentiment(text: &str, language: Option<&str>) -> f32 {
    let language = lexicon::language(language);
    let tokens = tokenize(text, language);
    let items = items(&tokens, language);
    let mut valences = score_items(&items, &tokens, language);
    if let Some(but) = items.iter().position(|i| i.role == Some(Role::Contrast)) {
        for (index, valence) in valences.iter_mut().enumerate() {
            *valence *= if index < but { 0.5 } else { 1.5 };
        }
    }
    let mut sum: f32 = valences.iter().sum();
    if sum != 0.0 {
        sum += sum.signum() * punctuation_emphasis(tokens.exclamations, tokens.questions);
    }
    normalize(sum)
}

/// A word, a phrase or an emoji, with its meaning.
#[derive(Debug, Clone, Copy)]
struct Item {
    valence: f32,
    role: Option<Role>,
    verb: bool,
    emoji: bool,
    caps: bool,
    /// Clause of the first and of the last word.
    first_clause: usize,
    last_clause: usize,
    /// The folded text, for the "never so" and "at least" checks.
    start: usize,
    end: usize,
}

/// Groups tokens into items: the longest phrase starting at each word, else
/// the word alone.
fn items(tokens: &Tokens, language: &Language) -> Vec<Item> {
    let list = &tokens.tokens;
    let mut items = Vec::with_capacity(list.len());
    let mut index = 0;
    while let Some(token) = list.get(index) {
        if let Some(valence) = token.emoji {
            items.push(Item {
                valence,
                role: None,
                emoji: true,
                ..item(token, token)
            });
            index += 1;
            continue;
        }
        if let Some((length, role)) = phrase_at(tokens, index, language) {
            let words = &list[index..index + length];
            let last = &words[length - 1];
            let (valence, role) = match role {
                Role::Valence(v) => (v, None),
                other => (0.0, Some(other)),
            };
            items.push(Item {
                valence,
                role,
                caps: words.iter().all(|w| w.caps),
                ..item(token, last)
            });
            index += length;
            continue;
        }
        let entry = lookup(language, tokens.text(token)).unwrap_or_default();
        let role = entry.role.or(token.nt.then_some(Role::Negation));
        items.push(Item {
            valence: entry.valence,
            role,
            verb: entry.verb,
            caps: token.caps,
            ..item(token, token)
        });
        index += 1;
    }
    resolve_dual_roles(&mut items);
    items
}

fn item(first: &Token, last: &Token) -> Item {
    Item {
        valence: 0.0,
        role: None,
        verb: false,
        emoji: false,
        caps: false,
        first_clause: first.clause,
        last_clause: last.clause,
        start: first.start,
        end: last.end,
    }
}

/// The longest phrase (length in words, role) starting at word `index`.
fn phrase_at(tokens: &Tokens, index: usize, language: &Language) -> Option<(usize, Role)> {
    let phrases = language.lexicon.phrases;
    let list = &tokens.tokens;
    let first = list.get(index)?;
    // Cheap test first: does any phrase start with this word?
    let word = tokens.text(first);
    let at = phrases.partition_point(|(key, _)| compare(key, word).is_lt());
    let starts = phrases.get(at).is_some_and(|(key, _)| {
        key.strip_prefix(word)
            .is_some_and(|rest| rest.starts_with(' '))
    });
    if !starts {
        return None;
    }
    let run = list[index..]
        .iter()
        .take(MAX_PHRASE)
        .take_while(|t| t.emoji.is_none() && t.sentence == first.sentence)
        .count();
    (2..=run).rev().find_map(|length| {
        let last = &list[index + length - 1];
        let key = tokens.folded.get(first.start..last.end)?;
        find(phrases, key).map(|role| (length, role))
    })
}

/// A word that is both a modifier and a valence ("super", "pretty") is a
/// modifier when a valence follows in its clause ("super fast"), else a
/// valence ("super service").
fn resolve_dual_roles(items: &mut [Item]) {
    for index in 0..items.len() {
        let here = items[index];
        if here.role.is_none() || here.valence == 0.0 {
            continue;
        }
        let modifies = items.get(index + 1).is_some_and(|next| {
            next.valence != 0.0 && !next.emoji && next.first_clause == here.last_clause
        });
        if modifies {
            items[index].valence = 0.0;
        } else {
            items[index].role = None;
        }
    }
}

/// Each item's valence after caps, boosters, negation and "least".
fn score_items(items: &[Item], tokens: &Tokens, language: &Language) -> Vec<f32> {
    let mixed_case = tokens.mixed_case;
    let text = |item: &Item| item_text(tokens, item);
    let mut valences = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let mut valence = item.valence;
        if valence == 0.0 || item.emoji {
            valences.push(valence);
            continue;
        }
        let sign = valence.signum();
        if mixed_case && item.caps {
            valence += sign * CAPS_INCREMENT;
        }
        let before = items[..index]
            .iter()
            .rev()
            .take(WINDOW)
            .take_while(|b| b.last_clause == item.first_clause);
        let mut negation: Option<&Item> = None;
        let mut never_so = false;
        for (distance, previous) in before.enumerate() {
            match previous.role {
                Some(Role::Booster(step)) => {
                    let mut scalar = step * sign;
                    if mixed_case && previous.caps {
                        scalar += sign * CAPS_INCREMENT;
                    }
                    valence += scalar * BOOSTER_DECAY[distance];
                }
                Some(Role::Negation) => {
                    let between = &items[index - distance..index];
                    if language.never.contains(&text(previous))
                        && between.iter().any(|b| language.so.contains(&text(b)))
                    {
                        never_so = true;
                    } else {
                        negation = Some(previous);
                    }
                }
                _ => {}
            }
        }
        if never_so {
            valence *= 1.25;
        } else if let Some(negation) = negation {
            valence *= NEGATION_SCALAR;
            if mixed_case && negation.caps {
                valence += valence.signum() * CAPS_INCREMENT;
            }
        } else if item.verb && negated_after(items, index) {
            valence *= NEGATION_SCALAR;
        }
        if least_before(items, index, tokens) {
            valence *= NEGATION_SCALAR;
        }
        valences.push(valence);
    }
    valences
}

/// A negation within the next three words of the clause: "j'aime pas".
fn negated_after(items: &[Item], index: usize) -> bool {
    let here = &items[index];
    items[index + 1..]
        .iter()
        .take(WINDOW)
        .take_while(|a| a.first_clause == here.last_clause)
        .any(|a| a.role == Some(Role::Negation))
}

/// "least" just before, not as "at least" or "very least".
fn least_before(items: &[Item], index: usize, tokens: &Tokens) -> bool {
    let Some(previous) = index.checked_sub(1).and_then(|i| items.get(i)) else {
        return false;
    };
    if previous.role != Some(Role::Least) || previous.last_clause != items[index].first_clause {
        return false;
    }
    let two_before = index.checked_sub(2).and_then(|i| items.get(i));
    !two_before.is_some_and(|b| matches!(item_text(tokens, b), "at" | "very"))
}

/// The folded text of an item (empty for an emoji).
fn item_text<'t>(tokens: &'t Tokens, item: &Item) -> &'t str {
    tokens.folded.get(item.start..item.end).unwrap_or_default()
}

/// VADER's emphasis from `!` (up to four) and `?` (two or more).
fn punctuation_emphasis(exclamations: usize, questions: usize) -> f32 {
    let exclamation = exclamations.min(4) as f32 * EXCLAMATION;
    let question = match questions {
        0 | 1 => 0.0,
        2 | 3 => questions as f32 * QUESTION,
        _ => QUESTIONS_MAX,
    };
    exclamation + question
}

/// VADER's normalisation of a summed valence into -1..1.
fn normalize(score: f32) -> f32 {
    if !score.is_finite() {
        return if score.is_nan() { 0.0 } else { score.signum() };
    }
    let score = f64::from(score);
    (score / (score * score + f64::from(ALPHA)).sqrt()).clamp(-1.0, 1.0) as f32
}
