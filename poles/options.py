"""Protocol options of a harvest source, validated by one schema per protocol.

A source's options are stored as JSON; these models say what each protocol accepts, with defaults, so a typo
in `manage.py source add --option` or in the admin is refused with a message instead of failing mid-harvest.
"""

from __future__ import annotations

from typing import Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, ValidationError

ISO19139_SCHEMA = "http://www.isotc211.org/2005/gmd"
CSW_RECORD_SCHEMA = "http://www.opengis.net/cat/csw/2.0.2"


class _Options(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _also(*spellings: str) -> AliasChoices:
    """The protocol's own parameter names are accepted too (metadataPrefix for metadata_prefix); stored as ours."""
    return AliasChoices(*spellings)


class CSWOptions(_Options):
    output_schema: str = Field(default=ISO19139_SCHEMA, validation_alias=_also("output_schema", "outputSchema"))
    type_names: str = Field(default="gmd:MD_Metadata", validation_alias=_also("type_names", "typeNames"))
    element_set: Literal["full", "summary", "brief"] = Field(
        default="full", validation_alias=_also("element_set", "elementSetName")
    )
    # an OGC CQL text constraint, e.g. "AnyText like '%ocean%'"
    constraint: str = Field(default="", validation_alias=_also("constraint", "Constraint", "cql_text"))
    page_size: int = Field(default=100, ge=1, le=1000, validation_alias=_also("page_size", "maxRecords"))
    # auto: CSW 3.0.0 when the capabilities offer it, else 2.0.2; a number forces that version.
    version: Literal["auto", "2.0.2", "3.0.0"] = "auto"
    # A fallback to csw:Record (Dublin Core) when the server cannot answer in ISO.
    fallback_to_dublin_core: bool = True


class OAIPMHOptions(_Options):
    metadata_prefix: str = Field(default="oai_datacite", validation_alias=_also("metadata_prefix", "metadataPrefix"))
    set: str = ""
    page_delay_seconds: float = Field(default=0.0, ge=0.0, le=60.0)


class LocalOptions(_Options):
    pattern: str = "**/*.xml"


OPTION_MODELS: dict[str, type[_Options]] = {"csw": CSWOptions, "oaipmh": OAIPMHOptions, "local": LocalOptions}


class OptionsError(ValueError):
    """Options that do not fit the protocol's schema; the message lists each problem."""


def validate_options(protocol: str, options: dict) -> dict:
    """Return the options completed with defaults, or raise OptionsError saying what is wrong."""
    model = OPTION_MODELS.get(protocol)
    if model is None:
        raise OptionsError(f"unknown protocol {protocol!r}: use one of {', '.join(OPTION_MODELS)}")
    try:
        return model.model_validate(options).model_dump()
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'options'}: {err['msg']}" for err in exc.errors()
        )
        allowed = ", ".join(model.model_fields)
        raise OptionsError(f"invalid {protocol} options ({problems}). Allowed keys: {allowed}") from None
