#!/usr/bin/env python3
"""Checks tests/data/reply-eval.jsonl against REPLY-LABELLING.md and the
example brands' knowledge, then prints the count tables.

    python3 tests/data/check_reply_eval.py [path/to/reply-eval.jsonl]

Python 3.11+ standard library only (tomllib). Exits 1 and lists every
problem found; exits 0 and prints the tables when the file is clean.
"""

import json
import re
import sys
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "reply-eval.jsonl"
BRANDS_DIR = ROOT / "examples" / "brands"

KEYS = ["id", "split", "brand", "channel", "visibility", "author", "name", "text",
        "language", "situation", "answer", "must_include", "given", "must_avoid"]
SPLITS = {"dev", "heldout"}
BRANDS = {"acme": "@AcmeOutdoor", "forgekit": "@ForgeKitHQ", "ledgerbank": "@LedgerBank"}
CHANNELS = {"twitter", "slack", "email"}
VISIBILITIES = {"public", "private"}
LANGUAGES = {"en", "es", "fr", "de"}
SITUATIONS = ["severe", "problem", "question", "praise", "thanks", "spam"]
GIVEN_KEYS = {"order_id", "email", "phone", "amount", "date", "product", "invoice_id", "account_email"}
X_LIMIT = 280

AUTHOR_FORMS = {
    "twitter": re.compile(r"^@[A-Za-z0-9_.]{1,30}$"),
    "slack": re.compile(r"^U[A-Z0-9]{8,11}$"),
    "email": re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$"),
}


def load_brand(brand):
    """(languages, {base id: {lang: snippet}}) from the brand's voice.toml."""
    with open(BRANDS_DIR / brand / "voice.toml", "rb") as f:
        profile = tomllib.load(f)
    languages = profile.get("languages", ["en"])
    snippets = defaultdict(dict)
    for k in profile.get("knowledge", []):
        base, _, lang = k["id"].partition(".")
        snippets[base][lang or languages[0]] = k
    return languages, dict(snippets)


def check_brand(brand, languages, snippets, problems):
    """Every topic has one variant per listed language, and no other."""
    for base, variants in snippets.items():
        if sorted(variants) != sorted(languages):
            problems.append(f"{brand}: knowledge {base!r} has variants {sorted(variants)}, "
                            f"expected {sorted(languages)}")
        channels = {tuple(v.get("channels", [])) for v in variants.values()}
        if len(channels) > 1:
            problems.append(f"{brand}: knowledge {base!r} variants differ in channels")


def check_line(n, row, brands, problems):
    where = f"line {n} ({row.get('id', '?')})"

    def bad(msg):
        problems.append(f"{where}: {msg}")

    if list(row) != KEYS:
        bad(f"keys {list(row)} != {KEYS}")
        return
    if not re.fullmatch(r"r-\d{4}", row["id"]) or row["id"] != f"r-{n:04d}":
        bad(f"id should be r-{n:04d}")
    if row["split"] not in SPLITS:
        bad(f"split {row['split']!r}")
    if row["brand"] not in BRANDS:
        bad(f"brand {row['brand']!r}")
        return
    if row["channel"] not in CHANNELS:
        bad(f"channel {row['channel']!r}")
        return
    if row["visibility"] not in VISIBILITIES:
        bad(f"visibility {row['visibility']!r}")
    if row["language"] not in LANGUAGES:
        bad(f"language {row['language']!r}")
    if row["situation"] not in SITUATIONS:
        bad(f"situation {row['situation']!r}")
    if not isinstance(row["author"], str) or not AUTHOR_FORMS[row["channel"]].match(row["author"]):
        bad(f"author {row['author']!r} is not a {row['channel']} author")
    if row["name"] is not None and (not isinstance(row["name"], str) or not row["name"].strip()):
        bad("name must be a non-empty string or null")
    text = row["text"]
    if not isinstance(text, str) or not text.strip():
        bad("empty text")
        return

    if row["channel"] != "twitter" and row["visibility"] != "private":
        bad(f"{row['channel']} is always private")
    if row["channel"] == "twitter" and row["visibility"] == "public":
        if len(text) > X_LIMIT:
            bad(f"public X post is {len(text)} chars (> {X_LIMIT})")
        if not text.startswith(BRANDS[row["brand"]]):
            bad(f"public X post should start with {BRANDS[row['brand']]}")

    languages, snippets = brands[row["brand"]]
    answer, must_include = row["answer"], row["must_include"]
    if not isinstance(answer, list) or not all(isinstance(a, str) for a in answer):
        bad("answer must be a list of strings")
        return
    if not isinstance(must_include, list) or not all(isinstance(s, str) and s for s in must_include):
        bad("must_include must be a list of non-empty strings")
        return
    if len(set(answer)) != len(answer):
        bad("answer repeats an id")
    for a in answer:
        if "." in a:
            bad(f"answer {a!r} must be a base id (no language suffix)")
        elif a not in snippets:
            bad(f"answer {a!r} is not a knowledge id of {row['brand']}")
        else:
            channels = snippets[a][languages[0]].get("channels", [])
            if channels and row["channel"] not in channels:
                bad(f"answer {a!r} is limited to {channels}, not {row['channel']}")
    if row["situation"] == "spam" and answer:
        bad("spam gets no answer")
    if bool(answer) != bool(must_include):
        bad("must_include is required exactly when answer is not empty")
    if len(must_include) > 2:
        bad("at most 2 must_include strings")
    answered = [snippets[a] for a in answer if a in snippets]
    for s in must_include:
        if not any(all(s in v["text"] for v in variants.values()) for variants in answered):
            bad(f"must_include {s!r} is not in every language variant of an answer snippet")

    given = row["given"]
    if not isinstance(given, dict):
        bad("given must be an object")
    else:
        for k, v in given.items():
            if k not in GIVEN_KEYS:
                bad(f"given key {k!r}")
            if not isinstance(v, str) or not v:
                bad(f"given {k} must be a non-empty string")
            elif v not in text:
                bad(f"given {k} {v!r} is not in the text verbatim")

    must_avoid = row["must_avoid"]
    if not isinstance(must_avoid, list) or not all(isinstance(s, str) and s for s in must_avoid):
        bad("must_avoid must be a list of non-empty strings")
        return
    for s in must_avoid:
        if s != s.lower():
            bad(f"must_avoid {s!r} must be lower-case")
        # No false alarm: pasting the answer itself never trips a must_avoid.
        for variants in answered:
            for v in variants.values():
                if s.lower() in v["text"].lower():
                    bad(f"must_avoid {s!r} occurs in knowledge {v['id']!r}")


def table(title, counter, total, order=None):
    keys = order or [k for k, _ in counter.most_common()]
    cells = ", ".join(f"{k} {counter[k]} ({100 * counter[k] / total:.1f}%)" for k in keys if counter[k])
    print(f"{title:<12} {cells}")


def main():
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DATA
    problems = []
    brands = {}
    for brand in BRANDS:
        languages, snippets = load_brand(brand)
        check_brand(brand, languages, snippets, problems)
        brands[brand] = (languages, snippets)

    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                problems.append(f"line {n}: not JSON ({e})")
                continue
            rows.append(row)
            check_line(n, row, brands, problems)

    ids = Counter(r.get("id") for r in rows)
    problems += [f"id {i} is used {c} times" for i, c in ids.items() if c > 1]
    splits = defaultdict(set)
    for r in rows:
        splits[r.get("author", "").lower()].add(r.get("split"))
    problems += [f"author {a} straddles the split" for a, s in splits.items() if len(s) > 1]

    if problems:
        print(f"{path}: {len(problems)} problem(s)")
        for p in problems:
            print("  " + p)
        return 1

    total = len(rows)
    print(f"{path.name}: {total} lines, {len(splits)} authors, ok\n")
    table("brand", Counter(r["brand"] for r in rows), total)
    table("situation", Counter(r["situation"] for r in rows), total, SITUATIONS)
    table("channel", Counter(r["channel"] for r in rows), total, ["twitter", "slack", "email"])
    table("visibility", Counter(r["visibility"] for r in rows), total, ["public", "private"])
    table("language", Counter(r["language"] for r in rows), total, ["en", "es", "fr", "de"])
    table("split", Counter(r["split"] for r in rows), total, ["dev", "heldout"])
    unlisted = sum(1 for r in rows if r["language"] not in brands[r["brand"]][0])
    with_given = sum(1 for r in rows if r["given"])
    print(f"{'other':<12} language the brand does not list {unlisted} ({100 * unlisted / total:.1f}%), "
          f"with given facts {with_given} ({100 * with_given / total:.1f}%), "
          f"answerable {sum(1 for r in rows if r['answer'])}")
    questions = [r for r in rows if r["situation"] == "question"]
    answerable = sum(1 for r in questions if r["answer"])
    print(f"{'':<12} questions answerable from knowledge {answerable}/{len(questions)} "
          f"({100 * answerable / max(len(questions), 1):.0f}%)")
    named = [r for r in rows if r["channel"] != "email"]
    print(f"{'':<12} X/Slack lines without a name {sum(1 for r in named if r['name'] is None)}/{len(named)}, "
          f"emails without a name {sum(1 for r in rows if r['channel'] == 'email' and r['name'] is None)}")
    print()

    print(f"{'brand × situation':<20}" + "".join(f"{s:>10}" for s in SITUATIONS) + f"{'total':>10}")
    for b in BRANDS:
        c = Counter(r["situation"] for r in rows if r["brand"] == b)
        print(f"{b:<20}" + "".join(f"{c[s]:>10}" for s in SITUATIONS) + f"{sum(c.values()):>10}")
    print()
    print(f"{'brand × language':<20}" + "".join(f"{lang:>6}" for lang in ["en", "es", "fr", "de"]) + "   (brand lists)")
    for b in BRANDS:
        c = Counter(r["language"] for r in rows if r["brand"] == b)
        print(f"{b:<20}" + "".join(f"{c[lang]:>6}" for lang in ["en", "es", "fr", "de"])
              + "   " + ", ".join(brands[b][0]))
    print()
    print(f"{'brand × channel':<20}" + "".join(f"{ch:>9}" for ch in ["twitter", "slack", "email"]))
    for b in BRANDS:
        c = Counter(r["channel"] for r in rows if r["brand"] == b)
        print(f"{b:<20}" + "".join(f"{c[ch]:>9}" for ch in ["twitter", "slack", "email"]))
    print()
    print("answers per knowledge topic:")
    for b in BRANDS:
        c = Counter(a for r in rows if r["brand"] == b for a in r["answer"])
        unused = [k for k in brands[b][1] if k not in c]
        print(f"  {b}: " + ", ".join(f"{k} {n}" for k, n in sorted(c.items()))
              + (f"; never asked: {', '.join(unused)}" if unused else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
