"""A closing reporting clause the parser hung elsewhere: "X, Y said (on Friday)." with "said" as
a relative clause or a subjectless conjunct. Read as the report of the sentence before it
(``misplaced_final_report``), which ``content``, ``frames`` and ``senses`` all need."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

# the words a closing reporting clause's subject may have ("the military's media wing",
# "regional governor Vyacheslav Gladkov", "Defence Minister Sergei Shoigu")
_SUBJECT_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "PRON", "NUM", "PART"})
# punctuation inside such a subject: a hyphen, a bracketed name ("the NPA-Negros Island
# (Apolinario Gatmaitan Command)")
_SUBJECT_PUNCT = frozenset({"HYPH", "-LRB-", "-RRB-"})
# what may follow a closing reporting verb: its time and place ("said on Friday")
_CLOSING_DEPS = frozenset(
    {"prep", "pobj", "npadvmod", "advmod", "det", "compound", "amod", "poss", "nummod"}
)
# closing reporting verbs whose object is whom they told ("..., he told reporters."): the object
# follows the verb in the closing clause, it is not what was said
_ADDRESSEE_OBJECT_VERBS = frozenset({"tell", "inform", "brief", "assure"})


def misplaced_final_report(token: Token) -> tuple[int, Token] | None:
    """ "X, Y said (on Friday)." that the parser did not make the sentence's reporting clause:
    the verb hung as a relative clause on the noun before it ("..., wounding four civilians,
    governor Gladkov said") or as a subjectless conjunct whose subject became an apposition
    ("..., the military's media wing said"). A sentence-final ", NOUN PHRASE said" with no
    complement of its own is a parenthetical report of the sentence before it (PolNeAR,
    ConfliBERT, GVDB and WikiEvents fit: of 248 sentences ending so, 195 are parsed with the
    clause before as the report's content; the three hung elsewhere are reports of it too).
    A closing "..., Y told Z." keeps its addressee Z after the verb (PolNeAR fit and train: the
    2 such sentences hung so, "..., he told reporters.", "..., Defense Secretary Ash Carter told
    a Senate panel Wednesday.", report the clause before; a "told Z" with a clause of its own,
    "and told him his son had been shot", is refused as before).
    Session 26 (provP): a complement or subject the parser hung on the verb *before* the comma
    is the sentence before too ("A died, and B was found, the ministry said" with "found" the
    complement of "said"; "... when a device detonated ..., the military announced" with
    "device" its subject), and the subject may hold "of", a bracketed name, or a name in
    apposition (", the information minister, Adam Musa, told reporters"); the clause after
    the verb may hold a possessive ("in its weekly report"); a finite verb hung as an adverbial
    clause (", a security source told INA.") reads the same. PolNeAR train and fit: 3
    sentences more read so, gold's content the sentence before in all 3 (2 exact, 1 without
    its fronted "Despite ..." phrase); RAMS, WikiEvents, MUC-4, GVDB, ConfliBERT fit: 3 more,
    each "A, but B, X said", a report of the whole sentence by reading.
    Gives the index of the comma before the subject and the subject's head."""
    if token.dep_ not in ("relcl", "conj", "advcl") or token.pos_ != "VERB":
        return None
    if token.dep_ == "advcl" and token.tag_ not in ("VBD", "VBZ", "VBP"):
        return None  # a participle ("..., his worst showing in two years") is no report
    told = _addressee_object(token)
    sent = token.sent
    if not all(
        t.is_punct or t.is_space or t.dep_ in _CLOSING_DEPS or t.i in told
        for t in token.doc[token.i + 1 : sent.end]
    ):
        return None
    comma = _subject_comma(token, sent.start)
    if comma is None:
        return None
    # a complement after the comma is the verb's own ("and told him his son had been shot"); one
    # before it is the sentence before, which the parser hung on the verb ("A died, and B was
    # found, the ministry said" with "found" as the complement of "said")
    if any(
        c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "oprd", "csubj")
        and c.i not in told
        and c.i > comma
        for c in token.children
    ):
        return None
    words = [t for t in token.doc[comma + 1 : token.i] if t.text != ","]
    if any(t.tag_ in ("WDT", "WP", "WP$") or t.lower_ == "that" for t in words):
        return None  # a true relative clause ("..., which the army said")
    if not any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in words):
        return None
    head = next((t for t in words if not (comma < t.head.i < token.i) or t.head == t), words[-1])
    return comma, head


def _subject_comma(token: Token, start: int) -> int | None:
    """The comma before a closing reporting clause's subject: ", Y said", or with a name in
    apposition ", the information minister, Michael Makuei, told reporters" (the comma before
    the title). None where the words between are not a subject's."""
    doc = token.doc
    if doc[token.i - 1].text != ",":
        comma = _comma_before(doc, token.i, max(start, token.i - 13), start)
        return comma if comma is not None and _subject_words(doc[comma + 1 : token.i]) else None
    inner = _comma_before(doc, token.i - 1, max(start, token.i - 8), start)
    if inner is None or not _subject_words(doc[inner + 1 : token.i - 1]):
        return None
    outer = _comma_before(doc, inner, max(start, inner - 10), start)
    return outer if outer is not None and _subject_words(doc[outer + 1 : inner]) else None


def _comma_before(doc: Doc, end: int, low: int, start: int) -> int | None:
    """The last comma before ``end`` at ``low`` or after, if it is not the sentence's first
    token (``start``)."""
    comma = next((i for i in range(end - 1, low - 1, -1) if doc[i].text == ","), None)
    return comma if comma is not None and comma > start else None


def _subject_words(words: Span) -> bool:
    """Words a closing clause's subject may have: a noun phrase, with "of" inside ("the
    Ministry of Health") and a bracketed name ("the Kalo Teachers Union (KTU)")."""
    return (
        len(words) > 0
        and words[0].lower_ != "of"
        and words[-1].lower_ != "of"
        and all(
            t.pos_ in _SUBJECT_POS or t.tag_ in _SUBJECT_PUNCT or t.lower_ == "of" for t in words
        )
    )


def _addressee_object(token: Token) -> set[int]:
    """The tokens of whom a closing "told" names ("..., he told reporters Wednesday."), where
    its verb is one whose object is its addressee."""
    if token.lemma_.lower() not in _ADDRESSEE_OBJECT_VERBS:
        return set()
    obj = next((c for c in token.children if c.dep_ == "dobj"), None)
    return {t.i for t in obj.subtree} if obj is not None else set()
