"""The organization (municipality), its departments, positions and staff, and the audit log."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganizationKind(models.TextChoices):
    CITY_MUNICIPALITY = "city_municipality", _("City municipality (เทศบาลนคร)")
    TOWN_MUNICIPALITY = "town_municipality", _("Town municipality (เทศบาลเมือง)")
    SUBDISTRICT_MUNICIPALITY = "subdistrict_municipality", _("Subdistrict municipality (เทศบาลตำบล)")
    SAO = "sao", _("Subdistrict administrative organization (อบต.)")


class Organization(models.Model):
    """A municipality or SAO that runs Prongsai. Every domain row belongs to one."""

    name = models.CharField(_("name"), max_length=200, help_text=_("e.g. เทศบาลตำบลแม่สาย"))
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganizationKind.choices)
    province = models.CharField(_("province"), max_length=100)
    district = models.CharField(_("district"), max_length=100)
    subdistrict = models.CharField(_("subdistrict"), max_length=100, blank=True)
    address = models.TextField(_("address"), blank=True)
    postcode = models.CharField(_("postcode"), max_length=5, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    emblem = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("emblem"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    document_number_prefix = models.CharField(
        _("official document number prefix"),
        max_length=40,
        blank=True,
        help_text=_('As printed after "ที่", e.g. ชร ๕๒๓๐๑'),
    )
    use_thai_digits = models.BooleanField(
        _("use Thai digits in official documents"),
        default=True,
    )
    site = models.OneToOneField(
        "wagtailcore.Site",
        verbose_name=_("website"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organization",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class DepartmentKind(models.TextChoices):
    OFFICE = "office", _("Office (สำนัก)")
    DIVISION = "division", _("Division (กอง)")
    SECTION = "section", _("Section (ฝ่าย)")
    UNIT = "unit", _("Unit (งาน)")


class Department(models.Model):
    """A unit of the organization: สำนัก/กอง › ฝ่าย › งาน, as an adjacency-list tree."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="departments"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=100, blank=True, help_text=_("e.g. กองยุทธศาสตร์ฯ"))
    kind = models.CharField(_("kind"), max_length=16, choices=DepartmentKind.choices)
    phone_extension = models.CharField(_("phone extension"), max_length=20, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["organization", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "parent", "name"], name="department_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.parent_id is None:
            if self.kind not in (DepartmentKind.OFFICE, DepartmentKind.DIVISION):
                raise ValidationError({"parent": _("A section or unit must belong to an office or division.")})
            return
        parent: Department = self.parent  # type: ignore[assignment]  # parent_id is set
        if parent.organization_id != self.organization_id:
            raise ValidationError({"parent": _("The parent department belongs to another organization.")})
        if self.kind in (DepartmentKind.OFFICE, DepartmentKind.DIVISION):
            raise ValidationError({"kind": _("An office or division is a top-level department.")})
        if parent.kind == DepartmentKind.UNIT:
            raise ValidationError({"parent": _("A unit cannot contain other departments.")})
        ancestor: Department | None = parent
        while ancestor is not None:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError({"parent": _("A department cannot be inside itself.")})
            ancestor = ancestor.parent

    @property
    def full_name(self) -> str:
        """As printed in official documents: the unit, then its parents ("งานนิติการ สำนักปลัดเทศบาล")."""
        names = [self.name]
        ancestor = self.parent
        while ancestor is not None:
            names.append(ancestor.name)
            ancestor = ancestor.parent
        return " ".join(names)


class Position(models.Model):
    """A job title as printed under a signature, e.g. นิติกรชำนาญการพิเศษ."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="positions"
    )
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["organization", "name"]
        constraints = [models.UniqueConstraint(fields=["organization", "name"], name="position_unique_name")]

    def __str__(self) -> str:
        return self.name


class NamePrefix(models.TextChoices):
    MR = "นาย", "นาย"
    MRS = "นาง", "นาง"
    MISS = "นางสาว", "นางสาว"
    NONE = "", _("(none)")


class Membership(models.Model):
    """A user's place in an organization: department and position. One per user and organization."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="memberships"
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memberships",
    )
    position = models.ForeignKey(
        Position,
        verbose_name=_("position"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memberships",
    )
    name_prefix = models.CharField(_("name prefix"), max_length=10, choices=NamePrefix.choices, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("staff membership")
        verbose_name_plural = _("staff memberships")
        constraints = [models.UniqueConstraint(fields=["user", "organization"], name="membership_unique_user_org")]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.organization})"

    def clean(self) -> None:
        for field in ("department", "position"):
            related = getattr(self, field)
            if related is not None and related.organization_id != self.organization_id:
                raise ValidationError({field: _("This belongs to another organization.")})

    @property
    def display_name(self) -> str:
        """The name as signed: "นายสุระกิจ ยอดมงคล"."""
        full = self.user.get_full_name() or self.user.get_username()
        return f"{self.name_prefix}{full}"


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):  # type: ignore[no-untyped-def]
        raise PermissionError("The audit log is append-only.")

    def delete(self):  # type: ignore[no-untyped-def]
        raise PermissionError("The audit log is append-only.")


class AuditEntry(models.Model):
    """One line of the append-only, hash-chained audit log. Written only by `core.audit`."""

    sequence = models.BigIntegerField(_("sequence"), unique=True)
    created_at = models.DateTimeField(_("time"), db_index=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_entries",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    actor_label = models.CharField(_("user name"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=100, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_label = models.CharField(_("object"), max_length=255, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    entry_hash = models.CharField(_("hash"), max_length=64, unique=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-sequence"]
        indexes = [models.Index(fields=["organization", "-sequence"], name="audit_org_seq")]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action} {self.object_label}".strip()

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise PermissionError("Audit entries are written only by core.audit.audit_record.")

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise PermissionError("The audit log is append-only.")
