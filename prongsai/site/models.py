"""The public website's pages: the municipality's home page and a standard content page."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from .blocks import BodyBlock, LinkItemBlock


class HomePage(Page):
    """The municipality's home page: greeting, quick links to services, news."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("hero image"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    mayor_message = RichTextField(_("message from the mayor"), blank=True, features=["bold", "italic", "link"])
    quick_links = StreamField([("link", LinkItemBlock())], verbose_name=_("quick links"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    max_count_per_parent = 1
    subpage_types = ["site.ContentPage", "site.NewsIndexPage"]
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("mayor_message"),
        FieldPanel("quick_links"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = (
            NewsPage.objects.live().public().descendant_of(self).order_by("-date", "-pk").specific()[:4]
        )
        return context


class ContentPage(Page):
    """A standard page: about the municipality, a policy, a guideline."""

    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    subpage_types = ["site.ContentPage"]
    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]

    class Meta:
        verbose_name = _("content page")


class NewsIndexPage(Page):
    intro = models.CharField(_("introduction"), max_length=300, blank=True)

    max_count_per_parent = 1
    subpage_types = ["site.NewsPage"]
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("news index")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["news"] = NewsPage.objects.live().public().child_of(self).order_by("-date", "-pk")[:50]
        return context


class NewsPage(Page):
    date = models.DateField(_("date"))
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    parent_page_types = ["site.NewsIndexPage"]
    subpage_types: list[str] = []
    content_panels = Page.content_panels + [FieldPanel("date"), FieldPanel("summary"), FieldPanel("body")]

    class Meta:
        verbose_name = _("news")
        verbose_name_plural = _("news")
