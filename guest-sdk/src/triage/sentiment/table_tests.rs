//! Tests of the sentiment scorer's tables (sorted, sized, every key
//! reachable by the tokenizer), its bounds on hostile input, and its speed.

use super::lexicon::{DE, EMOJI, EMOTICONS, EN, ES, FR, Lexicon, language};
use super::sentiment;
use super::tokens::tokenize;

const LEXICONS: [(&str, &Lexicon); 4] = [("en", &EN), ("es", &ES), ("fr", &FR), ("de", &DE)];

#[test]
fn tables_are_sorted_and_unique_for_binary_search() {
    fn sorted<T>(name: &str, table: &[(&str, T)]) {
        for pair in table.windows(2) {
            assert!(
                pair[0].0 < pair[1].0,
                "{name}: {:?} then {:?}",
                pair[0].0,
                pair[1].0
            );
        }
    }
    for (tag, lexicon) in LEXICONS {
        sorted(&format!("{tag} words"), lexicon.words);
        sorted(&format!("{tag} modifiers"), lexicon.modifiers);
        sorted(&format!("{tag} phrases"), lexicon.phrases);
        assert!(lexicon.verbs.windows(2).all(|p| p[0] < p[1]), "{tag} verbs");
    }
    sorted("emoji", EMOJI);
    sorted("emoticons", EMOTICONS);
}

#[test]
fn tables_have_the_expected_sizes() {
    assert!(EN.words.len() > 7000, "VADER's lexicon: {}", EN.words.len());
    for (tag, lexicon) in [("es", &ES), ("fr", &FR), ("de", &DE)] {
        let entries = lexicon.words.len() + lexicon.modifiers.len() + lexicon.phrases.len();
        assert!((200..=400).contains(&entries), "{tag}: {entries} entries");
    }
    assert!(EMOJI.len() >= 80, "{} emoji", EMOJI.len());
    assert!(EMOTICONS.len() >= 40, "{} emoticons", EMOTICONS.len());
    assert!(
        EMOJI
            .iter()
            .chain(EMOTICONS)
            .all(|(_, v)| (-4.0..=4.0).contains(v))
    );
}

/// Every key is in the form the tokenizer produces, so every entry can match.
#[test]
fn every_key_is_reachable_by_the_tokenizer() {
    for (tag, lexicon) in LEXICONS {
        let language = language(Some(tag));
        let keys = lexicon
            .words
            .iter()
            .map(|(k, _)| *k)
            .chain(lexicon.modifiers.iter().map(|(k, _)| *k))
            .chain(lexicon.phrases.iter().map(|(k, _)| *k))
            .chain(lexicon.verbs.iter().copied());
        for key in keys {
            let tokens = tokenize(key, language);
            assert_eq!(tokens.folded, key, "{tag}");
            assert!(
                tokens.tokens.iter().all(|t| t.emoji.is_none()),
                "{tag}: {key:?}"
            );
        }
    }
    for (emoticon, _) in EMOTICONS {
        let tokens = tokenize(emoticon, language(None));
        assert_eq!(tokens.tokens.len(), 1, "{emoticon:?}");
        assert!(tokens.tokens[0].emoji.is_some(), "{emoticon:?}");
    }
}

#[test]
fn the_score_stays_in_range_for_hostile_input() {
    let long_hate = "worst terrible awful horrible!!! ".repeat(4_000);
    let long_love = "best wonderful amazing love 😍 ".repeat(4_000);
    let only_emoji = "😡🤬👎💩🖕".repeat(2_000);
    let bangs = "!".repeat(100_000);
    let questions = "?".repeat(100_000);
    let noise: String = (0..100_000u32)
        .filter_map(|i| char::from_u32(i % 0x2FFF + 1))
        .collect();
    let apostrophes = "'’n't".repeat(20_000);
    let combining = "a\u{0308}".repeat(50_000);
    for text in [
        long_hate.as_str(),
        &long_love,
        &only_emoji,
        &bangs,
        &questions,
        &noise,
        &apostrophes,
        &combining,
        "",
        " ",
        "\n\n",
    ] {
        for tag in [None, Some("en"), Some("es"), Some("fr"), Some("de")] {
            let score = sentiment(text, tag);
            assert!(
                score.is_finite() && (-1.0..=1.0).contains(&score),
                "{score}"
            );
        }
    }
    assert!(sentiment(&long_hate, None) < -0.99);
    assert!(sentiment(&long_love, None) > 0.99);
    assert!(sentiment(&only_emoji, None) < -0.99);
    assert_eq!(sentiment(&bangs, None), 0.0);
}

#[test]
fn a_fifty_word_complaint_is_negative() {
    // Speed is measured by `bench_triage` (`cargo xtask bench`), not here.
    let text = "Hi, I ordered the tent two weeks ago and it still hasn't arrived. \
                Your tracking page says delivered but nothing is here!! This is \
                really frustrating, I've emailed three times and nobody answers. \
                Honestly the worst service ever, please just refund me for the \
                tent, I do not want it any more 😡";
    assert!(sentiment(text, Some("en")) < -0.5);
}

#[test]
#[ignore = "development probe: SENTIMENT_PROBE=file of lang<TAB>text lines"]
fn probe() {
    let Some(path) = std::env::var_os("SENTIMENT_PROBE") else {
        return;
    };
    let text = std::fs::read_to_string(path).unwrap_or_default();
    for line in text.lines() {
        let (tag, text) = line.split_once('\t').unwrap_or(("en", line));
        println!("{:+.3}\t{tag}\t{text}", sentiment(text, Some(tag)));
    }
}
