"""One language per page: every page type rendered in French shows no English message of our catalogues.

The check reads the .po catalogues (the project's and the apps'): every msgid whose French differs from the English
is turned into a pattern (placeholders match anything, markup is dropped) and looked for, as whole words, in the
page's visible text and in the attributes people read or hear (title, aria-label, placeholder, alt, the map's
data-label-*). The same pages rendered in English must show many of those msgids, so the check cannot pass by
matching nothing.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path

import polib
import pytest
from django.conf import settings
from lxml import html as lxml_html

from catalogue.records.ingest import delete_from_source
from catalogue.records.unified import BBox, Keyword, OnlineResource, Party, RelatedIdentifier
from poles.models import HarvestSource
from tests.portal.factories import ingest

pytestmark = pytest.mark.django_db

READ_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
_PLACEHOLDER = re.compile(r"%\(\w+\)[sdgf]|%[sdgf]")


@cache
def english_messages() -> tuple[tuple[str, re.Pattern], ...]:
    """(msgid, pattern) for every message translated to something else than itself."""
    files = [Path(p) / "fr" / "LC_MESSAGES" / "django.po" for p in settings.LOCALE_PATHS]
    files += sorted(Path(settings.BASE_DIR).glob("*/locale/fr/LC_MESSAGES/django.po"))
    files += sorted(Path(settings.BASE_DIR).glob("*/*/locale/fr/LC_MESSAGES/django.po"))
    found: dict[str, re.Pattern] = {}
    for path in files:
        for entry in polib.pofile(str(path)):
            if entry.obsolete or not entry.translated():
                continue
            forms = [entry.msgid, entry.msgid_plural] if entry.msgid_plural else [entry.msgid]
            translations = set(entry.msgstr_plural.values()) if entry.msgid_plural else {entry.msgstr}
            for msgid in forms:
                if msgid in translations:
                    continue  # "Format", "Description", "DOI": the same word in both languages
                text = re.sub(r"<[^>]+>", "", msgid)
                literal = _PLACEHOLDER.sub("", text)
                if len(re.sub(r"\W", "", literal)) < 4:
                    continue  # too short to be told apart from data ("CSW", "%(n)s more")
                parts = [re.escape(part.strip()) for part in _PLACEHOLDER.split(text)]
                pattern = r"\s*\S.{0,60}?\s*".join(part for part in parts if part) if len(parts) > 1 else parts[0]
                found[msgid] = re.compile(rf"(?<!\w){pattern}(?!\w)")
    assert len(found) > 200, f"only {len(found)} messages read from {files}"
    return tuple(found.items())


def readable_text(content: bytes) -> str:
    """The page's text, one line per block, and the attributes read aloud; parts marked in another language
    (the language switch's "English", a record's title in its own language) are left out."""
    tree = lxml_html.fromstring(content)
    page_language = tree.get("lang", "")
    for node in tree.xpath("//script | //style | //body//*[@lang]"):
        if node.tag in ("script", "style") or node.get("lang") != page_language:
            node.drop_tree()
    for block in tree.xpath("//p | //li | //dt | //dd | //h1 | //h2 | //h3 | //h4 | //div | //td | //th | //title"):
        block.tail = "\n" + (block.tail or "")
    texts = [" ".join(line.split()) for line in tree.text_content().splitlines() if line.strip()]
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            if name in READ_ATTRIBUTES or name.startswith("data-label"):
                texts.append(value)
        if element.tag == "meta" and element.get("name") == "description":
            texts.append(element.get("content", ""))
    return "\n".join(texts)


def english_left(content: bytes) -> list[str]:
    text = readable_text(content)
    return [msgid for msgid, pattern in english_messages() if pattern.search(text)]


@pytest.fixture
def catalogue_records():
    """French records (their text is data, not interface) with every field the pages label."""
    rich = ingest(
        "odatis-sextant-csw",
        "neige-fr-1",
        title="Hauteur de neige des Alpes",
        abstract="Mesures journalières de hauteur de neige.",
        doi="10.12770/neige-1",
        language="fr",
        languages=["fre", "eng"],
        keywords=[Keyword("neige", "Thésaurus GEMET"), Keyword("Alpes")],
        topic_categories=["climatologyMeteorologyAtmosphere"],
        resource_type="dataset",
        creators=[Party(name="Jeanne Barret", kind="person")],
        organisations=[Party(organisation="Météo-France", role="pointOfContact", email="neige@meteo.fr")],
        publisher="Météo-France",
        publication_year=2019,
        temporal_start=date(2015, 8, 1),
        temporal_end=None,
        bboxes=[BBox(6.5, 45.5, 6.5, 45.5)],
        license="CC-BY-4.0",
        online_resources=[
            OnlineResource("https://data.example.org/neige.nc", "WWW:DOWNLOAD-1.0-http--download", "neige.nc"),
            OnlineResource("https://geo.example.org/wms", "OGC:WMS", "hauteur_neige"),
        ],
        related_identifiers=[
            RelatedIdentifier("10.12770/neige-1", "DOI", "IsIdenticalTo"),
            RelatedIdentifier("10.12770/neige-0", "DOI", "IsNewVersionOf"),
            RelatedIdentifier("10.12770/alpes", "DOI", "IsPartOf"),
        ],
        version="2",
    )
    gone = ingest("demo-odatis", "retiree-1", title="Fiche retirée", doi="10.12770/retiree-1", language="fr")
    delete_from_source(HarvestSource.objects.get(slug="demo-odatis"), ["retiree-1"], "Remplacée par la version 2")
    return {"rich": rich, "gone": gone}


def page_urls(records) -> dict[str, str]:
    rich = records["rich"]
    return {
        "home": "/",
        "search": "/search/?q=neige",
        "search-facets": f"/search/?pole=ODATIS&year_from=2010&bbox=0,40,10,50&sort=newest&has_doi=true&q={rich.title}",
        "search-errors": "/search/?page=x&pole=NOPE&bbox=1,2&year_from=abc&has_doi=maybe&sort=sideways&start=hier",
        "search-empty": "/search/?q=zzqxw",
        "record": f"/records/{rich.pk}/",
        "record-gone": f"/records/{records['gone'].pk}/",
        "landing": f"/doi/{rich.doi}",
        "landing-tombstone": "/doi/10.12770/retiree-1",
        "landing-unknown": "/doi/10.12770/nothing-here",
        "landing-not-a-doi": "/doi/not-a-doi",
        "not-found": "/no/such/page/",
        "map-preview-failed": f"/records/{rich.pk}/preview/1/",  # geo.example.org does not resolve here
        "map-empty": "/map/",
    }


def test_every_page_type_in_french_shows_no_english_message(client, catalogue_records):
    left = {}
    for name, url in page_urls(catalogue_records).items():
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr", HTTP_ACCEPT="text/html")
        assert response.status_code in (200, 404, 410), (name, response.status_code)
        assert response["Content-Language"] == "fr", name
        found = english_left(response.content)
        if found:
            left[name] = found
    assert left == {}


def test_the_same_pages_in_english_show_the_messages_the_check_looks_for(client, catalogue_records):
    """Guards the check above: it finds English where English is expected, on every page type."""
    for name, url in page_urls(catalogue_records).items():
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en", HTTP_ACCEPT="text/html")
        assert len(english_left(response.content)) >= 5, name


def test_french_pages_say_periods_languages_protocols_and_errors_in_french(client, catalogue_records):
    record = catalogue_records["rich"]
    page = client.get(f"/records/{record.pk}/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "depuis le 1 août 2015" in page
    assert "Français, Anglais" in page or "français, anglais" in page.lower()
    assert "Téléchargement (web)" in page and "Service de carte (WMS)" in page
    assert "WWW:DOWNLOAD-1.0-http--download</span>" not in page
    assert "Identique à" not in page and "Nouvelle version de" in page  # the self-reference is hidden
    errors = client.get("/search/?page=x&pole=NOPE", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "page doit être un nombre entier." in errors and "Pôle inconnu NOPE" in errors
    landing = client.get("/doi/not-a-doi", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Ce n’est pas un DOI" in landing
    hit = client.get("/search/?q=neige", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "couvre depuis 2015" in hit
