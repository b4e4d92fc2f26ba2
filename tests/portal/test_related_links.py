"""A record's related resources become links only when they are web addresses: a harvested `javascript:` URL is
shown as text on the record page, never as an href (escaping alone does not stop such a link from running)."""

from __future__ import annotations

import pytest
from lxml import html

from catalogue.records.unified import RelatedIdentifier
from tests.portal.factories import ingest


@pytest.mark.django_db
def test_related_urls_are_links_only_for_web_addresses(client):
    record = ingest(
        "odatis-sextant-csw",
        "related-links-001",
        related_identifiers=[
            RelatedIdentifier("javascript:alert(document.domain)", "URL", "References"),
            RelatedIdentifier("https://example.org/method", "URL", "IsDocumentedBy"),
        ],
    )
    page = html.fromstring(client.get(f"/records/{record.pk}/").content)
    hrefs = [a.get("href") for a in page.iter("a")]
    assert "https://example.org/method" in hrefs
    assert not [h for h in hrefs if h and h.strip().lower().startswith("javascript:")]
    assert "javascript:alert(document.domain)" in page.text_content()  # still shown, as text
