"""Every source one click away, every change on record (issue 12), read from the real strict build:
reference, law and material links; published titles; dates and history; the feeds read back by a
feed parser; citation files and the suggest-a-change link; the footer; methods.json and its schema."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urljoin, urlsplit

import feedparser
import jsonschema
import pytest

from conftest import LANGUAGES, REPO_URL, SITE_URL, language_root

# The published titles as sources.md gives them (group 1 and 3): the page must show exactly these.
PUBLISHED_TITLES = {
    "holum-2012": "“It is a good idea, but…” A qualitative study of implementation of ‘Individual Plan’ in Norwegian mental health care",
    "bjerkan-2011": "Integrated care in Norway: the state of affairs years after regulation by law",
    "kelly-2020": "Alcoholics Anonymous and other 12-step programs for alcohol use disorder",
    "crawford-2002": "Systematic review of involving patients in the planning and development of health care",
    "mockford-2012": "The impact of patient and public involvement on UK NHS health care: a systematic review",
    "pistrang-2008": "Mutual Help Groups for Mental Health Problems: A Review of Effectiveness Studies",
    "lloyd-evans-2014": "A systematic review and meta-analysis of randomised controlled trials of peer support for people with severe mental illness",
    "aoki-2022": "Shared decision-making interventions for people with mental health conditions",
    "slade-2009": "Personal Recovery and Mental Illness: A Guide for Mental Health Professionals",
    "singman-2013": "Din egen makt – utvärdering av en studiecirkel – kursdeltagare från en socialpsykiatrisk enhet",
    "socialstyrelsen-2013": "Att ge ordet och lämna plats – Vägledning om brukarinflytande inom socialtjänst, psykiatri och missbruks- och beroendevård",
    "dieterich-2017": "Intensive case management for severe mental illness",
}
# Cochrane reviews are cited by the version the page summarises, never the protocol's bare number.
COCHRANE_VERSIONS = {"dieterich-2017": "CD007906.pub3", "kelly-2020": "CD012880.pub2", "stacey-2017": "CD001431.pub5",
                     "pitt-2013": "CD004807.pub2", "aoki-2022": "CD007297.pub3"}
OFFICIAL_LAW_HOSTS = {"lovdata.no", "www.riksdagen.se", "rkrattsbaser.gov.se"}
# lagen.nu (a free compilation of Swedish law whose address form sources.md names) only for a law
# whose register entry says the reference material gives no official address.
COMPILATION_HOST, COMPILATION_NOTE = "lagen.nu", "lagen.nu is a free compilation, not the official publication"


def method_url(lang: str, method_id: str) -> str:
    return f"{language_root(lang)}metoder/{method_id}/"


def cases(catalogue):
    return [(lang, method) for method in catalogue.methods for lang in LANGUAGES]


def assert_well_formed_https(address: str) -> None:
    parts = urlsplit(address)
    assert parts.scheme == "https" and "." in parts.hostname and not re.search(r"\s", address), address


def test_every_reference_and_material_item_links_to_its_source(built, catalogue):
    """A source with a DOI links to https://doi.org/<that DOI>; one without, to its confirmed address; one with neither, to nothing."""
    for lang, method in cases(catalogue):
        article = built.page(method_url(lang, method["id"])).select_one("article")
        listed = article.select(".mg-references > li") + article.select(".mg-material > li")
        assert len(listed) == len(method["evidence"]["references"]) + len(method["material"])
        for item, source_id in zip(listed, method["evidence"]["references"] + method["material"]):
            source = catalogue.sources[source_id]
            links = [link["href"] for link in item.select("a[href]")]
            expected = f"https://doi.org/{source['doi']}" if "doi" in source else source.get("url")
            assert links == ([expected] if expected else []), (lang, method["id"], source_id)
            for address in links:
                assert_well_formed_https(address)
            assert source["title"] in item.get_text(), source_id
            details = source.get("details")  # numbers and identifiers as one text, words in the page's language
            if details:
                assert (details[lang] if isinstance(details, dict) else details) in item.get_text(), (lang, source_id)
            if source["title"].startswith("["):  # a description, not a title: the page says so in its language
                assert f"{source['title']} ({catalogue.ui['title_not_recorded'][lang]})." in item.get_text(), (lang, source_id)


def test_titles_are_the_published_ones_and_cochrane_reviews_cite_their_version(built, catalogue):
    shown = {}
    for lang, method in cases(catalogue):
        for item in built.page(method_url(lang, method["id"])).select(".mg-references > li, .mg-material > li"):
            shown.setdefault(item.get("id", "").removeprefix("source-"), item.get_text())
    for source_id, title in PUBLISHED_TITLES.items():
        assert catalogue.sources[source_id]["title"] == title
        assert title in shown[source_id], source_id
    for source_id, version in COCHRANE_VERSIONS.items():
        assert catalogue.sources[source_id]["doi"] == f"10.1002/14651858.{version}"
        assert version in shown[source_id]
    # Lloyd-Evans 2014 is one source, cited under one title by every method that cites it.
    citing = [method for method in catalogue.methods if "lloyd-evans-2014" in method["evidence"]["references"]]
    assert len(citing) >= 3


def law_links(page) -> list:
    return page.select("article a.mg-law")


def test_every_law_named_links_to_the_official_text_and_unchecked_sections_say_so(built, catalogue):
    pages = [method_url(lang, method["id"]) for lang, method in cases(catalogue)] + [f"{language_root(lang)}lovverk/" for lang in LANGUAGES]
    marks = {catalogue.ui["law_not_checked"][lang] for lang in LANGUAGES}
    for url in pages:
        page = built.page(url)
        assert "law:" not in str(page.select_one("article")), url  # every law link was resolved
        for link in law_links(page):
            assert_well_formed_https(link["href"])
            host = urlsplit(link["href"]).hostname
            if host == COMPILATION_HOST:
                laws = [law for law in catalogue.laws.values() if link["href"] in (law.get("url"), law.get("section_url"))]
                assert laws and all(COMPILATION_NOTE in law["confirmed"] for law in laws), (url, link["href"])
            else:
                assert host in OFFICIAL_LAW_HOSTS, (url, link["href"])
        text = page.select_one("article").get_text(" ")
        assert not re.search(r"hukommelse|ur minnet|muittu mielde|from memory|må kontrolleres|behöver kontrolleras", text), url
        for mark in page.select(".mg-unchecked"):
            assert mark.get_text().strip("()") in marks
    legal_page = built.page("lovverk/")
    assert len(law_links(legal_page)) >= 20
    section = next(link for link in law_links(legal_page) if link.get_text() == "Pasient- og brukerrettighetsloven § 3-1")
    assert section["href"] == "https://lovdata.no/lov/1999-07-02-63/%C2%A73-1"  # Lovdata's rule for a section's own address


def test_a_section_the_reference_material_does_not_confirm_is_marked_in_the_pages_language(built, catalogue):
    for lang in LANGUAGES:
        page = built.page(method_url(lang, "koordinator"))
        checked_link = next(link for link in law_links(page) if link["href"].endswith("%C2%A73-1"))
        unchecked_link = next(link for link in law_links(page) if link["href"].endswith("%C2%A77-2"))
        assert not (checked_link.next_sibling or "").strip().startswith("(")
        assert unchecked_link.find_next_sibling("span")["class"] == ["mg-unchecked"]
        assert unchecked_link.find_next_sibling("span").get_text() == f"({catalogue.ui['law_not_checked'][lang]})"


def test_a_page_links_the_same_laws_in_every_language(built, catalogue):
    """A translation never drops a law link: readers of every language can open the same law texts."""
    for path in [f"metoder/{method['id']}/" for method in catalogue.methods] + ["lovverk/"]:
        linked = {lang: {link["href"] for link in law_links(built.page(language_root(lang) + path))} for lang in LANGUAGES}
        assert all(linked[lang] == linked["no"] for lang in LANGUAGES), (path, linked)


def test_every_method_page_shows_its_dates_and_changes_newest_first(built, catalogue):
    for lang, method in cases(catalogue):
        article = built.page(method_url(lang, method["id"])).select_one("article")
        dates = {time.parent.parent.dt.get_text(): time["datetime"] for time in article.select(".mg-dates time")}
        assert dates == {catalogue.ui["last_reviewed"][lang]: method["last_reviewed"],
                         catalogue.ui["first_published"][lang]: method["first_published"],
                         catalogue.ui["next_review"][lang]: method["next_review"]}
        changes = article.select(".mg-changes > li")
        shown = [(item.time["datetime"], item.get_text().split(": ", 1)[1]) for item in changes]
        expected = sorted(((change["date"], change["note"][lang]) for change in method["changes"]), reverse=True)
        assert shown == expected, (lang, method["id"])
        assert not article.select(".mg-review-overdue")  # no review of the real catalogue is past due


def test_a_level_resting_on_a_neighbouring_intervention_says_so_next_to_the_level(built, catalogue):
    resting = [method for method in catalogue.methods if "basis" in method["evidence"]]
    assert {method["id"] for method in resting} >= {"koordinator", "selvhjelpsgrupper", "parorende"}
    for method in resting:
        for lang in LANGUAGES:
            level = built.page(method_url(lang, method["id"])).select_one(".mg-evidence-level")
            assert level.select_one(".mg-evidence-basis").get_text() == method["evidence"]["basis"][lang]


def test_holum_2012_is_described_as_the_study_of_22_managers_it_is(built, catalogue):
    for method_id in ("individuell-plan", "samordnad-individuell-plan"):
        for lang, words in (("no", "22 ledere"), ("sv", "22 chefer"), ("se", "22 jođiheaddji")):
            summary = catalogue.methods_by_id[method_id]["evidence"]["summary"][lang]
            assert words in " ".join(summary.split()), (method_id, lang)
            assert not re.search(r"eierskap|ägarskap|oamastus", summary), (method_id, lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_an_atom_feed_of_every_change_announced_in_every_page(built, catalogue, lang):
    feed_address = f"{SITE_URL}{language_root(lang)}feed.xml"
    feed = feedparser.parse((built.root / language_root(lang) / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.language == {"no": "nb", "sv": "sv", "se": "se"}[lang]
    assert feed.feed.title == catalogue.ui["feed_title"][lang]
    assert any(link.rel == "self" and link.href == feed_address for link in feed.feed.links)
    expected = sorted((change["date"], SITE_URL + method_url(lang, method["id"]), change["note"][lang])
                      for method in catalogue.methods for change in method["changes"])
    assert sorted((entry.updated[:10], entry.link, entry.summary) for entry in feed.entries) == expected
    assert [entry.updated for entry in feed.entries] == sorted((entry.updated for entry in feed.entries), reverse=True)
    assert len({entry.id for entry in feed.entries}) == len(feed.entries)
    for entry in feed.entries:
        assert built.path(entry.link.removeprefix(SITE_URL)).exists()
    for page in [method_url(lang, catalogue.methods[0]["id"]), language_root(lang), f"{language_root(lang)}lovverk/"]:
        announced = built.page(page).select('head link[rel="alternate"][type="application/atom+xml"]')
        assert [urljoin(SITE_URL + page, link["href"]) for link in announced] == [feed_address], page


def test_every_method_page_says_how_to_cite_it_with_ris_and_bibtex_beside_it(built, catalogue):
    for lang, method in cases(catalogue):
        url = method_url(lang, method["id"])
        page = built.page(url)
        citation = page.select_one(".mg-citation").get_text(" ")
        for part in ("Medvirkningsguiden", method["title"][lang], method["last_reviewed"], SITE_URL + url):
            assert part in citation, (lang, method["id"], part)
        files = {link.get_text(): urljoin("/" + url, link["href"]).lstrip("/") for link in page.select(".mg-citation-files a")}
        assert len(files) == 2
        ris, bibtex = (built.path(address).read_bytes().decode("utf-8") for address in sorted(files.values(), key=lambda a: not a.endswith(".ris")))
        assert f"TI  - {method['title'][lang]}\r\n" in ris and f"UR  - {SITE_URL}{url}\r\n" in ris and ris.endswith("ER  - \r\n")
        assert f"url = {{{SITE_URL}{url}}}," in bibtex and f"date = {{{method['last_reviewed']}}}," in bibtex


def test_suggest_a_change_opens_a_new_issue_with_the_method_and_page_filled_in(built, catalogue):
    for lang, method in cases(catalogue):
        url = method_url(lang, method["id"])
        link = built.page(url).select_one(".mg-suggest a")
        assert link.get_text() == catalogue.ui["suggest_change"][lang]
        address = urlsplit(link["href"])
        assert f"{address.scheme}://{address.netloc}{address.path}" == f"{REPO_URL}/issues/new"
        query = parse_qs(address.query)
        assert method["title"][lang] in query["title"][0]
        assert SITE_URL + url in query["body"][0]
        history = built.page(url).select_one("a.mg-history")
        assert history["href"] == f"{REPO_URL}/commits/main/data/methods.yaml"


def test_every_page_footer_states_the_licences_and_links_the_accessibility_statement(built, catalogue):
    for path in built.html_pages():
        relative = path.relative_to(built.root).as_posix()
        lang = relative.split("/")[0] if relative.split("/")[0] in ("sv", "se") else "no"
        notice = built.page(relative).select_one("footer .mg-site-notice")
        assert notice is not None, relative
        assert catalogue.ui["licence_content"][lang] in notice.get_text() and catalogue.ui["licence_code"][lang] in notice.get_text()
        statement = notice.find("a", string=catalogue.ui["accessibility_statement"][lang])
        target = urljoin("/" + relative, statement["href"]).lstrip("/")
        assert target == f"{language_root(lang)}tilgjengelighet/", relative
    for lang in LANGUAGES:
        article = built.page(f"{language_root(lang)}tilgjengelighet/").select_one("article")
        assert "WCAG 2.1" in article.get_text(" ") and "axe-core" in article.get_text(" ")
        # A problem is reported through the repository's new-issue form, its subject and what to describe filled in.
        report = article.select_one(".mg-report-problem a")
        assert report.get_text() == catalogue.ui["report_problem"][lang]
        address = urlsplit(report["href"])
        assert f"{address.scheme}://{address.netloc}{address.path}" == f"{REPO_URL}/issues/new"
        query = parse_qs(address.query)
        assert query["title"] == [f"{catalogue.ui['accessibility_statement'][lang]}: "] and query["body"] == [catalogue.ui["report_problem_body"][lang]]


def test_methods_json_follows_the_schema_published_beside_it(built, catalogue):
    for lang in LANGUAGES:
        root = built.root / language_root(lang)
        schema = json.loads((root / "methods.schema.json").read_text(encoding="utf-8"))
        published = json.loads((root / "methods.json").read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(published)
        assert published["$schema"] == "methods.schema.json"
        record = next(record for record in published["methods"] if record["id"] == "koordinator")
        assert record["references"][0]["url"] == "https://doi.org/10.1002/14651858.CD007906.pub3"
        assert {law["id"] for law in record["laws"]} >= {"pbrl", "hol", "sphl", "hsl"}
        assert record["changes"][0]["date"] == max(change["date"] for change in catalogue.methods_by_id["koordinator"]["changes"])
