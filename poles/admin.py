"""Django admin for hubs and sources, scoped like the workspace: staff who are not superusers see and change only
their own hubs' objects (poles.permissions). Source options are edited in the workspace's form, not as JSON here."""

from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from poles.models import HarvestSource, HubMembership, Pole
from poles.permissions import poles_for


class HubScopedAdmin(admin.ModelAdmin):
    """get_queryset limited to the user's hubs; ``hub_field`` is the lookup from the model to its Pole."""

    hub_field = "pole"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.hub_field}__in": poles_for(request.user)})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Pole and not request.user.is_superuser:
            kwargs["queryset"] = poles_for(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Pole)
class PoleAdmin(HubScopedAdmin):
    hub_field = "pk"
    list_display = ("code", "name", "site_url")
    search_fields = ("code", "name", "name_fr", "name_en")

    def get_queryset(self, request):
        queryset = admin.ModelAdmin.get_queryset(self, request)
        return queryset if request.user.is_superuser else queryset.filter(pk__in=poles_for(request.user))


@admin.register(HarvestSource)
class HarvestSourceAdmin(HubScopedAdmin):
    list_display = ("slug", "pole", "protocol", "url", "enabled", "schedule", "last_attempt_at", "last_success_at")
    list_filter = ("pole", "protocol", "enabled", "schedule")
    search_fields = ("slug", "name", "url")
    exclude = ("options",)
    readonly_fields = ("settings_in_workspace", "created_at", "updated_at", "last_attempt_at", "last_success_at")

    @admin.display(description=_("Protocol settings"))
    def settings_in_workspace(self, source: HarvestSource) -> str:
        if not source.pk:
            return str(_("Add sources in the workspace (/manage/sources/add/): it has a form per protocol."))
        items = format_html_join("", "<li><code>{}</code>: {}</li>", sorted((source.options or {}).items()))
        return format_html(
            '<ul>{}</ul><a href="/manage/sources/{}/edit/">{}</a>', items, source.slug, _("Edit in the workspace")
        )


@admin.register(HubMembership)
class HubMembershipAdmin(HubScopedAdmin):
    list_display = ("user", "pole", "role", "created_at")
    list_filter = ("pole", "role")
    search_fields = ("user__username", "user__email")
