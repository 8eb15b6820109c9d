"""NL105 repeated-sentence."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterator

from newslint.article import Article, normalize_text
from newslint.checks._common import repeat_free_indices, where
from newslint.rule import Problem, Rule, shorten
from newslint.violation import Edit, Fix


_ASCII = "ascii"


def _aligned(text: str, norm: str) -> bool | str:
    """Whether ``norm`` (``normalize_text(text)``) maps ``text`` character by character, so that
    the normalised text of a sentence of ``text`` is the same slice of ``norm`` (``_ASCII`` when
    ``text`` is ASCII).

    Normalising is NFKC, then white space collapsed, then case folded. When NFKC leaves the text
    as it is and case folding keeps its length, folding maps each character to one character
    (of the same kind, white space or not: tests/test_tokens.py checks every code point) and
    commutes with collapsing; when the normalised text is then as long as the text, collapsing
    removed nothing: no white space at the ends, no run of two, each white space character became
    one space. A sentence span is stripped, and so normalises to its own slice of ``norm``
    (provided NFKC leaves the sentence as it is too, which the caller checks for non-ASCII text).

    Folding need not be tried when collapsing has nothing to do (printable text, which holds no
    white space but the space, without a run of two or a space at either end): ``norm`` is then
    the folded text itself, whose length was just compared.
    """
    if len(norm) != len(text):
        return False
    if text.isascii():
        return _ASCII
    if not unicodedata.is_normalized("NFKC", text):
        return False
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return True
    return len(text.casefold()) == len(text)


class RepeatedSentence(Rule):
    """A sentence that occurs twice in the body, outside a repeated paragraph.

    Extraction that stitches a pull quote, a teaser or an image caption back into the text leaves a
    sentence of the article a second time, inside a paragraph that is otherwise new. Sentences of
    at least ``min-words`` words are compared after collapsing white space and case. Paragraphs
    that repeat an earlier paragraph, the headline or the summary line are left to NL101-NL104: when
    the repeated sentences make up half or more of a paragraph copied from one earlier paragraph,
    the paragraph is the repeat, not the sentence, and this rule stays silent.

    Fails::

        Storm Closes Coastal Road
        By Ivo Petrov

        The coastal road between the two villages was closed on Sunday after waves washed gravel across it.
        Residents were told to use the inland route until engineers have inspected the sea wall.
        Engineers from the regional roads agency will inspect the sea wall on Monday, and the inland route is expected to stay busy all week while they work. The coastal road between the two villages was closed on Sunday after waves washed gravel across it.

    Passes::

        Storm Closes Coastal Road
        By Ivo Petrov

        The coastal road between the two villages was closed on Sunday after waves washed gravel across it.
        Residents were told to use the inland route until engineers have inspected the sea wall.
        The inland route is expected to stay busy all week.

    Fix: deletes the later occurrence of the sentence from its paragraph. Unsafe: a writer may
    repeat a line on purpose (a refrain, a quoted slogan); read the paragraph first.
    """

    code = "NL105"
    name = "repeated-sentence"
    severity = "warning"
    fixable = True
    options = {"min-words": 8}

    def check(self, article: Article) -> Iterator[Problem]:
        min_words = self.opts["min-words"]
        keep = set(repeat_free_indices(article))
        first: dict[str, tuple[int, int]] = {}
        # paragraph -> [(start, end, earlier paragraph)]
        repeats: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
        paragraphs = article.paragraphs
        normalized = article.normalized
        aligned: dict[int, bool] = {}
        for para, start, end in article.sentence_spans:
            if para not in keep:
                continue
            text = paragraphs[para].text
            if text.count(" ", start, end) + 1 < min_words:
                continue
            fits = aligned.get(para)
            if fits is None:
                fits = aligned[para] = _aligned(text, normalized[para])
            if fits and (fits is _ASCII or unicodedata.is_normalized("NFKC", text[start:end])):
                key = normalized[para][start:end]  # normalize_text of the sentence: see _aligned
            else:
                key = normalize_text(text[start:end])
            if key in first:
                repeats[para].append((start, end, first[key][0]))
            else:
                first[key] = (para, start)
        for para in sorted(repeats):
            found = repeats[para]
            p = article.paragraphs[para]
            sources = {src for _, _, src in found}
            covered = sum(e - s for s, e, _ in found)
            if len(sources) == 1 and para not in sources and covered * 2 >= len(p.text):
                continue  # the paragraph is a (near) copy of another one: NL101/NL104's business
            for start, end, src in found:
                stop = end
                while stop < len(p.text) and p.text[stop] == " ":
                    stop += 1
                here, there = where(article, para), where(article, src)
                where_first = "earlier in the same paragraph" if src == para else f"in {there}"
                fix = Fix(
                    f"delete the repeated sentence from {here}",
                    (Edit("replace", paragraph=para, start=start, end=stop, text=""),),
                    "unsafe",
                )
                yield self.at_paragraph(
                    article,
                    para,
                    f"repeated sentence: \"{shorten(p.text[start:end], 50)}\" already occurs {where_first}",
                    suggestion=f"delete the sentence from {here}",
                    fix=fix,
                    col=start + 1 if article.format in ("txt", "md") and p.line == p.end_line else 1,
                    excerpt=shorten(p.text[start:end]),
                )


RULES = [RepeatedSentence]
