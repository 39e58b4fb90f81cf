"""Twilio Programmable Messaging (SMS and MMS) as a Chorus channel plugin,
written in Python and built with componentize-py against the same
``chorus:plugin@0.2.0`` contract as the Rust plugins.

``listen`` takes Twilio's inbound-message webhook: a form-encoded POST whose
``X-Twilio-Signature`` header is the Base64 HMAC-SHA1, keyed with the
account's auth token, of the full webhook URL followed by every POST
parameter name and value, sorted by name. The plugin never sees the token:
it asks the host for the MAC (``host.hmac_sha1``) and compares.

Triage and replies: the Rust plugins share the SDK's triage and reply
toolkit, which a Python plugin cannot link. This plugin therefore leaves the
decision to people and to the brand's listening rules: every text is triaged
``normal`` / ``reply-public`` (answered by SMS, which is private) with the
reason said plainly, and no reply is suggested, because a suggestion an
agent would not send is worse than none.
"""

import base64
import hmac
from urllib.parse import parse_qsl

import wit_world
from componentize_py_types import Err
from wit_world import exports
from wit_world.imports import host, manifest, types

# The secret the brand maps to its Twilio auth token.
AUTH_TOKEN = "twilio-auth-token"
# The public URL Twilio posts to, exactly as set in the Twilio console:
# Twilio signs it, and only the operator knows it (scheme, host, proxy).
WEBHOOK_URL = "webhook-url"
# Optional: the account the texts must be for.
ACCOUNT_SID = "account-sid"
# Set by the server: refuse what cannot be verified.
REQUIRE_SIGNATURES = "chorus.require-signatures"

# Twilio's opt-out keywords: Twilio confirms the opt-out itself and blocks
# every further message to the number, so no agent could answer.
# https://help.twilio.com/articles/223134027
# Its opt-in and help keywords (START, YES, UNSTOP, HELP, INFO) are not
# here: "Yes" or "Help" is as often a customer answering an agent or asking
# for one, and the inbox must show it.
OPT_OUT = {"stop", "stopall", "unsubscribe", "cancel", "end", "quit"}

# Three concatenated GSM-7 segments (153 characters each): longer replies
# cost more and arrive out of order on some handsets.
MAX_REPLY_LENGTH = 459


class WitWorld(wit_world.WitWorld):
    def init(self) -> None:
        # Nothing to build: the tables above are module constants, created
        # when componentize-py snapshots the interpreter.
        pass


def fail(error):
    """Raises a contract `plugin-error`."""
    raise Err(error)


def header(request, name):
    """The first header called `name` (case-insensitive), or None."""
    for h in request.headers:
        if h.name.lower() == name.lower():
            return h.value
    return None


def signed_bytes(url, params):
    """What Twilio signs: the URL, then each parameter's name and value, by
    name (and, for a repeated name, by value)."""
    data = url
    for name in sorted({name for name, _ in params}):
        for value in sorted({v for n, v in params if n == name}):
            data += name + value
    return data.encode("utf-8")


def verify(request, params):
    """Checks `X-Twilio-Signature`; fails closed when the host requires it."""
    url = host.config(WEBHOOK_URL)
    if url and request.query and "?" not in url:
        url += "?" + request.query
    try:
        expected = host.hmac_sha1(AUTH_TOKEN, signed_bytes(url or "", params))
    except Err as e:
        if isinstance(e.value, types.HostError_UnknownSecret):
            if host.config(REQUIRE_SIGNATURES) == "true":
                fail(types.PluginError_Config(f"the secret `{AUTH_TOKEN}` is not configured"))
            host.log(types.LogLevel.WARN, f"`{AUTH_TOKEN}` is not configured: the signature was NOT verified")
            return
        fail(types.PluginError_Internal(f"host.hmac-sha1 failed: {e.value}"))
    if not url:
        fail(types.PluginError_Config(f"`{WEBHOOK_URL}` is not set: the signature cannot be checked"))
    given = header(request, "X-Twilio-Signature")
    if given is None:
        fail(types.PluginError_Unauthorized("no X-Twilio-Signature header"))
    if not hmac.compare_digest(base64.b64encode(expected).decode("ascii"), given.strip()):
        fail(types.PluginError_Unauthorized("X-Twilio-Signature does not match"))


def media(fields):
    """The MMS attachments: `MediaUrl<n>` and `MediaContentType<n>`."""
    try:
        count = int(fields.get("NumMedia", "0") or "0")
    except ValueError:
        fail(types.PluginError_BadInput("NumMedia is not a number"))
    attachments = []
    for i in range(min(count, 10)):
        content_type = fields.get(f"MediaContentType{i}", "application/octet-stream")
        extension = content_type.split("/")[-1].split(";")[0] or "bin"
        attachments.append(types.Attachment(name=f"media-{i}.{extension}", content_type=content_type, size=0))
    return attachments


class Channel(exports.Channel):
    def metadata(self) -> types.PluginInfo:
        return types.PluginInfo(
            name="sms",
            version="0.1.0",
            description="SMS and MMS through Twilio Programmable Messaging webhooks (written in Python)",
            channel=types.ChannelKind.OTHER,
            contract_version="0.2.0",
            capabilities=[types.Capability.CONFIG, types.Capability.SECRETS],
            secrets=[AUTH_TOKEN],
        )

    def manifest(self) -> manifest.PluginManifest:
        return manifest.PluginManifest(
            config=[
                manifest.ConfigField(
                    key=WEBHOOK_URL,
                    description="the URL Twilio posts to, exactly as set in the Twilio console (Twilio signs it)",
                    kind=manifest.ConfigKind.TEXT,
                    required=True,
                ),
                manifest.ConfigField(
                    key=ACCOUNT_SID,
                    description="the Twilio account (AC...) the texts must be for; others are refused",
                    kind=manifest.ConfigKind.TEXT,
                    required=False,
                ),
            ],
            reply=manifest.ReplyFormat(voice_channels=["sms", "other"], max_reply_length=MAX_REPLY_LENGTH),
        )

    def listen(self, request: types.HttpRequest) -> types.ListenOutcome:
        if request.method.upper() != "POST":
            fail(types.PluginError_Unsupported(f"{request.method} (Twilio posts its webhooks)"))
        try:
            params = parse_qsl(request.body.decode("utf-8"), keep_blank_values=True, strict_parsing=bool(request.body))
        except (UnicodeDecodeError, ValueError) as e:
            fail(types.PluginError_BadInput(f"the body is not a form: {e}"))
        verify(request, params)
        fields = dict(params)
        sid = fields.get("MessageSid") or fields.get("SmsSid")
        if not sid:
            fail(types.PluginError_BadInput("no MessageSid: not a Twilio message webhook"))
        account = host.config(ACCOUNT_SID)
        if account and fields.get("AccountSid") != account:
            fail(types.PluginError_Unauthorized(f"a text for account {fields.get('AccountSid')!r}, not this brand's"))
        if "Body" not in fields and fields.get("MessageStatus"):
            return types.ListenOutcome_Ignore(f"a delivery status callback ({fields['MessageStatus']})")
        sender = fields.get("From", "").strip()
        if not sender:
            fail(types.PluginError_BadInput("no From number"))
        text = fields.get("Body", "").strip()
        if text.lower().rstrip(".!") in OPT_OUT:
            return types.ListenOutcome_Ignore(
                f"the opt-out keyword {text.upper()!r}: Twilio confirms it and blocks further texts to this number"
            )
        attachments = media(fields)
        if not text and not attachments:
            return types.ListenOutcome_Ignore("an empty text")
        to = fields.get("To", "")
        attributes = [types.Attribute(key="sms.to", value=to)]
        for field, key in [
            ("AccountSid", "sms.account-sid"),
            ("NumSegments", "sms.num-segments"),
            ("FromCountry", "sms.from-country"),
            ("FromCity", "sms.from-city"),
        ]:
            if fields.get(field):
                attributes.append(types.Attribute(key=key, value=fields[field]))
        return types.ListenOutcome_Messages([
            types.Message(
                event_id=sid,
                external_id=sid,
                kind=types.MessageKind.ORIGINAL,
                # One conversation per customer number and brand number.
                thread_id=f"{sender}:{to}",
                in_reply_to=None,
                author=types.Author(
                    id=sender, handle=None, display_name=None, email=None, follower_count=None, verified=False
                ),
                text=text,
                full_text=None,
                visibility=types.Visibility.PRIVATE,
                sent_at=host.now(),
                language=None,
                attachments=attachments,
                attributes=attributes,
            )
        ])

    def triage(self, message: types.Message, context: types.Context) -> types.Triage:
        return types.Triage(
            priority=types.Priority.NORMAL,
            route=types.Route.REPLY_PUBLIC,
            intent="general",
            sentiment=0.0,
            language=None,
            labels=["needs-reply"],
            reasons=[
                "sms: this plugin does not read the text; an agent answers every text "
                "(the brand's listening rules still apply)"
            ],
            confidence=0.0,
        )

    def suggest(self, message: types.Message, triage: types.Triage, context: types.Context) -> list:
        return []
