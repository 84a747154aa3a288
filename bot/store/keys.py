"""Pseudonymous user keys: a keyed hash of the Discord user id, never the id itself."""

from __future__ import annotations

import hashlib
import hmac
import secrets

KEY_HEX_CHARS = 32
"""128 bits of HMAC-SHA256, as hex: collisions are not a concern for one event's attendees."""


def new_secret() -> str:
    return secrets.token_hex(32)


def user_key(secret: str, user_id: int | str) -> str:
    """HMAC-SHA256(secret, decimal user id), truncated to :data:`KEY_HEX_CHARS` hex characters.

    Stable for a given secret; without the secret, the key cannot be linked back to the id
    (not even by hashing every possible id).
    """
    if not secret:
        raise ValueError("user_key: empty secret")
    message = str(int(user_id)).encode("ascii")
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()[:KEY_HEX_CHARS]


def key_check(secret: str) -> str:
    """A value that tells whether two secrets are the same without revealing either: kept in
    the database for a configured secret (``USER_KEY_SECRET``), which is never stored."""
    if not secret:
        raise ValueError("key_check: empty secret")
    return hmac.new(
        secret.encode("utf-8"), b"event-bot user key check", hashlib.sha256
    ).hexdigest()[:KEY_HEX_CHARS]
