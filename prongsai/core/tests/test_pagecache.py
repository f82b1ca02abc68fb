"""The page cache: anonymous pages written for nginx, never anything personal, cleared on publish."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.apps import apps
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from wagtail.models import Page, PageViewRestriction, Site

from prongsai.core.pagecache import PageCacheMiddleware, no_page_cache, pagecache_invalidate

HTML = "<!DOCTYPE html><html lang='th'><body>หน้าทดสอบ</body></html>"


@pytest.fixture
def cache_dir(settings, tmp_path: Path) -> Path:
    directory = tmp_path / "pagecache"
    directory.mkdir()
    settings.PRONGSAI_PAGE_CACHE_DIR = str(directory)
    return directory


def cached_file(cache_dir: Path, path: str, host: str = "testserver") -> Path:
    return cache_dir.joinpath(host, *[part for part in path.split("/") if part], "index.html")


def html_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse(HTML)


def serve(path: str, view=html_view, **extra) -> HttpResponse:
    request = RequestFactory().get(path, **extra)
    return PageCacheMiddleware(view)(request)


@pytest.mark.django_db
def test_anonymous_home_page_is_written_where_nginx_looks(client, demo, cache_dir):
    response = client.get("/")
    assert response.status_code == 200
    stored = cached_file(cache_dir, "/")
    assert stored.read_bytes() == response.content
    assert "เทศบาลตำบลแม่สาย" in stored.read_text(encoding="utf-8")
    assert stored.stat().st_mode & 0o777 == 0o644  # nginx runs as another user

    client.get("/news/")
    assert cached_file(cache_dir, "/news/").is_file()


@pytest.mark.django_db
def test_visitor_with_a_session_or_a_query_string_is_not_cached(client, demo, cache_dir):
    client.cookies["sessionid"] = "someone-signed-in"
    assert client.get("/").status_code == 200
    assert not cached_file(cache_dir, "/").exists()

    del client.cookies["sessionid"]
    assert client.get("/?utm_source=line").status_code == 200
    assert not cached_file(cache_dir, "/").exists()


@pytest.mark.django_db
def test_not_found_page_is_not_cached(client, demo, cache_dir):
    assert client.get("/no-such-page/").status_code == 404
    assert not any(cache_dir.rglob("index.html"))


@pytest.mark.django_db
def test_admin_is_never_cached(client, demo, cache_dir, django_user_model):
    client.force_login(django_user_model.objects.get(username="head"))  # a department head: no second factor
    assert client.get("/admin/").status_code == 200
    assert not any(cache_dir.rglob("index.html"))
    # Even an anonymous-looking plain HTML answer under /admin/ stays out, unlike the same answer elsewhere.
    serve("/admin/reports/")
    serve("/about/")
    assert not cached_file(cache_dir, "/admin/reports/").exists()
    assert cached_file(cache_dir, "/about/").read_text(encoding="utf-8") == HTML


def test_pages_marked_uncacheable_or_carrying_a_csrf_token_are_not_cached(cache_dir):
    def form_view(request: HttpRequest) -> HttpResponse:
        return HttpResponse(f"<form><input name='csrfmiddlewaretoken' value='{get_token(request)}'></form>")

    serve("/complaints/", view=no_page_cache(html_view))
    serve("/contact-form/", view=form_view)
    serve("/flash/", HTTP_COOKIE="messages=abc")
    assert not any(cache_dir.rglob("index.html"))


def test_private_or_non_html_answers_are_not_cached(cache_dir):
    def private_view(request: HttpRequest) -> HttpResponse:
        response = HttpResponse(HTML)
        response["Cache-Control"] = "private, max-age=0"
        return response

    serve("/private/", view=private_view)
    serve("/feed/", view=lambda request: HttpResponse("<rss/>", content_type="application/rss+xml"))
    serve("/no-slash", view=html_view)
    assert not any(cache_dir.rglob("index.html"))


@pytest.mark.django_db(transaction=True)
def test_a_render_overtaken_by_an_invalidation_is_not_written(cache_dir):
    def view_during_publish(request: HttpRequest) -> HttpResponse:
        pagecache_invalidate()  # an editor publishes while this page is rendering
        return HttpResponse(HTML)

    serve("/about/", view=view_during_publish)
    assert not cached_file(cache_dir, "/about/").exists()
    serve("/about/")
    assert cached_file(cache_dir, "/about/").exists()


@pytest.mark.django_db
def test_publishing_a_page_clears_the_sites_cached_pages(client, demo, cache_dir, django_capture_on_commit_callbacks):
    client.get("/")
    client.get("/news/")
    assert cached_file(cache_dir, "/").exists()

    # The site app's pages (core never imports a domain app; the demo provides them).
    NewsPage = apps.get_model("site", "NewsPage")
    news_index = Page.objects.get(slug="news")
    news = NewsPage(title="ประกาศรับสมัครพนักงานจ้างทั่วไป", slug="jobs", date=dt.date(2024, 1, 5), live=False)
    with django_capture_on_commit_callbacks(execute=True):
        news_index.add_child(instance=news)
    assert cached_file(cache_dir, "/").exists()  # a draft changes nothing public

    with django_capture_on_commit_callbacks(execute=True):
        news.save_revision().publish()
    assert not cached_file(cache_dir, "/").exists()
    assert not cached_file(cache_dir, "/news/").exists()

    response = client.get("/")
    assert "ประกาศรับสมัครพนักงานจ้างทั่วไป" in response.content.decode()
    assert "ประกาศรับสมัครพนักงานจ้างทั่วไป" in cached_file(cache_dir, "/").read_text(encoding="utf-8")

    with django_capture_on_commit_callbacks(execute=True):
        NewsPage.objects.get(pk=news.pk).unpublish()
    assert not cached_file(cache_dir, "/").exists()


@pytest.mark.django_db
def test_publishing_on_one_site_keeps_another_sites_pages(client, demo, cache_dir, django_capture_on_commit_callbacks):
    HomePage = apps.get_model("site", "HomePage")
    home = HomePage.objects.get()
    other_root = home.get_parent().add_child(instance=HomePage(title="เทศบาลตำบลเวียงพางคำ", slug="wiangphangkham"))
    Site.objects.create(hostname="wiang.example", root_page=other_root, site_name="เวียงพางคำ")
    client.get("/")
    client.get("/", HTTP_HOST="wiang.example")
    assert cached_file(cache_dir, "/", host="wiang.example").exists()

    home.intro = "ยินดีต้อนรับ"
    with django_capture_on_commit_callbacks(execute=True):
        home.save_revision().publish()
    assert not cached_file(cache_dir, "/").exists()
    assert cached_file(cache_dir, "/", host="wiang.example").exists()


@pytest.mark.django_db
def test_making_a_page_private_stops_serving_its_cached_copy(
    client, demo, cache_dir, django_capture_on_commit_callbacks
):
    client.get("/about/")
    assert cached_file(cache_dir, "/about/").exists()

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=Page.objects.get(slug="about"), restriction_type=PageViewRestriction.PASSWORD, password="ลับ"
        )
    assert not cached_file(cache_dir, "/about/").exists()
    client.get("/about/")  # the password form, not the page
    assert not cached_file(cache_dir, "/about/").exists()
