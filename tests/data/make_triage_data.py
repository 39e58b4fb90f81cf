#!/usr/bin/env python3
"""Builds tests/data/triage-eval.jsonl and guest-sdk/data/intent-train.tsv
from the public source files (see tests/data/README.md for sources,
licenses, the intent mapping and the labelling rules).

Usage: make_triage_data.py <sources-dir>
where <sources-dir> holds: banking77-train.csv, banking77-test.csv
(PolyAI-LDN/task-specific-datasets banking_data/), clinc150.json
(clinc/oos-eval data/data_full.json), bitext.csv (bitext/customer-support-
llm-chatbot-training-dataset data/train/Bitext_Sample_Customer_Support_
Training_Dataset.csv) and SMSSpamCollection (UCI SMS Spam Collection v.1).

Everything is deterministic: selection and splits come from SHA-256 of
stable ids, never from model results. Texts are copied unmodified.
"""
import csv
import hashlib
import json
import sys
from pathlib import Path

# Source label -> Chorus intent. Source labels not listed are not used.
BANKING77 = {
    # billing: charges, fees, exchange rates, unrecognised or declined payments
    "extra_charge_on_statement": "billing",
    "card_payment_fee_charged": "billing",
    "transaction_charged_twice": "billing",
    "exchange_charge": "billing",
    "transfer_fee_charged": "billing",
    "top_up_by_card_charge": "billing",
    "cash_withdrawal_charge": "billing",
    "top_up_by_bank_transfer_charge": "billing",
    "card_payment_wrong_exchange_rate": "billing",
    "wrong_exchange_rate_for_cash_withdrawal": "billing",
    "declined_card_payment": "billing",
    "pending_card_payment": "billing",
    "direct_debit_payment_not_recognised": "billing",
    "card_payment_not_recognised": "billing",
    "cash_withdrawal_not_recognised": "billing",
    # refund
    "request_refund": "refund",
    "Refund_not_showing_up": "refund",
    "reverted_card_payment?": "refund",
    # cancellation
    "terminate_account": "cancellation",
    "cancel_transfer": "cancellation",
    # delivery / order status
    "card_arrival": "delivery",
    "card_delivery_estimate": "delivery",
    # account / login / identity / security
    "passcode_forgotten": "account",
    "pin_blocked": "account",
    "change_pin": "account",
    "edit_personal_details": "account",
    "unable_to_verify_identity": "account",
    "verify_my_identity": "account",
    "lost_or_stolen_phone": "account",
    "compromised_card": "account",
    "lost_or_stolen_card": "account",
    # technical problem
    "card_not_working": "technical",
    "contactless_not_working": "technical",
    "virtual_card_not_working": "technical",
    "top_up_failed": "technical",
    "card_swallowed": "technical",
    "declined_cash_withdrawal": "technical",
    # general product questions
    "exchange_rate": "question",
    "country_support": "question",
    "supported_cards_and_currencies": "question",
    "fiat_currency_support": "question",
    "age_limit": "question",
    "visa_or_mastercard": "question",
    "card_acceptance": "question",
    "top_up_limits": "question",
    "disposable_card_limits": "question",
    "apple_pay_or_google_pay": "question",
}
CLINC150 = {
    # general: small talk and out-of-scope requests, so that the model has a
    # "none of the care intents" class instead of forcing one
    "oos": "general",
    "greeting": "general",
    "goodbye": "general",
    "are_you_a_bot": "general",
    "what_is_your_name": "general",
    "who_made_you": "general",
    "how_old_are_you": "general",
    "what_are_your_hobbies": "general",
    "do_you_have_pets": "general",
    "where_are_you_from": "general",
    "what_can_i_ask_you": "general",
    "who_do_you_work_for": "general",
    "tell_joke": "general",
    "fun_fact": "general",
    "meaning_of_life": "general",
    "yes": "general",
    "no": "general",
    "maybe": "general",
    "repeat": "general",
    "thank_you": "praise",
    "bill_balance": "billing",
    "bill_due": "billing",
    "order_status": "delivery",
    "account_blocked": "account",
}
BITEXT = {
    "complaint": "complaint",
    "get_refund": "refund",
    "track_refund": "refund",
    "cancel_order": "cancellation",
    "delete_account": "cancellation",
    "track_order": "delivery",
    "delivery_period": "delivery",
    "recover_password": "account",
    "registration_problems": "account",
    "payment_issue": "billing",
    "check_invoice": "billing",
    "check_refund_policy": "question",
    "check_payment_methods": "question",
}
# Source labels that are a security or fraud matter: priority high.
SECURITY = {
    "compromised_card", "lost_or_stolen_card", "lost_or_stolen_phone",
    "card_payment_not_recognised", "cash_withdrawal_not_recognised",
    "direct_debit_payment_not_recognised", "account_blocked",
}
PRIVATE_INTENTS = {"billing", "refund", "delivery", "account", "cancellation"}

# How many eval lines to draw per (source, Chorus intent).
EVAL_QUOTA = {
    ("banking77", "billing"): 30, ("clinc150", "billing"): 10, ("bitext", "billing"): 10,
    ("banking77", "refund"): 25, ("bitext", "refund"): 15,
    ("banking77", "cancellation"): 25, ("bitext", "cancellation"): 15,
    ("banking77", "delivery"): 20, ("clinc150", "delivery"): 10, ("bitext", "delivery"): 15,
    ("banking77", "account"): 30, ("clinc150", "account"): 5, ("bitext", "account"): 10,
    ("banking77", "technical"): 40,
    ("banking77", "question"): 30, ("bitext", "question"): 10,
    ("bitext", "complaint"): 40,
    ("clinc150", "praise"): 40,
    ("clinc150", "general"): 40,
    ("sms", "spam"): 40,
}
TRAIN_PER_INTENT = 260


def h(text):
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


def load(src):
    """(source, split, index, source label, text) for every usable example."""
    rows = []
    for split in ("train", "test"):
        with open(src / f"banking77-{split}.csv", newline="") as f:
            for i, r in enumerate(csv.DictReader(f)):
                rows.append(("banking77", split, i, r["category"], r["text"]))
    clinc = json.loads((src / "clinc150.json").read_text())
    for split in ("train", "test"):
        for i, (text, label) in enumerate(clinc[split]):
            rows.append(("clinc150", split, i, label, text))
        # Out-of-scope queries: their own lists, indexed after the in-scope ones.
        for i, (text, label) in enumerate(clinc[f"oos_{split}"]):
            rows.append(("clinc150", split, len(clinc[split]) + i, label, text))
    with open(src / "bitext.csv", newline="") as f:
        for i, r in enumerate(csv.DictReader(f)):
            rows.append(("bitext", "all", i, r["intent"], r["instruction"]))
    for i, line in enumerate((src / "SMSSpamCollection").read_text().splitlines()):
        label, _, text = line.partition("\t")
        rows.append(("sms", "all", i, label, text))
    return rows


def chorus_intent(source, label):
    if source == "sms":
        return "spam" if label == "spam" else None
    return {"banking77": BANKING77, "clinc150": CLINC150, "bitext": BITEXT}[source].get(label)


def is_eval_pool(source, split, ident):
    """Eval lines come from test splits; single-file sources are halved by hash."""
    if source in ("banking77", "clinc150"):
        return split == "test"
    return h("pool:" + ident) % 2 == 0


def label(source, source_label, intent, visibility):
    if intent == "spam":
        return "no-reply", "low"
    if intent == "praise":
        return "reply-public", "low"
    route = "take-private" if visibility == "public" and intent in PRIVATE_INTENTS else "reply-public"
    if source_label in SECURITY:
        return ("take-private" if visibility == "public" else "reply-public"), "high"
    if intent in ("cancellation", "complaint"):
        return route, "high"
    return route, "normal"


def main():
    src = Path(sys.argv[1])
    rows = load(src)
    seen = set()
    eval_rows, train_rows = [], []
    for source, split, i, source_label, text in rows:
        intent = chorus_intent(source, source_label)
        text = text.strip()
        if intent is None or not text or text.lower() in seen:
            continue
        seen.add(text.lower())
        ident = f"{source}:{split}:{i}"
        (eval_rows if is_eval_pool(source, split, ident) else train_rows).append(
            (source, split, i, source_label, intent, text, ident))
    # Eval: per quota, the lowest hashes.
    picked = []
    for (source, intent), n in EVAL_QUOTA.items():
        pool = [r for r in eval_rows if r[0] == source and r[4] == intent]
        pool.sort(key=lambda r: h("eval:" + r[6]))
        picked += pool[:n]
    picked.sort(key=lambda r: h("order:" + r[6]))
    with open("tests/data/triage-eval.jsonl", "w") as out:
        for source, split, i, source_label, intent, text, ident in picked:
            x = h("channel:" + ident)
            channel = ["twitter", "slack", "email"][x % 3]
            visibility = "public" if channel == "twitter" and (x >> 8) % 3 != 0 else "private"
            route, priority = label(source, source_label, intent, visibility)
            line = {
                "id": hashlib.sha256(ident.encode()).hexdigest()[:12],
                "source": f"{ident}:{source_label}",
                "split": "heldout" if h("split:" + ident) % 2 else "dev",
                "channel": channel,
                "visibility": visibility,
                "text": text,
                "intent": intent,
                "route": route,
                "priority": priority,
            }
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    # Training: per intent, the lowest hashes, from the pools never used for eval.
    with open("guest-sdk/data/intent-train.tsv", "w") as out:
        out.write("# intent<TAB>text; built by tests/data/make_triage_data.py, see tests/data/README.md\n")
        for intent in sorted({r[4] for r in train_rows}):
            pool = [r for r in train_rows if r[4] == intent]
            pool.sort(key=lambda r: h("train:" + r[6]))
            for r in pool[:TRAIN_PER_INTENT]:
                out.write(f"{intent}\t{' '.join(r[5].split())}\n")


if __name__ == "__main__":
    main()
