"""Print the PostgreSQL URL the suite should use, or nothing when none is reachable.

DATABASE_URL wins; otherwise the local server on 127.0.0.1:5432 (trust auth) is tried.
"""

import os
import sys

url = os.environ.get("DATABASE_URL", "")
if url:
    print(url)
    sys.exit(0)
candidate = "postgres://postgres@127.0.0.1:5432/test"
try:
    import psycopg

    with psycopg.connect("host=127.0.0.1 port=5432 user=postgres dbname=test", connect_timeout=3):
        pass
except Exception:
    sys.exit(0)
print(candidate)
