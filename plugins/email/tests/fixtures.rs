//! The email plugin's logic on the golden email fixtures and the
//! inbound-parse forms, natively through the SDK's fake host.

mod common;

use chorus_sdk::testing::{self, FakeHost, Outcome};
use chorus_sdk::{ListenOutcome, Plugin, PluginError, Route, Visibility};
use common::{
    assert_email_shaped, attribute, eml, fixtures_dir, form, golden, processed, read, run, run_with,
};
use email::Email;

#[test]
fn every_golden_fixture_is_understood() {
    let mut count = 0;
    for entry in std::fs::read_dir(fixtures_dir()).expect("fixtures") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        if !name.ends_with(".eml") {
            continue;
        }
        count += 1;
        match run(eml(&name)) {
            Ok(Outcome::Messages(messages)) => {
                for processed in &messages {
                    assert!(!processed.message.author.id.is_empty(), "{name}");
                    assert!(!processed.message.text.is_empty(), "{name}");
                    assert_eq!(processed.message.visibility, Visibility::Private);
                    assert!(!processed.triage.reasons.is_empty(), "{name}");
                    assert_email_shaped(processed);
                }
            }
            // The only golden file without a From or Reply-To.
            Err(PluginError::BadInput(reason)) if name == "charset-koi8r-encoded-filename.eml" => {
                assert_eq!(reason, "no From or Reply-To address");
            }
            other => panic!("{name}: {other:?}"),
        }
    }
    assert_eq!(count, 20);
}

#[test]
fn plain_text_is_kept_whole() {
    let processed = golden("plain-text.eml");
    let message = &processed.message;
    assert_eq!(message.text, "Plain email.\n\nHope it works well!\n\nMikel");
    assert_eq!(message.full_text, None);
    assert_eq!(message.author.id, "test@lindsaar.net");
    assert_eq!(message.author.email.as_deref(), Some("test@lindsaar.net"));
    assert_eq!(
        message.author.display_name.as_deref(),
        Some("Mikel Lindsaar")
    );
    let id = "6B7EC235-5B17-4CA8-B2B8-39290DEB43A3@test.lindsaar.net";
    assert_eq!(message.external_id, id);
    assert_eq!(message.event_id, id);
    assert_eq!(message.thread_id.as_deref(), Some(id));
    assert_eq!(message.in_reply_to, None);
    // Sat, 22 Nov 2008 15:04:59 +1100
    assert_eq!(message.sent_at, Some(1_227_326_699_000));
    assert_eq!(attribute(message, "email.subject"), Some("Testing 123"));
    assert_eq!(attribute(message, "email.message-id"), Some(id));
    assert_eq!(
        attribute(message, "email.to"),
        Some("Mikel Lindsaar <raasdnil@gmail.com>")
    );
    assert!(message.attachments.is_empty());
    assert_eq!(processed.triage.route, Route::ReplyPublic);
    assert!(!processed.suggestions.is_empty());
    assert!(processed.suggestions[0].text.starts_with("Hi Mikel,\n\n"));
}

#[test]
fn quoted_history_is_stripped_and_the_full_text_kept() {
    let message = golden("reply-quoted-history.eml").message;
    assert_eq!(message.text, "Hello");
    let full = message.full_text.expect("full text");
    assert!(full.contains("On Mon, Apr 2, 2012 at 6:26 PM, Megan One <xxx@gmail.com> wrote:"));
    assert!(full.ends_with("> Hi"), "{full}");
}

#[test]
fn signatures_are_stripped() {
    let message = golden("signature-dash-dash.eml").message;
    assert_eq!(message.text, "Hello");
    let full = message.full_text.expect("full text");
    assert!(full.contains("Sent with Sparrow"), "{full}");
    assert!(full.contains("> > Hi"), "{full}");
}

#[test]
fn alternative_prefers_plain_text_and_outlook_history_is_stripped() {
    let message = golden("multipart-alternative.eml").message;
    assert_eq!(message.text, "Hello");
    let full = message.full_text.as_deref().expect("full text");
    assert!(full.contains("Sent: March-09-12 4:22 PM"), "{full}");
    assert!(
        !full.contains("font-family") && !full.contains("<html"),
        "{full}"
    );
    assert_eq!(attribute(&message, "email.html-only"), None);
    // No Message-ID: a stable fallback id, also the thread.
    assert!(message.external_id.starts_with("no-message-id-"));
    assert_eq!(
        golden("multipart-alternative.eml").message.external_id,
        message.external_id
    );
    assert_eq!(
        message.thread_id.as_deref(),
        Some(message.external_id.as_str())
    );
}

#[test]
fn html_only_mail_becomes_readable_text() {
    let processed = golden("html-only.eml");
    let message = &processed.message;
    assert!(
        message
            .text
            .starts_with("http://www.longurlmaker.com/view/?id=UAOJ")
    );
    assert!(
        message
            .text
            .ends_with("Very long link\n\nTHis is very long url"),
        "{}",
        message.text
    );
    for markup in ["<a", "<br", "href=", "&nbsp;", "<html", "content-type"] {
        assert!(
            !message.text.contains(markup),
            "{markup} in {}",
            message.text
        );
    }
    assert_eq!(attribute(message, "email.html-only"), Some("true"));
    // `Bob <postmaster@example.com>` is a person, not a bounce.
    assert_eq!(attribute(message, "email.bounce"), None);
    assert_ne!(processed.triage.route, Route::NoReply);
    assert!(!processed.suggestions.is_empty());
}

#[test]
fn nested_multiparts_give_the_text_and_list_the_files() {
    let message = golden("nested-multipart.eml").message;
    assert_eq!(message.text, "Test of text section");
    assert_eq!(message.attachments.len(), 1);
    assert_eq!(message.attachments[0].name, "favicon.png");
    assert_eq!(message.attachments[0].content_type, "image/png");
    assert_eq!(message.attachments[0].size, 687);

    let signed = golden("nested-multipart-signed.eml").message;
    assert_eq!(
        signed.text,
        "Here is a test of an attachment via email.\n\n- Jamis"
    );
    let names: Vec<&str> = signed.attachments.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["truncated.png", "smime.p7s"]);
    assert_eq!(
        signed.attachments[1].content_type,
        "application/pkcs7-signature"
    );
}

#[test]
fn attachments_are_listed_never_inlined() {
    let message = golden("attachment-image.eml").message;
    assert_eq!(message.attachments.len(), 1);
    let image = &message.attachments[0];
    // filename*=ISO-8859-1''Eelanal%FC%FCsi%20p%E4ring.jpg (RFC 2231)
    assert_eq!(image.name, "Eelanalüüsi päring.jpg");
    assert_eq!(image.content_type, "image/jpeg");
    assert_eq!(image.size, 1952);
    // No body text: the subject stands in, and no attachment bytes leak.
    assert_eq!(message.text, "Eelanalüüsi päring");
    assert!(!format!("{message:?}").contains("/9j/4AAQ"));

    let message = golden("attachment-rfc2231-filename.eml").message;
    assert_eq!(message.attachments.len(), 1);
    let file = &message.attachments[0];
    // filename*0*=utf-8''…; filename*1*=….txt (RFC 2231 continuations)
    assert_eq!(file.name, format!("{}.txt", "かきくけこ".repeat(5)));
    assert_eq!(file.content_type, "text/plain");
    assert_eq!(file.size, "this is the data\r\n".len() as u64);
    assert!(!message.text.contains("this is the data"));
}

#[test]
fn encoded_word_attachment_names_are_decoded() {
    // The fixture has no From; give it one to see its attachment.
    let mut raw = b"From: a@example.com\r\n".to_vec();
    raw.extend(read("charset-koi8r-encoded-filename.eml"));
    let request = testing::request("POST", &raw)
        .header("Content-Type", "message/rfc822")
        .build();
    let message = processed(request).message;
    assert_eq!(message.text, "A simple subject");
    assert_eq!(message.attachments.len(), 1);
    assert_eq!(message.attachments[0].name, "Список.doc");
}

#[test]
fn charsets_are_decoded() {
    let shift_jis = golden("charset-shift-jis.eml").message;
    assert!(
        shift_jis.text.starts_with("あいうえお"),
        "{}",
        shift_jis.text
    );
    assert!(
        shift_jis
            .text
            .contains("このメールはテスト用のメールです。")
    );

    let koi8r = golden("charset-koi8r-body.eml").message;
    assert!(koi8r.text.starts_with("шостий"), "{}", koi8r.text);
    assert_eq!(koi8r.language.as_deref(), Some("en-US"));
    assert_eq!(koi8r.attachments[0].name, "winmail.dat");

    let iso_2022_jp = golden("encoded-word-subject-iso-2022-jp.eml").message;
    assert_eq!(iso_2022_jp.text, "すみません。");

    let utf8_qp = golden("encoded-word-subject.eml").message;
    assert_eq!(
        utf8_qp.text,
        "This line is in English\nА эта линия по-русски."
    );

    let arabic = golden("auto-reply-x-autoreply.eml").message;
    assert!(arabic.text.contains("خارج المكتب"), "{}", arabic.text);
    assert_eq!(arabic.author.display_name.as_deref(), Some("متجر الواحة"));

    // A truncated bounce: the quoted-printable GB2312 part is still decoded.
    let gb2312 = golden("charset-gb2312-bounce.eml").message;
    assert!(!gb2312.text.contains("=B4=CE"), "{}", gb2312.text);
}

#[test]
fn encoded_word_subjects_are_decoded() {
    let message = golden("encoded-word-subject.eml").message;
    assert_eq!(
        attribute(&message, "email.subject"),
        Some("Simple text. How are you? Как ты поживаешь?")
    );
    let message = golden("encoded-word-subject-iso-2022-jp.eml").message;
    assert_eq!(attribute(&message, "email.subject"), Some("まみむめも"));
    assert_eq!(
        attribute(&message, "email.to"),
        Some("みける <raasdnil@gmail.com>")
    );
    let message = golden("attachment-image.eml").message;
    assert_eq!(
        attribute(&message, "email.subject"),
        Some("Eelanalüüsi päring")
    );
    let message = golden("auto-reply-x-autoreply.eml").message;
    assert_eq!(
        attribute(&message, "email.subject"),
        Some("رد تلقائي: خارج المكتب")
    );
}

#[test]
fn threads_follow_references_then_in_reply_to() {
    let message = golden("precedence-bulk-list.eml").message;
    assert_eq!(
        message.thread_id.as_deref(),
        Some("Pine.BSF.3.95q.970712135859.28530B-100000@valis.worldgate.com")
    );
    // Reply-To (the list) is the author; From is kept.
    assert_eq!(message.author.id, "new-httpd@apache.org");
    assert_eq!(
        attribute(&message, "email.from"),
        Some("ingo@blank.pages.de")
    );
    // Bottom-posted: the reply under the quote is the new text.
    assert!(
        message.text.starts_with("Isn't that the case"),
        "{}",
        message.text
    );

    let message = golden("auto-reply-x-autoreply.eml").message;
    let parent = "order-5521.reply@shop.example.net";
    assert_eq!(message.in_reply_to.as_deref(), Some(parent));
    assert_eq!(message.thread_id.as_deref(), Some(parent));
}

#[test]
fn auto_replies_bulk_mail_and_bounces_get_no_reply() {
    let cases = [
        (
            "auto-reply-auto-submitted.eml",
            "auto-reply (Auto-Submitted: auto-replied)",
        ),
        (
            "auto-reply-x-autoreply.eml",
            "auto-reply (X-Autoreply: yes)",
        ),
        ("precedence-bulk-list.eml", "bulk mail (Precedence: bulk)"),
        ("newsletter-list-id.eml", "mailing list (List-Id: "),
        ("newsletter-list-id.eml", "bulk mail (List-Unsubscribe)"),
        ("bounce-mailer-daemon.eml", "bounce from MAILER-DAEMON"),
        (
            "charset-gb2312-bounce.eml",
            "bounce from delivery-status report",
        ),
    ];
    for (name, reason) in cases {
        let processed = golden(name);
        assert_eq!(processed.triage.route, Route::NoReply, "{name}");
        assert!(
            processed
                .triage
                .reasons
                .iter()
                .any(|r| r.starts_with(reason)),
            "{name}: {:?}",
            processed.triage.reasons
        );
        assert!(processed.suggestions.is_empty(), "{name}");
    }
    let bounce = golden("bounce-mailer-daemon.eml").message;
    assert_eq!(attribute(&bounce, "email.bounce"), Some("MAILER-DAEMON"));
    assert_eq!(
        attribute(&bounce, "email.report-type"),
        Some("delivery-status")
    );
    assert_eq!(
        attribute(&bounce, "email.auto-submitted"),
        Some("auto-replied")
    );
}

#[test]
fn the_brands_own_address_gets_no_reply() {
    let _host = FakeHost::new().install();
    let Ok(ListenOutcome::Messages(mut messages)) = Email::listen(eml("plain-text.eml")) else {
        panic!("expected a message");
    };
    let message = messages.remove(0);
    let mut context = testing::context(5_000);
    context.brand.own_accounts = vec!["Test@Lindsaar.net".to_owned()];
    let triage = Email::triage(message, context).expect("triage");
    assert_eq!(triage.route, Route::NoReply);
}

#[test]
fn inbound_parse_forms_carry_the_wrapped_message() {
    let sendgrid = processed(form("inbound-parse-sendgrid")).message;
    assert_eq!(sendgrid, golden("plain-text.eml").message);
    let mailgun = processed(form("inbound-parse-mailgun")).message;
    assert_eq!(mailgun, golden("attachment-image.eml").message);
    assert_eq!(mailgun.attachments[0].size, 1952);
}

#[test]
fn other_requests_are_refused_with_a_reason() {
    let json = testing::request("POST", br#"{"from": "a@b.c"}"#)
        .header("Content-Type", "application/json")
        .build();
    assert!(matches!(run(json), Err(PluginError::Unsupported(_))));

    let parsed_form =
        b"--b\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nhi\r\n--b--\r\n";
    let request = testing::request("POST", parsed_form)
        .header("Content-Type", "multipart/form-data; boundary=b")
        .build();
    match run(request) {
        Err(PluginError::Unsupported(reason)) => assert!(reason.contains("body-mime"), "{reason}"),
        other => panic!("{other:?}"),
    }

    let no_boundary = testing::request("POST", b"x")
        .header("Content-Type", "multipart/form-data")
        .build();
    assert!(matches!(run(no_boundary), Err(PluginError::BadInput(_))));
    let empty = testing::request("POST", b"").build();
    assert!(matches!(run(empty), Err(PluginError::BadInput(_))));
    let prose = testing::request("POST", b"just some words").build();
    assert!(matches!(run(prose), Err(PluginError::BadInput(_))));
}

#[test]
fn raw_messages_are_sniffed_without_a_content_type() {
    let untyped = testing::request("POST", &read("plain-text.eml")).build();
    assert_eq!(processed(untyped).message, golden("plain-text.eml").message);
    let octets = testing::request("POST", &read("plain-text.eml"))
        .header("content-type", "application/octet-stream")
        .build();
    assert_eq!(processed(octets).message, golden("plain-text.eml").message);
}

#[test]
fn the_size_cap_is_configurable_and_checked_first() {
    let small = FakeHost::new().config("max-message-bytes", "1000");
    match run_with(small, eml("plain-text.eml")) {
        Err(PluginError::BadInput(reason)) => {
            assert_eq!(reason, "message of 1550 bytes exceeds the 1000-byte cap");
        }
        other => panic!("{other:?}"),
    }
    let roomy = FakeHost::new().config("max-message-bytes", "2_000");
    assert!(run_with(roomy, eml("plain-text.eml")).is_ok());
    let broken = FakeHost::new().config("max-message-bytes", "ten megs");
    assert!(matches!(
        run_with(broken, eml("plain-text.eml")),
        Err(PluginError::Config(_))
    ));
    // The default cap is 10 MB; the body is not even looked at.
    let huge = vec![b'x'; email::DEFAULT_MAX_MESSAGE_BYTES + 1];
    match run(testing::request("POST", &huge).build()) {
        Err(PluginError::BadInput(reason)) => {
            assert!(
                reason.ends_with("exceeds the 10000000-byte cap"),
                "{reason}"
            );
        }
        other => panic!("{other:?}"),
    }
}
