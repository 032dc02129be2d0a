"""Minutes source: the Cardano Improvement Proposals (CIP) editors' biweekly meetings, cardano-foundation/CIPs
BiweeklyMeetings/YYYY-MM-DD.md (2020-2022; the series ended there).

The notes are a transcript per proposal under review ("**Duncan** - I looked at it two weeks ago ...", "**M** - ..."),
and the editors close each proposal's discussion with its outcome on a line of its own:
  => Merge **NOW**: [PR57: "Key Serialization Formats"](...)     a decision: the "=>" goes, the text stays in place
  => Moved to 'Last Check' for next meeting (pending Edits)       (every "=>" line is the editors' verdict, whatever
  => On Hold, Markus to add comments to which Duncan will ...      its wording, as a "Conclusion" is in other minutes)
  => **Action**: - merge pr (CIP2 - "Coin Selection" - DRAFT)     the same; "**Action**:" is part of the marker
  ### Close                                                       the recap of the meeting's outcomes, restated from
                                                                  above: removed, never labelled
A "=>" with no words after it is removed and labels nothing. The table of contents at the top of each file (links to
its own headings) is page navigation, not minutes, and is removed. Files without a "=>" line have no labels and are
left out by the driver.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import minutes_common as common  # noqa: E402
from sources.eslint import clean  # noqa: E402

PROJECT = "cardano-foundation/CIPs"
COMMIT = "eb4510345f0ce7c014a7d83f85d43e86c537897f"
LICENSE = "CC-BY-4.0"
CAP = 80
ATTRIBUTION = """
# Source: Cardano Improvement Proposals, editors' biweekly meeting notes

- Project: cardano-foundation/CIPs, https://github.com/cardano-foundation/CIPs
- Commit: %s (the snapshot read; files `BiweeklyMeetings/YYYY-MM-DD.md`)
- License: the repository's LICENSE, Creative Commons Attribution 4.0 International (CC BY 4.0),
  https://creativecommons.org/licenses/by/4.0/
- Copyright holders: the CIP editors and the contributors to the meeting notes

This set includes material copied from or derived from the CIP editors' biweekly meeting notes,
https://github.com/cardano-foundation/CIPs/tree/%s/BiweeklyMeetings, by the CIP editors and contributors,
licensed under CC BY 4.0.

Changes: outcome markers and recap sections removed; labels derived from them. Concretely, the "=>" marker (with
"**Action**:" after it) that opens each proposal's outcome line was removed and the outcome's text kept in place;
each outcome became a decision label. The "Close" section that restates the meeting's outcomes and the table of
contents at the top of each file were removed. Nothing else was changed. Each `<doc>.json` names the source file and
commit.
""" % (COMMIT, COMMIT)

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_CLOSE = re.compile(r"^close\b", re.I)
_OUTCOME = re.compile(r"^(?P<lead>\s*(?:>\s*)?)(?:\*\*)?=>(?:\*\*)?\s*(?:\*\*Action\*\*\s*:\s*(?:-\s+)?)?(?P<text>.*?)\s*$")
_TOC = re.compile(r"^\s*\*\*Table of Contents:?\*\*", re.I)
_WORDS = re.compile(r"[A-Za-z]{2,}")


def parse(text):
    lines = text.splitlines()
    out, decisions = [], []
    i = 0
    while i < len(lines):
        line = lines[i]
        if _TOC.match(line):
            # The table of contents: its title and the list of links under it, up to the first heading.
            i += 1
            while i < len(lines) and not _HEADING.match(lines[i]):
                i += 1
            continue
        h = _HEADING.match(line)
        if h and _CLOSE.match(clean(h.group(2))):
            i = common.section_end(lines, i, len(h.group(1)), _HEADING)
            continue
        m = _OUTCOME.match(line)
        if m:
            raw = m.group("text")
            content = clean(raw)
            if _WORDS.search(content):
                out.append(m.group("lead") + raw)
                decisions.append({"content": content})
            i += 1
            continue
        out.append(line)
        i += 1
    return "\n".join(out).strip() + "\n", [], decisions


def documents(git):
    yield from common.dated_documents(git, COMMIT, "BiweeklyMeetings", r"BiweeklyMeetings/\d{4}-\d\d-\d\d\.md$", parse, CAP)
