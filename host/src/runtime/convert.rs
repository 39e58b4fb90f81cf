//! Conversions between the contract's generated types and the host model.
//! Every contract version shares the newest version's `types` (see
//! [`super::bindings`]), so there is one set of conversions.

use chorus_voice as voice;

use super::bindings::latest::chorus::plugin::manifest as wit_manifest;
use super::bindings::latest::chorus::plugin::types as wit;
use super::error::ContractError;
use super::services::ServiceError;
use crate::manifest::{ConfigField, ConfigKind, PluginManifest, ReplyFormat};
use crate::model;

pub(crate) fn host_error(error: ServiceError) -> wit::HostError {
    match error {
        ServiceError::UnknownSecret(s) => wit::HostError::UnknownSecret(s),
        ServiceError::NotPermitted(s) => wit::HostError::NotPermitted(s),
        ServiceError::Limit(s) => wit::HostError::Limit(s),
        ServiceError::Unavailable(s) => wit::HostError::Unavailable(s),
    }
}

pub(crate) fn past_conversation(p: model::PastConversation) -> wit::PastConversation {
    wit::PastConversation {
        id: p.id,
        channel: p.channel,
        opened_at: p.opened_at,
        intent: p.intent,
        status: p.status,
        summary: p.summary,
    }
}

pub(crate) fn knowledge_hit(k: model::KnowledgeHit) -> wit::KnowledgeHit {
    wit::KnowledgeHit {
        id: k.id,
        text: k.text,
        score: k.score,
    }
}

pub(crate) fn knowledge_query(q: wit::KnowledgeQuery) -> model::KnowledgeQuery {
    model::KnowledgeQuery {
        text: q.text,
        language: q.language,
        among: q.among,
        limit: q.limit,
    }
}

pub(crate) fn knowledge_match(m: model::KnowledgeMatch) -> wit::KnowledgeMatch {
    wit::KnowledgeMatch {
        id: m.id,
        group: m.group,
        score: m.score,
        matched: m.matched,
        concepts: m.concepts,
        anchored: m.anchored,
        topics: m.topics,
    }
}

pub(crate) fn contract_error(e: wit::PluginError) -> ContractError {
    match e {
        wit::PluginError::BadInput(s) => ContractError::BadInput(s),
        wit::PluginError::Unauthorized(s) => ContractError::Unauthorized(s),
        wit::PluginError::Config(s) => ContractError::Config(s),
        wit::PluginError::Unsupported(s) => ContractError::Unsupported(s),
        wit::PluginError::Internal(s) => ContractError::Internal(s),
    }
}

pub(crate) fn request(r: &model::HttpRequest) -> wit::HttpRequest {
    wit::HttpRequest {
        method: r.method.clone(),
        path: r.path.clone(),
        query: r.query.clone(),
        headers: r
            .headers
            .iter()
            .map(|(name, value)| wit::Header {
                name: name.clone(),
                value: value.clone(),
            })
            .collect(),
        body: r.body.clone(),
    }
}

pub(crate) fn outgoing_reply(r: &model::OutgoingReply) -> wit::OutgoingReply {
    wit::OutgoingReply {
        text: r.text.clone(),
        idempotency_key: r.idempotency_key.clone(),
    }
}

pub(crate) fn outbound_from_wit(r: wit::OutboundRequest) -> model::OutboundRequest {
    match r {
        wit::OutboundRequest::Call(c) => model::OutboundRequest::Call(model::OutboundCall {
            method: c.method,
            url: c.url,
            headers: c.headers.into_iter().map(|h| (h.name, h.value)).collect(),
            body: c.body,
            sent_id: c.sent_id,
            ok_flag: c.ok_flag,
            error_reason: c.error_reason,
        }),
        wit::OutboundRequest::Mail(m) => model::OutboundRequest::Mail(model::OutboundMail {
            to: m.to,
            cc: m.cc,
            subject: m.subject,
            in_reply_to: m.in_reply_to,
            references: m.references,
            text: m.text,
        }),
    }
}

pub(crate) fn response(r: wit::HttpResponse) -> model::HttpResponse {
    model::HttpResponse {
        status: r.status,
        headers: r.headers.into_iter().map(|h| (h.name, h.value)).collect(),
        body: String::from_utf8_lossy(&r.body).into_owned(),
    }
}

pub(crate) fn message_from_wit(m: wit::Message) -> model::Message {
    model::Message {
        event_id: m.event_id,
        external_id: m.external_id,
        kind: match m.kind {
            wit::MessageKind::Original => model::MessageKind::Original,
            wit::MessageKind::Edit => model::MessageKind::Edit,
            wit::MessageKind::Deletion => model::MessageKind::Deletion,
        },
        thread_id: m.thread_id,
        in_reply_to: m.in_reply_to,
        author: model::Author {
            id: m.author.id,
            handle: m.author.handle,
            display_name: m.author.display_name,
            email: m.author.email,
            follower_count: m.author.follower_count,
            verified: m.author.verified,
        },
        text: m.text,
        full_text: m.full_text,
        visibility: match m.visibility {
            wit::Visibility::Public => model::Visibility::Public,
            wit::Visibility::Private => model::Visibility::Private,
        },
        sent_at: m.sent_at,
        language: m.language,
        attachments: m
            .attachments
            .into_iter()
            .map(|a| model::Attachment {
                name: a.name,
                content_type: a.content_type,
                size: a.size,
            })
            .collect(),
        attributes: m
            .attributes
            .into_iter()
            .map(|a| model::Attribute {
                key: a.key,
                value: a.value,
            })
            .collect(),
    }
}

pub(crate) fn message_to_wit(m: &model::Message) -> wit::Message {
    wit::Message {
        event_id: m.event_id.clone(),
        external_id: m.external_id.clone(),
        kind: match m.kind {
            model::MessageKind::Original => wit::MessageKind::Original,
            model::MessageKind::Edit => wit::MessageKind::Edit,
            model::MessageKind::Deletion => wit::MessageKind::Deletion,
        },
        thread_id: m.thread_id.clone(),
        in_reply_to: m.in_reply_to.clone(),
        author: wit::Author {
            id: m.author.id.clone(),
            handle: m.author.handle.clone(),
            display_name: m.author.display_name.clone(),
            email: m.author.email.clone(),
            follower_count: m.author.follower_count,
            verified: m.author.verified,
        },
        text: m.text.clone(),
        full_text: m.full_text.clone(),
        visibility: match m.visibility {
            model::Visibility::Public => wit::Visibility::Public,
            model::Visibility::Private => wit::Visibility::Private,
        },
        sent_at: m.sent_at,
        language: m.language.clone(),
        attachments: m
            .attachments
            .iter()
            .map(|a| wit::Attachment {
                name: a.name.clone(),
                content_type: a.content_type.clone(),
                size: a.size,
            })
            .collect(),
        attributes: m
            .attributes
            .iter()
            .map(|a| wit::Attribute {
                key: a.key.clone(),
                value: a.value.clone(),
            })
            .collect(),
    }
}

pub(crate) fn triage_from_wit(t: wit::Triage) -> model::Triage {
    model::Triage {
        priority: match t.priority {
            wit::Priority::Low => model::Priority::Low,
            wit::Priority::Normal => model::Priority::Normal,
            wit::Priority::High => model::Priority::High,
            wit::Priority::Urgent => model::Priority::Urgent,
        },
        route: match t.route {
            wit::Route::ReplyPublic => model::Route::ReplyPublic,
            wit::Route::TakePrivate => model::Route::TakePrivate,
            wit::Route::Escalate => model::Route::Escalate,
            wit::Route::NoReply => model::Route::NoReply,
        },
        intent: t.intent,
        sentiment: t.sentiment,
        language: t.language,
        labels: t.labels,
        reasons: t.reasons,
        confidence: t.confidence,
    }
}

pub(crate) fn triage_to_wit(t: &model::Triage) -> wit::Triage {
    wit::Triage {
        priority: match t.priority {
            model::Priority::Low => wit::Priority::Low,
            model::Priority::Normal => wit::Priority::Normal,
            model::Priority::High => wit::Priority::High,
            model::Priority::Urgent => wit::Priority::Urgent,
        },
        route: match t.route {
            model::Route::ReplyPublic => wit::Route::ReplyPublic,
            model::Route::TakePrivate => wit::Route::TakePrivate,
            model::Route::Escalate => wit::Route::Escalate,
            model::Route::NoReply => wit::Route::NoReply,
        },
        intent: t.intent.clone(),
        sentiment: t.sentiment,
        language: t.language.clone(),
        labels: t.labels.clone(),
        reasons: t.reasons.clone(),
        confidence: t.confidence,
    }
}

pub(crate) fn suggestion_from_wit(s: wit::Suggestion) -> model::Suggestion {
    model::Suggestion {
        text: s.text,
        strategy: s.strategy,
        rationale: s.rationale,
    }
}

pub(crate) fn plugin_info(i: wit::PluginInfo) -> model::PluginInfo {
    model::PluginInfo {
        name: i.name,
        version: i.version,
        description: i.description,
        channel: match i.channel {
            wit::ChannelKind::Social => model::ChannelKind::Social,
            wit::ChannelKind::Chat => model::ChannelKind::Chat,
            wit::ChannelKind::Email => model::ChannelKind::Email,
            wit::ChannelKind::Other => model::ChannelKind::Other,
        },
        contract_version: i.contract_version,
        capabilities: i
            .capabilities
            .into_iter()
            .map(|c| {
                match c {
                    wit::Capability::Config => "config",
                    wit::Capability::Secrets => "secrets",
                    wit::Capability::Kv => "kv",
                    wit::Capability::History => "history",
                    wit::Capability::Knowledge => "knowledge",
                }
                .to_owned()
            })
            .collect(),
        secrets: i.secrets,
        manifest: PluginManifest::default(),
    }
}

pub(crate) fn manifest(m: wit_manifest::PluginManifest) -> PluginManifest {
    PluginManifest {
        config: Some(
            m.config
                .into_iter()
                .map(|f| ConfigField {
                    key: f.key,
                    description: f.description,
                    kind: match f.kind {
                        wit_manifest::ConfigKind::Text => ConfigKind::Text,
                        wit_manifest::ConfigKind::Integer => ConfigKind::Integer,
                        wit_manifest::ConfigKind::Boolean => ConfigKind::Boolean,
                        wit_manifest::ConfigKind::TextList => ConfigKind::TextList,
                    },
                    required: f.required,
                })
                .collect(),
        ),
        reply: ReplyFormat {
            voice_channels: m.reply.voice_channels,
            max_reply_length: m.reply.max_reply_length,
        },
        send_to: m.send_to,
    }
}

/// Whether a context's voice carries the brand's texts (knowledge snippets
/// and canned responses).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Texts {
    With,
    Without,
}

pub(crate) fn context_to_wit(c: &model::Context, texts: Texts) -> wit::Context {
    wit::Context {
        brand: wit::Brand {
            id: c.brand.id.clone(),
            name: c.brand.name.clone(),
            own_accounts: c.brand.own_accounts.clone(),
        },
        voice: voice_to_wit(&c.voice, texts),
        customer: c.customer.as_ref().map(|s| wit::CustomerSummary {
            id: s.id.clone(),
            name: s.name.clone(),
            vip: s.vip,
            past_conversations: s.past_conversations,
            open_conversations: s.open_conversations,
            last_contact_at: s.last_contact_at,
        }),
        limits: wit::ChannelLimits {
            max_reply_length: c.limits.max_reply_length,
            max_suggestions: c.limits.max_suggestions,
        },
    }
}

fn voice_to_wit(v: &voice::VoiceProfile, texts: Texts) -> wit::VoiceProfile {
    let with = texts == Texts::With;
    wit::VoiceProfile {
        persona: v.persona.clone(),
        formality: match v.formality {
            voice::Formality::Casual => wit::Formality::Casual,
            voice::Formality::Neutral => wit::Formality::Neutral,
            voice::Formality::Formal => wit::Formality::Formal,
        },
        warmth: v.warmth,
        person: match v.person {
            voice::Person::We => wit::Person::We,
            voice::Person::I => wit::Person::I,
        },
        contractions: v.contractions,
        emoji: match v.emoji {
            voice::EmojiPolicy::Never => wit::EmojiPolicy::Never,
            voice::EmojiPolicy::Sparingly => wit::EmojiPolicy::Sparingly,
            voice::EmojiPolicy::Welcome => wit::EmojiPolicy::Welcome,
        },
        allowed_emoji: v.allowed_emoji.clone(),
        max_exclamations: v.max_exclamations,
        preferred_words: v.preferred_words.clone(),
        avoid_words: v
            .avoid_words
            .iter()
            .map(|r| wit::Replacement {
                avoid: r.avoid.clone(),
                prefer: r.prefer.clone(),
            })
            .collect(),
        banned_phrases: v.banned_phrases.clone(),
        empathy_required: v.empathy_required,
        channels: v
            .channels
            .iter()
            .map(|c| wit::ChannelVoice {
                channel: c.channel.clone(),
                greeting: c.greeting.clone(),
                sign_off: c.sign_off.clone(),
                max_length: c.max_length,
            })
            .collect(),
        languages: v.languages.clone(),
        canned_responses: v
            .canned_responses
            .iter()
            .filter(|_| with)
            .map(|c| wit::CannedResponse {
                id: c.id.clone(),
                intent: c.intent.clone(),
                text: c.text.clone(),
            })
            .collect(),
        knowledge: v
            .knowledge
            .iter()
            .filter(|_| with)
            .map(|k| wit::KnowledgeSnippet {
                id: k.id.clone(),
                text: k.text.clone(),
                keywords: k.keywords.clone(),
                channels: k.channels.clone(),
            })
            .collect(),
        escalation_phrase: v.escalation_phrase.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_context_without_texts_keeps_everything_but_the_brands_texts() {
        let voice = voice::VoiceProfile::from_toml_str(
            "persona = \"Sam\"\nbanned_phrases = [\"as per our policy\"]\n\
             [[knowledge]]\nid = \"returns\"\ntext = \"Returns are free.\"\n\
             [[canned_responses]]\nid = \"refund\"\nintent = \"refund\"\ntext = \"On its way.\"\n",
        )
        .expect("valid profile");
        let mut brand = crate::brand::Brand::example();
        brand.voice = std::sync::Arc::new(voice);
        let context = brand.context(model::ChannelLimits {
            max_reply_length: 280,
            max_suggestions: 3,
        });
        let with = context_to_wit(&context, Texts::With);
        let without = context_to_wit(&context, Texts::Without);
        assert_eq!(with.voice.knowledge.len(), 1);
        assert_eq!(with.voice.canned_responses.len(), 1);
        assert!(without.voice.knowledge.is_empty());
        assert!(without.voice.canned_responses.is_empty());
        assert_eq!(without.voice.banned_phrases, with.voice.banned_phrases);
        assert_eq!(without.voice.persona, "Sam");
        assert_eq!(without.brand.id, with.brand.id);
        assert_eq!(without.limits.max_reply_length, 280);
    }
}
