"""Reading a PDF's accessibility structure with pypdf: tags, language, title, reading order."""

from __future__ import annotations

import io

from pypdf import PdfReader


def _resolve(value):
    return value.get_object() if hasattr(value, "get_object") else value


def structure_roles(reader: PdfReader, limit: int = 5000) -> list[str]:
    """The structure element types (/S) in reading order (depth first, as a reader walks them)."""
    root = _resolve(reader.trailer["/Root"])
    tree = _resolve(root.get("/StructTreeRoot"))
    if tree is None:
        return []
    roles: list[str] = []
    stack = [_resolve(tree.get("/K"))]
    while stack and len(roles) < limit:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(reversed([_resolve(k) for k in node]))
        elif hasattr(node, "get") and "/S" in node:
            roles.append(str(node["/S"]))
            kids = node.get("/K")
            if kids is not None:
                stack.append(_resolve(kids))
    return roles


def assert_accessible_pdf(pdf: bytes, *, language: str, title: str | None = None) -> list[str]:
    """A tagged PDF (PDF/UA) with the document's language and title; returns the roles."""
    reader = PdfReader(io.BytesIO(pdf))
    root = _resolve(reader.trailer["/Root"])
    mark_info = _resolve(root.get("/MarkInfo")) or {}
    assert bool(mark_info.get("/Marked")), "the PDF is not tagged"
    assert str(root.get("/Lang", "")).lower() == language.lower(), (
        f"document language {root.get('/Lang')!r}, expected {language!r}"
    )
    assert reader.metadata is not None and reader.metadata.title, "the PDF has no title"
    if title is not None:
        assert reader.metadata.title == title
    prefs = _resolve(root.get("/ViewerPreferences")) or {}
    assert bool(prefs.get("/DisplayDocTitle")), "viewers would show the file name, not the title"
    roles = structure_roles(reader)
    assert roles, "the structure tree is empty"
    assert any(r in ("/H1", "/H2", "/H") for r in roles), "no heading in the structure tree"
    assert "/P" in roles, "no paragraph in the structure tree"
    return roles
