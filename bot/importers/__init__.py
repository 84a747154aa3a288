"""Import pretalx / frab schedule exports (schedule.json, schedule.xml) into the knowledge base.

``python -m bot import FILE [--out DIR]`` writes ``DIR/schedule.yaml`` (event, sessions,
speakers with the source's ids) and leaves every other file of the folder alone. See
:mod:`bot.importers.importer` for file ownership and atomic writing,
:mod:`bot.importers.build` for ids, overlaps and texts, and
:mod:`bot.importers.timezones` for how the event's time zone is chosen.

Public API::

    import_schedule(source, out_dir, *, timezone="", overlaps="unroom",
                    keep_event=False, dry_run=False) -> ImportResult
    parse_schedule(source, *, timezone="", overlaps="unroom") -> ScheduleData
    import_schedule_bytes(raw, name, out_dir, ...) -> ImportResult   (a fetched export)
    render_yaml(data, *, digest="", with_event=True) -> str
    ScheduleImportError(place, message) with .problems
"""

from bot.importers.build import OVERLAP_POLICIES, ScheduleData, make_id
from bot.importers.errors import ImportProblem, ScheduleImportError
from bot.importers.html_text import html_to_text
from bot.importers.importer import (
    GENERATED_MARKER,
    SCHEDULE_FILE,
    ImportCheck,
    ImportResult,
    decode_schedule,
    import_schedule,
    import_schedule_bytes,
    parse_schedule,
    read_schedule,
    render_yaml,
)

__all__ = [
    "GENERATED_MARKER",
    "OVERLAP_POLICIES",
    "SCHEDULE_FILE",
    "ImportCheck",
    "ImportProblem",
    "ImportResult",
    "ScheduleData",
    "ScheduleImportError",
    "decode_schedule",
    "html_to_text",
    "import_schedule",
    "import_schedule_bytes",
    "make_id",
    "parse_schedule",
    "read_schedule",
    "render_yaml",
]
