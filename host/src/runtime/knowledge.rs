//! The host's two knowledge calls over a brand's
//! [`Knowledge`](chorus_voice::retrieve::Knowledge): `host.knowledge-search`
//! (snippets by the share of the query's words they contain) and
//! `host.knowledge-find` (the retrieval engine, over an index built once
//! per brand and shared by its channels and events; a plugin building it per
//! event cost about 0.3 ms of native CPU per message for a brand of 40
//! texts).

use chorus_voice::retrieve::{Knowledge, Source};

use crate::model::{KnowledgeHit, KnowledgeMatch, KnowledgeQuery};

/// Knowledge snippets given as (id, text), in English, for tests and tools.
pub fn of_snippets(entries: impl IntoIterator<Item = (String, String)>) -> Knowledge {
    let texts = entries
        .into_iter()
        .map(|(id, text)| chorus_voice::retrieve::Text {
            id,
            text,
            keywords: Vec::new(),
            source: Source::Snippet,
        });
    Knowledge::new("", "en", texts)
}

/// `host.knowledge-search`: the snippets that contain words of `query`, by
/// the share of its words they contain, at most `limit`.
pub fn search(knowledge: &Knowledge, query: &str, limit: u32) -> Vec<KnowledgeHit> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    let mut hits: Vec<KnowledgeHit> = knowledge
        .texts()
        .iter()
        .filter(|t| t.source == Source::Snippet)
        .filter_map(|t| {
            let text = t.text.to_lowercase();
            let matched = words.iter().filter(|w| text.contains(w.as_str())).count();
            (matched > 0).then(|| KnowledgeHit {
                id: t.id.clone(),
                text: t.text.clone(),
                score: matched as f32 / words.len() as f32,
            })
        })
        .collect();
    hits.sort_by(|a, b| b.score.total_cmp(&a.score));
    hits.truncate(limit as usize);
    hits
}

/// `host.knowledge-find`: see [`Knowledge::find`].
pub fn find(knowledge: &Knowledge, query: &KnowledgeQuery) -> Vec<KnowledgeMatch> {
    let limit = usize::try_from(query.limit).unwrap_or(usize::MAX);
    knowledge.find(&query.text, &query.language, &query.among, limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_names_each_match_by_its_id_with_its_reasons() {
        let knowledge = of_snippets([
            (
                "delivery".to_owned(),
                "Orders arrive in 3 to 5 days.".to_owned(),
            ),
            (
                "returns".to_owned(),
                "Returns are free within 60 days; refunds take 5 days.".to_owned(),
            ),
        ]);
        let query = KnowledgeQuery {
            text: "can I get a refund?".to_owned(),
            language: "en".to_owned(),
            among: Vec::new(),
            limit: 3,
        };
        let found = find(&knowledge, &query);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].id, "returns");
        assert!(found[0].concepts.iter().any(|c| c == "refund"), "{found:?}");
    }

    #[test]
    fn search_ranks_snippets_by_matched_words() {
        let knowledge = of_snippets([
            ("a".to_owned(), "Track your order in the app".to_owned()),
            (
                "b".to_owned(),
                "Refunds take 5 days; track the refund order".to_owned(),
            ),
        ]);
        let hits = search(&knowledge, "refund order", 5);
        assert_eq!(
            hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(),
            ["b", "a"]
        );
    }
}
