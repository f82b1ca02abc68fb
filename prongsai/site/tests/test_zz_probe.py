import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

@pytest.mark.django_db
def test_probe(client, demo):
    client.get("/")
    with CaptureQueriesContext(connection) as ctx:
        r = client.get("/")
    print(r.status_code, len(ctx.captured_queries), r.cookies)
    for q in ctx.captured_queries:
        print(q["sql"][:300])
