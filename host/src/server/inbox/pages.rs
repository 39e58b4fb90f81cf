//! The inbox's pages, rendered on the server with `maud` (escaped by
//! construction). Markup is plain HTML with labels, landmarks and a visible
//! focus; the script (`assets/inbox.js`) adds live updates, the editor's
//! lint and keyboard shortcuts, and every page works without it.

use std::collections::BTreeMap;

use maud::{DOCTYPE, Markup, html};

use crate::model::Timestamp;
use crate::store::{
    AgentSession, Assignee, Colleague, ConversationDetail, ConversationSummary, InboxFilter, word,
};

/// A page: head, skip link, header with the agent and sign-out, content.
fn page(title: &str, session: Option<&AgentSession>, brand: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                @if let Some(session) = session {
                    meta name="csrf-token" content=(session.csrf);
                }
                title { (title) " · Chorus inbox" }
                link rel="stylesheet" href="/inbox/assets/inbox.css";
                script src="/inbox/assets/inbox.js" defer {}
            }
            body {
                a.skip href="#main" { "Skip to content" }
                header.top {
                    a.brand href="/inbox" { "Chorus" @if !brand.is_empty() { " · " (brand) } }
                    @if let Some(session) = session {
                        span.who { "Signed in as " (session.name) }
                        form.inline method="post" action="/inbox/logout" {
                            input type="hidden" name="csrf" value=(session.csrf);
                            button type="submit" { "Sign out" }
                        }
                    }
                }
                main id="main" { (body) }
            }
        }
    }
}

/// The sign-in page, with why the last attempt failed.
pub fn login(error: Option<&str>, brand: &str, email: &str) -> Markup {
    page(
        "Sign in",
        None,
        "",
        html! {
            h1 { "Sign in to the inbox" }
            @if let Some(error) = error {
                p.error role="alert" id="login-error" { (error) }
            }
            form.login method="post" action="/inbox/login" {
                label for="brand" { "Brand" }
                input id="brand" name="brand" required autocomplete="organization" value=(brand);
                label for="email" { "Email" }
                input id="email" name="email" type="email" required autocomplete="username" value=(email);
                label for="password" { "Password" }
                input id="password" name="password" type="password" required autocomplete="current-password";
                button type="submit" { "Sign in" }
            }
        },
    )
}

/// The queue and its counts.
#[derive(Debug)]
pub struct Queue {
    rows: Vec<ConversationSummary>,
    /// (filter name, value) → conversations of the status shown.
    counts: BTreeMap<(&'static str, String), usize>,
    total: usize,
    filter: InboxFilter,
    /// The agent looking.
    me: i64,
    now: Timestamp,
}

impl Queue {
    /// `rows` as the filter selects them, counted over `every` conversation
    /// of the same status.
    pub fn new(
        rows: Vec<ConversationSummary>,
        every: &[ConversationSummary],
        filter: InboxFilter,
        me: i64,
        now: Timestamp,
    ) -> Self {
        let mut counts = BTreeMap::new();
        for c in every {
            let assignee = match &c.assignee {
                Some(a) if a.id == me => "me".to_owned(),
                Some(a) => a.id.to_string(),
                None => "none".to_owned(),
            };
            let keys = [
                ("channel", Some(c.channel.clone())),
                ("priority", c.priority.map(|p| word(&p))),
                ("route", c.route.map(|r| word(&r))),
                ("assignee", Some(assignee)),
            ];
            let labels = c.labels.iter().map(|l| ("label", Some(l.clone())));
            for (name, value) in keys.into_iter().chain(labels) {
                if let Some(value) = value {
                    *counts.entry((name, value)).or_insert(0) += 1;
                }
            }
        }
        Self {
            rows,
            counts,
            total: every.len(),
            filter,
            me,
            now,
        }
    }
}

/// The queue page.
pub fn queue(session: &AgentSession, brand: &str, queue: &Queue) -> Markup {
    page(
        "Queue",
        Some(session),
        brand,
        html! {
            h1 { "Queue" }
            p.hint { "Ordered by first-response due time. Keys: " kbd { "j" } " / " kbd { "k" } " move, " kbd { "Enter" } " opens." }
            div id="queue" data-live="rows" { (queue_body(queue)) }
        },
    )
}

/// The filters with their counts and the rows: what a live refresh
/// replaces.
pub fn queue_body(queue: &Queue) -> Markup {
    let status = queue.filter.status.as_deref().unwrap_or("open");
    let link = |name: &str, value: &str| format!("/inbox?status={status}&{name}={value}");
    let chosen = |name: &str, value: &str| match name {
        "channel" => queue.filter.channel.as_deref() == Some(value),
        "priority" => queue.filter.priority.map(|p| word(&p)).as_deref() == Some(value),
        "label" => queue.filter.label.as_deref() == Some(value),
        "assignee" => match queue.filter.assignee {
            Some(Assignee::Agent(id)) if id == queue.me => value == "me",
            Some(Assignee::Agent(id)) => value == id.to_string(),
            Some(Assignee::Nobody) => value == "none",
            None => false,
        },
        _ => queue.filter.route.map(|r| word(&r)).as_deref() == Some(value),
    };
    let unfiltered = queue.filter.channel.is_none()
        && queue.filter.priority.is_none()
        && queue.filter.route.is_none()
        && queue.filter.label.is_none()
        && queue.filter.assignee.is_none();
    html! {
        nav.filters aria-label="Filters" {
            a href={"/inbox?status=" (status)} aria-current=[unfiltered.then_some("true")] {
                "All " span.count { (queue.total) }
            }
            @for ((name, value), count) in &queue.counts {
                a href=(link(name, value)) aria-current=[chosen(name, value).then_some("true")] {
                    (name) ": " (value) " " span.count { (count) }
                }
            }
            a href="/inbox?status=resolved" { "Resolved" }
        }
        @if queue.rows.is_empty() {
            p.empty { "Nothing waiting. New messages appear here as they arrive." }
        } @else {
            table.queue {
                caption.visually-hidden { "Conversations" }
                thead { tr { th scope="col" { "Due" } th scope="col" { "Priority" } th scope="col" { "Customer" } th scope="col" { "Channel" } th scope="col" { "Intent" } th scope="col" { "Route" } th scope="col" { "Assignee" } th scope="col" { "Labels" } th scope="col" { "Status" } } }
                tbody {
                    @for c in &queue.rows {
                        tr.row data-href={"/inbox/conversations/" (c.id)} {
                            td { (due(c, queue.now)) }
                            td { span class={"priority " (c.priority.map(|p| word(&p)).unwrap_or_default())} { (c.priority.map(|p| word(&p)).unwrap_or_else(|| "—".to_owned())) } }
                            td { a href={"/inbox/conversations/" (c.id)} { (customer_name(c)) } }
                            td { (c.channel) }
                            td { (c.intent.as_deref().unwrap_or("—")) }
                            td { (c.route.map(|r| word(&r)).unwrap_or_else(|| "—".to_owned())) }
                            td.assignee { (c.assignee.as_ref().map_or("—", |a| a.name.as_str())) }
                            td { @for l in &c.labels { span.label { (l) } " " } }
                            td { (c.status) }
                        }
                    }
                }
            }
        }
    }
}

/// "due in 3 h", "overdue by 12 min", "answered".
fn due(c: &ConversationSummary, now: Timestamp) -> String {
    if c.first_response_at.is_some() {
        return "answered".to_owned();
    }
    let Some(due) = c.first_response_due else {
        return "—".to_owned();
    };
    let minutes = (due - now).abs() / 60_000;
    let span = if minutes >= 120 {
        format!("{} h", minutes / 60)
    } else {
        format!("{minutes} min")
    };
    if due < now {
        format!("overdue by {span}")
    } else {
        format!("due in {span}")
    }
}

fn customer_name(c: &ConversationSummary) -> String {
    let customer = &c.customer;
    customer
        .display_name
        .clone()
        .or_else(|| customer.handle.as_ref().map(|h| format!("@{h}")))
        .or_else(|| customer.email.clone())
        .unwrap_or_else(|| customer.author_id.clone())
}

/// What a conversation's page shows.
#[derive(Debug)]
pub struct ConversationView<'a> {
    /// The agent looking.
    pub session: &'a AgentSession,
    /// The brand's name.
    pub brand: &'a str,
    /// The conversation.
    pub detail: &'a ConversationDetail,
    /// The brand's agents, to assign to.
    pub colleagues: &'a [Colleague],
    /// The channel's reply limit, when it runs.
    pub max_length: Option<u32>,
    /// A key made for this rendering: a double submit queues one reply.
    pub form_key: &'a str,
    /// Whether the customer is one of the brand's VIPs.
    pub vip: bool,
}

/// A conversation: the thread, the customer, triage with its reasons,
/// ranked suggestions, the editor, replies, assignment, labels and notes.
pub fn conversation(view: &ConversationView<'_>) -> Markup {
    let ConversationView {
        session,
        brand,
        detail,
        colleagues,
        max_length,
        form_key,
        vip,
    } = *view;
    let summary = &detail.summary;
    let triage = detail.messages.iter().rev().find_map(|m| m.triage.as_ref());
    let suggestions = detail
        .messages
        .iter()
        .rev()
        .find(|m| !m.suggestions.is_empty())
        .map(|m| m.suggestions.as_slice())
        .unwrap_or_default();
    let id = summary.id;
    page(
        &format!("Conversation {id}"),
        Some(session),
        brand,
        html! {
            p { a href="/inbox" { "← Queue" } }
            h1 { (customer_name(summary)) " on " (summary.channel) }
            div.columns {
                section.thread aria-labelledby="thread-title" {
                    h2 id="thread-title" { "Thread" }
                    ol.messages {
                        @for m in &detail.messages {
                            li.message {
                                p.meta { strong { (m.message.author.display_name.as_deref().or(m.message.author.handle.as_deref()).unwrap_or(&m.message.author.id)) } }
                                p.text { (m.message.text) }
                                @if let Some(full) = &m.message.full_text {
                                    details { summary { "Quoted history" } pre { (full) } }
                                }
                            }
                        }
                    }
                    h2 { "Replies" }
                    div id="replies" data-live="replies" data-conversation=(id) { (replies(detail)) }
                }
                aside.side {
                    section aria-labelledby="customer-title" {
                        h2 id="customer-title" { "Customer" }
                        @if vip { p { strong.vip { "VIP" } } }
                        dl {
                            dt { "Name" } dd { (customer_name(summary)) }
                            @if let Some(handle) = &summary.customer.handle { dt { "Handle" } dd { "@" (handle) } }
                            @if let Some(email) = &summary.customer.email { dt { "Email" } dd { (email) } }
                            @for other in &detail.identities {
                                dt { "Also on " (other.channel) }
                                dd { (other.display_name.as_deref().or(other.handle.as_deref()).or(other.email.as_deref()).unwrap_or(&other.author_id)) }
                            }
                            dt { "Past conversations" } dd { (detail.history.len()) }
                        }
                        @if !detail.history.is_empty() {
                            ul.history { @for past in &detail.history { li { (past.channel) ": " (past.intent) " (" (past.status) ") — " (past.summary) } } }
                        }
                    }
                    @if let Some(t) = triage {
                        section id="triage" aria-labelledby="triage-title" {
                            h2 id="triage-title" { "Triage" }
                            p { span class={"priority " (word(&t.priority))} { (word(&t.priority)) } " · " (word(&t.route)) " · " (t.intent) " · confidence " (format!("{:.0}%", t.confidence * 100.0)) " · sentiment " (format!("{:+.2}", t.sentiment)) }
                            @if !t.labels.is_empty() { p.labels { @for l in &t.labels { span.label { (l) } " " } } }
                            h3 { "Why" }
                            ul.reasons { @for r in &t.reasons { li { (r) } } }
                        }
                    section id="work" aria-labelledby="work-title" {
                        h2 id="work-title" { "Work" }
                        p { "Assigned to " strong id="assignee" { (summary.assignee.as_ref().map_or("no one", |a| a.name.as_str())) } }
                        form.inline method="post" action={"/inbox/conversations/" (id) "/assign"} {
                            input type="hidden" name="csrf" value=(session.csrf);
                            input type="hidden" name="agent" value="me";
                            button type="submit" id="take" { "Assign to me" }
                        }
                        form method="post" action={"/inbox/conversations/" (id) "/assign"} {
                            input type="hidden" name="csrf" value=(session.csrf);
                            label for="assign-to" { "Assign to" }
                            select id="assign-to" name="agent" {
                                option value="" { "No one" }
                                @for c in colleagues {
                                    option value=(c.id) selected[summary.assignee.as_ref().is_some_and(|a| a.id == c.id)] { (c.name) }
                                }
                            }
                            button type="submit" { "Assign" }
                        }
                        p.labels id="labels" { @for l in &summary.labels { span.label { (l) } " " } }
                        form method="post" action={"/inbox/conversations/" (id) "/labels"} {
                            input type="hidden" name="csrf" value=(session.csrf);
                            label for="label" { "Add a label" }
                            input id="label" name="label" maxlength="40" required;
                            button type="submit" { "Add" }
                        }
                        h3 { "Notes for colleagues" }
                        ol.notes id="notes" {
                            @for n in &detail.notes { li { strong { (n.agent_name) } ": " (n.text) } }
                        }
                        form method="post" action={"/inbox/conversations/" (id) "/notes"} {
                            input type="hidden" name="csrf" value=(session.csrf);
                            label for="note" { "Add a note (not sent to the customer)" }
                            textarea id="note" name="text" rows="2" required {}
                            button type="submit" { "Add note" }
                        }
                    }
                    }
                }
            }
            section id="suggestions" aria-labelledby="suggestions-title" {
                h2 id="suggestions-title" { "Suggestions" }
                @if suggestions.is_empty() { p { "No suggestion: write a reply below." } }
                ol.suggestions {
                    @for s in suggestions {
                        li.suggestion data-suggestion=(s.id) {
                            p.text { (s.suggestion.text) }
                            p.meta {
                                (s.suggestion.strategy)
                                @if let Some(review) = &s.review {
                                    " · voice " (format!("{:.2}", review.voice_score))
                                    @if !review.fixes.is_empty() { " · fixed: " (review.fixes.join(", ")) }
                                }
                            }
                            button.use type="button" data-use=(s.id) { "Use this reply" }
                        }
                    }
                }
            }
            section id="editor" aria-labelledby="editor-title" {
                h2 id="editor-title" { "Reply" }
                form.send method="post" action={"/inbox/conversations/" (id) "/send"} {
                    input type="hidden" name="csrf" value=(session.csrf);
                    input type="hidden" name="key" value=(form_key);
                    input type="hidden" name="suggestion_id" id="suggestion-id" value="";
                    label for="reply-text" { "Your reply" }
                    textarea id="reply-text" name="text" rows="6" required data-conversation=(id) data-max=(max_length.unwrap_or(0)) aria-describedby="counter lint" {}
                    p id="counter" aria-live="polite" {}
                    ul id="lint" aria-live="polite" {}
                    button type="submit" id="send" { "Send" }
                }
                form.inline method="post" action={"/inbox/conversations/" (id) "/resolve"} {
                    input type="hidden" name="csrf" value=(session.csrf);
                    button type="submit" id="resolve" disabled[summary.status == "resolved"] {
                        @if summary.status == "resolved" { "Resolved" } @else { "Resolve" }
                    }
                }
            }
        },
    )
}

/// The conversation's replies with their send status.
pub fn replies(detail: &ConversationDetail) -> Markup {
    html! {
        @if detail.replies.is_empty() {
            p.empty { "No reply sent yet." }
        } @else {
            ol.replies {
                @for r in &detail.replies {
                    li class={"reply " (r.status)} {
                        p.text { (r.text) }
                        p.meta {
                            span.status { (r.status) }
                            @if let Some(id) = &r.platform_id { " · " (id) }
                            @if let Some(error) = &r.error { " · " span.error { (error) } }
                            @if r.attempts > 1 { " · " (r.attempts) " attempts" }
                        }
                    }
                }
            }
        }
    }
}
