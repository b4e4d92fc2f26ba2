"""One language rule: which title and abstract a reader gets.

The reader's language comes from the request: an explicit `lang` parameter (the API's `?lang=fr|en`) first, else the
language Django activated for the request (the portal's language cookie set by the language switch, else the
`Accept-Language` header: `LocaleMiddleware`), else the site's default. Of a record, the reader gets the text of
that language when the record carries a translation of it, else the record's own text (in its default language).

The search page, the record page, the DOI landing page, the API list and detail and the OGC API items all ask here,
so one record shows one title in one language everywhere. The PostgreSQL search backend picks the same text in SQL
(`sql_text`); the engine backends with `text_of` on their stored documents.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language

from catalogue.records.models import Record


def supported() -> tuple[str, ...]:
    """The languages pages and answers are given in (settings.LANGUAGES: en, fr)."""
    return tuple(code for code, _name in settings.LANGUAGES)


def normalise(code: str | None) -> str:
    """ "fr", "fr-FR", "FR_fr", "fre", "fra" -> "fr"; "" when the code names no language the site speaks."""
    short = (code or "").strip().lower().replace("_", "-").split("-")[0][:2]
    return short if short in supported() else ""


def reader_language(explicit: str | None = None) -> str:
    """The reader's language: `explicit` (a `lang` parameter) when the site speaks it, else the request's active
    language (cookie, then Accept-Language), else settings.LANGUAGE_CODE."""
    return normalise(explicit) or normalise(get_language()) or normalise(settings.LANGUAGE_CODE) or supported()[0]


@dataclass(frozen=True, slots=True)
class Text:
    title: str
    abstract: str
    language: str  # the language the title is in ("" when the record does not say)


def text_of(
    title: str,
    abstract: str,
    translations: Mapping[str, Mapping[str, str]] | None,
    own_language: str,
    language: str,
    fallback_title: str = "",
) -> Text:
    """The rule on plain values: the translation into `language` when the record has one, else its own text; an
    untitled record is called by `fallback_title` (its identifier)."""
    wanted = normalise(language) or language
    translation = (translations or {}).get(wanted) or {}
    if not isinstance(translation, Mapping):
        translation = {}
    own = normalise(own_language) or own_language
    translated_title = (translation.get("title") or "").strip()
    return Text(
        title=translated_title or title or fallback_title,
        abstract=(translation.get("abstract") or "").strip() or abstract,
        language=wanted if translated_title else own,
    )


def text(record: Record, language: str, untitled: str | None = None) -> Text:
    """The title and abstract of `record` a reader of `language` gets; an untitled record is called by `untitled`,
    by default its identifier (Record.label)."""
    return text_of(
        record.title or "",
        record.abstract or "",
        record.translations if isinstance(record.translations, dict) else {},
        record.language or "",
        language,
        fallback_title=record.identifier or "" if untitled is None else untitled,
    )


def title(record: Record, language: str) -> str:
    return text(record, language).title


def sql_text(field: str, language: str, alias: str = "r") -> str:
    """The same rule in SQL for one column ("title" or "abstract") of `catalogue_record AS <alias>`; the language is
    one the site speaks (checked here), so it is safe to write into the statement."""
    if field not in ("title", "abstract"):
        raise ValueError(f"no translated column {field!r}")
    lang = reader_language(language)
    translated = f"nullif(btrim({alias}.translations #>> '{{{lang},{field}}}'), '')"
    if field == "title":  # an untitled record is shown by its identifier (Record.label)
        return f"coalesce({translated}, nullif({alias}.title, ''), {alias}.identifier)"
    return f"coalesce({translated}, {alias}.abstract)"
