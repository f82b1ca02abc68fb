"""The site chrome: languages, cookies, privacy pages, robots/sitemap, error pages, assets."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import RequestFactory
from wagtail.models import Page, Site

from prongsai.core.tests.factories import make_organization
from prongsai.site import views
from prongsai.site.models import ContentPage, HomePage

PUBLIC_PATHS = ["/", "/en/", "/about/", "/en/about/", "/privacy/", "/cookies/", "/news/", "/news/ita-2566-results/"]


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Collector()
    parser.feed(html)
    return parser.tags


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/en/"])
def test_anonymous_visit_sets_no_cookie(client, demo, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.cookies == {}
    assert "Set-Cookie" not in response.headers


@pytest.mark.django_db
def test_no_public_page_sets_a_cookie_or_has_a_form(client, demo):
    for path in [*PUBLIC_PATHS, "/no-such-page/"]:
        response = client.get(path)
        assert response.cookies == {}, path
        assert "csrfmiddlewaretoken" not in response.content.decode(), path


@pytest.mark.django_db
def test_public_pages_have_no_inline_script_or_style_and_no_third_party_asset(client, demo):
    for path in PUBLIC_PATHS:
        for tag, attrs in _tags(client.get(path).content.decode()):
            assert "style" not in attrs, (path, tag, attrs)
            assert tag != "style", path
            if tag == "script":
                assert attrs.get("src", "").startswith("/static/"), (path, attrs)
            for name in ("src", "href", "srcset"):
                value = attrs.get(name) or ""
                if value.startswith(("http:", "https:", "//")) and not (
                    tag == "link" and attrs.get("rel") == "alternate"
                ):
                    pytest.fail(f"{path}: {tag} {name}={value} loads from another host")
            if tag == "link" and attrs.get("rel") == "alternate":
                assert (attrs.get("href") or "").startswith("http://testserver/"), attrs


@pytest.mark.django_db
def test_language_switch_links_to_the_same_page_in_the_other_language(client, demo):
    thai = client.get("/about/").content.decode()
    assert '<a href="/en/about/" lang="en" hreflang="en">English</a>' in thai
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/about/">' in thai
    english = client.get("/en/about/").content.decode()
    assert '<html lang="en">' in english
    assert '<a href="/about/" lang="th" hreflang="th">ไทย</a>' in english
    assert "Mae Sai Subdistrict Municipality" in english  # the header uses the English name
    # Thai content inside the English page is marked as Thai for screen readers.
    assert '<h1 lang="th">เกี่ยวกับเทศบาล</h1>' in english


@pytest.mark.django_db
def test_language_comes_from_the_address_only(client, demo):
    # Browsers that prefer English still get Thai at "/": one page per address, safe to cache.
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="th">' in html


@pytest.mark.django_db
def test_english_home_page_links_stay_in_english(client, demo):
    html = client.get("/en/").content.decode()
    assert 'href="/en/about/"' in html
    assert 'href="/en/news/"' in html
    assert '<a href="/" lang="th" hreflang="th">ไทย</a>' in html


@pytest.mark.django_db
def test_footer_has_contact_details_and_pdpa_pages(client, demo):
    html = client.get("/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert demo.address in footer
    assert 'href="tel:053731288"' in footer
    assert f'href="mailto:{demo.email}"' in footer
    assert '<a href="/privacy/">ประกาศความเป็นส่วนตัว</a>' in footer
    assert '<a href="/cookies/">นโยบายคุกกี้</a>' in footer


@pytest.mark.django_db
def test_cookie_page_says_no_non_essential_cookie_is_used(client, demo):
    html = client.get("/cookies/").content.decode()
    assert "ไม่ใช้คุกกี้ที่ไม่จำเป็น" in html
    assert "ไม่มีการบันทึกคุกกี้ใด ๆ" in html


@pytest.mark.django_db
def test_content_page_has_breadcrumbs(client, demo):
    html = client.get("/privacy/").content.decode()
    crumbs = html[html.index('class="breadcrumbs"') : html.index("</nav>", html.index('class="breadcrumbs"'))]
    assert 'href="/"' in crumbs
    assert '<span aria-current="page">ประกาศความเป็นส่วนตัว</span>' in crumbs


@pytest.mark.django_db
def test_another_sites_menu_shows_only_its_own_pages(client, demo):
    root = Page.get_first_root_node()
    other_home = HomePage(title="เทศบาลตำบลอื่น", slug="other")
    root.add_child(instance=other_home)
    other_home.add_child(instance=ContentPage(title="หน้าของเทศบาลอื่น", slug="other-about", show_in_menus=True))
    site = Site.objects.create(hostname="other.test", port=80, root_page=other_home, site_name="อื่น")
    make_organization(slug="other", site=site)
    html = client.get("/", HTTP_HOST="other.test").content.decode()
    assert "หน้าของเทศบาลอื่น" in html
    assert "เกี่ยวกับเทศบาล" not in html
    assert "/privacy/" not in html


@pytest.mark.django_db
def test_robots_txt_hides_the_admin_and_points_to_the_sitemap(client, demo):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text.splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in text.splitlines()


@pytest.mark.django_db
def test_sitemap_lists_the_public_pages(client, demo):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", xml)
    paths = {re.sub(r"^https?://[^/]+", "", loc) for loc in locations}
    assert {"/", "/about/", "/privacy/", "/cookies/", "/news/", "/news/ita-2566-results/"} <= paths


def test_server_error_page_renders_without_database_or_context():
    # No django_db mark: any database access here would raise, so this proves the page needs none.
    request = RequestFactory().get("/boom/")
    response = views.server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="th">' in html
    assert "ระบบขัดข้องชั่วคราว" in html
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)">', html)
    assert stylesheets == ["/static/prongsai/css/site.css"]
    assert "<script" not in html and "style=" not in html


def test_fonts_and_their_licence_are_served_by_us():
    for name in ("sarabun-regular.woff2", "sarabun-semibold.woff2", "sarabun-bold.woff2", "OFL.txt"):
        assert finders.find(f"prongsai/fonts/{name}"), name
    css = Path(finders.find("prongsai/css/site.css")).read_text()
    assert 'url("../fonts/sarabun-regular.woff2")' in css
    assert "@import" not in css
    assert all(url.strip("\"'").startswith("../") for url in re.findall(r"url\(([^)]*)\)", css))  # ours only
    assert settings.STATIC_URL == "/static/"  # 500.html links the stylesheet by this path
