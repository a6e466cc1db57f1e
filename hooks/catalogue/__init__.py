"""Load and validate the catalogue (data/methods.yaml) and the glossary (data/glossary.yaml).

Pure Python, no MkDocs: the build hooks, the editors' check command (hooks/check_catalogue.py) and
the tests all call `check_file` or `load_catalogue`. Nothing here raises on a broken file except
`load_*`, which raise one `CatalogueError` carrying every problem found, each with file, line,
column, method id, field path and what was expected.

The stages, one module each:
  check.py     the two paths through a file: quick for a valid one, careful when something is wrong
  quick.py     reading YAML quickly (libyaml events to plain data)
  places.py    reading YAML while remembering where every value stands
  schema.py    the JSON Schemas, their validators and their errors in an editor's words
  rules.py     what a schema cannot say (unique ids, labels from the vocabulary, ...)
  text_formats.py  what a text may hold: plain text without markup, Markdown without HTML or unsafe links
  limits.py    how large a file, its lists and its mappings may be
  problems.py  a problem, its place and words, and the bounded report
  model.py     the validated Catalogue with the look-ups the templates need
  registers.py the source and law registers (data/sources.yaml, data/laws.yaml), checked the same way
  references.py the catalogue against the registers and the calendar (citations, law links, dates)
  laws.py      the law link syntax [words](law:ID/SECTION) and the addresses it stands for
"""

from .check import Checked, check_file, check_text, load_catalogue, load_glossary, validate_catalogue, validate_glossary
from .model import LANGUAGES, TAG_SEPARATOR, Catalogue
from .problems import CatalogueError, Problem, at_least_of, count_problems, listed

__all__ = [
    "LANGUAGES", "TAG_SEPARATOR", "Catalogue", "CatalogueError", "Checked", "Problem", "at_least_of", "check_file", "check_text",
    "count_problems", "listed", "load_catalogue", "load_glossary", "validate_catalogue", "validate_glossary",
]
