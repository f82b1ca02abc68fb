import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from prongsai.site.models import ContentPage, NewsIndexPage, NewsPage


@pytest.mark.django_db
def test_demo_home_page_is_thai_and_names_the_municipality(client, demo):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="th">' in html
    assert "เทศบาลตำบลแม่สาย" in html
    assert demo.address in html


@pytest.mark.django_db
def test_home_page_has_skip_link_landmarks_and_emblem(client, demo):
    html = client.get("/").content.decode()
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert "<header" in html and "<footer" in html and 'class="site-nav"' in html
    assert re.search(r'<img[^>]+class="brand__emblem"', html)
    assert html.count("<h1") == 1


@pytest.mark.django_db
def test_header_menu_lists_home_about_news_contact_in_tree_order_then_search(client, demo):
    html = client.get("/").content.decode()
    nav = html[html.index('class="site-nav"') : html.index("</nav>", html.index('class="site-nav"'))]
    hrefs = re.findall(r'href="([^"]+)"', nav)
    assert hrefs == ["/", "/about/", "/news/", "/contact/", "/search/"]
    assert 'href="/" aria-current="page"' in nav


@pytest.mark.django_db
def test_menu_leaves_out_drafts_and_pages_not_in_menus(client, demo):
    home = Page.objects.get(slug="maesai")
    draft = ContentPage(title="ร่างหน้าใหม่", slug="draft-page", show_in_menus=True, live=False)
    home.add_child(instance=draft)
    hidden = ContentPage(title="หน้าไม่อยู่ในเมนู", slug="hidden-page", show_in_menus=False)
    home.add_child(instance=hidden)
    html = client.get("/").content.decode()
    assert "ร่างหน้าใหม่" not in html
    assert "หน้าไม่อยู่ในเมนู" not in html


@pytest.mark.django_db
def test_home_page_links_latest_news_with_thai_dates_and_the_news_index(client, demo):
    html = client.get("/").content.decode()
    assert '<time class="news-list__date" datetime="2023-04-04">4 เม.ย. 2566</time>' in html
    assert re.search(r'<p class="more-link"><a href="/news/">', html)


@pytest.mark.django_db
def test_news_page_shows_the_long_thai_date(client, demo):
    html = client.get("/news/ita-2566-results/").content.decode()
    assert "๔ เมษายน ๒๕๖๖" in html


@pytest.mark.django_db
def test_unknown_page_is_a_404_in_the_site_chrome(client, demo):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="th">' in html
    assert "เทศบาลตำบลแม่สาย" in html  # header and footer are there
    assert 'href="/about/"' in html  # a way on from the dead end


@pytest.mark.django_db
def test_unknown_english_page_says_page_not_found(client, demo):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Page not found" in html


def _add_pages(*, news: int, content: int) -> None:
    home = Page.objects.get(slug="maesai")
    news_index = NewsIndexPage.objects.get(slug="news")
    for n in range(news):
        news_index.add_child(
            instance=NewsPage(title=f"ข่าวทดสอบ {n}", slug=f"test-news-{n}", date=dt.date(2024, 1, 1) + dt.timedelta(n))
        )
    for n in range(content):
        home.add_child(instance=ContentPage(title=f"หน้าทดสอบ {n}", slug=f"test-page-{n}", show_in_menus=n % 2 == 0))


@pytest.mark.django_db
def test_home_page_queries_stay_few_and_constant_as_the_site_grows(client, demo, django_assert_max_num_queries):
    client.get("/")  # warm the caches a running server keeps (site root paths, emblem rendition)
    with CaptureQueriesContext(connection) as before:
        client.get("/")
    _add_pages(news=30, content=20)
    client.get("/")
    with django_assert_max_num_queries(10):
        response = client.get("/")
    with CaptureQueriesContext(connection) as after:
        client.get("/")
    assert response.status_code == 200
    assert "ข่าวทดสอบ 29" in response.content.decode()  # the newest news is on the page
    assert "หน้าทดสอบ 18" in response.content.decode()  # the menu grew too
    assert len(after.captured_queries) == len(before.captured_queries)
