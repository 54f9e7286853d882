"""Write the bad-input corpus of tests/test_read.py: one small file per case.

Run ``python tests/data/bad/make_bad.py`` to (re)create the files next to this script; the test
suite checks the files on disk still equal what this script makes. The huge cases (a 50 MB
article, a 5 MB line) are made by the tests at run time instead of being stored.
"""

from __future__ import annotations

import io
import random
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).parent

SEED_BODY = "Officials said on Monday that the border crossing would stay closed for a week.\n"


def seed(header: str, body: str = SEED_BODY, byline: str = "By Test Wire") -> bytes:
    return f"{header}\n{byline}\n{body}".encode()


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        # a fixed timestamp keeps the bytes identical between runs
        entry = zipfile.ZipInfo("article.txt", date_time=(2024, 7, 29, 0, 0, 0))
        archive.writestr(entry, "A zipped article is not an article.")
    return buffer.getvalue()


def cases() -> dict[str, bytes]:
    rng = random.Random(20240729)
    deep = "<html><body>" + "<div>" * 5000 + "<p>Buried text.</p>" + "</div>" * 5000
    return {
        "empty.txt": b"",
        "whitespace.txt": b"  \n\t\r\n   \n",
        "header.pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        "image.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08",
        "photo.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00",
        "archive.zip": zip_bytes(),
        "random.bin": rng.randbytes(4096),
        "latin1.txt": "The café near the théâtre was closed on Monday, the mayor said.\n".encode(
            "latin-1"
        ),
        "cp1252_quotes.txt": CP1252_QUOTES.encode("cp1252"),
        "utf16_bom.txt": "The ministry said on Tuesday that talks would resume.\n".encode("utf-16"),
        "utf16le_nobom.txt": "Officials said the road was reopened.\n".encode("utf-16-le"),
        "broken_utf8.txt": "Café owners said — again — ".encode() + b"\xff\xfe it was closed.\n",
        "nul_bytes.txt": b"The statement was issued on Monday\x00 by the ministry of defence.\n",
        "impossible_date.txt": seed("date 2024-13-45 Talks Resume in Cairo"),
        "missing_date.txt": seed("date Talks Resume in Cairo"),
        "missing_byline.txt": seed("date 2024-07-29 Talks Resume in Cairo", byline=""),
        "empty_body.txt": seed("date 2024-07-29 Talks Resume in Cairo", body=""),
        "future_date.txt": seed("date 2099-01-01 Talks Resume in Cairo"),
        "deep_nesting.html": deep.encode(),
        "hostile.html": HOSTILE_HTML.encode(),
        "no_text.html": b"<html><head><title>Empty</title><script>var LEAK = 1;</script></head>"
        b"<body><nav><a href='/'>Home</a></nav></body></html>",
        "broken_feed.rss": b'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Cut',
        "odd_export.json": ODD_TELEGRAM.encode(),
        "not_telegram.json": b'{"name": "Some Channel", "chats": []}\n',
        "broken_lines.jsonl": BROKEN_JSONL.encode(),
        "french.txt": FRENCH.encode(),
        "arabic.txt": ARABIC.encode(),
    }


CP1252_QUOTES = "\u201cWe will respond,\u201d the minister said \u2013 and left.\n"

HOSTILE_HTML = """<!DOCTYPE html>
<html><head><title>Curfew lifted in the old town</title>
<style>p { display: none } /* STYLE-LEAK */</style>
<script type="text/javascript">window.LEAK = "SCRIPT-LEAK";</script>
<script>document.write('<p>WRITE-LEAK</p>')</script>
</head>
<body onload="alert('ONLOAD-LEAK')">
<noscript>Enable JavaScript NOSCRIPT-LEAK</noscript>
<article>
<h1>Curfew lifted in the old town</h1>
<p>The authorities lifted the night curfew in the old town on Thursday after a week of calm, the
governor's office said in a statement.</p>
<!-- COMMENT-LEAK -->
<p>Shops reopened in the evening<script>alert("INLINE-LEAK")</script> and traffic returned to the
main square, witnesses said.<style>.x{color:red} STYLE-LEAK-2</style></p>
<p><img src="x" onerror="alert('ONERROR-LEAK')">Police said patrols would continue for another
week.</p>
<iframe srcdoc="<p>IFRAME-LEAK</p>"></iframe>
</article>
<script>
// an unclosed-looking string: "</p><p>FAKE-LEAK
</script>
</body></html>
"""

ODD_TELEGRAM = """{
 "name": "Odd Channel",
 "type": "public_channel",
 "id": 42,
 "export_tool_version": "99.0",
 "unexpected_top_level": {"nested": [1, 2, 3]},
 "messages": [
  "not a message object",
  {"id": 1, "type": "message", "date": "2024-07-29T08:00:00", "text": 12345},
  {"id": 2, "type": "message", "date": "2024-07-29T09:00:00",
   "reactions": [{"type": "emoji", "count": 3, "emoji": "+"}],
   "new_field": {"anything": true},
   "text": ["Convoy reached the city on Monday, ", {"type": "italic", "text": "aid workers"},
            {"type": "custom_emoji", "document_id": "x"}, 7, " said."]},
  {"id": 3, "type": "message", "date": "not a date", "text": "Message with a broken date."}
 ]
}
"""

BROKEN_JSONL = "\n".join(
    [
        '{"id": "ok-1", "text": "The first record is fine and says the port reopened."}',
        '{"id": "broken", "text": "this line stops in the middle',
        "[1, 2, 3]",
        '{"id": "no-text", "title": "A record without text"}',
        '{"id": "ok-2", "text": "The last record is fine too: talks resumed on Friday."}',
    ]
)

FRENCH = (
    "Le gouvernement a annoncé lundi la réouverture du poste-frontière, fermé depuis une "
    "semaine. Les habitants de la région attendaient cette décision depuis plusieurs jours, "
    "selon les autorités locales.\n"
)

ARABIC = (
    "أعلنت الحكومة يوم الاثنين إعادة فتح المعبر الحدودي المغلق منذ أسبوع، "
    "وقال مسؤولون محليون إن السكان كانوا ينتظرون هذا القرار منذ أيام.\n"
)


def main() -> int:
    for name, data in cases().items():
        (HERE / name).write_bytes(data)
    print(f"wrote {len(cases())} files to {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
