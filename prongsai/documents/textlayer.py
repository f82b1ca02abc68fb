"""Make WeasyPrint's PDF text layer read back exactly as the source Thai.

The problem (WeasyPrint 70 upstream): a PDF glyph code carries one Unicode mapping (ToUnicode), and WeasyPrint
uses the font's glyph id as the code. HarfBuzz draws SARA AM (ำ) as NIKHAHIT + the SARA AA glyph, so the one
glyph "า" must read back as "า" in การ and as "ำ" in ดำ: whichever comes first wins and ดำเนินการ reads back as
ดำเนินกำร. Marks merged into one glyph (้ + ํ in น้ำ) lose their text, and marks moved sideways by GPOS leave
gaps that extractors read as spaces (ปั้ น).

The fix, at the source: we draw each line ourselves (a copy of ``weasyprint.draw.text.draw_first_line`` with
the glyph loop changed) and give every *(glyph, text, advance)* combination its own PDF code:

* the text of a shaping cluster goes on the cluster's first spacing glyph, the other glyphs of the cluster
  (marks) map to "" -- so every cluster reads back whole, whatever glyphs the shaper chose;
* if a glyph already maps to another text, a fresh code (>= glyph count + 2048) is allocated, and the CIDFont's
  ``/CIDToGIDMap`` (a stream instead of ``/Identity``) points the code at the real glyph -- the font file is
  not changed, only the PDF's code -> glyph and code -> text tables;
* a glyph shifted left by GPOS (a tone mark over an upper vowel) gets a code whose ``/W`` advance is the
  shift, so the pen returns by the glyph's own advance instead of a backward ``TJ`` gap that pypdf and
  pdftotext would read as a word break.

Search, copy-paste, screen readers (which use the same ToUnicode data), pypdf and pdftotext then all get the
source text. Installed once, process-wide, by :func:`install`; the drawing is identical to upstream (same
glyphs, same positions), only the codes differ. :func:`install` refuses WeasyPrint versions other than 70.x
so that an upgrade fails the text-layer tests loudly instead of silently reverting. See ADR 0005.

Parts of this module are adapted from WeasyPrint (BSD-3-Clause, (c) 2011-2021 Simon Sapin and contributors).
"""

from __future__ import annotations

import threading
from typing import Any

import pydyf
import weasyprint
from weasyprint.draw import text as wp_draw_text
from weasyprint.pdf import fonts as wp_fonts
from weasyprint.text.ffi import FROM_UNITS, TO_UNITS, ffi, pango
from weasyprint.text.line_break import get_last_word_end

# First extra code above the font's glyph count; WeasyPrint's own codes for glyphs missing from a font are
# glyph_count + n (n = number of distinct missing characters), far below this.
_EXTRA_CODE_BASE = 2048
# A backward pen move (1/1000 em) after a glyph larger than this is folded into the glyph's advance.
_GAP = 30

_lock = threading.Lock()
_installed = False


class _FontCodes:
    """Per-Font allocation of PDF codes (stored on WeasyPrint's Font object)."""

    def __init__(self, glyph_count: int) -> None:
        self.by_key: dict[tuple[int, str, int | float], int] = {}
        self.code_gid: dict[int, int] = {}  # extra code -> real glyph id
        self.natural_width: dict[int, int | float] = {}
        self.next_code = glyph_count + _EXTRA_CODE_BASE


def _codes(font: Any) -> _FontCodes:
    state: _FontCodes | None = getattr(font, "_prongsai_codes", None)
    if state is None:
        state = _FontCodes(font.glyph_count)
        font._prongsai_codes = state
    return state


def _code_for(font: Any, glyph_id: int, text: str, width: int | float, *, missing: bool) -> int:
    """Return the PDF code that draws ``glyph_id``, reads back as ``text`` and advances by ``width``."""
    state = _codes(font)
    key = (glyph_id, text, width)
    code = state.by_key.get(key)
    if code is not None:
        return code
    if missing:
        # WeasyPrint's own code for a missing character (drawn as .notdef); keep its first mapping.
        font.to_unicode.setdefault(glyph_id, text)
        font.widths.setdefault(glyph_id, width)
        code = glyph_id
    elif glyph_id not in font.to_unicode and width == state.natural_width.get(glyph_id):
        font.to_unicode[glyph_id] = text
        font.widths[glyph_id] = width
        code = glyph_id
    elif (font.to_unicode.get(glyph_id) == text and font.widths.get(glyph_id) == width) or state.next_code > 0xFFFF:
        code = glyph_id
    else:
        code = state.next_code
        state.next_code += 1
        state.code_gid[code] = glyph_id
        font.to_unicode[code] = text
        font.widths[code] = width
    state.by_key[key] = code
    return code


def _natural_width(font: Any, pango_font: Any, glyph_id: int, font_size: float, stream: Any) -> int | float:
    state = _codes(font)
    width = state.natural_width.get(glyph_id)
    if width is None:
        pango.pango_font_get_glyph_extents(pango_font, glyph_id, stream.ink_rect, stream.logical_rect)
        width = state.natural_width[glyph_id] = round(stream.logical_rect.width * 1000 * FROM_UNITS / font_size)
    return width


def _group_texts(
    glyph_ids: list[int], widths: list[int], clusters: list[int], utf8_text: bytes, item_offset: int, item_length: int
) -> dict[int, str]:
    """Map the carrier glyph index of each text group to the group's text (see ``draw_first_line``)."""
    if not glyph_ids:
        return {}
    empty = pango.PANGO_GLYPH_EMPTY
    if clusters[0] <= clusters[-1]:
        return _group_texts_ltr(glyph_ids, widths, clusters, utf8_text, item_offset, item_length, empty)
    # Right-to-left runs (never Thai): one group per cluster, on its first advancing glyph.
    glyphs_of: dict[int, list[int]] = {}
    for i, start in enumerate(clusters):
        glyphs_of.setdefault(start, []).append(i)
    starts = sorted(glyphs_of)
    texts: dict[int, str] = {}
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else item_length
        indexes = glyphs_of[start]
        carrier = next((i for i in indexes if widths[i] > 0), indexes[0])
        texts[carrier] = utf8_text[item_offset + start : item_offset + end].decode("utf-8", "replace")
    return texts


def _group_texts_ltr(
    glyph_ids: list[int],
    widths: list[int],
    clusters: list[int],
    utf8_text: bytes,
    item_offset: int,
    item_length: int,
    empty: int,
) -> dict[int, str]:
    """``_group_texts`` for left-to-right runs (glyphs in text order), in one pass. A cluster of only
    zero-advance glyphs (marks) joins the group before it; an empty glyph (a default-ignorable character
    such as the ZWSP of <wbr>) is never drawn and starts its own group."""
    texts: dict[int, str] = {}
    count = len(glyph_ids)
    group_start = -1  # byte offset where the current group starts
    carrier = -1  # glyph carrying the current group's text
    i = 0
    while i < count:
        start = clusters[i]
        j = i + 1
        while j < count and clusters[j] == start:
            j += 1
        marks_only = True
        first_advancing = -1
        for k in range(i, j):
            if widths[k] > 0:
                marks_only = False
                if first_advancing < 0:
                    first_advancing = k
            elif glyph_ids[k] == empty:
                marks_only = False
        if not (marks_only and carrier >= 0):
            if carrier >= 0:
                texts[carrier] = utf8_text[item_offset + group_start : item_offset + start].decode("utf-8", "replace")
            group_start = start
            carrier = first_advancing if first_advancing >= 0 else i
        i = j
    texts[carrier] = utf8_text[item_offset + group_start : item_offset + item_length].decode("utf-8", "replace")
    return texts


def draw_first_line(stream: Any, textbox: Any, text_overflow: str, block_ellipsis: Any, matrix: Any) -> list[Any]:
    """Draw the given ``textbox`` line to the document ``stream`` (WeasyPrint 70 ``draw_first_line``, with
    cluster-aware glyph codes; see the module docstring)."""
    # Don't draw lines with only invisible characters.
    if not textbox.text.strip():
        return []

    if textbox.style["font_size"] < 1e-6:  # default float precision used by pydyf
        return []

    pango.pango_layout_set_single_paragraph_mode(textbox.pango_layout.layout, True)

    if text_overflow == "ellipsis" or block_ellipsis != "none":
        if textbox.pango_layout.max_width is None:  # as upstream asserts
            raise ValueError("ellipsis without a maximum width")
        max_width = textbox.pango_layout.max_width
        pango.pango_layout_set_width(textbox.pango_layout.layout, int(max_width * TO_UNITS))
        if text_overflow == "ellipsis":
            pango.pango_layout_set_ellipsize(textbox.pango_layout.layout, pango.PANGO_ELLIPSIZE_END)
        else:
            if block_ellipsis == "auto":
                ellipsis = "…"
            else:
                if block_ellipsis[0] != "string":  # as upstream asserts
                    raise ValueError(f"unknown block-ellipsis {block_ellipsis!r}")
                ellipsis = block_ellipsis[1]

            # Remove last word if hyphenated.
            new_text = textbox.pango_layout.text
            if new_text.endswith(textbox.style["hyphenate_character"]):
                last_word_end = get_last_word_end(
                    new_text[: -len(textbox.style["hyphenate_character"])], textbox.style["lang"]
                )
                if last_word_end:
                    new_text = new_text[:last_word_end]

            textbox.pango_layout.set_text(new_text + ellipsis)

    first_line, index = textbox.pango_layout.get_first_line()

    if block_ellipsis != "none":
        while index:
            last_word_end = get_last_word_end(textbox.pango_layout.text[: -len(ellipsis)], textbox.style["lang"])
            if last_word_end is None:
                break
            new_text = textbox.pango_layout.text[:last_word_end]
            textbox.pango_layout.set_text(new_text + ellipsis)
            first_line, index = textbox.pango_layout.get_first_line()

    stream.set_text_matrix(*matrix.values)
    previous_pango_font = None
    string = ""
    x_advance = 0.0
    emojis: list[Any] = []
    utf8_text = textbox.pango_layout.text.encode()
    run = first_line.runs[0]
    while run != ffi.NULL:
        # Get Pango objects.
        glyph_item = run.data
        run = run.next
        glyph_string = glyph_item.glyphs
        glyphs_info = glyph_string.glyphs
        num_glyphs = glyph_string.num_glyphs
        clusters = glyph_string.log_clusters

        pango_font = glyph_item.item.analysis.font
        if pango_font != previous_pango_font:
            # Add font file content and get font size.
            previous_pango_font = pango_font
            font, font_size = stream.add_font(pango_font)

            # Workaround for https://gitlab.gnome.org/GNOME/pango/-/issues/530.
            # This is also needed by raster emoji fonts, see #2800.
            if pango.pango_version() < 14802 or font.png:
                font_size = textbox.style["font_size"]

            # Go through the run glyphs.
            if string:
                stream.show_text(string)
            string = ""
            stream.set_font_size(font.hash, 1 if font.bitmap else font_size)

        # Text groups: a shaping cluster that advances the pen, plus the clusters of zero-advance marks that
        # follow it (tone marks over upper vowels are separate clusters and are drawn raised; extractors
        # would put their text on another line). A group's text goes on its first advancing glyph, the
        # other glyphs read back as "".
        item_offset = glyph_item.item.offset
        item_length = glyph_item.item.length
        glyph_ids = [glyph_info.glyph for glyph_info in glyphs_info[0:num_glyphs]]
        advances = [glyph_info.geometry.width for glyph_info in glyphs_info[0:num_glyphs]]
        carrier_text = _group_texts(
            glyph_ids, advances, list(clusters[0:num_glyphs]), utf8_text, item_offset, item_length
        )

        string += "<"
        for i, glyph_info in enumerate(glyphs_info[0:num_glyphs]):
            glyph_id = glyph_ids[i]
            width = advances[i]

            # Display zero-width empty glyph.
            if glyph_id == pango.PANGO_GLYPH_EMPTY:
                string += f">{-width / font_size}<"
                continue

            missing = False
            if glyph_id & pango.PANGO_GLYPH_UNKNOWN_FLAG:
                codepoint = glyph_id - pango.PANGO_GLYPH_UNKNOWN_FLAG
                wp_draw_text.LOGGER.warning(
                    '.notdef glyph rendered for Unicode string unsupported by fonts: "%s" (U+%04X)',
                    chr(codepoint),
                    codepoint,
                )
                glyph_id = font.get_unused_glyph_id(codepoint)
                missing = True
                natural: int | float = round(width * 1000 * FROM_UNITS / font_size)
                _codes(font).natural_width[glyph_id] = natural
                if 0 not in font.widths:
                    font.widths[0] = natural
            else:
                natural = _natural_width(font, pango_font, glyph_id, font_size, stream)

            text = carrier_text.get(i, "")

            # Horizontal and vertical offsets.
            offset = glyph_info.geometry.x_offset / font_size
            rise = glyph_info.geometry.y_offset / 1000
            advance = width * 1000 * FROM_UNITS / font_size

            # A glyph drawn left of the pen (marks) would need a backward move after it; give its code an
            # advance that brings the pen back instead (pypdf/pdftotext read backward moves as spaces).
            # The advance is chosen so that the pen lands exactly where upstream's truncated move puts it.
            glyph_width = natural
            upstream_kerning = natural + offset - advance
            if upstream_kerning < -_GAP and not text.isspace():
                glyph_width = natural - int(upstream_kerning)
            code = _code_for(font, glyph_id, text, glyph_width, missing=missing)
            code_hex = f"{code:02x}" if font.bitmap else f"{code:04x}"

            if rise:
                if string[-1] == "<":
                    string = string[:-1]
                else:
                    string += ">"
                if string:
                    stream.show_text(string)
                stream.set_text_rise(-rise)
                string = ""
                if offset:
                    string = f"{-offset}"
                string += f"<{code_hex}>"
                stream.show_text(string)
                stream.set_text_rise(0)
                string = "<"
            else:
                if offset:
                    string += f">{-offset}<"
                string += code_hex

            logical_width = font.widths[code]

            # Set kerning, word spacing, letter spacing.
            kerning = logical_width + offset - advance
            if kerning:
                string += f">{int(kerning)}<"

            # Emoji fonts (never Sarabun) keep WeasyPrint's handling, drawn by the caller.
            if font.svg or font.png or font.colr:
                emojis.extend(
                    _emoji(stream, textbox, font, pango_font, font_size, glyph_id, logical_width, x_advance, kerning)
                )

            x_advance += (logical_width + offset - kerning) / 1000

        # Close the last glyphs list, remove if empty.
        if string[-1] == "<":
            string = string[:-1]
        else:
            string += ">"

    # Draw text.
    stream.show_text(string)

    return emojis


def _emoji(
    stream: Any,
    textbox: Any,
    font: Any,
    pango_font: Any,
    font_size: float,
    glyph_id: int,
    logical_width: float,
    x_advance: float,
    kerning: float,
) -> list[Any]:
    """Emoji images for one glyph, as WeasyPrint 70 builds them."""
    from io import BytesIO
    from xml.etree import ElementTree

    from PIL import Image
    from weasyprint.images import RasterImage, SVGImage
    from weasyprint.text.fonts import get_hb_object_data

    if font.svg:
        svg_data = get_hb_object_data(font.hb_face, "svg", glyph_id)
        if svg_data:
            tree = ElementTree.fromstring(svg_data)  # noqa: S314  (a font's own SVG table, as upstream)
            if tree.get("id") != f"glyph{glyph_id}":
                defs = ElementTree.Element("defs")
                for child in list(tree):
                    defs.append(child)
                    tree.remove(child)
                tree.append(defs)
                ElementTree.SubElement(tree, "use", attrib={"href": f"#glyph{glyph_id}"})
            if "viewBox" not in tree.attrib:
                tree.attrib["viewBox"] = f"0 0 {font.upem} {font.upem}"
            return [[SVGImage(tree, None, None, None), font, 1, 1, x_advance, 0]]
    elif font.png:
        png_data = get_hb_object_data(font.hb_font, "png", glyph_id)
        if png_data:
            pillow_image = Image.open(BytesIO(png_data))
            image = RasterImage(pillow_image, f"{font.hash}{glyph_id}", png_data)
            d = logical_width / 1000
            a = pillow_image.width / pillow_image.height * d
            pango.pango_font_get_glyph_extents(pango_font, glyph_id, stream.ink_rect, stream.logical_rect)
            f = -stream.logical_rect.y * FROM_UNITS / font_size - font_size
            return [[image, font, a, d, x_advance, f]]
    elif font.colr:
        svg_data = get_hb_object_data(font.hb_font, "colr", glyph_id)
        if svg_data:
            tree = ElementTree.fromstring(svg_data)  # noqa: S314  (a font's own SVG table, as upstream)
            return [[SVGImage(tree, None, None, None), font, 1, 1, x_advance - kerning, -textbox.baseline]]
    return []


def _subset(original: Any) -> Any:
    def subset(self: Any, to_unicode: dict[int, str], hinting: bool) -> Any:
        # Our extra codes are not glyph ids: subset the font by the glyphs they point at.
        state: _FontCodes | None = getattr(self, "_prongsai_codes", None)
        if state is not None and state.code_gid:
            to_unicode = {state.code_gid.get(code, code): text for code, text in to_unicode.items()}
        return original(self, to_unicode, hinting)

    return subset


def _build_vector_font_dictionary(original: Any) -> Any:
    def build(
        font_dictionary: Any, pdf: Any, font: Any, widths: Any, compress: bool, reference: Any, pdf_version: Any
    ) -> Any:
        first_new = len(pdf.objects)
        result = original(font_dictionary, pdf, font, widths, compress, reference, pdf_version)
        state: _FontCodes | None = getattr(font, "_prongsai_codes", None)
        if state is None or not state.code_gid:
            return result
        # /CIDToGIDMap: 2 bytes per CID, the glyph each code (= CID with Identity-H) draws.
        last = max(state.code_gid)
        table = bytearray(2 * (last + 1))
        for cid in range(min(font.glyph_count, last + 1)):
            table[2 * cid : 2 * cid + 2] = cid.to_bytes(2, "big")
        for cid, gid in state.code_gid.items():
            table[2 * cid : 2 * cid + 2] = gid.to_bytes(2, "big")
        cid_to_gid = pydyf.Stream([bytes(table)], compress=compress)
        for obj in pdf.objects[first_new:]:
            if isinstance(obj, pydyf.Dictionary) and obj.get("CIDToGIDMap") == "/Identity":
                pdf.add_object(cid_to_gid)
                obj["CIDToGIDMap"] = cid_to_gid.reference
                break
        return result

    return build


def install() -> None:
    """Patch WeasyPrint (once per process) so that its PDF text layer reads back as the source text."""
    global _installed
    with _lock:
        if _installed:
            return
        if not weasyprint.__version__.startswith("70."):
            raise RuntimeError(
                f"prongsai.documents.textlayer supports WeasyPrint 70.x, not {weasyprint.__version__}; "
                "re-check draw_first_line and the font dictionary code (see docs/adr/0005-official-documents.md)"
            )
        wp_draw_text.draw_first_line = draw_first_line
        wp_fonts.Font.subset = _subset(wp_fonts.Font.subset)
        wp_fonts._build_vector_font_dictionary = _build_vector_font_dictionary(wp_fonts._build_vector_font_dictionary)
        _installed = True
