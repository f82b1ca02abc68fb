"""Core's staff-side screens in the Wagtail admin (registered from core/wagtail_hooks.py).

Every screen works on the request's organization only: lists are filtered by
`request.organization`, and the id of another organization's row is a 404.
"""
