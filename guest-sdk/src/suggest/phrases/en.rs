//! English: casual, neutral and formal, first person plural.

use super::{DISTRESS, INVOICE_REQUEST, IntentWords, Phrases};
use crate::suggest::facts::Need;

const fn words(intent: &'static str, subject: &'static str) -> IntentWords {
    IntentWords { intent, subject }
}

const INTENTS: &[IntentWords] = &[
    words("billing", "the charge"),
    words(INVOICE_REQUEST, "your invoice"),
    words("refund", "your refund"),
    words("delivery", "your delivery"),
    words("damaged", "the damaged item"),
    words("warranty", "your repair"),
    words("account", "your account"),
    words("technical", "the problem"),
    words("outage", "the outage"),
    words("cancellation", "your cancellation"),
    words("feature-request", "your suggestion"),
    words("legal", "your complaint"),
    words("legal-request", "your request"),
    words(DISTRESS, "your message"),
    words("safety", "your safety report"),
    words("complaint", "what went wrong"),
    words("", "this"),
];

const NEEDS: &[(Need, &str)] = &[
    (Need::OrderId, "your order number"),
    (
        Need::AccountEmail,
        "the email address on the account (never your password)",
    ),
    (Need::Amount, "the amount charged"),
    (Need::Date, "the date of the charge"),
    (Need::InvoiceId, "the invoice number"),
    (Need::Reason, "the reason for the refund"),
    (Need::Photo, "a photo of the item"),
    (Need::Error, "the error message or a screenshot"),
    (Need::Steps, "what you were doing when it happened"),
    (Need::Plan, "the name of the plan you'd like to cancel"),
    (Need::UseCase, "a bit more about how you'd use it"),
    (Need::Suspect, "a screenshot of the message you received"),
    (Need::Detail, "a few more details"),
];

const PROBLEMS: &[(&str, &str)] = &[
    (DISTRESS, "what you're going through"),
    ("safety", "what happened"),
    ("legal", "the way this has been handled"),
    ("fraud", "this security concern"),
    ("double-charge", "being charged twice"),
    ("outage", "the outage"),
    ("outage-burst", "the outage"),
    ("repeat-contact", "all the chasing you've had to do"),
    ("long-wait", "the long wait"),
    ("delivery", "the delay with your order"),
    ("damaged", "the damaged item"),
    ("billing", "the charge"),
    ("refund", "the wait for your refund"),
    ("account", "being locked out of your account"),
    ("technical", "the problem you're hitting"),
    ("", "what happened"),
];

/// Neutral English: "Thanks for reaching out, Jo."
pub(super) const NEUTRAL: Phrases = Phrases {
    lang: "en",
    hello: &[],
    thanks: &[
        "Thanks for reaching out, {name}.",
        "Thanks for getting in touch, {name}.",
        "Thanks for the message, {name}.",
        "Thanks for letting us know, {name}.",
    ],
    empathy: &[
        "We're sorry to hear about this, {name}.",
        "Sorry for the trouble, {name}.",
        "We understand how frustrating this is, {name}.",
        "Sorry this happened, {name}.",
    ],
    concern: &[
        "We understand the concern, {name}.",
        "{name}, we understand why you'd want to check.",
        "Good question to ask, {name}: we understand wanting to be sure.",
    ],
    severe_empathy: &[
        "{name}, we're sorry about {problem}.",
        "We're very sorry about {problem}, {name}.",
        "{name}, we know this has been difficult, and we're sorry about {problem}.",
    ],
    severe_calm: &[
        "Thank you for your message, {name}.",
        "{name}, thank you for writing to us about this.",
    ],
    condolences: &[
        "We're so sorry for your loss, {name}.",
        "{name}, we're so sorry to hear about your loss.",
    ],
    returning: &[
        "Good to hear from you again.",
        "Nice to hear from you again.",
    ],
    praise_specific: &[
        "Thank you for the kind words about {praised}, {name}.",
        "We're so glad you're enjoying {praised}, {name}.",
        "That's great to hear about {praised}, {name}.",
    ],
    praise: &[
        "Thank you for the kind words, {name}.",
        "Thanks so much for taking the time to tell us, {name}.",
        "That's lovely to hear, {name}.",
    ],
    praise_after: &[
        "We'll pass this on to the team.",
        "We'll share it with the people who made it happen.",
        "It means a lot to the team.",
    ],
    close: &[
        "Glad that's sorted, {name}.",
        "Great to hear that it all went well, {name}.",
        "You're welcome, {name}.",
        "Happy we could help, {name}.",
    ],
    ask_open: &[
        "How can we help you today?",
        "What can we help you with?",
        "What can we do for you?",
    ],
    ask: &[
        "Could you share {detail}? Then we can sort it out.",
        "Could you send us {detail}? We'll take it from there.",
        "To check this, we need {detail}.",
    ],
    ask_private: &[
        "Could you send {detail} in {private}? Then we can sort it out.",
        "Please send us {detail} in {private} and we'll take it from there.",
        "To check this, we need {detail}: please send it in {private}.",
    ],
    take_private: &[
        "So we can look into this safely, please send us {private} with {what}, and we'll take it from there.",
        "Please send us {private} with {what} so we can look into it safely.",
        "Could you send us {private} with {what}? We'll pick it up there.",
    ],
    take_private_known: &[
        "Please send us {private} so we can look into {subject} safely.",
        "Could you send us {private}? We'll look into {subject} there.",
    ],
    privacy_note: &[
        "Please don't post personal or payment details here.",
        "Please keep personal and payment details out of public posts.",
    ],
    escalate: &[
        "We're bringing in a specialist who can sort this out.",
        "We've passed this to a specialist who can resolve it.",
    ],
    escalate_next: &[
        "They'll reply {response_time} and have the full conversation, so you won't need to repeat anything.",
        "They have the whole conversation and will get back to you {response_time}.",
    ],
    acknowledge: &[
        "We're looking into {subject} and we'll get back to you {response_time}.",
        "We're checking {subject} now and will update you {response_time}.",
        "We've started on {subject} and you'll hear from us {response_time}.",
    ],
    safety_first: &[
        "Please get medical help for anyone who was hurt first, and stop using the product until we've looked at it.",
        "Your safety comes first: please get medical help for anyone who's hurt, and don't use the product again until we've checked it.",
    ],
    safety_unhurt: &[
        "We're relieved nobody was hurt. Please stop using the product until we've looked at it.",
        "We're glad to hear nobody was hurt; please don't use the product again until we've checked it.",
    ],
    crisis: &[
        "If you are in danger or thinking of harming yourself, please call your local emergency number or a crisis helpline now; they are there day and night.",
    ],
    severe_next: &[
        "A member of the team is on {subject} now and will reply {response_time}.",
        "We've made {subject} a priority and will update you {response_time}.",
        "Someone from the team is looking at {subject} now; you'll hear from us {response_time}.",
    ],
    order_followup: &[
        "We'll check {order} right away.",
        "We're checking {order} now.",
        "We'll look up {order} and come back to you.",
    ],
    answer_followup: &[
        "Anything else, just reply here.",
        "If you need more than that, reply and we'll help.",
    ],
    fix_followup: &[
        "If that doesn't solve it, just reply and we'll dig in.",
        "If it's still not working, reply here and we'll take a closer look.",
    ],
    tip: &["Tip: {tip}"],
    warm_closing: &[
        "We're here to help.",
        "We're here if you need anything else.",
    ],
    your_order: "your order",
    order_ref: "order {id}",
    and: " and ",
    needs: NEEDS,
    problems: PROBLEMS,
    intents: INTENTS,
};

/// Casual English: "Hey Jo! Thanks for the message."
pub(super) const CASUAL: Phrases = Phrases {
    hello: &["Hey {name}!", "Hi {name}!"],
    thanks: &[
        "Thanks for the message.",
        "Thanks for reaching out.",
        "Thanks for getting in touch.",
        "Thanks for flagging this.",
    ],
    empathy: &[
        "Ugh, sorry about that.",
        "Sorry about the hassle.",
        "Sorry, that's not what we want to hear.",
        "That's frustrating, sorry.",
    ],
    concern: &[
        "Totally understand wanting to check first.",
        "Fair question, we hear you.",
        "Good question, we totally understand.",
    ],
    severe_empathy: &[
        "{name}, we're really sorry about {problem}.",
        "We're so sorry about {problem}, {name}.",
        "{name}, we know this has been a lot, and we're so sorry about {problem}.",
    ],
    severe_calm: &[
        "Thanks for your message, {name}.",
        "{name}, thanks for getting in touch about this.",
    ],
    condolences: &[
        "{name}, we're so sorry for your loss.",
        "We're so sorry to hear about your loss, {name}.",
    ],
    returning: &["Great to hear from you again.", "Nice to see you again."],
    praise_specific: &[
        "Thank you so much for the love for {praised}.",
        "So glad you're enjoying {praised}.",
        "This made our day: thanks for the shout-out for {praised}.",
    ],
    praise: &[
        "Aw, thank you so much.",
        "This made our day, thank you.",
        "Thanks so much for the kind words.",
    ],
    praise_after: &[
        "We'll share this with the team; they'll be thrilled.",
        "We're passing this straight on to the team.",
        "The team will love reading this.",
    ],
    close: &[
        "Glad that's sorted.",
        "Yay, great to hear that it all went well.",
        "Any time.",
        "Happy we could help.",
    ],
    ask_open: &[
        "What can we help you with today?",
        "We're all ears. What can we help with?",
        "How can we help?",
    ],
    ask: &[
        "Can you send us {detail}? Then we'll get it sorted.",
        "Could you send over {detail}? We'll take it from there.",
        "Can you share {detail}? Then we can get going.",
    ],
    ask_private: &[
        "Can you send us {detail} via {private}? Then we'll get it sorted.",
        "Pop {detail} into {private} and we'll take it from there.",
        "Send us {detail} via {private} and we'll get going.",
    ],
    take_private: &[
        "Pop us {private} with {what} and we'll take it from there.",
        "Send us {private} with {what} and we'll sort it out there.",
        "Can you drop us {private} with {what}? We'll pick it up there.",
    ],
    take_private_known: &[
        "Pop us {private} and we'll look into {subject} there.",
        "Drop us {private} so we can look into {subject} properly.",
    ],
    privacy_note: &[
        "Just keep personal details out of public posts.",
        "Keep personal details out of public posts, though.",
    ],
    escalate: &[
        "We're looping in a specialist to get this sorted.",
        "We're bringing in a specialist for this.",
    ],
    escalate_next: &[
        "They'll see the whole thread, so no need to repeat yourself, and they'll reply {response_time}.",
        "They'll get back to you {response_time}, with the whole thread in front of them.",
    ],
    acknowledge: &[
        "We're on it: we're looking into {subject} and we'll get back to you {response_time}.",
        "We're looking into {subject} now and you'll hear from us {response_time}.",
        "Leave it with us: we'll check {subject} and get back to you {response_time}.",
    ],
    crisis: &[
        "If you are in danger or thinking of harming yourself, please call your local emergency number or a crisis helpline now; they are there day and night.",
    ],
    severe_next: &[
        "Someone from the team is on {subject} right now and will reply {response_time}.",
        "We've made {subject} a priority and will update you {response_time}.",
        "A real person is looking at {subject} now; you'll hear from us {response_time}.",
    ],
    order_followup: &[
        "We'll check {order} right away.",
        "We're checking {order} now.",
        "We'll look up {order} and get back to you.",
    ],
    answer_followup: &[
        "Anything else, just shout.",
        "Need more than that? Reply here and we'll help.",
    ],
    fix_followup: &[
        "Still stuck? Just reply and we'll dig in.",
        "If it's still playing up, reply here and we'll sort it.",
    ],
    tip: &["Pro tip: {tip}"],
    warm_closing: &[
        "We've got you.",
        "Here if you need us.",
        "Always happy to help.",
        "Talk soon.",
    ],
    ..NEUTRAL
};

/// Formal English: "Thank you for contacting us, Jo."
pub(super) const FORMAL: Phrases = Phrases {
    hello: &[],
    thanks: &[
        "Thank you for contacting us, {name}.",
        "Thank you for your message, {name}.",
        "Thank you for getting in touch, {name}.",
    ],
    empathy: &[
        "We are sorry to hear about this, {name}.",
        "We understand your concern, {name}.",
        "We are sorry for the difficulty, {name}.",
    ],
    concern: &[
        "We understand your concern, {name}.",
        "{name}, we understand why you would wish to check this.",
        "We understand entirely that you would like to be sure, {name}.",
    ],
    severe_empathy: &[
        "{name}, we are sorry about {problem}.",
        "We are very sorry about {problem}, {name}.",
        "{name}, we understand this has been difficult, and we are sorry about {problem}.",
    ],
    severe_calm: &[
        "Thank you for your message, {name}.",
        "{name}, thank you for writing to us regarding this matter.",
    ],
    condolences: &[
        "Please accept our sincere condolences, {name}.",
        "{name}, we are very sorry for your loss.",
    ],
    returning: &["It is good to hear from you again."],
    praise_specific: &[
        "Thank you for your kind words about {praised}, {name}.",
        "We are delighted that you are pleased with {praised}, {name}.",
    ],
    praise: &[
        "Thank you for your kind words, {name}.",
        "Thank you for taking the time to write to us, {name}.",
        "We are delighted to read your message, {name}.",
    ],
    praise_after: &[
        "We will pass your message on to the team.",
        "We will share your feedback with the team.",
    ],
    close: &[
        "We are glad this is resolved, {name}.",
        "Thank you for letting us know, {name}.",
        "We are pleased we could assist, {name}.",
    ],
    ask_open: &[
        "How may we help you today?",
        "Please let us know how we can help.",
        "How may we assist you?",
    ],
    ask: &[
        "Could you please provide {detail}? We will then be able to resolve this.",
        "Please send us {detail}, and we will continue from there.",
        "To review this, we need {detail}.",
    ],
    ask_private: &[
        "Could you please provide {detail} via {private}? We will then be able to resolve this.",
        "Please send {detail} via {private}, and we will continue from there.",
    ],
    take_private: &[
        "To handle this securely, please send us {private} with {what}, and we will continue from there.",
        "Please contact us via {private} with {what}, so that we can review this securely.",
    ],
    take_private_known: &[
        "Please contact us via {private} so that we can review {subject} securely.",
        "To review {subject} securely, please send us {private}.",
    ],
    privacy_note: &[
        "For your privacy, please do not share personal details publicly.",
        "Please do not share account or card details in public posts.",
    ],
    escalate: &[
        "We are referring this to a specialist who can resolve it.",
        "We have passed this to a specialist team.",
    ],
    escalate_next: &[
        "The specialist will have the full history and will respond {response_time}.",
        "They will contact you {response_time}; you will not need to repeat anything.",
    ],
    acknowledge: &[
        "We are reviewing {subject} and will respond {response_time}.",
        "We have begun reviewing {subject} and will update you {response_time}.",
        "We are looking into {subject} and will contact you {response_time}.",
    ],
    crisis: &[
        "If you are in danger or thinking of harming yourself, please call your local emergency number or a crisis helpline now; they are there day and night.",
    ],
    severe_next: &[
        "A member of our team is reviewing {subject} now and will respond {response_time}.",
        "We are treating {subject} as a priority and will contact you {response_time}.",
    ],
    order_followup: &[
        "We will review {order} promptly.",
        "We are reviewing {order} now.",
    ],
    answer_followup: &[
        "If you need further assistance, please reply to this message.",
        "Should you have any further questions, please reply to this message.",
    ],
    fix_followup: &[
        "Should this not resolve the matter, please reply and we will investigate.",
        "If the issue persists, please reply and we will look into it further.",
    ],
    tip: &["Please note: {tip}"],
    warm_closing: &["We are glad to assist.", "We remain at your disposal."],
    ..NEUTRAL
};
