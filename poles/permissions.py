"""Who may see and do what in a hub: one place for the rule, used by the workspace, the API and the Django admin.

Superusers see every hub. Anyone else sees only the hubs they are a member of; another hub's objects are simply
not in their querysets, so a typed URL gives 404 rather than "forbidden" (which would confirm the object exists).
"""

from __future__ import annotations

from django.db.models import QuerySet

from poles.models import HarvestSource, HubMembership, Pole

Role = HubMembership.Role


def poles_for(user) -> QuerySet[Pole]:
    if not user.is_authenticated or not user.is_active:
        return Pole.objects.none()
    if user.is_superuser:
        return Pole.objects.all()
    return Pole.objects.filter(memberships__user=user).distinct()


def sources_for(user) -> QuerySet[HarvestSource]:
    return HarvestSource.objects.filter(pole__in=poles_for(user)).select_related("pole")


def role_in(user, pole: Pole) -> str | None:
    """ "admin", "editor" or None. A superuser acts as an admin of every hub."""
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Role.ADMIN
    membership = HubMembership.objects.filter(user=user, pole=pole).only("role").first()
    return membership.role if membership else None


def can_edit_sources(user, pole: Pole) -> bool:
    """Run, abort, enable/disable, add and edit sources: admins and editors."""
    return role_in(user, pole) in (Role.ADMIN, Role.EDITOR)


def can_delete_sources(user, pole: Pole) -> bool:
    return role_in(user, pole) == Role.ADMIN


def can_manage_people(user, pole: Pole) -> bool:
    return role_in(user, pole) == Role.ADMIN


def is_hub_member(user) -> bool:
    return poles_for(user).exists()


def admins_of(pole: Pole) -> QuerySet:
    """The users alerts go to: the hub's active admins with an e-mail address."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(hub_memberships__pole=pole, hub_memberships__role=Role.ADMIN, is_active=True)
        .exclude(email="")
        .order_by("username")
    )
