"""Audit receivers for events Django and Wagtail announce only as signals.

Logins, failed logins and role/permission changes happen inside Django's auth code,
and Wagtail writes its own action log for pages, snippets, images and documents; the
only way to see them is to listen. Everything else is audited by our services.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_migrate, post_save
from django.dispatch import receiver
from wagtail.models import ModelLogEntry, Page, PageLogEntry

from .audit import audit_record, current_audit_context
from .models import Membership, Organization

User = get_user_model()


def _org(request: Any) -> Organization | None:
    # request.organization is a lazy object; an install without any organization yet
    # wraps None, which must not reach the foreign key.
    organization = getattr(request, "organization", None) if request is not None else None
    return organization if isinstance(organization, Organization) else None


def _context_actor_and_org() -> tuple[Any, Organization | None]:
    context = current_audit_context()
    if context is None:
        return None, None
    return context.actor, context.organization


def _organization_of_user(user: Any) -> Organization | None:
    """The organization a user's role change belongs to: their one membership, if unambiguous."""
    memberships = list(Membership.objects.filter(user_id=user.pk).select_related("organization").order_by("pk")[:2])
    return memberships[0].organization if len(memberships) == 1 else None


def _organization_of_page(page_id: int | None) -> Organization | None:
    """The organization whose website contains the page (its Site's root is an ancestor)."""
    if not page_id:
        return None
    path = Page.objects.filter(pk=page_id).values_list("path", flat=True).first()
    if not path:
        return None
    prefixes = [path[:end] for end in range(Page.steplen, len(path) + 1, Page.steplen)]
    return Organization.objects.filter(site__root_page__path__in=prefixes).order_by("-site__root_page__depth").first()


@receiver(user_logged_in, dispatch_uid="prongsai_audit_login")
def _audit_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    audit_record(action="auth.login", actor=user, organization=_org(request), obj=user)


@receiver(user_logged_out, dispatch_uid="prongsai_audit_logout")
def _audit_logout(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit_record(action="auth.logout", actor=user, organization=_org(request), obj=user)


@receiver(user_login_failed, dispatch_uid="prongsai_audit_login_failed")
def _audit_login_failed(sender: Any, credentials: dict, request: Any = None, **kwargs: Any) -> None:
    # Never store the password; the username tried is what an administrator needs.
    audit_record(
        action="auth.login_failed",
        organization=_org(request),
        data={"username": str(credentials.get("username", ""))[:150]},
    )


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="prongsai_audit_user_groups")
def _audit_user_groups(sender: Any, instance: Any, action: str, pk_set: set | None, model: Any, **kw: Any) -> None:
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if isinstance(instance, Group):  # changed from the group's side
        users = list(User.objects.filter(pk__in=pk_set or []))
        names = [instance.name]
    else:
        users = [instance]
        names = list(Group.objects.filter(pk__in=pk_set or []).values_list("name", flat=True))
    actor, organization = _context_actor_and_org()
    for user in users:
        audit_record(
            action=f"auth.roles.{action.removeprefix('post_')}",
            actor=actor,
            organization=organization or _organization_of_user(user),
            obj=user,
            data={"groups": sorted(names)},
        )


@receiver(m2m_changed, sender=User.user_permissions.through, dispatch_uid="prongsai_audit_user_perms")
@receiver(m2m_changed, sender=Group.permissions.through, dispatch_uid="prongsai_audit_group_perms")
def _audit_permissions(sender: Any, instance: Any, action: str, pk_set: set | None, **kwargs: Any) -> None:
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    from django.contrib.auth.models import Permission

    actor, organization = _context_actor_and_org()
    codenames = sorted(
        f"{app}.{code}"
        for app, code in Permission.objects.filter(pk__in=pk_set or []).values_list(
            "content_type__app_label", "codename"
        )
    )
    audit_record(
        action=f"auth.permissions.{action.removeprefix('post_')}",
        actor=actor,
        organization=organization,
        obj=instance,
        data={"permissions": codenames},
    )


@receiver(post_save, sender=PageLogEntry, dispatch_uid="prongsai_audit_page_log")
@receiver(post_save, sender=ModelLogEntry, dispatch_uid="prongsai_audit_model_log")
def _mirror_wagtail_log(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    """Copy each Wagtail admin action (create, edit, publish, delete…) into our chain."""
    if not created:
        return
    _, organization = _context_actor_and_org()
    if isinstance(instance, PageLogEntry):
        organization = _organization_of_page(instance.page_id) or organization
    audit_record(
        action=instance.action,  # already namespaced: "wagtail.publish", "wagtail.workflow.start"…
        actor=instance.user,
        organization=organization,
        object_type=instance.content_type.model if instance.content_type_id else "",
        object_id=str(getattr(instance, "page_id", None) or getattr(instance, "object_id", "")),
        object_label=instance.label,
        data={"revision": instance.revision_id} if getattr(instance, "revision_id", None) else {},
    )


@receiver(post_migrate, dispatch_uid="prongsai_roles_sync")
def _sync_roles(sender: Any, **kwargs: Any) -> None:
    # Run once, after the last app's permissions exist.
    from django.apps import apps

    last = [config for config in apps.get_app_configs() if config.models_module is not None][-1]
    if getattr(sender, "label", "") != last.label:
        return
    from .services import roles_sync

    roles_sync()
