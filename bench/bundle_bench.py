"""Benchmark of school-application bundles (DESIGN.md section 8; not a test).

    .venv/bin/python bench/bundle_bench.py            # 30 and 120 students (make bench)
    .venv/bin/python bench/bundle_bench.py --students 10 40

Per student: a rendered 2-page application and three uploaded 5-page
attachments. For each size it measures, each run in a fresh process so
peak memory is that run's own:

- portal cold:  ``plugins.documents.build_bundle`` with an empty render cache;
- portal warm:  the same again, documents unchanged since the last bundle;
- bare:         the bare libraries, no portal code: WeasyPrint renders one
                document after another, then one pypdf merge (PdfWriter).

It prints wall time, pages per second, peak memory (the process itself and
its largest child, e.g. a render worker) and the ratios portal/bare and
120/30, as a Markdown table for docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LOREM = (
    "The student follows the class in most lessons and works with adapted material in reading "
    "and mathematics. Short tasks, visual support and clear structure help; progress is followed "
    "up every six weeks with the contact teacher and the guardians. "
)


# -- the world: one folder per size, made once --------------------------------
def setup_django(private_root: Path):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()
    from django.conf import settings

    settings.PRIVATE_STORAGE_ROOT = private_root
    templates = [dict(t) for t in settings.TEMPLATES]
    templates[0]["DIRS"] = [*templates[0]["DIRS"], ROOT / "bench" / "templates"]
    settings.TEMPLATES = templates


def attachment_pdf(student: int, number: int, pages: int = 5) -> bytes:
    """A 5-page text PDF (Helvetica), different for every student and attachment."""
    import io

    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []

    def obj(body: bytes):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % len(offsets) + body + b"\nendobj\n")

    font = 3 + 2 * pages
    kids = b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(pages))
    obj(b"<< /Type /Catalog /Pages 2 0 R >>")
    obj(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages))
    for p in range(pages):
        lines = [f"Attachment {number + 1} for student {student + 1}, page {p + 1}"] + [
            f"{i:02d} Observation notes: reading, writing, attention, social skills {student}-{number}-{p}"
            for i in range(40)
        ]
        text = b" T* ".join(b"(%s) Tj" % line.encode("latin-1") for line in lines)
        content = b"BT /F1 10 Tf 14 TL 56 780 Td " + text + b" ET"
        obj(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (4 + 2 * p, font)
        )
        obj(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    obj(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, xref)
    )
    return out.getvalue()


def student_name(i: int) -> str:
    given = ["Kari", "Ola", "Mia", "Emil", "Nora", "Åsa", "Đorđe", "Ивана", "Björn", "Siri"]
    family = ["Solvang", "Lindmo", "Fjellstad", "Aarhus", "Brekke", "Ćirić", "Петровић", "Öberg"]
    return f"{given[i % len(given)]} {family[(i * 7) % len(family)]} {i + 1}"


def application_context(i: int) -> dict:
    subjects = [
        "Norwegian",
        "Mathematics",
        "English",
        "Science",
        "Social studies",
        "Arts and crafts",
    ]
    return {
        "subjects": [
            {"name": s, "goals": LOREM[: 80 + 10 * (k % 3)], "adapted": LOREM[40:180]}
            for k, s in enumerate(subjects)
        ],
        "assessment": [f"{LOREM * 3} (student {i + 1})"] * 4,
        "other": LOREM * 2,
    }


def make_world(folder: Path, students: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for s in range(students):
        for a in range(3):
            (folder / f"att-{s}-{a}.pdf").write_bytes(attachment_pdf(s, a))


def sections(folder: Path, students: int):
    from plugins.documents import Attachment, Rendered, Section

    out = []
    for s in range(students):
        name = student_name(s)
        items = [
            Rendered(
                "bench/application.html",
                application_context(s),
                title="Student application",
                student_name=name,
                confidentiality="Unntatt offentlighet, offl. § 13",
                language="en",
            )
        ]
        items += [
            Attachment(f"Attachment {a + 1}", path=folder / f"att-{s}-{a}.pdf") for a in range(3)
        ]
        out.append(Section(name, items, student_id=s + 1))
    return out


# -- one measured run (in its own process) --------------------------------------
def peak_mb(who) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (render workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run_portal(
    folder: Path, students: int, private_root: Path, out: Path, workers: int | None
) -> dict:
    setup_django(private_root)
    from plugins.documents import build_bundle

    cpu, started = cpu_seconds(), time.perf_counter()
    result = build_bundle(
        sections(folder, students), out, title="School application", workers=workers
    )
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "cpu": cpu_seconds() - cpu,
        "pages": result.pages,
        "rendered": result.rendered,
        "size": result.size,
    }


def run_bare(folder: Path, students: int, html_dir: Path, out: Path) -> dict:
    """WeasyPrint one after another, then one pypdf merge. No portal code."""
    from pypdf import PdfWriter
    from weasyprint import CSS, HTML

    css_path = ROOT / "plugins" / "documents" / "static" / "documents" / "print.css"
    htmls = [(html_dir / f"{s}.html").read_text() for s in range(students)]
    page_css = [(html_dir / f"{s}.css").read_text() for s in range(students)]
    cpu, started = cpu_seconds(), time.perf_counter()
    rendered = []
    for html, css in zip(htmls, page_css, strict=True):
        rendered.append(
            HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(css_path)), CSS(string=css)])
        )
    writer = PdfWriter()
    import io

    for s, pdf in enumerate(rendered):
        writer.append(io.BytesIO(pdf))
        for a in range(3):
            writer.append(str(folder / f"att-{s}-{a}.pdf"))
    with open(out, "wb") as fh:
        writer.write(fh)
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "cpu": cpu_seconds() - cpu,
        "pages": len(writer.pages),
        "rendered": students,
        "size": out.stat().st_size,
    }


def export_html(folder: Path, students: int, private_root: Path, html_dir: Path) -> None:
    """The HTML the portal would hand to WeasyPrint, for the bare run (not timed)."""
    setup_django(private_root)
    from plugins.documents.rendering import prepare

    html_dir.mkdir(parents=True, exist_ok=True)
    for s, section in enumerate(sections(folder, students)):
        item = section.items[0]
        doc = prepare(
            item.template_name,
            item.context,
            title=item.title,
            student_name=item.student_name,
            confidentiality=item.confidentiality,
            language=item.language,
        )
        (html_dir / f"{s}.html").write_text(doc.html)
        (html_dir / f"{s}.css").write_text(doc.css)


def child(args) -> None:
    folder, private_root, out = Path(args.folder), Path(args.private), Path(args.out)
    if args.mode == "portal":
        result = run_portal(folder, args.n, private_root, out, args.workers)
    elif args.mode == "bare":
        result = run_bare(folder, args.n, Path(args.html), out)
    else:
        export_html(folder, args.n, private_root, Path(args.html))
        result = {}
    result["peak_mb"] = peak_mb(resource.RUSAGE_SELF)
    result["children_peak_mb"] = peak_mb(resource.RUSAGE_CHILDREN)
    print(json.dumps(result))


def spawn(
    mode: str, n: int, folder: Path, private_root: Path, out: Path, html: Path, workers
) -> dict:
    cmd = [
        sys.executable,
        __file__,
        "--child",
        mode,
        "--n",
        str(n),
        "--folder",
        str(folder),
        "--private",
        str(private_root),
        "--out",
        str(out),
        "--html",
        str(html),
    ]
    if workers is not None:
        cmd += ["--workers", str(workers)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=ROOT)  # noqa: S603
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"{mode} run with {n} students failed")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def check_bundle(path: Path, students: int) -> None:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    tops = [o for o in reader.outline if not isinstance(o, list)]
    if len(reader.pages) != students * 17 or len(tops) != students:
        raise SystemExit(
            f"{path.name}: {len(reader.pages)} pages, {len(tops)} bookmarks for {students} students"
        )


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    import pypdf
    import weasyprint

    return (
        f"{os.cpu_count()} cores ({cpu}){mem}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, WeasyPrint {weasyprint.__version__}, pypdf {pypdf.__version__}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--students", type=int, nargs="+", default=[30, 120])
    parser.add_argument(
        "--workers", type=int, default=None, help="render processes (default: one per core)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the bundles and the work folder")
    parser.add_argument("--child", choices=["portal", "bare", "html"], dest="mode")
    parser.add_argument("--n", type=int)
    parser.add_argument("--folder")
    parser.add_argument("--private")
    parser.add_argument("--out")
    parser.add_argument("--html")
    args = parser.parse_args()
    if args.mode:
        child(args)
        return

    work = Path(tempfile.mkdtemp(prefix="iop-bench-"))
    print(f"Machine: {machine()}")
    print(f"Load average at the start: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"Work folder: {work}\n")
    rows = []
    try:
        for n in args.students:
            folder, private_root, html = (
                work / f"world-{n}",
                work / f"private-{n}",
                work / f"html-{n}",
            )
            make_world(folder, n)
            spawn("html", n, folder, private_root, work / "unused.pdf", html, None)
            shutil.rmtree(private_root / "cache", ignore_errors=True)
            bare = spawn("bare", n, folder, private_root, work / f"bare-{n}.pdf", html, None)
            cold = spawn(
                "portal", n, folder, private_root, work / f"cold-{n}.pdf", html, args.workers
            )
            warm = spawn(
                "portal", n, folder, private_root, work / f"warm-{n}.pdf", html, args.workers
            )
            if warm["rendered"] != 0 or cold["rendered"] != n:
                raise SystemExit(
                    f"cache misbehaved: cold rendered {cold['rendered']}, warm {warm['rendered']}"
                )
            for kind in ("bare", "cold", "warm"):
                check_bundle(work / f"{kind}-{n}.pdf", n)
            rows.append((n, bare, cold, warm))
            print(f"{n} students done", file=sys.stderr)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    print(f"Load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}\n")
    print(
        "| students | run | pages | wall s | pages/s | CPU s | peak MB (process) "
        "| peak MB (largest child) | portal/bare wall | portal/bare CPU |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n, bare, cold, warm in rows:
        for name, r in (("bare libraries", bare), ("portal cold", cold), ("portal warm", warm)):
            wall = "" if r is bare else f"{r['seconds'] / bare['seconds']:.2f}"
            cpu = "" if r is bare else f"{r['cpu'] / bare['cpu']:.2f}"
            print(
                f"| {n} | {name} | {r['pages']} | {r['seconds']:.2f} | "
                f"{r['pages'] / r['seconds']:.0f} | {r['cpu']:.2f} | {r['peak_mb']:.0f} | "
                f"{r['children_peak_mb']:.0f} | {wall} | {cpu} |"
            )
    if len(rows) >= 2:
        (n1, b1, c1, w1), (n2, b2, c2, w2) = rows[0], rows[-1]
        print(f"\nGrowth {n2}/{n1} students ({n2 / n1:.0f}x the work):")
        for name, a, b in (
            ("bare libraries", b1, b2),
            ("portal cold", c1, c2),
            ("portal warm", w1, w2),
        ):
            print(
                f"- {name}: time x{b['seconds'] / a['seconds']:.2f}, "
                f"peak memory x{b['peak_mb'] / a['peak_mb']:.2f} ({a['peak_mb']:.0f} -> {b['peak_mb']:.0f} MB)"
            )


if __name__ == "__main__":
    main()
