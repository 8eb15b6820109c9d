"""NL001-NL003: input problems. Readers and the engine report these; they have no check of their own.

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
    """YAML front matter that does not parse, is not a mapping, or is never closed.

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


RULES = [UnreadableFile, MalformedRecord, MalformedFrontMatter]
