"""What a run reads and what it writes: the inputs found from the paths of the command line, less
the run's own files (the report, the job summary, the baseline), and the checks that keep a run
from overwriting what it reads.

A report redirected into the folder being linted (``newslint --format jsonl . > out.jsonl``) would be
read back as articles while it grows and never end; an earlier report or a baseline kept there
would be linted as an article; and a data file named as the report would be lost. newslint.cli
asks these before a run starts and while its inputs are listed.
"""

from __future__ import annotations

import argparse
import io
import os
import stat
import sys

from newslint.engine import Linter, discover, display_path, file_id, input_output
from newslint.readers import Source


class Found:
    """What the paths of a run held: files read, and folder files skipped for their compression."""

    def __init__(self) -> None:
        self.files = 0
        #: paths that could not be read (missing, a link loop): each already reported as NL001
        self.unreadable = 0
        self.compressed: list[str] = []

    def count(self, items):
        for item in items:
            if isinstance(item, Source):
                self.files += 1
            else:
                self.unreadable += 1
            yield item

    def warnings(self, linter: Linter) -> list[str]:
        """What a run that read nothing, or left files out, should say (on standard error)."""
        from newslint.readers.compression import SUFFIXES

        out = []
        if self.compressed:
            n = len(self.compressed)
            out.append(f"{n} file{'s' * (n != 1)} skipped: compressed in a way newslint does not read "
                       f"({', '.join(self.compressed[:3])}{', ...' if n > 3 else ''}); decompress them, or pipe each in "
                       f"with --stdin-filename NAME.jsonl - (newslint reads {', '.join(SUFFIXES[:-1])} and {SUFFIXES[-1]})")
        elif not self.files and not self.unreadable:
            out.append(f"no article files found in the given paths (newslint reads {', '.join(sorted(linter.extensions))})")
        return out


def sources_from_args(args: argparse.Namespace, linter: Linter, found: Found | None = None):
    found = found or Found()
    paths = args.paths or ["."]
    own = own_files(args, linter)  # here, when reading starts: --summary has been opened by now
    if "-" in paths:  # (named by --stdin-filename: run_lint refuses it unnamed before the report starts)
        others = [p for p in paths if p != "-"]
        # the name is shown in findings as a file's name is: one printable line of valid UTF-8
        yield from found.count([Source.stdin(display_path(args.stdin_filename))])
        yield from found.count(_not_own(discover(others, linter.extensions, linter.config.exclude, found.compressed), own))
        return
    yield from found.count(_not_own(discover(paths, linter.extensions, linter.config.exclude, found.compressed), own))


def own_files(args: argparse.Namespace, linter: Linter) -> dict[tuple[int, int], str]:
    """The files this run writes or keeps for itself, by (device, inode), and what each is: a
    report redirected into the linted folder (``newslint --format jsonl . > out.jsonl``) would
    otherwise be read back as articles while it grows, and never end; a baseline or an earlier
    report kept in the folder would be linted as an article."""
    own: dict[tuple[int, int], str] = {}
    try:
        st = os.fstat(sys.stdout.fileno())
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        st = None
    if st is not None and stat.S_ISREG(st.st_mode):
        own[(st.st_dev, st.st_ino)] = "the standard output of this run"
    for path, option in run_files(args, linter):
        key = file_id(path)
        if key is not None:
            own.setdefault(key, f"the {option} file")
    return own


def run_files(args: argparse.Namespace, linter: Linter) -> list[tuple[str | None, str]]:
    """The files a run writes (the report, the job summary, the baseline it records) or keeps for
    itself (the baseline it reads), with the option naming each."""
    return [(args.output_file, "--output-file"), (args.summary, "--summary"),
            (args.write_baseline, "--write-baseline"), (linter.config.baseline, "--baseline")]


def _not_own(items, own: dict[tuple[int, int], str]):
    """``items`` without the run's own files (:func:`own_files`); the standard output, which the
    shell has emptied already, is named on standard error, the others are left out quietly."""
    if not own:
        yield from items
        return
    for item in items:
        if isinstance(item, Source) and item.fs_path is not None:
            what = own.get(file_id(str(item.fs_path)) or (-1, -1))
            if what is not None:
                if what.startswith("the standard output"):
                    print(f"newslint: warning: {item.path} skipped: it is {what}", file=sys.stderr)
                continue
        yield item


def output_clash(args: argparse.Namespace, linter: Linter) -> str | None:
    """Why this run must not start: an input named on the command line is also a file the run
    would write (the report, the job summary, the baseline), which would be lost; or such a file
    lies in a folder the run lints and holds something newslint did not write (articles)."""
    hit = input_output(args.paths or [], run_files(args, linter), None)
    if hit is not None:
        return f"{hit[0]} is both an input and the {hit[2]} file of this run"
    seen: dict[str, str] = {}
    for path, option in run_files(args, linter)[:3]:  # what the run writes: one would replace another
        if path:
            other = seen.setdefault(os.path.realpath(path), option)
            if other != option:
                return f"{path} is both the {other} file and the {option} file of this run"
    return data_in_linted_folder(args, linter)


def data_in_linted_folder(args: argparse.Namespace, linter: Linter) -> str | None:
    """A file the run writes that lies in a folder it lints is left out of the inputs (it is the
    report of an earlier run), then overwritten (the job summary appended to). That is only safe
    when the file is empty or is what newslint writes: a data file of the folder named as the
    report would be lost without a word."""
    folders = [os.path.realpath(p) for p in args.paths or [] if p != "-" and os.path.isdir(p)]
    if not folders:
        return None
    for path, option in run_files(args, linter)[:3]:  # not the baseline the run only reads
        if not path or not os.path.isfile(path) or not path.lower().endswith(tuple(linter.extensions)):
            continue
        full = os.path.realpath(path)
        folder = next((f for f in folders if full.startswith(f.rstrip(os.sep) + os.sep)), None)
        if folder is not None and not written_by_newslint(full):
            return (f"{path} lies in {folder}, a folder this run lints, and holds something newslint did not "
                    f"write: the {option} file would overwrite it (write it elsewhere)")
    return None


#: what a file newslint wrote holds near its start: the JSON report, SARIF, JUnit, the baseline,
#: the job summary
_OWN_SIGNS = (b'"name": "newslint"', b'"newslint_baseline"', b'<testsuites name="newslint"', b"## newslint")


def written_by_newslint(path: str) -> bool:
    """Whether an existing file is empty or reads as a report, baseline or job summary of newslint's
    (by its first 64 KiB): the text, GitHub and JSON Lines formats by their first line, the rich
    one by its layout (a file's name, then its findings indented under it), the others by a mark."""
    import re

    try:
        with open(path, "rb") as fh:
            head = fh.read(1 << 16)
    except OSError:
        return True  # unreadable: writing it will fail with its own message
    lines = [line for line in head.splitlines() if line.strip()]
    if not lines or any(sign in head for sign in _OWN_SIGNS):
        return True
    if re.match(rb'\S.*:\d+:\d+: \S+ |::(?:error|warning|notice) file=|\{"code": "', lines[0]):
        return True
    if b"no findings" in lines[0]:
        return True  # rich: "no findings in 4 articles (3 files)"
    return len(lines) > 1 and not lines[0][:1].isspace() and lines[1].startswith(b"  ")
