"""Files uploaded as evidence: checked for type and size before anything is stored, then kept as
Wagtail documents (in the "OIT evidence" collection) so they are served and managed like any other."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.models import Collection

COLLECTION_NAME = "หลักฐาน OIT"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# extension -> the bytes such a file starts with
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "pptx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
    "ods": (b"PK\x03\x04",),
    "doc": (b"\xd0\xcf\x11\xe0",),
    "xls": (b"\xd0\xcf\x11\xe0",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}


def max_upload_bytes() -> int:
    return int(getattr(settings, "PRONGSAI_OIT_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def allowed_extensions() -> list[str]:
    return sorted(SIGNATURES)


def upload_check(upload: UploadedFile) -> str:
    """The file's extension when it may be stored; raises ValidationError with a message otherwise."""
    name = upload.name or ""
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension not in SIGNATURES:
        raise ValidationError(
            _("Files of this type cannot be attached. Allowed: %(types)s.")
            % {"types": ", ".join(ext.upper() for ext in allowed_extensions())}
        )
    limit = max_upload_bytes()
    if upload.size is None or upload.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s). The largest file allowed is %(limit)s.")
            % {"size": filesizeformat(upload.size or 0), "limit": filesizeformat(limit)}
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."))
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in SIGNATURES[extension]):
        raise ValidationError(
            _("The file's content does not match its name (.%(ext)s). Save it again as a real %(type)s file.")
            % {"ext": extension, "type": extension.upper()}
        )
    return extension


def evidence_collection() -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=COLLECTION_NAME).first()
    if existing is not None:
        return existing  # type: ignore[no-any-return]
    return root.add_child(name=COLLECTION_NAME)  # type: ignore[no-any-return]


def upload_store(*, upload: UploadedFile, title: str, actor: Any) -> Any:
    """Check, then store the file as a Wagtail document and return it."""
    upload_check(upload)
    document_model = get_document_model()
    document = document_model(
        title=title[:255] or PurePath(upload.name or "file").stem,
        collection=evidence_collection(),
        uploaded_by_user=actor if getattr(actor, "is_authenticated", False) else None,
    )
    document.file = upload
    document._set_document_file_metadata()
    document.save()
    return document
