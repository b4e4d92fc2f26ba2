"""Whether a "did you mean" proposal is worth showing, the same rule for every backend.

Backends propose the closest known word for each unknown one. Two proposals are worse than none: one built from a
query that is not words at all (`'; DROP TABLE records; --` came back as mangled SQL), and a "correction" that
throws half the word away ("sealevel" -> "level"). A proposal is kept only when the query is made of words and
each changed word stays within a small edit distance of what was typed.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+", re.UNICODE)
# Characters of code and query languages, not of a search phrase (hyphens, apostrophes, quotes and dots are fine).
_NOT_A_PHRASE = re.compile(r"[;=<>{}\[\]\\|`$#*]|--|/\*")


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance with adjacent transpositions (a swapped pair of letters is one typo)."""
    previous2: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current.append(value)
        previous2, previous = previous, current
    return previous[-1]


def allowed_typos(word: str) -> int:
    return 1 if len(word) <= 5 else 2 if len(word) <= 10 else 3


def sensible_suggestion(query: str, suggestion: str) -> str:
    """The suggestion when it is a plausible spelling correction of the query, else ""."""
    if not suggestion or suggestion.strip().lower() == query.strip().lower() or _NOT_A_PHRASE.search(query):
        return ""
    typed, proposed = _WORD.findall(query.lower()), _WORD.findall(suggestion.lower())
    if not typed or len(typed) != len(proposed):
        return ""
    for before, after in zip(typed, proposed, strict=True):
        if before != after and edit_distance(before, after) > allowed_typos(before):
            return ""
    return suggestion
