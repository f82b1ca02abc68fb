"""Checking the emblem image before either renderer embeds it."""

from __future__ import annotations

import io
import logging

logger = logging.getLogger(__name__)

MIME_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg"}


def emblem_kind(data: bytes | None) -> str | None:
    """ "PNG" or "JPEG" if ``data`` is a readable image of that kind, else None (the emblem is then left out:
    a broken image never stops a document)."""
    if not data:
        return None
    try:
        from PIL import Image

        with Image.open(io.BytesIO(data)) as image:
            kind = (image.format or "").upper()
            image.verify()
    except Exception:
        logger.warning("Document emblem is not a readable image; rendering without it")
        return None
    if kind not in MIME_TYPES:
        logger.warning("Document emblem is %s, not PNG/JPEG; rendering without it", kind or "unknown")
        return None
    return kind
