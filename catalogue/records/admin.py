from django.contrib.gis import admin

from catalogue.records.models import Record, RecordSource


class RecordSourceInline(admin.TabularInline):
    model = RecordSource
    extra = 0
    can_delete = False
    fields = ("source", "source_identifier", "format", "content_hash", "first_seen", "last_seen", "deleted_at_source")
    readonly_fields = fields


@admin.register(Record)
class RecordAdmin(admin.GISModelAdmin):
    # Records are owned by the harvest pipeline: the admin reads, it does not edit.
    list_display = ("title", "doi", "resource_type", "metadata_standard", "deleted", "updated_at")
    list_filter = ("deleted", "metadata_standard", "resource_type")
    search_fields = ("title", "identifier", "doi")
    inlines = [RecordSourceInline]

    def has_change_permission(self, request, obj=None):
        return False
