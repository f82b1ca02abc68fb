from __future__ import annotations

from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database readiness for load balancers and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = "ok"
    except DatabaseError as exc:
        return JsonResponse(
            {"status": "error", "database": "unavailable", "detail": exc.__class__.__name__}, status=503
        )
    return JsonResponse({"status": "ok", "database": database})
