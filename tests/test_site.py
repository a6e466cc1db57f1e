"""The built site, read as a visitor's browser would get it (HTML files of the real strict build)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

from conftest import DEFAULT_LANGUAGE, HTML_LANG, LANGUAGES, ROOT, SITE_URL, language_root
from render.alphabetical import in_name_order
from render.method_list import FIRST_RESULTS

SECTION_KEYS = ["target_group", "evidence", "competence", "summary", "implementation", "legal_basis", "material", "labels"]


def method_url(lang: str, method_id: str) -> str:
    return f"{language_root(lang)}metoder/{method_id}/"


def method_cases(catalogue):
    return [(lang, method) for method in catalogue.methods for lang in LANGUAGES]


def test_strict_build_has_no_warnings(build_result):
    result, _ = build_result
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr


def test_every_method_has_a_page_in_every_language_with_its_sections_in_order(built, catalogue):
    for lang, method in method_cases(catalogue):
        page = built.page(method_url(lang, method["id"]))
        article = page.select_one("article")
        assert article.h1.get_text(strip=True).rstrip("¶") == method["title"][lang]
        assert " ".join(article.select_one(".mg-lead").get_text().split()) == " ".join(method["lead"][lang].split())
        headings = [h2.get_text(strip=True).rstrip("¶") for h2 in article.select("h2")]
        expected = [catalogue.ui[key][lang] for key in SECTION_KEYS if key != "legal_basis" or method["legal_basis"]]
        assert [heading for heading in headings if heading in expected] == expected, (lang, method["id"], headings)
        assert article.select_one("time[datetime]")["datetime"] == method["last_reviewed"]


def test_method_pages_show_evidence_level_and_every_reference(built, catalogue):
    for lang, method in method_cases(catalogue):
        article = built.page(method_url(lang, method["id"])).select_one("article")
        level = article.select_one("[data-evidence-level]")
        assert level["data-evidence-level"] == method["evidence"]["level"]
        assert catalogue.evidence_levels[method["evidence"]["level"]]["label"][lang] in level.get_text()
        text = article.get_text(" ")
        for source_id in method["evidence"]["references"]:
            assert catalogue.sources[source_id]["title"] in text, (lang, method["id"], source_id)


def test_method_labels_link_to_the_tags_index_where_the_method_is_listed(built, catalogue):
    """A method page lists its labels (Märkning) facet by facet in the page language; each label
    leads to its heading on the tags index, and under that heading the tags index lists the method."""
    for lang, method in method_cases(catalogue):
        url = method_url(lang, method["id"])
        groups = built.page(url).select(".mg-labels > div")
        expected = [
            (facet["label"][lang], [catalogue.value_labels[(facet["id"], value)][lang] for value in method["labels"][facet["id"]]])
            for facet in catalogue.facets if method["labels"].get(facet["id"])
        ]
        assert [(group.dt.get_text(strip=True), [a.get_text(strip=True) for a in group.select("dd a")]) for group in groups] == expected
        for link in built.page(url).select(".mg-labels a"):
            target = urlsplit(urljoin("/" + url, link["href"]))
            assert target.path == f"/{language_root(lang)}merking/", link
            heading = built.page(target.path.lstrip("/")).find(id=unquote(target.fragment))
            assert heading is not None, link["href"]
            listed = {urljoin(target.path, a["href"]) for a in heading.find_next("ul").select("a[href]")}
            assert "/" + url in listed, (url, link["href"])
        assert not built.page(url).select(".md-tags"), "labels are listed once, at the end of the page"


def test_every_page_has_the_html_lang_of_its_language(built):
    for path in built.html_pages():
        relative = path.relative_to(built.root).as_posix()
        lang = relative.split("/")[0] if relative.split("/")[0] in ("sv", "se") else "no"
        html = path.read_text(encoding="utf-8")
        assert re.search(rf'<html lang="{HTML_LANG[lang]}"', html), relative


def test_language_switcher_leads_to_the_same_method_in_each_language(built, catalogue):
    for lang, method in method_cases(catalogue):
        url = method_url(lang, method["id"])
        links = {link["hreflang"]: link["href"] for link in built.page(url).select("a.md-select__link")}
        assert set(links) == set(LANGUAGES)
        for other in LANGUAGES:
            assert urljoin("/" + url, links[other]) == "/" + method_url(other, method["id"])


def test_sitemap_lists_every_method_page_with_its_hreflang_alternates(built, catalogue):
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ElementTree.parse(built.root / "sitemap.xml").getroot()
    entries = {}
    for url in root.findall("s:url", namespaces):
        location = url.find("s:loc", namespaces).text
        entries[location] = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", namespaces)}
    base = next(iter(entries)).split("/", 3)[:3]
    site_url = "/".join(base) + "/"
    for lang, method in method_cases(catalogue):
        location = site_url + method_url(lang, method["id"])
        assert location in entries, location
        assert entries[location] == {other: site_url + method_url(other, method["id"]) for other in LANGUAGES}


def test_methods_json_publishes_the_catalogue_in_each_language(built, catalogue):
    for lang in LANGUAGES:
        published = json.loads((built.root / language_root(lang) / "methods.json").read_text(encoding="utf-8"))
        assert (published["language"], published["licence"]) == (lang, {"content": "CC-BY-4.0", "code": "MIT"})
        records = published["methods"]
        assert [record["id"] for record in records] == [method["id"] for method in catalogue.methods]
        for record, method in zip(records, catalogue.methods):
            assert {key: record[key] for key in ("id", "title", "lead", "url", "level", "evidence_level", "labels", "last_reviewed", "next_review")} == {
                "id": method["id"],
                "title": method["title"][lang],
                "lead": method["lead"][lang],
                "url": method_url(lang, method["id"]),
                "level": method["labels"]["level"],
                "evidence_level": method["evidence"]["level"],
                "labels": method["labels"],
                "last_reviewed": method["last_reviewed"],
                "next_review": method["next_review"],
            }
            assert [source["id"] for source in record["references"]] == method["evidence"]["references"]
            assert built.path(record["url"]).exists()


def test_method_list_links_every_method_with_lead_and_level_without_javascript(built, catalogue):
    for lang in LANGUAGES:
        list_url = f"{language_root(lang)}metoder/"
        results = built.page(list_url).select("[data-method-id]")
        in_order = [method["id"] for method in in_name_order(catalogue, lang)]
        assert [result["data-method-id"] for result in results] == in_order[:FIRST_RESULTS]
        # The rest come from the names and leads beside the list, in the same order.
        texts = json.loads(built.path(f"{list_url}texts.json").read_text(encoding="utf-8"))
        assert [row[0] for row in texts] == in_order
        for result in results:
            method = catalogue.methods_by_id[result["data-method-id"]]
            link = result.select_one("a")
            assert link.get_text(strip=True) == method["title"][lang]
            assert urljoin("/" + list_url, link["href"]) == "/" + method_url(lang, method["id"])
            assert method["lead"][lang].strip() in result.get_text(" ")
            for level in method["labels"]["level"]:
                assert catalogue.value_labels[("level", level)][lang] in result.get_text(" ")


def test_generated_pages_stay_out_of_the_side_navigation(built, catalogue):
    for lang in LANGUAGES:
        for url in (language_root(lang), method_url(lang, catalogue.methods[0]["id"])):
            nav_links = [link["href"] for link in built.page(url).select("nav.md-nav--primary a[href]")]
            assert nav_links, url
            for method in catalogue.methods:
                assert not any(href.rstrip("/").endswith(f"metoder/{method['id']}") for href in nav_links), (url, method["id"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_page_says_what_the_site_is(built, lang):
    article = built.page(language_root(lang)).select_one("article")
    assert article.h1 is not None
    assert len(article.get_text(" ").split()) > 100


def test_draft_notice_on_every_unreviewed_page_and_only_there(built, catalogue):
    notices = {lang: catalogue.ui["draft_notice"][lang] for lang in LANGUAGES}
    for lang, method in method_cases(catalogue):
        notice = built.page(method_url(lang, method["id"])).select_one(".mg-review-notice")
        if method["review_status"][lang] == "draft":
            assert notice is not None and notice.get_text(strip=True) == notices[lang], (lang, method["id"])
        else:
            assert notice is None, (lang, method["id"])


def hand_written_pages():
    """(language, site-relative URL, front matter) of every page under docs/<language>/."""
    for lang in LANGUAGES:
        for source in sorted((ROOT / "docs" / lang).rglob("*.md")):
            parts = source.relative_to(ROOT / "docs" / lang).with_suffix("").parts
            folders = parts[:-1] if parts[-1] == "index" else parts
            url = language_root(lang) + "".join(f"{folder}/" for folder in folders)
            front_matter = yaml.safe_load(source.read_text(encoding="utf-8").split("---")[1])
            yield lang, url, front_matter


def test_hand_written_pages_show_the_draft_notice_exactly_when_their_status_is_draft(built, catalogue):
    pages = list(hand_written_pages())
    assert {lang for lang, _, _ in pages} == set(LANGUAGES)
    for lang, url, front_matter in pages:
        assert front_matter.get("review_status") in ("reviewed", "draft"), url
        notice = built.page(url).select_one(".mg-review-notice")
        if front_matter["review_status"] == "draft":
            assert notice is not None and notice.get_text(strip=True) == catalogue.ui["draft_notice"][lang], url
        else:
            assert notice is None, url


def test_the_404_page_speaks_every_language_and_leads_to_each_home_page(built, catalogue):
    # Its frame (search, menus) is the default language's, as the site's root is.
    assert built.page("404.html").html["lang"] == HTML_LANG[DEFAULT_LANGUAGE]
    article = built.page("404.html").select_one("article")
    for lang in LANGUAGES:
        block = article.select_one(f'[lang="{lang}"]')
        assert block is not None, lang
        assert catalogue.ui["not_found"][lang] in block.get_text(" ")
        link = block.select_one("a")
        assert link.get_text(strip=True) == catalogue.ui["not_found_home"][lang]
        assert urljoin(SITE_URL, link["href"]) == SITE_URL + language_root(lang)
        assert built.path(language_root(lang)).exists()
    assert "Not found" not in article.get_text(" ")


def test_a_page_waits_for_one_stylesheet_of_the_site_holding_all_of_them(built, catalogue):
    """Before its first paint a page loads Material's two stylesheets and one of the site's: the
    stylesheets of mkdocs.yml joined, in their order (hooks/stylesheets.py)."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    sources = [(ROOT / "docs" / part).read_text(encoding="utf-8").strip() for part in config["extra_css"]]
    for lang in LANGUAGES:
        for url in (language_root(lang), f"{language_root(lang)}metoder/", method_url(lang, catalogue.methods[0]["id"])):
            sheets = [link["href"] for link in built.page(url).select('link[rel="stylesheet"]')]
            own = [sheet for sheet in sheets if "assets/stylesheets/" not in sheet]  # not Material's
            assert len(sheets) == 3 and len(own) == 1, (url, sheets)
            bundle = built.path(urlsplit(urljoin(f"{SITE_URL}{url}", own[0])).path.lstrip("/")).read_text(encoding="utf-8")
            positions = [bundle.find(source) for source in sources]
            assert -1 not in positions and positions == sorted(positions), url
