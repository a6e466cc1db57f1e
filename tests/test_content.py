"""The catalogue is complete and honest enough to publish: every section, language, source and date."""

from __future__ import annotations

import datetime
import re

from conftest import LANGUAGES, language_root

TEXT_SECTIONS = ("title", "lead", "target_group", "competence", "summary", "implementation")
REQUIRED_METHODS = {
    "individuell-plan", "samordnad-individuell-plan", "koordinator", "apen-dialog", "erfaringskonsulent",
    "studiesirkler-egenmakt", "aterhamtningsguiden", "selvhjelpsgrupper", "likepersonsarbeid", "parorende",
    "brukerrad", "utvikling-og-forskning", "recoveryorientert-praksis", "samvalg",
    # issue 15
    "brukerstyrt-innleggelse", "kriseplan", "tilbakemeldingsverktoy", "personligt-ombud", "brukerevaluering",
    "tvangsreduksjon", "wrap",
}
# Every label value id ever published: they are in page addresses, filter queries and methods.json.
PUBLISHED_VALUE_IDS = {
    "level": {"individual", "service", "system"},
    "country": {"norway", "sweden"},
    "provider": {"municipal-health", "social-services", "psychiatric-outpatient", "psychiatric-inpatient",
                 "psychiatric-emergency", "substance-use-treatment", "user-organisations"},
    "role": {"management", "administration", "therapist", "nurse", "social-worker", "support-worker", "peer-worker", "coordinator"},
    "support_type": {"treatment-pathway", "planning-coordination", "psychoeducation", "psychosocial", "health-promotion",
                     "family-support", "housing-support", "work-support", "service-development"},
    "age_group": {"children", "adults", "older"},
    "severity": {"mild", "moderate", "severe"},
    "condition": {"mental-illness", "substance-use", "psychosis", "co-occurring", "self-harm", "suicide-risk", "coercion"},
}
# Terms issue 15 added (at least ten were asked for).
ADDED_TERMS = {
    "brukerstyrt-innleggelse", "selvhenvisning", "felles-kriseplan", "forhandserklaering", "tilbakemeldingsverktoy",
    "feedback-informerte-tjenester", "ors-og-srs", "rutinemessig-resultatmaling", "personligt-ombud", "bruker-spor-bruker",
    "brukarrevision", "pasienterfaringsundersokelse", "tvangsreduksjon", "safewards", "six-core-strategies", "ettersamtale",
    "wrap", "stemmehorergruppe",
}


def words(text: str) -> int:
    return len(text.split())


def test_the_catalogue_covers_the_required_methods_levels_and_countries(catalogue):
    assert REQUIRED_METHODS <= set(catalogue.methods_by_id)
    labels = lambda facet: {value for method in catalogue.methods for value in method["labels"].get(facet, [])}
    assert labels("level") == {"individual", "service", "system"}
    assert labels("country") == {"norway", "sweden"}


def test_every_method_has_every_section_with_substance_in_every_language(catalogue):
    for method in catalogue.methods:
        for lang in LANGUAGES:
            for section in TEXT_SECTIONS:
                assert method[section][lang].strip(), (method["id"], section, lang)
            assert words(method["evidence"]["summary"][lang]) >= 40, (method["id"], "evidence", lang)
            for section in ("target_group", "competence", "summary", "implementation"):
                assert words(method[section][lang]) >= 25, (method["id"], section, lang, words(method[section][lang]))
            for legal in method["legal_basis"]:
                assert legal["text"][lang].strip(), (method["id"], "legal_basis", lang)
            assert 2 <= len(method["reflection_questions"][lang]) <= 4, (method["id"], lang)


def test_every_method_has_references_an_evidence_level_and_a_review_date(catalogue):
    for method in catalogue.methods:
        assert method["evidence"]["references"], method["id"]
        assert method["evidence"]["level"] in catalogue.evidence_levels, method["id"]
        assert datetime.date.fromisoformat(method["last_reviewed"]) <= datetime.date.today(), method["id"]
        assert method["legal_basis"], method["id"]
        covered = {legal["country"] for legal in method["legal_basis"]}
        assert covered <= set(method["labels"]["country"]), (method["id"], "legal basis for a country the method is not labelled with")


def test_no_text_names_a_web_address_the_sources_do_not_give(catalogue):
    """Addresses belong in reference/material url fields, never invented inside prose."""
    for method in catalogue.methods:
        for section in TEXT_SECTIONS:
            for lang in LANGUAGES:
                assert not re.search(r"https?://|www\.", method[section][lang]), (method["id"], section, lang)


def test_sami_text_is_marked_as_not_yet_reviewed_until_someone_reviews_it(catalogue):
    for method in catalogue.methods:
        assert method["review_status"]["se"] in ("draft", "reviewed")
    assert any(method["review_status"]["se"] == "draft" for method in catalogue.methods)


def test_every_published_label_value_is_kept_and_named_in_every_language(catalogue):
    vocabulary = {facet["id"]: {value["id"]: value["label"] for value in facet["values"]} for facet in catalogue.facets}
    for facet, values in PUBLISHED_VALUE_IDS.items():
        assert values <= set(vocabulary[facet]), (facet, values - set(vocabulary[facet]))
        for value in values:
            assert all(vocabulary[facet][value][lang].strip() for lang in LANGUAGES), (facet, value)
    used = {(facet, value) for method in catalogue.methods for facet, values in method["labels"].items() for value in values}
    assert {("condition", "suicide-risk"), ("condition", "coercion"), ("condition", "self-harm")} <= used


def test_related_methods_link_both_ways(catalogue):
    for method in catalogue.methods:
        for other in method["related"]:
            assert method["id"] in catalogue.methods_by_id[other]["related"], (method["id"], other)


def test_a_source_without_a_recorded_title_is_described_in_brackets_and_says_so(catalogue):
    """The register never claims a title the reference material does not give: such a page is described."""
    described = [source for source in catalogue.sources.values() if source["title"].startswith("[")]
    assert len(described) >= 20
    for source in described:
        assert source["title"].endswith("]"), source["id"]
        assert "title was not recorded" in source["confirmed"], source["id"]


def test_glossary_rows_are_complete_in_all_three_languages(glossary):
    assert len(glossary["terms"]) >= 72
    assert ADDED_TERMS <= {term["id"] for term in glossary["terms"]}
    for term in glossary["terms"]:
        for lang in LANGUAGES:
            assert term["term"][lang].strip() and term["definition"][lang].strip(), (term["id"], lang)


def test_glossary_page_shows_each_term_in_all_three_languages_on_one_row(built, glossary):
    for lang in LANGUAGES:
        rows = built.page(f"{language_root(lang)}ordliste/").select("article table tbody tr")
        assert len(rows) == len(glossary["terms"])
        row_terms = {tuple(span.get_text(strip=True) for span in row.select("span[lang]")) for row in rows}
        for term in glossary["terms"]:
            expected = (term["term"][lang],) + tuple(term["term"][other] for other in LANGUAGES if other != lang)
            assert expected in row_terms, (lang, term["id"])


def test_each_method_page_and_the_course_page_show_the_reflection_questions(built, catalogue):
    for lang in LANGUAGES:
        # The text as read: glossary marks are links inside it, so text pieces join without a space.
        text = lambda page: " ".join(page.select_one("article").get_text().split())
        course = text(built.page(f"{language_root(lang)}kurs/"))
        for method in catalogue.methods:
            page = text(built.page(f"{language_root(lang)}metoder/{method['id']}/"))
            for question in method["reflection_questions"][lang]:
                assert " ".join(question.split()) in page and " ".join(question.split()) in course, (lang, method["id"], question)


def test_the_course_page_contents_lead_to_each_methods_questions(built, catalogue):
    """The course page's table of contents lists every method whose questions it gathers, and each
    entry leads to that method's questions on the page."""
    for lang in LANGUAGES:
        course = built.page(f"{language_root(lang)}kurs/")
        contents = {link.get_text(strip=True): link["href"] for link in course.select("nav.md-nav--secondary a.md-nav__link")}
        for method in catalogue.methods:
            anchor = contents[method["title"][lang]].removeprefix("#")
            heading = course.find(id=anchor)
            assert heading is not None and heading.get_text(strip=True).rstrip("¶") == method["title"][lang], (lang, method["id"])


def test_every_method_says_in_one_line_of_plain_text_who_it_is_for_and_what_it_takes(catalogue):
    """The summary at the top of a method page and the comparison give these lines as they are."""
    for method in catalogue.methods:
        for field in ("target_group", "competence"):
            for lang in LANGUAGES:
                line = method["in_brief"][field][lang]
                assert "\n" not in line.strip() and len(line) <= 160, (method["id"], field, lang, len(line))
                assert not re.search(r"[*_`<>\[\]#]", line), (method["id"], field, lang, "Markdown in a plain-text line")


def test_the_course_pages_reading_path_leads_to_every_method(built, catalogue):
    for lang in LANGUAGES:
        article = built.page(f"{language_root(lang)}kurs/").select_one("article")
        reading_path = next(ol for ol in article.select("ol") if ol.select_one('a[href$="om-medvirkning/"]'))
        linked = {link["href"].rstrip("/").rsplit("/", 1)[-1] for link in reading_path.select('a[href*="metoder/"]')}
        assert {method["id"] for method in catalogue.methods} <= linked, (lang, {method["id"] for method in catalogue.methods} - linked)
