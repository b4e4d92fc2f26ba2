"""One language rule (catalogue.records.language): a bilingual record shows the same title on the search page, the
record page, the DOI landing page, the API list, the API detail and the OGC API item, for a French and for an
English reader -- the portal's reader by the language cookie of its switcher, the API's by Accept-Language or
?lang=."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from lxml import html as lxml_html

from catalogue.records import language
from catalogue.records.links import landing_url
from catalogue.records.models import Record
from tests.portal.factories import ingest

pytestmark = pytest.mark.django_db

WORD = "zyxlangrule"  # in every title and abstract, so one search finds both records

FR_DEFAULT = {"fr": f"Cumuls de pluie horaires {WORD}", "en": f"Hourly rainfall totals {WORD}"}
EN_DEFAULT = {"en": f"Snow cover of the Alps {WORD}", "fr": f"Couverture neigeuse des Alpes {WORD}"}


@pytest.fixture
def bilingual() -> dict[str, dict[str, str]]:
    """{doi: {language: the title a reader of that language must see}} for a French record translated into English
    and an English record translated into French."""
    ingest(
        "demo-aeris",
        "lang-fr-default",
        doi="10.12770/lang-fr",
        title=FR_DEFAULT["fr"],
        abstract=f"Pluie mesurée chaque heure {WORD}.",
        language="fr",
        translations={"en": {"title": FR_DEFAULT["en"], "abstract": f"Rain measured every hour {WORD}."}},
    )
    ingest(
        "demo-theia",
        "lang-en-default",
        doi="10.12770/lang-en",
        title=EN_DEFAULT["en"],
        abstract=f"Daily snow cover {WORD}.",
        language="en",
        translations={"fr": {"title": EN_DEFAULT["fr"]}},
    )
    return {"10.12770/lang-fr": FR_DEFAULT, "10.12770/lang-en": EN_DEFAULT}


def portal_client(lang: str) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang  # what the header's language switcher sets
    return client


def _h1(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return " ".join(lxml_html.fromstring(response.content).xpath("string(//h1)").split())


def titles_everywhere(lang: str) -> dict[str, dict[str, str]]:
    """{surface: {doi: title shown}} for a reader of `lang`."""
    records = {r.doi: r for r in Record.objects.filter(doi__in=["10.12770/lang-fr", "10.12770/lang-en"])}
    ids = {str(r.pk): doi for doi, r in records.items()}
    portal = portal_client(lang)
    search_page = lxml_html.fromstring(portal.get("/search/", {"q": WORD}).content)
    seen = {
        "search page": {
            ids[hit.get("data-hit-id")]: " ".join(hit.xpath("string(.//h3/a)").split())
            for hit in search_page.xpath('//li[@class="hit"]')
        },
        "record page": {doi: _h1(portal, r.get_absolute_url()) for doi, r in records.items()},
        "landing page": {doi: _h1(portal, landing_url(r)) for doi, r in records.items()},
    }
    api = Client()
    for how, headers, params in (
        ("Accept-Language", {"HTTP_ACCEPT_LANGUAGE": f"{lang},en;q=0.1"}, {}),
        ("?lang", {"HTTP_ACCEPT_LANGUAGE": "de"}, {"lang": lang}),
    ):
        found = api.get("/api/records/", {"q": WORD, **params}, **headers).json()["results"]
        seen[f"API list ({how})"] = {ids[hit["id"]]: hit["title"] for hit in found}
        seen[f"API detail ({how})"] = {
            doi: api.get(f"/api/records/{r.pk}/", params, **headers).json()["title"] for doi, r in records.items()
        }
        seen[f"OGC API item ({how})"] = {
            doi: api.get(f"/ogcapi/collections/records/items/{r.pk}", {"f": "json", **params}, **headers).json()[
                "properties"
            ]["title"]
            for doi, r in records.items()
        }
    return seen


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_surface_shows_the_same_title(bilingual, lang):
    expected = {doi: titles[lang] for doi, titles in bilingual.items()}
    seen = titles_everywhere(lang)
    for surface, titles in seen.items():
        assert titles == expected, surface


def test_an_explicit_lang_wins_over_accept_language(bilingual):
    record = Record.objects.get(doi="10.12770/lang-fr")
    client = Client()
    detail = client.get(f"/api/records/{record.pk}/", {"lang": "en"}, HTTP_ACCEPT_LANGUAGE="fr").json()
    assert detail["title"] == FR_DEFAULT["en"]
    assert detail["abstract"] == f"Rain measured every hour {WORD}."
    assert detail["language"] == "fr" and detail["translations"]["en"]["title"] == FR_DEFAULT["en"]
    # A language the site does not speak is not chosen: the reader gets the site's default language (English).
    assert language.reader_language("de") in language.supported()
    assert client.get(f"/api/records/{record.pk}/", HTTP_ACCEPT_LANGUAGE="de").json()["title"] == FR_DEFAULT["en"]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("fr", ("Titre", "Résumé", "fr")), ("en", ("Title", "Abstract", "en")), ("de", ("Title", "Abstract", "en"))],
)
def test_the_rule_on_plain_values(lang, expected):
    text = language.text_of("Title", "Abstract", {"fr": {"title": "Titre", "abstract": "Résumé"}}, "en", lang)
    assert (text.title, text.abstract, text.language) == expected
    assert language.text_of("", "", {}, "en", "fr", fallback_title="id-1").title == "id-1"
    assert language.normalise("fr-FR") == language.normalise("fre") == "fr"
