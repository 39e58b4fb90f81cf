//! Guest initialization happens once, in the host's snapshot, never per event.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chorus_e2e::{first_attribute, load, no_services, runtime, test_guest};
use chorus_host::brand::Brand;
use chorus_host::model::{HttpRequest, ListenOutcome, Message, Suggestion};
use chorus_host::runtime::{Limits, LoadedPlugin, PluginError, Runtime, RuntimeConfig};

async fn init_report(plugin: &LoadedPlugin) -> (String, String, String) {
    let request = HttpRequest {
        method: "POST".into(),
        body: b"init".to_vec(),
        ..HttpRequest::default()
    };
    let outcome = plugin
        .listen(no_services(), &request)
        .await
        .expect("reports");
    let value = |key: &str| first_attribute(&outcome, key);
    (
        value("init.runs"),
        value("init.from-snapshot"),
        value("init.checksum"),
    )
}

#[tokio::test]
async fn init_runs_once_in_the_snapshot_not_per_event() {
    let plugin = load(&test_guest("hostile"), Limits::default()).await;
    assert!(plugin.preinitialized());
    for _event in 0..3 {
        let (runs, from_snapshot, checksum) = init_report(&plugin).await;
        assert_eq!(runs, "1", "init ran again inside an event");
        assert_eq!(
            from_snapshot, "true",
            "the instance did not start from the snapshot"
        );
        assert_ne!(checksum, "0", "the snapshot lost init's work");
    }
}

#[tokio::test]
async fn every_event_starts_from_the_pristine_snapshot() {
    let plugin = load(&test_guest("hostile"), Limits::default()).await;
    // Running init again in one instance must not leak into the next.
    plugin.call_init(no_services()).await.expect("init runs");
    let (runs, _, _) = init_report(&plugin).await;
    assert_eq!(runs, "1");
}

#[tokio::test]
async fn only_a_runtime_that_keeps_instances_carries_state_between_calls() {
    // `keep_instances` is the benchmarks' upper bound: one instance for
    // every call, so init run again in one call shows in the next.
    let kept = Runtime::new(RuntimeConfig {
        keep_instances: true,
        max_concurrent_instances: 4,
        ..RuntimeConfig::default()
    })
    .expect("runtime starts")
    .load_file(&test_guest("hostile"))
    .await
    .expect("loads");
    assert_eq!(init_report(&kept).await.0, "1");
    kept.call_init(no_services()).await.expect("init runs");
    assert_eq!(init_report(&kept).await.0, "2", "the instance was not kept");
    // The default: a fresh instance for every call.
    let fresh = load(&test_guest("hostile"), Limits::default()).await;
    fresh.call_init(no_services()).await.expect("init runs");
    assert_eq!(
        init_report(&fresh).await.0,
        "1",
        "state leaked between calls"
    );
}

#[tokio::test]
async fn a_message_triage_and_suggest_share_one_instance_and_nothing_else_does() {
    let plugin = Arc::new(load(&test_guest("hostile"), Limits::default()).await);
    let context = Brand::example().context(plugin.info().channel_limits());
    // The suggestion says how many calls its instance has served.
    let served = |suggestions: Vec<Suggestion>| suggestions[0].text.clone();
    let calls = listened(&plugin, "calls").await;
    for _message in 0..2 {
        let one = plugin.for_message();
        let triage = one
            .triage(no_services(), &calls, &context)
            .await
            .expect("triage");
        let suggestions = one
            .suggest(no_services(), &calls, &triage, &context)
            .await
            .expect("suggest");
        assert_eq!(
            served(suggestions),
            "calls in this instance: 2",
            "suggest did not run where triage ran, or an earlier message's instance was kept"
        );
    }
    // Apart, each call gets its own instance.
    let triage = plugin
        .triage(no_services(), &calls, &context)
        .await
        .expect("triage");
    let alone = plugin
        .suggest(no_services(), &calls, &triage, &context)
        .await
        .expect("suggest");
    assert_eq!(served(alone), "calls in this instance: 1");
    // A call that fails drops its instance: the next starts fresh.
    let panics = listened(&plugin, "triage-panics").await;
    let one = plugin.for_message();
    let error = one
        .triage(no_services(), &panics, &context)
        .await
        .expect_err("triage panics");
    assert!(matches!(error, PluginError::Trap(_)), "{error:?}");
    let after = one
        .suggest(no_services(), &panics, &triage, &context)
        .await
        .expect("suggest");
    assert_eq!(served(after), "calls in this instance: 1");
}

/// The message `plugin` makes of a request whose body is `text`.
async fn listened(plugin: &LoadedPlugin, text: &str) -> Message {
    let request = HttpRequest {
        method: "POST".into(),
        body: text.as_bytes().to_vec(),
        ..HttpRequest::default()
    };
    match plugin.listen(no_services(), &request).await {
        Ok(ListenOutcome::Messages(mut messages)) => messages.remove(0),
        other => panic!("expected a message, got {other:?}"),
    }
}

#[tokio::test]
async fn a_second_load_comes_from_the_cache() {
    let first = load(&test_guest("hostile"), Limits::default()).await;
    assert!(first.preinitialized());
    let second = load(&test_guest("hostile"), Limits::default()).await;
    assert!(second.from_cache(), "the compiled snapshot was not cached");
    assert_eq!(init_report(&second).await.0, "1");
}

/// Loads the `bad-init-<how>` guest with a 1 s init deadline; returns the
/// load error and how long loading took.
async fn load_bad_init(how: &str) -> (String, Duration) {
    let limits = Limits {
        init_deadline: Duration::from_secs(1),
        ..Limits::default()
    };
    let started = Instant::now();
    let error = runtime(limits)
        .load_file(&test_guest(&format!("bad-init-{how}")))
        .await
        .expect_err("a misbehaving init is refused");
    (error.to_string(), started.elapsed())
}

/// Compiling the component comes before the deadline starts; on a loaded
/// machine it takes a while. What matters is that loading ends.
const BOUND: Duration = Duration::from_secs(60);

#[tokio::test]
async fn an_init_blocked_in_a_host_sleep_times_out_and_says_so() {
    let (error, elapsed) = load_bad_init("sleep").await;
    assert_eq!(error, "init timed out after 1000 ms");
    assert!(elapsed < BOUND, "{elapsed:?}");
}

#[tokio::test]
async fn a_looping_init_times_out_and_says_so() {
    let (error, elapsed) = load_bad_init("spin").await;
    assert_eq!(error, "init timed out after 1000 ms");
    assert!(elapsed < BOUND, "{elapsed:?}");
}

#[tokio::test]
async fn a_panicking_init_is_refused_with_its_message() {
    let (error, _) = load_bad_init("panic").await;
    assert!(error.starts_with("init panicked: "), "{error}");
    assert!(
        error.contains("bad-init panicked on purpose while building its tables"),
        "{error}"
    );
}
