"""Headless Chromium on every page type: the Content-Security-Policy blocks nothing of ours (no violation event, no
console report), and a record whose every text field is an XSS payload runs no script and breaks no attribute."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

import pytest
from django.utils import timezone

from catalogue.records.models import Record, RecordSource
from catalogue.records.unified import BBox, Keyword, OnlineResource, Party
from tests.portal.factories import ingest, rich_record

# Run in the page before any of its scripts (CDP init scripts are not subject to the page's CSP).
WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
  e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sourceFile || '') + ':' + (e.lineNumber || '')));
window.__xss = [];
window.alert = window.confirm = window.prompt = m => window.__xss.push('dialog:' + m);
"""
# Each payload calls xss(n); any call is a script of ours that ran. Attribute-breaking payloads try to add an
# attribute or element; the checks look for them in the DOM.
PAYLOADS = [
    "<script>xss(1)</script>",
    '"><img src=x onerror=xss(2)>',
    "'><svg onload=xss(3)>",
    '" onmouseover="xss(4)" data-broken="',
    "</title><script>xss(5)</script>",
    "</script><script>xss(6)</script>",
    "<iframe srcdoc='<script>parent.xss(7)</script>'></iframe>",
    "{{ 7*7 }}${xss(8)}",
    '<a href="javascript:xss(9)">x</a>',
    "<style>body{display:none}</style>",
]
JS_URL = "javascript:xss(10)"
HOSTILE = " ".join(PAYLOADS)


def _watch(page):
    page.add_init_script(WATCH + "window.xss = n => window.__xss.push(n);")
    reports: list[str] = []
    page.on(
        "console",
        lambda msg: (
            reports.append(msg.text)
            if "Content Security Policy" in msg.text or "Content-Security-Policy" in msg.text
            else None
        ),
    )
    return reports


def _visit(page, url: str, reports: list[str]) -> int:
    response = page.goto(url, wait_until="load")
    page.wait_for_timeout(150)  # deferred scripts and late violations
    violations = page.evaluate("window.__violations")
    assert violations == [] and reports == [], (url, violations, reports)
    csp = response.headers.get("content-security-policy", "")
    assert "script-src 'self' 'nonce-" in csp and "unsafe-inline" not in csp, (url, csp)
    assert "frame-ancestors 'none'" in csp
    return response.status


@pytest.fixture
def pages(portal):
    record = rich_record()
    gone = ingest("demo-aeris", "gone-001", doi="10.12770/gone-1", title="A withdrawn dataset")
    RecordSource.objects.filter(record=gone).update(deleted_at_source=timezone.now())
    return [
        ("/", 200),
        ("/?lang=fr", 200),
        ("/search/?q=sea", 200),
        ("/search/?q=sea&pole=ODATIS&bbox=-20,30,20,60", 200),
        (f"/records/{record.pk}/", 200),
        (f"/doi/{record.doi}", 200),
        (f"/doi/{gone.doi}", None),  # the tombstone (410) or its record page, whichever the landing rule gives
        ("/api/docs/", 200),
        ("/api/records/?q=sea", 200),
        ("/admin/login/", 200),
        ("/accounts/login/", 200),
        ("/manage/", None),  # the hub workspace: the login page for an anonymous visitor
        ("/stats/", None),
        ("/records/00000000-0000-0000-0000-000000000000/", 404),
        ("/no-such-page", 404),
    ]


def test_no_page_type_violates_the_content_security_policy(page, portal, pages, screenshot):
    reports = _watch(page)
    for path, status in pages:
        seen = _visit(page, portal.url + path, reports)
        assert status is None or seen == status, (path, seen)
    # The map pages drew their maps: the nonce'd django-leaflet set-up and our static scripts all ran.
    page.goto(portal.url + pages[4][0])
    page.wait_for_selector(".leaflet-container", timeout=10_000)
    screenshot(page, "record-under-csp")
    page.goto(portal.url + "/api/docs/")
    page.wait_for_selector(".swagger-ui .info", timeout=15_000)  # Swagger UI rendered from its split script


def test_an_inline_script_is_blocked_and_reported_under_the_policy(page, portal):
    """The negative control: the watch above does see a violation when there is one."""
    reports = _watch(page)
    page.goto(portal.url + "/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.ran = 1';"
        " document.body.appendChild(s); }"
    )
    page.wait_for_timeout(200)
    assert page.evaluate("window.ran") is None
    assert any("script-src" in v for v in page.evaluate("window.__violations"))
    assert reports


@pytest.fixture
def hostile_record(portal):
    return ingest(
        "odatis-sextant-csw",
        "xss-001",
        title="Ocean " + HOSTILE,
        abstract="Abstract " + HOSTILE,
        doi="10.12770/xss-1",
        keywords=[Keyword(p, p) for p in PAYLOADS],
        organisations=[Party(organisation="Org " + p, email="a@b.org", url=JS_URL) for p in PAYLOADS[:4]],
        creators=[Party(name="Name " + PAYLOADS[1], orcid="0000-0002-1825-0097", kind="person")],
        publisher=PAYLOADS[3],
        lineage=HOSTILE,
        constraints=[HOSTILE],
        license=PAYLOADS[1],
        license_url=JS_URL,
        online_resources=[
            OnlineResource(JS_URL, "WWW:LINK-1.0-http--link", PAYLOADS[1], description=PAYLOADS[3]),
            OnlineResource("data:text/html,<script>xss(11)</script>", "WWW:DOWNLOAD-1.0-http--download", "d"),
            OnlineResource(" JaVaScRiPt:xss(12)", "OGC:WMS", PAYLOADS[2]),
        ],
        formats=[PAYLOADS[0]],
        platforms=[PAYLOADS[2]],
        instruments=[PAYLOADS[4]],
        version=PAYLOADS[3],
        resource_type="dataset",
        publication_year=2020,
        date_published=date(2020, 1, 2),
        bboxes=[BBox(-10.0, 40.0, 10.0, 52.0)],
    )


def test_an_xss_corpus_in_every_text_field_runs_no_script_on_any_page(page, portal, hostile_record, screenshot):
    reports = _watch(page)
    keyword = quote(PAYLOADS[0])
    urls = [
        "/search/?q=ocean",
        f"/search/?q=ocean&keyword={keyword}",
        f"/search/?q={quote(PAYLOADS[1])}",
        f"/records/{hostile_record.pk}/",
        f"/doi/{hostile_record.doi}",
        "/api/records/?q=ocean",
        f"/api/records/{hostile_record.pk}/",
    ]
    for path in urls:
        status = _visit(page, portal.url + path, reports)
        assert status == 200, (path, status)
        assert page.evaluate("window.__xss") == [], path
        # No payload became an element or an event-handler attribute.
        injected = page.evaluate(
            """() => [...document.querySelectorAll('*')].filter(el =>
                 ['IFRAME', 'SVG', 'svg'].includes(el.tagName) && !el.closest('.leaflet-container, .swagger-ui')
                 || el.hasAttribute('data-broken')
                 || [...el.attributes].some(a => a.name.startsWith('on'))
                 || (el.tagName === 'IMG' && el.getAttribute('src') === 'x')
                 || (el.tagName === 'SCRIPT' && el.textContent.includes('xss(')
                     && !['application/json', 'application/ld+json'].includes(el.type))
               ).map(el => el.outerHTML.slice(0, 120))"""
        )
        assert injected == [], (path, injected)
        hrefs = page.evaluate(
            "() => [...document.querySelectorAll('[href],[src],[action],[formaction]')]"
            ".map(el => el.getAttribute('href') || el.getAttribute('src') || el.getAttribute('action') || '')"
        )
        bad = [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:text/html", "vbscript:"))]
        assert bad == [], (path, bad)
        assert page.evaluate("getComputedStyle(document.body).display") != "none", path
    page.goto(portal.url + f"/records/{hostile_record.pk}/")
    screenshot(page, "hostile-record")
    # The text is shown as text: the title's markup is visible to the reader, not interpreted.
    assert "<script>xss(1)</script>" in page.inner_text("h1") or "xss(1)" in page.inner_text("body")
    assert Record.objects.filter(pk=hostile_record.pk).exists()


ADMIN_PASSWORD = "a long csp passphrase 42"


@pytest.fixture
def hub_admin_pages(portal, settings):
    """The hub workspace as its admin sees it: every page type of /manage/, with a source, a failed job and its
    error (the XML excerpt page), a member to list."""
    from django.contrib.auth import get_user_model

    from harvesters.models import HarvestError, HarvestJob
    from poles.models import HarvestSource, HubMembership, Pole

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only
    users = get_user_model().objects
    admin = users.create_user("csp-admin", "csp-admin@example.org", ADMIN_PASSWORD)
    member = users.create_user("csp-editor", "csp-editor@example.org", ADMIN_PASSWORD)
    hub = Pole.objects.get(code="ODATIS")
    HubMembership.objects.create(user=admin, pole=hub, role="admin")
    HubMembership.objects.create(user=member, pole=hub, role="editor")
    source = HarvestSource.objects.filter(pole=hub).order_by("slug").first()
    job = HarvestJob.objects.create(
        source=source, status="failed", error_summary="1 record failed", log="12:00:00 page 1: 10 records\n"
    )
    HarvestError.objects.create(job=job, identifier="rec-007", message="not ISO 19139", excerpt="<gmd:MD_Metadata")
    base = f"/manage/sources/{source.slug}/"
    return [
        "/manage/",
        "/manage/?lang=fr",
        "/manage/audit/",
        f"/manage/hubs/{hub.code}/people/",
        "/manage/sources/add/",
        base,
        base + "edit/",
        base + "delete/",
        base + f"jobs/{job.pk}/",
    ]


def test_the_logged_in_hub_workspace_violates_no_policy_and_has_no_inline_script(page, portal, hub_admin_pages):
    reports = _watch(page)
    page.goto(portal.url + "/accounts/login/?next=/manage/")
    page.fill("#id_username", "csp-admin")
    page.fill("#id_password", ADMIN_PASSWORD)
    page.click("form.stacked button[type=submit]")
    page.wait_for_url(portal.url + "/manage/")
    for path in hub_admin_pages:
        status = _visit(page, portal.url + path, reports)
        assert status == 200, (path, status)
        assert page.url == portal.url + path  # still logged in: the page itself, not the login form
        inline = page.evaluate(
            """() => [...document.querySelectorAll('script:not([src])')]
                 .filter(s => !['application/json', 'application/ld+json'].includes(s.type))
                 .map(s => s.outerHTML.slice(0, 120))"""
        )
        assert inline == [], (path, inline)
        handlers = page.evaluate(
            "() => [...document.querySelectorAll('*')].flatMap(el => [...el.attributes]"
            ".filter(a => a.name.startsWith('on') || a.name === 'style').map(a => el.tagName + ' ' + a.name))"
        )
        assert handlers == [], (path, handlers)
    # The job page's progress script (a static file) ran under the policy and the forms still post (CSRF, nonce).
    page.goto(portal.url + hub_admin_pages[-1])
    assert page.locator("form[method=post] input[name=csrfmiddlewaretoken]").count() >= 1
