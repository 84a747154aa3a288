"""Turn the HTML found in schedule abstracts into readable, markdown-ish plain text.

frab and FOSDEM (pentabarf) abstracts are HTML (``<p>``, ``<ul><li>``, ``<a href>``);
pretalx abstracts are usually markdown already, sometimes with a stray inline tag. The
rules, using only the standard library's :mod:`html.parser`:

- block elements (``p``, ``div``, headings, lists, tables, ``pre``) become paragraphs
  separated by a blank line, ``br`` a line break, list items ``- item`` (``1. item`` in an
  ordered list, indented when nested);
- links become ``text (url)``, or just the url when the text is the url;
- entities are unescaped; scripts, styles and comments are dropped;
- text that has no block-level tag keeps its own line breaks (a markdown abstract with an
  inline ``<a>`` stays laid out as written); markdown is kept as it is, it reads well.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import Any

_BLOCK = frozenset(
    "p div section article header footer aside blockquote pre table thead tbody tfoot tr "
    "h1 h2 h3 h4 h5 h6 ul ol dl dt dd li hr figure figcaption address center details "
    "summary".split()
)
_SKIP = frozenset(("script", "style", "head", "title", "template", "noscript"))
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)\b[^<>]*>")
_ENTITY = re.compile(r"&(#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_KNOWN_TAGS = (
    _BLOCK
    | _SKIP
    | frozenset(
        "a b i u s em strong code kbd samp var small big sub sup span br img abbr cite q del ins "
        "mark tt font strike th td caption label time wbr".split()
    )
)
# Characters PyYAML refuses in a document, and line separators that would confuse a reader.
# Lone surrogates (a JSON "\\ud83d" without its pair) cannot even be written as UTF-8.
_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
)


def looks_like_html(text: str) -> bool:
    """True when ``text`` holds real HTML tags (not ``a < b`` or ``<3``) or entities."""
    return any(m.group(1).lower() in _KNOWN_TAGS for m in _TAG.finditer(text)) or bool(
        _ENTITY.search(text)
    )


def _has_block_tags(text: str) -> bool:
    return any(
        m.group(1).lower() in _BLOCK or m.group(1).lower() == "br" for m in _TAG.finditer(text)
    )


class _TextMaker(HTMLParser):
    def __init__(self, keep_newlines: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.keep_newlines = keep_newlines
        self.out: list[str] = []
        self.skip_depth = 0
        self.pre_depth = 0
        self.lists: list[list[int]] = []  # one [counter] per open list; counter < 0: unordered
        self.links: list[tuple[str, int]] = []  # (href, index in out where its text starts)

    # -- output helpers (they look at the end of the output only: linear time) ------
    def _trim_end(self) -> int:
        """Drop trailing spaces and line breaks; return how many line breaks there were."""
        newlines = 0
        while self.out:
            last = self.out[-1]
            stripped = last.rstrip(" \n")
            newlines += last.count("\n", len(stripped))
            if stripped:
                self.out[-1] = stripped
                break
            self.out.pop()
        return newlines

    def _break(self, count: int) -> None:
        """End the current line (count=1) or paragraph (count=2), never more."""
        have = self._trim_end()
        if self.out:
            self.out.append("\n" * max(count, have))

    def _current_line(self) -> str:
        parts: list[str] = []
        for piece in reversed(self.out):
            _, newline, tail = piece.rpartition("\n")
            parts.append(tail)
            if newline:
                break
        return "".join(reversed(parts))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip_depth += 1
            return
        if self.skip_depth:
            return
        if tag == "br":
            self.out.append("\n" + "  " * len(self.lists))
        elif tag in ("ul", "ol"):
            self._break(1 if self.lists else 2)
            self.lists.append([0 if tag == "ol" else -1])
        elif tag == "li":
            self._break(1)
            depth = max(len(self.lists), 1)
            counter = self.lists[-1] if self.lists else [-1]
            if counter[0] >= 0:
                counter[0] += 1
                bullet = f"{counter[0]}. "
            else:
                bullet = "- "
            self.out.append("  " * (depth - 1) + bullet)
        elif tag == "hr":
            self._break(2)
            self.out.append("---")
            self._break(2)
        elif tag in _BLOCK:
            if tag == "pre":
                self.pre_depth += 1
            if not self.lists:
                self._break(2)
            elif not re.fullmatch(r" *(- |\d+\. )", self._current_line()):
                self._break(1)
                self.out.append("  " * len(self.lists))
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self.links.append((href.strip(), len(self.out)))
        elif tag == "img":
            alt = (dict(attrs).get("alt") or "").strip()
            if alt:
                self.out.append(f"[{alt}]")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("a",):
            return
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if self.skip_depth:
            return
        if tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            self._break(1 if self.lists else 2)
        elif tag == "li":
            self._break(1)
        elif tag in _BLOCK:
            if tag == "pre":
                self.pre_depth = max(0, self.pre_depth - 1)
            if not self.lists:
                self._break(2)
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            label = "".join(self.out[start:]).strip()
            if href and re.match(r"(?i)^(https?:|mailto:)", href):
                shown = href[7:] if href.lower().startswith("mailto:") else href
                if not label:
                    self.out.append(shown)
                elif _same_link(label, shown):
                    pass
                else:
                    self.out.append(f" ({shown})")

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        if self.pre_depth:
            self.out.append(data)
            return
        if self.keep_newlines:
            data = re.sub(r"[ \t\r\f\v]+", " ", data)
        else:
            data = re.sub(r"\s+", " ", data)
        if data.startswith(" ") and (not self.out or self.out[-1].endswith((" ", "\n"))):
            data = data.lstrip(" ")
        self.out.append(data)

    def text(self) -> str:
        return "".join(self.out)


def _same_link(label: str, href: str) -> bool:
    def bare(value: str) -> str:
        return re.sub(r"(?i)^[a-z]+://(www\.)?", "", value).rstrip("/")

    return bare(label) == bare(href)


def printable(value: Any) -> Any:
    """``value`` with characters a YAML file cannot hold removed from every string in it."""
    if isinstance(value, str):
        return _UNPRINTABLE.sub("", value)
    if isinstance(value, dict):
        return {printable(k): printable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [printable(v) for v in value]
    return value


def tidy(text: str) -> str:
    """Normalise line ends and blank lines, strip each line's end, drop control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    text = text.replace("\u00a0", " ")
    text = _UNPRINTABLE.sub("", text)
    lines = [line.rstrip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n").strip()


def html_to_text(text: str | None) -> str:
    """Readable plain text from an abstract that may hold HTML, markdown or plain text."""
    if not text:
        return ""
    if not looks_like_html(text):
        return tidy(text)
    keep_newlines = not _has_block_tags(text)
    if keep_newlines:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    maker = _TextMaker(keep_newlines=keep_newlines)
    try:
        maker.feed(text)
        maker.close()
    except (AssertionError, ValueError):  # pragma: no cover - html.parser is very lenient
        return tidy(html.unescape(_TAG.sub(" ", text)))
    return tidy(maker.text())


_INLINE_TAG = re.compile(r"(?i)</?(?:b|i|u|em|strong|span|code|sup|sub|small|br)\b[^<>]*>")


def one_line(text: str | None) -> str:
    """A title or name: entities unescaped, formatting tags dropped, whitespace collapsed.

    Other ``<...>`` is kept: a title such as "Parsing <script> safely" means it literally.
    """
    if not text:
        return ""
    text = _INLINE_TAG.sub("", text)
    if _ENTITY.search(text):
        text = html.unescape(text)
    text = _UNPRINTABLE.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


__all__ = ["html_to_text", "looks_like_html", "one_line", "printable", "tidy"]
