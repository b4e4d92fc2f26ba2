"""Response shapes of the API (also what the OpenAPI schema documents)."""

from __future__ import annotations

from rest_framework import serializers

from catalogue.records import language as record_language
from catalogue.records.language import Text
from catalogue.records.links import original_xml_path, record_api_path
from catalogue.records.models import Record, RecordSource
from harvesters.health import source_health
from poles.models import HarvestSource


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class HitSerializer(serializers.Serializer):
    id = serializers.CharField()
    title = serializers.CharField()
    doi = serializers.CharField(allow_null=True)
    poles = serializers.ListField(child=serializers.CharField())
    snippet = serializers.CharField(help_text="HTML: matches in <mark>, everything else escaped")
    bbox = serializers.ListField(child=serializers.ListField(child=serializers.FloatField()))
    url = serializers.CharField()
    api_url = serializers.SerializerMethodField()
    resource_type = serializers.CharField()
    publication_year = serializers.IntegerField(allow_null=True)
    temporal_start = serializers.DateField(allow_null=True)
    temporal_end = serializers.DateField(allow_null=True)
    keywords = serializers.ListField(child=serializers.CharField())

    def get_api_url(self, hit) -> str:
        return record_api_path(hit.id)


class SearchResponseSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    count_is_estimate = serializers.BooleanField(help_text="true when count is an estimate (show it as 'about N')")
    facets_are_estimates = serializers.BooleanField()
    served_by_fallback = serializers.BooleanField(
        help_text="true when the search engine was down and PostgreSQL answered instead (SEARCH_FALLBACK=postgres)"
    )
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    pages = serializers.IntegerField()
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)
    did_you_mean = serializers.CharField()
    results = HitSerializer(many=True)
    facets = serializers.DictField(child=FacetValueSerializer(many=True))


class ErrorSerializer(serializers.Serializer):
    errors = serializers.DictField(child=serializers.CharField(), help_text="parameter name -> message")


class SuggestionSerializer(serializers.Serializer):
    text = serializers.CharField()
    kind = serializers.ChoiceField(choices=["title", "keyword"])


class SuggestResponseSerializer(serializers.Serializer):
    suggestions = SuggestionSerializer(many=True)


class PoleSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    label = serializers.CharField()
    description = serializers.CharField()
    domain = serializers.CharField()
    site_url = serializers.CharField()
    record_count = serializers.IntegerField()
    source_count = serializers.IntegerField()


class SourceSerializer(serializers.ModelSerializer):
    pole = serializers.CharField(source="pole.code")
    # The same health rule as the workspace and /healthz (harvesters.health); its state only, not jobs or errors.
    health = serializers.SerializerMethodField()

    class Meta:
        model = HarvestSource
        # Options stay private (they may hold access details); the rest is public knowledge.
        fields = ["slug", "name", "pole", "protocol", "url", "enabled", "schedule", "last_success_at", "health"]

    def get_health(self, source: HarvestSource) -> str:
        return source_health(source).state


class ProvenanceSerializer(serializers.ModelSerializer):
    source = serializers.CharField(source="source.slug")
    pole = serializers.CharField(source="source.pole.code")
    original_xml_url = serializers.SerializerMethodField()

    class Meta:
        model = RecordSource
        fields = [
            "source",
            "pole",
            "source_identifier",
            "format",
            "content_hash",
            "datestamp",
            "first_seen",
            "last_seen",
            "deleted_at_source",
            "original_xml_url",
        ]

    def get_original_xml_url(self, rs) -> str:
        return original_xml_path(rs.record_id, rs.source.slug)


class RecordDetailSerializer(serializers.ModelSerializer):
    provenance = ProvenanceSerializer(many=True, read_only=True)
    url = serializers.SerializerMethodField()
    title = serializers.SerializerMethodField(
        help_text="The title in the reader's language (?lang, else Accept-Language) when the record has a "
        "translation, else in its own language (`language`); `translations` has the others."
    )
    abstract = serializers.SerializerMethodField(help_text="The abstract, chosen like the title.")
    label = serializers.SerializerMethodField(help_text="The title, or the identifier of an untitled record.")
    quality_issues = serializers.SerializerMethodField(
        help_text="Names of the record's quality issues (keys of `issues`), e.g. missing_title."
    )

    class Meta:
        model = Record
        exclude = ["search_vector", "geometry", "primary_source", "content_hash"]

    def _text(self, record: Record, untitled: str | None = None) -> Text:
        # The same rule as the search results (the API list), the portal and the landing page.
        language = self.context.get("language") or record_language.reader_language()
        return record_language.text(record, language, untitled)

    def get_title(self, record) -> str:
        return self._text(record, untitled="").title

    def get_abstract(self, record) -> str:
        return self._text(record).abstract

    def get_label(self, record) -> str:
        return self._text(record).title

    def get_url(self, record) -> str:
        return record.get_absolute_url()

    def get_quality_issues(self, record) -> list[str]:
        return sorted(record.issues or {})
