import pytest


@pytest.mark.django_db
def test_demo_home_page_is_thai_and_names_the_municipality(client, demo):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="th">' in html
    assert "เทศบาลตำบลแม่สาย" in html
    assert demo.address in html


@pytest.mark.django_db
def test_unknown_page_is_a_thai_404(client, demo):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "ไม่พบหน้าที่ต้องการ" in response.content.decode()
