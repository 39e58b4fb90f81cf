//! The new text of a message: quoted history and signatures stripped.
//!
//! Works line by line on normalised text ([`crate::body::normalize`]), in
//! one pass with a few lines of look-ahead:
//!
//! - lines starting with `>` are quotes and are dropped (so replies written
//!   between or below quotes keep their own lines);
//! - an attribution line ("On Mon, 2 Apr 2012, Megan <m@x> wrote:", "Le …
//!   a écrit :", "Am … schrieb …:") is dropped when quotes follow it, and
//!   otherwise ends the new text (the history below it is not `>`-quoted);
//! - Outlook's "-----Original Message-----" and its `From:` / `Sent:` /
//!   `To:` / `Subject:` header block end the new text (but not a
//!   forwarded message's header block, which the customer sent on purpose);
//! - the `-- ` signature delimiter and mobile footers ("Sent from my
//!   iPhone") end the new text.
//!
//! When nothing is left, the caller keeps the full text.

/// Endings of attribution lines, lower-case.
const ATTRIBUTION_ENDS: &[&str] = &[
    "wrote:",
    "writes:",
    "a écrit :",
    "a écrit:",
    "schrieb:",
    "escribió:",
    "ha scritto:",
    "schreef:",
    "escreveu:",
    "skrev:",
    "napisał:",
    "kirjoitti:",
    "написал:",
    "написала:",
    "napsal:",
    "yazdı:",
];

/// Starts of attribution lines that name a date ("On …", "Le …", "Am …").
const ATTRIBUTION_STARTS: &[&str] = &[
    "on ", "le ", "am ", "el ", "il ", "op ", "em ", "den ", "dnia ", "w dniu ",
];

/// Outlook's separator between the reply and the original, lower-case.
const ORIGINAL_MESSAGE: &[&str] = &[
    "original message",
    "ursprüngliche nachricht",
    "message d'origine",
    "mensaje original",
    "messaggio originale",
    "oorspronkelijk bericht",
    "mensagem original",
];

/// First fields of a quoted header block, lower-case, without the colon.
const FROM_FIELDS: &[&str] = &["from", "de", "von", "van", "da", "od", "från", "fra"];

/// Fields that follow `From:` in a quoted header block.
const BLOCK_FIELDS: &[&str] = &[
    "sent",
    "date",
    "to",
    "subject",
    "envoyé",
    "gesendet",
    "datum",
    "an",
    "betreff",
    "enviado",
    "verzonden",
    "onderwerp",
    "aan",
    "à",
    "objet",
    "para",
    "asunto",
    "fecha",
];

/// Mobile and webmail footers that end a message, lower-case prefixes.
const FOOTERS: &[&str] = &[
    "sent from my ",
    "sent from outlook",
    "sent from mail for windows",
    "sent from yahoo mail",
    "sent from the all new aol app",
    "sent with sparrow",
    "get outlook for ",
    "von meinem ",
    "envoyé de mon ",
    "enviado desde mi ",
    "enviado do meu ",
    "inviato da ",
    "verstuurd vanaf mijn ",
];

/// Longest line (in bytes) considered an attribution or a footer.
const MAX_MARKER_BYTES: usize = 600;

/// How many blank lines may separate an attribution from its quotes, or a
/// `From:` line from the rest of its header block.
const LOOK_AHEAD: usize = 6;

/// The new text of `text`: without quoted history and signature. Empty when
/// everything was quoted.
pub fn new_text(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut kept: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim();
        if line.starts_with('>') {
            i += 1;
            continue;
        }
        if ends_message(&lines, i, &kept) {
            break;
        }
        if let Some((used, dated)) = attribution(&lines, i) {
            if quotes_follow(&lines, i + used) {
                i += used;
                continue;
            }
            if dated {
                break;
            }
        }
        kept.push(lines[i]);
        i += 1;
    }
    join_trimmed(&kept)
}

/// Words of a new text that hands the customer's matter over to the
/// history below it ("my wife asked me to sort it, see below", "ich leite
/// euch die Frage meines Kollegen weiter", "la question ci-dessous"):
/// then the question is in the quotes. Lower-case.
const POINTS_BELOW: &[&str] = &[
    "see below",
    "see the email below",
    "see the message below",
    "see email below",
    "question below",
    "questions below",
    "email below",
    "message below",
    "mail below",
    "the below",
    "forwarding this",
    "forwarding you",
    "i'm forwarding",
    "im forwarding",
    "siehe unten",
    "untenstehende",
    "leite euch",
    "leite ihnen",
    "leite dir",
    "leite ich",
    "ci-dessous",
    "ci dessous",
    "je vous transfère",
    "je te transfère",
    "je vous fais suivre",
    "más abajo",
    "mas abajo",
    "os reenvío",
    "os reenvio",
    "le reenvío",
    "les reenvío",
    "te reenvío",
];

/// Most words of a new text that only hands over the history below it: a
/// longer one tells the matter itself ("Je vous transfère le message
/// ci-dessous : sur les 3 destructeurs livrés hier, un est arrivé
/// cassé…").
const HANDOVER_WORDS: usize = 30;

/// The text of a message whose short new text `new` points at the
/// history below it ([`POINTS_BELOW`], at most [`HANDOVER_WORDS`] words):
/// all of `full` with its quote markers removed, since that is where the
/// question is; `None` when `new` stands on its own.
pub fn with_history(new: &str, full: &str) -> Option<String> {
    let lower = new.to_lowercase();
    // Words of the note itself, not of a forwarded message's header block.
    let own_words: usize = new
        .lines()
        .filter(|l| field_name(l).is_none() && !l.trim_start().starts_with("--"))
        .map(|l| l.split_whitespace().count())
        .sum();
    if own_words > HANDOVER_WORDS || !POINTS_BELOW.iter().any(|p| lower.contains(p)) {
        return None;
    }
    let lines: Vec<&str> = full
        .lines()
        .map(|line| line.trim_start().trim_start_matches(['>', ' ']))
        .collect();
    Some(join_trimmed(&lines))
}

/// Whether line `i` starts the signature, a footer or quoted history.
fn ends_message(lines: &[&str], i: usize, kept: &[&str]) -> bool {
    let line = lines[i].trim();
    if line == "--" || lines[i] == "-- " {
        return true;
    }
    if line.len() > MAX_MARKER_BYTES {
        return false;
    }
    if is_footer(line) {
        return true;
    }
    if line.starts_with("--") && ORIGINAL_MESSAGE.iter().any(|m| contains_ci(line, m)) {
        return true;
    }
    let underscores = line.len() >= 10 && line.bytes().all(|b| b == b'_');
    let block_at = if underscores {
        next_content(lines, i + 1)
    } else {
        Some(i)
    };
    block_at.is_some_and(|at| header_block(lines, at) && !after_forward_marker(kept))
}

/// Whether `line` is a mobile or webmail footer: one of [`FOOTERS`] in a
/// few words without a comma ("Sent from my iPhone", "Von meinem iPhone
/// gesendet"), not a sentence that starts the same way ("Von meinem Konto
/// wurden 500 € abgebucht, …", "Sent from my account yesterday, still
/// missing").
fn is_footer(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let german = starts_with_ci(line, "von meinem ");
    line.len() <= 120
        && words <= 8
        && !line.contains(',')
        && FOOTERS.iter().any(|f| starts_with_ci(line, f))
        && (!german
            || line
                .to_lowercase()
                .trim_end_matches('.')
                .ends_with("gesendet"))
}

/// Whether a quoted header block (`From:` then `Sent:`/`Date:` and
/// `To:`/`Subject:`) starts at line `i`.
fn header_block(lines: &[&str], i: usize) -> bool {
    let Some(first) = lines.get(i).and_then(|l| field_name(l)) else {
        return false;
    };
    if !FROM_FIELDS.contains(&first.as_str()) {
        return false;
    }
    let fields = lines
        .iter()
        .skip(i + 1)
        .filter(|l| !l.trim().is_empty())
        .take(4)
        .filter_map(|l| field_name(l))
        .filter(|name| BLOCK_FIELDS.contains(&name.as_str()))
        .count();
    fields >= 2
}

/// The lower-case name of a `Name: value` line (Outlook may bold it as
/// `*From:*` in text), if it is one.
fn field_name(line: &str) -> Option<String> {
    let line = line.trim().trim_start_matches('*');
    let (name, _) = line.split_once(':')?;
    let name = name.trim().trim_end_matches('*').trim();
    let short = !name.is_empty() && name.chars().count() <= 12;
    (short && name.chars().all(|c| c.is_alphabetic() || c == ' ')).then(|| name.to_lowercase())
}

/// Whether the last kept lines announce a forwarded message.
fn after_forward_marker(kept: &[&str]) -> bool {
    kept.iter()
        .rev()
        .take(3)
        .any(|line| contains_ci(line, "forwarded message") || contains_ci(line, "begin forwarded"))
}

/// An attribution line at `i` (possibly wrapped onto the next line): how
/// many lines it uses and whether it names a date or an address ("On …",
/// "… <bob@x.y> wrote:"), which makes it safe to cut at.
fn attribution(lines: &[&str], i: usize) -> Option<(usize, bool)> {
    let first = lines[i].trim();
    if first.len() > MAX_MARKER_BYTES {
        return None;
    }
    let dated = ATTRIBUTION_STARTS.iter().any(|s| starts_with_ci(first, s));
    let specific = dated || first.contains('@');
    if ATTRIBUTION_ENDS.iter().any(|e| ends_with_ci(first, e)) {
        return Some((1, specific));
    }
    // Wrapped: only when the first half already looks like an attribution.
    let next = lines.get(i + 1)?.trim();
    let wrapped = (specific || first.bytes().any(|b| b.is_ascii_digit()))
        && next.len() <= MAX_MARKER_BYTES
        && ATTRIBUTION_ENDS.iter().any(|e| ends_with_ci(next, e));
    wrapped.then_some((2, specific || next.contains('@')))
}

/// Case-insensitive (ASCII letters) `starts_with`, without allocating.
fn starts_with_ci(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Case-insensitive (ASCII letters) `ends_with`, without allocating.
fn ends_with_ci(text: &str, suffix: &str) -> bool {
    text.len() >= suffix.len()
        && text.as_bytes()[text.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

/// Case-insensitive (ASCII letters) `contains`, without allocating.
fn contains_ci(text: &str, needle: &str) -> bool {
    text.as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Whether the next non-blank line at or after `from` is a `>` quote.
fn quotes_follow(lines: &[&str], from: usize) -> bool {
    next_content(lines, from).is_some_and(|at| lines[at].trim_start().starts_with('>'))
}

/// The index of the first non-blank line at or after `from`, looking at
/// most [`LOOK_AHEAD`] lines ahead.
fn next_content(lines: &[&str], from: usize) -> Option<usize> {
    (from..lines.len())
        .take(LOOK_AHEAD)
        .find(|&at| !lines[at].trim().is_empty())
}

/// Joins lines, dropping blank lines at the ends and keeping at most one
/// blank line in a row.
fn join_trimmed(lines: &[&str]) -> String {
    let mut out = String::new();
    let mut blank = false;
    for line in lines {
        if line.trim().is_empty() {
            blank = true;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        out.push_str(line.trim_end());
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_new_text_that_points_below_keeps_the_history_it_points_at() {
        let full = "Hallo,\n\nich leite euch die Frage meines Kollegen weiter.\n\nDanke und Gruß\nCarolin\n\nAm 02.03.2026 um 14:22 schrieb Tim Schulz:\n> Caro, welche Werte darf `retry` annehmen?\n> > Tim";
        let new = new_text(full);
        assert!(!new.contains("retry"), "{new}");
        let read = with_history(&new, full).unwrap_or_default();
        assert!(
            read.contains("Caro, welche Werte darf `retry` annehmen?"),
            "{read}"
        );
        assert!(!read.contains('>'), "{read}");
        let own = "Where is my order?\n\nOn Mon, Megan wrote:\n> Your order shipped.";
        assert_eq!(with_history(&new_text(own), own), None);
        // A new text that tells the matter itself stands on its own.
        let told = "Je vous transfère le message ci-dessous : sur les 3 destructeurs livrés hier \
                    (commande CMD-77120), un est arrivé avec le capot fendu et ne démarre pas. \
                    Pouvez-vous organiser un échange ?\n\nLe 19 juin, Accueil a écrit :\n> Le colis est arrivé.";
        assert_eq!(with_history(&new_text(told), told), None);
        // A forwarded message's headers are not the note's words.
        let forwarded = "Hi,\n\nForwarding this from my wife as she's asked me to \"sort it\", see below. \
                         It's the Ridgeway 4 you sold us two summers ago.\n\nCheers,\nPete\n\n\
                         ---------- Forwarded message ---------\nFrom: Ada Okonjo\nDate: Sun, 1 Mar 2026 at 18:40\n\
                         Subject: tent\n\n> Can we stick it in the washing machine?";
        let read = with_history(&new_text(forwarded), forwarded).unwrap_or_default();
        assert!(
            read.contains("Can we stick it in the washing machine?"),
            "{read}"
        );
    }

    use super::*;

    #[test]
    fn gmail_replies_lose_the_attribution_and_quotes() {
        let text =
            "Hello\n\nOn Mon, Apr 2, 2012 at 6:26 PM, Megan One <xxx@gmail.com> wrote:\n\n> Hi";
        assert_eq!(new_text(text), "Hello");
    }

    #[test]
    fn wrapped_attributions_are_recognised() {
        let text =
            "Sure.\n\nOn Mon, Apr 2, 2012 at 6:26 PM, Megan One\n<xxx@gmail.com> wrote:\n> Hi";
        assert_eq!(new_text(text), "Sure.");
    }

    #[test]
    fn localised_and_wrapped_attributions_are_recognised() {
        let text =
            "Hello\n02.04.2012 14:20 пользователь \"bob@x.org\" <\nbob@x.org> написал:\n\n> Hi";
        assert_eq!(new_text(text), "Hello");
        let text = "Merci\n\nLe 3 avr. 2012 à 16:19, Bob a écrit :\n> Salut";
        assert_eq!(new_text(text), "Merci");
    }

    #[test]
    fn bottom_posted_replies_keep_their_text() {
        let text =
            "Marc wrote:\n> is it safe?\n> really?\n\nNo, it is not.\n\n> and this?\nNeither.";
        assert_eq!(new_text(text), "No, it is not.\n\nNeither.");
    }

    #[test]
    fn unquoted_history_after_a_dated_attribution_is_cut() {
        let text = "Thanks!\n\nOn 3 Apr 2012, at 16:19, bob <b@x.y> wrote:\n\nHi, old text";
        assert_eq!(new_text(text), "Thanks!");
    }

    #[test]
    fn outlook_history_is_cut() {
        let text = "Hello\n\nFrom: xxx@xxx.mailgun.org [mailto:xxx@xxx.mailgun.org]\nSent: March-09-12 4:22 PM\nTo: Dan Le\nSubject: Loop\n\nold";
        assert_eq!(new_text(text), "Hello");
        let text = "Fine.\n\n-----Original Message-----\nFrom: a\nold";
        assert_eq!(new_text(text), "Fine.");
        let text = "Ok\n________________________________\n*From:* A\n*Sent:* Monday\n*To:* B\nold";
        assert_eq!(new_text(text), "Ok");
    }

    #[test]
    fn forwarded_header_blocks_stay() {
        let text = "See below.\n\n---------- Forwarded message ---------\nFrom: A <a@x>\nDate: Mon\nSubject: order\nTo: me\n\nMy order is late.";
        assert_eq!(new_text(text), text);
    }

    #[test]
    fn signatures_and_footers_are_cut() {
        assert_eq!(new_text("Hello\n\n--\nxxx\nSent with Sparrow"), "Hello");
        assert_eq!(new_text("Hello\n-- \nAda"), "Hello");
        assert_eq!(
            new_text("Where is it?\n\nSent from my iPhone"),
            "Where is it?"
        );
        assert_eq!(
            new_text("Wo bleibt es?\n\nVon meinem iPhone gesendet"),
            "Wo bleibt es?"
        );
        // A sentence that opens like a footer is the message.
        let text = "Guten Tag,\n\nvon meinem Konto wurden 500 € abgebucht, die ich nicht \
                    veranlasst habe.\n\nMfG";
        assert_eq!(new_text(text), text);
        let text = "Sent from my account yesterday, still not arrived";
        assert_eq!(new_text(text), text);
    }

    #[test]
    fn everything_quoted_leaves_nothing() {
        assert_eq!(new_text("> a\n> b"), "");
    }

    #[test]
    fn ordinary_text_is_kept() {
        let text = "I wrote:\nthe order number is 12.\nFrom: my kitchen, 2 days ago.";
        assert_eq!(new_text(text), text);
    }
}
