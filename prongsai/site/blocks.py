"""StreamField blocks for the public pages: few, accessible, and enough for a municipality."""

from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=200)
    text = blocks.RichTextBlock(label=_("text"), features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "info-circle"
        label = _("Highlighted box")
        template = "site/blocks/callout.html"


def validate_link(value: str) -> None:
    """A path on this site ("/corruption/") or an http(s) address; nothing else (no javascript:)."""
    if not value:
        return
    if value.startswith("/") and not value.startswith("//"):
        return
    URLValidator(schemes=["http", "https"])(value)


class LinkItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=200)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.CharBlock(
        label=_("link"),
        required=False,
        max_length=500,
        help_text=_("A full address (https://…) or a path on this website, such as /corruption/"),
        validators=[validate_link],
    )
    description = blocks.CharBlock(label=_("description"), required=False, max_length=300)

    class Meta:
        icon = "link"
        label = _("Link")


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(label=_("title"), required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "site/blocks/document_link.html"


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("heading"), max_length=200, form_classname="title", template="site/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(
        label=_("paragraph"), features=["h3", "h4", "bold", "italic", "link", "document-link", "ol", "ul"]
    )
    image = ImageBlock(label=_("image"))
    callout = CalloutBlock()
    document = DocumentLinkBlock()
