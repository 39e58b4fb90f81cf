//! The ranking learns from feedback: a replayed stream of messages with
//! scripted agent verdicts moves the strategy agents accept to the top.

use std::time::{Duration, Instant};

use chorus_e2e::{
    BRANDS, SLACK_SECRET, Server, bearer, http, slack_headers, slack_message, start_server,
    unix_now,
};
use serde_json::{Value, json};

const MESSAGES: usize = 10;
const QUESTION: &str = "Where is my parcel? It still has not arrived.";

/// Posts message `i` and returns its triaged conversation.
fn deliver(server: &Server, seen: &mut Vec<i64>, i: usize) -> Value {
    let (brand, key) = BRANDS[0];
    let body = slack_message(
        &format!("EvLEARN{i:04}"),
        &format!("ULEARN{i:04}"),
        &format!("1700000{i:03}.000100"),
        QUESTION,
    );
    let url = server.url(&format!("/v1/brands/{brand}/channels/slack/events"));
    let reply = http(
        "POST",
        &url,
        &slack_headers(&body, SLACK_SECRET, unix_now()),
        Some(&body),
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let list = http(
            "GET",
            &server.url(&format!("/v1/brands/{brand}/conversations")),
            &bearer(key),
            None,
        );
        let new = list.json["conversations"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|c| c["id"].as_i64())
            .find(|id| !seen.contains(id));
        if let Some(id) = new {
            let detail = http(
                "GET",
                &server.url(&format!("/v1/brands/{brand}/conversations/{id}")),
                &bearer(key),
                None,
            );
            if detail.json["messages"][0]["status"] == "done" {
                seen.push(id);
                return detail.json;
            }
        }
        assert!(Instant::now() < deadline, "message {i} was not triaged");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Posts `verdict` on suggestion `id` of the first test brand.
fn post_feedback(server: &Server, id: i64, verdict: &Value) {
    let (brand, key) = BRANDS[0];
    let headers = [
        bearer(key),
        vec![("content-type".into(), "application/json".into())],
    ]
    .concat();
    let reply = http(
        "POST",
        &server.url(&format!("/v1/brands/{brand}/suggestions/{id}/feedback")),
        &headers,
        Some(verdict.to_string().as_bytes()),
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
}

fn feedback(server: &Server, suggestion: &Value, accept: bool) {
    let id = suggestion["id"].as_i64().expect("suggestion id");
    let verdict = if accept {
        json!({ "verdict": "accepted" })
    } else {
        json!({ "verdict": "rejected", "reason": "not how we answer this" })
    };
    post_feedback(server, id, &verdict);
}

#[test]
fn the_ranking_moves_toward_the_strategy_agents_accept() {
    let (_dir, server) = start_server();
    let mut seen = Vec::new();
    let mut accepted: Option<String> = None;
    let mut ranks = Vec::new();
    for i in 0..MESSAGES {
        let detail = deliver(&server, &mut seen, i);
        let suggestions = detail["messages"][0]["suggestions"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert!(suggestions.len() >= 2, "{detail}");
        // The agents prefer what the plugin ranked last at first.
        let strategy = accepted
            .get_or_insert_with(|| {
                suggestions[suggestions.len() - 1]["strategy"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned()
            })
            .clone();
        let rank = suggestions
            .iter()
            .position(|s| s["strategy"] == strategy.as_str())
            .unwrap_or_else(|| panic!("{strategy} missing from {suggestions:?}"));
        ranks.push(rank);
        for suggestion in &suggestions {
            feedback(
                &server,
                suggestion,
                suggestion["strategy"] == strategy.as_str(),
            );
        }
    }
    let mrr = |ranks: &[usize]| -> f64 {
        ranks.iter().map(|r| 1.0 / (*r as f64 + 1.0)).sum::<f64>() / ranks.len() as f64
    };
    let (first, last) = (mrr(&ranks[..3]), mrr(&ranks[MESSAGES - 3..]));
    println!(
        "accepted strategy `{}`: ranks per message {ranks:?}; mean reciprocal rank first 3 = {first:.2}, last 3 = {last:.2}",
        accepted.unwrap_or_default()
    );
    assert!(ranks[0] > 0, "it started below the top: {ranks:?}");
    assert_eq!(last, 1.0, "it ends on top: {ranks:?}");
    assert!(last > first, "{ranks:?}");

    let (brand, key) = BRANDS[0];
    let priors = http(
        "GET",
        &server.url(&format!("/v1/brands/{brand}/voice/priors")),
        &bearer(key),
        None,
    );
    assert_eq!(priors.status, 200, "{}", priors.body);
    assert!(
        priors.json["priors"]
            .as_array()
            .is_some_and(|p| p.iter().any(|p| p["prior"].as_f64() > Some(0.8))),
        "{}",
        priors.body
    );
}

#[test]
fn edits_are_diffed_and_become_voice_examples() {
    let (_dir, server) = start_server();
    let (brand, key) = BRANDS[0];
    let detail = deliver(&server, &mut Vec::new(), 0);
    let suggestion = &detail["messages"][0]["suggestions"][0];
    let id = suggestion["id"].as_i64().expect("id");
    let final_text = format!(
        "{} Talk soon.",
        suggestion["text"].as_str().unwrap_or_default()
    );
    post_feedback(
        &server,
        id,
        &json!({ "verdict": "edited", "final_text": final_text }),
    );
    let examples = http(
        "GET",
        &server.url(&format!("/v1/brands/{brand}/voice/examples")),
        &bearer(key),
        None,
    );
    assert_eq!(examples.status, 200, "{}", examples.body);
    let example = &examples.json["examples"][0];
    assert_eq!(example["text"], final_text.as_str(), "{}", examples.body);
    assert_eq!(example["suggestion_id"], id);
    assert!(
        example["diff"]
            .as_str()
            .is_some_and(|d| d.contains("{+") && d.ends_with("Talk soon.+}")),
        "{}",
        examples.body
    );
    // Another brand's key sees none of it.
    let (other, other_key) = BRANDS[1];
    let foreign = http(
        "GET",
        &server.url(&format!("/v1/brands/{other}/voice/examples")),
        &bearer(other_key),
        None,
    );
    assert_eq!(foreign.json["examples"], json!([]), "{}", foreign.body);
}
