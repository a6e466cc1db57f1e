"""What the check lets through as text stays text: a site built from a catalogue full of text that
looks like code (template syntax, entity-encoded tags, quotes that would end an attribute, script
addresses) runs no script and opens no dialog on any page type, in any language, in Chromium; and
the text shows as written."""

from __future__ import annotations

import json

import feedparser
import pytest
import yaml

from conftest import LANGUAGES, copy_project, free_port, language_root, run_mkdocs_build, search_site, serving

pytestmark = pytest.mark.browser

MARK = "zxqhostile"  # a word to search for
PAYLOAD = (f"{MARK} {{{{ 7*7 }}}} {{% raw %}} ${{7*7}} &lt;script&gt;alert(1)&lt;/script&gt; &#60;img src=x onerror=alert(2)&#62; "
           "\" onmouseover=\"alert(3)\" x=' onfocus='alert(4)' autofocus=' javascript:alert(5) < script>alert(6)< /script> "
           "\\u003cscript\\u003ealert(7) %3Cscript%3E")
MARKDOWN = (f"{PAYLOAD}\n\n`<script>alert(8)</script>` [{MARK}](https://example.org/ \"\\\" onmouseover=\\\"alert(9)\") "
            "[relative](../?q=%22%3E%3Cscript%3Ealert(10)%3C/script%3E)")
# Records whatever the page's Content-Security-Policy blocks: a blocked script means escaping failed.
RECORD_CSP_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", event => window.cspViolations.push(event.effectiveDirective));
"""


def hostile(text: dict, payload: str = PAYLOAD) -> dict:
    return {lang: f"{value} {payload}" for lang, value in text.items()}


def hostile_catalogue(data: dict) -> dict:
    """The catalogue with hostile text in every kind of field that reaches a page."""
    method = data["methods"][0]
    for field in ("title", "lead"):
        method[field] = hostile(method[field])
    for field in ("target_group", "summary", "competence", "implementation"):
        method[field] = hostile(method[field], MARKDOWN)
    method["evidence"]["summary"] = hostile(method["evidence"]["summary"], MARKDOWN)
    method["in_brief"] = {field: hostile(line) for field, line in method["in_brief"].items()}
    method["changes"][0]["note"] = hostile(method["changes"][0]["note"])
    method["legal_basis"][0]["text"] = hostile(method["legal_basis"][0]["text"], MARKDOWN)
    method["reflection_questions"] = {lang: [*questions, PAYLOAD] for lang, questions in method["reflection_questions"].items()}
    for facet in data["facets"]:
        if facet["id"] in method["labels"]:
            facet["label"] = hostile(facet["label"])
            carried = method["labels"][facet["id"]][0]
            value = next(value for value in facet["values"] if value["id"] == carried)
            value["label"] = hostile(value["label"])
    level = next(level for level in data["evidence_levels"] if level["id"] == method["evidence"]["level"])
    level["label"], level["description"] = hostile(level["label"]), hostile(level["description"], MARKDOWN)
    for key in ("filter_heading", "draft_notice", "labels", "related", "not_found", "glossary_explanation", "last_reviewed"):
        data["ui"][key] = hostile(data["ui"][key])
    return data


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory, catalogue, glossary):
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    data = hostile_catalogue(json.loads(json.dumps(catalogue.data)))
    (project / "data" / "methods.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    sources = yaml.safe_load((project / "data" / "sources.yaml").read_text(encoding="utf-8"))
    cited = next(source for source in sources["sources"] if source["id"] == data["methods"][0]["evidence"]["references"][0])
    cited["title"], cited["authors"], cited["details"] = (f"{cited[key]} {PAYLOAD}" for key in ("title", "authors", "details"))
    (project / "data" / "sources.yaml").write_text(yaml.safe_dump(sources, allow_unicode=True, sort_keys=False), encoding="utf-8")
    terms = json.loads(json.dumps(glossary))
    terms["terms"][0]["term"], terms["terms"][0]["definition"] = hostile(terms["terms"][0]["term"]), hostile(terms["terms"][0]["definition"], MARKDOWN)
    (project / "data" / "glossary.yaml").write_text(yaml.safe_dump(terms, allow_unicode=True, sort_keys=False), encoding="utf-8")
    port = free_port()
    site = project / "site"
    result = run_mkdocs_build(project, site, site_url=f"http://127.0.0.1:{port}/")
    assert result.returncode == 0, result.stdout + result.stderr
    with serving(site, port) as url:
        yield url, data, site


def page_types(method_ids: list[str]) -> list[str]:
    """Every kind of page the site has, in every language, and the 404 page: the comparison both as
    its script makes it (two methods named in the address) and as its plain table of every method."""
    kinds = ["", "metoder/", f"metoder/{method_ids[0]}/", "metoder/sammenlign/", f"metoder/sammenlign/?m={method_ids[0]},{method_ids[1]}",
             "merking/", "ordliste/", "kurs/", "lovverk/", "om-medvirkning/"]
    return [language_root(lang) + kind for lang in LANGUAGES for kind in kinds] + ["404.html"]


@pytest.fixture(scope="module")
def visits(browser, hostile_site):
    """{address: (dialogs, CSP violations, document title, text of the page)} for every page type,
    each page also searched for the hostile text (Material writes results as HTML)."""
    url, data, _ = hostile_site
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    tab = context.new_page()
    dialogs: list[str] = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    found = {}
    for address in page_types([method["id"] for method in data["methods"]]):
        dialogs.clear()
        tab.goto(url + address, wait_until="networkidle")
        text = tab.inner_text("body")
        if address != "404.html":
            search_site(tab, MARK)
            tab.hover(".md-search-result__item")  # a handler hidden in a result would run now
            tab.keyboard.press("Escape")
        tab.mouse.move(640, 100)
        tab.keyboard.press("Tab")
        found[address] = (list(dialogs), tab.evaluate("window.cspViolations"), tab.title(), text)
    context.close()
    return found


def test_no_page_type_runs_a_script_or_opens_a_dialog_in_any_language(visits, hostile_site):
    _, data, _ = hostile_site
    assert len(visits) == len(page_types([method["id"] for method in data["methods"]]))
    assert {address: dialogs for address, (dialogs, *_) in visits.items() if dialogs} == {}
    # A script the escaping let through would be blocked by the policy, and show here.
    assert {address: violations for address, (_, violations, *_) in visits.items() if violations} == {}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_hostile_text_shows_as_written(visits, hostile_site, lang):
    _, data, _ = hostile_site
    method = data["methods"][0]
    _, _, title, text = visits[f"{language_root(lang)}metoder/{method['id']}/"]
    assert title == f"{method['title'][lang]} - Medvirkningsguiden"
    assert method["title"][lang] in text
    assert PAYLOAD in visits[f"{language_root(lang)}merking/"][3]  # a label on the tags index
    compared = visits[f"{language_root(lang)}metoder/sammenlign/?m={method['id']},{data['methods'][1]['id']}"][3]
    assert method["title"][lang] in compared and method["in_brief"]["competence"][lang] in compared


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_feed_gives_the_hostile_text_as_text(hostile_site, lang):
    _, data, site = hostile_site
    method = data["methods"][0]
    feed = feedparser.parse((site / language_root(lang) / "feed.xml").read_bytes())
    entry = next(entry for entry in feed.entries if entry.link.rstrip("/").endswith(f"metoder/{method['id']}"))
    assert entry.title.startswith(method["title"][lang])
    assert entry.summary_detail.type == "text/plain" and entry.summary == method["changes"][0]["note"][lang]


def test_open_data_keeps_the_text_as_written(hostile_site):
    _, data, site = hostile_site
    records = json.loads((site / "methods.json").read_text(encoding="utf-8"))["methods"]
    assert records[0]["title"] == data["methods"][0]["title"]["no"]
    assert records[0]["references"][0]["title"].endswith(PAYLOAD)
