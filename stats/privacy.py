"""Salted hashes for visitor and session ids: a random salt per UTC day (DailySalt), SHA-224 (InvenioRDM practice).
The raw IP address and user agent never leave the request."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import date

from django.db import IntegrityError, transaction

from stats.models import DailySalt

_cache: dict[date, bytes] = {}


def salt_for(day: date) -> bytes:
    """The day's salt, created on first use (by whichever process gets there first)."""
    salt = _cache.get(day)
    if salt is not None:
        return salt
    row = DailySalt.objects.filter(day=day).first()
    if row is None:
        try:
            with transaction.atomic():
                row = DailySalt.objects.create(day=day, salt=secrets.token_hex(32))
        except IntegrityError:  # another worker created it meanwhile
            row = DailySalt.objects.get(day=day)
    if len(_cache) > 4:
        _cache.clear()
    _cache[day] = salt = bytes.fromhex(row.salt)
    return salt


def salted_hash(value: str, day: date) -> str:
    return hmac.new(salt_for(day), value.encode("utf-8", "surrogateescape"), hashlib.sha224).hexdigest()


def forget_salts_before(day: date) -> int:
    """Rotation: salts of days before `day` are deleted (their hashes become unlinkable)."""
    _cache.clear()
    deleted, _ = DailySalt.objects.filter(day__lt=day).delete()
    return deleted
