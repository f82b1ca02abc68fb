"""Thai-aware search (docs/adr/0003-thai-search.md): the segmenter, the public search page, the admin's search."""

from __future__ import annotations

import datetime as dt
import json
import re
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from prongsai.core.search import QUERY_MAX_LENGTH, thai_search_query, thai_search_text
from prongsai.core.tests.admin_helpers import admin_client
from prongsai.core.tests.factories import make_organization
from prongsai.site.models import ContentPage, HomePage, NewsIndexPage, NewsPage

RECRUITMENT = "ประกาศรับสมัครพนักงานจ้างทั่วไป"


# --- The segmenter ------------------------------------------------------------------------------------


def test_segmenter_splits_thai_words_apart():
    words = thai_search_text(RECRUITMENT).split()
    assert "พนักงาน" in words
    assert "ประกาศ" in words
    assert RECRUITMENT not in words


def test_segmenter_indexes_compound_words_and_their_parts():
    words = thai_search_text("เทศบาลตำบลแม่สาย").split()
    assert "เทศบาลตำบล" in words
    assert {"เทศบาล", "ตำบล", "แม่", "สาย"} <= set(words)


def test_segmenter_drops_markup_and_keeps_latin_words_and_numbers():
    text = thai_search_text("<p>รายงานผล ITA</p><p>ปีงบประมาณ ๒๕๖๖ &amp; 2567</p>")
    words = text.split()
    assert "<p>" not in text and "p" not in words and "amp" not in words
    assert {"รายงาน", "ita", "ปีงบประมาณ", "2566", "2567"} <= set(words)


@pytest.mark.django_db  # a new page looks up its content type
def test_segmenter_reads_streamfield_bodies_without_html():
    page = ContentPage(
        title="รับสมัครงาน",
        summary="สรุป",
        body=json.dumps([{"type": "paragraph", "value": f"<p><b>{RECRUITMENT}</b></p>"}]),
    )
    words = page.search_text_th().split()
    assert "พนักงาน" in words and "สรุป" in words
    assert not any("<" in word or word == "b" for word in words)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("พนักงาน", "พนักงาน"),
        ("ตำบลแม่สาย", "ตำบล แม่ สาย"),
        ("  แม่สาย  ", "แม่ สาย"),
        ("ข่าว ๒๕๖๖", "ข่าว 2566"),
        ("%", ""),
        ("'", ""),
        ('"', ""),
        ("<script>alert(1)</script>", "script alert 1"),
        ("😀🙏", ""),
        ("   ", ""),
        ("a OR b* NEAR(c)", "a or b near c"),
        ("พนักงาน พนักงาน", "พนักงาน"),
    ],
)
def test_segmenter_query_holds_only_words(typed, expected):
    assert thai_search_query(typed) == expected


def test_segmenter_query_stops_at_the_length_limit():
    assert len(thai_search_query("ก" * 10_000)) <= QUERY_MAX_LENGTH


# --- Helpers for the page tests -----------------------------------------------------------------------


def _paragraphs(*texts: str) -> str:
    return json.dumps([{"type": "paragraph", "value": f"<p>{text}</p>"} for text in texts])


def _publish_content_page(parent: Page, *, title: str, slug: str, body: str = "", summary: str = "") -> ContentPage:
    """A page created and published the way an editor does it in the admin."""
    page = ContentPage(title=title, slug=slug, summary=summary, body=_paragraphs(body) if body else "[]", live=False)
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _home() -> HomePage:
    return HomePage.objects.get(slug="maesai")


def _titles(html: str) -> list[str]:
    return [unescape(title) for title in re.findall(r'<h2 class="search-result__title"><a [^>]*>([^<]*)</a>', html)]


def _hrefs(html: str) -> list[str]:
    return re.findall(r'<h2 class="search-result__title"><a href="([^"]*)"', html)


def _message(html: str) -> str:
    match = re.search(r'<p class="search-message[^"]*" id="search-message">([^<]*)</p>', html)
    return unescape(match.group(1)) if match else ""


# --- The public search page ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_search_finds_a_thai_word_inside_a_run_of_thai_text(client, demo):
    _publish_content_page(_home(), title="รับสมัครงาน", slug="jobs", body=f"{RECRUITMENT} จำนวน ๓ อัตรา")
    response = client.get("/search/", {"q": "พนักงาน"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "รับสมัครงาน" in _titles(html)
    assert "/jobs/" in _hrefs(html)


@pytest.mark.django_db
def test_search_for_the_town_name_finds_the_pages_that_mention_it(client, demo):
    titles = _titles(client.get("/search/", {"q": "แม่สาย"}).content.decode())
    assert "เกี่ยวกับเทศบาล" in titles  # its body says เทศบาลตำบลแม่สาย
    assert "เทศบาลตำบลแม่สาย" in titles  # the home page
    # Part of a compound word: ตำบล inside เทศบาลตำบล.
    assert "เกี่ยวกับเทศบาล" in _titles(client.get("/search/", {"q": "ตำบลแม่สาย"}).content.decode())


@pytest.mark.django_db
def test_search_needs_every_word(client, demo):
    _publish_content_page(_home(), title="รับสมัครงาน", slug="jobs", body=RECRUITMENT)
    assert "รับสมัครงาน" in _titles(client.get("/search/", {"q": "พนักงาน จ้าง"}).content.decode())
    html = client.get("/search/", {"q": "พนักงาน ชายแดน"}).content.decode()
    assert "รับสมัครงาน" not in _titles(html)


@pytest.mark.django_db
def test_search_shows_summary_and_thai_date_of_news(client, demo):
    news_index = NewsIndexPage.objects.get(slug="news")
    news = NewsPage(
        title="เปิดรับสมัครพนักงาน",
        slug="jobs-news",
        date=dt.date(2024, 1, 15),
        summary="รับสมัครพนักงานจ้างตามภารกิจ",
        body=_paragraphs(RECRUITMENT),
        live=False,
    )
    news_index.add_child(instance=news)
    news.save_revision().publish()
    html = client.get("/search/", {"q": "พนักงาน"}).content.decode()
    assert "เปิดรับสมัครพนักงาน" in _titles(html)
    assert '<time datetime="2024-01-15">15 ม.ค. 2567</time>' in html
    assert "รับสมัครพนักงานจ้างตามภารกิจ" in html


@pytest.mark.django_db
def test_unpublished_and_private_pages_are_never_found(client, demo):
    home = _home()
    draft = ContentPage(title="ร่างประกาศ", slug="draft", body=_paragraphs(RECRUITMENT), live=False)
    home.add_child(instance=draft)
    draft.save_revision()
    withdrawn = _publish_content_page(home, title="ประกาศที่ถอนแล้ว", slug="withdrawn", body=RECRUITMENT)
    withdrawn.unpublish()
    private = _publish_content_page(home, title="ประกาศภายใน", slug="internal", body=RECRUITMENT)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    visible = _publish_content_page(home, title="ประกาศสาธารณะ", slug="public-notice", body=RECRUITMENT)

    titles = _titles(client.get("/search/", {"q": "พนักงาน"}).content.decode())
    assert visible.title in titles
    assert not {"ร่างประกาศ", "ประกาศที่ถอนแล้ว", "ประกาศภายใน"} & set(titles)


@pytest.mark.django_db
def test_another_sites_pages_are_not_found(client, demo):
    root = Page.get_first_root_node()
    other_home = HomePage(title="เทศบาลตำบลอื่น", slug="other")
    root.add_child(instance=other_home)
    _publish_content_page(other_home, title="รับสมัครของเทศบาลอื่น", slug="other-jobs", body=RECRUITMENT)
    site = Site.objects.create(hostname="other.test", port=80, root_page=other_home, site_name="อื่น")
    make_organization(slug="other", site=site)
    _publish_content_page(_home(), title="รับสมัครของแม่สาย", slug="jobs", body=RECRUITMENT)

    titles = _titles(client.get("/search/", {"q": "พนักงาน"}).content.decode())
    assert "รับสมัครของแม่สาย" in titles
    assert "รับสมัครของเทศบาลอื่น" not in titles
    other = client.get("/search/", {"q": "พนักงาน"}, HTTP_HOST="other.test").content.decode()
    assert _titles(other) == ["รับสมัครของเทศบาลอื่น"]


BAD_INPUT = ["%", "'", '"', "<script>alert(1)</script>", "x" * 10_000, "😀🙏", "   ", "", "\\", "a' OR 1=1 --", "*"]


@pytest.mark.django_db
def test_bad_input_gets_a_message_not_an_error(client, demo):
    for typed in BAD_INPUT:
        response = client.get("/search/", {"q": typed, "page": "x"})
        assert response.status_code == 200, typed
        html = response.content.decode()
        message = _message(html)
        assert re.search("[\u0e01-\u0e5b]", message), f"a Thai message beside the search box for {typed[:20]!r}"
        assert "<script>alert" not in html
        assert html.count("<h1") == 1


@pytest.mark.django_db
def test_messages_say_what_to_do(client, demo):
    # English msgids, so this holds whatever the Thai catalogue says; /search/ shows the same in Thai.
    empty = client.get("/en/search/").content.decode()
    assert _message(empty).startswith("Type a word or phrase to search for")
    assert "search-results" not in empty
    too_long = client.get("/en/search/", {"q": "ก" * (QUERY_MAX_LENGTH + 1)}).content.decode()
    assert _message(too_long) == f"Your search is too long: use at most {QUERY_MAX_LENGTH} characters."
    assert 'aria-invalid="true"' in too_long
    assert "ก" * (QUERY_MAX_LENGTH + 1) in too_long  # the search box keeps what was typed
    symbols = client.get("/en/search/", {"q": "%"}).content.decode()
    assert _message(symbols).startswith("Type letters or numbers to search for")
    nothing = client.get("/en/search/", {"q": "ยีราฟสีม่วง"}).content.decode()
    assert _message(nothing) == "No page matches your search. Try fewer words, or other words."


@pytest.mark.django_db
def test_search_form_is_accessible(client, demo):
    html = client.get("/search/", {"q": "แม่สาย"}).content.decode()
    form = re.search(r"<form[^>]*>", html).group(0)
    assert 'role="search"' in form and 'method="get"' in form and 'action="/search/"' in form
    assert '<label class="search-form__label" for="search-q">' in html
    assert re.search(r'<input[^>]+id="search-q"[^>]+type="search"[^>]+name="q"[^>]+value="แม่สาย"', html)
    assert html.count("<h1") == 1
    assert '<meta name="robots" content="noindex">' in html
    assert "csrfmiddlewaretoken" not in html


@pytest.mark.django_db
def test_english_search_links_to_english_pages(client, demo):
    _publish_content_page(_home(), title="รับสมัครงาน", slug="jobs", body=RECRUITMENT)
    html = client.get("/en/search/", {"q": "พนักงาน"}).content.decode()
    assert '<html lang="en">' in html
    assert 'action="/en/search/"' in html
    assert "/en/jobs/" in _hrefs(html)
    assert not [href for href in _hrefs(html) if not href.startswith("/en/")]


@pytest.mark.django_db
def test_results_come_ten_to_a_page(client, demo):
    home = _home()
    for number in range(12):
        _publish_content_page(home, title=f"จัดซื้อครั้งที่ {number}", slug=f"buy-{number}", body="ประกาศจัดซื้อรถกระเช้า")
    first = client.get("/search/", {"q": "รถกระเช้า"}).content.decode()
    second = client.get("/search/", {"q": "รถกระเช้า", "page": "2"}).content.decode()
    assert len(_titles(first)) == 10
    assert len(_titles(second)) == 2
    assert set(_titles(first)).isdisjoint(_titles(second))
    assert 'rel="next" href="?q=%E0%B8%A3' in first
    assert 'rel="prev" href="?q=%E0%B8%A3' in second
    assert client.get("/search/", {"q": "รถกระเช้า", "page": "999"}).status_code == 200


def _queries_for(client, query: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_results(client, demo, django_assert_max_num_queries):
    home = _home()
    news_index = NewsIndexPage.objects.get(slug="news")
    _publish_content_page(home, title="หน้า ๑", slug="few-1", body="ประกาศจัดซื้อโต๊ะ")
    news = NewsPage(title="ข่าว ๑", slug="few-2", date=dt.date(2024, 1, 1), body=_paragraphs("ประกาศจัดซื้อโต๊ะ"))
    news_index.add_child(instance=news)
    for number in range(6):
        _publish_content_page(home, title=f"หน้า {number}", slug=f"many-{number}", body="ประกาศจัดจ้างรถกระเช้า")
        news = NewsPage(title=f"ข่าว {number}", slug=f"many-n{number}", date=dt.date(2024, 1, 1))
        news.body = _paragraphs("ประกาศจัดจ้างรถกระเช้า")
        news_index.add_child(instance=news)
    assert len(_titles(client.get("/search/", {"q": "โต๊ะ"}).content.decode())) == 2
    assert len(_titles(client.get("/search/", {"q": "รถกระเช้า"}).content.decode())) == 10
    client.get("/search/", {"q": "โต๊ะ"})  # warm the per-process caches (site root paths)
    few = _queries_for(client, "โต๊ะ")
    assert _queries_for(client, "รถกระเช้า") == few
    with django_assert_max_num_queries(few):
        client.get("/search/", {"q": "รถกระเช้า", "page": "2"})


@pytest.mark.django_db
def test_search_pages_are_never_written_to_the_page_cache(client, demo, settings, tmp_path):
    settings.PRONGSAI_PAGE_CACHE_DIR = str(tmp_path)
    assert client.get("/search/").status_code == 200
    assert client.get("/en/search/").status_code == 200
    assert client.get("/about/").status_code == 200  # the cache is on: an ordinary page is stored
    stored = sorted(str(path.relative_to(tmp_path)) for path in tmp_path.rglob("index.html"))
    assert stored == ["testserver/about/index.html"]


# --- The admin's page search -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_admin_page_search_finds_thai_words_too(demo):
    page = _publish_content_page(_home(), title="รับสมัครงาน", slug="jobs", body=RECRUITMENT)
    staff = admin_client(get_user_model().objects.get(username="nitikorn"))
    response = staff.get("/admin/pages/search/", {"q": "พนักงาน"})
    assert response.status_code == 200
    html = response.content.decode()
    assert f"/admin/pages/{page.pk}/edit/" in html
    assert "รับสมัครงาน" in html
