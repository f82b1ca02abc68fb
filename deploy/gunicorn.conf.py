"""gunicorn settings for Prongsai behind nginx (docs/operations.md).

Every value can be overridden from the environment, so the systemd unit and the benchmark use this
same file: GUNICORN_BIND, WEB_CONCURRENCY, GUNICORN_TIMEOUT, GUNICORN_ACCESS_LOG.
"""

import multiprocessing
import os

# A Unix socket in production (nginx proxies to it); host:port for the benchmark or a container.
bind = [os.environ.get("GUNICORN_BIND", "unix:/run/prongsai/gunicorn.sock")]

# Sync workers behind nginx: nginx buffers slow clients, so a worker is only busy while Django renders.
# Anonymous pages mostly come from nginx's page cache, so a few workers go a long way.
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8)))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# Recycle workers now and then so a slow leak in any library cannot grow without bound.
max_requests = 2000
max_requests_jitter = 200

# Load Django once in the master: a configuration error stops start-up with one line (prongsai/wsgi.py),
# and workers share the loaded code.
preload_app = True

# nginx already logs every request; set GUNICORN_ACCESS_LOG=- to log here too.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# nginx on the same machine sets X-Forwarded-Proto; trust it only from there.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proc_name = "prongsai"
