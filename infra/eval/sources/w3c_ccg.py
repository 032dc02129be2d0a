"""Minutes source: the W3C Credentials Community Group's meeting minutes, w3c-ccg/meetings
YYYY-MM-DD[-group]/index.html (the weekly CCG calls and the calls of its task forces and work items: VC HTTP API /
VC API, VC Education, Traceability, ...).

Built on demand (infra/eval/build_minutes.py w3c_ccg=<clone>), not in split.json: 32 documents, 33 task and 38
decision labels at the commit below. With a model trained on the six training projects, the extractor finds 0.45 of
its tasks at 0.64 proposals per label (the tasks are mostly bare imperatives the scribe typed between remarks) and
0.76 of its decisions at 3.55 per label. Added to training, it left the other training projects held out in turn
where they were: tasks 241 -> 243 of 330, decisions 631 -> 623 of 916 at a lower threshold.

Each meeting is a folder named by its date (and the task force, e.g. "2021-07-13-vchttpapi") holding the scribe's IRC
log (irc.log), the audio, a plain-text e-mail copy (email.log) and the minutes page that the W3C scribe tool renders
from the log (index.html). The minutes page is read: one HTML element per line, one line per remark, which it keeps
whole (the e-mail copy wraps lines at about 65 characters, also in the middle of a remark). The page, converted to
Markdown:
  <h1>Title</h1> <h2>Minutes for DATE</h2>                  "# Title" and the "Minutes for DATE" (or "Transcript
                                                             for DATE") line
  <dl class="summary"> Agenda / Organizer / Scribe / Present  "**Agenda:** ..." lines, one per entry that is not
                                                             empty (the names of people without the profile links
                                                             added to them)
  <h1 class="topic">Topic: X</h1>                           "## Topic: X"
  <div class="comment"><span class="name">N</span>: text    "**N:** text", what a person said as the scribe wrote it
  <div class="comment-continuation">... text                "... text", the same person going on
  <div class="information">text</div>                       the text as it is (IRC side remarks: "<nick> text")
  <div class="proposal"><strong>PROPOSAL:</strong> text      "PROPOSAL: text": what was put to the group, unchanged,
                                                             never a label
and the outcomes the scribe marks in the log, each on a line of its own:
  <div class="resolution"><strong>RESOLUTION:</strong> text  a decision: the marker goes, the text stays in place
  <div class="action">ACTION: text</div>                     a task: the marker goes, the text stays in place; the
                                                             people it opens with ("Manu to ...", "@dmitriz to ...",
                                                             "Kerri, Kim, and Victoria to ...", "X will ...") are the
                                                             assignee, else null
  Summary entries "Resolutions" and "Action Items"           the lists at the top of the page that restate the
                                                             outcomes: removed, never labelled
Resolutions that only run the meeting (approving minutes or an agenda) are not labelled, nor are resolutions that
repeat word for word one recorded at an earlier meeting (a scribe reusing the previous week's notes: the 2021-04-19
VC Education call repeats the resolutions of 2021-04-12 and so has no labels left). Topics that review the
open action items of earlier meetings ("Progress on Action Items", "Action Items") are removed, and so are topic
headings with nothing under them. Page markup that is not minutes is removed: the site header and "Go Back" link, the
"Topics" entry of the summary (a table of contents linking to the topic headings), the audio player ("Audio Log"),
the permalink anchors after each remark, and the archive index of older meetings that some pages carry after the
minutes. Links become Markdown links (a bare URL when the link shows its own address) and HTML entities become
characters. The scribe tool's notes on lines it could not attribute ("Error: (IRC nickname 'x' not recognized)
[timestamp] <x> text") are reduced to the IRC line they quote, "<x> text".
The outcome markers appear from 2020 to early 2023 (the VC HTTP API, VC Education and Traceability calls mostly);
pages without a marker have no labels and are left out by the driver, as are meetings without a minutes page.
"""
import html
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import minutes_common as common  # noqa: E402
from sources.eslint import clean  # noqa: E402
from sources.spdx import _NOT_NAMES  # noqa: E402
from sources.w3c_jsonld import ATTRIBUTION as _JSONLD_ATTRIBUTION  # noqa: E402
from sources.w3c_jsonld import _PROCEDURE  # noqa: E402

PROJECT = "w3c-ccg/meetings"
COMMIT = "67ffc7007af48f665906ec3702aadcf9bb4e3210"
LICENSE = "W3C Software and Document License"
CAP = 80
ATTRIBUTION = """
# Source: W3C Credentials Community Group meeting minutes

- Project: w3c-ccg/meetings, https://github.com/w3c-ccg/meetings
- Commit: %s (the snapshot read; files `YYYY-MM-DD[-group]/index.html`)
- License: the repository's LICENSE.md: "All Reports in this Repository are licensed by Contributors under the
  W3C Software and Document License", https://www.w3.org/Consortium/Legal/2015/copyright-software-and-document
  (reproduced below)
- Copyright holders: the contributors to the W3C Credentials Community Group's minutes (its scribes and the
  participants of its calls)

This set includes material copied from or derived from the meeting minutes of the W3C Credentials Community Group,
https://github.com/w3c-ccg/meetings/tree/%s. Copyright the contributors, under the W3C Software and
Document License.

Changes: the minutes pages (HTML) were converted to Markdown; outcome markers and summary lists removed; labels
derived from them. Concretely, the "RESOLUTION:" and "ACTION:" markers were removed and their text kept in place;
each resolution became a decision label (except resolutions that approve minutes or an agenda, and resolutions that
repeat one of an earlier meeting word for word) and each action a task label with the people it opens with as its
owner. The "Resolutions" and "Action Items" lists of each page's summary, the topics that review earlier action
items, and topic headings with nothing under them were removed. Page markup that is not minutes was removed: the
site header and navigation, the "Topics" table of contents, the audio player, the permalink anchors, the profile
links on the names of the organizers, scribes and attendees, and the archive index of older meetings; the scribe
tool's error notes were reduced to the IRC line they quote. Links became Markdown links and HTML entities
characters. Nothing else was changed. Each `<doc>.json` names the source file and commit.

""" % (COMMIT, COMMIT) + _JSONLD_ATTRIBUTION[_JSONLD_ATTRIBUTION.index("## W3C Software and Document Notice"):]

_FOLDER = re.compile(r"^(\d{4}-\d\d-\d\d)(?:-[\w-]+)?$")
_START = '<div class="col-md-8 col-md-offset-2">'
_END = "</div></div></div></div></div>"
_PERMALINK = re.compile(r'\s*<a id="link-[^"]*"[^>]*>\W*</a>')
_LINK = re.compile(r'<a\b[^>]*?href="([^"]*)"[^>]*>(.*?)</a>', re.S)
_TAG = re.compile(r"<[^>]+>")
_DIV = re.compile(r'^<div\b[^>]*\bclass="(?P<cls>[\w-]+)"[^>]*>(?P<html>.*)</div>\s*$')
_TOPIC = re.compile(r'^<h1\b[^>]*class="topic"[^>]*>(?P<html>.*)</h1>\s*$')
_TITLE = re.compile(r"^<h1>(?P<html>.*?)</h1>\s*$")
_SUBTITLE = re.compile(r"^<h2>(?P<html>.*?)</h2>\s*$")
_SPEAKER = re.compile(r'^<span class="name">(?P<name>.*?)</span>\s*:\s*(?P<html>.*)$', re.S)
_SUMMARY = re.compile(r'<div class="summary">\s*<dl>(?P<dl>.*?)</dl>\s*</div>', re.S)
_ENTRY = re.compile(r"<dt>(?P<term>.*?)</dt>\s*<dd>(?P<html>.*?)</dd>", re.S)
_KEEP_ENTRIES = ("Agenda", "Organizer", "Organizers", "Scribe", "Present")
_MARKER = re.compile(r"^\s*(?:<strong>\s*)?(?P<kind>RESOLUTION|RESOLVED|ACTION)\s*:\s*(?:</strong>)?\s*(?P<html>.*)$",
                     re.S)
_TOOL_ERROR = re.compile(r"^Error: \(IRC nickname '[^']*' not recognized\)\[[^\]]*\]\t(?P<nick><[^>]*>)\t(?P<text>.*)$",
                         re.S)
_REVIEW = re.compile(r"(?i)^(?:topic:\s*)?(?:(?:progress|update|updates|review|status)\s+(?:on|of)\s+)?(?:the\s+)?"
                     r"(?:open\s+|previous\s+|prior\s+|last\s+week'?s\s+)?action\s+items?\W*$")
_WORDS = re.compile(r"[A-Za-z]{2,}")
# "Manu to ...", "@dmitriz to ...", "Kerri, Phil, Anthony, and Kim to ...", "@burn & @JoeAndrieu to ...", "X will ..."
_PERSON = r"@?[A-Za-z][\w.'-]*(?: [A-Z][\w.'-]*)?"
_OWNERS = re.compile(r"^(?P<who>" + _PERSON + r"(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)" + _PERSON + r")*)"
                     r"\s+(?:to|will)\s")


def inline(fragment):
    """An HTML fragment of one line as Markdown text."""
    t = _PERMALINK.sub("", fragment)

    def link(m):
        href, text = html.unescape(m.group(1)).strip(), _TAG.sub("", m.group(2))
        shown = html.unescape(text).strip()
        if not href or href == "undefined" or href == shown or href.startswith("#"):
            return text
        return "[%s](%s)" % (text.strip(), href)
    t = _LINK.sub(link, t)
    t = _TAG.sub("", t)
    return re.sub(r"[ \t]+$", "", html.unescape(t)).strip()


def assignee(text):
    """The people an action opens with, as the text names them (without the @ of handles), else None."""
    m = _OWNERS.match(text)
    if not m:
        return None
    who = m.group("who")
    for person in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*", who):
        first = person.lstrip("@").split(" ")[0]
        if first in _NOT_NAMES or first.capitalize() in _NOT_NAMES:
            return None
        # a lower-case word is a name only as an IRC handle ("kimhd", "@dmitriz"), alone
        if not person.startswith("@") and first[0].islower() and " " in person:
            return None
    return who.replace("@", "")


def summary(page):
    """The summary entries kept (agenda, organizer, scribe, present), as Markdown lines."""
    m = _SUMMARY.search(page)
    if not m:
        return []
    out = []
    for e in _ENTRY.finditer(m.group("dl")):
        term = _TAG.sub("", e.group("term")).strip()
        if term in _KEEP_ENTRIES:
            # people's names without the profile links the scribe tool adds to them
            fragment = e.group("html") if term == "Agenda" else _TAG.sub("", e.group("html"))
            value = re.sub(r"\s+", " ", inline(fragment)).strip()
            if value:
                out.append("**%s:** %s" % (term, value))
    return out


def parse(page):
    """(body, tasks, decisions) of one minutes page."""
    start = page.find(_START)
    if start < 0:
        return "", [], []
    end = page.find(_END, start)
    region = page[start + len(_START):end if end >= 0 else len(page)]
    # The summary (a <dl> over several lines) is replaced by its kept entries.
    kept = summary(region)
    region = _SUMMARY.sub("\n<summary/>\n", region, count=1)
    blocks, tasks, decisions = [], [], []   # blocks: [kind, lines]
    for raw in region.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line == "<summary/>":
            if kept:
                blocks.append(["summary", kept])
            continue
        m = _TITLE.match(line)
        if m:
            blocks.append(["title", ["# " + inline(m.group("html"))]])
            continue
        m = _SUBTITLE.match(line)
        if m:
            blocks.append(["title", [inline(m.group("html"))]])
            continue
        m = _TOPIC.match(line)
        if m:
            blocks.append(["topic", ["## " + inline(m.group("html"))]])
            continue
        m = _DIV.match(line)
        if not m:
            continue
        cls, fragment = m.group("cls"), m.group("html")
        if cls == "comment":
            s = _SPEAKER.match(fragment)
            if s:
                name = inline(s.group("name"))
                text = inline(s.group("html"))
                blocks.append(["remark", [("**%s:** %s" % (name, text)).rstrip()]])
            else:
                blocks.append(["remark", [inline(fragment)]])
        elif cls == "comment-continuation":
            text = inline(fragment)
            if blocks and blocks[-1][0] == "remark":
                blocks[-1][1].append(text)
            else:
                blocks.append(["remark", [text]])
        elif cls in ("resolution", "action"):
            o = _MARKER.match(fragment)
            text = inline(o.group("html") if o else fragment)
            if not text:
                continue
            blocks.append(["outcome", [text]])
            content = clean(text)
            if not _WORDS.search(content):
                continue
            if cls == "action":
                tasks.append({"content": content, "assignee": assignee(content), "due_date": None})
            elif not _PROCEDURE.search(content):
                decisions.append({"content": content})
        elif cls == "error":
            text = html.unescape(_TAG.sub("", _PERMALINK.sub("", fragment)))
            e = _TOOL_ERROR.match(text)
            text = "%s %s" % (e.group("nick"), e.group("text").strip()) if e else inline(fragment)
            blocks.append(["remark", [text.strip()]])
        else:  # information, proposal
            text = inline(fragment)
            if text:
                blocks.append(["remark", [text]])
    # Topics that review earlier action items, and topic headings with nothing under them, are left out.
    out = []
    i = 0
    while i < len(blocks):
        kind, lines = blocks[i]
        if kind == "topic":
            j = i + 1
            while j < len(blocks) and blocks[j][0] != "topic":
                j += 1
            heading = lines[0][3:].strip()
            if j == i + 1 or _REVIEW.match(heading):
                if any(b[0] == "outcome" for b in blocks[i + 1:j]):
                    raise ValueError("an outcome in a removed topic: " + heading)
                i = j
                continue
        out.append("\n".join(lines))
        i += 1
    return "\n\n".join(out).strip() + "\n", tasks, decisions


def documents(git):
    folders = [p for p in git("ls-tree", "-z", "--name-only", COMMIT).split("\0") if _FOLDER.match(p)]
    files = set(git("ls-tree", "-r", "-z", "--name-only", COMMIT, "--", *folders).split("\0")) if folders else set()
    docs = []
    for folder in sorted(folders):
        path = folder + "/index.html"
        if path not in files:
            continue
        body, tasks, decisions = parse(git("show", "%s:%s" % (COMMIT, path)))
        docs.append((folder, path, body, {"reference_date": _FOLDER.match(folder).group(1), "tasks": tasks,
                                          "decisions": decisions}))
    # A resolution that repeats word for word one recorded at an earlier meeting (a scribe reusing the previous
    # week's notes) restates an old outcome: it is not labelled again.
    seen = set()
    for doc in sorted(docs, key=lambda d: (d[3]["reference_date"], d[1])):
        keys = [" ".join(clean(d["content"]).lower().split()) for d in doc[3]["decisions"]]
        doc[3]["decisions"] = [d for d, k in zip(doc[3]["decisions"], keys) if k not in seen]
        seen.update(keys)
    docs.sort(key=lambda d: (d[3]["reference_date"], d[1]), reverse=True)
    return common.most_recent_qualifying(docs, CAP)
