"""The summary at the top of every method page: levels, the evidence level on its scale (every step
in words, this method's marked by more than colour), who it is for, what it takes, countries, last
review and the text's review status, as a description list before the first section.

Expectations come from methods.json and the catalogue's names at test time.
"""

from __future__ import annotations

import pytest

from conftest import LANGUAGES
from list_helpers import methods_json

PHONE = {"width": 375, "height": 740}
READ_SUMMARY = """summary => ({
  terms: Array.from(summary.querySelectorAll(':scope > div > dt'), dt => dt.innerText.trim()),
  values: Array.from(summary.querySelectorAll(':scope > div > dd'), dd => dd.innerText.replace(/\\s+/g, ' ').trim()),
  steps: Array.from(summary.querySelectorAll('ol.mg-scale > li'), li => {
    const style = getComputedStyle(li);
    return {text: li.innerText.trim(), current: li.getAttribute('aria-current') === 'true',
            weight: Number(style.fontWeight), border: parseFloat(style.borderTopWidth), visible: li.getClientRects().length > 0};
  }),
  right: summary.getBoundingClientRect().right,
  beforeFirstSection: summary.compareDocumentPosition(document.querySelector('article h2')) === Node.DOCUMENT_POSITION_FOLLOWING,
})"""


def expected(record: dict, catalogue, lang: str) -> tuple[list[str], list[str]]:
    """The summary's terms and the start of each value, for a methods.json record."""
    method = catalogue.methods_by_id[record["id"]]
    names = lambda facet: ", ".join(catalogue.value_labels[(facet, value)][lang] for value in record["labels"].get(facet, []))
    country = next(facet for facet in catalogue.facets if facet["id"] == "country")["label"][lang]
    ui = {key: text[lang] for key, text in catalogue.ui.items()}
    return (
        [ui["level"], ui["evidence_level"], ui["target_group"], ui["competence"], country, ui["last_reviewed"], ui["review_status_label"]],
        [names("level"), catalogue.evidence_levels[record["evidence_level"]]["label"][lang], method["in_brief"]["target_group"][lang],
         method["in_brief"]["competence"][lang], names("country"), record["last_reviewed"], ui[f"review_status_{method['review_status'][lang]}"]],
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_method_page_opens_with_its_summary_as_a_description_list(built, site, catalogue, lang):
    for record in methods_json(site, lang):
        article = built.page(record["url"]).select_one("article")
        summary = article.select_one("dl.mg-summary")
        assert summary is not None, record["url"]
        assert summary.find_previous("h1") and not summary.find_previous("h2"), "before the first section"
        terms, values = expected(record, catalogue, lang)
        assert [dt.get_text(strip=True) for dt in summary.select(":scope > div > dt")] == terms
        shown = [" ".join(dd.get_text().split()) for dd in summary.select(":scope > div > dd")]
        assert [value.startswith(start) for value, start in zip(shown, values)] == [True] * len(values), (record["id"], shown)
        assert summary.select_one("time")["datetime"] == record["last_reviewed"]
        steps = summary.select("ol.mg-scale > li")
        text = lambda element: " ".join(element.get_text().split())
        assert [text(step) for step in steps] == [level["label"][lang] for level in catalogue.evidence_levels.values()]
        assert [text(step) for step in steps if step.get("aria-current") == "true"] == [values[1]]


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES)
def test_on_a_phone_every_summary_fits_and_marks_the_evidence_step_by_more_than_colour(browser, server, site, catalogue, lang):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    for record in methods_json(site, lang):
        page.goto(f"{server}{record['url']}")
        summary = page.eval_on_selector("dl.mg-summary", READ_SUMMARY)
        terms, values = expected(record, catalogue, lang)
        assert summary["beforeFirstSection"]
        assert summary["terms"] == terms
        assert all(value.startswith(start) for value, start in zip(summary["values"], values)), summary["values"]
        assert summary["right"] <= PHONE["width"] and page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        steps = summary["steps"]
        assert [step["text"] for step in steps] == [level["label"][lang] for level in catalogue.evidence_levels.values()]
        assert all(step["visible"] for step in steps)
        [current] = [step for step in steps if step["current"]]
        assert current["text"] == values[1]
        others = [step for step in steps if not step["current"]]
        assert all(current["weight"] > step["weight"] and current["border"] > step["border"] for step in others), steps
    context.close()


@pytest.mark.browser
def test_a_printed_summary_shows_every_step_of_the_scale(page, server, site, catalogue):
    record = methods_json(site, "sv")[0]
    page.goto(f"{server}{record['url']}")
    page.emulate_media(media="print")
    summary = page.eval_on_selector("dl.mg-summary", READ_SUMMARY)
    assert len(summary["steps"]) == len(catalogue.evidence_levels) and all(step["visible"] for step in summary["steps"])
    assert summary["terms"] == expected(record, catalogue, "sv")[0]
