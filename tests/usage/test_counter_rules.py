"""Each COUNTER rule (ST-01..ST-11 of ../shared/reference/landing-pages-and-stats.md §2) as plain functions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from stats.counter import (
    AccessMethod,
    Activity,
    Counts,
    Hit,
    aggregate,
    attributed_hub,
    classify_agent,
    count_session,
    is_counted_status,
    outbound_activity,
    remove_double_clicks,
    session_key,
    sorted_by_session,
    user_identity,
)

T0 = datetime(2026, 12, 1, 10, 0, 0, tzinfo=UTC)
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"


def hit(
    seconds: float,
    url: str = "/doi/d",
    *,
    session: str = "s1",
    dataset: str = "D",
    activity=Activity.INVESTIGATION,
    method=AccessMethod.REGULAR,
    status: int = 200,
    hub: str = "AERIS",
    outbound: bool = False,
) -> Hit:
    return Hit(T0 + timedelta(seconds=seconds), session, url, dataset, hub, activity, method, status, outbound)


def test_st01_every_request_is_also_an_investigation():
    counts = count_session([hit(0, "/go/f1", activity=Activity.REQUEST), hit(100, "/doi/d")])
    assert counts["D", "AERIS", AccessMethod.REGULAR] == Counts(
        total_investigations=2, unique_investigations=1, total_requests=1, unique_requests=1
    )


def test_st02_unique_counts_at_most_once_per_dataset_per_session_totals_count_all():
    session_one = [
        hit(0, "/doi/d"),
        hit(100, "/records/x/"),
        hit(200, "/go/f", activity=Activity.REQUEST),
        hit(300, "/go/g", activity=Activity.REQUEST),
    ]
    other_dataset = [hit(400, "/doi/e", dataset="E")]
    counts = aggregate(sorted_by_session([*session_one, *other_dataset, hit(50, "/doi/d", session="s2")]))
    d = counts["D", "AERIS", AccessMethod.REGULAR]
    assert (d.total_investigations, d.unique_investigations, d.total_requests, d.unique_requests) == (5, 2, 2, 1)
    assert counts["E", "AERIS", AccessMethod.REGULAR].unique_investigations == 1


def test_st03_dataset_key_is_what_the_hit_names_each_dataset_counted_apart():
    counts = count_session([hit(0, dataset="10.1/a"), hit(100, dataset="10.1/b")])
    assert {key[0] for key in counts} == {"10.1/a", "10.1/b"}


def test_st04_regular_and_machine_reported_apart_robots_not_at_all():
    hits = [
        hit(0, session="people"),
        hit(0, session="script", method=AccessMethod.MACHINE),
        hit(0, session="crawler", method=AccessMethod.ROBOT),
    ]
    counts = aggregate(sorted_by_session(hits))
    assert set(counts) == {("D", "AERIS", AccessMethod.REGULAR), ("D", "AERIS", AccessMethod.MACHINE)}


@pytest.mark.parametrize(
    "status,counted", [(200, True), (304, True), (206, False), (302, False), (404, False), (410, False), (500, False)]
)
def test_st05_only_200_and_304_count(status, counted):
    assert is_counted_status(status) is counted
    assert bool(count_session([hit(0, status=status)])) is counted


def test_st05_an_outbound_click_counts_on_the_redirect_we_answered():
    assert is_counted_status(302, outbound=True)
    assert not is_counted_status(404, outbound=True)


def test_st06_double_click_within_30_seconds_keeps_the_later():
    kept = remove_double_clicks([hit(0), hit(29)])
    assert [h.timestamp for h in kept] == [T0 + timedelta(seconds=29)]


def test_st06_exactly_30_seconds_is_still_a_double_click():
    assert len(remove_double_clicks([hit(0), hit(30)])) == 1
    assert len(remove_double_clicks([hit(0), hit(30.5)])) == 2


def test_st06_double_clicks_are_chained():
    kept = remove_double_clicks([hit(0), hit(20), hit(40)])
    assert [h.timestamp for h in kept] == [T0 + timedelta(seconds=40)]


def test_st06_different_urls_are_not_double_clicks():
    assert len(remove_double_clicks([hit(0, "/go/f1"), hit(5, "/go/f2")])) == 2


def test_st06_user_identity_precedence():
    assert user_identity(user_id="7", user_cookie="c", session_cookie="s", ip="1.2.3.4", user_agent="UA") == "user:7"
    assert user_identity(user_cookie="c", session_cookie="s", ip="1.2.3.4", user_agent="UA") == "cookie:c"
    assert user_identity(session_cookie="s", ip="1.2.3.4", user_agent="UA") == "session:s"
    assert user_identity(ip="1.2.3.4", user_agent="UA") == "1.2.3.4|UA"


def test_st07_session_is_user_date_and_clock_hour():
    identity = user_identity(ip="192.0.2.10", user_agent=FIREFOX)
    assert session_key(identity, datetime(2026, 12, 1, 10, 59, 50, tzinfo=UTC)) == f"192.0.2.10|{FIREFOX}|2026-12-01|10"
    assert session_key(identity, datetime(2026, 12, 1, 11, 0, 5, tzinfo=UTC)).endswith("|2026-12-01|11")


def test_st07_a_new_hour_is_a_new_session_so_no_double_click_across_it():
    # §2.4 #9 and #10: 15 s apart, same URL, but in two sessions: both count.
    hits = [hit(3590, session="h10"), hit(3605, session="h11")]
    counts = aggregate(sorted_by_session(hits))
    assert counts["D", "AERIS", AccessMethod.REGULAR].total_investigations == 2
    assert counts["D", "AERIS", AccessMethod.REGULAR].unique_investigations == 2


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "bingbot/2.0",
        "Baiduspider",
        "Mozilla/5.0 (compatible; AhrefsBot/7.0)",
        "",
    ],
)
def test_st08_robots_are_excluded(agent):
    assert classify_agent(agent) == AccessMethod.ROBOT


@pytest.mark.parametrize(
    "agent",
    [
        "curl/8.5.0",
        "Wget/1.21.3",
        "wget/1.21.3",
        "python-requests/2.32.3",
        "Python-urllib/3.11",
        "PycURL/7.45.2 libcurl/8.5.0",
        "libwww-perl/6.77",
        "Java/17.0.2",
    ],
)
def test_st08_research_tools_are_machine_never_robots(agent):
    # counter-robots lists curl, wget and python in BOTH lists: the machine list must win.
    assert classify_agent(agent) == AccessMethod.MACHINE


@pytest.mark.parametrize(
    "agent",
    [
        FIREFOX,
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/17.5 Safari/605.1.15",
    ],
)
def test_st08_browsers_are_regular(agent):
    assert classify_agent(agent) == AccessMethod.REGULAR


def test_st09_one_hub_per_dataset():
    assert attributed_hub(["ODATIS", "AERIS"], "ODATIS") == "ODATIS"  # the primary source's hub
    assert attributed_hub(["ODATIS", "AERIS"]) == "AERIS"  # else the first code, stable
    assert attributed_hub(["THEIA"], "") == "THEIA"
    hits = [
        hit(0, hub=attributed_hub(["ODATIS", "AERIS"], "ODATIS")),
        hit(100, "/x", hub=attributed_hub(["AERIS", "ODATIS"], "ODATIS")),
    ]
    assert {key[1] for key in count_session(hits)} == {"ODATIS"}


def test_st11_outbound_click_is_an_investigation_unless_the_portal_serves_the_bytes():
    served = ["https://files.data-terra.org/"]
    assert outbound_activity("https://hub.example.org/data.nc", served) == Activity.INVESTIGATION
    assert outbound_activity("https://files.data-terra.org/aeris/d.nc", served) == Activity.REQUEST
    assert outbound_activity("https://files.data-terra.org/x", []) == Activity.INVESTIGATION


def test_aggregate_needs_session_order_only_one_session_held():
    # Interleaved input would split a session: aggregate documents that it reads grouped input.
    hits = list(sorted_by_session([hit(0, session="b"), hit(10, session="a"), hit(20, session="b", url="/y")]))
    assert [h.session for h in hits] == ["a", "b", "b"]
    assert aggregate(hits)["D", "AERIS", AccessMethod.REGULAR].unique_investigations == 2


def test_st10_each_new_result_set_is_a_search_paging_and_browsing_are_not():
    from catalogue.search import SearchQuery
    from stats.hints import SearchHint

    search = SearchHint.of(SearchQuery(q="ozone", pole=["AERIS"]), result_count=12)
    assert search.new_result_set and search.hubs == ("AERIS",) and search.filters == {"pole": ["AERIS"]}
    facet_rerun = SearchHint.of(SearchQuery(q="ozone", pole=["AERIS"], keyword=["lidar"]), result_count=3)
    assert facet_rerun.new_result_set  # a facet re-run is a new search
    assert SearchHint.of(SearchQuery(q="nothing"), result_count=0).new_result_set  # zero-result searches count
    assert not SearchHint.of(SearchQuery(q="ozone", page=2), result_count=12).new_result_set
    assert not SearchHint.of(SearchQuery(sort="title"), result_count=1000).new_result_set  # browsing everything
