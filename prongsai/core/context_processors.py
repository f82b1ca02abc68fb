from django.http import HttpRequest


def organization(request: HttpRequest) -> dict:
    return {"organization": getattr(request, "organization", None)}
