#!/usr/bin/env python3
"""Builds the subset fonts Dateline bundles (assets/fonts/), so every script renders on a
machine with no fonts of its own: Latin with its diacritics, Greek and Cyrillic (Noto Sans),
Arabic (Noto Sans Arabic), Hebrew (Noto Sans Hebrew), Devanagari (Noto Sans Devanagari) and
Chinese, Japanese and Korean (Noto Sans CJK SC, cut to the characters of the national
standard sets: GB 2312, JIS X 0208, KS X 1001 and Big5's frequent level, every Hangul
syllable those sets hold, kana and CJK punctuation).

All are Noto fonts under the SIL Open Font License 1.1 (assets/fonts/OFL.txt); a subset of an
OFL font is a Modified Version and keeps the license. The sources are Debian's packages:

    apt-get download fonts-noto-core fonts-noto-cjk
    for d in *.deb; do dpkg-deb -x "$d" x; done
    pip install fonttools
    python3 scripts/build_fonts.py x/usr/share/fonts assets/fonts

Layout tables (GSUB, GPOS) are kept: Arabic joins and Devanagari conjuncts are made by the
shaper from them.
"""

import os
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont


def ranges(*spans):
    out = set()
    for lo, hi in spans:
        out.update(range(lo, hi + 1))
    return out


def codec_chars(codec, first=None, last=None):
    """Every character a two-byte legacy encoding can write (between two lead bytes)."""
    out = set()
    for hi in range(0x81, 0xFF):
        for lo in range(0x40, 0xFF):
            code = (hi << 8) | lo
            if (first is not None and code < first) or (last is not None and code > last):
                continue
            try:
                text = bytes([hi, lo]).decode(codec)
            except UnicodeDecodeError:
                continue
            if len(text) == 1:
                out.add(ord(text))
    return out


def cjk_characters():
    chars = set()
    for codec in ("gb2312", "shift_jis", "euc_kr"):
        chars |= codec_chars(codec)
    # Big5 level 1: the 5,401 frequent characters (A440-C67E).
    chars |= codec_chars("big5", 0xA440, 0xC67E)
    chars |= ranges(
        (0x3000, 0x303F),  # CJK punctuation
        (0x3040, 0x30FF),  # hiragana, katakana
        (0x31F0, 0x31FF),  # katakana extensions
        (0x3130, 0x318F),  # Hangul compatibility jamo
        (0xFF00, 0xFFEF),  # full- and half-width forms
        (0x2010, 0x2027),  # dashes, quotes, ellipsis as CJK fonts draw them
    )
    return chars


SETS = {
    # output name: (source file, font number in a collection or None, code points)
    "NotoSans-Subset.ttf": (
        "truetype/noto/NotoSans-Regular.ttf",
        None,
        ranges(
            (0x0020, 0x024F),  # Latin, Latin-1, Latin Extended-A and -B
            (0x0250, 0x02FF),  # IPA, spacing modifiers
            (0x0300, 0x036F),  # combining diacritics
            (0x0370, 0x03FF),  # Greek
            (0x0400, 0x052F),  # Cyrillic and its supplement
            (0x1E00, 0x1FFF),  # Latin Extended Additional (Vietnamese), Greek Extended
            (0x2000, 0x206F),  # general punctuation
            (0x20A0, 0x20CF),  # currency
            (0x2100, 0x214F),  # letterlike symbols
        ),
    ),
    "NotoSansArabic-Subset.ttf": (
        "truetype/noto/NotoSansArabic-Regular.ttf",
        None,
        ranges((0x0600, 0x06FF), (0x0750, 0x077F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
    ),
    "NotoSansHebrew-Subset.ttf": (
        "truetype/noto/NotoSansHebrew-Regular.ttf",
        None,
        ranges((0x0590, 0x05FF), (0xFB1D, 0xFB4F)),
    ),
    "NotoSansDevanagari-Subset.ttf": (
        "truetype/noto/NotoSansDevanagari-Regular.ttf",
        None,
        ranges((0x0900, 0x097F), (0xA8E0, 0xA8FF), (0x200C, 0x200D), (0x25CC, 0x25CC)),
    ),
    "NotoSansCJK-Subset.otf": ("opentype/noto/NotoSansCJK-Regular.ttc", 2, cjk_characters()),
}


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: build_fonts.py FONTS_DIR OUT_DIR")
    source_dir, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    for name, (source, number, codepoints) in SETS.items():
        path = os.path.join(source_dir, source)
        font = TTCollection(path).fonts[number] if number is not None else TTFont(path)
        options = subset.Options()
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.notdef_outline = True
        options.hinting = False
        options.desubroutinize = False
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(codepoints))
        subsetter.subset(font)
        out = os.path.join(out_dir, name)
        font.save(out)
        print(f"{name}: {len(font.getBestCmap())} characters, {os.path.getsize(out):,} bytes")


if __name__ == "__main__":
    main()
