"""Run real article extractors over the corpus' raw pages: one JSON Lines file per extractor.

Runs inside bench/.venv-extractors (``bench/setup_extractors.sh`` creates it), never in newslint's
own environment. Every extractor is handed the page's HTML as a string (or bytes), so nothing is
fetched: newspaper4k gets ``input_html``, goose3 ``raw_html`` with image fetching off.

    bench/.venv-extractors/bin/python bench/extractors.py \
        [--manifest /work/shared/corpus/html/manifest.jsonl] [--out bench/out/extractions] \
        [--only trafilatura,goose3] [--timeout 30]

Writes ``OUT/<extractor>.jsonl`` with one record per page, in manifest order:
``{"id", "url", "title", "byline", "date", "text", "extractor", "error", "cpu_seconds"}``. ``text``
holds the body with paragraphs separated by a blank line; a field the extractor does not give is
null. An extractor that raises or exceeds the per-page timeout gives an empty ``text`` and the
error in ``error`` (the run goes on). Also writes ``OUT/reference.jsonl``: the reference
extraction of every page (the gold record's title, byline, date and text), the same shape.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_MANIFEST = Path("/work/shared/corpus/html/manifest.jsonl")
DEFAULT_OUT = HERE / "out" / "extractions"

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_HTML_LANG = re.compile(r"""<html[^>]*\blang\s*=\s*["']?([A-Za-z]{2,3})""", re.I)


def decode_page(data: bytes) -> str:
    """The page as text: UTF-8 if it decodes, else the charset its <meta> declares, else cp1252."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    m = _META_CHARSET.search(data[:4096])
    if m:
        try:
            return data.decode(m.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    return data.decode("cp1252", errors="replace")


def paragraphs_to_text(paragraphs: list[str]) -> str:
    """Join paragraphs with a blank line, each paragraph's whitespace collapsed."""
    out = [" ".join(p.split()) for p in paragraphs]
    return "\n\n".join(p for p in out if p)


def lines_to_text(text: str | None) -> str:
    """Text with one paragraph per line (trafilatura, goose3, newspaper...) as blank-line paragraphs."""
    if not text:
        return ""
    return paragraphs_to_text(text.splitlines())


def _join_authors(authors: Any) -> str | None:
    if not authors:
        return None
    if isinstance(authors, str):
        return authors.strip() or None
    names = [str(a).strip() for a in authors if str(a).strip()]
    return ", ".join(names) or None


def _date(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


# --- the extractors -----------------------------------------------------------------------------
# Each takes (html, url) and returns {"title", "byline", "date", "text"}.


def ex_trafilatura(html: str, url: str, favor_recall: bool = False) -> dict[str, Any]:
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, favor_recall=favor_recall, include_comments=False
    )
    if doc is None:
        return {"title": None, "byline": None, "date": None, "text": ""}
    if not isinstance(doc, dict):
        doc = doc.as_dict()
    return {
        "title": doc.get("title"),
        "byline": doc.get("author"),
        "date": _date(doc.get("date")),
        "text": lines_to_text(doc.get("text")),
    }


def ex_trafilatura_recall(html: str, url: str) -> dict[str, Any]:
    return ex_trafilatura(html, url, favor_recall=True)


_BLOCK_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "table", "tr",
    "section", "article", "figcaption", "dd", "dt", "ul", "ol", "header", "footer", "aside", "figure",
}


def html_fragment_to_paragraphs(fragment: str) -> list[str]:
    """Text of an HTML fragment, one paragraph per block element (for readability-lxml's summary)."""
    import lxml.html

    if not fragment.strip():
        return []
    root = lxml.html.fromstring(fragment)
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = " ".join("".join(current).split())
        if text:
            paragraphs.append(text)
        current.clear()

    def walk(el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        block = tag.lower() in _BLOCK_TAGS
        if block:
            flush()
        if tag.lower() == "br":
            current.append(" ")
        if el.text and tag:
            current.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                current.append(child.tail)
        if block:
            flush()

    walk(root)
    flush()
    return paragraphs


def ex_readability(html: str, url: str) -> dict[str, Any]:
    from readability import Document

    doc = Document(html, url=url)
    summary = doc.summary(html_partial=True)
    return {
        "title": doc.short_title() or None,
        "byline": None,
        "date": None,
        "text": paragraphs_to_text(html_fragment_to_paragraphs(summary)),
    }


def ex_newspaper4k(html: str, url: str) -> dict[str, Any]:
    from newspaper import Article, Config

    config = Config()
    config.fetch_images = False
    config.memorize_articles = False
    config.follow_meta_refresh = False
    article = Article(url, config=config)
    article.download(input_html=html)
    article.parse()
    return {
        "title": article.title or None,
        "byline": _join_authors(article.authors),
        "date": _date(article.publish_date),
        "text": lines_to_text(article.text),
    }


_GOOSE = None


def ex_goose3(html: str, url: str) -> dict[str, Any]:
    global _GOOSE
    from goose3 import Goose

    if _GOOSE is None:
        _GOOSE = Goose({"enable_image_fetching": False, "http_timeout": 0.001, "strict": False})
    # raw_html only: with a url goose3 may fetch the page
    article = _GOOSE.extract(raw_html=html)
    return {
        "title": article.title or None,
        "byline": _join_authors(article.authors),
        "date": _date(article.publish_date),
        "text": lines_to_text(article.cleaned_text),
    }


_JUSTEXT_LANG = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
    "nl": "Dutch", "pl": "Polish", "cs": "Czech", "sk": "Slovak", "da": "Danish", "sv": "Swedish",
    "no": "Norwegian_Bokmal", "nb": "Norwegian_Bokmal", "nn": "Norwegian_Nynorsk", "fi": "Finnish",
    "hu": "Hungarian", "ro": "Romanian", "ru": "Russian", "uk": "Ukrainian", "tr": "Turkish",
    "el": "Greek", "bg": "Bulgarian", "hr": "Croatian", "sr": "Serbian", "sl": "Slovenian",
    "id": "Indonesian", "ms": "Malay", "vi": "Vietnamese", "ca": "Catalan", "et": "Estonian",
    "lt": "Lithuanian", "lv": "Latvian", "ar": "Arabic", "he": "Hebrew", "fa": "Persian",
    "hi": "Hindi", "bn": "Bengali", "ta": "Tamil", "te": "Telugu", "ur": "Urdu", "sw": "Swahili",
    "tl": "Tagalog", "is": "Icelandic", "ga": "Irish", "eu": "Basque", "gl": "Galician",
}
_JUSTEXT_ALL: frozenset[str] | None = None


def _justext_stoplist(html: str) -> frozenset[str]:
    """The stoplist of the page's declared language, else the union of every stoplist."""
    global _JUSTEXT_ALL
    import justext

    m = _HTML_LANG.search(html[:5000])
    if m:
        name = _JUSTEXT_LANG.get(m.group(1).lower())
        if name and name in justext.get_stoplists():
            return justext.get_stoplist(name)
    if _JUSTEXT_ALL is None:
        words: set[str] = set()
        for name in justext.get_stoplists():
            words |= justext.get_stoplist(name)
        _JUSTEXT_ALL = frozenset(words)
    return _JUSTEXT_ALL


def ex_justext(html: str, url: str) -> dict[str, Any]:
    import justext

    paragraphs = justext.justext(html.encode("utf-8"), _justext_stoplist(html), encoding="utf-8")
    return {
        "title": None,
        "byline": None,
        "date": None,
        "text": paragraphs_to_text([p.text for p in paragraphs if not p.is_boilerplate]),
    }


def ex_boilerpy3(html: str, url: str) -> dict[str, Any]:
    from boilerpy3 import extractors

    doc = extractors.ArticleExtractor(raise_on_failure=False).get_doc(html)
    return {"title": doc.title or None, "byline": None, "date": None, "text": lines_to_text(doc.content)}


def ex_inscriptis(html: str, url: str) -> dict[str, Any]:
    """The whole page as text, laid out (a full-page dump, no boilerplate removal)."""
    import inscriptis

    text = inscriptis.get_text(html)
    return {"title": None, "byline": None, "date": None, "text": lines_to_text(text)}


def ex_html_text(html: str, url: str) -> dict[str, Any]:
    """The whole page as text (html-text, another full-page dump)."""
    import html_text

    text = html_text.extract_text(html, guess_layout=True)
    return {"title": None, "byline": None, "date": None, "text": lines_to_text(text)}


def ex_resiliparse(html: str, url: str) -> dict[str, Any]:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    tree = HTMLTree.parse(html)
    text = extract_plain_text(tree, main_content=True, alt_texts=False, links=False, list_bullets=False)
    return {"title": tree.title or None, "byline": None, "date": None, "text": lines_to_text(text)}


EXTRACTORS: dict[str, Callable[[str, str], dict[str, Any]]] = {
    "trafilatura": ex_trafilatura,
    "trafilatura_recall": ex_trafilatura_recall,
    "readability": ex_readability,
    "newspaper4k": ex_newspaper4k,
    "goose3": ex_goose3,
    "justext": ex_justext,
    "boilerpy3": ex_boilerpy3,
    "resiliparse": ex_resiliparse,
    "inscriptis": ex_inscriptis,
    "html_text": ex_html_text,
}


class Timeout(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise Timeout()


def load_gold(corpus: Path) -> dict[str, dict[str, Any]]:
    gold: dict[str, dict[str, Any]] = {}
    for name in ("fundus.jsonl", "readability_tests.jsonl", "newspaper_tests.jsonl", "realnews_tiny.jsonl"):
        path = corpus / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    rec = json.loads(line)
                    gold[rec["id"]] = rec
    return gold


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--manifest", type=Path, default=DEFAULT_MANIFEST)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--only", default="", help="comma-separated extractor names (default: all)")
    ap.add_argument("--timeout", type=int, default=30, help="seconds per page and extractor")
    ap.add_argument("--limit", type=int, default=0, help="only the first N pages (for a quick check)")
    args = ap.parse_args(argv)

    manifest = [json.loads(line) for line in args.manifest.open(encoding="utf-8") if line.strip()]
    if args.limit:
        manifest = manifest[: args.limit]
    html_dir = args.manifest.parent
    gold = load_gold(html_dir.parent)
    args.out.mkdir(parents=True, exist_ok=True)
    names = [n for n in args.only.split(",") if n] or list(EXTRACTORS)
    unknown = [n for n in names if n not in EXTRACTORS]
    if unknown:
        print(f"extractors.py: unknown extractor(s): {', '.join(unknown)}", file=sys.stderr)
        return 2

    with (args.out / "reference.jsonl").open("w", encoding="utf-8") as fh:
        for entry in manifest:
            rec = gold.get(entry["id"])
            if rec is None:
                print(f"extractors.py: no reference record for {entry['id']}", file=sys.stderr)
                continue
            out = {
                "id": entry["id"], "url": entry.get("url") or rec.get("url"), "title": rec.get("title"),
                "byline": rec.get("byline"), "date": rec.get("date"), "text": rec.get("text") or "",
                "extractor": "reference", "error": None, "cpu_seconds": 0.0,
            }
            fh.write(json.dumps(out, ensure_ascii=False) + "\n")

    pages = []
    for entry in manifest:
        data = gzip.decompress((html_dir / entry["html"]).read_bytes())
        pages.append((entry, decode_page(data)))

    signal.signal(signal.SIGALRM, _alarm)
    for name in names:
        fn = EXTRACTORS[name]
        failures = 0
        started = time.process_time()
        tmp = args.out / f"{name}.jsonl.tmp"
        with tmp.open("w", encoding="utf-8") as fh:
            for entry, html in pages:
                url = entry.get("url") or ""
                error = None
                t0 = time.process_time()
                signal.alarm(args.timeout)
                try:
                    result = fn(html, url)
                except Timeout:
                    result, error = {}, f"timeout after {args.timeout}s"
                except Exception as exc:  # an extractor failing on a page is a result, not a crash
                    result, error = {}, f"{type(exc).__name__}: {exc}"[:300]
                finally:
                    signal.alarm(0)
                if error:
                    failures += 1
                out = {
                    "id": entry["id"], "url": url, "title": result.get("title"),
                    "byline": result.get("byline"), "date": result.get("date"),
                    "text": result.get("text") or "", "extractor": name, "error": error,
                    "cpu_seconds": round(time.process_time() - t0, 4),
                }
                fh.write(json.dumps(out, ensure_ascii=False) + "\n")
        tmp.replace(args.out / f"{name}.jsonl")
        print(f"{name}: {len(pages)} pages, {failures} failed, {time.process_time() - started:.1f}s CPU",
              file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
