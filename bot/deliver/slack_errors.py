"""What each Slack error means for newsbot, in one place, with what the operator should do.

`AuthDeliveryError` (token refused: pause everything), `ChannelDeliveryError`
(this channel refuses: fix it, then `newsbot alerts --retry`),
`PermanentDeliveryError` (this message is refused), `DeliveryError` (transient).
"""

from __future__ import annotations

from slack_sdk.errors import SlackApiError

from bot.errors import DeliveryError, PermanentDeliveryError

TRANSIENT_CODES = ("ratelimited", "internal_error", "fatal_error", "request_timeout")

AUTH_CODES = {
    "invalid_auth": "the token is not valid: check SLACK_BOT_TOKEN",
    "not_authed": "no token was sent: set SLACK_BOT_TOKEN",
    "token_revoked": "the token was revoked: reinstall the app and set the new SLACK_BOT_TOKEN",
    "token_expired": "the token expired: reinstall the app and set the new SLACK_BOT_TOKEN",
    "account_inactive": "the bot or workspace was deactivated: reinstall the app",
    "not_allowed_token_type": "SLACK_BOT_TOKEN must be a bot token (xoxb-...)",
    "missing_scope": "the app lacks the chat:write scope: add it and reinstall the app",
}
CHANNEL_CODES = {
    "channel_not_found": "no such channel visible to the bot: check the channel in the "
    "watchlist, or for a private channel invite the bot: /invite @{bot}",
    "not_in_channel": "invite the bot to {channel}: /invite @{bot}",
    "is_archived": "{channel} is archived: unarchive it or change the watchlist's channel",
    "restricted_action": "a workspace setting stops the bot posting in {channel}: ask an admin",
    "no_permission": "the bot may not post in {channel}: ask an admin",
}
MESSAGE_CODES = {
    "msg_too_long": "Slack refused the message as too long: a newsbot bug, please report it",
    "invalid_blocks": "Slack refused the blocks: a newsbot bug, please report it",
    "too_many_attachments": "Slack refused the attachments: a newsbot bug, please report it",
}
# chat.update of a parent that someone deleted or that Slack no longer lets us
# edit: the count cannot be shown; retrying will not change that.
UPDATE_GONE_CODES = ("message_not_found", "cant_update_message", "edit_window_closed")


class AuthDeliveryError(PermanentDeliveryError):
    """The token is refused: nothing can be sent anywhere until it is fixed."""


class ChannelDeliveryError(PermanentDeliveryError):
    """This channel refuses the bot: every alert for it fails the same way."""


def error_code(err: SlackApiError) -> tuple[int, str]:
    status = int(err.response.status_code)
    code = err.response.get("error") if isinstance(err.response.data, dict) else None
    return status, str(code or f"http_{status}")[:80]


def may_have_posted(err: SlackApiError) -> bool:
    """A 5xx or internal error can come after Slack stored the message; a 429 cannot."""
    status, code = error_code(err)
    if status == 429 or code == "ratelimited":
        return False
    return status >= 500 or code in TRANSIENT_CODES


def write_failure(channel: str, err: SlackApiError, *, bot: str, what: str) -> DeliveryError:
    """The error a refused post or update means. `what` names the message, for bug reports."""
    status, code = error_code(err)
    if status == 429 or code == "ratelimited":
        return DeliveryError(channel, "rate limited by Slack; it stays pending")
    if status >= 500 or code in TRANSIENT_CODES:
        return DeliveryError(channel, f"Slack failed ({code}); it stays pending")
    if code in AUTH_CODES:
        return AuthDeliveryError(channel, f"{code}: {AUTH_CODES[code]}")
    if code in CHANNEL_CODES:
        hint = CHANNEL_CODES[code].format(channel=channel, bot=bot)
        return ChannelDeliveryError(channel, f"{code}: {hint}")
    if code in MESSAGE_CODES:
        return PermanentDeliveryError(channel, f"{code}: {MESSAGE_CODES[code]} ({what})")
    if code in UPDATE_GONE_CODES:
        return PermanentDeliveryError(channel, f"{code}: the message cannot be edited ({what})")
    return DeliveryError(channel, f"Slack answered {code}; it stays pending")


def read_error(where: str, e: Exception, doing: str) -> DeliveryError | None:
    """The error a failed read means, or None when it only means "not allowed to read"."""
    if not isinstance(e, SlackApiError):
        return DeliveryError(where, f"no answer from Slack ({type(e).__name__}) {doing}")
    status, code = error_code(e)
    if code in AUTH_CODES and code != "missing_scope":  # a read scope missing: go on unchecked
        return AuthDeliveryError(where, f"{code}: {AUTH_CODES[code]}")
    if status == 429 or status >= 500 or code in TRANSIENT_CODES:
        return DeliveryError(where, f"Slack failed ({code}) {doing}")
    return None
