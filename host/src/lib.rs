//! The Chorus host: loads sandboxed WebAssembly channel plugins and runs
//! them on inbound events.
//!
//! - [`runtime`]: the wasmtime engine, pre-initialized plugins, a fresh
//!   limited sandbox per call, typed errors.
//! - [`pipeline`]: listen → triage → listening rules → incidents → suggest →
//!   voice gate, the one path of the server, the CLI, replay and eval.
//! - [`listening`] and [`incident`]: the brand's listening rules and outage bursts.
//! - [`fixtures`]: golden fixtures, run and compared (`chorus plugin test`).
//! - [`brand`]: the brand model, one for the CLI and the server: who the
//!   brand is, its voice, rules, SLA targets, channels and their host services.
//! - [`sla`]: first-response due times in the brand's business hours.
//! - [`model`]: the host's data model, shared by the CLI, store and API.
//! - [`outbound`]: replies sent through their channel: allowlists, secrets
//!   filled by the host, HTTP and SMTP, backoff.
//! - [`review`]: the voice gate: every suggestion linted, fixed, scored and ranked.
//! - [`store`]: the system of record (ledger, dead letters, inbox), SQLite by default.
//! - [`server`]: `chorus serve`: webhooks, inbox and feedback over HTTP.

pub mod brand;
pub mod clock;
pub mod fixtures;
pub mod incident;
pub mod listening;
pub mod manifest;
pub mod model;
pub mod outbound;
pub mod pipeline;
pub mod review;
pub mod runtime;
pub mod server;
pub mod sla;
pub mod store;
