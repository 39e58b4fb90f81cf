//! The sandbox's limits against a guest that misbehaves on purpose: each
//! misbehaviour becomes a typed error within the deadline, and the very next
//! call on a healthy plugin succeeds.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chorus_e2e::{first_attribute, fixture, load, no_services, plugin, test_guest};
use chorus_host::model::{HttpRequest, ListenOutcome};
use chorus_host::runtime::{Grants, InMemoryServices, Limits, LoadedPlugin, PluginError};

const DEADLINE: Duration = Duration::from_millis(100);

/// Generous: CI machines are slow and shared; what matters is "bounded".
const MARGIN: Duration = Duration::from_millis(900);

fn limits() -> Limits {
    Limits {
        deadline: DEADLINE,
        ..Limits::default()
    }
}

/// For what the host refuses rather than when: building a 30 MB query
/// inside the guest takes a while on a loaded machine.
fn generous() -> Limits {
    Limits {
        deadline: Duration::from_secs(5),
        ..Limits::default()
    }
}

fn request(body: &str) -> HttpRequest {
    HttpRequest {
        method: "POST".into(),
        body: body.as_bytes().to_vec(),
        ..HttpRequest::default()
    }
}

/// Runs `command` on the hostile guest, checks the elapsed time, then proves
/// a healthy plugin (chat) still answers.
async fn misbehave(command: &str) -> PluginError {
    let hostile = load(&test_guest("hostile"), limits()).await;
    let started = Instant::now();
    let result = hostile.listen(no_services(), &request(command)).await;
    let elapsed = started.elapsed();
    assert!(elapsed < DEADLINE + MARGIN, "`{command}` took {elapsed:?}");
    let error = result.expect_err(&format!("`{command}` must fail"));
    assert_next_call_succeeds(&hostile).await;
    error
}

async fn assert_next_call_succeeds(hostile: &LoadedPlugin) {
    let outcome = hostile
        .listen(no_services(), &request("hello"))
        .await
        .expect("the same plugin answers the next call");
    assert!(matches!(outcome, ListenOutcome::Messages(m) if m[0].text == "hello"));
    let chat = load(&plugin("chat"), limits()).await;
    let body = std::fs::read(fixture("slack/url-verification.json")).expect("fixture");
    let outcome = chat
        .listen(
            no_services(),
            &HttpRequest {
                method: "POST".into(),
                body,
                ..HttpRequest::default()
            },
        )
        .await
        .expect("a healthy plugin answers");
    assert!(matches!(outcome, ListenOutcome::Respond(r) if r.status == 200));
}

#[tokio::test]
async fn an_infinite_loop_times_out() {
    assert_eq!(
        misbehave("loop").await,
        PluginError::Timeout {
            deadline_ms: DEADLINE.as_millis() as u64
        }
    );
}

#[tokio::test]
async fn a_blocking_host_sleep_times_out() {
    assert_eq!(
        misbehave("sleep").await,
        PluginError::Timeout {
            deadline_ms: DEADLINE.as_millis() as u64
        }
    );
}

#[tokio::test]
async fn a_huge_allocation_is_out_of_memory() {
    let error = misbehave("alloc").await;
    assert_eq!(
        error,
        PluginError::OutOfMemory {
            cap_bytes: Limits::default().max_memory_bytes as u64
        }
    );
}

#[tokio::test]
async fn a_panic_is_a_trap_with_the_message() {
    match misbehave("panic").await {
        PluginError::Trap(message) => assert!(message.contains("panicked on purpose"), "{message}"),
        other => panic!("expected a trap, got {other:?}"),
    }
}

#[tokio::test]
async fn deep_recursion_is_a_trap() {
    match misbehave("recurse").await {
        PluginError::Trap(message) => assert!(message.contains("stack"), "{message}"),
        other => panic!("expected a trap, got {other:?}"),
    }
}

#[tokio::test]
async fn too_many_messages_is_bad_output() {
    match misbehave("huge-count").await {
        PluginError::BadOutput(message) => assert!(message.contains("message count"), "{message}"),
        other => panic!("expected bad output, got {other:?}"),
    }
}

#[tokio::test]
async fn a_huge_text_is_bad_output() {
    match misbehave("huge-text").await {
        PluginError::BadOutput(message) => assert!(message.contains("message text"), "{message}"),
        other => panic!("expected bad output, got {other:?}"),
    }
}

#[tokio::test]
async fn host_calls_are_refused_before_any_work_when_undeclared_or_over_their_caps() {
    let hostile = load(&test_guest("hostile"), generous()).await;
    // The secret exists: `secrets` is refused because it was not declared.
    let services =
        Arc::new(InMemoryServices::new().with_secret("slack-signing-secret", b"shh".to_vec()));
    let outcome = hostile
        .listen(services, &request("host-calls"))
        .await
        .expect("refusals are answers, not failures");
    let attribute = |key| first_attribute(&outcome, key);
    assert_eq!(attribute("secrets"), "not-permitted");
    // So is contract 0.2's `hmac-sha1`, under the same capability.
    assert_eq!(attribute("secrets.sha1"), "not-permitted");
    assert_eq!(attribute("history"), "not-permitted");
    assert_eq!(attribute("kv.big-key"), "limit");
    assert_eq!(attribute("kv.small-key"), "ok: ");
    assert_eq!(attribute("knowledge.big-query"), "limit");
    // One `kv` call was spent on the small key.
    let budget = Limits::default().host_calls.max_calls_per_capability as usize;
    assert_eq!(
        attribute("kv.reads-refused"),
        (1_000 - (budget - 1)).to_string()
    );
    assert_next_call_succeeds(&hostile).await;
}

#[tokio::test]
async fn an_operator_can_deny_a_declared_capability() {
    let hostile = load(&test_guest("hostile"), generous()).await;
    let services = Arc::new(InMemoryServices::new().with_denied(Grants::from_names(["kv"])));
    let outcome = hostile
        .listen(services, &request("host-calls"))
        .await
        .expect("refusals are answers");
    assert_eq!(first_attribute(&outcome, "kv.small-key"), "not-permitted");
    assert_eq!(first_attribute(&outcome, "knowledge.big-query"), "limit");
}

#[tokio::test]
async fn a_guest_exit_is_named_without_a_backtrace() {
    match misbehave("exit").await {
        PluginError::Trap(message) => {
            assert!(message.contains("called exit(0)"), "{message}");
            assert!(!message.contains("backtrace"), "{message}");
        }
        other => panic!("expected a trap, got {other:?}"),
    }
}

#[tokio::test]
async fn a_handshake_status_outside_200_to_599_is_bad_output() {
    for status in ["0", "1", "101", "600", "999"] {
        match misbehave(&format!("respond:{status}")).await {
            PluginError::BadOutput(message) => {
                assert!(message.contains("outside 200-599"), "{message}")
            }
            other => panic!("status {status}: expected bad output, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn fuel_limits_are_enforced_when_configured() {
    let hostile = load(
        &test_guest("hostile"),
        Limits {
            fuel: Some(1_000_000),
            deadline: Duration::from_secs(10),
            ..Limits::default()
        },
    )
    .await;
    let error = hostile
        .listen(no_services(), &request("loop"))
        .await
        .expect_err("runs out");
    assert_eq!(error, PluginError::OutOfFuel);
}

#[tokio::test]
async fn the_sandbox_has_no_env_args_or_files() {
    let hostile = load(&test_guest("hostile"), limits()).await;
    let outcome = hostile
        .listen(no_services(), &request("sandbox"))
        .await
        .expect("reports");
    let value = |key: &str| first_attribute(&outcome, key);
    assert_eq!(value("env.count"), "0");
    assert_eq!(value("args.count"), "0");
    assert!(
        value("fs.root").starts_with("error"),
        "{}",
        value("fs.root")
    );
    assert!(value("fs.dot").starts_with("error"), "{}", value("fs.dot"));
}
