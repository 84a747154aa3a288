"""Reading a schedule file: size limit, encoding check, and telling JSON from XML."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from bot.importers.errors import ScheduleImportError

MAX_BYTES = 64 * 1024 * 1024
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")


def read_source(path: Path) -> bytes:
    """The file's bytes; a clear error when it is missing, a folder, empty or too large."""
    name = str(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ScheduleImportError(
                name, "is a folder; expected a schedule.json or schedule.xml file"
            )
        if not path.is_file():
            raise ScheduleImportError(name, "is not a regular file")
        if size > MAX_BYTES:
            raise ScheduleImportError(
                name,
                f"the file is {size // 2**20} MiB; schedules larger than "
                f"{MAX_BYTES // 2**20} MiB are refused",
            )
        with path.open("rb") as handle:  # never more than the limit, even if it grew
            data = handle.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise ScheduleImportError(name, f"larger than {MAX_BYTES // 2**20} MiB: refused")
    except FileNotFoundError:
        raise ScheduleImportError(name, "no such file") from None
    except OSError as exc:
        raise ScheduleImportError(name, f"cannot read the file: {exc.strerror or exc}") from None
    if not data.strip():
        raise ScheduleImportError(name, "the file is empty")
    return data


def _not_utf8(name: str, data: bytes, exc: UnicodeDecodeError) -> ScheduleImportError:
    offset = exc.start
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    byte = data[offset]
    return ScheduleImportError(
        f"{name}:{line}:{column}",
        f"not UTF-8: byte 0x{byte:02X} at byte offset {offset} is not valid UTF-8 "
        "(the file looks like Latin-1 or Windows-1252); export the schedule as UTF-8 again, "
        f"or convert it, e.g. iconv -f latin1 -t utf-8 {Path(name).name}",
    )


def decode_json(name: str, data: bytes) -> str:
    """JSON text: UTF-8 (a BOM allowed), or UTF-16/32 with a BOM; anything else is refused."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ScheduleImportError(
                    name, f"not valid {encoding.upper()} text: {exc.reason}"
                ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _not_utf8(name, data, exc) from None


def check_xml_encoding(name: str, data: bytes) -> None:
    """An XML file with no encoding declaration, or one declaring UTF-8, must be UTF-8.

    (expat would say only "not well-formed (invalid token)"; this says what is wrong.) A file
    that declares another encoding, such as ISO-8859-1, is left to the XML parser, which
    honours the declaration.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return
    match = _XML_ENCODING.match(data.removeprefix(codecs.BOM_UTF8)[:512])
    if match and match.group(1).decode().lower().replace("_", "-") not in ("utf-8", "utf8"):
        return
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _not_utf8(name, data, exc) from None


def detect_format(name: str, data: bytes) -> str:
    """``"json"`` or ``"xml"``, from the content (not the file name)."""
    head = data.lstrip(codecs.BOM_UTF8).lstrip()[:1]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            head = data.decode("utf-16").lstrip()[:1].encode()
        except UnicodeDecodeError:
            head = b""
    if head in (b"{", b"["):
        return "json"
    if head == b"<":
        return "xml"
    raise ScheduleImportError(
        f"{name}:1",
        "neither JSON nor XML: expected a pretalx/frab schedule.json (starting with '{') "
        "or schedule.xml (starting with '<')",
    )


__all__ = ["MAX_BYTES", "check_xml_encoding", "decode_json", "detect_format", "read_source"]
