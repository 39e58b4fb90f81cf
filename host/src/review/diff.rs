//! Word diffs of agent edits: what the agent changed in a suggestion before
//! sending it, kept with the feedback so a brand can see how its voice is
//! corrected.

use similar::{ChangeTag, TextDiff};

/// A word diff of `before` → `after` in `git diff --word-diff` style:
/// `[-removed-]{+added+}`, unchanged text as is.
pub fn word_diff(before: &str, after: &str) -> String {
    let diff = TextDiff::from_words(before, after);
    let mut out = String::with_capacity(after.len() + 16);
    let mut open: Option<ChangeTag> = None;
    for change in diff.iter_all_changes() {
        let tag = change.tag();
        if open != Some(tag) {
            close(&mut out, open);
            match tag {
                ChangeTag::Delete => out.push_str("[-"),
                ChangeTag::Insert => out.push_str("{+"),
                ChangeTag::Equal => {}
            }
            open = Some(tag);
        }
        out.push_str(change.value());
    }
    close(&mut out, open);
    out
}

fn close(out: &mut String, open: Option<ChangeTag>) {
    match open {
        Some(ChangeTag::Delete) => out.push_str("-]"),
        Some(ChangeTag::Insert) => out.push_str("+}"),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_removed_and_added_words() {
        assert_eq!(
            word_diff("We will refund you today.", "We will refund you tomorrow."),
            "We will refund you [-today.-]{+tomorrow.+}"
        );
    }

    #[test]
    fn identical_texts_have_no_marks() {
        assert_eq!(word_diff("Thanks!", "Thanks!"), "Thanks!");
    }
}
