import pytest
from django.core.exceptions import ValidationError

from prongsai.site.blocks import validate_link


@pytest.mark.parametrize(
    "value", ["", "/corruption/", "/ita/2566/", "https://www.nacc.go.th/", "http://example.org/a?b=1"]
)
def test_links_to_our_paths_and_web_addresses_are_accepted(value):
    validate_link(value)


@pytest.mark.parametrize("value", ["javascript:alert(1)", "//evil.example/", "corruption", "ftp://x.example/"])
def test_other_links_are_refused(value):
    with pytest.raises(ValidationError):
        validate_link(value)


@pytest.mark.django_db
def test_home_page_links_to_the_platform_features(client, demo):
    html = client.get("/").content.decode()
    for href in ('href="/corruption/"', 'href="/ita/2566/"', 'href="/ita/measures/2566/"'):
        assert href in html


@pytest.mark.django_db
def test_every_public_page_links_to_search(client, demo):
    assert 'href="/search/"' in client.get("/about/").content.decode()
    assert 'href="/en/search/"' in client.get("/en/about/").content.decode()
