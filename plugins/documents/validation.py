"""Is an upload really a PDF we can keep? Decided before anything is written.

The cheap checks (size, name, first bytes) run here; the parse runs in
``pdfcheck.py``, a child process with its own memory, CPU and wall-clock
limits that dies with the web worker that started it, so a hostile file cannot
stall or exhaust the server. The same child rewrites an accepted file into a
clean copy (no actions, scripts, attachments, forms or trailing bytes): only
that copy is ever stored; the upload's own SHA-256 is kept on the document
(``original_sha256``), which the upload's audit row names.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

CHECKER = Path(__file__).with_name("pdfcheck.py")

#: Extensions that, anywhere in a file name, hide another kind of file ("x.php.pdf").
HIDDEN_TYPES = frozenset(
    """
    php php3 php4 php5 php7 phtml phar pht html htm xhtml shtml xht svg svgz xml xsl js mjs cjs
    json exe com bat cmd scr msi msp dll cpl pif sys vbs vbe jse wsf wsh hta lnk ps1 psm1 reg
    sh bash zsh ksh csh py pyc pyw pl pm rb cgi asp aspx ascx ashx jsp jspx cfm war jar class
    apk app dmg iso img deb rpm docm xlsm pptm doc docx xls xlsx ppt pptx odt ods odp rtf
    zip rar 7z gz tgz bz2 xz tar cab swf
    """.split()
)

MB = 1024 * 1024


def _setting(name: str, default):
    return getattr(settings, name, default)


def max_upload_bytes() -> int:
    return int(_setting("PORTAL_DOCUMENT_MAX_BYTES", 20 * MB))


def max_upload_pages() -> int:
    return int(_setting("PORTAL_DOCUMENT_MAX_PAGES", 300))


def max_objects() -> int:
    """Objects a PDF may hold (counted from its cross-reference data, before parsing them)."""
    return int(_setting("PORTAL_PDF_MAX_OBJECTS", 100_000))


@dataclass(frozen=True)
class PdfInfo:
    """What the checks learnt about an accepted PDF.

    ``size`` and ``sha256`` describe the clean copy that is stored;
    ``original_size`` and ``original_sha256`` the bytes that were uploaded.
    """

    pages: int
    size: int
    sha256: str
    filename: str
    version: str = ""
    original_size: int = 0
    original_sha256: str = ""


class RejectedUpload(ValidationError):
    """An upload that is not accepted; ``message`` says why, in the user's language.

    A ``ValidationError``, so ``validate_pdf`` also works as a form field validator.
    """

    def __init__(self, code: str, message, params: dict | None = None):
        super().__init__(message, code=code, params=params)
        self.reason = code

    @property
    def text(self) -> str:
        return str(self.messages[0])


MESSAGES = {
    "empty": _("The file is empty."),
    "too_large": _("The file is too large (%(size)s); the limit is %(limit)s."),
    "not_pdf": _(
        "The file is not a PDF: its content is not a PDF document, whatever its name says."
    ),
    "html": _("The file is a web page (HTML), not a PDF."),
    "hidden_type": _(
        "The file name “%(name)s” contains another file type (“.%(ext)s”). "
        "Only PDF files can be uploaded: rename the file or save it as a PDF again."
    ),
    "encrypted": _(
        "The PDF is password-protected or encrypted. Save a copy without protection and upload that."
    ),
    "too_many_pages": _("The PDF has %(pages)s pages; the limit is %(limit)s."),
    "no_pages": _("The PDF has no pages."),
    "decompression_bomb": _(
        "The PDF holds compressed data that would expand far beyond any normal document "
        "(a “decompression bomb”), so it was not accepted."
    ),
    "circular_outline": _("The PDF is damaged: its bookmarks loop back on themselves."),
    "circular_xref": _("The PDF is damaged: its cross-reference table loops back on itself."),
    "truncated": _("The PDF is incomplete: it stops before its end (was the file cut off?)."),
    "damaged": _("The PDF is damaged and cannot be read."),
    "too_complex": _(
        "The PDF took too long to check or needed too much memory, so it was not accepted."
    ),
    "too_many_objects": _(
        "The PDF is built from too many parts (more than %(limit)s objects) to be checked "
        "safely, so it was not accepted. Save or print it as a new PDF and upload that."
    ),
    "not_rewritable": _(
        "The PDF could not be turned into a safe copy for storing, so it was not accepted. "
        "Save or print it as a new PDF and upload that."
    ),
}


def reject(code: str, **params) -> RejectedUpload:
    return RejectedUpload(code, MESSAGES[code], params or None)


# -- names -------------------------------------------------------------------
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*;]+')


def safe_filename(
    name: str,
    *,
    default: str = "document",
    suffix: str = ".pdf",
    limit: int = 120,
    basename: bool = True,
) -> str:
    """A file name safe for a Content-Disposition header and any file system.

    Keeps letters of every script (ø, ћ, å), drops control and direction
    characters and characters special to shells and headers. ``basename``:
    ``name`` is a path from a browser (keep its last part); else a title
    whose slashes ("2026/27") become underscores.
    """
    name = unicodedata.normalize("NFC", str(name or ""))
    if basename:
        name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = _UNSAFE.sub("_", name)
    name = re.sub(r"\s+", " ", name).strip(" ._")
    if suffix and name.lower().endswith(suffix):
        name = name[: -len(suffix)].rstrip(" ._")
    name = name[: max(1, limit - len(suffix))].rstrip(" ._") or default
    return name + suffix


def hidden_type(name: str) -> str | None:
    """The first extension in ``name`` that names another file type, if any."""
    base = str(name or "").replace("\\", "/").rsplit("/", 1)[-1]
    parts = base.lower().split(".")[1:]
    for part in parts:
        part = part.strip()
        if part in HIDDEN_TYPES:
            return part
    return None


# -- content -----------------------------------------------------------------
def _looks_like_html(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith(
        (b"<!doctype html", b"<html", b"<head", b"<body", b"<script", b"<?xml", b"<svg")
    ) or (b"<html" in text[:1024])


def _read_all(uploaded_file, limit: int) -> bytes:
    """Read at most ``limit + 1`` bytes: the declared size is the client's word, not ours."""
    if hasattr(uploaded_file, "seek"):
        uploaded_file.seek(0)
    chunks, total = [], 0
    if hasattr(uploaded_file, "chunks"):
        source = uploaded_file.chunks()
    else:
        source = iter(lambda: uploaded_file.read(MB), b"")
    for chunk in source:
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            break
    if hasattr(uploaded_file, "seek"):
        uploaded_file.seek(0)
    return b"".join(chunks)


def checker_command() -> list[str]:
    """The checker's command line, its limits taken from the settings."""
    return [
        sys.executable,
        "-I",  # isolated: no user site, no PYTHON* variables, no current directory on the path
        str(CHECKER),
        "--parent-pid",
        str(os.getpid()),
        "--max-pages",
        str(max_upload_pages()),
        "--max-decompressed",
        str(int(_setting("PORTAL_PDF_MAX_DECOMPRESSED_BYTES", 256 * MB))),
        "--max-stream",
        str(int(_setting("PORTAL_PDF_MAX_STREAM_BYTES", 64 * MB))),
        "--max-objects",
        str(max_objects()),
        "--memory",
        str(int(_setting("PORTAL_PDF_CHECK_MEMORY_BYTES", 1024 * MB))),
        "--cpu",
        str(int(_setting("PORTAL_PDF_CHECK_CPU_SECONDS", 20))),
    ]


def _run_checker(data: bytes) -> tuple[dict, bytes]:
    """The checker's answer and, for an accepted file, the clean copy it wrote.

    The child gets ``PORTAL_PDF_CHECK_TIMEOUT`` seconds of wall time (check and
    rewrite together), then it is killed and the upload refused.
    """
    wall = float(_setting("PORTAL_PDF_CHECK_TIMEOUT", 30))
    proc = subprocess.Popen(  # noqa: S603 - fixed argv, no shell  # nosec B603
        checker_command(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        stdout, stderr = proc.communicate(data, timeout=wall)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        logger.warning("PDF check timed out after %ss", wall)
        raise reject("too_complex") from None
    except BaseException:
        proc.kill()  # the request was interrupted: the checker goes with it
        proc.wait()
        raise
    header, _newline, body = stdout.partition(b"\n")
    try:
        result = json.loads(header.decode("utf-8"))
        if not isinstance(result, dict):
            raise ValueError(result)
    except (UnicodeDecodeError, ValueError):
        tail = stderr.decode("utf-8", "replace")[-500:]
        if "ModuleNotFoundError" in tail or "ImportError" in tail:
            # The server is broken, not the file: say so instead of refusing every upload.
            raise RuntimeError(f"The PDF checker cannot start: {tail}") from None
        logger.warning("PDF check failed (exit %s): %s", proc.returncode, tail)
        if proc.returncode < 0 or "MemoryError" in tail:
            raise reject("too_complex") from None
        raise reject("damaged") from None
    if result.get("ok") and (
        len(body) != result.get("length")
        or hashlib.sha256(body).hexdigest() != result.get("sha256")
        or not body.startswith(b"%PDF-")
    ):
        logger.warning("PDF checker returned an incomplete copy (exit %s)", proc.returncode)
        raise reject("not_rewritable")
    return result, body


def validate_pdf(uploaded_file) -> PdfInfo:
    """Accept ``uploaded_file`` only if it really is a PDF within the limits.

    Raises :class:`RejectedUpload` naming the reason. Writes nothing: the
    parse gets the bytes on a pipe.
    """
    return checked_bytes(uploaded_file)[0]


def checked_bytes(uploaded_file) -> tuple[PdfInfo, bytes]:
    """``validate_pdf``, also returning the clean copy of the upload (the only bytes to store)."""
    name = getattr(uploaded_file, "name", "") or ""
    ext = hidden_type(name)
    if ext:
        raise reject("hidden_type", name=safe_filename(name, suffix=""), ext=ext)
    limit = max_upload_bytes()
    data = _read_all(uploaded_file, limit)
    if not data:
        raise reject("empty")
    if len(data) > limit:
        declared = getattr(uploaded_file, "size", None) or len(data)
        raise reject(
            "too_large", size=filesizeformat(max(declared, len(data))), limit=filesizeformat(limit)
        )
    if not data.startswith(b"%PDF-"):
        if _looks_like_html(data[:2048]):
            raise reject("html")
        raise reject("not_pdf")
    result, clean = _run_checker(data)
    if not result.get("ok"):
        code = result.get("code") if result.get("code") in MESSAGES else "damaged"
        if result.get("detail"):
            logger.info("PDF rejected (%s): %s", code, result["detail"])
        if code == "too_many_pages":
            raise reject(code, pages=result.get("pages", "?"), limit=max_upload_pages())
        if code == "too_many_objects":
            raise reject(code, limit=number_format(max_objects(), force_grouping=True))
        raise reject(code)
    info = PdfInfo(
        pages=int(result["pages"]),
        size=len(clean),
        sha256=hashlib.sha256(clean).hexdigest(),
        filename=safe_filename(name),
        version=str(result.get("version", "")),
        original_size=len(data),
        original_sha256=hashlib.sha256(data).hexdigest(),
    )
    return info, clean
