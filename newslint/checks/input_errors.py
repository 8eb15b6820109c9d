"""NL001-NL007: input problems and failures. Readers and the engine report these; they have no check of
their own.

They are listed here so that ``--list-rules`` and ``newslint rule`` document them like any other
code. They cannot be deselected: input newslint could not read always makes the exit status 2.
"""

from __future__ import annotations

from newslint.rule import Rule


class _InputRule(Rule):
    severity = "error"

    def check(self, article):
        return ()


class UnreadableFile(_InputRule):
    """A file that cannot be read: missing, not a regular file, no reader for its type, or not UTF-8.

    Reported with the location of the first undecodable byte. The rest of the run goes on; the exit
    status is 2.

    Fails::

        a .txt file holding Latin-1 bytes such as 0xe9 ("é") that are not valid UTF-8

    Passes::

        the same file saved as UTF-8

    Fix: none; re-encode the file (``iconv -f latin1 -t utf-8``) or correct the path.
    """

    code = "NL001"
    name = "unreadable-file"


class MalformedRecord(_InputRule):
    """A JSON or JSON Lines record that is not valid JSON, or not a JSON object.

    Reported at the record's line; every other record of the file is still linted. The exit status
    is 2.

    Fails::

        {"title": "Port Strike Enters Second Week", "text": "Dockworkers ...

    Passes::

        {"title": "Port Strike Enters Second Week", "text": "Dockworkers ..."}

    Fix: none; repair or drop the record.
    """

    code = "NL002"
    name = "malformed-record"


class MalformedFrontMatter(_InputRule):
    """YAML (or TOML) front matter that does not parse, is not a mapping, or is never closed.

    YAML is always loaded safely: no tags that construct objects or run code are honoured.

    Fails::

        ---
        title: "Port Strike
        ---

    Passes::

        ---
        title: "Port Strike Enters Second Week"
        ---

    Fix: none; correct the YAML.
    """

    code = "NL003"
    name = "malformed-front-matter"


class RuleFailed(_InputRule):
    """A rule raised an exception on an article: its findings on that article are missing.

    The engine runs every rule (built-in, rule pack or plugin, per-article or dataset) so that an
    exception in one of them is reported here, on the article it failed on, naming the rule, where
    it comes from (``built-in``, ``pack:NAME``, ``plugin:DIST``) and the exception. The other rules
    and the other articles are still linted, in worker processes too. The exit status is 2:
    the run is incomplete. ``newslint --debug`` (or ``NEWSLINT_DEBUG=1``) prints the traceback.

    Fails::

        a plugin rule NLX900 whose check() raises ValueError on an article without a date

    Passes::

        the same plugin once it skips articles without a date

    Fix: none; report the message (and the ``--debug`` traceback) to the rule's author.
    """

    code = "NL004"
    name = "rule-failed"


class ReaderFailed(_InputRule):
    """A reader raised an exception while reading a file: the rest of that file was not read.

    Reported at the last line the reader reached, naming the reader and the exception. Articles
    read before the failure are linted, and so are the other files. The exit status is 2.
    ``newslint --debug`` prints the traceback.

    Fails::

        a plugin reader for .xml files that raises KeyError on a record without <body>

    Passes::

        the same reader once it reports such a record as malformed instead

    Fix: none; report the message (and the ``--debug`` traceback) to the reader's author.
    """

    code = "NL005"
    name = "reader-failed"


class FormatterFailed(_InputRule):
    """The output format's per-article hook raised an exception on an article.

    The run goes on and the findings of the article are still handed to the format; what the
    format writes for that article may be incomplete. The exit status is 2. ``newslint --debug``
    prints the traceback.

    Fails::

        a plugin output format whose article() hook raises on an article without a title

    Passes::

        the same format once it handles a missing title

    Fix: none; report the message (and the ``--debug`` traceback) to the format's author.
    """

    code = "NL006"
    name = "formatter-failed"


class OversizedArticle(_InputRule):
    """An article larger than newslint lints whole: only its beginning was linted.

    An article is linted up to 1,000,000 characters of text and 10,000 paragraphs, far beyond any
    real news article; past that it is a whole book, a log or a scraping accident, and linting all
    of it would hold the run for minutes and gigabytes. The finding says how much was left out.
    A clipped article is never fixed. The exit status is 2: the article was not linted whole.

    Fails::

        a record whose body is one field of two million one-word lines

    Passes::

        a record holding one article of a few thousand words

    Fix: none; split the record, or drop it from the dataset.
    """

    code = "NL007"
    name = "oversized-article"


RULES = [UnreadableFile, MalformedRecord, MalformedFrontMatter, RuleFailed, ReaderFailed, FormatterFailed,
         OversizedArticle]
