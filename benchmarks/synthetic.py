"""Synthetic catalogues for the benchmarks, made from the real one (data/methods.yaml).

The real catalogue's interface text, evidence scale and vocabulary are kept. Methods are the
real ones, then copies of them up to the size asked for: each copy has a numbered id and title,
its template's texts (so a page weighs, raw and gzipped, what a real page weighs), and as many
labels (picked at random from the real vocabulary) and related methods as its template. A catalogue smaller than the
real one keeps its first methods and drops links to the others.

The texts repeat every len(real methods) methods, so files holding every method (methods.json, the
search index) gzip better than a catalogue of 1,000 different texts would; their raw sizes are right.
"""

from __future__ import annotations

import copy
import random
from pathlib import Path

from catalogue import load_catalogue

ROOT = Path(__file__).resolve().parent.parent


def random_labels(facets: list[dict], template: dict, generator: random.Random) -> dict:
    """As many values in each facet as the template has there, picked at random."""
    return {
        facet["id"]: [value["id"] for value in generator.sample(facet["values"], len(template["labels"][facet["id"]]))]
        for facet in facets
        if template["labels"].get(facet["id"])
    }


def synthetic_catalogue(size: int, seed: int) -> dict:
    """The real catalogue's data with `size` methods (see the module's docstring)."""
    data = copy.deepcopy(load_catalogue(ROOT / "data" / "methods.yaml").data)
    templates = data["methods"]
    generator = random.Random(seed)
    methods = templates[:size]
    kept = {method["id"] for method in methods}
    for method in methods:
        method["related"] = [related for related in method["related"] if related in kept]
    for number in range(len(methods) + 1, size + 1):
        template = templates[number % len(templates)]
        method = copy.deepcopy(template)
        method["id"] = f"metode-{number:04d}"
        method["title"] = {lang: f"{title} {number}" for lang, title in template["title"].items()}
        method["labels"] = random_labels(data["facets"], template, generator)
        method["related"] = [other["id"] for other in generator.sample(methods, min(len(methods), len(template["related"])))]
        methods.append(method)
    data["methods"] = methods
    return data
