from django.contrib import admin

from harvesters.models import HarvestError, HarvestJob
from poles.admin import HubScopedAdmin


class HarvestErrorInline(admin.TabularInline):
    model = HarvestError
    extra = 0
    can_delete = False
    readonly_fields = ("identifier", "message", "excerpt", "created_at")


@admin.register(HarvestJob)
class HarvestJobAdmin(HubScopedAdmin):
    hub_field = "source__pole"
    list_display = (
        "id",
        "source",
        "status",
        "mode",
        "started_at",
        "finished_at",
        "seen",
        "created",
        "updated",
        "deleted",
        "failed",
    )
    list_filter = ("status", "mode", "source__pole")
    search_fields = ("source__slug",)
    readonly_fields = [f.name for f in HarvestJob._meta.fields]
    inlines = [HarvestErrorInline]


@admin.register(HarvestError)
class HarvestErrorAdmin(HubScopedAdmin):
    hub_field = "job__source__pole"
    list_display = ("job", "identifier", "created_at")
    search_fields = ("identifier", "message")
    readonly_fields = ("job", "identifier", "message", "excerpt", "created_at")
