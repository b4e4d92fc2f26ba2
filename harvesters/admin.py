from django.contrib import admin

from harvesters.models import HarvestError, HarvestJob


class HarvestErrorInline(admin.TabularInline):
    model = HarvestError
    extra = 0
    can_delete = False
    readonly_fields = ("identifier", "message", "excerpt", "created_at")


@admin.register(HarvestJob)
class HarvestJobAdmin(admin.ModelAdmin):
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
