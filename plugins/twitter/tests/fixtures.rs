//! The X plugin's logic on the real X payloads (`tests/fixtures/twitter/`),
//! natively through the SDK's fake host. CRC and signatures: `handshake.rs`.

use std::path::{Path, PathBuf};

use chorus_sdk::testing::{self, FakeHost, Outcome, Processed};
use chorus_sdk::{
    CannedResponse, HttpRequest, Message, MessageKind, Plugin, PluginError, Priority, Route,
    Visibility,
};
use serde_json::Value;
use twitter::{MAX_DM_LENGTH, MAX_TWEET_LENGTH, Twitter, x_length};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/twitter")
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(fixtures_dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn json(name: &str) -> Value {
    serde_json::from_slice(&read(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn post(body: &[u8]) -> HttpRequest {
    testing::request("POST", body)
        .header("Content-Type", "application/json")
        .build()
}

fn run_request(request: HttpRequest) -> Result<Outcome, PluginError> {
    testing::run::<Twitter>(request, &testing::context(280))
}

fn run_body(name: &str, body: &[u8]) -> Outcome {
    let _host = FakeHost::new().install();
    run_request(post(body)).unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

fn run(name: &str) -> Outcome {
    run_body(name, &read(name))
}

fn messages(name: &str) -> Vec<Processed> {
    match run(name) {
        Outcome::Messages(messages) => messages,
        other => panic!("{name}: expected messages, got {other:?}"),
    }
}

fn message(name: &str) -> Message {
    messages(name).remove(0).message
}

fn ignored(name: &str) -> String {
    match run(name) {
        Outcome::Ignore(reason) => reason,
        other => panic!("{name}: expected ignore, got {other:?}"),
    }
}

fn attribute<'a>(message: &'a Message, key: &str) -> Option<&'a str> {
    message
        .attributes
        .iter()
        .find(|a| a.key == key)
        .map(|a| a.value.as_str())
}

fn event_fixtures() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fixtures_dir())
        .expect("fixtures")
        .map(|entry| entry.expect("entry").path())
        .filter(|p| p.is_file())
        .filter_map(|p| p.file_name()?.to_str().map(str::to_owned))
        .filter(|n| n.ends_with(".json") && !n.ends_with(".expected.json"))
        .filter(|n| !n.starts_with("crc-"))
        .collect();
    names.sort();
    names
}

/// Real payloads the plugin refuses on purpose, with what the refusal must name.
const REFUSED: &[(&str, &str)] = &[(
    "v2-recent-search-keyword-no-expansions.json",
    "expansions=author_id",
)];

/// Every event fixture but the [`REFUSED`] ones.
fn accepted_fixtures() -> Vec<String> {
    event_fixtures()
        .into_iter()
        .filter(|name| !REFUSED.iter().any(|(refused, _)| refused == name))
        .collect()
}

#[test]
fn every_fixture_is_understood() {
    let names = event_fixtures();
    for name in &names {
        match REFUSED.iter().find(|(refused, _)| refused == name) {
            Some((_, fix)) => {
                let _host = FakeHost::new().install();
                match run_request(post(&read(name))) {
                    Err(PluginError::BadInput(reason)) => assert!(reason.contains(fix), "{reason}"),
                    other => panic!("{name}: expected a refusal naming {fix}, got {other:?}"),
                }
            }
            None => {
                let _ = run(name);
            }
        }
    }
    assert!(names.len() >= 20, "only {} fixtures", names.len());
}

#[test]
fn malformed_fixtures_are_refused_and_never_panic() {
    let mut count = 0;
    for entry in std::fs::read_dir(fixtures_dir().join("malformed")).expect("malformed") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        let _host = FakeHost::new().install();
        match run_request(post(&read(&format!("malformed/{name}")))) {
            Err(PluginError::BadInput(_) | PluginError::Unsupported(_)) => {}
            Ok(Outcome::Ignore(_)) => {}
            other => panic!("{name}: expected bad input or ignore, got {other:?}"),
        }
        count += 1;
    }
    assert!(count >= 15, "only {count} malformed fixtures");
}

fn refusal(name: &str) -> Result<Outcome, PluginError> {
    let _host = FakeHost::new().install();
    run_request(post(&read(&format!("malformed/{name}"))))
}

#[test]
fn malformed_fixtures_get_the_right_answer() {
    for name in [
        "truncated.json",
        "v2-stream-line-truncated-real.json",
        "wrong-type-id-str-number.json",
        "wrong-type-user-string.json",
        "wrong-type-for-user-id-number.json",
        "wrong-type-events-object-not-array.json",
        "missing-for-user-id.json",
        "invalid-utf8.json",
        "empty-body.json",
        "plain-text.json",
        "top-level-array.json",
        "json-null.json",
    ] {
        assert!(
            matches!(refusal(name), Err(PluginError::BadInput(_))),
            "{name}: {:?}",
            refusal(name)
        );
    }
    let Err(PluginError::BadInput(huge)) = refusal("huge-text.json") else {
        panic!("huge-text.json must be refused");
    };
    assert!(huge.contains("exceeds"), "{huge}");
    let Ok(Outcome::Ignore(unknown)) = refusal("unknown-event-key-only.json") else {
        panic!("an unknown event key is ignored");
    };
    assert!(unknown.contains("unknown") && unknown.contains("some_new_events"));
    assert!(matches!(
        refusal("empty-events-array.json"),
        Ok(Outcome::Ignore(reason)) if reason.contains("empty")
    ));
}

#[test]
fn a_mention_is_public_with_author_time_and_brand_mention() {
    let processed = &messages("aaa-tweet-create-mention.json")[0];
    let m = &processed.message;
    assert_eq!(m.event_id, "867471067178090496");
    assert_eq!(m.external_id, "867471067178090496");
    assert_eq!(m.kind, MessageKind::Original);
    assert_eq!(m.thread_id.as_deref(), Some("867471067178090496"));
    assert_eq!(m.in_reply_to, None);
    assert_eq!(m.visibility, Visibility::Public);
    assert_eq!(m.author.id, "815279070241955840");
    assert_eq!(m.author.handle.as_deref(), Some("RobotPrincessFi"));
    assert_eq!(m.author.display_name.as_deref(), Some("jk no"));
    assert_eq!(m.author.follower_count, Some(1));
    assert_eq!(m.sent_at, Some(1_495_656_193_000));
    assert_eq!(m.language.as_deref(), Some("en"));
    assert_eq!(attribute(m, "x.for-user-id"), Some("783214"));
    assert_eq!(attribute(m, "x.mentions-brand"), Some("true"));
    assert!(processed.triage.labels.contains(&"mention".to_owned()));
    assert!(!processed.suggestions.is_empty());
}

#[test]
fn the_brands_own_tweets_and_dms_are_ignored() {
    assert!(ignored("aaa-tweet-create-own-tweet.json").contains("own account"));
    assert!(ignored("aaa-direct-message-sent.json").contains("own account"));
    let _host = FakeHost::new()
        .config("own-user-ids", " 42, 815279070241955840 ")
        .install();
    let outcome = run_request(post(&read("aaa-tweet-create-mention.json"))).expect("runs");
    assert!(matches!(outcome, Outcome::Ignore(r) if r.contains("own account")));
}

#[test]
fn a_dm_is_private_with_its_author_from_the_users_map() {
    let processed = &messages("aaa-direct-message-received.json")[0];
    let m = &processed.message;
    assert_eq!(m.visibility, Visibility::Private);
    assert_eq!(m.event_id, "954491830116155396");
    assert_eq!(m.text, "Hello World!");
    assert_eq!(m.author.id, "3001969357");
    assert_eq!(m.author.handle.as_deref(), Some("furiouscamper"));
    assert_eq!(m.author.display_name.as_deref(), Some("Jordan Brinks"));
    assert_eq!(m.author.follower_count, Some(22));
    assert_eq!(m.thread_id.as_deref(), Some("3001969357-4337869213"));
    assert_eq!(m.sent_at, Some(1_516_403_560_557));
    assert_eq!(attribute(m, "x.source-app"), Some("FuriousCamperTestApp1"));
    assert!(processed.triage.labels.contains(&"direct".to_owned()));
    for s in &processed.suggestions {
        assert!(!s.text.starts_with('@'), "no @handle in a DM: {}", s.text);
    }
}

#[test]
fn an_extended_tweet_gives_its_full_text_and_media() {
    let m = message("aaa-tweet-create-extended-tweet.json");
    assert!(m.text.starts_with("@notFromShrek @ericmbudd H) 140 chars"));
    assert!(m.text.ends_with("🐇🐈"), "{}", m.text);
    assert!(
        !m.text.contains('…') && !m.text.contains("t.co/"),
        "{}",
        m.text
    );
    assert_eq!(m.in_reply_to.as_deref(), Some("863566329168711681"));
    assert_eq!(m.attachments.len(), 1);
    assert_eq!(m.attachments[0].name, "DAnifgeWAAAHTea.mp4");
    assert_eq!(m.attachments[0].content_type, "video/mp4");
    assert_eq!(m.attachments[0].size, 0);
}

#[test]
fn html_entities_are_unescaped() {
    let m = message("aaa-tweet-create-html-entities.json");
    assert!(m.text.contains("G) 140 chars & replies."), "{}", m.text);
    assert!(!m.text.contains("&amp;"), "{}", m.text);
}

#[test]
fn short_links_are_expanded() {
    // The urls fixture's `for_user_id` is its author (the Tweet mentions
    // no one), so as delivered it is the brand's own Tweet.
    assert!(ignored("aaa-tweet-create-urls.json").contains("own account"));
    let mut body = json("aaa-tweet-create-urls.json");
    body["for_user_id"] = Value::from("783214");
    let bytes = serde_json::to_vec(&body).expect("json");
    let Outcome::Messages(processed) = run_body("urls (as another account)", &bytes) else {
        panic!("expected a message");
    };
    assert_eq!(
        processed[0].message.text,
        "Dd) Tweet with a link to some tasty butterscotch sauce \
         https://smittenkitchen.com/2009/12/ridiculously-easy-butterscotch-sauce/"
    );
}

#[test]
fn a_quote_tweet_names_what_it_quotes() {
    let processed = &messages("aaa-tweet-create-quote.json")[0];
    let m = &processed.message;
    assert_eq!(
        m.text,
        "I feel like this is still relevant: https://twitter.com/notFromShrek/status/861645830863822848"
    );
    assert_eq!(attribute(m, "x.quote-of"), Some("861645830863822848"));
    assert_eq!(attribute(m, "x.quoted-user"), Some("notFromShrek"));
    assert!(processed.triage.labels.contains(&"quote".to_owned()));
}

#[test]
fn a_reply_is_threaded_by_the_tweet_it_answers() {
    let m = message("aaa-tweet-create-reply.json");
    assert_eq!(m.thread_id.as_deref(), Some("863566329168711681"));
    assert_eq!(m.in_reply_to.as_deref(), Some("863566329168711681"));
    assert_eq!(attribute(&m, "x.in-reply-to-user"), Some("2382763597"));
}

#[test]
fn a_deletion_marks_the_tweet_and_gets_no_reply() {
    let processed = &messages("aaa-tweet-delete.json")[0];
    let m = &processed.message;
    assert_eq!(m.kind, MessageKind::Deletion);
    assert_eq!(m.external_id, "1045405559317569537");
    assert_eq!(m.event_id, "delete:1045405559317569537");
    assert_eq!(m.text, "");
    assert_eq!(m.sent_at, Some(1_432_228_155_593));
    assert_eq!(processed.triage.route, Route::NoReply);
    assert!(processed.suggestions.is_empty());
}

#[test]
fn signals_without_conversation_are_ignored_with_a_reason() {
    assert!(ignored("aaa-favorite.json").contains("favorite_events"));
    assert!(ignored("aaa-favorite.json").contains("signal, not a conversation"));
    assert!(ignored("aaa-follow.json").contains("follow_events"));
    assert!(ignored("aaa-direct-message-indicate-typing.json").contains("typing"));
    assert!(ignored("aaa-direct-message-mark-read.json").contains("read receipt"));
    assert!(ignored("aaa-user-event-revoke.json").contains("revoked"));
}

#[test]
fn a_v2_brand_mention_without_at_gets_its_author_from_includes() {
    let m = message("v2-tweet-brand-mention-no-at.json");
    assert_eq!(m.event_id, "1440716176770826244");
    assert_eq!(m.author.id, "1242816420955787265");
    assert_eq!(m.author.handle.as_deref(), Some("Fudgel11"));
    assert_eq!(m.author.display_name.as_deref(), Some("Mac :: Scotland"));
    assert_eq!(m.author.follower_count, Some(3019));
    assert!(!m.author.verified);
    assert_eq!(m.thread_id.as_deref(), Some("1440716176770826244"));
    assert_eq!(m.sent_at, Some(1_632_328_478_000));
    assert_eq!(m.language.as_deref(), Some("en"));
    assert!(
        m.text
            .starts_with("Seeing was believing; BBC having a chat")
    );
    assert_eq!(attribute(&m, "x.annotated-brand"), Some("BBC"));
    assert_eq!(attribute(&m, "x.source"), Some("tweet-lookup"));
    assert_eq!(attribute(&m, "x.mentions-brand"), None);
}

#[test]
fn v2_threads_follow_the_conversation() {
    let m = message("v2-tweet-referenced-tweets.json");
    assert_eq!(m.thread_id.as_deref(), Some("1225912275971657728"));
    assert_eq!(m.in_reply_to.as_deref(), Some("1225912275971657728"));
    assert_eq!(attribute(&m, "x.quote-of"), Some("1200517737669378053"));
    assert_eq!(attribute(&m, "x.quoted-user"), Some("TwitterDev"));
    assert_eq!(
        attribute(&m, "x.in-reply-to-screen-name"),
        Some("TwitterEng")
    );
    assert_eq!(attribute(&m, "x.source"), Some("recent-search"));
}

#[test]
fn filtered_stream_lines_keep_their_rules() {
    let processed = &messages("v2-filtered-stream-line.json")[0];
    let m = &processed.message;
    assert_eq!(attribute(m, "x.source"), Some("filtered-stream"));
    assert_eq!(attribute(m, "x.matching-rule"), Some("1377649934414049282"));
    assert!(
        m.text
            .ends_with("https://www.instagram.com/p/CNIQbqSrZRL/?igshid=je3jmv61ndpu")
    );
    assert!(
        processed
            .triage
            .labels
            .contains(&"keyword-match".to_owned())
    );
    let docs = message("v2-filtered-stream-docs.json");
    assert_eq!(
        attribute(&docs, "x.matching-rule"),
        Some("120897978112909812")
    );
    assert_eq!(attribute(&docs, "x.matching-rule-tag"), Some("api-posts"));
    assert_eq!(docs.author.handle.as_deref(), Some("Xdevelopers"));
    let quote = message("v2-filtered-stream-line-quote.json");
    assert_eq!(
        quote.text,
        "Fury https://twitter.com/Manie_DS/status/1377640162566496258"
    );
    assert_eq!(attribute(&quote, "x.quoted-user"), Some("Manie_DS"));
    assert_eq!(quote.attachments.len(), 1);
    assert_eq!(quote.attachments[0].name, "Ex5ldKwXEAEnEnI.jpg");
}

#[test]
fn tweet_ids_in_links_are_not_taken_for_card_numbers() {
    // The quoted Tweet's id (19 digits, Luhn-valid) is in the expanded link.
    let processed = &messages("v2-filtered-stream-line-quote.json")[0];
    assert!(
        !processed.triage.labels.contains(&"pii".to_owned()),
        "{:?}",
        processed.triage
    );
    assert_eq!(processed.triage.route, Route::ReplyPublic);
}

#[test]
fn a_search_page_gives_one_message_per_tweet() {
    let processed = messages("v2-recent-search-hashtag-brexit.json");
    assert_eq!(processed.len(), 100);
    assert!(processed.iter().all(|p| p.message.author.handle.is_some()));
    let reach = processed
        .iter()
        .find(|p| p.message.author.handle.as_deref() == Some("WarmongerHodges"))
        .expect("a high-reach author");
    assert!(reach.triage.labels.contains(&"high-reach".to_owned()));
    assert!(reach.triage.priority >= Priority::High);
    assert!(
        reach
            .triage
            .reasons
            .contains(&"author has 34,920 followers".to_owned()),
        "{:?}",
        reach.triage.reasons
    );
}

#[test]
fn no_message_ever_has_an_empty_author_id() {
    for name in accepted_fixtures() {
        if let Outcome::Messages(processed) = run(&name) {
            for p in processed {
                assert!(
                    !p.message.author.id.trim().is_empty(),
                    "{name}: {:?}",
                    p.message
                );
            }
        }
    }
}

#[test]
fn verified_and_blocked_authors_are_signals() {
    let mut body = json("aaa-direct-message-received.json");
    body["users"]["3001969357"]["verified"] = Value::from(true);
    body["users"]["3001969357"]["followers_count"] = Value::from(120_000);
    let bytes = serde_json::to_vec(&body).expect("json");
    let Outcome::Messages(processed) = run_body("verified dm", &bytes) else {
        panic!("expected a message");
    };
    let triage = &processed[0].triage;
    assert!(triage.labels.contains(&"verified".to_owned()));
    assert!(
        triage
            .reasons
            .contains(&"author has 120,000 followers".to_owned())
    );
    assert!(triage.priority >= Priority::High);
    let mut body = json("aaa-tweet-create-mention.json");
    body["user_has_blocked"] = Value::from("true");
    let bytes = serde_json::to_vec(&body).expect("json");
    let Outcome::Messages(processed) = run_body("blocked", &bytes) else {
        panic!("expected a message");
    };
    assert_eq!(processed[0].triage.route, Route::NoReply);
    assert!(processed[0].triage.labels.contains(&"blocked".to_owned()));
    let mut body = json("aaa-tweet-create-mention.json");
    body["is_blocked_by"] = Value::from(true);
    let bytes = serde_json::to_vec(&body).expect("json");
    let Outcome::Messages(processed) = run_body("is_blocked_by", &bytes) else {
        panic!("expected a message");
    };
    assert_eq!(processed[0].triage.route, Route::NoReply);
}

fn assert_fits(p: &Processed, name: &str) {
    for s in &p.suggestions {
        match p.message.visibility {
            Visibility::Public => {
                if let Some(handle) = &p.message.author.handle {
                    assert!(
                        s.text.starts_with(&format!("@{handle} ")),
                        "{name}: {}",
                        s.text
                    );
                }
                assert!(x_length(&s.text) <= MAX_TWEET_LENGTH, "{name}: {}", s.text);
            }
            Visibility::Private => {
                assert!(!s.text.starts_with('@'), "{name}: {}", s.text);
                assert!(
                    s.text.chars().count() <= MAX_DM_LENGTH as usize,
                    "{name}: {}",
                    s.text
                );
            }
        }
    }
}

#[test]
fn every_suggestion_fits_x() {
    for name in accepted_fixtures() {
        if let Outcome::Messages(processed) = run(&name) {
            for p in &processed {
                assert_fits(p, &name);
            }
        }
    }
}

#[test]
fn wide_replies_are_cut_to_280_as_x_counts() {
    let _host = FakeHost::new().install();
    let m = message("aaa-tweet-create-mention.json");
    let mut context = testing::context(10_000);
    context.voice.canned_responses.push(CannedResponse {
        id: "ja".into(),
        intent: "general".into(),
        text: format!(
            "ご連絡ありがとうございます。{} 詳細はこちら: https://support.acme.example.com/{}",
            "確認いたします。".repeat(30),
            "a".repeat(200)
        ),
    });
    let mut triage = Twitter::triage(m.clone(), context.clone()).expect("triage");
    triage.intent = "general".into();
    triage.route = Route::ReplyPublic;
    let suggestions = Twitter::suggest(m, triage, context).expect("suggest");
    let answer = &suggestions[0].text;
    assert!(answer.starts_with("@RobotPrincessFi "), "{answer}");
    assert!(answer.chars().count() <= 280);
    assert!(
        x_length(answer) <= MAX_TWEET_LENGTH,
        "{} > 280: {answer}",
        x_length(answer)
    );
    assert!(answer.ends_with('。'), "cut at a sentence: {answer}");
}

#[test]
fn x_activity_mentions_replies_and_quotes_read_as_a_care_agent_expects() {
    let mention = &messages("xaa-post-mention-create.json")[0];
    let m = &mention.message;
    assert_eq!(m.event_id, "2031458827391827714");
    assert_eq!(m.author.display_name.as_deref(), Some("Kay Okafor 🏃🏾‍♀️"));
    assert!(
        m.text
            .contains("https://imgur.com/gallery/ridgeline-pole-Qx81Lm")
    );
    assert_eq!(attribute(m, "x.source"), Some("x-activity"));
    assert!(mention.triage.labels.contains(&"high-reach".to_owned()));
    assert!(mention.triage.labels.contains(&"mention".to_owned()));

    let reply = &messages("xaa-post-reply-create.json")[0];
    let r = &reply.message;
    assert_eq!(r.event_id, "-8675309112233445566");
    assert_eq!(r.thread_id.as_deref(), Some("2031400112233445566"));
    assert_eq!(r.in_reply_to.as_deref(), Some("2031400112233445566"));
    assert_eq!(r.language.as_deref(), Some("es"));
    assert!(reply.triage.labels.contains(&"reply-to-brand".to_owned()));

    let quote = message("xaa-post-quote-create.json");
    assert_eq!(attribute(&quote, "x.quoted-user"), Some("AcmeOutdoor"));
    assert!(
        quote
            .text
            .ends_with("https://twitter.com/AcmeOutdoor/status/2031398870012345678")
    );
}

#[test]
fn x_activity_dms_deletions_and_the_rest() {
    for name in ["xaa-dm-received.json", "xaa-dm-received-v2-event.json"] {
        let dm = message(name);
        assert_eq!(dm.visibility, Visibility::Private, "{name}");
        assert!(dm.author.handle.is_some(), "{name}");
        assert!(
            dm.thread_id
                .is_some_and(|t| t.contains("1583940261178413056"))
        );
    }
    let deleted = message("xaa-post-delete.json");
    assert_eq!(deleted.kind, MessageKind::Deletion);
    assert_eq!(deleted.event_id, "-4417920381165523311");
    assert_eq!(deleted.external_id, "2031401998877665544");
    assert!(ignored("xaa-post-create-own.json").contains("own account"));
    assert!(ignored("xaa-chat-received.json").contains("answer it in the X app"));
    for name in [
        "xaa-dm-sent.json",
        "xaa-chat-sent.json",
        "xaa-like-create.json",
        "xaa-follow-follow.json",
        "xaa-profile-update-bio.json",
        "xaa-spaces-start.json",
        "xaa-news-new.json",
        "xaa-oauth-revoke.json",
        "xaa-unknown-event-type.json",
    ] {
        assert!(!ignored(name).is_empty(), "{name}");
    }
}
