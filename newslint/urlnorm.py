"""URL normalisation: the key under which two URLs count as "the same page".

Scrapers reach one article under many spellings: ``http`` and ``https``, ``www.`` or not, a
trailing slash, a ``#comments`` fragment, and above all tracking parameters appended by
newsletters and social shares (``utm_source``, ``fbclid``, the Guardian's ``CMP``). The key keeps
what names the page (host, port if not the default, path, the remaining query parameters in a
stable order) and drops the rest. Path case is kept: paths are case-sensitive on most servers.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

#: query parameters dropped from URLs; an entry ending in ``*`` is a prefix
TRACKING_PARAMS: tuple[str, ...] = (
    "utm_*",
    "fbclid",
    "gclid",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "yclid",
    "twclid",
    "igshid",
    "mc_cid",
    "mc_eid",
    "_ga",
    "_gl",
    "mkt_tok",
    "ocid",
    "cmpid",
    "cmp",
    "smid",
    "smtyp",
    "ito",
    "ns_mchannel",
    "ns_source",
    "ns_campaign",
    "ns_linkname",
    "ns_fee",
    "share",
    "ref_src",
    "__twitter_impression",
    "at_medium",
    "at_campaign",
    "at_custom*",
)

_DEFAULT_PORTS = {"http": 80, "https": 443}


def _tracking(name: str, params: tuple[str, ...]) -> bool:
    low = name.lower()
    for p in params:
        if p.endswith("*"):
            if low.startswith(p[:-1]):
                return True
        elif low == p:
            return True
    return False


def normalize_url(url: str | None, tracking: tuple[str, ...] = TRACKING_PARAMS) -> str | None:
    """The comparison key of ``url``: scheme-less, lower-case host without ``www.``, no trailing
    slash, no fragment, tracking parameters removed and the others sorted. None for a value that
    is not an absolute http(s) URL (or a scheme-relative ``//host/path``)."""
    if not url:
        return None
    url = url.strip()
    if url.startswith("//"):
        url = "http:" + url
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    # one spelling of percent-escapes: decode, then re-encode what must be encoded
    path = quote(unquote(parts.path), safe="/:@!$&'()*+,;=-._~") or "/"
    path = re.sub(r"/{2,}", "/", path)
    if len(path) > 1:
        path = path.rstrip("/")
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _tracking(k, tracking)
    ]
    query.sort()
    key = host + path
    if query:
        key += "?" + urlencode(query)
    return key


def url_host(url: str | None) -> str | None:
    """The lower-case host of ``url`` without ``www.`` (None when there is none)."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip() if "//" in url else "//" + url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host
