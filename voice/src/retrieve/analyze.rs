//! Text analysis for [`super`]: tokens, stopwords, stems, accent folding,
//! and the synonym phrases found in a token stream.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

use super::tables::{
    ACCENTS, CONCEPTS, Concept, MAX_GAP, NUMBER_WORDS, OTHER_SENSES, STEM_EXCEPTIONS_DE,
    STEM_EXCEPTIONS_EN, STOP_DE, STOP_EN, STOP_ES, STOP_FR, URL_NOISE, WEAK_DE, WEAK_EN, WEAK_ES,
    WEAK_FR,
};

/// A language the analyser knows; anything else is [`Lang::Other`]: no
/// stemming, no stopwords, no synonyms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    En,
    Es,
    Fr,
    De,
    Other,
}

impl Lang {
    /// From a tag such as `es`, `de-DE` or `EN_us` (its primary subtag).
    pub(crate) fn parse(tag: &str) -> Self {
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        match primary.to_ascii_lowercase().as_str() {
            "en" => Self::En,
            "es" => Self::Es,
            "fr" => Self::Fr,
            "de" => Self::De,
            _ => Self::Other,
        }
    }

    fn slot(self) -> usize {
        self as usize
    }

    fn algorithm(self) -> Option<Algorithm> {
        match self {
            Self::En => Some(Algorithm::English),
            Self::Es => Some(Algorithm::Spanish),
            Self::Fr => Some(Algorithm::French),
            Self::De => Some(Algorithm::German),
            Self::Other => None,
        }
    }

    fn stopwords(self) -> &'static [&'static str] {
        match self {
            Self::En => STOP_EN,
            Self::Es => STOP_ES,
            Self::Fr => STOP_FR,
            Self::De => STOP_DE,
            Self::Other => &[],
        }
    }

    fn weak_words(self) -> &'static [&'static str] {
        match self {
            Self::En => WEAK_EN,
            Self::Es => WEAK_ES,
            Self::Fr => WEAK_FR,
            Self::De => WEAK_DE,
            Self::Other => &[],
        }
    }

    fn synonyms(self, concept: &Concept) -> &'static [&'static str] {
        match self {
            Self::En => concept.en,
            Self::Es => concept.es,
            Self::Fr => concept.fr,
            Self::De => concept.de,
            Self::Other => &[],
        }
    }
}

const LANGS: [Lang; 5] = [Lang::En, Lang::Es, Lang::Fr, Lang::De, Lang::Other];

/// One position of an analysed text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token {
    /// The word as written, lowercased (for a hit's rationale).
    pub surface: String,
    /// Its index terms: the folded stem first, then the folded stem of the
    /// accent-free spelling when that differs ("devolución" stems to
    /// `devolu`, "devolucion" to `devolucion`: both are kept). A web
    /// address or file name is one exact term.
    pub terms: Vec<String>,
    /// A stopword: kept in the stream for synonym phrases, never indexed.
    /// So is a number of one or two digits (a size, a quantity, a day) or
    /// a small one spelled out ("two"): it says nothing about which
    /// snippet answers.
    pub stop: bool,
    /// An everyday word (see [`super::tables::WEAK_EN`]): indexed, but no
    /// evidence in a query.
    pub weak: bool,
    /// A whole web address, host, file name or id (`forge.toml`).
    pub exact: bool,
    /// Which whitespace-separated chunk of the text it comes from: the
    /// parts of one link share it.
    pub chunk: usize,
}

/// Analyses `text` as language `lang`.
pub(crate) fn analyze(text: &str, lang: Lang) -> Vec<Token> {
    let mut out = Vec::new();
    for (n, chunk) in text.split_whitespace().enumerate() {
        let before = out.len();
        analyze_chunk(chunk, lang, &mut out);
        for token in out.iter_mut().skip(before) {
            token.chunk = n;
        }
    }
    out
}

/// One whitespace-separated chunk: a word, a hyphenated word, a link, a
/// file name, an `@handle` (dropped: it names who is talking, not what).
fn analyze_chunk(chunk: &str, lang: Lang, out: &mut Vec<Token>) {
    let lead = chunk.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '@');
    if lead.starts_with('@') {
        return;
    }
    let body = chunk.trim_matches(|c: char| !c.is_alphanumeric());
    let scheme = body.contains(':').then(|| body.split_once("://")).flatten();
    let body = scheme.map_or(body, |(_, rest)| rest);
    let lower = body.to_lowercase();
    let lower = lower.strip_prefix("www.").unwrap_or(&lower);
    let compound = lower.contains(['.', '/', '_', '@']) && lower.chars().any(char::is_alphabetic);
    if compound {
        push_exact(lower, out);
    }
    // An amount ("£120", "49,99€") is the customer's own payment: it says
    // nothing about which text answers, and "120 days" is no match for it.
    let amount = chunk.contains(CURRENCY_SIGNS);
    for part in lower.split(|c: char| !c.is_alphanumeric()) {
        out.extend(word(part, lang).map(|mut token| {
            token.stop |= amount && number(part).is_some();
            token
        }));
    }
    let mut pieces = lower.split('-').filter(|p| !p.is_empty());
    let hyphenated = !compound
        && lower.split('-').filter(|p| !p.is_empty()).count() > 1
        && pieces.all(|p| p.chars().any(char::is_alphabetic));
    if hyphenated {
        let joined: String = lower.chars().filter(|c| c.is_alphanumeric()).collect();
        out.extend(word(&joined, lang));
    }
}

/// A link or file name as whole terms: the address without its query, and
/// each `/` segment that has a dot (the host, a file name).
fn push_exact(lower: &str, out: &mut Vec<Token>) {
    let whole = lower.split(['?', '#']).next().unwrap_or_default();
    let whole = whole.trim_end_matches('/');
    let segments = whole.split('/').filter(|s| s.contains('.') && *s != whole);
    for term in std::iter::once(whole).chain(segments) {
        out.push(Token {
            surface: term.to_owned(),
            terms: vec![term.to_owned()],
            stop: false,
            weak: false,
            exact: true,
            chunk: 0,
        });
    }
}

/// One lowercase word as a token; `None` for an empty part or a lone
/// letter (what an apostrophe leaves: the `t` of "can't").
fn word(w: &str, lang: Lang) -> Option<Token> {
    let mut chars = w.chars();
    let first = chars.next()?;
    if chars.next().is_none() && !first.is_numeric() {
        return None;
    }
    let (terms, stop) = terms_of(w, lang);
    let small_number =
        number(w).is_some_and(|n| n.len() <= 2) || NUMBER_WORDS.contains(&&*fold_accents(w));
    Some(Token {
        surface: w.to_owned(),
        terms,
        stop: stop || small_number,
        weak: is_weak(&fold_accents(w), lang),
        exact: false,
        chunk: 0,
    })
}

/// A lowercase word's terms, and whether it is a stopword. A stopword is
/// never indexed, so it is not stemmed: its folded form is all a synonym
/// phrase needs ("mot *de* passe").
fn terms_of(w: &str, lang: Lang) -> (Vec<String>, bool) {
    let folded = fold_accents(w);
    if is_stop(&folded, lang) {
        return (vec![folded.into_owned()], true);
    }
    (stems(w, lang), false)
}

/// The index terms of one lowercase word (see [`Token::terms`]).
fn stems(w: &str, lang: Lang) -> Vec<String> {
    if let Some(n) = number(w) {
        return vec![n.to_owned()];
    }
    let primary = fold_accents(&stem(w, lang)).into_owned();
    let mut terms = vec![primary];
    if let Cow::Owned(plain) = fold_accents(w) {
        let alt = fold_accents(&stem(&plain, lang)).into_owned();
        if !terms.contains(&alt) {
            terms.push(alt);
        }
    }
    terms
}

/// Signs that make the numbers of a chunk an amount of money.
const CURRENCY_SIGNS: [char; 5] = ['£', '$', '€', '¥', '₹'];

/// Endings a customer puts on a number: a plural ("503s") or the German
/// "503er" ("nur noch 503er", "lauter 500ern").
const NUMBER_ENDINGS: &[&str] = &["s", "es", "er", "ers", "ern"];

/// A number as written, or one with an ending ([`NUMBER_ENDINGS`]) without it.
fn number(w: &str) -> Option<&str> {
    let split = w.find(|c: char| !c.is_ascii_digit()).unwrap_or(w.len());
    let (digits, ending) = w.split_at(split);
    let plain = ending.is_empty() || NUMBER_ENDINGS.contains(&ending);
    (!digits.is_empty() && plain).then_some(digits)
}

fn stem(w: &str, lang: Lang) -> Cow<'_, str> {
    let exceptions = match lang {
        Lang::En => STEM_EXCEPTIONS_EN,
        Lang::De => STEM_EXCEPTIONS_DE,
        _ => &[],
    };
    if let Some((_, term)) = exceptions.iter().find(|(form, _)| *form == w) {
        return Cow::Borrowed(term);
    }
    if lang == Lang::En
        && let Some(acronym) = acronym_plural(w)
    {
        return Cow::Borrowed(acronym);
    }
    if lang == Lang::De
        && let Some(joined) = without_zu(w)
    {
        return Cow::Owned(stem(&joined, lang).into_owned());
    }
    match lang.algorithm() {
        Some(algorithm) => Stemmer::create(algorithm).stem(w),
        None => Cow::Borrowed(w),
    }
}

/// The singular of an acronym's plural ("pdfs", "csvs"), which the
/// stemmer keeps whole because no vowel comes before its "s": three
/// letters or more without a vowel, then "s".
fn acronym_plural(w: &str) -> Option<&str> {
    let singular = w.strip_suffix('s')?;
    (singular.len() >= 3
        && singular.bytes().all(|b| b.is_ascii_lowercase())
        && !singular.bytes().any(|b| b"aeiouy".contains(&b)))
    .then_some(singular)
}

/// German separable prefixes, lowercase: the infinitive with "zu" puts it
/// between the prefix and the verb ("mitzunehmen", "zurückzugeben").
const SEPARABLE_PREFIXES: &[&str] = &[
    "ab", "an", "auf", "aus", "bei", "durch", "ein", "fest", "frei", "her", "hin", "los", "mit",
    "nach", "um", "vor", "weg", "weiter", "wieder", "zu", "zurück", "zuruck", "zusammen",
];

/// A German infinitive with "zu" inside ("mitzunehmen", "anzumelden",
/// "umzutauschen") as the verb it is ("mitnehmen"), so "Nummer
/// mitzunehmen" in a snippet and "Nummer mitnehmen" in a message meet.
fn without_zu(w: &str) -> Option<String> {
    SEPARABLE_PREFIXES.iter().find_map(|prefix| {
        let verb = w.strip_prefix(prefix)?.strip_prefix("zu")?;
        (verb.chars().count() >= 4 && verb.ends_with('n')).then(|| format!("{prefix}{verb}"))
    })
}

/// `s` with accents removed (see [`ACCENTS`]); expects lowercase.
pub(crate) fn fold_accents(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        return Cow::Borrowed(s);
    }
    let folds = folds();
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match folds.binary_search_by_key(&c, |&(from, _)| from) {
            Ok(i) => out.push_str(folds.get(i).map_or("", |&(_, to)| to)),
            Err(_) => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Accented letters and their plain forms, sorted by letter.
fn folds() -> &'static [(char, &'static str)] {
    static FOLDS: OnceLock<Vec<(char, &'static str)>> = OnceLock::new();
    FOLDS.get_or_init(|| {
        let pairs = ACCENTS
            .iter()
            .flat_map(|&(from, to)| from.chars().map(move |c| (c, to)));
        let mut folds: Vec<(char, &str)> = pairs.collect();
        folds.sort_unstable();
        folds
    })
}

/// Per language: its stopwords and web-address noise, folded.
fn stop_sets() -> &'static [HashSet<String>] {
    static SETS: OnceLock<Vec<HashSet<String>>> = OnceLock::new();
    SETS.get_or_init(|| {
        LANGS
            .iter()
            .map(|l| {
                let words = l.stopwords().iter().chain(URL_NOISE);
                words
                    .map(|w| fold_accents(&w.to_lowercase()).into_owned())
                    .collect()
            })
            .collect()
    })
}

/// Per language: its everyday words.
fn weak_sets() -> &'static [HashSet<&'static str>] {
    static SETS: OnceLock<Vec<HashSet<&'static str>>> = OnceLock::new();
    SETS.get_or_init(|| {
        LANGS
            .iter()
            .map(|l| l.weak_words().iter().copied().collect())
            .collect()
    })
}

/// Whether a folded lowercase word is a stopword of `lang` or web-address
/// noise.
fn is_stop(folded: &str, lang: Lang) -> bool {
    stop_sets()
        .get(lang.slot())
        .is_some_and(|set| set.contains(folded))
}

/// Whether a folded lowercase word is one of `lang`'s everyday words.
fn is_weak(folded: &str, lang: Lang) -> bool {
    weak_sets()
        .get(lang.slot())
        .is_some_and(|set| set.contains(folded))
}

/// A synonym phrase, analysed: each word's terms, in order.
#[derive(Debug)]
struct Phrase {
    words: Vec<Vec<String>>,
    concept: usize,
}

impl Phrase {
    /// The term a multi-word phrase is indexed under ("send back").
    fn term(&self) -> Option<String> {
        (self.words.len() > 1).then(|| {
            let firsts = self.words.iter().filter_map(|w| w.first());
            firsts.map(String::as_str).collect::<Vec<_>>().join(" ")
        })
    }
}

/// Synonym phrases of one language, by each term of their first word.
type PhraseTable = HashMap<String, Vec<Phrase>>;

fn phrase_table(lang: Lang) -> Option<&'static PhraseTable> {
    phrase_tables().get(lang.slot())
}

/// Per language: its synonym phrases, analysed (every word stemmed).
fn phrase_tables() -> &'static [PhraseTable] {
    static TABLES: OnceLock<Vec<PhraseTable>> = OnceLock::new();
    TABLES.get_or_init(|| LANGS.iter().map(|&l| build_phrases(l)).collect())
}

/// Builds every table above now rather than at first use: see
/// [`super::prepare`].
pub(crate) fn prepare() {
    folds();
    stop_sets();
    weak_sets();
    phrase_tables();
}

fn build_phrases(lang: Lang) -> PhraseTable {
    let mut table = PhraseTable::new();
    for (concept, entry) in CONCEPTS.iter().enumerate() {
        for phrase in lang.synonyms(entry) {
            // Split as a message is ([`analyze_chunk`], [`word`]): "don't
            // fit" is "don fit", "j'ai laissé" is "ai laissé".
            let lower = phrase.to_lowercase();
            let words: Vec<Vec<String>> = lower
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().nth(1).is_some() || w.chars().any(char::is_numeric))
                .map(|w| terms_of(w, lang).0)
                .collect();
            let Some(first) = words.first().cloned() else {
                continue;
            };
            for key in first {
                let phrases = table.entry(key).or_default();
                phrases.push(Phrase {
                    words: words.clone(),
                    concept,
                });
            }
        }
    }
    table
}

/// A synonym phrase found in a token stream.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Match {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Term of the multi-word phrase itself ("send back"); `None` for one
    /// word, whose own terms stand for it, and for a parted phrase.
    pub term: Option<String>,
    /// A verb and its particle parted by the object ("send the boots
    /// back", see [`parted_end`]): a paraphrase of the phrase, which stands
    /// for its concept only, not for the phrase's own words.
    pub parted: bool,
    /// The `~concept` terms it stands for.
    pub concepts: Vec<String>,
    /// Concept ids, for the rationale.
    pub ids: Vec<&'static str>,
}

/// The index term of a concept (`~refund`): no word can spell it.
pub(crate) fn concept_term(concept: usize) -> String {
    format!("~{}", CONCEPTS.get(concept).map_or("", |c| c.id))
}

/// Synonym phrases in `tokens`, left to right, longest first, not
/// overlapping.
pub(crate) fn find_phrases(tokens: &[Token], lang: Lang) -> Vec<Match> {
    let Some(table) = phrase_table(lang) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match longest_at(tokens, i, table).filter(|m| !in_another_sense(tokens, m)) {
            Some(m) => {
                i = m.end;
                found.push(m);
            }
            None => i += 1,
        }
    }
    found
}

/// Whether a match of adjacent words is its words in another sense, told
/// by the word beside it ([`OTHER_SENSES`]): "down to £4.25" is a price,
/// not an outage; "close it down" is no opening hours; "at the earliest"
/// no delivery; "how much of that do I get" a quantity, not a price.
fn in_another_sense(tokens: &[Token], m: &Match) -> bool {
    let surface = |at: usize| tokens.get(at).map_or("", |t| t.surface.as_str());
    // The match's words, compared in place: `s.word` is one word or two.
    let is_word = |word: &str| match m.end - m.start {
        1 => word == surface(m.start),
        2 if m.term.is_some() => {
            word.split_once(' ') == Some((surface(m.start), surface(m.start + 1)))
        }
        _ => false,
    };
    let before = m.start.checked_sub(1).map_or("", surface);
    let after = surface(m.end);
    let number_after = after.starts_with(|c: char| c.is_ascii_digit());
    OTHER_SENSES.iter().any(|s| {
        is_word(s.word)
            && (s.before.contains(&before)
                || s.after.contains(&after)
                || (number_after && s.after.contains(&"#")))
    })
}

/// The longest phrases that start at `i` (all concepts they stand for).
fn longest_at(tokens: &[Token], i: usize, table: &PhraseTable) -> Option<Match> {
    let token = tokens.get(i)?;
    let mut best: Option<(usize, Vec<&Phrase>)> = None;
    let candidates = token.terms.iter().filter_map(|t| table.get(t)).flatten();
    for phrase in candidates {
        let Some(end) = match_end(phrase, tokens, i) else {
            continue;
        };
        match &mut best {
            Some((best_end, list)) if *best_end == end => list.push(phrase),
            Some((best_end, _)) if *best_end > end => {}
            _ => best = Some((end, vec![phrase])),
        }
    }
    let (end, phrases) = best?;
    let mut concepts: Vec<usize> = phrases.iter().map(|p| p.concept).collect();
    concepts.sort_unstable();
    concepts.dedup();
    let parted = phrases
        .first()
        .is_some_and(|p| contiguous_end(p, tokens, i).is_none());
    Some(Match {
        start: i,
        end,
        term: phrases.first().and_then(|p| p.term()).filter(|_| !parted),
        parted,
        concepts: concepts.iter().map(|&c| concept_term(c)).collect(),
        ids: concepts
            .iter()
            .filter_map(|&c| CONCEPTS.get(c).map(|c| c.id))
            .collect(),
    })
}

/// Where `phrase` ends when its first word is at `start` (see
/// [`ends_after`] and [`parted_end`]).
fn match_end(phrase: &Phrase, tokens: &[Token], start: usize) -> Option<usize> {
    contiguous_end(phrase, tokens, start).or_else(|| parted_end(phrase, tokens, start))
}

/// Where `phrase` ends when its words follow each other, stopwords
/// between them allowed ([`ends_after`]).
fn contiguous_end(phrase: &Phrase, tokens: &[Token], start: usize) -> Option<usize> {
    let is = |token: &Token, word: &&Vec<String>| token.terms.iter().any(|t| word.contains(t));
    ends_after(tokens, start, phrase.words.iter().skip(1), is)
}

/// English verbs of moving a thing, as stems, whose particle may follow
/// their object: "send *the boots* back", "bring *my jacket* back", "put
/// *the wardrobe* together".
const PARTED_VERBS: &[&str] = &[
    "send", "sent", "bring", "brought", "take", "took", "post", "get", "put",
];

/// Particles that may stand after a verb's object, as written and as
/// stemmed ("togeth").
const PARTICLES: &[&str] = &["back", "out", "together", "togeth"];

/// Most words between a verb and its particle.
const MAX_OBJECT: usize = 4;

/// Where a verb-and-particle phrase ("send back") ends when its verb is at
/// `start` and at most [`MAX_OBJECT`] words of its object stand between.
fn parted_end(phrase: &Phrase, tokens: &[Token], start: usize) -> Option<usize> {
    let [verb, particle] = phrase.words.as_slice() else {
        return None;
    };
    let one_of = |word: &[String], set: &[&str]| word.iter().any(|w| set.contains(&w.as_str()));
    if !one_of(verb, PARTED_VERBS) || !one_of(particle, PARTICLES) {
        return None;
    }
    let after = tokens
        .iter()
        .enumerate()
        .skip(start + 1)
        .take(MAX_OBJECT + 1);
    after
        .into_iter()
        .find(|(_, t)| t.terms.iter().any(|x| particle.contains(x)))
        .map(|(i, _)| i + 1)
}

/// Where a phrase whose first word is the token at `start` ends, one past
/// its last token: each of `rest` must be the next token that `is` it,
/// directly or after at most [`MAX_GAP`] stopwords; `None` when one is not.
pub(crate) fn ends_after<W>(
    tokens: &[Token],
    start: usize,
    rest: impl IntoIterator<Item = W>,
    is: impl Fn(&Token, &W) -> bool,
) -> Option<usize> {
    let mut pos = start;
    for word in rest {
        let mut next = pos + 1;
        loop {
            let token = tokens.get(next)?;
            if is(token, &word) {
                break;
            }
            if !token.stop || next - pos > MAX_GAP {
                return None;
            }
            next += 1;
        }
        pos = next;
    }
    Some(pos + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str, lang: Lang) -> Vec<String> {
        analyze(text, lang)
            .into_iter()
            .filter(|t| !t.stop)
            .flat_map(|t| t.terms)
            .collect()
    }

    #[test]
    fn words_are_lowercased_stemmed_and_folded() {
        assert_eq!(terms("Refunds REFUNDED", Lang::En), ["refund", "refund"]);
        assert_eq!(
            terms("réembolsé reembolso", Lang::Es),
            ["reembols", "reembols"]
        );
        assert_eq!(terms("Rücksendung", Lang::De), ["rucksend"]);
        // The infinitive with "zu" inside is the verb it is.
        assert_eq!(terms("mitzunehmen", Lang::De), terms("mitnehmen", Lang::De));
        assert_eq!(
            terms("zurückzugeben", Lang::De),
            terms("zurückgeben", Lang::De)
        );
        assert_eq!(terms("Anzug", Lang::De), ["anzug"]);
        // The accent-free spelling stems differently; both are kept.
        assert_eq!(terms("devolución", Lang::Es), ["devolu", "devolucion"]);
        assert_eq!(terms("devolucion", Lang::Es), ["devolucion"]);
    }

    #[test]
    fn a_stem_that_would_be_another_word_is_kept_apart() {
        assert_eq!(
            terms("accounting account", Lang::En),
            ["accounting", "account"]
        );
        assert_eq!(
            terms("Builds planen, Plan", Lang::De),
            ["build", "planen", "plan"]
        );
    }

    #[test]
    fn stopwords_mentions_emoji_and_lone_letters_go() {
        assert_eq!(
            terms("@AcmeOutdoor can't I send it back?? 😍 #returns", Lang::En),
            ["send", "back", "return"]
        );
        assert_eq!(
            terms("Wie lange dauert die Lieferung?", Lang::De),
            ["lang", "dauert", "liefer"]
        );
        assert_eq!(terms("l'échange d'un colis", Lang::Fr), ["echang", "colis"]);
        assert_eq!(terms("still getting 503s", Lang::En), ["still", "503"]);
        assert_eq!(terms("nur 503er", Lang::De), ["503"]);
        assert_eq!(terms("whatever", Lang::Other), ["whatever"]);
    }

    #[test]
    fn links_and_file_names_keep_a_whole_term_and_their_parts() {
        assert_eq!(
            terms(
                "see https://status.forgekit.dev/incidents/42?x=1.",
                Lang::En
            ),
            [
                "see",
                "status.forgekit.dev/incidents/42",
                "status.forgekit.dev",
                "status",
                "forgekit",
                "dev",
                "incid",
            ]
        );
        assert_eq!(
            terms("edit forge.toml", Lang::En),
            ["edit", "forge.toml", "forg", "toml"]
        );
        assert_eq!(terms("www.acme.com", Lang::En), ["acme.com", "acm"]);
    }

    #[test]
    fn hyphenated_words_also_join() {
        assert_eq!(
            terms("e-mail log-in", Lang::En),
            ["mail", "email", "log", "login"]
        );
    }

    #[test]
    fn every_single_word_synonym_is_a_content_word() {
        for lang in LANGS {
            for concept in CONCEPTS {
                for entry in lang.synonyms(concept) {
                    let tokens = analyze(entry, lang);
                    if let [token] = tokens.as_slice() {
                        assert!(!token.stop, "{entry:?} is a stopword in {lang:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn phrases_match_across_a_few_stopwords() {
        let ids = |text: &str, lang: Lang| -> Vec<Vec<&str>> {
            let tokens = analyze(text, lang);
            find_phrases(&tokens, lang)
                .into_iter()
                .map(|m| m.ids)
                .collect()
        };
        assert_eq!(ids("can I send them back", Lang::En), [["return"]]);
        assert_eq!(ids("I want my money back", Lang::En), [["refund"]]);
        assert_eq!(ids("please close my account", Lang::En), [["cancel"]]);
        assert_eq!(ids("can't log in", Lang::En), [["login"]]);
        // A verb and its particle, parted by the object.
        assert_eq!(ids("send the big box back", Lang::En), [["return"]]);
        assert_eq!(ids("bring my jacket back", Lang::En), [["return"]]);
        assert_eq!(ids("get all our build logs out", Lang::En), [["export"]]);
        assert_eq!(
            ids("send the big box with the boots back", Lang::En),
            Vec::<Vec<&str>>::new()
        );
        // A parted phrase stands for its concept, not for the phrase's own
        // words (a keyword "send back" is the customer's "send it back").
        let terms = |text: &str| -> Vec<(Option<String>, bool)> {
            find_phrases(&analyze(text, Lang::En), Lang::En)
                .into_iter()
                .map(|m| (m.term, m.parted))
                .collect()
        };
        assert_eq!(terms("send the big box back"), [(None, true)]);
        assert_eq!(
            terms("send it back"),
            [(Some("send back".to_owned()), false)]
        );
        // Only a verb of moving a thing: money is not parted from "back".
        assert_eq!(
            ids("the money I paid back then", Lang::En),
            Vec::<Vec<&str>>::new()
        );
        assert_eq!(
            ids("j'ai oublié mon mot de passe", Lang::Fr),
            [["password"]]
        );
        assert_eq!(ids("quiero devolver el dinero", Lang::Es), [["refund"]]);
        assert_eq!(ids("Rückerstattung", Lang::De), [["refund"]]);
        assert_eq!(ids("devolucion", Lang::Es), [["return"]]);
    }

    #[test]
    fn language_tags_use_their_primary_subtag() {
        assert_eq!(Lang::parse("de-DE"), Lang::De);
        assert_eq!(Lang::parse("ES"), Lang::Es);
        assert_eq!(Lang::parse("pt-BR"), Lang::Other);
        assert_eq!(Lang::parse(""), Lang::Other);
    }
}
