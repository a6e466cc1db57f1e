"""MkDocs event: the site takes in the languages that helper processes built (scripts/build, scripts/serve).

Each language build writes a site of its own: its pages under its language root and, at the site
root, the theme's files, the 404 page, the joint search index and the sitemap. The assembled site
is the assembler's (the first language, usually the default at the root) with each helper's language
folder moved in. Of a helper's other files:
- its sitemap lists the pages of its language: the site's lists every language's, in the order a
  one-process build writes them;
- the root 404 page and the joint search index are every build's own: the site keeps its own;
- anything else must be the same as the assembler's copy. A file that a language build writes
  outside its language folder and that differs stops the build, rather than being lost. (Helpers
  copy no theme or docs/ file: those come from the same sources, and the assembler copies them.)
"""

from __future__ import annotations

import filecmp
import gzip
import json
import os
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority

from build_scope import Helper, scope
from render import language_root
from site_data import SEARCH_INDEX, i18n_plugin

PER_BUILD_FILES = frozenset({"404.html", SEARCH_INDEX})
SITEMAP = "sitemap.xml"
SITEMAP_GZ = SITEMAP + ".gz"


def helper_outcome(helper: Helper) -> str | None:
    """Wait until the helper has finished; what went wrong, or None."""
    with os.fdopen(helper.report_fd, "rb") as report:
        said = report.read()
    return json.loads(said)["error"] if said else f"the {helper.language} build stopped without saying why"


def sitemap_entries(sitemap: str) -> tuple[int, int]:
    """Where a sitemap's <url> entries start and end."""
    start = sitemap.index(">", sitemap.index("<urlset")) + 1
    return start, sitemap.rindex("</url>") + len("</url>") if "</url>" in sitemap else start


def merged_sitemap(sitemaps: list[str]) -> str:
    """The first sitemap with the entries of all of them, in the order given."""
    first_start, first_end = sitemap_entries(sitemaps[0])
    entries = "".join(sitemap[slice(*sitemap_entries(sitemap))] for sitemap in sitemaps)
    return sitemaps[0][:first_start] + entries + sitemaps[0][first_end:]


def write_sitemap(site: Path, text: str) -> None:
    """sitemap.xml and sitemap.xml.gz, the latter with the date MkDocs gave it (in its header)."""
    (site / SITEMAP).write_text(text, encoding="utf-8")
    gz = site / SITEMAP_GZ
    mtime = int.from_bytes(gz.read_bytes()[4:8], "little") if gz.exists() else None
    with open(gz, "wb") as file, gzip.GzipFile(fileobj=file, filename=str(gz), mode="wb", mtime=mtime) as compressed:
        compressed.write(text.encode("utf-8"))


def shared_files(folder: Path, language_folder: str) -> list[str]:
    """The files of a language build outside its language folder, as site-relative paths."""
    return sorted(
        path.relative_to(folder).as_posix() for path in folder.rglob("*")
        if path.is_file() and not path.relative_to(folder).as_posix().startswith(language_folder)
    )


def take_in(site: Path, helper: Helper, default_language: str) -> str | None:
    """Move a helper's language folder into the site; its sitemap's text (None if it wrote none)."""
    folder = language_root(helper.language, default_language)
    if not folder or (site / folder).exists():
        raise Abort(f"cannot assemble the site: the {helper.language} build and the first one both wrote {folder or 'the site root'}")
    if (helper.site_dir / folder).exists():
        (helper.site_dir / folder).rename(site / folder)
    for path in shared_files(helper.site_dir, folder):
        if path in PER_BUILD_FILES or path in (SITEMAP, SITEMAP_GZ):
            continue
        if not (site / path).is_file() or not filecmp.cmp(site / path, helper.site_dir / path, shallow=False):
            raise Abort(
                f"cannot assemble the site: the {helper.language} build wrote {path} outside its language folder, unlike "
                "the first language's build; a file outside the language folders must be the same in every "
                "language's build (hooks/language_assembly.py)"
            )
    sitemap = helper.site_dir / SITEMAP
    return sitemap.read_text(encoding="utf-8") if sitemap.exists() else None


def assemble(site: Path, helpers: list[Helper], default_language: str) -> None:
    sitemaps = [(site / SITEMAP).read_text(encoding="utf-8")] if (site / SITEMAP).exists() else []
    for helper in helpers:
        error = helper_outcome(helper)
        if error:
            raise Abort(error)
        sitemap = take_in(site, helper, default_language)
        sitemaps += [sitemap] if sitemap else []
        shutil.rmtree(helper.site_dir, ignore_errors=True)
    if len(sitemaps) > 1:
        write_sitemap(site, merged_sitemap(sitemaps))


# After mkdocs-static-i18n (-100). Among the steps at -110, mkdocs.yml lists this one after the
# per-language steps (language_search.py: its language's index is written while the helpers finish)
# and before the whole-site steps (language_alternates.py, security_headers.py), which read the whole site.
@event_priority(-110)
def on_post_build(config: MkDocsConfig) -> None:
    if scope.helpers:
        assemble(Path(config.site_dir), scope.helpers, i18n_plugin(config).default_language)
