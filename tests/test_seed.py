"""The four hubs and their sources exist after migrate, and seeding again changes nothing."""

from __future__ import annotations

import pytest

from poles.models import HarvestSource, Pole
from poles.options import OptionsError, validate_options
from poles.seed import seed

pytestmark = pytest.mark.django_db


def test_the_four_hubs_are_seeded():
    assert list(Pole.objects.values_list("code", flat=True)) == ["AERIS", "FORMATER", "ODATIS", "THEIA"]
    formater = Pole.objects.get(code="FORMATER")
    assert formater.name == "Form@ter"
    assert formater.label("fr").startswith("Form@ter — pôle de données Terre solide")
    assert formater.label("en").startswith("Form@ter — solid Earth data hub")


def test_each_hub_has_a_local_demo_source_and_its_public_endpoints():
    for pole in Pole.objects.all():
        protocols = set(pole.sources.values_list("protocol", flat=True))
        assert "local" in protocols, pole.code
        assert "csw" in protocols, pole.code
    sextant = HarvestSource.objects.get(slug="odatis-sextant-csw")
    assert sextant.url == "https://sextant.ifremer.fr/geonetwork/srv/eng/csw"
    assert sextant.options["output_schema"] == "http://www.isotc211.org/2005/gmd"
    assert sextant.options["page_size"] == 100  # defaults completed by the schema
    assert HarvestSource.objects.get(slug="odatis-seanoe-oaipmh").options["metadata_prefix"] == "oai_dc"


def test_seeding_again_is_idempotent_and_keeps_admin_changes():
    HarvestSource.objects.filter(slug="theia-hydroweb-csw").update(enabled=False)
    assert seed() == (0, 0)
    assert HarvestSource.objects.get(slug="theia-hydroweb-csw").enabled is False


def test_options_are_validated_per_protocol():
    with pytest.raises(OptionsError, match=r"page_size: Input should be less than or equal to 1000"):
        validate_options("csw", {"page_size": 5000})
    # The protocol's own spelling is accepted (issue 12) and stored under ours; a typo is still refused.
    assert validate_options("oaipmh", {"metadataPrefix": "oai_dc"})["metadata_prefix"] == "oai_dc"
    with pytest.raises(OptionsError, match=r"metadataPrefx: Extra inputs are not permitted.*Allowed keys"):
        validate_options("oaipmh", {"metadataPrefx": "oai_dc"})
    with pytest.raises(OptionsError, match="unknown protocol 'ftp'"):
        validate_options("ftp", {})
    source = HarvestSource(pole=Pole.objects.first(), slug="bad", name="Bad", protocol="csw", url="https://x")
    source.options = {"page_size": 0}
    with pytest.raises(OptionsError):
        source.save()
    assert not HarvestSource.objects.filter(slug="bad").exists()
