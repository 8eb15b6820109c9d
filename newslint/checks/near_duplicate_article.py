"""NL604 near-duplicate-article: MinHash LSH over word shingles, across the dataset."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.dataset import IndexedDatasetRule, IndexView, np
from newslint.rule import ArticleRef, OptionError, Problem


class NearDuplicateArticle(IndexedDatasetRule):
    """An article that is nearly the same text as an earlier article.

    Wire stories are reprinted by many sites, each adding its own intro sentence, headline, photo
    caption or trimmed ending; developing stories are captured in several versions. A dataset that
    keeps them all repeats the same text many times. Each body is cut into overlapping runs of
    ``shingle-size`` words (5: long enough that two different stories on the same topic, sharing
    names and quotes, rarely share runs; short enough that a changed sentence only spoils a few).
    LSH finds the candidates: ``bands`` x ``rows`` = 8 x 2 MinHash values (datasketch's affine32
    scheme) make 8 band keys, and articles sharing one are compared (a pair at Jaccard 0.6 shares
    one with probability 0.97, at 0.7 with 0.995, at 0.1 with 0.08). A compared pair is confirmed
    when the Jaccard similarity estimated from a separate 256-bin one-permutation MinHash sketch of
    each body reaches ``threshold`` (0.6: reprints with a new intro or a cut ending score 0.65 to
    0.95, different stories on one topic usually below 0.15, more when one repeats the other's
    background paragraphs). The estimate is unbiased with a standard deviation of about 0.05 near
    the threshold, so a pair a little under it is sometimes reported and one a little over it
    sometimes missed. Exact copies are left to NL601, bodies under ``min-words`` words are not
    compared, and each article is reported once, naming the earliest similar article.

    Fails::

        {"id": "w1", "text": "Local officials welcomed the news. The central bank raised its benchmark rate by a quarter point on Wednesday, its third increase this year, saying inflation in services and housing had proved more stubborn than expected. Two members of the committee voted to keep rates unchanged, arguing that earlier increases had not yet reached households with fixed-rate mortgages."}
        {"id": "w2", "text": "Markets slipped after the decision. The central bank raised its benchmark rate by a quarter point on Wednesday, its third increase this year, saying inflation in services and housing had proved more stubborn than expected. Two members of the committee voted to keep rates unchanged, arguing that earlier increases had not yet reached households with fixed-rate mortgages."}

    Passes::

        {"id": "w1", "text": "The central bank raised its benchmark rate by a quarter point on Wednesday, its third increase this year, saying inflation in services and housing had proved more stubborn than expected. Two members of the committee voted to keep rates unchanged, arguing that earlier increases had not yet reached households with fixed-rate mortgages."}
        {"id": "w3", "text": "Mortgage lenders began passing on the higher rate within hours, and brokers said first-time buyers had already pulled back from the market, with several rushing to lock in fixed rates before any further increase."}

    Fix: none automatic; keep one version of the story.
    """

    code = "NL604"
    #: on by default, comparing the articles of each file; across files with ``--extend-select NL6``
    default_enabled = True
    name = "near-duplicate-article"
    severity = "warning"
    parts = frozenset({"near", "body"})
    options = {"threshold": 0.6, "shingle-size": 5, "bands": 8, "rows": 2, "min-words": 20}

    def __init__(self, options=None) -> None:
        super().__init__(options)
        if not 0.0 < self.opts["threshold"] <= 1.0:
            raise OptionError(f"{self.code} ({self.name}) option 'threshold' must be in (0, 1], not {self.opts['threshold']}")
        self.index_params()  # validates shingle-size, bands and rows

    def index_settings(self) -> dict:
        return {
            "shingle_size": self.opts["shingle-size"],
            "bands": self.opts["bands"],
            "rows": self.opts["rows"],
            "min_words": self.opts["min-words"],
        }

    def view_settings(self) -> dict:
        return {"threshold": self.opts["threshold"]}

    def report(self, view: IndexView) -> Iterator[tuple[ArticleRef, Problem]]:
        a, b, est = view.near_pairs
        if not len(a):
            return
        order = np.lexsort((view.rank[a], b))
        a, b, est = a[order], b[order], est[order]
        first = np.ones(len(b), dtype=bool)
        first[1:] = b[1:] != b[:-1]
        k = view.index.params.shingle_size
        for i, j, e in zip(a[first], b[first], est[first]):
            other = view.ref(i).label
            yield view.ref(j), Problem(
                message=f"near-duplicate of {other} (estimated Jaccard similarity {e:.2f} over {k}-word shingles)",
                field="body",
                suggestion=f"keep one version of the story ({other} is nearly the same text)",
            )


RULES = [NearDuplicateArticle]
