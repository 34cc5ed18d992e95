"""A force's public site built from its content: HTML pages from Jinja2 templates (autoescaped), GOV.UK Frontend's
styles (kept in govuk_frontend/ with their licence), and open data (CSV, JSON) of exactly what the pages show. The same content
gives the same bytes."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
import tempfile
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from tracker.core.errors import TrackerError
from tracker.core.progress import SILENT, Progress
from tracker.core.spreadsheet import inert
from tracker.publish.content import Item, Site

TEMPLATES = Path(__file__).with_name("templates")
GOVUK_CSS = Path(__file__).with_name("govuk_frontend") / "govuk-frontend.min.css"  # govuk-frontend@6.6.0
STYLES = "assets/govuk-frontend.min.css"
OGL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
SITE_PARTS = {"index.html", "accessibility.html", "data.html", "reports", "recommendations", "assets", "data"}
CSV_COLUMNS = ("report", "report_title", "reference", "recommendation", "status", "original_target", "current_target",
               "days_overdue", "owner", "latest_update_on", "latest_update", "withheld")


class PublishError(TrackerError, ValueError):
    """A site that cannot be built or published; the message says why and what to do."""


def long_date(value: date | None) -> str:
    """'5 July 2017', as GOV.UK writes dates; '' for none."""
    return "" if value is None else f"{value.day} {value:%B %Y}"


def paragraphs(text: str | None) -> list[str]:
    """A text's paragraphs (split at blank lines; lines within one kept apart by the page's styles)."""
    return [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]


def environment() -> Environment:
    """The templates' environment: autoescaping on everywhere, an undefined name an error."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["long_date"] = long_date
    env.filters["paragraphs"] = paragraphs
    env.filters["count"] = lambda n: f"{int(n):,}"
    env.filters["pct"] = lambda x: "–" if x is None else f"{x:.0%}"
    return env


def styles() -> bytes:
    """GOV.UK Frontend's compiled styles for a site that is not on GOV.UK: without the GDS Transport typeface (which
    is for GOV.UK alone) or the crown's image, and with nothing fetched from an absolute path."""
    source = GOVUK_CSS
    css = source.read_text(encoding="utf-8")
    css = re.sub(r"@font-face\{[^}]*\}", "", css)
    css = css.replace("font-family:GDS Transport,arial,sans-serif", "font-family:arial,sans-serif")
    css = re.sub(r"url\(/assets/images/[^)]*\)", "none", css)
    css = re.sub(r"/\*# sourceMappingURL=[^*]*\*/", "", css)
    if "url(/" in css:
        raise PublishError(f"{source}: the styles fetch a file by an absolute path; this GOV.UK Frontend version "
                           "is not one the site builder knows")
    return css.encode("utf-8")


def open_data(site: Site) -> tuple[bytes, bytes]:
    """The CSV and JSON of exactly what the pages show (a withheld item: its reference and reason alone)."""
    rows = [data_row(site, item) for item in site.items]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:  # no cell a spreadsheet would evaluate
        writer.writerow({k: inert(v) if isinstance(v, str) else ("" if v is None else v) for k, v in row.items()})
    document = {"force": site.force, "as_of": site.as_of.isoformat(), "licence": f"Open Government Licence v3.0 ({OGL})",
                "summary": site.headline,
                "recommendations": [row | {"updates": [{"on": d.isoformat() if d else None, "status": s, "text": t}
                                                       for d, s, t in item.updates]}
                                    for row, item in zip(rows, site.items, strict=True)]}
    return out.getvalue().encode("utf-8"), (json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True)
                                            + "\n").encode("utf-8")


def data_row(site: Site, item: Item) -> dict:
    """One item's open-data row."""
    def day(d: date | None) -> str | None:
        return d.isoformat() if d else None

    return {"report": item.report, "report_title": item.report_title, "reference": item.ref,
            "recommendation": item.text or None, "status": item.status or None,
            "original_target": day(item.target_original), "current_target": day(item.target_current),
            "days_overdue": item.overdue_days, "owner": item.owner or None, "latest_update_on": day(item.update_on),
            "latest_update": item.update_text,
            "withheld": f"[details withheld: {item.withheld}]" if item.withheld else None}


def build(site: Site) -> dict[str, bytes]:
    """Every file of the site by its path ('index.html', 'reports/….html', 'assets/…'), in path order."""
    env = environment()
    common = {"site": site, "as_of": site.as_of, "force": site.force, "ogl": OGL, "styles": STYLES}

    def page(template: str, path: str, home: bool = False, **values) -> tuple[str, bytes]:
        root = "../" * path.count("/")
        return path, env.get_template(template).render(**common, root=root, home=home, **values).encode("utf-8")

    csv_bytes, json_bytes = open_data(site)
    files = dict([
        page("index.html", "index.html", home=True),
        page("accessibility.html", "accessibility.html"),
        page("data.html", "data.html", csv_size=len(csv_bytes), json_size=len(json_bytes)),
        *(page("report.html", f"reports/{r.page}.html", report=r) for r in site.reports),
        *(page("recommendation.html", f"recommendations/{i.page}.html", item=i,
               report=next(r for r in site.reports if r.id == i.report)) for i in site.items),
    ])
    files[STYLES] = styles()
    files["data/recommendations.csv"] = csv_bytes
    files["data/recommendations.json"] = json_bytes
    return dict(sorted(files.items()))


def digest(files: dict[str, bytes]) -> str:
    """SHA-256 over every file's path and content, in path order: equal digests, identical sites."""
    h = hashlib.sha256()
    for path in sorted(files):
        h.update(path.encode("utf-8") + b"\0" + hashlib.sha256(files[path]).digest())
    return h.hexdigest()


def write_site(files: dict[str, bytes], out: Path, shown: Progress = SILENT) -> None:
    """Make `out` hold exactly these files: built in a fresh folder beside it, then swapped in for an earlier build
    (so no page of that build is left behind, and nothing planted in it, a link or a file, is written through);
    `shown` hears how many are written."""
    out = Path(out)
    if out.is_symlink():
        raise PublishError(f"{out} is a link; give the site's folder itself")
    if out.exists() and not out.is_dir():
        raise PublishError(f"{out} is a file; give a folder for the site")
    if out.exists() and any(out.iterdir()) and not is_site(out):
        raise PublishError(f"{out} holds other files; give an empty folder or the folder of an earlier build")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        for left in out.parent.glob(f".{out.name}.*"):  # an earlier swap that stopped part way
            if left.is_dir() and not left.is_symlink() and is_site(left):
                shutil.rmtree(left, ignore_errors=True)
        fresh = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    except OSError as e:
        raise PublishError(f"{out}: the site's folder cannot be made there ({e.strerror or e})") from None
    try:
        for done, (path, content) in enumerate(files.items(), 1):
            target = fresh / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
            shown(done, len(files))
        fresh.chmod(0o755)  # mkdtemp makes it private to its owner; a site is served to everyone
        if out.exists():
            earlier = out.with_name(f"{fresh.name}.earlier")
            out.rename(earlier)
            try:
                fresh.rename(out)
            except OSError:
                earlier.rename(out)
                raise
            shutil.rmtree(earlier, ignore_errors=True)  # the new site is in place: its leftovers go next time
        else:
            fresh.rename(out)
    except OSError as e:
        shutil.rmtree(fresh, ignore_errors=True)
        raise PublishError(f"{out}: the site could not be written ({e.strerror or e})") from None


def is_site(folder: Path) -> bool:
    """Whether a folder holds a site this builder made and nothing else: its home page, and only the files and
    folders a build writes (so a web root's other content is never replaced)."""
    return (folder / "index.html").is_file() and all(p.name in SITE_PARTS for p in folder.iterdir())


def manifest(site: Site) -> dict:
    """What the site showed of each item and report, for the next publication's diff."""
    def text_hash(text: str | None) -> str | None:
        return None if not text else hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    return {
        "items": {i.key: {"ref": i.ref, "report": i.report_title, "status": i.status, "withheld": i.withheld,
                          "target": i.target_current.isoformat() if i.target_current else None,
                          "text": text_hash(i.text), "update": text_hash(i.update_text)} for i in site.items},
        "responses": {r.id: None if r.response is None else text_hash(r.response["overall"]) for r in site.reports},
        "summary": site.headline,
    }

