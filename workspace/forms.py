"""The source form: real fields per protocol (never a JSON box), validated by poles.options like every other writer.

Fields of all protocols are in one form, grouped in fieldsets; only the chosen protocol's are read (a page without
JavaScript shows them all, with a legend saying which protocol they belong to). The protocols' own parameter names
are accepted too (`metadataPrefix`, `outputSchema`, `maxRecords`...), and so is a pasted request URL: its protocol
parameters become the form's values and the URL keeps only the endpoint.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django import forms
from django.core.validators import validate_slug
from django.utils.translation import gettext_lazy as _

from poles.models import HarvestSource, HubMembership, Pole
from poles.options import CSW_RECORD_SCHEMA, ISO19139_SCHEMA, OptionsError, validate_options

ISO19115_3_SCHEMA = "http://standards.iso.org/iso/19115/-3/mdb/2.0"
# form field -> (protocol, option name)
OPTION_FIELDS = {
    "csw_version": ("csw", "version"),
    "csw_output_schema": ("csw", "output_schema"),
    "csw_type_names": ("csw", "type_names"),
    "csw_element_set": ("csw", "element_set"),
    "csw_constraint": ("csw", "constraint"),
    "csw_page_size": ("csw", "page_size"),
    "csw_fallback_to_dublin_core": ("csw", "fallback_to_dublin_core"),
    "oai_metadata_prefix": ("oaipmh", "metadata_prefix"),
    "oai_set": ("oaipmh", "set"),
    "oai_page_delay_seconds": ("oaipmh", "page_delay_seconds"),
    "local_pattern": ("local", "pattern"),
}
# The names the protocols (and our options) use, accepted in the submitted data and in a pasted URL's query.
ALIASES = {
    "csw": {
        "version": "csw_version",
        "outputSchema": "csw_output_schema",
        "output_schema": "csw_output_schema",
        "typeNames": "csw_type_names",
        "type_names": "csw_type_names",
        "elementSetName": "csw_element_set",
        "element_set": "csw_element_set",
        "constraint": "csw_constraint",
        "maxRecords": "csw_page_size",
        "page_size": "csw_page_size",
    },
    "oaipmh": {
        "metadataPrefix": "oai_metadata_prefix",
        "metadata_prefix": "oai_metadata_prefix",
        "set": "oai_set",
    },
    "local": {"pattern": "local_pattern"},
}
# Request parameters a pasted URL may carry that are not settings: dropped from the endpoint.
REQUEST_PARAMETERS = {"service", "request", "verb", "acceptversions", "resumptiontoken", "from", "until", "identifier"}


class SourceForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    slug = forms.CharField(
        label=_("Short name"),
        max_length=80,
        validators=[validate_slug],
        help_text=_("Letters, digits and hyphens; used in addresses (/manage/sources/<short name>/). Cannot change."),
    )
    pole = forms.ModelChoiceField(label=_("Hub"), queryset=Pole.objects.none(), empty_label=None)
    protocol = forms.ChoiceField(label=_("Protocol"), choices=HarvestSource.Protocol.choices)
    url = forms.CharField(
        label=_("Endpoint or folder"),
        max_length=500,
        help_text=_(
            "CSW or OAI-PMH: the service address (a pasted request URL is fine, its parameters are read). "
            "Local: a folder on the server, absolute or relative to the project."
        ),
    )
    schedule = forms.ChoiceField(label=_("Schedule"), choices=HarvestSource.Schedule.choices)
    enabled = forms.BooleanField(label=_("Enabled"), required=False, initial=True)
    record_url_template = forms.CharField(
        label=_("Record page at the source"),
        max_length=500,
        required=False,
        help_text=_("The address of a record in the hub's own catalogue, with {identifier}; optional."),
    )
    stale_after_seconds = forms.IntegerField(
        label=_("Stuck after (seconds)"),
        min_value=30,
        required=False,
        help_text=_("A running harvest silent for longer is stuck. Empty: the catalogue's default (15 minutes)."),
    )

    csw_version = forms.ChoiceField(
        label=_("CSW version"),
        choices=[("auto", _("Automatic (3.0.0 when offered, else 2.0.2)")), ("2.0.2", "2.0.2"), ("3.0.0", "3.0.0")],
        initial="auto",
        required=False,
    )
    csw_output_schema = forms.CharField(
        label=_("Output schema"),
        initial=ISO19139_SCHEMA,
        required=False,
        help_text=_("ISO 19139: %(iso)s — ISO 19115-3: %(iso3)s — Dublin Core: %(dc)s")
        % {"iso": ISO19139_SCHEMA, "iso3": ISO19115_3_SCHEMA, "dc": CSW_RECORD_SCHEMA},
    )
    csw_type_names = forms.CharField(
        label=_("Type names"),
        initial="gmd:MD_Metadata",
        required=False,
        help_text=_("gmd:MD_Metadata for ISO records, csw:Record for Dublin Core."),
    )
    csw_element_set = forms.ChoiceField(
        label=_("Element set"),
        choices=[("full", _("full")), ("summary", _("summary")), ("brief", _("brief"))],
        initial="full",
        required=False,
    )
    csw_constraint = forms.CharField(
        label=_("Constraint (CQL)"),
        required=False,
        # xgettext:no-python-format
        help_text=_("Harvest only matching records, e.g. AnyText like '%ocean%'. Empty: everything."),
    )
    csw_page_size = forms.IntegerField(
        label=_("Page size"), min_value=1, max_value=1000, initial=100, required=False, help_text=_("1 to 1000.")
    )
    csw_fallback_to_dublin_core = forms.BooleanField(
        label=_("Fall back to Dublin Core when the server cannot answer in the chosen schema"),
        initial=True,
        required=False,
    )
    oai_metadata_prefix = forms.CharField(
        label=_("Metadata prefix"),
        initial="oai_datacite",
        required=False,
        help_text=_("e.g. oai_datacite, iso19139, iso19115-3.2018, oai_dc."),
    )
    oai_set = forms.CharField(label=_("Set"), required=False, help_text=_("Harvest one set only; empty: all."))
    oai_page_delay_seconds = forms.FloatField(
        label=_("Pause between pages (seconds)"),
        min_value=0,
        max_value=60,
        initial=0,
        required=False,
        help_text=_("For servers that ask harvesters to slow down."),
    )
    local_pattern = forms.CharField(
        label=_("File pattern"), initial="**/*.xml", required=False, help_text=_("Which files of the folder to read.")
    )

    def __init__(self, *args, poles, source: HarvestSource | None = None, **kwargs):
        data = kwargs.get("data") if "data" in kwargs else (args[0] if args else None)
        if data is not None:
            data = _with_aliases(data)
            if "data" in kwargs:
                kwargs["data"] = data
            else:
                args = (data, *args[1:])
        self.source = source
        super().__init__(*args, **kwargs)
        self.fields["pole"].queryset = poles
        if source is not None:
            self.fields["slug"].disabled = True
            self.fields["pole"].disabled = True
            self.fields["slug"].required = False

    @classmethod
    def initial_for(cls, source: HarvestSource) -> dict:
        initial = {
            "name": source.name,
            "slug": source.slug,
            "pole": source.pole_id,
            "protocol": source.protocol,
            "url": source.url,
            "schedule": source.schedule,
            "enabled": source.enabled,
            "record_url_template": source.record_url_template,
            "stale_after_seconds": source.stale_after_seconds,
        }
        for field_name, (protocol, option) in OPTION_FIELDS.items():
            if protocol == source.protocol and option in (source.options or {}):
                initial[field_name] = source.options[option]
        return initial

    def fieldsets(self) -> list[tuple[str, str, list]]:
        """(protocol code or "", legend, bound fields) for the template."""
        groups = [("", _("Source"), [n for n in self.fields if n not in OPTION_FIELDS])]
        for protocol, legend in (
            ("csw", _("CSW settings (used when the protocol is CSW)")),
            ("oaipmh", _("OAI-PMH settings (used when the protocol is OAI-PMH)")),
            ("local", _("Local folder settings (used when the protocol is Local directory)")),
        ):
            groups.append((protocol, legend, [n for n, (p, _o) in OPTION_FIELDS.items() if p == protocol]))
        return [(code, legend, [self[name] for name in names]) for code, legend, names in groups]

    def clean_slug(self) -> str:
        if self.source is not None:
            return self.source.slug
        slug = self.cleaned_data["slug"]
        if HarvestSource.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("A source with this short name already exists."))
        return slug

    def clean(self) -> dict:
        cleaned = super().clean()
        protocol = cleaned.get("protocol")
        if not protocol:
            return cleaned
        url, from_url = _split_request_url(cleaned.get("url", ""), protocol)
        cleaned["url"] = url
        options = {}
        for field_name, (option_protocol, option) in OPTION_FIELDS.items():
            if option_protocol != protocol:
                continue
            value = from_url.get(field_name, cleaned.get(field_name))
            if value in (None, "") and not isinstance(self.fields[field_name], forms.BooleanField):
                continue  # the schema's default
            options[option] = value
        try:
            cleaned["options"] = validate_options(protocol, options)
        except OptionsError as exc:
            raise forms.ValidationError(str(exc)) from None
        return cleaned

    def apply(self, source: HarvestSource) -> HarvestSource:
        data = self.cleaned_data
        if self.source is None:
            source.slug, source.pole = data["slug"], data["pole"]
        for name in ("name", "protocol", "url", "schedule", "enabled", "record_url_template", "stale_after_seconds"):
            setattr(source, name, data.get(name))
        source.record_url_template = source.record_url_template or ""
        source.options = data["options"]
        return source


def _with_aliases(data):
    """A copy of the submitted data where the protocols' own names fill our fields (ours win when both are set)."""
    data = data.copy()
    protocol = data.get("protocol", "")
    for alias, field_name in ALIASES.get(protocol, {}).items():
        if alias in data and not data.get(field_name):
            data[field_name] = data[alias]
    return data


def _split_request_url(url: str, protocol: str) -> tuple[str, dict]:
    """ "https://x/oai?verb=Identify&metadataPrefix=oai_dc" -> ("https://x/oai", {"oai_metadata_prefix": "oai_dc"})."""
    if protocol == HarvestSource.Protocol.LOCAL or "?" not in url:
        return url.strip(), {}
    parts = urlsplit(url.strip())
    kept, found = [], {}
    aliases = ALIASES.get(protocol, {})
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key in aliases:
            found[aliases[key]] = value
        elif key.lower() not in REQUEST_PARAMETERS and key.lower() not in {a.lower() for a in aliases}:
            kept.append((key, value))  # e.g. an access key the endpoint needs
    return urlunsplit(parts._replace(query=urlencode(kept))), found


class ConfirmDeleteForm(forms.Form):
    confirm_slug = forms.CharField(
        label=_("Type the source's short name to confirm"),
        max_length=80,
    )

    def __init__(self, *args, source: HarvestSource, **kwargs):
        self.source = source
        super().__init__(*args, **kwargs)

    def clean_confirm_slug(self) -> str:
        value = self.cleaned_data["confirm_slug"].strip()
        if value != self.source.slug:
            raise forms.ValidationError(_("That is not this source's short name."))
        return value


class MemberForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=HubMembership.Role.choices, initial=HubMembership.Role.EDITOR)
