"""Minutes source: the Ethereum All Core Devs meeting notes, ethereum/pm AllCoreDevs-EL-Meetings/Meeting N.md (the
execution-layer calls, before 2021 the only All Core Devs call) and AllCoreDevs-CL-Meetings/call_NNN.md (the
consensus-layer calls, formerly the Eth2.0 implementers calls).

A file opens with the meeting's metadata ("### Meeting Date/Time: Friday, May 24, 2019 14:00 UTC", moderator, links)
and, from 2019, a summary of the meeting's outcomes ("# Summary" with "### DECISIONS MADE" / "### ACTIONS REQUIRED",
"## Decision Items", "## Actions Needed", tables "Decision Item | Description", "EIP Status", ...). Then come the
agenda items, each a transcript ("**Martin Holst Swende:** ...", "**Tim** - ...", bullets under a speaker), and in the
notes used here the scribe closes a discussion with its outcome, in the talk's place:
  **ACTION 62.3:** Perform a full benchmark for EIP-1108.        a marker line: a task or a decision; the marker and
  **DECISION 64.1:** Ronan advised that we can drop EIP-1959.    its number go, the text stays in place (also
  * **DECISION 1:** Okay, basefee's will be in London [1:19:53](..)   "**DECISION 61.3**:", "**Decision 63.1:**",
                                                                 "**Action Item 80.1:**", "**Decision Item 83.1:**",
                                                                 "** DECISION 75.1:**", "ACTION 1:", "**Decision 6:**",
                                                                 a marker after a sentence, "Cool. **Decision 4:** is
                                                                 to ...", and "`Decision #3 is to remove ...`")
  **Decisions**: / **Actions Required**: / **Action Items**      a label over a list ("- **96.1**: text", "-
  ## Decisions / ## Actions / ## Decisions Made / ## Decision Items   **78.1**—text", "-**89.1**- text", plain
  - **96.2**: clients to merge ProgPoW, ...                      bullets) or over lines opening with a bold number
                                                                 ("**104.1**: text"): the label line and the items'
                                                                 numbers go, the items stay, each item one label; a
                                                                 "## Decisions" heading over a paragraph: the heading
                                                                 goes, each paragraph is one label
  Decision 1 | [24:34](https://youtu.be/...)                     the 2021 "Decision N | Video | [time](link)" lines
      Use geological faults for testnet names                    (also a bare "Action 2") before the outcome as an
                                                                 indented paragraph: "Decision N | Video |" goes, the
                                                                 time link and the paragraph stay, the paragraph is
                                                                 the label
  | **Decision 1** | Fee history to be used as default | [33:51](..) |   a summary-table row repeated after the talk:
                                                                 the marker cell goes, the rest of the row stays
A task's assignee is the person or team its text opens with ("James Hancock to update ..." -> "James Hancock", "Cat
Herders to ..." -> "Cat Herders", "Micah and Martin to ..." -> "Micah and Martin", "Geth team finish ..." -> "Geth
team") or a trailing "(Name)"; none otherwise (also none for "UNGAS to be formally specified ...": a thing to be
done). A trailing video time link is not part of a label. No due dates are set. A marker in the talk's place is this
meeting's outcome whatever its number (meeting 79 numbers its own outcomes "78.1", ...).

The summary at the top restates the meeting's outcomes: it is removed from the body and not labelled, except an
outcome of this meeting that it states and no marker of the notes does (no marker with text has its kind and number,
none holds half its content words; numbered with this meeting's number or unnumbered; not struck through, not
"None"): that one is labelled from the summary, and the driver drops the document if the remaining body does not hold
it (so meetings 80 and 83 are left out). The summary is the first outcome-type heading ("Summary", "Decisions Made",
"Action Items", "EIP Status", "Suggestions", "Note", ...) before the talk starts, with what follows it up to the first
heading that is neither outcome-type nor a subheading of "Summary", an agenda heading, a numbered agenda item, or a
horizontal rule (removed with it).

Sections reviewing earlier meetings ("# 1. [Review previous decisions made and action items](...)", "Review Previous
Decisions", "Review previous meeting", "Previous Decisions": earlier meetings' "ACTION 61.1" / "DECISION 58.1" items
with "Status:" lines and the talk about them) are removed and never labelled, up to the next heading of the same or a
higher level, or a numbered, agenda or closing heading ("Attendees", "Annex", ...). This meeting's own marker lines in
them ("**Decision 63.1:** EIP-2024 accepted into Istanbul", reached while reviewing an earlier action) stay, marker
removed, set off by blank lines, and are labelled. Markers with no text after them ("**Decision 61.1**" over a
speaker's list: the line goes), "None" and struck-through ("~~...~~") entries label nothing; "**Suggestion 61.1**:"
and "**NOTE 20.1**:" are not outcomes and stay as written.

The "** **" spacer lines the scribes put around marker lines are page markup, not minutes, and are removed; runs of
blank lines are reduced to one. Nothing else is changed: timestamps, links, speaker names and the "### STATUS:
UNDECIDED"-style headings stay as written.

Files used: those with at least one outcome marker after the talk (the files with outcomes only in the summary, and
the non-numbered files, are left out): execution-layer meetings 54 (February 2019, "ACTION 1:" lines), 58-75 (2019,
"ACTION 62.3" / "DECISION 61.3" lines), 79-105 (2020 to February 2021, per-topic "Decisions" / "Actions" blocks) and
107-115 (2021, "Decision N | Video" lines, "DECISION N:" bullets, repeated table rows), where a file has markers, and
consensus-layer calls 20, 30, 31, 33, 49, 57 and 59 in the same styles. Meeting 52 is not used: it lists its action
items and decision after the last topic, a recap rather than outcomes in the talk's place. Notes before 2019 have
no such markers; from mid-2021 the notes give the outcomes only in a summary table at the top (later a write-up of
each topic) and the talk carries no markers.

The reference date is the date of the "Meeting Date/Time:" line (none when the line gives no year). When the weekday
it names does not fall on that date but does on the same day a year later or earlier, and only that date lies between
the dates of the meetings numbered next to it, the year is a slip and that date is taken ("Friday 08 Jan 2020" of
meeting 103 is 2021-01-08; likewise meetings 53 and 105).
"""
import datetime
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import minutes_common as common  # noqa: E402
from sources.eslint import clean  # noqa: E402

PROJECT = "ethereum/pm"
COMMIT = "cea5a16928f6f233a038d237bb0706c3a6f7bc6f"
LICENSE = "CC-BY-SA-3.0"
CAP = 80
ATTRIBUTION = """
# Source: Ethereum All Core Devs meeting notes

- Project: ethereum/pm (Ethereum project management: All Core Devs meeting agendas and notes),
  https://github.com/ethereum/pm
- Commit: %s (the snapshot read; files `AllCoreDevs-EL-Meetings/Meeting N.md` and
  `AllCoreDevs-CL-Meetings/call_NNN.md`)
- License: the repository's LICENSE, "Creative Commons Legal Code / Attribution-ShareAlike 3.0 Unported" (CC BY-SA
  3.0), https://creativecommons.org/licenses/by-sa/3.0/
- Copyright holders: the contributors to the All Core Devs meeting notes (the scribes and editors of ethereum/pm)

The documents in this folder are an adaptation of the All Core Devs meeting notes of ethereum/pm,
https://github.com/ethereum/pm/tree/%s, by their contributors, licensed under CC BY-SA 3.0. The documents in this
folder (the `<doc>.md` texts and the labels in `<doc>.json` derived from them) are licensed under the same license,
Creative Commons Attribution-ShareAlike 3.0 Unported, https://creativecommons.org/licenses/by-sa/3.0/. The work is
provided "as is", without warranties.

Changes: outcome markers, summaries and review sections removed; labels derived from them. Concretely: the scribes'
outcome markers after the talk ("**ACTION 62.3:**", "**DECISION 61.3**:", "** DECISION 75.1:**", "**Action Item
80.1:**", "**Decision Item 83.1:**", "ACTION 1:", "* **DECISION 1:**", "`Decision #3`", "Decision 1 | Video |", a
"**Decision 1**" table cell) were removed and their text kept in place; the labels over lists of outcomes
("**Decisions**:", "**Actions Required**:", "## Decisions", "## Actions", "## Decisions Made", ...) and the items'
numbers ("**96.1**:") were removed and the items kept in place; marker lines with no text were removed. Each outcome
became a decision or task label, a task with the person or team it opens with as its assignee. The summary of the
meeting's outcomes at the top of each file ("Summary", "Decisions Made", "Actions Required", "Action Items", "EIP
Status" and similar sections, with the horizontal rule closing it) was removed; an outcome stated only there became a
label too. Sections reviewing earlier meetings' decisions and action items were removed, except this meeting's own
outcome lines within them, which were kept (set off by blank lines). The "** **" spacer lines were removed and runs of
blank lines reduced to one. Nothing else was changed. Only notes with outcome markers after
the talk are included. Each `<doc>.json` names the source file and commit.
""" % (COMMIT, COMMIT)

# Meeting 52 lists its action items and decision at the end, after the last topic (a recap, not in the talk's place)
_NOT_USED = {"AllCoreDevs-EL-Meetings/Meeting 52.md"}
_FILE = re.compile(r"^AllCoreDevs-(?P<layer>EL|CL)-Meetings/(?:[Mm]eeting (?P<el>\d+)|call_(?P<cl>\d+))\.md$")
_HEADING = re.compile(r"^ {0,3}(#{1,6})\s*(\S.*?)\s*#*\s*$")
_HR = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
_SPACER = re.compile(r"^\s*\*\*\s+\*\*\s*$")
_COMMENT = re.compile(r"<!--.*?-->")
_SUMMARY_HEAD = re.compile(
    r"^(summary|note|eip status|suggestions|proposals|(new |current )?(decisions?|actions?)( made| required| needed|"
    r" items?)?|(decision|action) items?( and (decision|action) (notes|items))?|decisions and actions( made)?)$", re.I)
_META_HEAD = re.compile(r"(date|time|duration|agenda page|github agenda|video|audio|moderator|scribe|notes?\s*:|"
                        r"reddit|previous call|facilitator|attendees|notes?$|meeting\s*#?\s*\d|call\s*#?\s*\d)", re.I)
_AGENDA_HEAD = re.compile(r"^(agenda|contents|table of contents)\b", re.I)
_NUMBERED_HEAD = re.compile(r"^(\d+|[ivx]+)[.)]?(\s|\d|$)", re.I)
_REVIEW_HEAD = re.compile(r"(review (of )?(the )?(previous|prior|last|past)\b.*\b(decisions?|actions?|meetings?|"
                          r"calls?)|^previous (decisions|actions))", re.I)
_CLOSING_HEAD = re.compile(r"^(attendees|attendance|annex|appendix|links|zoom chat|(date (for|of) )?next meeting)",
                           re.I)
_SPEAKER = re.compile(r"^\s*(?:[-*]\s+)?\*\*[A-Z][^*\n]{0,40}?(?::\*\*|\*\*\s*[:\-])")

_KIND = r"(?P<kind>ACTIONS?(?: ITEMS?)?|DECISIONS?(?: ITEMS?)?|Actions?(?: [Ii]tems?)?|Decisions?(?: [Ii]tems?)?)"
_NUM = r"(?P<num>\d+(?:\.\d+)*)"
# a marker line: "**ACTION 62.3:** text", "**DECISION 61.3**: text", "** DECISION 75.1:** text", "ACTION 64.1: text",
# "* **DECISION 1:** text", "**Decision 6:** text", "_DECISION:_ text"; optionally after a sentence ("Cool. **...")
_MARKER = re.compile(
    r"^(?P<lead>\s*(?:[-*+]\s+)?(?:.*?[.!?]\s+)??)"
    r"(?:(?P<b1>\*\*|__|_|\*)\s*" + _KIND + r"(?:\s*#?\s*" + _NUM + r")?\s*[:.]?\s*(?P=b1)\s*[:.\-\u2014]?"
    r"|" + _KIND.replace("kind", "kind2") + r"\s*" + _NUM.replace("num", "num2") + r"\s*:)"
    r"(?P<text>.*)$")
# "Decision 1 | Video | [~24:57](...)", "Action 3 | [1:14:49](...)"
_VIDEO_MARKER = re.compile(r"^(?P<kind>Decision|Action)\s+(?P<num>\d+)\s*(?:\|\s*(?:Video\s*\|\s*)?(?P<rest>.*))?$",
                           re.I)
# "| **Decision 1**   | text | [33:51](...) |"
_ROW_MARKER = re.compile(r"^\|\s*\*\*(?P<kind>Decision|Action)\s+(?P<num>\d+)\*\*\s*\|(?P<rest>.*)$", re.I)
# "**Decisions**:", "**Actions Required**:", "- **Decision**:", "**Decisions**"
_BLOCK_LABEL = re.compile(r"^(?P<indent>\s*)(?:[-*+]\s+)?\*\*\s*(?P<kind>decisions?|actions?(?: required| needed)?|"
                          r"action items?|decision items?)\s*:?\s*\*\*\s*:?\s*$", re.I)
_BLOCK_HEAD = re.compile(r"^(decisions?( made)?|actions?( required| needed)?|action items?|decision items?)$", re.I)
# a line of its own in a block, opening with its bold number: "**104.1**: YOLOv3 to be launched when ready"
_NUMBERED_LINE = re.compile(r"^(?P<indent>\s*)(?P<bullet>)(?P<text>\*\*\s*\d+(?:\.\d+)*\s*:?\s*\*\*.*)$")
# "`Decision #3 is to remove EIP-2315 from Berlin.`", "`Decision #2 - London test dates to remain as is.`"
_CODE_MARKER = re.compile(r"^(?P<lead>\s*`)\s*(?P<kind>Decision|Action)\s*#\s*(?P<num>\d+)\s*[:\-]?\s*"
                          r"(?P<text>.*?`)\s*$", re.I)
_ITEM = re.compile(r"^(?P<indent>\s*)(?P<bullet>[-*+]|\d+[.)])(?:\s+|(?<=-)(?=\*\*\d))(?P<text>.*)$")
# an item's own number: "**96.1**: ", "**78.1**\u2014", "87.1 ", "**1** "
_ITEM_NUM = re.compile(r"^(?:\*\*\s*" + _NUM + r"\s*:?\s*\*\*\s*[:.\-\u2014]?|" + _NUM.replace("num", "num2")
                       + r"\s*[:.\-\u2014]|" + _NUM.replace("num", "num3") + r"(?=\s))\s*")
_NONE = re.compile(r"^\W*(none|n/?a|tbd|nothing|no (decisions?|actions?)( made| required)?)\W*$", re.I)
_TIME_LINK = re.compile(r"\s*\(?\[\s*~?\d{1,2}(?:[:.]\d\d){1,2}\s*\]\([^)]*\)\)?\s*$")
_WORDS = re.compile(r"[A-Za-z]{2,}")

WEEKDAYS = {d: i for i, d in enumerate(["mon", "tue", "wed", "thu", "fri", "sat", "sun"])}
_WEEKDAY = re.compile(r"\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b", re.I)
MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
     "december"])}
MONTHS_BY_ABBR = {m[:3]: v for m, v in MONTHS.items()}
_MON = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE_MDY = re.compile(_MON + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(20\d\d)\b", re.I)
_DATE_DMY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + _MON + r",?\s+(20\d\d)\b", re.I)
_DATE_YMD = re.compile(r"\b(20\d\d)[/-](\d{1,2})[/-](\d{1,2})\b")
_DATE_US = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d\d)\b")


def stated_dates(text):
    """(date, alternative) of the "Meeting Date/Time:" line, or (None, None) without one or without a year. The
    alternative is the same day a year later or earlier when only that one falls on the weekday the line names (a
    year slip, "Friday 08 Jan 2020" for the call of Friday 8 January 2021), else None."""
    m = re.search(r"Date/Time:?\**\s*(.*)", text)
    if not m:
        return None, None
    line = m.group(1).replace("*", "")
    for rx, order in ((_DATE_MDY, "mdy"), (_DATE_DMY, "dmy"), (_DATE_YMD, "ymd"), (_DATE_US, "us")):
        d = rx.search(line)
        if not d:
            continue
        if order == "mdy":
            y, mo, day = int(d.group(3)), MONTHS_BY_ABBR[d.group(1).lower()[:3]], int(d.group(2))
        elif order == "dmy":
            y, mo, day = int(d.group(3)), MONTHS_BY_ABBR[d.group(2).lower()[:3]], int(d.group(1))
        elif order == "ymd":
            y, mo, day = int(d.group(1)), int(d.group(2)), int(d.group(3))
        else:
            y, mo, day = 2000 + int(d.group(3)), int(d.group(1)), int(d.group(2))
        try:
            date = datetime.date(y, mo, day)
        except ValueError:
            continue
        w = _WEEKDAY.search(line)
        if w and date.weekday() != WEEKDAYS[w.group(1).lower()[:3]]:
            for other in (y + 1, y - 1):
                try:
                    alt = datetime.date(other, mo, day)
                except ValueError:
                    continue
                if alt.weekday() == WEEKDAYS[w.group(1).lower()[:3]]:
                    return date, alt
        return date, None
    return None, None


def reference_dates(stated):
    """The reference date of each meeting of a series, {number: (date, alternative)} -> {number: "YYYY-MM-DD"}: the
    stated date, or its alternative when only the alternative lies between the stated dates of the meetings numbered
    next to it (the calls are numbered in the order they were held)."""
    numbers = sorted(n for n in stated if stated[n][0])
    out = {}
    for k, n in enumerate(numbers):
        date, alt = stated[n]
        if alt:
            before = stated[numbers[k - 1]][0] if k > 0 else datetime.date.min
            after = stated[numbers[k + 1]][0] if k + 1 < len(numbers) else datetime.date.max
            if not before <= date <= after and before <= alt <= after:
                date = alt
        out[n] = date.isoformat()
    return out


def _heading(line):
    h = _HEADING.match(line)
    if not h:
        return None
    return len(h.group(1)), clean(_COMMENT.sub("", h.group(2))).strip().rstrip(":").strip()


def summary_zone(lines, meeting):
    """(start, end) of the summary of the meeting's outcomes at the top, or None."""
    start = None
    for i, line in enumerate(lines):
        m = _marker(line)
        if m and not _own(m[1], meeting):
            continue  # an earlier meeting's item under "# Previous Decisions"
        if m or _SPEAKER.match(line):
            return None
        h = _heading(line)
        if not h:
            continue
        level, title = h
        if _SUMMARY_HEAD.match(title):
            start, top = i, level if title.lower() == "summary" else None
            break
        if i == 0 or _META_HEAD.search(title) or _AGENDA_HEAD.match(title) or _REVIEW_HEAD.search(title):
            continue
        return None
    if start is None:
        return None
    j = start + 1
    while j < len(lines):
        h = _heading(lines[j])
        if h:
            level, title = h
            if _SUMMARY_HEAD.match(title):
                if title.lower() == "summary" and top is None:
                    top = level
            elif top is None or level <= top or _NUMBERED_HEAD.match(title) or _AGENDA_HEAD.match(title) or \
                    _REVIEW_HEAD.search(title):
                break
        elif _HR.match(lines[j]):
            return start, j + 1  # the rule that closes the summary goes with it
        j += 1
    return start, j


def review_end(lines, i, level):
    """Index past the review section whose heading (of `level` hashes) is lines[i]: the next heading of the same or
    a higher level, or a numbered, agenda or closing heading of any level."""
    j = i + 1
    while j < len(lines):
        h = _heading(lines[j])
        if h and (h[0] <= level or _NUMBERED_HEAD.match(h[1]) or _AGENDA_HEAD.match(h[1]) or _CLOSING_HEAD.match(h[1])):
            break
        j += 1
    return j


def _marker(line):
    """(kind, number, lead, text) of an inline outcome marker line, or None."""
    m = _MARKER.match(line)
    if not m:
        return None
    kind = m.group("kind") or m.group("kind2")
    num = m.group("num") or m.group("num2")
    if m.group("b1") in ("_", "*") and not num and not kind.isupper():
        return None
    if not num:
        # an unnumbered marker needs a colon ("**Decision**: ...", "_DECISION:_ ...")
        head = line[:m.start("text")]
        if ":" not in head:
            return None
        if not m.group("text").strip():
            return None  # "**Decisions**:" over a list: a block label
    return ("decision" if kind.lower().startswith("decision") else "task"), num, m.group("lead"), m.group("text")


_NOT_OWNERS = {"The", "We", "Everyone", "Someone", "This", "It", "They", "All", "If", "When", "Next", "Discussion",
               "Discuss", "Review", "Perform", "Engage", "Reach", "Have", "Figure", "Get", "Look", "Bring", "Update",
               "Contribute", "Feed", "Attend", "Let", "Continue", "Creating", "Create", "Document", "Full", "Move",
               "Make", "Take", "Keep", "Need", "Needs", "Going", "Close", "Stop", "Use", "Include", "Delay",
               "Postpone", "Revisit", "Check", "Work", "Any", "Each", "Both", "Further", "More", "Decision", "Action",
               "Okay", "Ok", "So", "Yes", "No", "Ill", "I", "I'll", "Approve", "Add", "Drop", "Remove", "Put",
               "Open", "Merge", "Find", "Send", "Write", "Ask", "Talk", "Schedule", "Plan", "Set", "Give", "Try"}
_WHO = r"[A-Z][\w'\u2019.-]*(?:\s+(?:[A-Z][\w'\u2019.-]*|\(\w+\)))*"
_OWNER = re.compile(r"^(?P<who>" + _WHO + r"(?:\s*(?:,|&|\band\b)\s*" + _WHO + r")*(?:\s+team)?)(?:\s+(?:to|will|"
                    r"should|would|can|needs? to|is going to|volunteered to|agreed to|are going to)\b|"
                    r"(?<=team)\s+[a-z]+\b)")  # "Geth team finish final reviews ..."
_TRAILING_OWNER = re.compile(r"\((?P<who>" + _WHO + r"(?:\s*(?:,|&|\band\b)\s*" + _WHO + r")*)\)\s*\.?$")


def assignee(text):
    m = _OWNER.match(text) or _TRAILING_OWNER.search(text)
    if not m:
        return None
    who = m.group("who").strip()
    first = who.split()[0]
    if first in _NOT_OWNERS or first.endswith("ing") or re.match(r"EIPs?\b", first) or len(who.split()) > 8:
        return None
    if m.re is _OWNER and re.match(r"\s*to be\b", text[m.end("who"):]):
        return None  # "UNGAS to be formally specified ...": a thing to be done, nobody named
    return who


def _label(kind, raw):
    content = clean(_TIME_LINK.sub("", raw)).strip()
    if "~~" in raw or not _WORDS.search(content) or _NONE.match(content):
        return None
    if kind == "task":
        return "task", {"content": content, "assignee": assignee(content), "due_date": None}
    return "decision", {"content": content}


def _own(num, meeting):
    """False when the marker's number names an earlier meeting ("ACTION 61.1" in meeting 62's notes)."""
    if not num or "." not in num:
        return True
    return int(num.split(".")[0]) >= meeting


def _cells(row):
    return [c.strip() for c in row.strip().strip("|").split("|")]


def summary_items(lines, meeting):
    """(kind, number, text) of the outcomes of this meeting that the summary lists: its marker lines, the rows of its
    decision/action tables and the items of its decision/action lists (other lines, such as "Status:", are not
    outcomes)."""
    items = []
    kind = None
    for n, line in enumerate(lines):
        h = _heading(line)
        if h:
            title = h[1].lower()
            kind = "decision" if title.startswith("decision") else \
                "task" if title.startswith(("action", "new action")) else None
            continue
        m = _marker(line)
        if m:
            if _own(m[1], meeting):
                items.append((m[0], m[1], m[3]))
            continue
        if kind is None or not line.strip() or _HR.match(line):
            continue
        if "|" in line:
            cells = _cells(line)
            following = lines[n + 1] if n + 1 < len(lines) else ""
            if len(cells) < 2 or all(re.match(r"^:?-*:?$", c) for c in cells) or \
                    re.match(r"^\s*\|?\s*:?-+:?\s*\|", following):
                continue  # a separator or a header row
            first = clean(cells[0])
            if re.fullmatch(r"\d+(?:\.\d+)*", first):
                if _own(first, meeting):
                    items.append((kind, first, cells[1]))
            else:
                items.append((kind, None, cells[0] + ": " + cells[1]))
            continue
        it = _ITEM.match(line)
        if not it:
            continue
        text = it.group("text")
        n_ = _ITEM_NUM.match(text)
        num = n_ and (n_.group("num") or n_.group("num2") or n_.group("num3"))
        if n_:
            text = text[n_.end():]
        if _own(num, meeting):
            items.append((kind, num, text))
    return items


def _block_items(lines, i, indent):
    """Index past the list under a block label at lines[i - 1], with the indices of its items' lines."""
    j = i
    while j < len(lines) and not lines[j].strip():
        j += 1
    items = []
    while j < len(lines):
        line = lines[j]
        it = _ITEM.match(line) or (indent is None and _NUMBERED_LINE.match(line))
        if it and (indent is None or len(it.group("indent")) > indent):
            items.append(j)
            j += 1
            continue
        if not line.strip():
            k = j
            while k < len(lines) and not lines[k].strip():
                k += 1
            nxt = (_ITEM.match(lines[k]) or (indent is None and _NUMBERED_LINE.match(lines[k]))) if k < len(lines) \
                else None
            if nxt and items and (indent is None or len(nxt.group("indent")) > indent):
                j = k
                continue
        break
    return j, items


def parse(text, meeting):
    """(body, tasks, decisions) of a file, or None when no outcome marker follows the talk in its body."""
    lines = [l for l in text.splitlines() if not _SPACER.match(l)]
    zone = summary_zone(lines, meeting)
    summary = lines[zone[0]:zone[1]] if zone else []
    if zone:
        lines = lines[:zone[0]] + lines[zone[1]:]
    out, found = [], []
    quoted = []  # the text of every marker of the notes, also in review sections: outcomes not only in the summary
    numbered = set()  # (kind, number) of the markers with a text

    def add(kind, num, raw):
        # a marker in the talk's place is this meeting's outcome whatever its number (meeting 79 numbers its own
        # outcomes "78.1", ...)
        quoted.append(raw)
        lab = _label(kind, raw)
        if lab:
            found.append(lab)
            if num:
                numbered.add((lab[0], num))

    i = 0
    review_stop = -1
    while i < len(lines):
        line = lines[i]
        in_review = i < review_stop
        h = _HEADING.match(line)
        if h and not in_review and _REVIEW_HEAD.search(_heading(line)[1]):
            review_stop = review_end(lines, i, len(h.group(1)))
            i += 1
            continue
        m = _marker(line)
        if m:
            kind, num, lead, raw = m
            if in_review and not (num and "." in num and int(num.split(".")[0]) == meeting):
                quoted.append(raw)
                i += 1
                continue
            if raw.strip():
                if in_review:
                    out.append("")  # this meeting's outcome from a removed review section: a paragraph of its own
                out.append((lead + raw.lstrip()).rstrip())
                if in_review:
                    out.append("")
                add(kind, num, raw)
            elif lead.strip():
                out.append(lead.rstrip())
            i += 1
            continue
        if in_review:
            i += 1
            continue
        c = _CODE_MARKER.match(line)
        if c:
            out.append(c.group("lead") + c.group("text"))
            add("decision" if c.group("kind").lower() == "decision" else "task", c.group("num"), c.group("text")[:-1])
            i += 1
            continue
        v = _VIDEO_MARKER.match(line)
        if v:
            kind = "decision" if v.group("kind").lower() == "decision" else "task"
            if (v.group("rest") or "").strip():
                out.append(v.group("rest").strip())
            j = i + 1
            while j < len(lines) and not lines[j].strip():
                out.append(lines[j])
                j += 1
            para = []
            while j < len(lines) and lines[j].strip() and lines[j].startswith(("    ", "\t")):
                para.append(lines[j])
                j += 1
            out.extend(para)
            if para:
                add(kind, v.group("num"), " ".join(p.strip() for p in para))
            i = j
            continue
        r = _ROW_MARKER.match(line)
        if r:
            kind = "decision" if r.group("kind").lower() == "decision" else "task"
            out.append("|" + r.group("rest"))
            add(kind, r.group("num"), _cells("|" + r.group("rest"))[0])
            i += 1
            continue
        b = _BLOCK_LABEL.match(line)
        hb = h and _BLOCK_HEAD.match(_heading(line)[1])
        if b or hb:
            kind = "decision" if (b.group("kind") if b else _heading(line)[1]).lower().startswith("decision") \
                else "task"
            indent = len(b.group("indent")) if b and _ITEM.match(line) else None
            j, items = _block_items(lines, i + 1, indent)
            if not items and hb:
                # "## Decisions" over a paragraph: each paragraph up to the next heading is one outcome
                j = i + 1
                while j < len(lines) and not _HEADING.match(lines[j]):
                    j += 1
                paras = " ".join("\n" if not l.strip() else l.strip() for l in lines[i + 1:j]).split("\n")
                paras = [p.strip() for p in paras if p.strip()]
                if paras and not any(_marker(l) or _SPEAKER.match(l) or "|" in l for l in lines[i + 1:j]):
                    out.extend(lines[i + 1:j])
                    for p in paras:
                        add(kind, None, p)
                    i = j
                    continue
            if items:
                for k in range(i + 1, j):
                    if k not in items:
                        out.append(lines[k])
                        continue
                    it = _ITEM.match(lines[k]) or _NUMBERED_LINE.match(lines[k])
                    item = it.group("text")
                    n = _ITEM_NUM.match(item)
                    num = n and (n.group("num") or n.group("num2") or n.group("num3"))
                    if n:
                        item = item[n.end():]
                    out.append(it.group("indent") + (it.group("bullet") + " " if it.group("bullet") else "") + item)
                    add(kind, num, item)
                i = j
                continue
        out.append(line)
        i += 1
    if not found:
        return None
    tasks = [x for k, x in found if k == "task"]
    decisions = [x for k, x in found if k == "decision"]
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip() + "\n"
    # outcomes stated only in the summary: no marker of the notes with a text has the same number or holds at least
    # half of the item's content words
    for kind, num, raw in summary_items(summary, meeting):
        lab = _label(kind, raw)
        if not lab or (num and (lab[0], num) in numbered):
            continue
        if any(common.overlap(lab[1]["content"], clean(q)) >= common.MATCH for q in quoted):
            continue
        (tasks if lab[0] == "task" else decisions).append(lab[1])
    return body, tasks, decisions


def documents(git):
    paths = sorted(p for p in git("ls-tree", "-r", "-z", "--name-only", COMMIT).split("\0")
                   if _FILE.match(p) and p not in _NOT_USED)
    parsed, stated = [], {"el": {}, "cl": {}}
    for path in paths:
        f = _FILE.match(path)
        layer, meeting = f.group("layer").lower(), int(f.group("el") or f.group("cl"))
        text = git("show", "%s:%s" % (COMMIT, path))
        stated[layer][meeting] = stated_dates(text)
        parsed.append((layer, meeting, path, parse(text, meeting)))
    dates = {layer: reference_dates(stated[layer]) for layer in stated}
    docs = []
    for layer, meeting, path, result in parsed:
        if result is None:
            continue
        body, tasks, decisions = result
        docs.append(("%s-%03d" % (layer, meeting), path, body,
                     {"reference_date": dates[layer].get(meeting), "tasks": tasks, "decisions": decisions}))
    assert len({d[0] for d in docs}) == len(docs), "doc ids not unique"
    docs.sort(key=lambda d: (d[3]["reference_date"] or "", d[0]), reverse=True)
    yield from common.most_recent_qualifying(docs, CAP)
