"""Method names in each language's alphabetical order, for the method list and the comparison page."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from catalogue import Catalogue

# Each language's alphabet: letters the language sorts after z, and Sami letters after their base
# letter; other accented letters sort with their base letter (é with e).
_ALPHABETS = {
    "no": "abcdefghijklmnopqrstuvwxyzæøå",
    "sv": "abcdefghijklmnopqrstuvwxyzåäö",
    "se": "aábcčdđefghijklmnŋopqrsštŧuvwxyzžæøåäö",
}
_SAME_LETTER = {"no": {"ä": "æ", "ö": "ø"}, "sv": {"æ": "ä", "ø": "ö"}, "se": {}}


@lru_cache(maxsize=8)
def _letter_ranks(lang: str) -> dict[str, int]:
    return {letter: rank for rank, letter in enumerate(_ALPHABETS[lang], start=1000)}


def name_key(text: str, lang: str) -> tuple[int, ...]:
    """Sort key of a name in the language's alphabetical order (Åkerö after Zeta in Swedish; in
    Norwegian æ, ø, å; in Sami č after c). Spaces, digits and punctuation come before letters,
    letters of other alphabets after."""
    ranks = _letter_ranks(lang)
    key = []
    for character in text.casefold():
        character = _SAME_LETTER[lang].get(character, character)
        if character not in ranks:
            character = unicodedata.normalize("NFD", character)[0]
        key.append(ranks.get(character, 10_000 + ord(character) if character.isalpha() else ord(character)))
    return tuple(key)


def in_name_order(catalogue: Catalogue, lang: str) -> list[dict]:
    return sorted(catalogue.methods, key=lambda method: (name_key(method["title"][lang], lang), method["id"]))
