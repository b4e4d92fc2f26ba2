"""Search across French and English: a query is expanded with the other language's words for the concepts it names.

Records are often written in one language ("Cumuls de pluie", "Seismicity of the Lesser Antilles"); a reader
searching "rainfall" or "sismicité" should find them. The terms come from data (catalogue/records/vocabularies):
the French/English labels of the INSPIRE themes thesaurus the hubs' records cite, and an Earth-science glossary.

The expansion is a list of whole-query variants ("neige pyrénées", "snow pyrénées", ...) that each backend ORs in
its own syntax (`SearchBackend.any_of`), so every backend finds the same records for the same words.
"""

from __future__ import annotations

import itertools
import re

from catalogue.records.vocabularies import fold, term_index

MAX_PHRASE_WORDS = 6
MAX_ALTERNATIVES = 6  # per matched phrase, the phrase itself included
MAX_VARIANTS = 16  # whole-query variants a search ORs
_WORD = re.compile(r"[\w’'\-]+", re.UNICODE)
_ADVANCED = re.compile(r"[\"()]|(^|\s)(or|OR|-\w)")  # phrase search, explicit OR or exclusions: left as typed


def _alternatives(matched: str, concepts) -> list[str]:
    """The matched words first, then the first term of each language, then the other synonyms."""
    ordered = [matched]
    for concept in concepts:
        ordered += [*concept.en[:1], *concept.fr[:1]]
    for concept in concepts:
        ordered += [*concept.en[1:], *concept.fr[1:]]
    seen, kept = set(), []
    for term in ordered:
        if fold(term) not in seen:
            seen.add(fold(term))
            kept.append(term)
    return kept[:MAX_ALTERNATIVES]


def variants(q: str) -> list[str]:
    """The query and its cross-language variants; [q] alone when nothing is known or the query is advanced."""
    if not q or not q.strip() or _ADVANCED.search(q):
        return [q]
    words = _WORD.findall(q)
    folded = [fold(word) for word in words]
    index = term_index()
    segments: list[list[str]] = []
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + MAX_PHRASE_WORDS), i, -1):
            phrase = " ".join(folded[i:j])
            if phrase in index:
                segments.append(_alternatives(" ".join(words[i:j]), index[phrase]))
                i = j
                break
        else:
            segments.append([words[i]])
            i += 1
    if all(len(segment) == 1 for segment in segments):
        return [q]
    found = [" ".join(parts) for parts in itertools.islice(itertools.product(*segments), MAX_VARIANTS)]
    return [q, *(v for v in found if fold(v) != fold(q))]
