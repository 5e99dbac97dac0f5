"""Public API of documents and PDF.

    from plugins import documents

    info = documents.validate_pdf(upload)             # PdfInfo, or RejectedUpload naming the reason
    doc = documents.store_upload(upload, student=s, owner="no-iskole", title="PPT report")
    pdf = documents.render_pdf("no_iskole/iop.html", ctx, title="IOP", student_name=s.name)
    documents.build_bundle([documents.Section("Ola", [documents.Rendered(...), documents.Attachment(...)])], path)
    job = documents.start_bundle(request, title=..., builder=my_sections, params={...}, size_hint=n)
    return documents.download_response(request, uuid)  # in a @case_view: checked, audited, 404 otherwise

A plugin owns its documents through a proxy of ``Document`` declared in its
own models (``class CaseDocument(Document): portal_student_path = "student";
class Meta: proxy = True``) and named in its role matrix
(``allow("CaseDocument", "download", "teacher", when=flag("visible_to_teachers"))``).
Names load lazily: this package is imported before Django's models are ready.
"""

from importlib import import_module

_API = {
    "PdfInfo": "validation",
    "RejectedUpload": "validation",
    "validate_pdf": "validation",
    "safe_filename": "validation",
    "render_pdf": "rendering",
    "Rendered": "bundles",
    "Attachment": "bundles",
    "Section": "bundles",
    "BundleResult": "bundles",
    "BundleError": "bundles",
    "build_bundle": "bundles",
    "store_upload": "services",
    "store_generated": "services",
    "delete_document": "services",
    "documents_of": "services",
    "as_owner_record": "services",
    "proxy_model": "services",
    "fetch_document": "services",
    "open_document": "services",
    "pdf_response": "services",
    "download_response": "services",
    "start_bundle": "tasks",
    "Document": "models",
    "BundleJob": "models",
}


def __getattr__(name):
    try:
        module = _API[name]
    except KeyError:
        raise AttributeError(f"module 'plugins.documents' has no attribute {name!r}") from None
    return getattr(import_module(f"{__name__}.{module}"), name)


def __dir__():
    return sorted(_API)


__all__ = sorted(_API)
