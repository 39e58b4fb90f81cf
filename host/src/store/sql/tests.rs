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
    Completion, InboxFilter, KvNamespace, Lease, LedgerEntry, LedgerStatus, NewReply, NewSession,
    Page, PendingMessage, Recorded, SendOutcome, Store, StoreError, Verdict,
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
    webhooks_recorded_at_once_keep_their_own_outcomes,
    identities_with_one_email_are_one_person,
    dead_letters_wait_for_replay,
    what_one_store_wrote_the_next_one_reads,
    plugin_entries_survive_a_restart,
    a_plugin_over_its_quota_leaves_others_alone,
    hosts_claim_conversations_apart_and_take_over_expired_ones,
    hosts_claiming_at_once_never_share_a_conversation,
    entries_never_listened_to_are_claimed_once_their_host_gave_up,
    inbox_and_dead_letters_page_past_the_first_page,
    replies_are_queued_once_claimed_apart_and_sent_with_their_feedback,
    agent_sessions_expire_end_and_stay_in_their_brand,
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

/// How long the tests' leases last.
const LEASE_MS: i64 = 30_000;

/// A lease for host `owner` taken at `now`.
fn lease(owner: &str, now: Timestamp) -> Lease {
    Lease::new(owner.into(), now, LEASE_MS)
}

/// Claims every pending message for a host at time 0.
async fn claim(store: &SqlStore) -> (Lease, Vec<PendingMessage>) {
    let lease = lease("host-a", 0);
    let pending = store.claim_messages(&lease, 100).await.expect("claim");
    (lease, pending)
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
    let (held, pending) = claim(store).await;
    assert_eq!(pending.len(), 1);
    let id = pending[0].id;

    store
        .complete_messages(
            &held,
            &[completion(
                id,
                triage(Priority::High, "order-status"),
                review("On its way!"),
                9_000,
            )],
        )
        .await
        .expect("complete");
    // Completed again (by a host whose lease had expired): nothing changes.
    store
        .complete_messages(
            &lease("host-b", 0),
            &[completion(
                id,
                triage(Priority::Low, "order-status"),
                review("Another answer"),
                20_000,
            )],
        )
        .await
        .expect("complete again");
    assert!(claim(store).await.1.is_empty());
    let inbox = store
        .inbox("acme", &InboxFilter::default(), &Page::default(), 10_000)
        .await
        .expect("inbox")
        .items;
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
            .inbox("acme", &filtered, &Page::default(), 0)
            .await
            .expect("inbox")
            .items
            .is_empty()
    );
    assert!(
        store
            .inbox("globex", &InboxFilter::default(), &Page::default(), 0)
            .await
            .expect("inbox")
            .items
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
    // Received at 1000: inside a window from 1000, outside one from 1001
    // (when nothing at all was received since).
    for (since, count) in [(1_000, 1), (1_001, 0)] {
        assert_eq!(
            store
                .recent_with_intent("acme", &["order-status"], since)
                .await
                .expect("count"),
            count,
            "since {since}"
        );
    }

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
            .inbox("acme", &resolved, &Page::default(), 0)
            .await
            .expect("inbox")
            .items
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
    let (held, pending) = claim(store).await;
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
        .complete_messages(&lease("host-b", 0), &[])
        .await
        .expect("nothing to store");
    store
        .complete_messages(&held, &completions)
        .await
        .expect("complete");
    assert!(claim(store).await.1.is_empty());
    // As one message at a time: the highest priority and the earliest due
    // time of the conversation's messages, the latest intent.
    let inbox = store
        .inbox("acme", &InboxFilter::default(), &Page::default(), 0)
        .await
        .expect("inbox")
        .items;
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

/// Webhooks recorded at the same time share transactions (group commit),
/// yet each gets its own outcome: a redelivery among them is a duplicate,
/// and an entry that cannot be recorded fails alone.
async fn webhooks_recorded_at_once_keep_their_own_outcomes(fresh: Fresh) {
    let store = &fresh.store;
    let mut entries = Vec::new();
    for n in 0..24 {
        entries.push(entry(store, "slack", n).await);
    }
    let mut broken = entries[5].clone();
    broken.id = 1_000_000; // no such ledger entry
    entries[5] = broken;
    let messages: Vec<Message> = (0..24)
        .map(|n| {
            // Entries 1 and 2 carry the same platform message.
            let id = if n == 2 { 1 } else { n };
            message(&format!("m{id}"), &format!("U{n}"), None, "hello")
        })
        .collect();
    let results = futures_util::future::join_all(
        entries
            .iter()
            .zip(&messages)
            .map(|(entry, message)| store.record_messages(entry, std::slice::from_ref(message))),
    )
    .await;
    for (n, result) in results.iter().enumerate() {
        match n {
            5 => assert!(result.is_err(), "{result:?}"),
            2 => assert!(
                matches!(result.as_deref(), Ok([Recorded::Duplicate { .. }])),
                "{result:?}"
            ),
            _ => assert!(
                matches!(result.as_deref(), Ok([Recorded::New])),
                "{n}: {result:?}"
            ),
        }
    }
    assert_eq!(store.counts().await.expect("counts"), (24, 22));
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
    let current = claim(store).await.1[1].conversation_id;
    let history = store
        .customer_history("acme", "email", "joana", current, 20)
        .await
        .expect("history");
    assert_eq!(history.conversations.len(), 1);
    assert_eq!(history.conversations[0].summary, "first");
    assert_eq!(history.open, 1);
    let detail = store
        .conversation("acme", current, 0)
        .await
        .expect("conversation")
        .expect("found");
    let linked: Vec<&str> = detail
        .identities
        .iter()
        .map(|c| c.channel.as_str())
        .collect();
    assert_eq!(linked, ["slack"], "the email customer is also on Slack");

    let inbox = store
        .inbox("acme", &InboxFilter::default(), &Page::default(), 0)
        .await
        .expect("inbox")
        .items;
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
    let letters = store
        .dead_letters(&Page::default())
        .await
        .expect("dead letters")
        .items;
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
    let (held, pending) = claim(&fresh.store).await;
    fresh
        .store
        .complete_messages(
            &held,
            &[completion(
                pending[0].id,
                triage(Priority::Urgent, "complaint"),
                review("Yes!"),
                2_000,
            )],
        )
        .await
        .expect("complete");

    let restarted = fresh.reopen().await;
    assert_eq!(restarted.counts().await.expect("counts"), (1, 1));
    let inbox = restarted
        .inbox("acme", &InboxFilter::default(), &Page::default(), 0)
        .await
        .expect("inbox")
        .items;
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

/// Records one message in each of `threads` (a conversation each) and
/// returns the conversations' ids in order.
async fn open_threads(store: &SqlStore, threads: usize) -> Vec<i64> {
    let entry = entry(store, "slack", 1_000).await;
    let messages: Vec<Message> = (0..threads)
        .map(|i| {
            let mut message = message(&format!("m{i}"), &format!("U{i}"), None, "help");
            message.thread_id = Some(format!("T{i}"));
            message
        })
        .collect();
    store
        .record_messages(&entry, &messages)
        .await
        .expect("record");
    let (_, pending) = claim_as(store, "observer", -LEASE_MS * 10).await;
    pending.iter().map(|m| m.conversation_id).collect()
}

/// Claims every conversation it can for `owner` at `now`.
async fn claim_as(store: &SqlStore, owner: &str, now: Timestamp) -> (Lease, Vec<PendingMessage>) {
    let lease = lease(owner, now);
    let pending = store.claim_messages(&lease, 100).await.expect("claim");
    (lease, pending)
}

async fn hosts_claim_conversations_apart_and_take_over_expired_ones(fresh: Fresh) {
    let store = &fresh.store;
    let conversations = open_threads(store, 2).await;
    // (The observer's claim above expired long before 0.)
    let a = lease("host-a", 0);
    let claimed_a = store.claim_messages(&a, 1).await.expect("claim");
    assert_eq!(claimed_a.len(), 1);
    assert_eq!(
        claimed_a[0].conversation_id, conversations[0],
        "oldest first"
    );
    let (_, claimed_b) = claim_as(store, "host-b", 1).await;
    assert_eq!(
        claimed_b
            .iter()
            .map(|m| m.conversation_id)
            .collect::<Vec<_>>(),
        [conversations[1]],
        "host B gets only what host A does not hold"
    );
    assert!(claim_as(store, "host-c", 2).await.1.is_empty(), "all held");

    // Host A stalls past its lease: host C takes its conversation over.
    let (c, claimed_c) = claim_as(store, "host-c", a.until() + 1).await;
    assert_eq!(claimed_c.len(), 1);
    assert_eq!(claimed_c[0].id, claimed_a[0].id);
    let answer = |text: &str| {
        [completion(
            claimed_a[0].id,
            triage(Priority::High, "order-status"),
            review(text),
            9_000,
        )]
    };
    store
        .complete_messages(&c, &answer("from host C"))
        .await
        .expect("C completes");
    // Host A wakes up and completes it too: stored once, C's answer stands.
    store
        .complete_messages(&a, &answer("from host A"))
        .await
        .expect("A completes late");
    let detail = store
        .conversation("acme", conversations[0], 0)
        .await
        .expect("conversation")
        .expect("found");
    let texts: Vec<&str> = detail.messages[0]
        .suggestions
        .iter()
        .map(|s| s.suggestion.text.as_str())
        .collect();
    assert_eq!(texts, ["from host C"]);
    // C's completion ended its lease; A's (long lost) ended nothing of C's.
    let mut more = message("m9", "U0", None, "and again");
    more.thread_id = Some("T0".into());
    let next = entry(store, "slack", 2_000).await;
    store.record_messages(&next, &[more]).await.expect("record");
    let (_, claimed) = claim_as(store, "host-b", 2).await;
    assert_eq!(
        claimed
            .iter()
            .map(|m| m.conversation_id)
            .collect::<Vec<_>>(),
        [conversations[0]],
        "conversation 0 is free again; conversation 1 is still B's"
    );
}

async fn hosts_claiming_at_once_never_share_a_conversation(fresh: Fresh) {
    let store = &fresh.store;
    let conversations = open_threads(store, 40).await;
    let claims = (0..8).map(|host| {
        let store = store.clone();
        tokio::spawn(async move {
            let lease = lease(&format!("host-{host}"), 0);
            store.claim_messages(&lease, 7).await.expect("claim")
        })
    });
    let mut claimed: Vec<i64> = Vec::new();
    for claim in futures_util::future::join_all(claims).await {
        claimed.extend(claim.expect("joins").iter().map(|m| m.conversation_id));
    }
    claimed.sort_unstable();
    let mut unique = claimed.clone();
    unique.dedup();
    assert_eq!(claimed, unique, "no conversation claimed twice");
    assert_eq!(
        claimed.len(),
        conversations.len(),
        "8 × 7 claims cover all 40"
    );
}

async fn entries_never_listened_to_are_claimed_once_their_host_gave_up(fresh: Fresh) {
    let store = &fresh.store;
    let entry = entry(store, "slack", 1_000).await;
    // Its host may still be listening to it for a lease's duration.
    let early = lease("host-b", 1_000 + LEASE_MS - 1);
    assert!(
        store
            .claim_unlistened(&early, 10)
            .await
            .expect("claim")
            .is_empty()
    );
    let b = lease("host-b", 1_000 + LEASE_MS + 1);
    let claimed = store.claim_unlistened(&b, 10).await.expect("claim");
    assert_eq!(claimed.len(), 1);
    assert_eq!(claimed[0].id, entry.id);
    assert_eq!(claimed[0].request.body, entry.request.body);
    let c = lease("host-c", b.now + 1);
    assert!(
        store
            .claim_unlistened(&c, 10)
            .await
            .expect("claim")
            .is_empty(),
        "host B holds it"
    );
    // B dies too: C takes it once B's lease expires.
    let c = lease("host-c", b.until() + 1);
    assert_eq!(
        store.claim_unlistened(&c, 10).await.expect("claim").len(),
        1
    );
    // Listened to: no one claims it again.
    store
        .record_messages(&claimed[0], &[message("1", "U1", None, "hello")])
        .await
        .expect("record");
    let d = lease("host-d", c.until() + 1);
    assert!(
        store
            .claim_unlistened(&d, 10)
            .await
            .expect("claim")
            .is_empty()
    );
}

async fn inbox_and_dead_letters_page_past_the_first_page(fresh: Fresh) {
    let store = &fresh.store;
    open_threads(store, 5).await;
    // Due times 5000, none, 3000, 3000, none: the order is 3000 (twice, by
    // id), 5000, then the two with none, by id.
    let (held, pending) = claim(store).await;
    let completions: Vec<Completion> = pending
        .iter()
        .zip([Some(5_000), None, Some(3_000), Some(3_000), None])
        .filter_map(|(message, due)| {
            due.map(|due| completion(message.id, triage(Priority::Normal, "q"), review("ok"), due))
        })
        .collect();
    store
        .complete_messages(&held, &completions)
        .await
        .expect("complete");
    let ids: Vec<i64> = pending.iter().map(|m| m.conversation_id).collect();
    let all = store
        .inbox("acme", &InboxFilter::default(), &Page::default(), 0)
        .await
        .expect("inbox");
    assert_eq!(all.next, None, "one page holds them all");
    let order: Vec<i64> = all.items.iter().map(|c| c.id).collect();
    assert_eq!(order, [ids[2], ids[3], ids[0], ids[1], ids[4]]);

    let mut paged = Vec::new();
    let mut after = None;
    for expected in [2, 2, 1] {
        let page = Page::new(after, 2).expect("page");
        let found = store
            .inbox("acme", &InboxFilter::default(), &page, 0)
            .await
            .expect("inbox");
        assert_eq!(found.items.len(), expected);
        paged.extend(found.items.iter().map(|c| c.id));
        after = found.next;
    }
    assert_eq!(paged, order, "pages in the same order, nothing twice");
    assert_eq!(after, None, "the last page has no cursor");

    for i in 0..3 {
        let entry = entry(store, "slack", 1_000 + i).await;
        store
            .dead_letter(&entry, "signature", "bad signature")
            .await
            .expect("dead letter");
    }
    let first = store
        .dead_letters(&Page::new(None, 2).expect("page"))
        .await
        .expect("dead letters");
    assert_eq!(first.items.len(), 2);
    let rest = store
        .dead_letters(&Page::new(first.next, 2).expect("page"))
        .await
        .expect("dead letters");
    assert_eq!(rest.items.len(), 1);
    assert_eq!(rest.next, None);
    assert!(first.items[1].id > rest.items[0].id, "newest first");
}

/// A conversation of `acme` with one triaged message and one suggestion:
/// (conversation id, message id, suggestion id).
async fn answered_conversation(store: &SqlStore) -> (i64, i64, i64) {
    let entry = entry(store, "slack", 1_000).await;
    store
        .record_messages(&entry, &[message("r1", "U9", None, "is my order late?")])
        .await
        .expect("record");
    let (held, pending) = claim(store).await;
    let completions = [completion(
        pending[0].id,
        triage(Priority::Normal, "delivery"),
        review("It ships today."),
        9_000,
    )];
    store
        .complete_messages(&held, &completions)
        .await
        .expect("complete");
    let detail = store
        .conversation("acme", pending[0].conversation_id, 2_000)
        .await
        .expect("conversation")
        .expect("found");
    (
        detail.summary.id,
        detail.messages[0].id,
        detail.messages[0].suggestions[0].id,
    )
}

async fn replies_are_queued_once_claimed_apart_and_sent_with_their_feedback(fresh: Fresh) {
    let store = &fresh.store;
    let (conversation, message, suggestion) = answered_conversation(store).await;
    let reply = |key: &str, text: &str, suggestion_id: Option<i64>| NewReply {
        conversation_id: conversation,
        message_id: message,
        suggestion_id,
        text: text.into(),
        idempotency_key: key.into(),
        now: 3_000,
    };
    let queued = store
        .queue_reply(
            "acme",
            &reply("k1", "It ships today, Joana.", Some(suggestion)),
        )
        .await
        .expect("queue")
        .expect("the brand's conversation");
    assert_eq!((queued.status.as_str(), queued.attempts), ("queued", 0));
    let again = store
        .queue_reply("acme", &reply("k1", "another text", None))
        .await
        .expect("queue")
        .expect("found");
    assert_eq!(again, queued, "one key queues one reply");
    assert!(
        store
            .queue_reply("globex", &reply("k2", "hi", None))
            .await
            .expect("queue")
            .is_none(),
        "another brand's conversation"
    );
    assert_eq!(store.next_send_due().await.expect("due"), Some(3_000));

    // Two hosts claim at once: one gets the reply.
    let (a, b) = (lease("host-a", 3_000), lease("host-b", 3_000));
    let (mine, theirs) = tokio::join!(store.claim_sends(&a, 10), store.claim_sends(&b, 10));
    let (mine, theirs) = (mine.expect("claim"), theirs.expect("claim"));
    assert_eq!(mine.len() + theirs.len(), 1, "{mine:?} {theirs:?}");
    let (holder, job) = match mine.first() {
        Some(job) => (&a, job.clone()),
        None => (&b, theirs[0].clone()),
    };
    assert_eq!(job.message.external_id, "r1");
    assert_eq!(job.channel, "slack");

    // A failure to retry at 5000: not due before, claimable then (its lease
    // is freed), by another host.
    let retry = SendOutcome::Retry {
        progress: 0,
        next_at: 5_000,
        reason: "HTTP 503".into(),
    };
    store
        .finish_send(holder, &job, &retry)
        .await
        .expect("finish");
    assert!(
        store
            .claim_sends(&lease("host-c", 4_999), 10)
            .await
            .expect("claim")
            .is_empty()
    );
    let later = lease("host-c", 5_000);
    let jobs = store.claim_sends(&later, 10).await.expect("claim");
    assert_eq!((jobs.len(), jobs[0].attempts), (1, 1));
    // The first host, whose lease is gone, cannot record over the second.
    store
        .finish_send(
            holder,
            &job,
            &SendOutcome::Failed {
                progress: 0,
                reason: "late".into(),
            },
        )
        .await
        .expect("finish");
    let sent = SendOutcome::Sent {
        platform_id: Some("1700000000.000100".into()),
        at: 5_100,
    };
    store
        .finish_send(&later, &jobs[0], &sent)
        .await
        .expect("finish");
    assert_eq!(store.next_send_due().await.expect("due"), None);

    let detail = store
        .conversation("acme", conversation, 20_000)
        .await
        .expect("conversation")
        .expect("found");
    let shown = &detail.replies[0];
    assert_eq!(shown.status, "sent");
    assert_eq!(shown.attempts, 2);
    assert_eq!(shown.platform_id.as_deref(), Some("1700000000.000100"));
    assert_eq!(shown.sent_at, Some(5_100));
    assert_eq!(shown.error, None, "a sent reply shows no failure");
    assert_eq!(detail.summary.first_response_at, Some(5_100));
    assert!(
        !detail.summary.overdue,
        "due at 9000, answered at 5100, seen at 20000"
    );
    assert_eq!(
        detail.messages[0].suggestions[0].feedback,
        Some(Verdict::Edited {
            final_text: "It ships today, Joana.".into()
        }),
        "sent after editing"
    );
}

async fn agent_sessions_expire_end_and_stay_in_their_brand(fresh: Fresh) {
    let store = &fresh.store;
    let ana = store
        .put_agent("acme", "ana@acme.example", "Ana", "$argon2id$hash-1", 0)
        .await
        .expect("agent");
    let gus = store
        .put_agent(
            "globex",
            "ana@acme.example",
            "Ana at Globex",
            "$argon2id$hash-2",
            0,
        )
        .await
        .expect("agent");
    assert_ne!(ana, gus, "one email, two brands, two agents");
    let login = store
        .agent_login("acme", "ana@acme.example")
        .await
        .expect("login")
        .expect("found");
    assert_eq!(
        (login.id, login.password_hash.as_str()),
        (ana, "$argon2id$hash-1")
    );
    assert!(
        store
            .agent_login("acme", "nobody@acme.example")
            .await
            .expect("login")
            .is_none()
    );
    let open = |token: &str, agent: i64| NewSession {
        token_hash: token.into(),
        agent_id: agent,
        csrf: format!("csrf-{token}"),
        now: 0,
        expires_at: 1_000,
    };
    store.open_session(&open("t1", ana)).await.expect("open");
    let session = store
        .session("t1", 999)
        .await
        .expect("session")
        .expect("open");
    assert_eq!(
        (session.brand.as_str(), session.name.as_str()),
        ("acme", "Ana")
    );
    assert_eq!(session.csrf, "csrf-t1");
    assert!(
        store.session("t1", 1_000).await.expect("session").is_none(),
        "expired"
    );
    store.open_session(&open("t2", ana)).await.expect("open");
    store.end_session("t2", 0).await.expect("end");
    assert!(
        store.session("t2", 1).await.expect("session").is_none(),
        "signed out"
    );
    // Work on a conversation stays in its brand.
    let (conversation, _, _) = answered_conversation(store).await;
    assert!(
        store
            .assign("acme", conversation, Some(ana))
            .await
            .expect("assign")
    );
    assert!(
        !store
            .assign("acme", conversation, Some(gus))
            .await
            .expect("assign"),
        "another brand's agent"
    );
    assert!(
        !store
            .assign("globex", conversation, Some(gus))
            .await
            .expect("assign"),
        "another brand's conversation"
    );
    assert!(
        store
            .add_label("acme", conversation, "zip-repair")
            .await
            .expect("label")
    );
    assert!(
        store
            .add_label("acme", conversation, "zip-repair")
            .await
            .expect("label"),
        "once"
    );
    assert!(
        !store
            .add_label("globex", conversation, "spam")
            .await
            .expect("label")
    );
    assert!(
        store
            .add_note("acme", conversation, ana, "courier it", 7)
            .await
            .expect("note")
    );
    assert!(
        !store
            .add_note("acme", conversation, gus, "hi", 7)
            .await
            .expect("note"),
        "another brand's agent"
    );
    let detail = store
        .conversation("acme", conversation, 10)
        .await
        .expect("detail")
        .expect("found");
    assert_eq!(
        detail.summary.assignee.as_ref().map(|a| a.name.as_str()),
        Some("Ana")
    );
    assert_eq!(detail.summary.labels, ["zip-repair"]);
    assert_eq!(detail.notes.len(), 1);
    assert_eq!(detail.notes[0].agent_name, "Ana");
    let mine = InboxFilter {
        label: Some("zip-repair".into()),
        assignee: Some(crate::store::Assignee::Agent(ana)),
        ..InboxFilter::default()
    };
    let page = Page::default();
    assert_eq!(
        store
            .inbox("acme", &mine, &page, 10)
            .await
            .expect("inbox")
            .items
            .len(),
        1
    );
    let nobody = InboxFilter {
        assignee: Some(crate::store::Assignee::Nobody),
        ..InboxFilter::default()
    };
    assert!(
        store
            .inbox("acme", &nobody, &page, 10)
            .await
            .expect("inbox")
            .items
            .is_empty()
    );

    // A new password ends the agent's sessions.
    store.open_session(&open("t3", ana)).await.expect("open");
    store
        .put_agent("acme", "ana@acme.example", "Ana R", "$argon2id$hash-3", 5)
        .await
        .expect("agent");
    assert!(store.session("t3", 1).await.expect("session").is_none());
}
