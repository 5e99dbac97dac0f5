"""Storing documents and handing them out through the one permission check."""

from __future__ import annotations

import logging
import uuid as uuidlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plugins.registry import registry

from .models import Document
from .storage import private_storage
from .validation import checked_bytes

logger = logging.getLogger(__name__)


# -- the owner plugin's view of a document -----------------------------------
def document_types(jurisdiction) -> list[str]:
    """Names of the record types of ``jurisdiction`` that are documents (proxies of Document)."""
    names = []
    for name in jurisdiction.record_types:
        model = jurisdiction.record_model(name)
        if issubclass(model, Document) and model is not Document:
            names.append(name)
    return names


def proxy_model(owner: str, record_type: str | None = None) -> type[Document]:
    """The owner plugin's proxy class for its documents; LookupError if there is none."""
    if owner not in registry:
        raise LookupError(f"No installed jurisdiction has the code {owner!r}.")
    jurisdiction = registry.get(owner)
    names = document_types(jurisdiction)
    if record_type is None:
        if len(names) != 1:
            raise LookupError(
                f"Jurisdiction {owner!r} declares {len(names)} document record types; name one of {names}."
            )
        record_type = names[0]
    if record_type not in names:
        raise LookupError(
            f"{record_type!r} is not a document record type of {owner!r} (known: {names})."
        )
    return jurisdiction.record_model(record_type)


def as_owner_record(document: Document) -> Document:
    """The same row, as an instance of its owner's proxy class (what the matrix speaks of).

    Raises LookupError when the owner plugin is gone: such a document is seen by nobody.
    """
    model = proxy_model(document.owner, document.record_type)
    if type(document) is model:
        return document
    clone = model.__new__(model)
    clone.__dict__ = document.__dict__.copy()
    return clone


def documents_of(owner: str, record_type: str | None = None):
    """A queryset of the owner's documents, as its proxy records (filter with ``permitted``)."""
    model = proxy_model(owner, record_type)
    return model._default_manager.filter(owner=owner, record_type=model.__name__)


# -- storing -----------------------------------------------------------------
def _owner_code(owner) -> str:
    return getattr(owner, "code", owner)


def _save_new(*, model, data: bytes, folder: str, fields: dict, request=None) -> Document:
    """Row and file together: one transaction, and the file removed on any failure."""
    storage = private_storage()
    name = f"{folder}/{timezone.now():%Y/%m}/{uuidlib.uuid4().hex}.pdf"
    saved = None
    try:
        with transaction.atomic():
            doc = model._default_manager.create(file=name, **fields)
            saved = storage.save(name, ContentFile(data))
            if saved != name:
                doc.file = saved
                doc.save(update_fields=["file"])
            if request is not None:
                from plugins import audit
                from plugins.access import role_used

                action = "upload" if fields.get("kind") == Document.Kind.UPLOADED else "create"
                original = getattr(doc, "original_sha256", "") or ""
                audit.record(
                    request,
                    action,
                    record=doc,
                    role=role_used(request.user, action, doc),
                    detail=f"original sha256 {original}" if original else "",
                )
    except OSError as exc:
        if saved:
            try:
                storage.delete(saved)
            except OSError:  # pragma: no cover - logged; the cleanup command finds it later
                logger.exception("Could not remove %s after a failed save", saved)
        logger.exception("Storage error while saving %s", name)
        from .validation import RejectedUpload

        raise RejectedUpload(
            "storage",
            _(
                "The file could not be stored just now (the storage is full or unavailable). "
                "Nothing was saved. Please try again later."
            ),
        ) from exc
    except BaseException:
        if saved:
            try:
                storage.delete(saved)
            except OSError:  # pragma: no cover - logged; the cleanup command finds it later
                logger.exception("Could not remove %s after a failed save", saved)
        raise
    return doc


def store_upload(
    uploaded_file,
    *,
    student,
    owner,
    title: str = "",
    record_type: str | None = None,
    visible_to_teachers: bool = False,
    attached_to: str = "",
    created_by=None,
    request=None,
) -> Document:
    """Check ``uploaded_file`` and keep a clean copy of it as a document of ``student``.

    What is stored is the copy the checker rewrote (the pages as they look, no
    actions, scripts, attachments, forms or trailing bytes); ``sha256`` and
    ``size`` describe that copy, ``original_sha256`` the bytes uploaded.
    Raises ``RejectedUpload`` (nothing stored) when it is not an acceptable
    PDF or cannot be rewritten. The calling view decides first whether the
    user may upload here. ``request`` (optional) writes an "upload" row to the
    audit trail; the row names the document, whose ``original_sha256`` is kept.
    """
    code = _owner_code(owner)
    model = proxy_model(code, record_type)
    info, data = checked_bytes(uploaded_file)
    user = created_by or (getattr(request, "user", None) if request is not None else None)
    fields = {
        "title": (title or info.filename.removesuffix(".pdf"))[:200],
        "owner": code,
        "record_type": model.__name__,
        "student": student,
        "kind": Document.Kind.UPLOADED,
        "visible_to_teachers": visible_to_teachers,
        "attached_to": attached_to,
        "original_name": info.filename[:255],
        "size": info.size,
        "pages": info.pages,
        "sha256": info.sha256,
        "original_sha256": info.original_sha256,
        "created_by": user if getattr(user, "is_authenticated", False) else None,
    }
    return _save_new(model=model, data=data, folder="documents", fields=fields, request=request)


def store_generated(
    pdf: bytes,
    *,
    student,
    owner,
    title: str,
    record_type: str | None = None,
    visible_to_teachers: bool = False,
    attached_to: str = "",
    created_by=None,
    request=None,
) -> Document:
    """Keep a PDF the portal rendered (``render_pdf``) as a document of ``student``."""
    import hashlib
    import io

    from pypdf import PdfReader

    code = _owner_code(owner)
    model = proxy_model(code, record_type)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    fields = {
        "title": title[:200],
        "owner": code,
        "record_type": model.__name__,
        "student": student,
        "kind": Document.Kind.GENERATED,
        "visible_to_teachers": visible_to_teachers,
        "attached_to": attached_to,
        "size": len(pdf),
        "pages": pages,
        "sha256": hashlib.sha256(pdf).hexdigest(),
        "created_by": created_by if getattr(created_by, "is_authenticated", False) else None,
    }
    return _save_new(model=model, data=pdf, folder="documents", fields=fields, request=request)


def delete_document(document: Document) -> None:
    """Remove the row, then (once committed) the file."""
    name = document.file
    with transaction.atomic():
        Document.objects.filter(pk=document.pk).delete()
        transaction.on_commit(lambda: private_storage().delete(name))


# -- reading -----------------------------------------------------------------
def fetch_document(request, action: str, document_uuid):
    """Load a document for ``action`` through ``plugins.access.fetch`` (audited; 404/403).

    The row is looked at through its owner's proxy, so the owner's matrix decides.
    """
    from plugins.access import fetch

    row = Document.objects.filter(uuid=document_uuid).values("owner", "record_type").first()
    queryset = Document.objects.all()
    if row is not None:
        try:
            queryset = proxy_model(row["owner"], row["record_type"])._default_manager.all()
        except LookupError:
            pass  # owner plugin gone: nobody may see it; fetch answers 404 and audits it
    return fetch(request, action, queryset, uuid=document_uuid)


def open_document(document: Document):
    """The stored file, opened for reading (Http404 if it is missing on disk)."""
    try:
        return private_storage().open(document.file, "rb")
    except (FileNotFoundError, ValueError):
        logger.error("Document %s has no file at %r", document.pk, document.file)
        raise Http404 from None


def pdf_response(fileobj, filename: str) -> FileResponse:
    """A download: attachment, application/pdf, never sniffed, never rendered as a page."""
    response = FileResponse(
        fileobj, as_attachment=True, filename=filename, content_type="application/pdf"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Referrer-Policy"] = "no-referrer"
    return response


def download_response(request, document_uuid, action: str = "download") -> FileResponse:
    """Everything a download view does: check, audit, then the file."""
    document = fetch_document(request, action, document_uuid)
    return pdf_response(open_document(document), document.download_name)
