use chorus_sdk::testing::{self, FakeHost, Outcome};
use email::Email;
use std::path::Path;

#[test]
fn dump() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/email");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for path in names {
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        let ct = if name.ends_with(".eml") {
            "message/rfc822".to_owned()
        } else if name.ends_with(".multipart") {
            std::fs::read_to_string(path.with_extension("content-type")).unwrap()
        } else {
            continue;
        };
        let body = std::fs::read(&path).unwrap();
        let _h = FakeHost::new().install();
        let req = testing::request("POST", &body)
            .header("Content-Type", &ct)
            .build();
        let out = testing::run::<Email>(req, &testing::context(5000));
        println!("===== {name}");
        match out {
            Ok(Outcome::Messages(ms)) => {
                for p in ms {
                    let m = &p.message;
                    println!(
                        "id={} thread={:?} irt={:?} author={:?} name={:?} sent={:?} lang={:?}",
                        m.external_id,
                        m.thread_id,
                        m.in_reply_to,
                        m.author.id,
                        m.author.display_name,
                        m.sent_at,
                        m.language
                    );
                    println!("TEXT<<{}>>", m.text.chars().take(600).collect::<String>());
                    if let Some(f) = &m.full_text {
                        println!("FULL<<{}>>", f.chars().take(400).collect::<String>());
                    }
                    for a in &m.attachments {
                        println!("  att {:?} {} {}", a.name, a.content_type, a.size);
                    }
                    for a in &m.attributes {
                        println!(
                            "  attr {} = {}",
                            a.key,
                            a.value.chars().take(100).collect::<String>()
                        );
                    }
                    println!(
                        "  triage route={:?} prio={:?} intent={} reasons={:?}",
                        p.triage.route, p.triage.priority, p.triage.intent, p.triage.reasons
                    );
                    if let Some(s) = p.suggestions.first() {
                        println!("  SUGG<<{}>>", s.text);
                    }
                }
            }
            other => println!("{other:?}"),
        }
    }
}
