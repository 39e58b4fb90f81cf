//! Distinct, signed Slack DM events: the chat plugin's `message-im`
//! fixture with its ids, author and text varied per event, signed as Slack
//! signs (`v0` HMAC-SHA256 of `v0:<timestamp>:<body>`).

use std::path::Path;

use serde_json::Value;

/// The signing secret the bench server is configured with.
pub const SECRET: &str = "bench-slack-signing-secret";

/// Customers writing in: each has a DM channel (a conversation) of their
/// own, so messages of one conversation arrive while others are processed.
const CUSTOMERS: usize = 200;

/// Longest text taken from the eval set (a Slack DM, not an email thread).
const MAX_TEXT: usize = 600;

/// Makes event number `i`, signed at send time.
#[derive(Debug)]
pub struct Events {
    template: Value,
    texts: Vec<String>,
    brands: usize,
}

impl Events {
    /// The fixture and the acme messages of the triage eval set as texts.
    pub fn load(root: &Path) -> anyhow::Result<Self> {
        let template = serde_json::from_slice(&std::fs::read(
            root.join("tests/fixtures/slack/message-im.json"),
        )?)?;
        let data = std::fs::read_to_string(root.join("tests/data/triage-eval.jsonl"))?;
        let mut texts = Vec::new();
        for line in data.lines() {
            let row: Value = serde_json::from_str(line)?;
            if let (Some("acme"), Some(text)) = (row["brand"].as_str(), row["text"].as_str())
                && text.len() <= MAX_TEXT
            {
                texts.push(text.to_owned());
            }
        }
        anyhow::ensure!(!texts.is_empty(), "no acme texts in the eval set");
        Ok(Self {
            template,
            texts,
            brands: 1,
        })
    }

    /// The same events spread over `brands` brands in turn (see
    /// [`super::server::brand_id`]).
    pub fn over_brands(&self, brands: usize) -> Self {
        Self {
            template: self.template.clone(),
            texts: self.texts.clone(),
            brands: brands.max(1),
        }
    }

    /// Where event `i` is posted: its brand's Slack webhook.
    pub fn path(&self, i: usize) -> String {
        format!(
            "/v1/brands/{}/channels/slack/events",
            super::server::brand_id(i % self.brands)
        )
    }

    /// Event `i`'s body: its own event id and message timestamp, customer
    /// `i % CUSTOMERS` in their DM channel, a text of the eval set.
    pub fn body(&self, i: usize) -> anyhow::Result<Vec<u8>> {
        let mut event = self.template.clone();
        let customer = i % CUSTOMERS;
        let ts = format!("{}.{:06}", 1_700_000_000 + i / 1_000_000, i % 1_000_000);
        event["event_id"] = format!("EvBENCH{i:010}").into();
        let message = &mut event["event"];
        message["user"] = format!("UBENCH{customer:04}").into();
        message["channel"] = format!("DBENCH{customer:04}").into();
        message["ts"] = ts.clone().into();
        message["event_ts"] = ts.into();
        message["text"] = self.texts[i % self.texts.len()].clone().into();
        Ok(serde_json::to_vec(&event)?)
    }
}

/// Slack's headers for `body`, signed now.
pub fn signed_headers(body: &[u8]) -> Vec<(String, String)> {
    let timestamp = chorus_host::clock::now() / 1000;
    let mut base = format!("v0:{timestamp}:").into_bytes();
    base.extend_from_slice(body);
    let mac = chorus_host::runtime::services::hmac_sha256(SECRET.as_bytes(), &base);
    let hex: String = mac.iter().map(|b| format!("{b:02x}")).collect();
    vec![
        ("content-type".to_owned(), "application/json".to_owned()),
        (
            "x-slack-request-timestamp".to_owned(),
            timestamp.to_string(),
        ),
        ("x-slack-signature".to_owned(), format!("v0={hex}")),
    ]
}
