from django.contrib import admin

from poles.models import HarvestSource, Pole


@admin.register(Pole)
class PoleAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "site_url")
    search_fields = ("code", "name", "name_fr", "name_en")


@admin.register(HarvestSource)
class HarvestSourceAdmin(admin.ModelAdmin):
    list_display = ("slug", "pole", "protocol", "url", "enabled", "schedule", "last_attempt_at", "last_success_at")
    list_filter = ("pole", "protocol", "enabled", "schedule")
    search_fields = ("slug", "name", "url")
    readonly_fields = ("created_at", "updated_at", "last_attempt_at", "last_success_at")
