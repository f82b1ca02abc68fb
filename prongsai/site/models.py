"""The public website's pages: the municipality's home page and a standard content page."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from prongsai.core.search import thai_search_text

from .blocks import BodyBlock, LinkItemBlock

# Thai words with spaces between them (docs/adr/0003-thai-search.md), from each model's `search_text_th`.
# Page's own fields stay indexed too. The admin's page search uses autocomplete, hence both kinds.
THAI_SEARCH_FIELDS = [index.SearchField("search_text_th"), index.AutocompleteField("search_text_th")]


class HomePage(Page):
    """The municipality's home page: greeting, quick links to services, news."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
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
    search_fields = Page.search_fields + THAI_SEARCH_FIELDS

    class Meta:
        verbose_name = _("home page")

    def search_text_th(self) -> str:
        return thai_search_text(self.title, self.intro, self.mayor_message, self.body)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        # NewsPage.objects already yields NewsPage rows; .specific() would cost a second query.
        context["latest_news"] = NewsPage.objects.live().public().descendant_of(self).order_by("-date", "-pk")[:4]
        return context


class ContentPage(Page):
    """A standard page: about the municipality, a policy, a guideline."""

    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("content"), blank=True)

    subpage_types = ["site.ContentPage"]
    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = Page.search_fields + THAI_SEARCH_FIELDS

    class Meta:
        verbose_name = _("content page")

    def search_text_th(self) -> str:
        return thai_search_text(self.title, self.summary, self.body)


class NewsIndexPage(Page):
    intro = models.CharField(_("introduction"), max_length=300, blank=True)

    max_count_per_parent = 1
    subpage_types = ["site.NewsPage"]
    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + THAI_SEARCH_FIELDS

    class Meta:
        verbose_name = _("news index")

    def search_text_th(self) -> str:
        return thai_search_text(self.title, self.intro)

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
    search_fields = Page.search_fields + THAI_SEARCH_FIELDS

    class Meta:
        verbose_name = _("news")
        verbose_name_plural = _("news")

    def search_text_th(self) -> str:
        return thai_search_text(self.title, self.summary, self.body)
