//! Answer first: find the brand's snippet that answers a customer message.
//!
//! A brand has a few dozen short texts that answer common questions: its
//! knowledge snippets, canned responses and earlier accepted agent replies.
//! [`Index::new`] analyses them once; [`Index::search`] then ranks them
//! against each incoming message and returns only those that pass a
//! relevance threshold, best first, one per group of language variants.
//!
//! # Analysis
//!
//! Text is split on whitespace, then on anything that is not a letter or
//! digit. A chunk that looks like a link, host, file name or id (it has a
//! `.`, `/`, `_` or `@` and a letter) is also kept whole, so
//! `status.forgekit.dev` and `forge.toml` match as such, and the host of a
//! longer link (`https://status.forgekit.dev/incidents/42`) matches the bare
//! host; its parts are indexed too, minus `https`, `www`, `com`. A
//! hyphenated word also counts joined (`e-mail` → `email`). `@handles`,
//! emoji and lone letters are dropped; a number keeps its digits (`503s`,
//! `503er` → `503`).
//!
//! Each word is lowercased, checked against the language's stopwords (small
//! hand-written lists for `en`, `es`, `fr`, `de`, with chat filler such as
//! "pls" or "gracias"), stemmed with Snowball (the `rust-stemmers` crate),
//! and only then stripped of accents, so "réembolsé" and "reembolso" meet.
//! Because a stemmer reads accents, a word written with accents is also
//! indexed as its accent-free spelling would stem ("devolución" gives both
//! `devolu` and `devolucion`), which is what a customer typing without
//! accents produces. A document is analysed in its own language, a query in
//! the language given to [`Index::search`]; other languages get no stemming,
//! stopwords or synonyms. All stems share one space, so an English query
//! still finds an untranslated English snippet. A German query word the
//! index does not know is split into the parts it does know, when each has
//! at least [`MIN_COMPOUND_PART`] letters ("Statusseite" → `status`).
//!
//! # Synonyms
//!
//! A small care-domain table maps words and phrases in each language to
//! shared concepts: return (send back, devolver, Rücksendung), refund (money
//! back, reembolso), shipping (parcel, livraison, Lieferung), login, cancel,
//! invoice, fee, broken, hours, outage (down, offline), password, blocked
//! (frozen, bloqueada, gesperrt), stolen and a few more. The
//! entries are stemmed once, lazily. A phrase matches its words in order with
//! at most two stopwords between them ("send *it* back", "close *my*
//! account"); a verb of moving a thing and its particle may also stand
//! up to four words apart ("bring *my jacket* back", "get *all our build
//! logs* out"), and such a parted phrase stands for its concept only.
//! Documents index the concept (and a multi-word phrase as one term); in a
//! query, a synonym stands for itself at full weight or for its
//! concept at [`SYNONYM_WEIGHT`], whichever scores more. Concepts are shared
//! across languages, so "devolver" also reaches an English returns snippet,
//! but a Spanish variant that says "devolución" beats it.
//!
//! # Scoring
//!
//! BM25 with `k1` = [`K1`] and `b` = [`B`] over two fields: the text, and
//! the snippet's keywords (each occurrence counts [`KEYWORD_WEIGHT`] times,
//! without length normalisation: keywords are a hint, not prose). A
//! keyword of several words ("new phone", "interest rate") is also one
//! keyword term of its own, which a query matches when it has those words
//! in order (stopwords between them allowed, as for synonym phrases). Document
//! frequencies count groups, not documents, so four translations of one
//! snippet do not make its words look common. A query is a list of clauses,
//! one per content word or synonym phrase; a clause scores the best of its
//! alternatives (the word, its accent-free stem, its concept), and
//! clauses that share a term are merged, so "return" and "send back" in one
//! message count once.
//!
//! Scores are reported in units of one distinctive word: the idf of a term
//! found in one group only, for this index. A score of 1 is about one rare
//! word matched once in a snippet of average length.
//!
//! # Threshold
//!
//! A document is a hit only when all three hold:
//!
//! 1. its score is at least [`MIN_SCORE`] units, so one word that many
//!    snippets share is not enough;
//! 2. it covers at least [`MIN_COVERAGE`] of the query's best possible
//!    score: the sum over the query's clauses of the best idf any document
//!    could give them (words no document has are left out: they cannot
//!    separate documents);
//! 3. it has [`MIN_EVIDENCE`] points of evidence: a matched clause is worth
//!    2 when it is a care-domain word or phrase, an exact link or file name,
//!    or matches one of the snippet's keywords, and 1 otherwise (the plain
//!    parts of one link are worth 1 together), and 0 for an everyday word
//!    ("days", "order", "next", `WEAK_EN` and its es/fr/de lists, which
//!    also score at [`WEAK_WEIGHT`] only). Numbers of one or two digits (a
//!    size, a quantity, a date) and amounts of money ("£120") are not
//!    indexed at all. A plain word found
//!    in more than half the snippet groups ("app" at a bank whose every
//!    snippet says "in the app") and the words of a multi-word keyword
//!    give only their plain weight, and the former no evidence. So everyday words
//!    ("order … over … days", "need a 9, not a 10") are never enough,
//!    while "refund?" or "can I send it back" alone are. One plain word
//!    is enough when it is the whole question (the query has a question
//!    mark): it carries at least
//!    [`SOLE_WORD_COVERAGE`] of the best possible score of the words that
//!    are not everyday ones in the sentences that ask, it is in one of
//!    them, and no other group of texts has it ("does it work with
//!    Bitbucket?", "does pebble do esim? my new pixel only has one sim
//!    slot", not "can I schedule builds? couldn't find it in the docs").
//!
//! All three are relative to the index (its idf scale) or to the fixed care
//! vocabulary, so they need no tuning per brand.
//!
//! The sentences that ask (with a question mark) say what a message is
//! about when they say it in words of their own (a care word, or two words
//! some text has): the words told only around them then count
//! [`CONTEXT_WEIGHT`] ("we're coming for a wedding and staying 2 nights. Is
//! breakfast part of the room?" is about breakfast, not about long stays).
//! A question in one plain word ("where do we add it?") refers to the
//! story, which then counts whole.
//!
//! A qualifier (see `QUALIFIERS`: "abroad", said as "international",
//! "overseas" or a country or large city's name) narrows a question rather
//! than naming it, so it is no evidence (a plain word's, when one group of
//! texts alone names it: "can I use my data in Portugal?" and the only
//! text about roaming abroad); but when the query names one and
//! some document does too, a document that does not name it gives way to
//! one that does on the same topic (a concept they share): "do you deliver to
//! Portugal?" is not answered by the UK delivery times, while "my card was
//! swallowed by a cash machine in Lisbon" is still answered by the lost
//! card snippet.
//! A brand whose texts never name one is taken to mean them everywhere.
//!
//! An aspect (see `ASPECTS`: how long something takes, billing for part
//! of a month) says which side of a topic is asked. It is no evidence
//! either, but a hit that shares one with the query beside a topic leads
//! the others: "how long does the refund take?" is answered by the refund's
//! processing time before the returns window.
//!
//! [`Index::for_brand`] also drops the words of the brand's own name from
//! documents and queries: "Dear Ledger Bank" is not about the snippets that
//! say "in the Ledger app".
//!
//! Each hit lists the care concepts it shares with the query
//! ([`Hit::concepts`]) and those its document names ([`Hit::topics`]), so
//! a caller can prefer the text about what the message is about (its
//! triage intent), and says whether it matched on more than plain words
//! ([`Hit::anchored`]), so a caller can ask for more than shared words
//! where a wrong answer costs more.
//!
//! Of the variants of one group that pass, the one in the query's language
//! is returned (else the best-scoring one, or, when it has one, the
//! group's variant in the query's language, since the variants state the
//! same facts), so the group appears once and the customer gets the snippet
//! in their language. A message that uses a care
//! word in another sense still matches: "I want to return to camping next
//! summer" finds the returns snippet, on "return" alone. The hit's
//! `matched` terms show that, and the caller should weigh it against the
//! message's intent.

mod analyze;
mod knowledge;
mod tables;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

use analyze::{Lang, Match, Token, analyze, ends_after, find_phrases};
pub use knowledge::{Answer, Knowledge, Source, Text};
use tables::{ASPECTS, QUALIFIERS};

/// BM25 term-frequency saturation.
pub const K1: f32 = 1.2;
/// BM25 length normalisation of the text field.
pub const B: f32 = 0.75;
/// How many text occurrences one keyword occurrence is worth.
pub const KEYWORD_WEIGHT: f32 = 2.0;
/// Weight of a match through a synonym's concept rather than the word
/// itself.
pub const SYNONYM_WEIGHT: f32 = 0.6;
/// Weight of an everyday word's match ("days", "order", "new"): it adds to
/// the score a little and gives no evidence.
pub const WEAK_WEIGHT: f32 = 0.4;
/// Least score of a hit, in units of one distinctive word.
pub const MIN_SCORE: f32 = 0.5;
/// Least share of the query's best possible score a hit must reach.
pub const MIN_COVERAGE: f32 = 0.2;
/// Weight of a word told around the question rather than in it, when the
/// sentences that ask have words of their own that some text has: "we're
/// coming for a wedding and staying 2 nights. Is breakfast part of the
/// room?" is about breakfast, not about stays of several nights.
pub const CONTEXT_WEIGHT: f32 = 0.5;
/// Least letters of each part of a German compound split by the search.
pub const MIN_COMPOUND_PART: usize = 5;
/// Least evidence of a hit: two plain words, or one care word, link or
/// keyword (or one plain word that is the whole question, see
/// [`SOLE_WORD_COVERAGE`]).
pub const MIN_EVIDENCE: u32 = 2;
/// Least share one plain word must carry of the best possible score of
/// the query's words that are not everyday ones, to be evidence enough on
/// its own: the rest of the message is words no text has, or everyday
/// ones.
pub const SOLE_WORD_COVERAGE: f32 = 0.8;

/// Builds the tables every search uses (accent folds, stopwords, the
/// synonym phrases of every language, stemmed) now rather than at the
/// first search. They are built once per process either way; a guest
/// calls this in its `init`, so that its pre-initialized snapshot holds
/// them and no event pays for them.
pub fn prepare() {
    analyze::prepare();
}

/// A document to index: a knowledge snippet, a canned response or an
/// accepted reply. Borrowed: [`Index::new`] keeps only what it derives.
#[derive(Debug, Clone, Copy)]
pub struct Doc<'a> {
    /// Stable id, e.g. `returns-window.es`.
    pub id: &'a str,
    /// Its group: the variants of one snippet in several languages share one
    /// (`returns-window`). Empty means the id.
    pub group: &'a str,
    /// Its language tag (`en`, `es-MX`…); decides stemming and stopwords.
    pub language: &'a str,
    /// The text.
    pub text: &'a str,
    /// Keywords that make it relevant, in its language; a light hint.
    pub keywords: &'a [String],
}

impl<'a> Doc<'a> {
    /// A document whose group and language come from its id (see
    /// [`group_of`]): `returns-window.es` is the Spanish variant of
    /// `returns-window`; an id without such a suffix is in
    /// `default_language`.
    pub fn from_id(
        id: &'a str,
        default_language: &'a str,
        text: &'a str,
        keywords: &'a [String],
    ) -> Self {
        let (group, language) = group_of(id);
        Self {
            id,
            group,
            language: language.unwrap_or(default_language),
            text,
            keywords,
        }
    }
}

/// Splits a language suffix off an id: `returns-window.es` →
/// (`returns-window`, `Some("es")`). Only `en`, `es`, `fr` and `de` count;
/// anything else is (`id`, `None`).
pub fn group_of(id: &str) -> (&str, Option<&str>) {
    match id.rsplit_once('.') {
        Some((base, lang)) if !base.is_empty() && matches!(lang, "en" | "es" | "fr" | "de") => {
            (base, Some(lang))
        }
        _ => (id, None),
    }
}

/// Whether `concept` (one of [`Hit::concepts`]) only narrows a question
/// ("abroad") rather than naming what it is about.
pub fn is_qualifier(concept: &str) -> bool {
    QUALIFIERS.contains(&concept)
}

/// A document that answers a query.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Its position in the documents given to [`Index::new`].
    pub index: usize,
    /// Its group. Of a group's variants that pass the threshold, the one in
    /// the query's language stands for the group, else the best-scoring one.
    pub group: String,
    /// Its score, in units of one distinctive word (see the module docs).
    pub score: f32,
    /// The query's words that matched, lowercased, for a rationale; a match
    /// through a synonym names its concept: `send them back (return)`.
    pub matched: Vec<String>,
    /// The care-domain concepts (`refund`, `shipping`, `outage`…) the query
    /// and the document share, however each says it, sorted: the caller
    /// checks them against what the message is about.
    pub concepts: Vec<&'static str>,
    /// Whether it matched on more than plain words: a care word or phrase,
    /// an exact link or file name, or one of the document's keywords.
    /// A match on plain words only ("build", "limits", "free") is not.
    pub anchored: bool,
    /// The care concepts the document itself names (in its text or
    /// keywords), whether or not the query does, sorted: the status page
    /// is about an outage even when the customer only wrote "503".
    pub topics: Vec<&'static str>,
}

/// A BM25 index over a brand's documents, built once and searched per
/// message. Owns its data.
#[derive(Debug, Clone)]
pub struct Index {
    /// Term → id.
    vocab: HashMap<Box<str>, u32>,
    /// The documents that have each term, term after term: those of term
    /// `t` are `postings[starts[t]..starts[t + 1]]` (one vector, not one
    /// per term: an index is kept per brand, and a brand has hundreds of
    /// terms).
    postings: Vec<Posting>,
    /// Per term id, where its postings start; one more at the end.
    starts: Vec<u32>,
    /// Per term id.
    idf: Vec<f32>,
    /// Per term id: found in more than half the groups, so it cannot say
    /// which one answers ("app" in a bank's "in the Ledger app").
    common: Vec<bool>,
    /// Per document.
    docs: Vec<DocInfo>,
    /// Group names, by [`DocInfo::group`].
    groups: Vec<String>,
    /// The idf of a term found in one group: the unit of [`Hit::score`].
    unit: f32,
    /// The brand's own name, as lowercase words: never indexed or searched
    /// (see [`Index::for_brand`]).
    own_name: Vec<String>,
    /// The documents' keywords of several words ("new phone", "interest
    /// rate"), as the terms of their content words: a query that has those
    /// words in order matches the keyword itself.
    keyword_phrases: Vec<Vec<String>>,
}

#[derive(Debug, Clone, Copy)]
struct Posting {
    doc: u32,
    /// idf × saturated term frequency: the term's whole BM25 share.
    score: f32,
    /// Found in the keywords.
    keyword: bool,
}

#[derive(Debug, Clone)]
struct DocInfo {
    group: usize,
    lang: Lang,
    /// The care concepts its text or keywords name, sorted.
    topics: Vec<&'static str>,
}

/// A document's term counts, per field.
#[derive(Debug, Default)]
struct Counts {
    /// (term id, text occurrences, keyword occurrences), by term id.
    terms: Vec<(usize, f32, f32)>,
    /// Content words in the text.
    len: f32,
    /// The care concepts named, sorted, once each (moved to [`DocInfo`]).
    topics: Vec<&'static str>,
    /// Its keywords of several words, as the terms of their content words
    /// (moved to [`Index::keyword_phrases`]).
    phrases: Vec<Vec<String>>,
}

impl Counts {
    /// Counts `doc`'s terms, adding new ones to `vocab`.
    fn of(
        doc: &Doc<'_>,
        lang: Lang,
        own_name: &[String],
        vocab: &mut HashMap<String, u32>,
    ) -> Self {
        let text = analyze_without(doc.text, lang, own_name);
        let mut seen = Vec::new();
        let mut topics = Vec::new();
        let mut phrases = Vec::new();
        note(&text, lang, false, vocab, &mut seen, &mut topics);
        // Its id names its topic, as a title would: a returns text that
        // only says "30 days to change your mind" is still about returns,
        // and the text about smart meters is more about them than the one
        // about meter readings that names them in passing. Each word of
        // the title counts once more.
        let title = analyze_without(&title_of(doc), Lang::En, own_name);
        let mut titled = Vec::new();
        note(&title, Lang::En, false, vocab, &mut titled, &mut topics);
        titled.sort_unstable();
        titled.dedup();
        seen.append(&mut titled);
        for keyword in doc.keywords {
            let keyword = analyze_without(keyword, lang, own_name);
            // A keyword of several words ("negative balance") is a hint for
            // the phrase, not for each word: a message about the app's
            // balance screen is not about overdrafts. Its words count as
            // text.
            let words: Vec<String> = keyword
                .iter()
                .filter(|t| !t.stop)
                .filter_map(|t| t.terms.first().cloned())
                .collect();
            note(
                &keyword,
                lang,
                words.len() <= 1,
                vocab,
                &mut seen,
                &mut topics,
            );
            if words.len() > 1 {
                // ... and the phrase itself is one keyword term.
                let next = vocab.len() as u32;
                let id = *vocab.entry(phrase_term(&words)).or_insert(next);
                seen.push((id as usize, true));
                phrases.push(words);
            }
        }
        seen.sort_unstable();
        let mut terms: Vec<(usize, f32, f32)> = Vec::new();
        for (id, keyword) in seen {
            if terms.last().is_none_or(|t| t.0 != id) {
                terms.push((id, 0.0, 0.0));
            }
            if let Some(t) = terms.last_mut() {
                *if keyword { &mut t.2 } else { &mut t.1 } += 1.0;
            }
        }
        let len = text.iter().filter(|t| !t.stop).count() as f32;
        topics.sort_unstable();
        topics.dedup();
        Self {
            terms,
            len,
            topics,
            phrases,
        }
    }
}

/// Notes each term occurrence in `tokens` (content words, synonym phrases,
/// concepts) as (term id, from the keywords), and the concepts named.
fn note(
    tokens: &[Token],
    lang: Lang,
    keyword: bool,
    vocab: &mut HashMap<String, u32>,
    seen: &mut Vec<(usize, bool)>,
    topics: &mut Vec<&'static str>,
) {
    let words = tokens.iter().filter(|t| !t.stop).flat_map(|t| &t.terms);
    let phrases = find_phrases(tokens, lang);
    topics.extend(phrases.iter().flat_map(|m| m.ids.iter().copied()));
    let synonyms = phrases
        .iter()
        .flat_map(|m| m.term.iter().chain(&m.concepts));
    for term in words.chain(synonyms) {
        let id = match vocab.get(term.as_str()) {
            Some(&id) => id,
            None => {
                let id = vocab.len() as u32;
                vocab.insert(term.clone(), id);
                id
            }
        };
        seen.push((id as usize, keyword));
    }
}

/// `text` analysed as `lang`, with the words of the brand's own name as
/// stopwords: "Dear Ledger Bank" and "in the Ledger app" say nothing about
/// which snippet answers.
fn analyze_without(text: &str, lang: Lang, own_name: &[String]) -> Vec<Token> {
    let mut tokens = analyze(text, lang);
    for token in &mut tokens {
        if !token.exact && own_name.contains(&token.surface) {
            token.stop = true;
        }
    }
    tokens
}

/// The words of a document's id, or its group's (without the language
/// suffix): `returns-window.es` → "returns window". Ids are read as
/// English, the language they are written in almost everywhere; parts
/// with digits or fewer than three letters ("kb", "0012") are left out.
fn title_of(doc: &Doc<'_>) -> String {
    let name = if doc.group.is_empty() {
        group_of(doc.id).0
    } else {
        doc.group
    };
    name.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 3)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The index term of a keyword of several words, from its words' terms.
fn phrase_term(words: &[String]) -> String {
    format!("\"{}\"", words.join(" "))
}

/// The lowercase words of a brand's name: `Ledger Bank` → `ledger`, `bank`.
fn name_words(name: &str) -> Vec<String> {
    let words = name.split(|c: char| !c.is_alphanumeric());
    let mut words: Vec<String> = words
        .filter(|w| w.chars().count() > 1)
        .map(str::to_lowercase)
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// BM25 idf of a term in `df` of `n` groups.
fn idf(df: usize, n: usize) -> f32 {
    let (df, n) = (df as f32, n as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// BM25 saturation of a (field-weighted, length-normalised) frequency.
fn saturate(tf: f32) -> f32 {
    tf * (K1 + 1.0) / (tf + K1)
}

impl Index {
    /// Analyses and indexes `docs`, once.
    pub fn new<'a>(docs: impl IntoIterator<Item = Doc<'a>>) -> Self {
        Self::for_brand("", docs)
    }

    /// Analyses and indexes the documents of the brand called `brand_name`,
    /// once. The words of its name are ignored in documents and queries: a
    /// customer writing to "Ledger Bank" is not asking about the snippets
    /// that mention "the Ledger app". Links keep them (`ledgerbank.example`).
    pub fn for_brand<'a>(brand_name: &str, docs: impl IntoIterator<Item = Doc<'a>>) -> Self {
        let own_name = name_words(brand_name);
        let mut groups: Vec<String> = Vec::new();
        let mut group_ids: HashMap<String, usize> = HashMap::new();
        let mut vocab = HashMap::new();
        let mut infos = Vec::new();
        let mut counts = Vec::new();
        let mut keyword_phrases: Vec<Vec<String>> = Vec::new();
        for doc in docs {
            let lang = Lang::parse(doc.language);
            let name = if doc.group.is_empty() {
                doc.id
            } else {
                doc.group
            };
            let group = *group_ids.entry(name.to_owned()).or_insert_with(|| {
                groups.push(name.to_owned());
                groups.len() - 1
            });
            let mut doc_counts = Counts::of(&doc, lang, &own_name, &mut vocab);
            infos.push(DocInfo {
                group,
                lang,
                topics: std::mem::take(&mut doc_counts.topics),
            });
            keyword_phrases.append(&mut doc_counts.phrases);
            counts.push(doc_counts);
        }
        let mut index = Self {
            postings: Vec::new(),
            starts: vec![0],
            idf: Vec::new(),
            common: Vec::new(),
            unit: idf(1, groups.len()),
            vocab: vocab
                .into_iter()
                .map(|(term, id)| (term.into_boxed_str(), id))
                .collect(),
            docs: infos,
            groups,
            own_name,
            keyword_phrases,
        };
        index.keyword_phrases.sort_unstable();
        index.keyword_phrases.dedup();
        index.fill(&counts);
        index
    }

    /// Builds idf and postings from each document's counts.
    fn fill(&mut self, counts: &[Counts]) {
        let mut raw: Vec<Vec<(usize, f32, f32)>> = vec![Vec::new(); self.vocab.len()];
        for (doc, c) in counts.iter().enumerate() {
            for &(id, text, keyword) in &c.terms {
                if let Some(list) = raw.get_mut(id) {
                    list.push((doc, text, keyword));
                }
            }
        }
        let total: f32 = counts.iter().map(|c| c.len).sum();
        let avg = (total / counts.len().max(1) as f32).max(1.0);
        for list in raw {
            let df = self.group_count(&list);
            let idf = idf(df, self.groups.len());
            self.common
                .push(self.groups.len() >= 2 && df * 2 > self.groups.len());
            let postings = list.into_iter().map(|(doc, text, keyword)| {
                let len = counts.get(doc).map_or(avg, |c| c.len);
                let tf = text / (1.0 - B + B * len / avg) + KEYWORD_WEIGHT * keyword;
                let score = idf * saturate(tf);
                Posting {
                    doc: doc as u32,
                    score,
                    keyword: keyword > 0.0,
                }
            });
            self.idf.push(idf);
            self.postings.extend(postings);
            self.starts.push(self.postings.len() as u32);
        }
        self.postings.shrink_to_fit();
    }

    /// The documents that have term `term` (none for an unknown term).
    fn postings_of(&self, term: usize) -> &[Posting] {
        let (Some(&start), Some(&end)) = (self.starts.get(term), self.starts.get(term + 1)) else {
            return &[];
        };
        self.postings
            .get(start as usize..end as usize)
            .unwrap_or_default()
    }

    /// In how many groups the documents of `list` are.
    fn group_count(&self, list: &[(usize, f32, f32)]) -> usize {
        let mut groups: Vec<usize> = list
            .iter()
            .filter_map(|&(doc, _, _)| self.docs.get(doc).map(|d| d.group))
            .collect();
        groups.sort_unstable();
        groups.dedup();
        groups.len()
    }

    /// How many documents it holds.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether it holds no document.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The documents that answer `query` (written in `language`), best
    /// first, at most `limit`, one per group, each above the threshold
    /// described in the module docs.
    pub fn search(&self, query: &str, language: &str, limit: usize) -> Vec<Hit> {
        self.search_among(query, language, limit, |_| true)
    }

    /// Like [`Index::search`], over only the documents (by their position
    /// in [`Index::new`]'s input) for which `among` holds: the others are
    /// neither scored nor returned. One index of all a brand's texts then
    /// serves every channel, language and moment; word weights stay those
    /// of all its texts.
    pub fn search_among(
        &self,
        query: &str,
        language: &str,
        limit: usize,
        among: impl Fn(usize) -> bool,
    ) -> Vec<Hit> {
        let lang = Lang::parse(language);
        let mut hits = self.best_per_group(self.candidates(query, lang, &among), lang, &among);
        hits.truncate(limit);
        hits
    }

    /// Every document `among` allows that matched at least one clause of
    /// `query`, scored, threshold not applied.
    fn candidates(&self, query: &str, lang: Lang, among: &dyn Fn(usize) -> bool) -> Vec<Candidate> {
        let mut tokens = analyze_without(query, lang, &self.own_name);
        if lang == Lang::De {
            tokens = self.split_compounds(tokens);
        }
        let phrases = find_phrases(&tokens, lang);
        let mut clauses = self.clauses(&tokens, &phrases);
        for clause in self.keyword_phrase_clauses(&tokens) {
            merge(&mut clauses, clause);
        }
        // Only a question can be all about one word ("does it work with
        // Bitbucket?"); "great customer service, thanks!" is not about the
        // text for new customers.
        let asked = query.contains(['?', '¿']);
        // ... and only in the sentences that ask: "Builds per Cron planen?
        // Finde nix in der Doku." is not all about the docs.
        let questions = asking_sentences(query);
        // A clause's surface, or a matched clause as shown ("vegans /
        // vegan (diet)"): the words of each merged clause, before its
        // concept.
        let asked_in = |surface: &str| {
            let words = surface.split(" (").next().unwrap_or_default();
            words.split(" / ").any(|w| has_words(&questions, w))
        };
        let in_questions = |c: &Clause| asked_in(&c.surface);
        // The sentences that ask say what the message is about, when they
        // say it in words of their own (a care word, or two words some
        // text has): the words told around them count [`CONTEXT_WEIGHT`].
        // "Our finance team needs our VAT number on the invoices. Where do
        // we add it?" asks with one plain verb, so its first sentence counts
        // whole.
        let asking: Vec<&Clause> = clauses
            .iter()
            .filter(|c| !c.weak && !c.narrows && in_questions(c))
            .collect();
        if asked && (asking.len() >= 2 || asking.iter().any(|c| c.strong)) {
            for clause in clauses.iter_mut().filter(|c| !in_questions(c)) {
                for alt in &mut clause.alts {
                    alt.weight *= CONTEXT_WEIGHT;
                }
            }
        }
        let best_possible: f32 = clauses.iter().map(|c| self.best_possible(c)).sum();
        let in_question = |matched: &[String]| matched.iter().any(|m| asked_in(m));
        // What the words of the asking sentences that are not everyday
        // ones could score: "does pebble do esim? my new pixel only has
        // one sim slot" is all about the eSIM, whatever the rest tells.
        let best_telling: f32 = clauses
            .iter()
            .filter(|c| !c.weak && in_questions(c))
            .map(|c| self.best_possible(c))
            .sum();
        let qualifiers = self.qualifiers(&phrases);
        let scored = self.score(&clauses).into_iter().enumerate();
        let candidates: Vec<(Candidate, bool)> = scored
            .filter(|(index, s)| s.evidence > 0 && best_possible > 0.0 && among(*index))
            .map(|(index, s)| {
                let qualified = qualifiers.iter().all(|q| self.has(index, *q));
                let candidate = Candidate {
                    index,
                    score: s.score / self.unit,
                    coverage: s.score / best_possible,
                    focus: if best_telling > 0.0 && asked && in_question(&s.matched) {
                        s.score / best_telling
                    } else {
                        0.0
                    },
                    evidence: s.evidence,
                    rare: s.rare_plain,
                    anchored: s.anchored,
                    matched: s.matched,
                    concepts: s.concepts,
                };
                (candidate, qualified)
            })
            .collect();
        // A document without the query's qualifier gives way to one with
        // it on the same topic, a concept they share ("deliver to Portugal":
        // the UK delivery times give way to international shipping), not to
        // one about something else ("card swallowed in Lisbon": the
        // lost-card snippet stays beside the fees abroad). Without any
        // concept, it gives way to a document with the qualifier that
        // matches at least as well: a place told in passing ("flying to
        // Lisbon tomorrow, can I put episodes on my iPad?") does not push
        // the text that matches the question below the one about abroad.
        // Only to one that answers, though: "I'm moving to Madeira, how do
        // I change my address?" keeps the address text when no text about
        // abroad passes the threshold.
        let gives_way = |c: &Candidate| {
            candidates.iter().any(|(q, qualified)| {
                *qualified
                    && q.passes()
                    && ((c.concepts.is_empty() && q.score >= c.score)
                        || c.concepts
                            .iter()
                            .any(|concept| q.concepts.contains(concept)))
            })
        };
        let keep: Vec<bool> = candidates
            .iter()
            .map(|(c, qualified)| *qualified || !gives_way(c))
            .collect();
        candidates
            .into_iter()
            .zip(keep)
            .filter_map(|((c, _), keep)| keep.then_some(c))
            .collect()
    }

    /// The term ids of the qualifying concepts (see [`QUALIFIERS`]) the
    /// query names and some document has. A qualifier no document names is
    /// left out: the brand's texts do not tell "abroad" from "at home", so
    /// they hold wherever the customer is (and a French brand's home is
    /// not abroad).
    fn qualifiers(&self, phrases: &[Match]) -> Vec<usize> {
        let mut terms: Vec<usize> = phrases
            .iter()
            .flat_map(|m| m.ids.iter().zip(&m.concepts))
            .filter(|(id, _)| QUALIFIERS.contains(id))
            .filter_map(|(_, term)| self.vocab.get(term.as_str()).map(|&t| t as usize))
            .collect();
        terms.sort_unstable();
        terms.dedup();
        terms
    }

    /// German compounds the index does not know, split where a part is a
    /// word it knows: "Statusseite" finds the snippet that names
    /// `status.forgekit.dev`, "Kartensperre" one about the card. A part
    /// counts when it has at least [`MIN_COMPOUND_PART`] letters and is
    /// indexed (a linking `s` dropped: "Rechnungsadresse"); of several
    /// splits, the one with the most known parts wins, then the longest
    /// head.
    fn split_compounds(&self, tokens: Vec<Token>) -> Vec<Token> {
        let known = |t: &Token| {
            t.terms
                .iter()
                .any(|term| self.vocab.contains_key(term.as_str()))
        };
        let mut out = Vec::with_capacity(tokens.len());
        for token in tokens {
            if token.stop || token.exact || known(&token) {
                out.push(token);
                continue;
            }
            let word = token.surface.as_str();
            let mut best: Option<(usize, Vec<Token>)> = None;
            for (at, _) in word.char_indices().skip(MIN_COMPOUND_PART) {
                let (left, right) = word.split_at(at);
                if right.chars().count() < MIN_COMPOUND_PART {
                    break;
                }
                let lefts = [Some(left), left.strip_suffix('s')];
                for left in lefts.into_iter().flatten() {
                    let parts: Vec<Token> = [left, right]
                        .iter()
                        .filter(|p| p.chars().count() >= MIN_COMPOUND_PART)
                        .flat_map(|p| analyze(p, Lang::De))
                        .filter(|t| !t.stop && known(t))
                        .collect();
                    if !parts.is_empty() && best.as_ref().is_none_or(|(n, _)| parts.len() > *n) {
                        best = Some((parts.len(), parts));
                    }
                }
            }
            match best {
                Some((_, parts)) => out.extend(parts.into_iter().map(|part| Token {
                    chunk: token.chunk,
                    ..part
                })),
                None => out.push(token),
            }
        }
        out
    }

    /// A clause for each keyword of several words (see
    /// [`Index::keyword_phrases`]) whose words `tokens` has in order, with
    /// at most two stopwords between them: "a *new phone*", "the
    /// *interest rate* on". It adds to the clauses of its words.
    fn keyword_phrase_clauses(&self, tokens: &[Token]) -> Vec<Clause> {
        let mut out = Vec::new();
        for (start, token) in tokens.iter().enumerate().filter(|(_, t)| !t.stop) {
            for words in &self.keyword_phrases {
                let Some((first, rest)) = words.split_first() else {
                    continue;
                };
                if !token.terms.contains(first) {
                    continue;
                }
                let follows = |t: &Token, word: &&String| !t.stop && t.terms.contains(word);
                let Some(end) = ends_after(tokens, start, rest, follows) else {
                    continue;
                };
                let Some(&term) = self.vocab.get(phrase_term(words).as_str()) else {
                    continue;
                };
                let surface: Vec<&str> = tokens[start..end]
                    .iter()
                    .map(|t| t.surface.as_str())
                    .collect();
                let alt = Alt {
                    term: term as usize,
                    weight: 1.0,
                    concept: None,
                };
                out.extend(Clause::new(
                    surface.join(" "),
                    vec![alt],
                    false,
                    token.chunk,
                ));
            }
        }
        out
    }

    /// Whether document `doc` has term `term`.
    fn has(&self, doc: usize, term: usize) -> bool {
        self.postings_of(term).iter().any(|p| p.doc as usize == doc)
    }

    /// The query as clauses of known terms (see [`Clause`]).
    fn clauses(&self, tokens: &[Token], matches: &[Match]) -> Vec<Clause> {
        let mut out: Vec<Clause> = Vec::new();
        let mut matches = matches.iter().peekable();
        let mut i = 0;
        while let Some(token) = tokens.get(i) {
            let clause = match matches.next_if(|m| m.start == i) {
                Some(m) => {
                    i = m.end;
                    self.phrase_clause(tokens, m)
                }
                None => {
                    i += 1;
                    self.word_clause(token)
                }
            };
            if let Some(clause) = clause {
                merge(&mut out, clause);
            }
        }
        out
    }

    fn word_clause(&self, token: &Token) -> Option<Clause> {
        if token.stop {
            return None;
        }
        let weight = if token.weak { WEAK_WEIGHT } else { 1.0 };
        let alts = token.terms.iter().map(|t| (t.as_str(), weight, None));
        let alts = self.alternatives(alts);
        let mut clause = Clause::new(token.surface.clone(), alts, token.exact, token.chunk)?;
        clause.weak = token.weak;
        Some(clause)
    }

    fn phrase_clause(&self, tokens: &[Token], m: &Match) -> Option<Clause> {
        let span = tokens.get(m.start..m.end).unwrap_or_default();
        let surface: Vec<&str> = span.iter().map(|t| t.surface.as_str()).collect();
        let own: Vec<&str> = match &m.term {
            Some(term) => vec![term.as_str()],
            None if m.parted => Vec::new(),
            None => span
                .iter()
                .flat_map(|t| &t.terms)
                .map(String::as_str)
                .collect(),
        };
        let own = own.into_iter().map(|t| (t, 1.0, None));
        let concepts = m.concepts.iter().zip(&m.ids);
        let concepts = concepts.map(|(t, &id)| (t.as_str(), SYNONYM_WEIGHT, Some(id)));
        let alts = self.alternatives(own.chain(concepts));
        let mut clause = Clause::new(surface.join(" "), alts, true, m.start)?;
        // A qualifier ("abroad", "Portugal") narrows the question and an
        // aspect ("how long does") says which side of it is asked; neither
        // says what it is about, so neither is evidence on its own.
        if m.ids
            .iter()
            .all(|id| QUALIFIERS.contains(id) || ASPECTS.contains(id))
        {
            clause.strong = false;
            clause.weak = true;
            clause.narrows = true;
        }
        Some(clause)
    }

    /// The known terms among `alts`, with their ids.
    fn alternatives<'t>(
        &self,
        alts: impl Iterator<Item = (&'t str, f32, Option<&'static str>)>,
    ) -> Vec<Alt> {
        alts.filter_map(|(term, weight, concept)| {
            let term = *self.vocab.get(term)? as usize;
            Some(Alt {
                term,
                weight,
                concept,
            })
        })
        .collect()
    }

    /// The most a clause can add to a document's score (at tf 1).
    fn best_possible(&self, clause: &Clause) -> f32 {
        let weighted = clause.alts.iter().map(|a| {
            let idf = self.idf.get(a.term).copied().unwrap_or_default();
            a.weight * idf
        });
        weighted.fold(0.0, f32::max)
    }

    /// Every document's score, evidence and matched words.
    fn score(&self, clauses: &[Clause]) -> Vec<Scored> {
        let mut scored = vec![Scored::default(); self.docs.len()];
        let mut best: Vec<Option<(f32, &Alt, bool)>> = vec![None; self.docs.len()];
        for clause in clauses {
            best.fill(None);
            for alt in &clause.alts {
                for p in self.postings_of(alt.term) {
                    let at = p.doc as usize;
                    if let (Some(id), Some(doc)) = (alt.concept, scored.get_mut(at))
                        && !doc.concepts.contains(&id)
                    {
                        doc.concepts.push(id);
                    }
                    let s = alt.weight * p.score;
                    if let Some(slot) = best.get_mut(at)
                        && slot.is_none_or(|(b, _, _)| s > b)
                    {
                        *slot = Some((s, alt, p.keyword));
                    }
                }
            }
            for (doc, found) in scored.iter_mut().zip(&best) {
                if let Some((s, alt, keyword)) = *found {
                    let common = self.common.get(alt.term).copied().unwrap_or(false);
                    // Found in one group only: the unit's idf.
                    let rare = self.idf.get(alt.term).is_some_and(|&idf| idf >= self.unit);
                    doc.add(clause, s, alt, keyword, common, rare);
                }
            }
        }
        scored
    }

    /// One hit per group among the documents above the threshold: the
    /// variant in the query's language when it passes, else the best one,
    /// which then gives its place to the group's variant in the query's
    /// language when there is one (`among` allows): the variants state the
    /// same facts, so an English keyword ("backup") that a German message
    /// uses finds the German text. Best first.
    fn best_per_group(
        &self,
        candidates: Vec<Candidate>,
        lang: Lang,
        among: &dyn Fn(usize) -> bool,
    ) -> Vec<Hit> {
        // Group → (its chosen hit so far, whether that one is in the query's language).
        let mut per_group: HashMap<usize, (Hit, bool)> = HashMap::new();
        for c in candidates.into_iter().filter(Candidate::passes) {
            let Some(info) = self.docs.get(c.index) else {
                continue;
            };
            let same_lang = info.lang == lang;
            let better = per_group
                .get(&info.group)
                .is_none_or(|(h, was_same)| (same_lang, c.score) > (*was_same, h.score));
            if better {
                let mut concepts = c.concepts;
                concepts.sort_unstable();
                let hit = Hit {
                    index: c.index,
                    group: self.groups.get(info.group).cloned().unwrap_or_default(),
                    score: c.score,
                    anchored: c.anchored,
                    topics: info.topics.clone(),
                    matched: c.matched,
                    concepts,
                };
                per_group.insert(info.group, (hit, same_lang));
            }
        }
        let mut hits: Vec<Hit> = per_group
            .into_iter()
            .map(|(group, (mut hit, same_lang))| {
                let translation = (!same_lang)
                    .then(|| {
                        self.docs
                            .iter()
                            .position(|d| d.group == group && d.lang == lang)
                    })
                    .flatten()
                    .filter(|&i| among(i));
                if let Some((index, info)) = translation.and_then(|i| Some((i, self.docs.get(i)?)))
                {
                    hit.index = index;
                    hit.topics = info.topics.clone();
                }
                hit
            })
            .collect();
        // A text that answers the side of the topic asked (an aspect it
        // shares with the query, beside a topic) leads: "how long does the
        // refund take" is answered by the refund's timing, however much
        // shorter the returns window is.
        hits.sort_by(|a, b| {
            b.on_the_aspect()
                .cmp(&a.on_the_aspect())
                .then(b.score.total_cmp(&a.score))
                .then(a.index.cmp(&b.index))
        });
        hits
    }
}

impl Hit {
    /// Whether it shares with the query an aspect ([`ASPECTS`]) and a
    /// topic.
    fn on_the_aspect(&self) -> bool {
        let aspect = |c: &&str| ASPECTS.contains(c);
        self.concepts.iter().any(aspect)
            && self
                .concepts
                .iter()
                .any(|c| !aspect(c) && !QUALIFIERS.contains(c))
    }
}

/// A document's standing against one query, before the threshold.
#[derive(Debug, Clone)]
struct Candidate {
    index: usize,
    /// In units of one distinctive word.
    score: f32,
    /// Share of the query's best possible score.
    coverage: f32,
    /// Share of the best possible score of the words of the query's
    /// asking sentences that are not everyday ones; 0 when the query asks
    /// no question.
    focus: f32,
    evidence: u32,
    /// Its plain evidence includes a word found in one group only.
    rare: bool,
    anchored: bool,
    matched: Vec<String>,
    concepts: Vec<&'static str>,
}

/// Whether `text` has `words` (lowercased) between word boundaries.
fn has_words(text: &str, words: &str) -> bool {
    let words = words.to_lowercase();
    !words.is_empty()
        && text.match_indices(words.as_str()).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + words.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
}

/// The sentences of `query` that ask (with a question mark), lowercased.
fn asking_sentences(query: &str) -> String {
    crate::split_sentences(query)
        .into_iter()
        .filter(|s| s.contains(['?', '¿']))
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Candidate {
    /// The relevance threshold (see the module docs).
    fn passes(&self) -> bool {
        self.score >= MIN_SCORE
            && self.coverage >= MIN_COVERAGE
            && (self.evidence >= MIN_EVIDENCE || self.whole_question())
    }

    /// Whether one distinctive plain word is nearly the whole question
    /// ("does it work with Bitbucket?", "what time can I ring you till on
    /// a Saturday?"; the query has a question mark): the only word that
    /// proves anything, it carries at
    /// least [`SOLE_WORD_COVERAGE`] of what the query's words that are not
    /// everyday ones could score, and no other group of texts has
    /// it.
    fn whole_question(&self) -> bool {
        self.evidence == 1 && self.rare && self.focus >= SOLE_WORD_COVERAGE
    }
}

/// One content word or synonym phrase of a query: it adds the best of its
/// alternatives to a document's score.
#[derive(Debug)]
struct Clause {
    /// As written, lowercased.
    surface: String,
    alts: Vec<Alt>,
    /// A care-domain word or phrase, or an exact link or file name: strong
    /// evidence on its own.
    strong: bool,
    /// The query chunk it comes from: the plain parts of one link are one
    /// piece of evidence.
    chunk: usize,
    /// An everyday word: no evidence, unless it is one of the document's
    /// keywords ("clean" for the tent-care text), then plain evidence.
    weak: bool,
    /// A qualifier or an aspect ([`QUALIFIERS`], [`ASPECTS`]): no evidence
    /// at all.
    narrows: bool,
}

impl Clause {
    /// `None` when no alternative is known to the index.
    fn new(surface: String, alts: Vec<Alt>, strong: bool, chunk: usize) -> Option<Self> {
        (!alts.is_empty()).then_some(Self {
            surface,
            alts,
            strong,
            chunk,
            weak: false,
            narrows: false,
        })
    }
}

/// Adds `clause` to `clauses`, or merges it into one that shares a term
/// ("return … send back", or a repeated word), keeping each term's highest
/// weight.
fn merge(clauses: &mut Vec<Clause>, clause: Clause) {
    let shares = |c: &&mut Clause| {
        c.alts
            .iter()
            .any(|a| clause.alts.iter().any(|b| a.term == b.term))
    };
    let Some(existing) = clauses.iter_mut().find(shares) else {
        clauses.push(clause);
        return;
    };
    if !existing.surface.split(" / ").any(|s| s == clause.surface) {
        existing.surface = format!("{} / {}", existing.surface, clause.surface);
    }
    existing.strong |= clause.strong;
    existing.weak &= clause.weak;
    existing.narrows &= clause.narrows;
    for alt in clause.alts {
        match existing.alts.iter_mut().find(|a| a.term == alt.term) {
            Some(a) if a.weight < alt.weight => *a = alt,
            Some(_) => {}
            None => existing.alts.push(alt),
        }
    }
}

/// One way a clause can match: a term id at a weight, maybe via a concept.
#[derive(Debug, Clone, Copy)]
struct Alt {
    term: usize,
    weight: f32,
    concept: Option<&'static str>,
}

/// A document's running total during a search.
#[derive(Debug, Clone, Default)]
struct Scored {
    score: f32,
    evidence: u32,
    /// A clause matched through a care word or phrase, an exact link or
    /// file name, or one of the document's keywords.
    anchored: bool,
    /// Query chunks that already gave their point of plain evidence.
    plain_chunks: Vec<usize>,
    /// A point of plain evidence came from a word found in one group only.
    rare_plain: bool,
    matched: Vec<String>,
    /// Concepts shared with the query.
    concepts: Vec<&'static str>,
}

impl Scored {
    /// Adds a clause's match: its score, and its evidence unless it is an
    /// everyday word that is not one of the document's keywords, a
    /// qualifier, or a term most documents share (`common`).
    fn add(
        &mut self,
        clause: &Clause,
        score: f32,
        alt: &Alt,
        keyword: bool,
        common: bool,
        rare: bool,
    ) {
        self.score += score;
        // A qualifier that one group of texts alone names ("Portugal"
        // against the only text about roaming abroad) is a plain word's
        // evidence: the brand wrote one text about abroad.
        let sole_qualifier =
            clause.narrows && rare && alt.concept.is_some_and(|c| QUALIFIERS.contains(&c));
        let plain = (clause.weak && keyword && !clause.narrows) || sole_qualifier;
        if (clause.weak && !plain) || (common && !clause.strong) {
            // Scores, proves nothing.
        } else if !plain && (clause.strong || keyword) {
            self.evidence += 2;
            self.anchored = true;
        } else if !self.plain_chunks.contains(&clause.chunk) {
            self.plain_chunks.push(clause.chunk);
            self.evidence += 1;
            self.rare_plain |= rare;
        }
        self.matched.push(match alt.concept {
            Some(id) => format!("{} ({id})", clause.surface),
            None => clause.surface.clone(),
        });
    }
}
