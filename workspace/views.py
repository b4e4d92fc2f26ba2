"""Workspace pages. Thin: objects come through poles.permissions (another hub's object is a 404), actions are
workspace.services functions, and every page works without JavaScript."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from harvesters.health import source_health
from harvesters.job_queue import PAGE_POSITION
from harvesters.models import HarvestJob
from poles import permissions
from poles.models import HarvestSource, HubMembership, Pole
from workspace import services, throttle
from workspace.connection import test_connection
from workspace.forms import ConfirmDeleteForm, MemberForm, SourceForm
from workspace.models import AuditEvent

JOBS_PER_PAGE = 20
ERRORS_PER_PAGE = 50


class LoginView(auth_views.LoginView):
    """Django's login with our template and a failed-login throttle (workspace.throttle)."""

    template_name = "workspace/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "")
        if throttle.is_blocked(username, throttle.client_address(request)):
            # Refused before the password is even checked: guessing on costs nothing but gains nothing.
            form = self.get_form_class()(request, initial={"username": username})
            context = self.get_context_data(
                form=form, throttled=_("Too many failed attempts. Wait a few minutes before trying again.")
            )
            return self.render_to_response(context, status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        throttle.record_failure(self.request.POST.get("username", ""), throttle.client_address(self.request))
        return super().form_invalid(form)

    def form_valid(self, form):
        throttle.clear(form.get_user().get_username())
        return super().form_valid(form)


def _source(request: HttpRequest, slug: str) -> HarvestSource:
    return get_object_or_404(permissions.sources_for(request.user), slug=slug)


def _job(request: HttpRequest, slug: str, job_id: int) -> HarvestJob:
    source = _source(request, slug)
    job = get_object_or_404(HarvestJob.objects.select_related("source", "source__pole"), pk=job_id, source=source)
    return job


def _refused(request: HttpRequest, exc: services.ActionRefusedError) -> None:
    messages.error(request, str(exc))


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    hubs = []
    for pole in permissions.poles_for(request.user).order_by("code"):
        sources = HarvestSource.objects.filter(pole=pole).select_related("pole").order_by("slug")
        hubs.append(
            {
                "pole": pole,
                "role": permissions.role_in(request.user, pole),
                "rows": [(source, source_health(source)) for source in sources],
                "can_edit": permissions.can_edit_sources(request.user, pole),
            }
        )
    return render(request, "workspace/home.html", {"hubs": hubs})


@login_required
@require_GET
def source_detail(request: HttpRequest, slug: str) -> HttpResponse:
    source = _source(request, slug)
    jobs = Paginator(source.jobs.order_by("-created_at", "-pk"), JOBS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "source": source,
        "health": source_health(source),
        "jobs": jobs,
        "can_edit": permissions.can_edit_sources(request.user, source.pole),
        "can_delete": permissions.can_delete_sources(request.user, source.pole),
        "events": AuditEvent.objects.filter(source=source).select_related("user")[:20],
        "options": sorted((source.options or {}).items()),
    }
    return render(request, "workspace/source_detail.html", context)


def _editable_poles(user):
    return Pole.objects.filter(
        pk__in=[p.pk for p in permissions.poles_for(user) if permissions.can_edit_sources(user, p)]
    )


def _source_form_page(request: HttpRequest, source: HarvestSource | None) -> HttpResponse:
    poles = _editable_poles(request.user)
    if source is not None and source.pole not in poles:
        raise PermissionDenied
    if not poles.exists():
        raise Http404
    report = None
    if request.method == "POST":
        initial = SourceForm.initial_for(source) if source is not None else None
        form = SourceForm(data=request.POST, initial=initial, poles=poles, source=source)
        if form.is_valid():
            data = form.cleaned_data
            pole = source.pole if source is not None else data["pole"]
            if request.POST.get("action") == "test":
                report = test_connection(pole, data["protocol"], data["url"], data["options"])
            else:
                before = services.snapshot(source) if source is not None else None
                target = form.apply(source if source is not None else HarvestSource())
                try:
                    saved = services.save_source(request.user, target, creating=source is None, before=before)
                except services.ActionRefusedError as exc:
                    _refused(request, exc)
                else:
                    messages.success(request, _("Source %(slug)s saved.") % {"slug": saved.slug})
                    return redirect("workspace:source", slug=saved.slug)
    elif source is not None:
        form = SourceForm(initial=SourceForm.initial_for(source), poles=poles, source=source)
    else:
        initial = {"pole": poles.first().pk, "schedule": HarvestSource.Schedule.DAILY, "enabled": True}
        # /manage/sources/add/?protocol=oaipmh&metadataPrefix=oai_dc prefills the form, protocol spellings too.
        prefill = SourceForm(data=request.GET, poles=poles) if request.GET else None
        if prefill is not None:
            initial.update({k: v for k, v in prefill.data.items() if k in prefill.fields})
        form = SourceForm(initial=initial, poles=poles)
    template = "workspace/source_form.html"
    return render(request, template, {"form": form, "source": source, "report": report})


@login_required
def source_add(request: HttpRequest) -> HttpResponse:
    return _source_form_page(request, None)


@login_required
def source_edit(request: HttpRequest, slug: str) -> HttpResponse:
    return _source_form_page(request, _source(request, slug))


@login_required
@require_POST
def source_harvest(request: HttpRequest, slug: str) -> HttpResponse:
    source = _source(request, slug)
    try:
        job = services.start_harvest(request.user, source, full=request.POST.get("mode") == "full")
    except services.ActionRefusedError as exc:
        _refused(request, exc)
        return redirect("workspace:source", slug=source.slug)
    messages.success(request, _("Harvest queued (job #%(id)d).") % {"id": job.pk})
    return redirect("workspace:job", slug=source.slug, job_id=job.pk)


@login_required
@require_POST
def source_enable(request: HttpRequest, slug: str) -> HttpResponse:
    source = _source(request, slug)
    try:
        services.set_enabled(request.user, source, request.POST.get("enabled") == "1")
    except services.ActionRefusedError as exc:
        _refused(request, exc)
    return redirect("workspace:source", slug=source.slug)


@login_required
def source_delete(request: HttpRequest, slug: str) -> HttpResponse:
    source = _source(request, slug)
    if not permissions.can_delete_sources(request.user, source.pole):
        raise PermissionDenied
    form = ConfirmDeleteForm(data=request.POST or None, source=source)
    if request.method == "POST" and form.is_valid():
        try:
            impact = services.delete_source(request.user, source)
        except services.ActionRefusedError as exc:
            _refused(request, exc)
            return redirect("workspace:source", slug=source.slug)
        messages.success(
            request,
            _("Source %(slug)s deleted: %(withdrawn)d records withdrawn, %(kept)d kept (also from other sources).")
            % {"slug": slug, "withdrawn": impact.withdrawn, "kept": impact.kept},
        )
        return redirect("workspace:home")
    context = {"source": source, "form": form, "impact": services.deletion_impact(source)}
    return render(request, "workspace/source_delete.html", context)


@login_required
@require_GET
def job_detail(request: HttpRequest, slug: str, job_id: int) -> HttpResponse:
    job = _job(request, slug, job_id)
    message = request.GET.get("message", "").strip()[:200]
    errors = Paginator(services.filtered_errors(job, message), ERRORS_PER_PAGE).get_page(request.GET.get("page"))
    client = (job.checkpoint or {}).get("client") or {}
    context = {
        "job": job,
        "source": job.source,
        "progress": services.job_progress(job),
        "errors": errors,
        "error_rows": [(error, services.source_record_url(job.source, error.identifier)) for error in errors],
        "message_filter": message,
        "messages_top": services.error_messages(job),
        "protocol_version": client.get("version", ""),
        "output_schema": client.get("output_schema", ""),
        "can_edit": permissions.can_edit_sources(request.user, job.source.pole),
        "retry_count": job.errors.exclude(identifier="").exclude(identifier__regex=PAGE_POSITION).count(),
        "events": AuditEvent.objects.filter(job_id=job.pk, pole=job.source.pole),
    }
    return render(request, "workspace/job_detail.html", context)


@login_required
@require_GET
def job_progress(request: HttpRequest, slug: str, job_id: int) -> JsonResponse:
    return JsonResponse(services.job_progress(_job(request, slug, job_id)))


def _job_action(request: HttpRequest, slug: str, job_id: int, action, done: str) -> HttpResponse:
    job = _job(request, slug, job_id)
    try:
        result = action(request.user, job)
    except services.ActionRefusedError as exc:
        _refused(request, exc)
        return redirect("workspace:job", slug=slug, job_id=job.pk)
    messages.success(request, done)
    target = result.pk if isinstance(result, HarvestJob) else job.pk
    return redirect("workspace:job", slug=slug, job_id=target)


@login_required
@require_POST
def job_abort(request: HttpRequest, slug: str, job_id: int) -> HttpResponse:
    return _job_action(request, slug, job_id, services.abort_job, _("Job aborted."))


@login_required
@require_POST
def job_take_over(request: HttpRequest, slug: str, job_id: int) -> HttpResponse:
    return _job_action(request, slug, job_id, services.take_over_job, _("Job queued again: a worker takes it over."))


@login_required
@require_POST
def job_retry(request: HttpRequest, slug: str, job_id: int) -> HttpResponse:
    return _job_action(request, slug, job_id, services.rerun_failed, _("The failed records are fetched again."))


@login_required
@require_GET
def audit_trail(request: HttpRequest) -> HttpResponse:
    events = AuditEvent.objects.filter(pole__in=permissions.poles_for(request.user)).select_related("pole", "user")
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "workspace/audit.html", {"events": page})


def _managed_pole(request: HttpRequest, code: str) -> Pole:
    pole = get_object_or_404(permissions.poles_for(request.user), code=code)
    if not permissions.can_manage_people(request.user, pole):
        raise PermissionDenied
    return pole


@login_required
def people(request: HttpRequest, code: str) -> HttpResponse:
    pole = _managed_pole(request, code)
    form = MemberForm(data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.add_member(request.user, pole, form.cleaned_data["username"], form.cleaned_data["role"])
        except services.ActionRefusedError as exc:
            _refused(request, exc)
        else:
            messages.success(request, _("%(name)s added to %(hub)s.") % {"name": member.username, "hub": pole.name})
            return redirect("workspace:people", code=pole.code)
    memberships = HubMembership.objects.filter(pole=pole).select_related("user").order_by("user__username")
    return render(request, "workspace/people.html", {"pole": pole, "memberships": memberships, "form": form})


@login_required
@require_POST
def people_remove(request: HttpRequest, code: str, user_id: int) -> HttpResponse:
    pole = _managed_pole(request, code)
    membership = get_object_or_404(HubMembership.objects.select_related("user"), pole=pole, user_id=user_id)
    try:
        services.remove_member(request.user, pole, membership.user)
    except services.ActionRefusedError as exc:
        _refused(request, exc)
    else:
        messages.success(
            request, _("%(name)s removed from %(hub)s.") % {"name": membership.user.username, "hub": pole.name}
        )
    return redirect("workspace:people", code=pole.code)
