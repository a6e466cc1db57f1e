"""The open data of a language root: methods.json and the JSON Schema of its shape (pure functions).

methods.json says what it is: its licences (content CC BY 4.0, code MIT, as SPDX identifiers), the
schema it follows (methods.schema.json beside it, data/open-data.schema.json in the repository),
its language, and per method the catalogue's labels plus its dates, its change history, its
references and material with their identifiers and addresses, and the laws it names.
"""

from __future__ import annotations

import json
from pathlib import Path

import render
from catalogue import Catalogue
from citations import SITE_NAME, source_address, source_details
from law_text import laws_named
from method_record import changes_newest_first, texts_of

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "data" / "open-data.schema.json"
PUBLISHED_SCHEMA = "methods.schema.json"  # its name beside methods.json
LICENCES = {"content": "CC-BY-4.0", "code": "MIT"}
_SOURCE_FIELDS = ("id", "authors", "year", "title", "journal", "publisher", "details", "doi", "pmid")


def _source(source: dict, lang: str) -> dict:
    record = {field: source[field] for field in _SOURCE_FIELDS if field in source}
    if "details" in source:
        record["details"] = source_details(source, lang)
    address = source_address(source)
    return {**record, "url": address} if address else record


def method_record(catalogue: Catalogue, method: dict, lang: str, record: dict) -> dict:
    """One method's record: the filter's fields (render.methods_json) and what the page says about its record."""
    laws = laws_named([text for legal in method["legal_basis"] for text in texts_of(legal["text"])], catalogue.laws)
    return {
        **record,
        "evidence_level": method["evidence"]["level"],
        "first_published": method["first_published"],
        "last_reviewed": method["last_reviewed"],
        "next_review": method["next_review"],
        "changes": [{"date": change["date"], "note": change["note"][lang]} for change in changes_newest_first(method)],
        "references": [_source(catalogue.sources[source_id], lang) for source_id in method["evidence"]["references"]],
        "material": [_source(catalogue.sources[source_id], lang) for source_id in method["material"]],
        "laws": [{"id": law["id"], "country": law["country"], "title": law["title"][lang],
                  **({"identifier": law["identifier"]} if "identifier" in law else {}),
                  **({"url": law["url"]} if "url" in law else {})} for law in laws],
    }


def methods_json(catalogue: Catalogue, lang: str, default_language: str) -> dict:
    records = render.methods_json(catalogue, lang, default_language)
    return {
        "$schema": PUBLISHED_SCHEMA,
        "title": SITE_NAME,
        "language": lang,
        "licence": LICENCES,
        "methods": [method_record(catalogue, method, lang, record) for method, record in zip(catalogue.methods, records)],
    }


def methods_json_text(catalogue: Catalogue, lang: str, default_language: str) -> str:
    """methods.json as written: UTF-8 JSON in which no value can close a <script> element it is pasted into."""
    return json.dumps(methods_json(catalogue, lang, default_language), ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def published_schema() -> str:
    return SCHEMA_FILE.read_text(encoding="utf-8")
