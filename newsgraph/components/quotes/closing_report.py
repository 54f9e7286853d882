"""A closing reporting clause the parser hung elsewhere: "X, Y said (on Friday)." with "said" as
a relative clause or a subjectless conjunct. Read as the report of the sentence before it
(``misplaced_final_report``), which ``content``, ``frames`` and ``senses`` all need."""

from __future__ import annotations

from spacy.tokens import Token

# the words a closing reporting clause's subject may have ("the military's media wing",
# "regional governor Vyacheslav Gladkov", "Defence Minister Sergei Shoigu")
_SUBJECT_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "PRON", "NUM", "PART"})
# what may follow a closing reporting verb: its time and place ("said on Friday")
_CLOSING_DEPS = frozenset({"prep", "pobj", "npadvmod", "advmod", "det", "compound", "amod"})
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
    Gives the index of the comma before the subject and the subject's head."""
    if token.dep_ not in ("relcl", "conj") or token.pos_ != "VERB":
        return None
    told = _addressee_object(token)
    if any(
        c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "oprd", "csubj") and c.i not in told
        for c in token.children
    ):
        return None
    sent = token.sent
    if not all(
        t.is_punct or t.is_space or t.dep_ in _CLOSING_DEPS or t.i in told
        for t in token.doc[token.i + 1 : sent.end]
    ):
        return None
    comma = next(
        (
            i
            for i in range(token.i - 1, max(sent.start, token.i - 13) - 1, -1)
            if token.doc[i].text == ","
        ),
        None,
    )
    if comma is None or comma <= sent.start:
        return None
    words = token.doc[comma + 1 : token.i]
    if not words or not all(t.pos_ in _SUBJECT_POS or t.tag_ == "HYPH" for t in words):
        return None
    if any(t.tag_ in ("WDT", "WP", "WP$") or t.lower_ == "that" for t in words):
        return None  # a true relative clause ("..., which the army said")
    if not any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in words):
        return None
    head = next((t for t in words if not (comma < t.head.i < token.i) or t.head == t), words[-1])
    return comma, head


def _addressee_object(token: Token) -> set[int]:
    """The tokens of whom a closing "told" names ("..., he told reporters Wednesday."), where
    its verb is one whose object is its addressee."""
    if token.lemma_.lower() not in _ADDRESSEE_OBJECT_VERBS:
        return set()
    obj = next((c for c in token.children if c.dep_ == "dobj"), None)
    return {t.i for t in obj.subtree} if obj is not None else set()
