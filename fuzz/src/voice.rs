//! The voice engine on any reply: lint, fix, score, and the knowledge search
//! of the example brands (whose queries are customers' words).

use std::sync::OnceLock;

use chorus_voice::retrieve::{Doc, Index};
use chorus_voice::{Situation, Target, VoiceProfile, fix, lint, score};

/// A brand's compiled voice and knowledge index, built once.
struct Brand {
    voice: VoiceProfile,
    index: Index,
}

const VOICES: [(&str, &str); 3] = [
    (
        "Acme Outdoor",
        include_str!("../../examples/brands/acme/voice.toml"),
    ),
    (
        "ForgeKit",
        include_str!("../../examples/brands/forgekit/voice.toml"),
    ),
    (
        "Ledger Bank",
        include_str!("../../examples/brands/ledgerbank/voice.toml"),
    ),
];

const CHANNELS: [&str; 4] = ["twitter", "slack", "email", "webchat"];

const LANGUAGES: [&str; 4] = ["en", "es", "fr", "de"];

fn brands() -> &'static [Brand] {
    static BRANDS: OnceLock<Vec<Brand>> = OnceLock::new();
    BRANDS.get_or_init(|| {
        VOICES
            .iter()
            .map(|(name, toml)| {
                let voice = VoiceProfile::from_toml_str(toml)
                    .unwrap_or_else(|e| panic!("the example voice of {name} is invalid: {e}"));
                let docs: Vec<Doc> = voice
                    .knowledge
                    .iter()
                    .map(|k| Doc::from_id(&k.id, "en", &k.text, &k.keywords))
                    .collect();
                let index = Index::for_brand(name, docs);
                Brand { voice, index }
            })
            .collect()
    })
}

/// Three bytes choose the brand and search language, then the channel,
/// limit, prefix, name and empathy, then the situation; the rest is the
/// reply (lossy UTF-8).
pub fn voice(data: &[u8]) {
    let [who, knobs, situation, rest @ ..] = data else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let brands = brands();
    let who = usize::from(*who);
    let brand = &brands[who % brands.len()];
    let language = LANGUAGES[(who / brands.len()) % LANGUAGES.len()];
    let knobs = usize::from(*knobs);
    let target = Target {
        channel: CHANNELS[knobs % CHANNELS.len()],
        max_length: if knobs & 0x04 != 0 { 280 } else { 0 },
        prefix: if knobs & 0x08 != 0 { "@jack " } else { "" },
        first_name: (knobs & 0x10 != 0).then_some("Lucía"),
        needs_empathy: knobs & 0x20 != 0,
        situation: Situation::ALL[usize::from(*situation) % Situation::ALL.len()],
    };
    for violation in lint(&brand.voice, &text, &target) {
        let span = &violation.span;
        assert!(
            span.start <= span.end
                && text.is_char_boundary(span.start)
                && text.is_char_boundary(span.end),
            "{:?} span {span:?} is not a range of the text",
            violation.rule
        );
    }
    let fixed = fix(&brand.voice, &text, &target);
    assert_eq!(
        fix(&brand.voice, &fixed.text, &target).text,
        fixed.text,
        "fix is idempotent"
    );
    assert_eq!(fixed.text.trim(), fixed.text, "fix trims");
    if let Some(limit) = target.effective_limit(&brand.voice) {
        assert!(
            fixed.text.chars().count() <= limit,
            "fix keeps to the limit of {limit} chars"
        );
    }
    let _ = score(&brand.voice, &text, &target);
    let _ = brand.index.search(&text, language, 3);
}
