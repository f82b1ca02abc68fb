"""Rebuild the website's self-hosted Sarabun web fonts from the fontpkg-sarabun wheel.

Run: .venv/bin/python scripts/build_fonts.py  (needs fonttools and brotli, both in the dev venv).
Writes WOFF2 files subset to Thai, Latin and common punctuation into prongsai/static/prongsai/fonts/,
and copies the font's OFL licence beside them. The output is committed; nothing runs this at start-up.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import fontpkg_sarabun
from fontTools import subset

OUT = Path(__file__).resolve().parent.parent / "prongsai" / "static" / "prongsai" / "fonts"
WEIGHTS = {"Regular": "regular", "SemiBold": "semibold", "Bold": "bold"}
# Basic Latin, Latin-1, Latin Extended-A, general punctuation, currency signs, Thai, dotted circle, replacement.
UNICODES = "U+0000-017F,U+0E00-0E7F,U+2000-206F,U+20A0-20CF,U+2122,U+25CC,U+FFFD"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    source = Path(fontpkg_sarabun.ROOT)
    for style, name in WEIGHTS.items():
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["*"]  # Thai needs its mark positioning and ligature features
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.notdef_outline = True
        options.drop_tables = ["DSIG"]
        font = subset.load_font(str(source / "files" / f"Sarabun-{style}.ttf"), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=subset.parse_unicodes(UNICODES))
        subsetter.subset(font)
        target = OUT / f"sarabun-{name}.woff2"
        subset.save_font(font, str(target), options)
        print(f"{target.relative_to(OUT.parent.parent.parent.parent)}: {target.stat().st_size} bytes")
    shutil.copyfile(source / "LICENSE", OUT / "OFL.txt")


if __name__ == "__main__":
    main()
