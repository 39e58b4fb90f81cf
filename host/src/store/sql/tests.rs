//! The store's behaviour on every backend: each test runs on SQLite (a
//! fresh file) and on PostgreSQL (a fresh schema, see [`super::testing`]).

use tempfile::TempDir;

use super::SqlStore;
use super::testing::PostgresSchema;
use crate::model::{
    Author, HttpRequest, Message, MessageKind, Priority, Route, Suggestion, Timestamp, Triage,
    Visibility,
};
use crate::review::{Review, ReviewedSuggestion, VoiceReview};
use crate::store::rules::{KvQuota, KvQuotaExceeded};
use crate::store::{
    Completion, InboxFilter, KvNamespace, LedgerEntry, LedgerStatus, Recorded, Store, StoreError,
    Verdict,
};

/// A fresh database and a store open on it.
struct Fresh {
    store: SqlStore,
    url: String,
    // Dropped after the store: the file, or the schema, outlives it.
    _dir: Option<TempDir>,
    _schema: Option<PostgresSchema>,
}

impl Fresh {
    /// A second store on the same database, as after a restart.
    async fn reopen(&self) -> SqlStore {
        SqlStore::open(&self.url).await.expect("reopens")
    }
}

async fn sqlite() -> Option<Fresh> {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("data/chorus.db").display());
    Some(Fresh {
        store: SqlStore::open(&url).await.expect("opens"),
        url,
        _dir: Some(dir),
        _schema: None,
    })
}

async fn postgres() -> Option<Fresh> {
    let schema = PostgresSchema::create()?;
    let url = schema.url().to_owned();
    Some(Fresh {
        store: SqlStore::open(&url).await.expect("opens"),
        url,
        _dir: None,
        _schema: Some(schema),
    })
}

/// Each test, once per backend: `sqlite::name` and `postgres::name`.
macro_rules! on_each_backend {
    ($($test:ident),+ $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $test() {
                if let Some(fresh) = super::sqlite().await {
                    super::$test(fresh).await;
                }
            })+
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $test() {
                if let Some(fresh) = super::postgres().await {
                    super::$test(fresh).await;
                }
            })+
        }
    };
}

on_each_backend!(
    a_message_is_recorded_triaged_and_answered,
    completions_are_stored_together_in_order,
    one_platform_message_is_stored_once,
    identities_with_one_email_are_one_person,
    dead_letters_wait_for_replay,
    what_one_store_wrote_the_next_one_reads,
    plugin_entries_survive_a_restart,
    a_plugin_over_its_quota_leaves_others_alone,
);

fn message(external_id: &str, author: &str, email: Option<&str>, text: &str) -> Message {
    Message {
        event_id: format!("Ev{external_id}"),
        external_id: external_id.into(),
        kind: MessageKind::Original,
        thread_id: None,
        in_reply_to: None,
        author: Author {
            id: author.into(),
            handle: None,
            display_name: Some("Joana".into()),
            email: email.map(str::to_owned),
            follower_count: None,
            verified: false,
        },
        text: text.into(),
        full_text: None,
        visibility: Visibility::Public,
        sent_at: None,
        language: None,
        attachments: Vec::new(),
        attributes: Vec::new(),
    }
}

fn triage(priority: Priority, intent: &str) -> Triage {
    Triage {
        priority,
        route: Route::ReplyPublic,
        intent: intent.into(),
        sentiment: 0.0,
        language: None,
        labels: Vec::new(),
        reasons: vec!["a reason".into()],
        confidence: 0.9,
    }
}

fn review(text: &str) -> Review {
    Review {
        kept: vec![ReviewedSuggestion {
            suggestion: Suggestion {
                text: text.into(),
                strategy: "answer".into(),
                rationale: "why".into(),
            },
            review: VoiceReview {
                voice_score: 1.0,
                relevance: 1.0,
                prior: 1.0,
                rank_score: 1.0,
                fixes: Vec::new(),
                warnings: Vec::new(),
                original_text: None,
            },
        }],
        dropped: Vec::new(),
    }
}

/// Appends a request on `channel` of `acme` and returns its ledger entry.
async fn entry(store: &SqlStore, channel: &str, received_at: i64) -> LedgerEntry {
    let request = HttpRequest {
        method: "POST".into(),
        path: "/events".into(),
        query: String::new(),
        headers: vec![("content-type".into(), "application/json".into())],
        body: b"{\"raw\":true}".to_vec(),
    };
    let id = store
        .append("acme", channel, received_at, &request)
        .await
        .expect("append");
    LedgerEntry {
        id,
        brand: "acme".into(),
        channel: channel.into(),
        received_at,
        request,
    }
}

/// One message's completion, for [`Store::complete_messages`].
fn completion(id: i64, triage: Triage, review: Review, due: Timestamp) -> Completion {
    Completion {
        id,
        triage,
        review,
        due,
    }
}

async fn a_message_is_recorded_triaged_and_answered(fresh: Fresh) {
    let store = &fresh.store;
    let entry = entry(store, "slack", 1_000).await;
    assert_eq!(store.unprocessed().await.expect("unprocessed").len(), 1);
    let recorded = store
        .record_messages(&entry, &[message("1", "U1", None, "where is my order?")])
        .await
        .expect("record");
    assert_eq!(recorded, [Recorded::New]);
    assert!(store.unprocessed().await.expect("unprocessed").is_empty());
    let pending = store.pending_messages().await.expect("pending");
    assert_eq!(pending.len(), 1);
    let id = pending[0].id;

    store
        .complete_messages(&[completion(
            id,
            triage(Priority::High, "order-status"),
            review("On its way!"),
            9_000,
        )])
        .await
        .expect("complete");
    // A later, calmer triage keeps the conversation's highest priority and
    // its tightest due time.
    store
        .complete_messages(&[completion(
            id,
            triage(Priority::Low, "order-status"),
            review("On its way!"),
            20_000,
        )])
        .await
        .expect("complete again");
    assert!(store.pending_messages().await.expect("pending").is_empty());
    let inbox = store
        .inbox("acme", &InboxFilter::default(), 10_000)
        .await
        .expect("inbox");
    assert_eq!(inbox.len(), 1);
    assert_eq!(inbox[0].priority, Some(Priority::High));
    assert_eq!(inbox[0].first_response_due, Some(9_000));
    assert!(inbox[0].overdue, "due at 9000, seen at 10000");
    let filtered = InboxFilter {
        priority: Some(Priority::Low),
        ..InboxFilter::default()
    };
    assert!(
        store
            .inbox("acme", &filtered, 0)
            .await
            .expect("inbox")
            .is_empty()
    );
    assert!(
        store
            .inbox("globex", &InboxFilter::default(), 0)
            .await
            .expect("inbox")
            .is_empty()
    );
    assert_eq!(
        store
            .recent_with_intent("acme", &["order-status", "outage"], 0)
            .await
            .expect("count"),
        1
    );
    assert_eq!(
        store
            .recent_with_intent("acme", &["outage"], 0)
            .await
            .expect("count"),
        0
    );

    let conversation = inbox[0].id;
    let detail = store
        .conversation("acme", conversation, 10_000)
        .await
        .expect("conversation")
        .expect("found");
    let suggestion = &detail.messages[0].suggestions[0];
    assert_eq!(suggestion.suggestion.text, "On its way!");
    let edited = Verdict::Edited {
        final_text: "On its way, today!".into(),
    };
    assert!(
        store
            .feedback("acme", suggestion.id, &edited, 11_000)
            .await
            .expect("feedback")
    );
    assert!(
        !store
            .feedback("globex", suggestion.id, &Verdict::Accepted, 11_000)
            .await
            .expect("feedback"),
        "another brand's suggestion"
    );
    let detail = store
        .conversation("acme", conversation, 10_000)
        .await
        .expect("conversation")
        .expect("found");
    assert_eq!(detail.messages[0].suggestions[0].feedback, Some(edited));
    let examples = store.voice_examples("acme", 10).await.expect("examples");
    assert_eq!(examples.len(), 1);
    assert_eq!(examples[0].intent, "order-status");
    assert_eq!(examples[0].diff, "On its [-way!-]{+way, today!+}");
    let stats = store.strategy_stats("acme").await.expect("stats");
    assert_eq!(stats.len(), 1);
    assert_eq!((stats[0].trials, stats[0].successes), (1.0, 0.5));

    assert!(
        store
            .resolve("acme", conversation, 12_000)
            .await
            .expect("resolve")
    );
    assert!(
        !store
            .resolve("globex", conversation, 12_000)
            .await
            .expect("resolve")
    );
    let resolved = InboxFilter {
        status: Some("resolved".into()),
        ..InboxFilter::default()
    };
    assert_eq!(
        store
            .inbox("acme", &resolved, 0)
            .await
            .expect("inbox")
            .len(),
        1
    );
}

async fn completions_are_stored_together_in_order(fresh: Fresh) {
    let store = &fresh.store;
    let entry = entry(store, "slack", 1_000).await;
    let mut first = message("1", "U1", None, "where is my order?");
    first.thread_id = Some("T1".into());
    let mut second = message("2", "U1", None, "still waiting");
    second.thread_id = Some("T1".into());
    store
        .record_messages(&entry, &[first, second])
        .await
        .expect("record");
    let pending = store.pending_messages().await.expect("pending");
    assert_eq!(pending.len(), 2);
    let completions: Vec<Completion> = pending
        .iter()
        .zip([(Priority::High, 9_000), (Priority::Low, 20_000)])
        .map(|(message, (priority, due))| Completion {
            id: message.id,
            triage: triage(priority, "order-status"),
            review: review("On its way!"),
            due,
        })
        .collect();
    store
        .complete_messages(&[])
        .await
        .expect("nothing to store");
    store
        .complete_messages(&completions)
        .await
        .expect("complete");
    assert!(store.pending_messages().await.expect("pending").is_empty());
    // As one message at a time: the highest priority and the earliest due
    // time of the conversation's messages, the latest intent.
    let inbox = store
        .inbox("acme", &InboxFilter::default(), 0)
        .await
        .expect("inbox");
    assert!(
        inbox
            .iter()
            .any(|c| c.priority == Some(Priority::High) && c.first_response_due == Some(9_000)),
        "{inbox:?}"
    );
    for message in &pending {
        let detail = store
            .conversation("acme", message.conversation_id, 0)
            .await
            .expect("conversation")
            .expect("exists");
        assert!(detail.messages.iter().all(|m| m.status == "done"));
        assert!(detail.messages.iter().all(|m| m.suggestions.len() == 1));
    }
}

async fn one_platform_message_is_stored_once(fresh: Fresh) {
    let store = &fresh.store;
    let original = message("7", "U1", None, "hello");
    let first = entry(store, "slack", 1).await;
    let again = entry(store, "slack", 2).await;
    assert_eq!(
        store
            .record_messages(&first, std::slice::from_ref(&original))
            .await
            .expect("record"),
        [Recorded::New]
    );
    let mut redelivered = original.clone();
    redelivered.event_id = "EvOther".into();
    assert!(matches!(
        store
            .record_messages(&again, &[redelivered])
            .await
            .expect("record")[..],
        [Recorded::Duplicate { .. }]
    ));
    let mut unknown_edit = message("8", "U1", None, "edited");
    unknown_edit.kind = MessageKind::Edit;
    let edit = entry(store, "slack", 3).await;
    assert!(matches!(
        store
            .record_messages(&edit, &[unknown_edit])
            .await
            .expect("record")[..],
        [Recorded::UnknownOriginal { .. }]
    ));
    assert_eq!(store.counts().await.expect("counts"), (3, 1));
}

async fn identities_with_one_email_are_one_person(fresh: Fresh) {
    let store = &fresh.store;
    let on_slack = entry(store, "slack", 1).await;
    let on_email = entry(store, "email", 2).await;
    let stranger = entry(store, "x", 3).await;
    for (entry, message) in [
        (
            &on_slack,
            message("1", "U1", Some("joana@example.com"), "first"),
        ),
        (
            &on_email,
            message("2", "joana", Some("Joana@Example.com"), "second"),
        ),
        (&stranger, message("3", "X9", None, "third")),
    ] {
        store
            .record_messages(entry, &[message])
            .await
            .expect("record");
    }
    let current = store.pending_messages().await.expect("pending")[1].conversation_id;
    let history = store
        .customer_history("acme", "email", "joana", current, 20)
        .await
        .expect("history");
    assert_eq!(history.conversations.len(), 1);
    assert_eq!(history.conversations[0].summary, "first");
    assert_eq!(history.open, 1);

    let inbox = store
        .inbox("acme", &InboxFilter::default(), 0)
        .await
        .expect("inbox");
    let customer = |channel: &str| {
        inbox
            .iter()
            .find(|c| c.channel == channel)
            .map(|c| c.customer.id)
            .expect("a conversation")
    };
    assert!(
        store
            .link_customers("acme", customer("slack"), customer("x"))
            .await
            .expect("link")
    );
    assert!(
        !store
            .link_customers("globex", customer("slack"), customer("x"))
            .await
            .expect("link")
    );
    let history = store
        .customer_history("acme", "email", "joana", current, 20)
        .await
        .expect("history");
    assert_eq!(history.conversations.len(), 2, "the linked identity's too");
}

async fn dead_letters_wait_for_replay(fresh: Fresh) {
    let store = &fresh.store;
    let entry = entry(store, "slack", 5).await;
    store
        .dead_letter(&entry, "trap", "it broke")
        .await
        .expect("dead letter");
    let letters = store.dead_letters(10).await.expect("dead letters");
    assert_eq!(letters.len(), 1);
    assert_eq!(
        (letters[0].kind.as_str(), letters[0].reason.as_str()),
        ("trap", "it broke")
    );
    let replayable = store.replayable(0).await.expect("replayable");
    assert_eq!(replayable.len(), 1);
    assert_eq!(replayable[0].1.request.body, entry.request.body);
    assert_eq!(replayable[0].1.request.headers, entry.request.headers);
    store
        .mark_replayed(letters[0].id, 6)
        .await
        .expect("replayed");
    assert!(store.replayable(0).await.expect("replayable").is_empty());
    store
        .set_status(entry.id, LedgerStatus::Received, None)
        .await
        .expect("status");
    assert_eq!(store.unprocessed().await.expect("unprocessed").len(), 1);
}

async fn what_one_store_wrote_the_next_one_reads(fresh: Fresh) {
    let entry = entry(&fresh.store, "slack", 1_000).await;
    fresh
        .store
        .record_messages(&entry, &[message("1", "U1", None, "still there?")])
        .await
        .expect("record");
    let id = fresh.store.pending_messages().await.expect("pending")[0].id;
    fresh
        .store
        .complete_messages(&[completion(
            id,
            triage(Priority::Urgent, "complaint"),
            review("Yes!"),
            2_000,
        )])
        .await
        .expect("complete");

    let restarted = fresh.reopen().await;
    assert_eq!(restarted.counts().await.expect("counts"), (1, 1));
    let inbox = restarted
        .inbox("acme", &InboxFilter::default(), 0)
        .await
        .expect("inbox");
    assert_eq!(inbox[0].priority, Some(Priority::Urgent));
    let detail = restarted
        .conversation("acme", inbox[0].id, 0)
        .await
        .expect("conversation")
        .expect("found");
    assert_eq!(detail.messages[0].message.text, "still there?");
    assert_eq!(detail.messages[0].suggestions[0].suggestion.text, "Yes!");
    // The restarted store appends after what is there.
    let next = restarted
        .append("acme", "slack", 3_000, &entry.request)
        .await
        .expect("append");
    assert!(next > entry.id);
}

fn space(brand: &str, plugin: &str) -> KvNamespace {
    KvNamespace {
        brand: brand.into(),
        plugin: plugin.into(),
    }
}

const QUOTA: KvQuota = KvQuota {
    max_keys: 2,
    max_bytes: 64,
    max_key_bytes: 16,
    max_value_bytes: 32,
};

async fn plugin_entries_survive_a_restart(fresh: Fresh) {
    let chat = space("acme", "chat");
    fresh
        .store
        .kv_set(&chat, "cursor", b"1717430480", &QUOTA)
        .await
        .expect("set");
    fresh
        .store
        .kv_set(&chat, "gone", b"x", &QUOTA)
        .await
        .expect("set");
    fresh.store.kv_delete(&chat, "gone").await.expect("delete");
    let restarted = fresh.reopen().await;
    assert_eq!(
        restarted.kv_get(&chat, "cursor").await.expect("get"),
        Some(b"1717430480".to_vec())
    );
    assert_eq!(restarted.kv_get(&chat, "gone").await.expect("get"), None);
}

async fn a_plugin_over_its_quota_leaves_others_alone(fresh: Fresh) {
    let store = &fresh.store;
    let chat = space("acme", "chat");
    store.kv_set(&chat, "a", b"1", &QUOTA).await.expect("set");
    store.kv_set(&chat, "b", b"2", &QUOTA).await.expect("set");
    assert!(matches!(
        store.kv_set(&chat, "c", b"3", &QUOTA).await,
        Err(StoreError::KvQuota(KvQuotaExceeded::TooManyKeys { max: 2 }))
    ));
    assert!(matches!(
        store.kv_set(&chat, "a", &[0; 40], &QUOTA).await,
        Err(StoreError::KvQuota(KvQuotaExceeded::ValueTooLarge { .. }))
    ));
    assert!(matches!(
        store
            .kv_set(&chat, "a", &[0; 32], &QUOTA)
            .await
            .and(store.kv_set(&chat, "b", &[0; 32], &QUOTA).await),
        Err(StoreError::KvQuota(KvQuotaExceeded::TooManyBytes {
            max: 64
        }))
    ));
    store
        .kv_set(&chat, "a", b"overwritten", &QUOTA)
        .await
        .expect("an overwrite is no new key");
    // Another plugin of the brand, and the same plugin of another brand,
    // have namespaces and quotas of their own.
    for other in [space("acme", "twitter"), space("globex", "chat")] {
        assert_eq!(store.kv_get(&other, "a").await.expect("get"), None);
        store
            .kv_set(&other, "a", b"mine", &QUOTA)
            .await
            .expect("set");
        store
            .kv_set(&other, "c", b"mine", &QUOTA)
            .await
            .expect("set");
    }
    assert_eq!(
        store.kv_get(&chat, "a").await.expect("get"),
        Some(b"overwritten".to_vec())
    );
}
