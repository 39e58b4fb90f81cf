//! Language tags: whatlang's ISO 639-3 codes to two-letter BCP-47 tags, and
//! the platform's hint made comparable (or dropped when it names no
//! language).

/// Codes platforms send for "no language" (X: `und` undetermined, `zxx` no
/// linguistic content, `qme` media only, `qht` hashtags only, `qam` mentions
/// only, `qct` cashtags only, `qst` very short text). Sorted.
const NO_LANGUAGE: &[&str] = &[
    "mis", "mul", "qam", "qct", "qht", "qme", "qst", "und", "zxx",
];

/// The platform's hint as a lower-case primary tag (`es-MX` → `es`, legacy
/// `in`/`iw` → `id`/`he`), or `None` when it is empty, malformed or one of
/// the no-language codes.
pub fn normalize_hint(hint: Option<&str>) -> Option<String> {
    let primary = hint?.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    let valid = (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_lowercase());
    let private_use = primary.len() == 3 && ("qaa"..="qtz").contains(&primary.as_str());
    if !valid || private_use || NO_LANGUAGE.binary_search(&primary.as_str()).is_ok() {
        return None;
    }
    Some(match primary.as_str() {
        "in" => "id".to_owned(),
        "iw" => "he".to_owned(),
        "ji" => "yi".to_owned(),
        _ => primary,
    })
}

/// The two-letter tag for a whatlang language (its own code when ISO 639-1
/// has none).
pub fn two_letter(lang: whatlang::Lang) -> &'static str {
    let code = lang.code();
    match code {
        "afr" => "af",
        "aka" => "ak",
        "amh" => "am",
        "ara" => "ar",
        "aze" => "az",
        "bel" => "be",
        "ben" => "bn",
        "bul" => "bg",
        "cat" => "ca",
        "ces" => "cs",
        "cmn" => "zh",
        "cym" => "cy",
        "dan" => "da",
        "deu" => "de",
        "ell" => "el",
        "eng" => "en",
        "epo" => "eo",
        "est" => "et",
        "fin" => "fi",
        "fra" => "fr",
        "guj" => "gu",
        "heb" => "he",
        "hin" => "hi",
        "hrv" => "hr",
        "hun" => "hu",
        "hye" => "hy",
        "ind" => "id",
        "ita" => "it",
        "jav" => "jv",
        "jpn" => "ja",
        "kan" => "kn",
        "kat" => "ka",
        "khm" => "km",
        "kor" => "ko",
        "lat" => "la",
        "lav" => "lv",
        "lit" => "lt",
        "mal" => "ml",
        "mar" => "mr",
        "mkd" => "mk",
        "mya" => "my",
        "nep" => "ne",
        "nld" => "nl",
        "nob" => "nb",
        "ori" => "or",
        "pan" => "pa",
        "pes" => "fa",
        "pol" => "pl",
        "por" => "pt",
        "ron" => "ro",
        "rus" => "ru",
        "sin" => "si",
        "slk" => "sk",
        "slv" => "sl",
        "sna" => "sn",
        "spa" => "es",
        "srp" => "sr",
        "swe" => "sv",
        "tam" => "ta",
        "tel" => "te",
        "tgl" => "tl",
        "tha" => "th",
        "tuk" => "tk",
        "tur" => "tr",
        "ukr" => "uk",
        "urd" => "ur",
        "uzb" => "uz",
        "vie" => "vi",
        "yid" => "yi",
        "zul" => "zu",
        _ => code,
    }
}
