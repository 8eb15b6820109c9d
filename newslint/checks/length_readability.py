"""NL501 long-body, NL502 long-sentence, NL503 readability-outlier."""

from __future__ import annotations

from collections.abc import Iterator

from newslint import readability
from newslint.article import Article
from newslint.checks._common import where
from newslint.rule import Problem, Rule, shorten

#: languages whose sentences newslint cannot split (no spaces between words, or sentence marks
#: such as the danda "।" that the splitter does not know): sentence and readability rules skip them
UNSPLIT_LANGUAGES = frozenset({"zh", "ja", "th", "hi", "bn", "ta", "ka"})
#: how much body text the readability measure reads: enough for a stable score, bounded cost
SAMPLE_CHARS = 1500


class LongBody(Rule):
    """A body longer than ``max-words`` words.

    Even long-form features rarely pass 8,000 words. A longer body is usually several articles run
    together (an archive page, a live blog with every update, pagination stitched twice) or a
    whole page of comments; it distorts length statistics and token budgets. CJK text counts two
    characters as a word.

    Fails::

        (a body of more than 10,000 words)

    Passes::

        Council Approves Harbour Budget
        By Lena Morris

        The regional council approved the harbour budget on Tuesday.

    Fix: none; split the page into its articles or drop the comments.
    """

    code = "NL501"
    name = "long-body"
    severity = "warning"
    options = {"max-words": 10000}

    def check(self, article: Article) -> Iterator[Problem]:
        n = article.word_count
        if n > self.opts["max-words"]:
            line = article.paragraphs[0].line if article.paragraphs else article.line
            yield Problem(f"long body: {n} words, more than {self.opts['max-words']}", line=line, field="body",
                          suggestion="check the extraction: several articles or the comments may be run together")


class LongSentence(Rule):
    """A sentence of more than ``max-words`` words.

    News sentences average 20 to 25 words and rarely pass 60; long quotations and Romance-language prose reach 100. A "sentence" of 120 words or more is
    usually two paragraphs merged without a space, a list or table flattened into text, or text
    whose punctuation the extractor stripped. One finding per paragraph, at the first overlong
    sentence. Languages whose sentences newslint cannot split (Chinese, Japanese, Thai, Hindi and
    other scripts using the danda) are skipped.

    Fails::

        Council Approves Harbour Budget
        By Lena Morris

        The regional council approved the harbour budget on Tuesday after a debate that lasted most of the afternoon and the fishermen who had come to the public gallery to follow the vote welcomed the decision which funds new moorings a repaired breakwater and a new ice plant while the opposition said that the costs were still uncertain and that the vote should have been delayed until the spring when the final figures from the engineers and the harbour authority would be known to all members of the council and to the public who have been waiting for a clear answer on the costs of the project since the first plans were presented at a meeting in the town hall two years ago

    Passes::

        Council Approves Harbour Budget
        By Lena Morris

        The regional council approved the harbour budget on Tuesday after a debate that lasted most of the afternoon. Fishermen welcomed the decision, which funds new moorings and a repaired breakwater.

    Fix: none; restore the paragraph breaks or punctuation from the source.
    """

    code = "NL502"
    name = "long-sentence"
    severity = "warning"
    options = {"max-words": 120}

    def check(self, article: Article) -> Iterator[Problem]:
        if article.language in UNSPLIT_LANGUAGES:
            return
        limit = self.opts["max-words"]
        reported: set[int] = set()
        for para, start, end in article.sentence_spans:
            if para in reported or end - start < limit * 2:
                continue
            text = article.paragraphs[para].text[start:end]
            n = len(text.split())
            if n > limit:
                reported.add(para)
                yield self.at_paragraph(
                    article,
                    para,
                    f"long sentence: {n} words in one sentence ({where(article, para)}), more than {limit}",
                    suggestion="check the extraction: merged paragraphs or stripped punctuation",
                    excerpt=shorten(text),
                )


class ReadabilityOutlier(Rule):
    """Body text whose readability score is far outside the range of news prose.

    The LIX score (Björnsson 1968: words per sentence plus the percentage of words longer than six
    letters, as textstat computes it) of news prose sits between about 30 and 60 in English and
    between 15 and 90 across the languages of the test corpus (Korean low, Turkish and Zulu high).
    A score above ``max-lix`` means text without sentence punctuation: navigation menus, tag lists,
    tables or a body whose full stops were stripped; a score below ``min-lix`` means fragments: a
    list of numbers, captions, button labels. LIX needs no syllable dictionary, so it works offline
    and for any language written with spaces between words; languages whose sentences newslint
    cannot split are skipped, and so are bodies under ``min-words`` words. The score is computed on
    the first few thousand characters.

    Fails::

        Council Approves Harbour Budget
        By Lena Morris

        Home News Local Politics Business Sport Football Cricket Rugby Tennis Golf Weather Forecast Radar Travel Culture Music Film Books Arts Food Recipes Restaurants Health Science Technology Gadgets Apps Opinion Columnists Letters Obituaries Puzzles Crossword Sudoku Newsletters Podcasts Video Photos Events Jobs Property Motors Classifieds Contact Advertise Subscribe Account Help Privacy Cookies Terms Accessibility Sitemap Archive About Careers Press Awards Shop Offers Competitions Horoscopes Television Radio Listings Gaming Esports Fashion Beauty Travel Deals Holidays Cruises Hotels Flights Insurance Money Pensions Mortgages Savings Investing Markets Currencies Energy Transport Education Schools Universities

    Passes::

        Council Approves Harbour Budget
        By Lena Morris

        The regional council approved the harbour budget on Tuesday after a debate that lasted most of the afternoon.
        Fishermen welcomed the decision, which funds new moorings and a repaired breakwater.
        The opposition said the costs were still uncertain and asked for the vote to be delayed until the spring.
        The harbour master said work on the breakwater would start in May and take about six months.
        Ferry services will run as normal while the work goes on, the operator said in a statement.

    Fix: none; the extraction picked up something other than the article text.
    """

    code = "NL503"
    name = "readability-outlier"
    severity = "warning"
    options = {"min-lix": 10.0, "max-lix": 100.0, "min-words": 50}

    def check(self, article: Article) -> Iterator[Problem]:
        if article.word_count < self.opts["min-words"] or article.language in UNSPLIT_LANGUAGES:
            return
        sample: list[str] = []
        size = 0
        for p in article.paragraphs:
            sample.append(p.text)
            size += len(p.text)
            if size >= SAMPLE_CHARS:
                break
        lix = readability.lix("\n".join(sample))  # textstat's lix, computed faster (exactly the same)
        low, high = self.opts["min-lix"], self.opts["max-lix"]
        if low <= lix <= high:
            return
        kind = "text without sentences (menus, lists, stripped punctuation)" if lix > high else "fragments, not prose"
        line = article.paragraphs[0].line
        yield Problem(
            f"readability outlier: LIX {lix:.0f}, outside {low:.0f}-{high:.0f}; looks like {kind}",
            line=line,
            field="body",
            suggestion="check the extraction: the body does not read like news prose",
        )


RULES = [LongBody, LongSentence, ReadabilityOutlier]
