"""Minutes source: the Hyperledger Technical Steering / Oversight Committee (TSC, since 2022 TOC) meeting minutes,
hyperledger/toc meeting-minutes/YYYY/YYYY-MM-DD-*.md. The reference date is the date in the file name (the meeting
date). Every file opens with Jekyll front matter (layout, title, parent pages of the website), which is page
markup, not minutes, and is removed. The minutes with outcomes are those of 2016 and of 2023-2024; the 2017-2022
files are stubs of cancelled meetings.

Built on demand (infra/eval/build_minutes.py hyperledger_toc=<clone>), not in split.json: 39 documents, 52 task and
37 decision labels at the commit below. Most approvals carry no marker and about ten labelled votes are only a tally
("Unanimously approved."), so the decisions are far from complete: with a model trained on the six training projects
the extractor finds 0.60 of its tasks at 1.56 proposals per label and 0.19 of its decisions at 7.59 per label. Added
to training, it lowered the other training projects held out in turn: tasks 241 -> 240 of 330, decisions 631 -> 617
of 916.

2016, TSC minutes exported from a wiki: bold lines as section titles ("**Action Item Review**", "**HIP:  Iroha**"),
an HTML table of members, a transcript in nested lists ("- CF:  ...", "- - ..."), items wrapped over several lines,
and the scribe's outcome markers at the start of a list item:
  - ACTION:  Todd to send Doodle polls to check on preferences.     a task (also "**ACTION:**", "Action:"): the
                                                                   marker goes, the text (with its wrapped lines)
                                                                   stays in place; the assignee is the person it
                                                                   opens with ("Todd", "Mic Bowman, Chris Ferris")
                                                                   or names in brackets at its end ("(Arnaud)");
                                                                   collective subjects ("TSC to ...", "Technical
                                                                   Community to ...", "Each WG to ...") give none
  - CONSENSUS:  Active                                             a decision (also "**CONSENSUS:**", "Consensus:",
  - **VOTE:**  This Project LIfecycle as a starting point.          "VOTE:", "**VOTE** --", "TSC Vote:"): the marker
                                                                   goes, the text stays. A vote that records only
                                                                   its tally ("VOTE:  Unanimously approved.") is
                                                                   labelled with that text as it stands. A
                                                                   "Consensus:" entry between "Key: value" entries
                                                                   (the consensus mechanism in a list of a code
                                                                   base's features) is no marker and stays.
  - \\[vote\\] Proposed Charter and 3 initial members ...          an item put to a vote whose result follows as
    - - Passed unanimously.                                        the item nested under it or beside it: a
                                                                   decision; the "[vote]" marker goes, the text
                                                                   stays, the result line stays unlabelled
  **Actions** / **Actions:** / **Action Items** / **Actions/On-going** at the end (once at the top) of a file: the
  running list of open actions after the meeting, restating the meeting's ACTION items and carrying over standing
  ones from earlier meetings ("Hackfest preparation and updates (Todd)"). Removed from the body, never labelled.
  **On-going** sections holding "ACTION:" items repeat the previous meeting's actions: removed, never labelled. An
  "**On-going**" section without markers (topics being tracked) stays in the body, unlabelled.
  **Action Item Review** sections go through the previous meeting's actions and hold this meeting's discussion of
  them, with new ACTION / VOTE / CONSENSUS markers: they stay in the body; their markers are labelled as anywhere
  else (outcomes recorded at this meeting); the reviewed items themselves are not labelled.

2023-2024, TOC meeting records (agenda headings "# Announcements", "# Quarterly reports", "# Discussion", ...):
  * Decision: [Move Ursa to EOL](...)                   an item put to a vote ("Decision:" or "Vote:") with the
      * Ursa was moved to EOL by voice vote             result nested under it: a decision; the marker goes, the
                                                        text stays; the result line stays, unlabelled
  * [Lifecycle Simplification](...)                     an unmarked item whose first nested line records that it
      * Vote passes, seven aye, one abstention          was approved ("Approved by role call vote", "Motion passes
                                                        by voice vote", "Motion: ...; Vote: Unanimous", ...): a
                                                        decision with the item's text; nothing is removed
  * X was approved unanimously by voice vote as ...     a line recording an approval by vote: a decision, nothing
                                                        is removed
An item marked "Vote:" with no result under it ("Vote: [Security Policy]") is left as it is and not labelled; so is
the "## Decision" agenda heading of 2023-01-26, which lists a topic with no recorded result. Unmarked actions in the
records ("Tracy will create PR ...") are not labelled. Approving minutes or agendas is meeting procedure and never
labelled. Due dates are not labelled (null). Files without any of these outcomes have no labels and are left out by
the driver.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import minutes_common as common  # noqa: E402
from sources.eslint import clean as _clean  # noqa: E402

PROJECT = "hyperledger/toc"
COMMIT = "56da63da7828f23bd45a9541b5dede174eb3c1c8"
LICENSE = "CC-BY-4.0"
CAP = 80
ATTRIBUTION = """
# Source: Hyperledger Technical Steering / Oversight Committee meeting minutes

- Project: hyperledger/toc, https://github.com/hyperledger/toc
- Commit: %s (the snapshot read; files `meeting-minutes/YYYY/YYYY-MM-DD-*.md`)
- License: Creative Commons Attribution 4.0 International (CC BY 4.0), https://creativecommons.org/licenses/by/4.0/;
  the repository's README: "This repo consists of documentation and is licensed under Creative Commons Attribution
  4.0 International (CC-BY-4.0), a copy of which can be found in the LICENSE file." (the LICENSE file holds the CC BY
  4.0 legal code; the README carries `SPDX-License-Identifier: CC-BY-4.0`)
- Copyright holders: the contributors to the Hyperledger TSC/TOC meeting minutes (the repository names no other
  holder; Hyperledger is a Linux Foundation project, now LF Decentralized Trust)

This set includes material copied from or derived from the Hyperledger Technical Steering Committee and Technical
Oversight Committee meeting minutes, https://github.com/hyperledger/toc/tree/%s/meeting-minutes, by the
contributors to the minutes, licensed under CC BY 4.0. The material is provided as is, without warranties.

Changes: outcome markers and action-list sections removed; labels derived from them. Concretely, in the 2016
minutes the "ACTION:", "Action:", "VOTE:", "TSC Vote:", "CONSENSUS:" and "Consensus:" markers (also in bold) and
the "[vote]" marker of items with an approving result were removed and their text kept in place; each action became
a task label, each vote or consensus a decision label. In the 2023-2024 records the "Decision:" and "Vote:" markers
of items with an approving result were removed and their text kept in place; these items, and unmarked items whose
recorded result is an approval by vote, became decision labels. The action lists of the 2016 minutes ("Actions",
"Action Items", "Actions/On-going"), which restate the meeting's actions and carry over earlier ones, and the
"On-going" sections that repeat an earlier meeting's actions were removed and not labelled. The Jekyll front matter
at the top of each file (page layout and navigation) was removed. Nothing else was changed. Each `<doc>.json` names
the source file and commit.
""" % (COMMIT, COMMIT)

_FILE = re.compile(r"^meeting-minutes/\d{4}/(\d{4}-\d\d-\d\d)-[\w.-]+\.md$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BOLD_TITLE = re.compile(r"^\*\*(?P<title>[^*]+?)\s*\*\*\s*$")
_SUMMARY = re.compile(r"^(actions?|action items|actions\s*/\s*on-?going)\s*:?$", re.I)
_ONGOING = re.compile(r"^on-?going\s*:?$", re.I)
_ITEM = re.compile(r"^(?P<indent>\s*)(?P<bullets>(?:[-*+]\s+)+)(?P<text>.*)$")
# An outcome marker at the start of a list item: "ACTION:", "**ACTION:**", "**VOTE** --", "**VOTE: **",
# "TSC Vote:", "CONSENSUS:", "Consensus:" (2016; always outcomes) and "Decision:", "Vote:", "\[vote\]" (items put to
# a vote; outcomes only with an approving result under them).
_MARKER = re.compile(r"^(?P<lead>\s*(?:[-*+]\s+)+)(?:\*\*\s*(?P<b>ACTION|Action|VOTE|CONSENSUS)\s*:?\s*\*\*\s*(?:--|:)?"
                     r"|(?P<p>ACTION|Action|VOTE|TSC Vote|CONSENSUS|Consensus)\s*:"
                     r"|(?P<v>Decision\s*:|Vote\s*:|\\\[vote\\\]))\s*(?P<text>.*?)\s*$")
_KEY_VALUE = re.compile(r"^\s*(?:[-*+]\s+)+[A-Z][\w ]{0,30}:\s+\S")
_RESULT_WORDS = r"(?:(?:the\s+)?(?:motion|proposal|vote)\s+(?:was\s+)?(?:approved|pass(?:es|ed))\b" \
                r"|approved\b|passed\b|motion:.*(?:vote:\s*unanimous|\d+\s+(?:yes|aye|yea)))"
_BY_VOTE = r".*\bby\s+(?:voice|roll|role)[- ]?(?:call\s+)?vote"
_RESULT = re.compile(r"^(?:%s|%s)" % (_RESULT_WORDS, _BY_VOTE), re.I)
_RESULT_START = re.compile(r"^%s" % _RESULT_WORDS, re.I)
_APPROVED_LINE = re.compile(r"\bwas approved\b.*\bvote\b", re.I)
_WORDS = re.compile(r"[A-Za-z]{2,}")
_NAME = r"[A-Z][a-zA-Z]+(?: [A-Z][a-zA-Z]+)?"
_NAMES = _NAME + r"(?:\s*(?:,|\band\b|&|/)\s*" + _NAME + r")*"
_LEADING = re.compile(r"^(" + _NAMES + r")\s+(?:to|will|suggest|work|--|–)\s")
_TRAILING = re.compile(r"\((" + _NAMES + r")\)\.?$")
_NOT_ASSIGNEES = {"TSC", "Technical Community", "TSC and technical community", "Each WG", "Will", "Naming", "Finalize",
                  "Schedule", "Create", "Review", "Take", "Adjust", "Update", "Revise", "Pull", "Clean"}


def clean(text):
    """Plain text of an item: Markdown/HTML marks and Markdown backslash escapes dropped."""
    return _clean(re.sub(r"\\([\\`*_{}\[\]()#+\-.!&<>|])", r"\1", text))


def assignee(content):
    """The person (or team) an action names: the name(s) it opens with before "to"/"will"/"--", else the name(s)
    in brackets at its end; collective subjects (the TSC, the technical community, each WG) give none."""
    t = content.replace("&*", "&")
    for rx in (_LEADING, _TRAILING):
        m = rx.search(t)
        if m and m.group(1) not in _NOT_ASSIGNEES:
            return m.group(1)
    return None


def task(content):
    return {"content": content, "assignee": assignee(content), "due_date": None}


def indent_of(line):
    return len(line) - len(line.lstrip())


def column(line):
    """The column where a list item's text starts: "- - x" and "  - x" are both items of the second level."""
    m = _ITEM.match(line)
    return len(m.group("indent")) + len(m.group("bullets")) if m else indent_of(line)


def continuation(lines, i):
    """Index past the wrapped lines of the list item at lines[i]: non-blank lines, not list items or headings,
    indented deeper than the item's bullet."""
    depth = indent_of(lines[i])
    j = i + 1
    while j < len(lines) and lines[j].strip() and not _ITEM.match(lines[j]) and not _HEADING.match(lines[j]) \
            and indent_of(lines[j]) > depth:
        j += 1
    return j


def item_children(lines, i):
    """Indexes of the list items nested under the item at lines[i], up to the next item of its level or a
    heading."""
    level = column(lines[i])
    out = []
    j = continuation(lines, i)
    while j < len(lines):
        line = lines[j]
        if _HEADING.match(line) or _BOLD_TITLE.match(line):
            break
        if _ITEM.match(line):
            if column(line) <= level:
                break
            out.append(j)
        elif line.strip() and indent_of(line) < level:
            break
        j += 1
    return out


def joined(lines, i):
    """The text of the list item at lines[i] with its wrapped lines, list marks dropped."""
    j = continuation(lines, i)
    return " ".join(l.strip() for l in [_ITEM.match(lines[i]).group("text")] + lines[i + 1:j])


def next_sibling(lines, i):
    """Index of the next list item after the item at lines[i] when it is of the same level, else None."""
    j = continuation(lines, i)
    while j < len(lines) and not lines[j].strip():
        j += 1
    return j if j < len(lines) and _ITEM.match(lines[j]) and column(lines[j]) == column(lines[i]) else None


def approved(lines, i, sibling=False):
    """True when the first item nested under the item at lines[i] records that it was approved; with sibling, also
    when it has none and the item right after it does (the wiki export's "- - [vote] ..." puts the result beside
    the vote)."""
    kids = item_children(lines, i)
    if not kids and sibling and next_sibling(lines, i) is not None:
        kids = [next_sibling(lines, i)]
    return bool(kids) and _RESULT.match(clean(joined(lines, kids[0]))) is not None


def feature_list(lines, i):
    """True when the item at lines[i] sits between two "Key: value" items of its own level."""
    def sibling(step):
        j = i + step
        while 0 <= j < len(lines) and not _ITEM.match(lines[j]):
            j += step
        return 0 <= j < len(lines) and column(lines[j]) == column(lines[i]) and _KEY_VALUE.match(lines[j])
    return sibling(-1) and sibling(1)


def parse(text):
    raw = text.splitlines()
    if raw and raw[0].strip() == "---":
        end = next((k for k in range(1, len(raw)) if raw[k].strip() == "---"), None)
        if end is not None:
            raw = raw[end + 1:]
    lines = [l.expandtabs(4) for l in raw]  # for reading the list structure; the body keeps the lines as written
    out, tasks, decisions = [], [], []
    i = 0
    while i < len(lines):
        line = lines[i]
        b = _BOLD_TITLE.match(line)
        title = clean(b.group("title")) if b else ""
        if b and (_SUMMARY.match(title) or _ONGOING.match(title)):
            j = i + 1
            while j < len(lines) and not (_HEADING.match(lines[j]) or _BOLD_TITLE.match(lines[j])):
                j += 1
            if _SUMMARY.match(title) or any(_MARKER.match(l) for l in lines[i + 1:j]):
                # the running action list / the earlier actions repeated under "On-going": removed, unlabelled
                i = j
                continue
        m = _MARKER.match(line)
        if m:
            kind = "vote" if m.group("v") else (m.group("b") or m.group("p")).split()[-1].lower()
            j = continuation(lines, i)
            content = clean(" ".join([m.group("text")] + [l.strip() for l in lines[i + 1:j]]))
            skip = (m.group("p") == "Consensus" and feature_list(lines, i)) or not _WORDS.search(content) or \
                (kind == "vote" and m.group("v") and not approved(lines, i, sibling=True))
            if not skip:
                r = _MARKER.match(raw[i])
                out.append(r.group("lead") + r.group("text"))
                out.extend(raw[i + 1:j])
                if kind == "action":
                    tasks.append(task(content))
                else:
                    decisions.append({"content": content})
                i = j
                continue
        elif _ITEM.match(line):
            text_ = clean(joined(lines, i))
            if _WORDS.search(text_) and not _RESULT_START.match(text_) and \
                    (approved(lines, i) or _APPROVED_LINE.search(text_)):
                decisions.append({"content": text_})
        out.append(raw[i])
        i += 1
    return "\n".join(out).strip() + "\n", tasks, decisions


def documents(git):
    yield from common.dated_documents(git, COMMIT, "meeting-minutes", _FILE.pattern, parse, CAP)
