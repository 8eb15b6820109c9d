"""Loose forms of RE2 patterns: cheaper to compile, matching wherever the pattern does.

Compiling a pattern with many Unicode property classes (``\\p{L}``, ``\\p{P}``, ``\\p{S}``, ...)
costs RE2 far more than the search a one-file run does with it, and most articles match none of
them. :func:`loosen` rewrites a pattern into a looser one in the same syntax: each character class
that holds a property class (and each property class on its own) becomes a case-sensitive class of
the ASCII characters it matches plus every non-ASCII character. The matcher compiles the loose form
first and the pattern itself only once the loose form matches some text
(newslint.packs.matching); the loose forms of the shipped packs are worked out ahead of time
(newslint.packs.prebuilt), so a run never calls :func:`loosen`.

Why the loose form matches wherever the pattern does:

* the rewrite replaces character classes only, each by a class written ``(?-i:[...])`` (a group
  that captures nothing), so the structure of the pattern is unchanged: its groups and their
  numbers, alternation, repetition, anchors, ``\\b``, the flags around;
* an RE2 character class matches one character out of a fixed set, which depends on the flags only
  through case folding (classes match a newline whatever the flags). The ASCII characters of the
  loose class are those the class matches with or without folding, asked of RE2 itself on the class
  as written; every non-ASCII character is in it too; and ``(?-i:...)`` keeps folding from touching
  it. So the loose class matches every character the class matches, whatever the flags around it;
* every RE2 operator is monotone in the sets of its classes (``\\b``, ``^``, ``$`` look at the text,
  not at a class), so a match of the pattern is a match of the loose form at the same place, in a
  regex search and in a set search alike.

Anything the rewriter does not follow exactly (``\\Q...\\E``, a class it cannot delimit, a class
RE2 refuses alone) leaves the pattern without a loose form: it is then compiled as it is.
"""

from __future__ import annotations

from functools import lru_cache

import re2

_WIDE = "\\x{80}-\\x{10ffff}"


def _options(ignore_case: bool) -> re2.Options:
    opts = re2.Options()
    opts.log_errors = False
    opts.case_sensitive = not ignore_case
    return opts


@lru_cache(maxsize=None)
def _loose_class(cls: str) -> str | None:
    """The loose form of the class ``cls`` (``[...]`` or a property class alone), or None when RE2
    refuses it alone."""
    try:
        plain = re2.compile(cls, _options(False))
        folded = re2.compile(cls, _options(True))
    except re2.error:
        return None
    members = [c for c in range(128) if plain.fullmatch(chr(c)) or folded.fullmatch(chr(c))]
    return "(?-i:[" + _ranges(members) + _WIDE + "])"


def _char(code: int) -> str:
    """An ASCII character as a class item: letters, digits and '_' as they are, other printable
    characters escaped with a backslash, the rest as hexadecimal escapes."""
    ch = chr(code)
    if ch.isalnum() or ch == "_":
        return ch
    if 0x20 < code < 0x7F:
        return "\\" + ch
    return f"\\x{{{code:02x}}}"


def _ranges(codes: list[int]) -> str:
    """Sorted ASCII ``codes`` as class items: single characters and ranges."""
    out = []
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        lo, hi = codes[i], codes[j]
        out.append(_char(lo) if lo == hi else _char(lo) + ("" if hi == lo + 1 else "-") + _char(hi))
        i = j + 1
    return "".join(out)


def _property_end(src: str, i: int) -> int | None:
    """The index after the property class starting at ``src[i]`` (a backslash before p or P)."""
    if i + 2 >= len(src):
        return None
    if src[i + 2] == "{":
        j = src.find("}", i + 3)
        return None if j < 0 else j + 1
    return i + 3


def _class_end(src: str, i: int) -> tuple[int, bool] | None:
    """(index after the class starting at ``src[i]``, whether it holds a property class)."""
    n = len(src)
    k = i + (2 if src.startswith("[^", i) else 1)
    first = True
    has_property = False
    while True:
        if k >= n:
            return None
        c = src[k]
        if c == "]" and not first:
            return k + 1, has_property
        if src.startswith("[:", k):
            j = src.find(":]", k + 2)
            if j < 0:
                return None
            k = j + 2
        elif c == "\\":
            if k + 1 >= n or src[k + 1] == "Q":
                return None
            if src[k + 1] in "pP":
                has_property = True
                end = _property_end(src, k)
                if end is None:
                    return None
                k = end
            else:
                k += 2
        else:
            k += 1
        first = False


def loosen(src: str) -> str | None:
    """The loose form of ``src`` (see the module), ``src`` itself when it has no property class,
    or None when the rewrite cannot be sure of it."""
    out: list[str] = []
    i, n = 0, len(src)
    while i < n:
        c = src[i]
        if c == "\\":
            if i + 1 >= n or src[i + 1] == "Q":
                return None
            if src[i + 1] in "pP":
                end = _property_end(src, i)
                loose = _loose_class(src[i:end]) if end is not None else None
                if loose is None:
                    return None
                out.append(loose)
                i = end  # type: ignore[assignment]
                continue
            out.append(src[i:i + 2])
            i += 2
            continue
        if c == "[":
            found = _class_end(src, i)
            if found is None:
                return None
            end, has_property = found
            if has_property:
                loose = _loose_class(src[i:end])
                if loose is None:
                    return None
                out.append(loose)
            else:
                out.append(src[i:end])
            i = end
            continue
        out.append(c)
        i += 1
    loose = "".join(out)
    for ignore_case in (False, True):
        try:
            re2.compile(loose, _options(ignore_case))
        except re2.error:
            return None
    return loose
