"""NL009 unused-suppression (off by default). The engine's filter stage reports it: see newslint.suppress."""

from __future__ import annotations

from newslint.rule import Rule


class UnusedSuppression(Rule):
    """A suppression in the data that suppressed nothing, names an unknown rule, or cannot be read.

    Suppressions pile up: a ``<!-- newslint: disable=NL101 -->`` comment or a record's
    ``newslint_ignore`` field outlives the defect it excused, and then silently hides the next one.
    With this rule selected (``--extend-select NL009``) every suppression written in the data is
    checked after the other rules have run: one naming a rule that ran and found nothing under it is
    reported at the comment's line (Markdown) or the record (JSON, JSON Lines), and so is one naming
    an unknown rule, a misspelt directive or a suppression field that is not a list of codes.
    Suppressions naming rules not selected in the run are not judged. ``per-file-ignores`` and
    ``per-record-ignores`` in the configuration are not checked.

    Fails::

        <!-- newslint: disable-next-line=NL101 -->
        Talks resumed in Geneva on Monday after a two-week pause.

    Passes::

        Talks resumed in Geneva on Monday after a two-week pause.
        <!-- newslint: disable-next-line=NL101 -->
        Talks resumed in Geneva on Monday after a two-week pause.

    Fix: none; delete the suppression or the codes in it that no longer suppress anything.
    """

    code = "NL009"
    name = "unused-suppression"
    severity = "warning"
    default_enabled = False

    def check(self, article):
        return ()


RULES = [UnusedSuppression]
