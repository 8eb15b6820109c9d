"""NL330 headline-list: a run of headlines, the text of a section or listing page."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.article import Article
from newslint.checks._common import where
from newslint.rule import Problem, Rule
from newslint.violation import Edit, Fix

#: a headline does not end like a sentence or a clause
_SENTENCE_END = tuple(".!,;:…")


def is_headline(text: str, min_words: int = 3, max_words: int = 16) -> bool:
    """A line shaped like a headline or a link label: a few words, starting with a capital or a
    figure, with no sentence punctuation at its end and no sentence break inside."""
    text = text.strip()
    if text.endswith(_SENTENCE_END):  # first: most paragraphs of prose end so
        return False
    # a split that stops after max_words pieces says whether there are more (long paragraphs)
    if not min_words <= len(text.split(None, max_words)) <= max_words:
        return False
    head = text.lstrip("\"'“‘„«»(")[:1]
    if not head or not head.isupper():
        return False
    # "First sentence. Second sentence" is prose, not a headline
    return ". " not in text[:-1] and "! " not in text[:-1]


def _headlines(lines: list[str]) -> bool:
    """Whether a run of headline-shaped lines reads as headlines rather than a list of labelled
    values ("Prep time: 15 minutes", "Photos: Jane Doe") or of credits in capitals ("DIRECTOR Jane
    Doe"): headlines seldom hold a colon, and most have a word in lower case ("to", "of", "in")."""
    colons = sum(1 for t in lines if ":" in t)
    lower = sum(1 for t in lines if any(w[:1].islower() for w in t.split()[1:]))
    return colons * 2 < len(lines) and lower * 2 >= len(lines)


#: a teaser ends like a sentence: a full stop, a question or exclamation mark or an ellipsis,
#: perhaps inside closing quotes or a bracket
_TEASER_END = re.compile(r"[.!?…。？！][\"'”’»)]*$")
#: the words that say what a story is about: four letters or more, any script with spaces
_TOPIC_WORD = re.compile(r"[^\W\d_]{4,}")


def _teaser_pairs(texts: list[str], end: int) -> list[int]:
    """The first paragraph of each (heading, teaser) pair running back from ``end`` (exclusive):
    a headline-shaped line of one to 14 words (not a credit: no slash) followed by one paragraph of six to 60 words that
    ends like a sentence and is not itself shaped like a headline. Earliest pair first."""
    starts: list[int] = []
    k = end
    while k >= 2:
        heading, teaser = texts[k - 2], texts[k - 1]
        if not (_TEASER_END.search(teaser) and "/" not in heading and is_headline(heading, 1, 14)
                and 6 <= len(teaser.split(None, 60)) <= 60 and not is_headline(teaser)):
            break
        starts.append(k - 2)
        k -= 2
    return starts[::-1]


#: a question: a question mark of any script at the end (Spanish opens with ¿ and closes with ?;
#: a Greek question typed with a semicolon is no heading, is_headline refuses it, the Greek question
#: mark U+037E is one), perhaps inside closing quotes or a bracket
_QUESTION_END = re.compile(r"[?？؟\u037e][\"'”’»)]*$")
#: the interviewer's turn: "Q:", "F:" (Frage), "P:" (pregunta, pergunta); "Q. Why ...?" holds a
#: full stop and a space, so is_headline refuses it already
_INTERVIEW_MARK = re.compile(r"[QFP]:\s")


def _is_question(heading: str) -> bool:
    """Whether a heading is a question or an interviewer's turn, not another story's headline."""
    return bool(_QUESTION_END.search(heading) or _INTERVIEW_MARK.match(heading))


def _topic_words(text: str) -> list[str]:
    return [w.casefold() for w in _TOPIC_WORD.findall(text)]


def _off_topic(words: list[str], context: set[str], limit: float) -> bool:
    """Whether fewer than ``limit`` of the topic ``words`` of a text occur in its ``context``."""
    return bool(words) and sum(w in context for w in words) < limit * len(words)


class HeadlineList(Rule):
    """A run of headlines: the body is a section front or a list of links, not an article.

    When the extractor lands on a section page, a tag page or the "more stories" rail instead of
    the story, the body is a list of other articles' headlines: line after line of a few words,
    capitalised, with no sentence punctuation. The rule flags ``min-run`` or more consecutive
    paragraphs shaped like headlines (3 to 16 words, starting with a capital letter, not ending
    like a sentence), all different; in most of them a word after the first is in lower case and
    there is no colon, which tells headlines from a list of labelled values ("Prep time: 15
    minutes", "Photos: ...") or of credits in capitals. Menus of one to three words are NL323's; a list of
    short headings inside an article rarely runs to eight lines without a sentence between them.

    The rule also sees the rail of teasers that closes many pages ("More from the region",
    "Related stories") when the extractor keeps it: ``min-teasers`` or more pairs of a heading
    (a headline-shaped line, one word or more) and a one- or two-sentence teaser (6 to 60 words)
    that end the body, or end it but for one or two last lines, in which most pairs are about
    something else: fewer than 40% of their words of four letters or more occur in the title,
    the body before the rail or the other pairs. An explainer whose sections are a heading and
    one paragraph each keeps talking about its subject, and passes; so does a gallery of photo
    credits and captions (a credit holds a slash: NL304's). So does an interview or an FAQ: when
    at least half of the headings are questions (ending in a question mark of any script: "?",
    "？", "؟", the Greek question mark) or carry an interviewer's marker ("Q:", "F:", "P:"), the pairs are
    the article's own questions and answers, however far the answers range.

    Fails::

        {"title": "Council Approves New Cycle Lanes", "text": "Council Approves New Cycle Lanes in the City Centre\\n\\nBus Fares to Rise in January After Fuel Costs Climb\\n\\nPolice Name Driver Who Died in Motorway Crash\\n\\nSchools Get Extra Funding for Heating Repairs\\n\\nLocal Team Wins Cup Final on Penalties\\n\\nNew Library Opens Its Doors After Two Years\\n\\nFlood Warnings Issued for Three Rivers\\n\\nHospital Waiting Times Fall for Second Month"}

    Passes::

        Council Approves New Cycle Lanes
        (blank line)
        The council voted 9 to 4 for the plan on Tuesday, after a debate that lasted most of the afternoon.
        What happens next
        Work on the first lane starts in May, the transport office said.

    Fix: deletes the paragraphs of the run. Unsafe: when the whole body is the list, the article
    has to be scraped again.
    """

    code = "NL330"
    name = "headline-list"
    severity = "warning"
    fixable = True
    options = {"min-run": 8, "min-teasers": 3}

    def check(self, article: Article) -> Iterator[Problem]:
        min_run = self.opts["min-run"]
        paragraphs = article.paragraphs
        run: list[int] = []
        for p in [*paragraphs, None]:
            if p is not None and is_headline(p.text):
                run.append(p.index)
                continue
            if len(run) >= min_run and len({article.normalized[i] for i in run}) == len(run) and _headlines(
                    [paragraphs[i].text for i in run]):
                first, last = run[0], run[-1]
                span = f"{where(article, first)} to {where(article, last)}"
                share = len(run) / len(paragraphs)
                whole = " (the whole body)" if share == 1 else f" ({share:.0%} of the body)" if share >= 0.5 else ""
                problem = self.at_paragraph(
                    article, first,
                    f"a list of {len(run)} headlines in the body{whole}: '{paragraphs[first].text[:60]}', ...",
                    suggestion="the page is a section or listing page, or a rail of links to other stories",
                    fix=Fix(f"delete the {len(run)} headline paragraphs, {span}",
                            tuple(Edit("delete_paragraph", paragraph=i) for i in run), "unsafe"),
                )
                problem.end_line = paragraphs[last].end_line
                yield problem
            run = []
        yield from self._teaser_rail(article)

    def _teaser_rail(self, article: Article) -> Iterator[Problem]:
        paragraphs = article.paragraphs
        texts = [p.text.strip() for p in paragraphs]
        least = self.opts["min-teasers"]
        for end in range(len(texts), max(len(texts) - 3, 0), -1):
            starts = _teaser_pairs(texts, end)
            if len(starts) < least or starts[0] == 0:
                continue
            # questions each followed by its answer: the article's own Q&A or FAQ, not a rail
            if 2 * sum(_is_question(texts[i]) for i in starts) >= len(starts):
                continue
            pairs = [_topic_words(texts[i] + " " + texts[i + 1]) for i in starts]
            sets = [set(words) for words in pairs]
            before = {w for t in [article.title or "", *texts[: starts[0]]] for w in _topic_words(t)}
            # sections of one article share their subject with each other; teasers do not
            off = sum(_off_topic(words, before.union(*sets[:k], *sets[k + 1:]), 0.4) for k, words in enumerate(pairs))
            if off < least or off < 0.75 * len(starts):
                continue
            first, last = starts[0], starts[-1] + 1
            span = f"{where(article, first)} to {where(article, last)}"
            problem = self.at_paragraph(
                article, first,
                f"a rail of {len(starts)} teasers for other stories ends the body: "
                f"'{texts[first][:40]}', '{texts[starts[1]][:40]}', ...",
                suggestion="the extractor kept the related-stories rail of the page; delete it",
                fix=Fix(f"delete the {len(starts)} teasers, {span}",
                        tuple(Edit("delete_paragraph", paragraph=i) for i in range(first, last + 1)), "unsafe"),
            )
            problem.end_line = paragraphs[last].end_line
            yield problem
            return


RULES = [HeadlineList]
