#!/usr/bin/env python3
"""Builds triage-eval.jsonl from the hand-written parts in written/*.jsonl.

- id: first 12 hex digits of SHA-256 of "<part>:<author>:<text>";
- split: by author, so one author's messages never straddle the split:
  heldout when SHA-256("split:" + author) is odd, else dev;
- checks: every line follows LABELLING.md's route and priority rules given
  intent, visibility and signals (personal data in public posts aside); no
  two lines are near-duplicates across the split (Jaccard similarity of
  word 3-shingles >= 0.5); no eval text is a near-duplicate of a training
  text in guest-sdk/data/*.tsv. Any failure stops the script.

Run from the repository root: python3 tests/data/make_realistic_eval.py
Deterministic; the written parts are the source of truth.
"""
import glob
import hashlib
import json
import re
import sys
from collections import Counter

KEYS = ["author", "brand", "channel", "visibility", "text", "intent", "route",
        "priority", "sentiment", "language", "signals", "origin"]
INTENTS = {"outage", "safety", "legal", "account", "billing", "refund", "cancellation",
           "delivery", "damaged", "warranty", "technical", "feature-request", "question",
           "complaint", "praise", "thanks", "spam", "auto-reply", "general"}
SIGNALS = {"repeat-contact", "double-charge", "fraud", "churn-risk", "angry"}
PRIVATE = {"account", "billing", "refund", "cancellation", "delivery", "damaged", "warranty"}
SIMILAR = 0.5


def sha(text):
    return hashlib.sha256(text.encode()).hexdigest()


def shingles(text):
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i:i + 3]) for i in range(max(1, len(words) - 2))}


def jaccard(a, b):
    return len(a & b) / len(a | b) if a and b else 0.0


def expected_route(d):
    if d["intent"] in ("spam", "auto-reply"):
        return {"no-reply"}
    if d["intent"] in ("legal", "safety"):
        return {"escalate"}
    if d["visibility"] == "public" and d["intent"] in PRIVATE:
        return {"take-private"}
    # a public post with personal data goes private: checked by hand
    return {"reply-public", "take-private"} if d["visibility"] == "public" else {"reply-public"}


def expected_priority(d):
    if d["intent"] in ("spam", "auto-reply", "praise", "thanks", "general"):
        return "low"
    if d["intent"] in ("safety", "legal", "outage") or "fraud" in d["signals"]:
        return "urgent"
    if set(d["signals"]) & {"double-charge", "repeat-contact", "angry", "churn-risk"}:
        return "high"
    return "normal"


def main():
    lines, errors = [], []
    for path in sorted(glob.glob("tests/data/written/*.jsonl")):
        part = path.rsplit("/", 1)[1].removesuffix(".jsonl")
        for number, raw in enumerate(open(path, encoding="utf-8"), 1):
            d = json.loads(raw)
            where = f"{path}:{number}"
            if list(d) != KEYS:
                errors.append(f"{where}: keys {list(d)}")
                continue
            if d["intent"] not in INTENTS or not set(d["signals"]) <= SIGNALS:
                errors.append(f"{where}: unknown intent or signal")
            if d["route"] not in expected_route(d):
                errors.append(f"{where}: route {d['route']}, rules say {expected_route(d)}")
            if d["priority"] != expected_priority(d):
                errors.append(f"{where}: priority {d['priority']}, rules say {expected_priority(d)}")
            line = {"id": sha(f"{part}:{d['author']}:{d['text']}")[:12], "split":
                    "heldout" if int(sha("split:" + d["author"].lower()), 16) % 2 else "dev"}
            line.update(d)
            lines.append(line)
    ids = Counter(l["id"] for l in lines)
    errors += [f"duplicate id {i}" for i, n in ids.items() if n > 1]
    shingled = [shingles(l["text"]) for l in lines]
    for i in range(len(lines)):
        for j in range(i + 1, len(lines)):
            if lines[i]["split"] != lines[j]["split"] and jaccard(shingled[i], shingled[j]) >= SIMILAR:
                errors.append(f"near-duplicates across the split: {lines[i]['id']} / {lines[j]['id']}")
    training = []
    for path in sorted(glob.glob("guest-sdk/data/*.tsv")):
        for raw in open(path, encoding="utf-8"):
            if raw.startswith("#") or "\t" not in raw:
                continue
            training.append(shingles(raw.split("\t", 1)[1]))
    for line, s in zip(lines, shingled):
        if len(s) >= 3 and any(jaccard(s, t) >= SIMILAR for t in training):
            errors.append(f"{line['id']}: near-duplicate of a training text: {line['text'][:60]!r}")
    if errors:
        sys.exit("\n".join(errors))
    lines.sort(key=lambda l: l["id"])
    with open("tests/data/triage-eval.jsonl", "w", encoding="utf-8") as out:
        for line in lines:
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    for field in ("split", "language", "channel", "brand", "intent", "route", "priority"):
        print(field, dict(sorted(Counter(l[field] for l in lines).items())))
    for split in ("dev", "heldout"):
        sub = [l for l in lines if l["split"] == split]
        print(split, len(sub), dict(sorted(Counter(l["language"] for l in sub).items())))
    print("authors", len({l["author"] for l in lines}), "lines", len(lines))


main()
