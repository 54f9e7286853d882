"""Bytes → text: byte-order marks, UTF-8, then a cp1252 / latin-1 fallback; binary is refused.

Everything here works on whole ``bytes`` with C-level operations (``count``, ``translate``,
regular expressions, codecs), never a Python loop per byte.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

# (magic prefix, what it is); checked before anything is decoded.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a zip archive (or docx/epub/odt)"),
    (b"PK\x05\x06", "an empty zip archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh91AY&SY", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE document (doc/xls)"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

# Byte-order marks, longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# C0 controls other than tab, newline, vertical tab, form feed, carriage return and escape.
CONTROL_BYTES = bytes([*range(0, 9), *range(14, 27), *range(28, 32), 127])
CONTROL_RATIO = 0.05  # more than this share of control bytes: not text
SNIFF_BYTES = 64 * 1024

# A well-formed UTF-8 multi-byte sequence; in cp1252 text such pairs are rare.
UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]"
    rb"|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
HIGH_BYTES = bytes(range(0x80, 0x100))


class DecodeError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class Decoded:
    """A decoded input: its text, the bytes it came from, and how they were read."""

    text: str
    data: bytes
    encoding: str  # a codec without BOM handling, so text pieces re-encode to their bytes
    bom: bytes = b""
    note: str | None = None  # set when a fallback encoding was guessed

    def raw_of(self, start: int, end: int) -> bytes:
        """The input bytes of ``text[start:end]`` (the BOM goes with the first piece)."""
        if start == 0 and end == len(self.text):
            return self.data
        piece = self.text[start:end].encode(self.encoding, "surrogatepass")
        return self.bom + piece if start == 0 else piece


def decode_bytes(data: bytes) -> Decoded:
    """Decode an input, or raise :class:`DecodeError` (code ``empty``, ``binary``, ``encoding``)."""
    if not data:
        raise DecodeError("empty", "the input is empty (0 bytes)")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _decode_strict(data, encoding, bom)
    check_binary(data)
    bomless = sniff_utf16(data)
    if bomless:
        return _decode_strict(data, bomless, b"")
    if b"\x00" in data:
        raise DecodeError("binary", f"the input contains NUL bytes (first at byte {data.index(0)})")
    try:
        return Decoded(data.decode("utf-8"), data, "utf-8")
    except UnicodeDecodeError as exc:
        if looks_like_broken_utf8(data):
            raise DecodeError(
                "encoding", f"invalid UTF-8 at byte {exc.start} in an otherwise UTF-8 input"
            ) from None
    return _decode_legacy(data)


def check_binary(data: bytes) -> None:
    for magic, what in MAGIC:
        if data.startswith(magic):
            raise DecodeError("binary", f"the input is {what}, not text")
    head = data[:SNIFF_BYTES]
    if sniff_utf16(head):
        return
    controls = len(head) - len(head.translate(None, CONTROL_BYTES))
    if controls > CONTROL_RATIO * len(head):
        raise DecodeError(
            "binary", f"{controls} of the first {len(head)} bytes are control bytes: not text"
        )


def sniff_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: mostly-ASCII text has a NUL in every other byte."""
    head = data[:SNIFF_BYTES]
    if len(head) < 4 or len(head) % 2:
        return None
    even_nuls, odd_nuls = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    if odd_nuls > 0.9 * half and even_nuls < 0.1 * half:
        return "utf-16-le"
    if even_nuls > 0.9 * half and odd_nuls < 0.1 * half:
        return "utf-16-be"
    return None


def looks_like_broken_utf8(data: bytes) -> bool:
    """More well-formed UTF-8 sequences than stray high bytes: UTF-8 with damage, not cp1252."""
    high = len(data) - len(data.translate(None, HIGH_BYTES))
    in_sequences = sum(len(m) for m in UTF8_MULTIBYTE.findall(data))
    return in_sequences > 0 and in_sequences >= high - in_sequences


def _decode_strict(data: bytes, encoding: str, bom: bytes) -> Decoded:
    try:
        text = data[len(bom) :].decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeError(
            "encoding", f"invalid {encoding} at byte {exc.start + len(bom)}: {exc.reason}"
        ) from None
    if "\x00" in text:
        raise DecodeError("binary", f"the {encoding} text contains NUL characters")
    return Decoded(text, data, encoding, bom)


def _decode_legacy(data: bytes) -> Decoded:
    # cp1252 first: it is what "latin-1" web text usually is (smart quotes in 0x80-0x9f);
    # latin-1 takes the five bytes cp1252 leaves undefined.
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        note = f"not valid UTF-8; decoded as {encoding}"
        return Decoded(text, data, encoding, note=note)
    raise DecodeError("encoding", "the input could not be decoded")  # latin-1 never fails
