"""Broken registers and broken references to them: each gives exactly this message at exactly this place.

Like tests/test_catalogue_errors.py, every case changes the real file the way an editor might, and
the expected line and column are found in the broken text itself. A review that is past due is not
an error: the check warns, the build goes on and the page says so.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest

import check_catalogue
from catalogue import CatalogueError, check_text, load_catalogue
from catalogue.references import page_law_problems
from catalogue.registers import validate_laws, validate_sources
from conftest import ROOT, language_root, run_mkdocs_build

DATA = ROOT / "data"
FILES = {name: (DATA / name).read_text(encoding="utf-8") for name in ("methods.yaml", "sources.yaml", "laws.yaml")}
VALIDATIONS = {"methods.yaml": None, "sources.yaml": validate_sources, "laws.yaml": validate_laws}
TODAY = datetime.date.today().isoformat()
LAW_IDS = ("forskrift-habilitering, forskrift-individuell-plan, grunnloven, hfl, hol, hpl, hsl, hslf-fs-2016-98, kl, minoritetslagen, "
           "pbrl, phvl, pl, po-forordningen, sameloven, sol-2001, sol-2025, sphl")


def place(text: str, fragment: str, offset: int = 0, after: str = "") -> str:
    """LINE:COLUMN of the first `fragment` after `after`, plus `offset` characters."""
    position = text.index(fragment, text.index(after) if after else 0) + offset
    return f"{text.count(chr(10), 0, position) + 1}:{position - (text.rfind(chr(10), 0, position) + 1) + 1}"


@dataclass
class Case:
    name: str
    file: str
    old: str
    new: str
    at: tuple  # (fragment of the new text, offset, after)
    message: str

    def text(self) -> str:
        original = FILES[self.file]
        assert self.old in original, self.old
        return original.replace(self.old, self.new, 1)

    def expected(self) -> str:
        return f"data/{self.file}:{place(self.text(), *self.at)}: {self.message}"


CASES = [
    Case("DOI with its resolver in front", "sources.yaml", "    doi: 10.5334/ijic.530\n", "    doi: https://doi.org/10.5334/ijic.530\n",
         ("https://doi.org/10.5334",), "bjerkan-2011 doi: 'https://doi.org/10.5334/ijic.530' is not in the right form, "
         "expected a DOI as 10.<digits>/<suffix>, without https://doi.org/ in front"),
    Case("DOI holding markup", "sources.yaml", "    doi: 10.5334/ijic.530\n", '    doi: 10.5334/"><img/src=x/onerror=alert(31)>\n',
         ("10.5334/\"><img",), "bjerkan-2011 doi: '10.5334/\"><img/src=x/onerror=alert(31)>' is not in the right form, "
         "expected a DOI as 10.<digits>/<suffix>, without https://doi.org/ in front"),
    Case("address holding markup", "laws.yaml", "    section_url: https://lovdata.no/lov/1999-07-02-63/%C2%A7{section}\n",
         "    section_url: 'https://lovdata.no/lov/1999-07-02-63/%C2%A7{section}\"><svg/onload=alert(1)>'\n", ("'https://lovdata.no/lov/1999-07-02-63/%C2%A7{section}\"",),
         "pbrl section_url: 'https://lovdata.no/lov/1999-07-02-63/%C2%A7{section}\">…' is not in the right form, "
         "expected the address of one section, https://… with {section} where the section goes"),
    Case("PMID that is not digits", "sources.yaml", '    pmid: "21637705"\n', '    pmid: "PMID 21637705"\n', ('"PMID',),
         "bjerkan-2011 pmid: 'PMID 21637705' is not in the right form, expected a PubMed id: digits only, in quotes, e.g. \"21637705\""),
    Case("address that is not https", "sources.yaml", "    url: https://pmc.ncbi.nlm.nih.gov/articles/PMC3429142\n",
         "    url: http://pmc.ncbi.nlm.nih.gov/articles/PMC3429142\n", ("http://pmc",),
         "holum-2012 url: 'http://pmc.ncbi.nlm.nih.gov/articles/PMC3429142' is not in the right form, "
         "expected a complete web address starting with https:// (no spaces)"),
    Case("DOI source with another address", "sources.yaml", '    pmid: "21637705"\n', '    pmid: "21637705"\n    url: https://www.ijic.org/\n',
         ("https://www.ijic.org/",), "bjerkan-2011 url: 'https://www.ijic.org/' is not the address of the DOI 10.5334/ijic.530, "
         "expected no url (a source with a DOI links to https://doi.org/10.5334/ijic.530)"),
    Case("source without confirmed", "sources.yaml", "    confirmed: PubMed Central page PMC3429142 (the abstract matches); title, volume and date on a copy of the PDF. No DOI or PMID found.\n",
         "", ("  - id: holum-2012", 4), "holum-2012: the field confirmed is missing, expected confirmed "
         "(where the identifier or the address was confirmed, or that none was found)"),
    Case("source id used twice", "sources.yaml", "  - id: bjerkan-2011\n", "  - id: holum-2012\n", ("holum-2012", 0, "  - id: holum-2012\n    authors: Bjerkan"),
         f"holum-2012 id: the id holum-2012 is used twice (first on line {place(FILES['sources.yaml'], '  - id: holum-2012').split(':')[0]}), "
         "expected a unique id per source"),
    Case("law without confirmed", "laws.yaml",
         "    confirmed: The riksdagen.se address, the full title, \"Utfärdad 2013-06-13\" and \"Ändrad t.o.m. SFS 2019:1094\", and the wording of 1 § (the municipality is responsible, within the social services), 2 § (the target group) and 3 § (the aims), all on that page. The statute database has no address for a single paragraph, so a paragraph links to the whole text.\n",
         "", ("  - id: po-forordningen", 4), "po-forordningen: the field confirmed is missing, expected confirmed "
         "(where the identifier and the address were confirmed)"),
    Case("HSLF-FS regulation with a paragraph sign", "laws.yaml", "    identifier: HSLF-FS 2016:98\n", "    identifier: HSLF-FS 2016:98 §\n",
         ("HSLF-FS 2016:98 §",), "hslf-fs-2016-98 identifier: 'HSLF-FS 2016:98 §' is not in the right form, "
         "expected an identifier such as LOV-YYYY-MM-DD-NN or FOR-YYYY-MM-DD-NN (Lovdata), SFS YYYY:NNN, "
         "or HSLF-FS YYYY:NN (Socialstyrelsen's regulations)"),
    Case("law identifier in the wrong form", "laws.yaml", "    identifier: LOV-1999-07-02-63\n", "    identifier: lov 2. juli 1999 nr. 63\n",
         ("lov 2. juli",), "pbrl identifier: 'lov 2. juli 1999 nr. 63' is not in the right form, "
         "expected an identifier such as LOV-YYYY-MM-DD-NN or FOR-YYYY-MM-DD-NN (Lovdata), SFS YYYY:NNN, "
         "or HSLF-FS YYYY:NN (Socialstyrelsen's regulations)"),
    Case("checked section in another country's form", "laws.yaml", '    checked_sections: ["16:4"]\n', '    checked_sections: ["16 kap. 4 §"]\n',
         ('"16 kap',), "hsl checked_sections[0]: '16 kap. 4 §' is not in the right form, expected a section such as 3-1 or 2-5b (Norway), 16:4 or 2 (Sweden)"),
    Case("Norwegian section as a Swedish one", "laws.yaml", "    checked_sections: [3-1]\n", "    checked_sections: [3-1, \"5:8a\"]\n",
         ('"5:8a"',), "pbrl checked_sections[1]: '5:8a' is not a section of a norway law, expected a section as Lovdata numbers it, such as 3-1, 2-5b or 108"),
    Case("unknown source in the references", "methods.yaml", "      references: [holum-2012, bjerkan-2011]\n", "      references: [holum-2012, bjerkan-2012]\n",
         ("bjerkan-2012",), "individuell-plan evidence.references[1]: no source has the id bjerkan-2012 (did you mean bjerkan-2011?), "
         "expected the id of a source in data/sources.yaml"),
    Case("unknown material", "methods.yaml", "    material: [helsedirektoratet-2025, napha-2020]\n", "    material: [helsedirektoratet-2025, napha-2002]\n",
         ("napha-2002",), "individuell-plan material[1]: no source has the id napha-2002 (did you mean napha-2020?), expected the id of a source in data/sources.yaml"),
    Case("change dated in the future", "methods.yaml", "      - date: 2026-12-01\n", "      - date: 2999-12-01\n", ("2999-12-01",),
         f"individuell-plan changes[0].date: the change is dated 2999-12-01, in the future, expected a date on or before today ({TODAY})"),
    Case("change before the first publication", "methods.yaml", "      - date: 2026-11-25\n        note:\n          \"no\": Første versjon publisert.\n",
         "      - date: 2026-11-24\n        note:\n          \"no\": Første versjon publisert.\n", ("2026-11-24",),
         "individuell-plan changes[1].date: the change is dated 2026-11-24, before the first publication (2026-11-25), "
         "expected a date on or after first_published (2026-11-25)"),
    Case("review in the future", "methods.yaml", "    last_reviewed: 2026-11-25\n    next_review: 2027-11-25\n",
         "    last_reviewed: 2999-01-01\n    next_review: 2999-06-01\n", ("2999-01-01",),
         f"individuell-plan last_reviewed: the last review is dated 2999-01-01, in the future, expected a date on or before today ({TODAY})"),
    Case("review before the first publication", "methods.yaml", "    last_reviewed: 2026-11-25\n", "    last_reviewed: 2026-11-24\n", ("2026-11-24",),
         "individuell-plan last_reviewed: the review date 2026-11-24 is before the first publication (2026-11-25), expected a date on or after first_published (2026-11-25)"),
    Case("next review before the last", "methods.yaml", "    next_review: 2027-11-25\n", "    next_review: 2026-11-24\n", ("2026-11-24",),
         "individuell-plan next_review: the next review 2026-11-24 is not after the last review (2026-11-25), expected a date after last_reviewed (2026-11-25)"),
    Case("next review on the day of the last", "methods.yaml", "    next_review: 2027-11-25\n", "    next_review: 2026-11-25\n",
         ("2026-11-25", 0, "    next_review: 2026-11-25"),
         "individuell-plan next_review: the next review 2026-11-25 is not after the last review (2026-11-25), expected a date after last_reviewed (2026-11-25)"),
    Case("unknown law id", "methods.yaml", "(law:pbrl/2-5) gir rett", "(law:pbr/2-5) gir rett", ("law:pbr/2-5",),
         f"individuell-plan legal_basis[0].text.no: the law link law:pbr/2-5 names no law (did you mean pbrl?), "
         f"expected law:ID or law:ID/SECTION with an id from data/laws.yaml: one of {LAW_IDS}"),
    Case("section in the wrong form", "methods.yaml", "(law:hsl/16:4)", "(law:hsl/16 kap. 4)", ("law:hsl/16",),
         "samordnad-individuell-plan legal_basis[0].text.no: the section '16 kap. 4' in law:hsl/16 kap. 4 is not in the right form, "
         "expected chapter:paragraph such as 16:4 or 5:8a, or a paragraph such as 2"),
    Case("Norwegian section with a dot", "methods.yaml", "(law:pbrl/2-5) rätt", "(law:pbrl/2.5) rätt", ("law:pbrl/2.5",),
         "individuell-plan legal_basis[0].text.sv: the section '2.5' in law:pbrl/2.5 is not in the right form, "
         "expected a section as Lovdata numbers it, such as 3-1, 2-5b or 108"),
]


def problems(case: Case) -> list[str]:
    validation = VALIDATIONS[case.file]
    checked = check_text(case.text(), f"data/{case.file}", validation) if validation else check_text(case.text(), f"data/{case.file}")
    return [str(problem) for problem in checked.problems]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_broken_register_or_reference_gives_the_exact_place_and_message(case: Case):
    assert problems(case) == [case.expected()]


def test_the_table_covers_at_least_10_kinds_of_breakage():
    assert len({case.name for case in CASES}) >= 10


def test_a_broken_register_stops_loading_the_catalogue_with_its_own_file_and_line(tmp_path):
    case = next(case for case in CASES if case.name == "PMID that is not digits")
    (tmp_path / "sources.yaml").write_text(case.text(), encoding="utf-8")
    (tmp_path / "laws.yaml").write_text(FILES["laws.yaml"], encoding="utf-8")
    with pytest.raises(CatalogueError) as error:
        load_catalogue(DATA / "methods.yaml", "data/methods.yaml", registers_folder=tmp_path)
    assert str(error.value).splitlines() == [case.expected(), "1 problem in data/sources.yaml; nothing was built."]


def test_a_hand_written_page_with_an_unknown_law_is_reported_at_its_line_and_column():
    page = "# Lovverk\n\nSe [loven](law:pbrl/3-1) og [den andre](law:pasientloven).\n"
    laws = load_catalogue(DATA / "methods.yaml").laws
    assert [str(problem) for problem in page_law_problems(page, "docs/no/lovverk.md", laws)] == [
        f"docs/no/lovverk.md:{place(page, 'law:pasientloven')}: the law link law:pasientloven names no law (did you mean sameloven?), "
        f"expected law:ID or law:ID/SECTION with an id "
        f"from data/laws.yaml: one of {LAW_IDS}"]


def test_a_review_past_due_is_a_warning_the_build_goes_on_and_the_page_says_so(project_copy, tmp_path, capsys):
    catalogue = project_copy / "data" / "methods.yaml"
    text = catalogue.read_text(encoding="utf-8").replace(
        "    first_published: 2026-11-25\n    last_reviewed: 2026-11-25\n    next_review: 2027-11-25\n",
        "    first_published: 2020-01-01\n    last_reviewed: 2020-01-01\n    next_review: 2021-01-01\n", 1)
    catalogue.write_text(text, encoding="utf-8")
    assert check_catalogue.main(["--catalogue", str(catalogue)]) == 0
    output = capsys.readouterr().out.splitlines()
    assert output[0] == (f"warning: {catalogue}:{place(text, '  - id: individuell-plan').split(':')[0]}: individuell-plan: "
                         "the next review was due on 2021-01-01; the page says the review is overdue")
    assert output[1].startswith("OK: ")
    site = tmp_path / "site"
    result = run_mkdocs_build(project_copy, site)
    assert result.returncode == 0, result.stderr
    assert "Review overdue: individuell-plan (next review was due 2021-01-01)" in result.stderr
    from bs4 import BeautifulSoup

    ui = load_catalogue(catalogue).ui
    for lang in ("no", "sv", "se"):
        page = BeautifulSoup((site / language_root(lang) / "metoder" / "individuell-plan" / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert page.select_one(".mg-review-overdue").get_text() == ui["review_overdue"][lang]
        other = BeautifulSoup((site / language_root(lang) / "metoder" / "koordinator" / "index.html").read_text(encoding="utf-8"), "html.parser")
        assert other.select_one(".mg-review-overdue") is None
