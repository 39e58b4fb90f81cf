//! Auto-replies, bulk mail and bounces: detected in `listen` from the
//! headers and recorded as attributes, turned into triage signals that
//! force `no-reply` (so they get no suggestions and never start a reply
//! loop).
//!
//! | attribute | set when |
//! |---|---|
//! | `email.auto-submitted` | `Auto-Submitted` is present and not `no` (RFC 3834) |
//! | `email.x-autoreply`, `email.x-autorespond` | those headers are present |
//! | `email.auto-reply-subject` | the subject starts like an auto-reply ("Automatic reply:") |
//! | `email.precedence` | `Precedence: bulk`, `list`, `junk` or `auto_reply` |
//! | `email.list-id`, `email.list-unsubscribe` | those headers are present (RFC 2919, RFC 2369) |
//! | `email.bounce` | the sender is `MAILER-DAEMON` or a system `postmaster`, or a delivery-status report |
//! | `email.report-type` | the message is a `multipart/report` (bounce, read receipt, abuse report) |

use chorus_sdk::triage::Signal;
use chorus_sdk::{Attribute, Context, Message, Route};
use mail_parser::{Message as Mail, MimeHeaders};

use crate::header::{self, clip};

/// `Precedence` values of mail nobody should answer.
const BULK_PRECEDENCE: &[&str] = &["bulk", "list", "junk", "auto_reply"];

/// Subject prefixes of auto-replies that carry no `Auto-Submitted`
/// (Outlook, Apple Mail and others), lower-case.
const AUTO_REPLY_SUBJECTS: &[&str] = &[
    "automatic reply:",
    "auto reply:",
    "auto-reply:",
    "autoreply:",
    "auto response:",
    "autoresponse:",
    "out of office:",
    "out of office reply:",
    "automatische antwort:",
    "réponse automatique",
    "respuesta automática:",
    "risposta automatica:",
    "automatyczna odpowiedź:",
];

/// Words in a `postmaster` sender's display name that mark a mail system
/// rather than a person writing from that mailbox.
const SYSTEM_NAMES: &[&str] = &[
    "postmaster",
    "mail",
    "delivery",
    "system",
    "post office",
    "daemon",
    "administrator",
];

/// Detects auto-reply, bulk and bounce markers; `sender` is the `From`
/// address (lower-case) and `sender_name` its display name.
pub fn detect(mail: &Mail<'_>, sender: &str, sender_name: Option<&str>) -> Vec<Attribute> {
    let mut found = Vec::new();
    if let Some(value) = header::raw(mail, "Auto-Submitted").filter(|v| {
        !v.split(';')
            .next()
            .unwrap_or("")
            .trim()
            .eq_ignore_ascii_case("no")
    }) {
        found.push(attr("email.auto-submitted", &value));
    }
    for (name, key) in [
        ("X-Autoreply", "email.x-autoreply"),
        ("X-Autorespond", "email.x-autorespond"),
    ] {
        if let Some(value) = header::raw(mail, name).filter(|v| !v.eq_ignore_ascii_case("no")) {
            found.push(attr(key, if value.is_empty() { "yes" } else { &value }));
        }
    }
    if let Some(subject) = mail.subject() {
        let lower = subject.trim().to_lowercase();
        if AUTO_REPLY_SUBJECTS.iter().any(|p| lower.starts_with(p)) {
            found.push(attr("email.auto-reply-subject", subject.trim()));
        }
    }
    if let Some(value) = header::raw(mail, "Precedence").map(|v| v.to_ascii_lowercase())
        && BULK_PRECEDENCE.contains(&value.as_str())
    {
        found.push(attr("email.precedence", &value));
    }
    for (name, key) in [
        ("List-Id", "email.list-id"),
        ("List-Unsubscribe", "email.list-unsubscribe"),
    ] {
        if let Some(value) = header::raw(mail, name).filter(|v| !v.is_empty()) {
            found.push(attr(key, &value));
        }
    }
    found.extend(bounce(mail, sender, sender_name));
    found
}

/// Bounce and report markers: the sender and `multipart/report`.
fn bounce(mail: &Mail<'_>, sender: &str, sender_name: Option<&str>) -> Vec<Attribute> {
    let mut found = Vec::new();
    let local = sender.split('@').next().unwrap_or("");
    let system_name = sender_name.is_none_or(|name| {
        let name = name.to_lowercase();
        SYSTEM_NAMES.iter().any(|word| name.contains(word))
    });
    if local.eq_ignore_ascii_case("mailer-daemon") {
        found.push(attr("email.bounce", "MAILER-DAEMON"));
    } else if local.eq_ignore_ascii_case("postmaster") && system_name {
        found.push(attr("email.bounce", "postmaster"));
    }
    let report = mail.parts.iter().find_map(|part| {
        let content_type = part.content_type()?;
        let is_report = content_type.c_type.eq_ignore_ascii_case("multipart")
            && content_type
                .c_subtype
                .as_deref()
                .is_some_and(|s| s.eq_ignore_ascii_case("report"));
        is_report.then(|| {
            content_type
                .attribute("report-type")
                .unwrap_or("unknown")
                .to_ascii_lowercase()
        })
    });
    if let Some(report_type) = report {
        if found.is_empty() && report_type == "delivery-status" {
            found.push(attr("email.bounce", "delivery-status report"));
        }
        found.push(attr("email.report-type", &report_type));
    }
    found
}

/// Triage signals for the markers [`detect`] recorded, plus a
/// case-insensitive check for the brand's own addresses.
pub fn signals(message: &Message, context: &Context) -> Vec<Signal> {
    let mut signals: Vec<Signal> = message
        .attributes
        .iter()
        .filter_map(|a| signal(&a.key, &a.value))
        .map(|s| s.with_route(Route::NoReply))
        .collect();
    let own = context
        .brand
        .own_accounts
        .iter()
        .any(|account| account.trim().eq_ignore_ascii_case(&message.author.id));
    if own {
        signals.push(
            Signal::note("own-message", "sent from the brand's own address")
                .with_route(Route::NoReply),
        );
    }
    if message.in_reply_to.is_some() {
        signals.push(Signal::note("thread-reply", "reply in an existing thread"));
    }
    signals
}

/// The signal for one marker attribute, without its route.
fn signal(key: &str, value: &str) -> Option<Signal> {
    let value = clip(value, 80);
    Some(match key {
        "email.auto-submitted" => Signal::note(
            "auto-reply",
            format!("auto-reply (Auto-Submitted: {value})"),
        ),
        "email.x-autoreply" => {
            Signal::note("auto-reply", format!("auto-reply (X-Autoreply: {value})"))
        }
        "email.x-autorespond" => {
            Signal::note("auto-reply", format!("auto-reply (X-Autorespond: {value})"))
        }
        "email.auto-reply-subject" => {
            Signal::note("auto-reply", format!("auto-reply (Subject: {value})"))
        }
        "email.precedence" if value == "auto_reply" => {
            Signal::note("auto-reply", "auto-reply (Precedence: auto_reply)")
        }
        "email.precedence" => Signal::note("bulk", format!("bulk mail (Precedence: {value})")),
        "email.list-id" => Signal::note("mailing-list", format!("mailing list (List-Id: {value})")),
        "email.list-unsubscribe" => Signal::note("bulk", "bulk mail (List-Unsubscribe)"),
        "email.bounce" => Signal::note("bounce", format!("bounce from {value}")),
        "email.report-type" => Signal::note(
            "auto-generated",
            format!("automated report (multipart/report; report-type={value})"),
        ),
        _ => return None,
    })
}

fn attr(key: &str, value: &str) -> Attribute {
    Attribute {
        key: key.to_owned(),
        value: clip(value, header::MAX_ATTRIBUTE_CHARS),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markers(raw: &str) -> Vec<(String, String)> {
        let mail = crate::parse::parser()
            .parse(raw.as_bytes())
            .expect("parses");
        let from = mail.from().and_then(|a| a.first());
        let sender = from
            .and_then(|a| a.address.as_deref())
            .unwrap_or("")
            .to_lowercase();
        let name = from.and_then(|a| a.name.as_deref());
        detect(&mail, &sender, name)
            .into_iter()
            .map(|a| (a.key, a.value))
            .collect()
    }

    #[test]
    fn auto_submitted_no_is_a_person() {
        assert!(markers("From: a@b.c\nAuto-Submitted: no\n\nhi").is_empty());
        assert_eq!(
            markers("From: a@b.c\nAuto-Submitted: auto-generated (failure)\n\nhi"),
            vec![(
                "email.auto-submitted".to_owned(),
                "auto-generated (failure)".to_owned()
            )]
        );
    }

    #[test]
    fn precedence_is_only_bulk_values() {
        assert!(markers("From: a@b.c\nPrecedence: first-class\n\nhi").is_empty());
        assert_eq!(
            markers("From: a@b.c\nPrecedence: Bulk\n\nhi"),
            vec![("email.precedence".to_owned(), "bulk".to_owned())]
        );
    }

    #[test]
    fn postmaster_people_are_not_bounces() {
        assert!(markers("From: Bob <postmaster@example.com>\n\nhi").is_empty());
        assert_eq!(
            markers("From: <postmaster@example.com>\n\nhi"),
            vec![("email.bounce".to_owned(), "postmaster".to_owned())]
        );
        assert_eq!(
            markers("From: Mail Delivery System <MAILER-DAEMON@x.y>\n\nhi"),
            vec![("email.bounce".to_owned(), "MAILER-DAEMON".to_owned())]
        );
    }

    #[test]
    fn autorespond_lists_and_reports_are_flagged() {
        let found = markers(
            "From: a@b.c\nX-Autorespond: Out of office\nList-Id: Support <s.example.com>\n\
             Content-Type: multipart/report; report-type=disposition-notification; boundary=b\n\n--b--",
        );
        let keys: Vec<&str> = found.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            ["email.x-autorespond", "email.list-id", "email.report-type"]
        );
        assert_eq!(found[1].1, "Support <s.example.com>");
        assert_eq!(found[2].1, "disposition-notification");
        let signals: Vec<String> = found
            .iter()
            .filter_map(|(k, v)| signal(k, v))
            .map(|s| s.reason)
            .collect();
        assert_eq!(
            signals,
            [
                "auto-reply (X-Autorespond: Out of office)",
                "mailing list (List-Id: Support <s.example.com>)",
                "automated report (multipart/report; report-type=disposition-notification)",
            ]
        );
    }

    #[test]
    fn auto_reply_subjects_are_flagged() {
        assert_eq!(
            markers("From: a@b.c\nSubject: Automatic reply: Order\n\nhi"),
            vec![(
                "email.auto-reply-subject".to_owned(),
                "Automatic reply: Order".to_owned()
            )]
        );
    }
}
