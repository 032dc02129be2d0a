"""W3C Technical Architecture Group (TAG) meeting minutes (w3ctag/meetings).

Built on demand (infra/eval/build_minutes.py w3ctag=<clone>), not in split.json: 63 documents, 65 task and 93 decision
labels at the commit below. The labels miss the TAG's most common record of an outcome since 2019, status lines with no
marker to remove ("[agreed to close]"), so its decisions are far from complete. Trained on the other training projects,
the extractor finds 0.51 of its tasks and 0.29 of its decisions and proposes 8.4 decisions per label; added to training,
it lowered decision recall on those projects held out in turn from 0.55 to 0.46.

Files read: every Markdown file with "minutes" in its name (about 450):
  YYYY/telcons/MM-DD-minutes.md               teleconferences
  YYYY/MM-place/MM-DD-minutes.md, .../DD-MM-YYYY-minutes.md, .../DD-minutes.md, .../minutes-dayN.md, .../minutes.md,
  .../minutes-*-breakouts.md                  face-to-face meetings (one file per day, or one for the whole week)
  raw-minutes/YYYY-MM-DD-minutes.md, raw-minutes/berlin-2015-dayN.md
                                              unedited notes; a raw file whose outcomes are those of an edited file
                                              (the same meeting, filed twice) is left out, the edited file is kept.
reference_date: the date in the path (YYYY + MM-DD, DD-MM-YYYY, the folder's month + DD); else the first date in the
file's heading lines ("25-28 January 2021", "Week of 13-September-2021", "2023-02-06 - 2023-02-08"), else in the
folder's README ("Tokyo F2F 19-21 of April"); a week-long meeting takes its first day, "minutes-dayN" the N-th day.
None when no date is found (as in the other sources).

Outcomes as the scribes mark them, inline, after a topic (upper, lower or mixed case; plain, "*", "**" or "__"
emphasis around the marker or around the whole line; after a list mark, "> ", "... ", a heading mark, a speaker
("Elika: ", "> **dka** ") or inside "[...]"):
  RESOLUTION: X, RESOLVED: X, Resolution: X, RESOLUTION TAKEN: X, RESOLUTION RECORDED: X, So resolved: X,
  RESOLVED - X, Agreed: X, Agreed - X, Consensus: X          -> the marker goes, X stays; decision = X
  ACTION: X, Action: X, ACTION;: X, Actions: X, **Action:** X, **ACTION** X, ACTION X, __ACTION__: X,
  Action on X to ..., Action to X, Followup actions:         -> the marker goes, X stays; task = X
  A marker with nothing after it ("Agreed:", "Actions:", "Consensus from today's breakout:") takes the list that
  follows (each top-level item a label; the marker line goes, the list stays in the body); with no list after it
  the marker goes and nothing is labelled.
  "*consensus: yes*" / "RESOLUTION: SO RESOLVED" (an approval with no text) -> the marker goes; the decision is the
  "Proposed resolution: X" of the 12 lines before it (that line stays as written); without one, nothing.
  "### Actions" / "## Decisions" headings (the section up to the next heading of the same or a higher level) ->
  removed from the body; each top-level item a task / decision.
  A marker whose text is no label (only a reference: "RESOLVED: ^", "ACTION: As noted above."; no words: "DKA:
  resolved: 🍺"; only an owner: "Dan: action to Travis :)"; a question as decision: "Consensus: mueahhe?") -> the
  marker goes, nothing is labelled (as solid does).
Left out (stay in the body as written, never labelled): "PROPOSED RESOLUTION:", "Proposed resolution:", "Potential
action:", "Unresolved:"; design-review closing labels ("[resolution: satisfied]", "Resolution: decline"); a speaker
agreeing ("Hadley: agreed - want to ...", "hober: agreed; it's missing ..."): "agreed"/"consensus" after a speaker
is no record; markers inside a sentence ("Dan: I think it should be resolution: ambivalent") or in a link text
("[Resolved: satisfied with concerns](...)"); status lines and sentences that merely start with the word, with no
marker to remove ("[agreed]", "[agreed to close]", "[consensus to close]", "**agreed to close**", "Consensus to
delete the last sentence.", "Resolved to wait ..."). Sections and list items reviewing earlier meetings' actions
("Review of action items", "Actions from last week", "Previous actions") are removed from the body and never
labelled.
Label text: Markdown cleaned as eslint's clean() does (link texts kept, emphasis, code marks, "@" and list marks
dropped), code spans keep their words ("`<input>`" -> "input"), HTML entities decoded.
Assignee: the person(s) the task names as owner ("Yves to make edits", "@torgo to ...", "Dan, Travis, Sangwhan to
...", "Kenji and Jeremy to ...", "Peter: file issue ...", "Action on Wendy to ...", "...: Andrew"), as written
(without "@"), when (one of) the names is a speaker or attendee of the TAG minutes; null for a group ("Chair",
"everyone") or no name. due_date: an explicit date in the item (eslint's due_date, the year taken from the meeting
when the item gives none), else a month/day "5/22" in the meeting's year.
Documents: the CAP most recent (by reference_date, then path) whose labels the body holds, as spdx does.
"""
import datetime
import html
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import minutes_common as common  # noqa: E402
from sources.eslint import clean, due_date, item_tree, MONTHS  # noqa: E402

PROJECT = "w3ctag/meetings"
COMMIT = "4a372d4e4e422b7854b6ed2b93c9f49012a59828"
LICENSE = "CC0-1.0"
CAP = 80
ATTRIBUTION = """
# W3C TAG meeting minutes

- Project: W3C Technical Architecture Group (TAG) meetings, https://github.com/w3ctag/meetings
- Commit: %s
- Files: `YYYY/telcons/MM-DD-minutes.md` (teleconferences), `YYYY/<MM-place>/*minutes*.md` (face-to-face
  meetings) and `raw-minutes/*.md` (unedited notes, used only where no edited copy of the same meeting is kept)
- License: CC0 1.0 Universal (public domain dedication), the `LICENCE` file of the repository;
  https://creativecommons.org/publicdomain/zero/1.0/legalcode
- Authors: the TAG members and guests who scribed the minutes (W3C Technical Architecture Group). CC0 requires no
  attribution; it is given here as a courtesy.

Changes: outcome markers removed; labels derived from them. Inline `RESOLUTION:` / `RESOLVED:` / `Resolution:` /
`Agreed:` / `Consensus:` markers (with their emphasis variants, e.g. `**Resolution:**`, `**RESOLUTION**:`,
`*Resolution:`) were removed, their text kept in place, and give the decisions; inline `ACTION:` / `Action:` /
`Actions:` / `**Action:**` markers were removed the same way and give the tasks; an `### Actions` section was removed
and its items give tasks; sections reviewing earlier meetings' actions were removed. Nothing else in the minutes was
changed. Each `<doc>.json` names the source file and commit.
""" % COMMIT

_HEADING = re.compile(r"^ {0,3}(#{1,6})\s*(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_ITEM = re.compile(r"^(\s*)(?:[-*+\u2022]|\d+[.)])\s+(.*)$")
_EM = r"(?:\*{1,3}|_{1,2})"
# prefix: indentation, "> ", "... ", a list mark, a heading mark, a speaker ("Elika: ", "**dka** ", "<dka> "), "["
_PRE = (r"(?P<pre>\s*(?:>\s*)?(?:\.\.\.\s*)?(?:(?:[-+\u2022]|\*(?=\s)|\d+[.)])\s+)?(?:#{1,6}\s*)?"
        r"(?:(?:\*\*[A-Za-z][\w.-]{0,20}\*\*|<[A-Za-z][\w.-]{0,20}>|[A-Z][\w.-]{0,20}(?: [A-Z]\.?)?:)\s+)?)"
        r"(?P<br>\[)?")
_KIND = (r"(?P<kind>(?:so\s+)?resolved|resolutions?(?:\s+(?:taken|recorded))?|agreed|consensus"
         r"(?:\s+from\s+[^:*\[\]]{1,40})?|(?:follow[- ]?up\s+)?actions?(?:\s+items?)?)")
# "KIND:" with emphasis anywhere around the colon ("**Resolution:**", "**RESOLUTION**:", "ACTION;:", "*agreed -")
_MARKER = re.compile(r"^" + _PRE + r"(?P<em>" + _EM + r")?\s*" + _KIND + r"\s*(?P<em2>" + _EM + r")?\s*"
                     r"(?:[:;]+|\s[-\u2013]\s)\s*(?P<em3>" + _EM + r"(?=\s))?\s*(?P<text>.*?)\s*$", re.I)
# "ACTION Yves to ...", "**ACTION** Sangwhan to ...", "*ACTION Mark to ...", "Action on Wendy to ...",
# "Action to write up our response: Andrew" (no colon after the marker)
_ACTION_NO_COLON = re.compile(
    r"^" + _PRE + r"(?:(?P<em>" + _EM + r")(?P<k1>action)(?P<em2>" + _EM + r")?\s+(?=[A-Z@])|(?P<k2>ACTION)\s+"
    r"(?=[A-Z@][\w-]*\s+(?:to|will|and|,)\b)|(?P<k3>action)\s+on\s+(?=[A-Z@])|(?P<k4>action)\s+to\s+(?=[a-z]))"
    r"(?P<text>.*?)\s*$", re.I)
_NOT_MARKER = re.compile(r"^\W*(?:proposed|potential|unresolved|possible|suggested|draft)\b", re.I)
_REVIEW = re.compile(r"(?:review(?:\s+of)?\s+(?:the\s+)?(?:previous\s+|open\s+|outstanding\s+)?action|"
                     r"(?:previous|past|last\s+week'?s?|old|outstanding|open|pending)\s+action|"
                     r"actions?(?:\s+items?)?\s+(?:from|of)\s+(?:the\s+)?(?:last|previous|prior)|action\s+review)",
                     re.I)
_SECTION = re.compile(r"^(?:(?:new\s+)?actions?(?:\s+items?)?|decisions?|resolutions?)\s*:?$", re.I)
_REFERENCE = re.compile(r"^\W*(?:\^+|as (?:noted|discussed|mentioned|stated|recorded) (?:above|below)|"
                        r"(?:see )?(?:above|below)|same as (?:above|before)|ditto|see (?:issue|comment|minutes|"
                        r"link|notes?)\b.{0,20}|#?\d+)\W*$", re.I)
_REVIEW_LABEL = re.compile(r"^\W*(?:satisfied|unsatisfied|ambivalent|declined?|no comment|too early|withdrawn|"
                           r"overtaken|validated|lack of consensus|out of scope|timing)(?: with concerns)?\W*$", re.I)
_APPROVAL = re.compile(r"^\W*(?:so resolved|resolved|agreed|approved|accepted|yes|carried|consensus|done|"
                       r"\+1|no objections?)\W*$", re.I)
_PROPOSAL = re.compile(r"^\W*(?:[A-Za-z][\w.-]{0,20}:\s*)?\W*proposed resolution\W*\s*[:;]\s*\W*(?P<text>\S.*)$",
                       re.I)
_GENERIC = {"present", "regrets", "topic", "subtopic", "scribe", "scribes", "action", "actions", "resolution",
            "resolved", "chair", "chairs", "all", "to", "guests", "guest", "agenda", "participants", "attending",
            "various", "break-out", "nb", "note", "notes", "everyone", "everybody", "group", "tag", "we", "team",
            "editors", "editor", "someone", "anyone", "consensus", "agreed", "summary", "minutes", "issue", "q",
            "a", "re", "url", "http", "https", "see", "i", "pr", "proposed", "draft", "comment", "discussion",
            "question", "answer", "status", "next", "meta", "update", "background", "context", "agree",
            "agreement", "also", "bumped", "closed", "end", "example", "issues", "no", "on", "others", "so", "some",
            "spec", "spec-reviews", "triage", "virtual", "webxr", "breakout", "intro", "attendees", "mr", "ations",
            "me", "you", "they", "he", "she", "it", "this", "that", "there", "here", "yes", "ok", "okay", "thanks"}


def _people(texts):
    """Lower-cased names of the TAG minutes: every speaker token ("Dan:", "**dka**") seen in at least three files
    and every name on a "Present:" / "Attendees:" line."""
    count, present = {}, set()
    for text in texts:
        seen = set()
        for line in text.splitlines():
            m = re.match(r"^\s*(?:[-*]\s+)?(?:\*\*)?<?([A-Za-z][\w.-]{0,20})>?(?:\*\*)?:?\s", line)
            if m and (line.lstrip().startswith(("**", "<")) or ":" in line[:m.end()]):
                seen.add(m.group(1).lower())
            p = re.match(r"^\W*(?:present|attendees|attending|participants)\W*:?\W*(.+)$", line, re.I)
            if p:
                names = re.sub(r"\(.*?\)|\[.*?\]", " ", clean(p.group(1)))
                for name in re.split(r"[,;&/]|\band\b", names):
                    words = name.split()
                    if 1 <= len(words) <= 3 and all(re.fullmatch(r"[A-Za-z][a-z'-]+", w) for w in words):
                        present.add(words[0].lower())
        for token in seen:
            count[token] = count.get(token, 0) + 1
    return ({t for t, n in count.items() if n >= 3} | present) - _GENERIC - common.STOPWORDS


_NAME = r"@?[A-Za-z][\w.'-]*(?: [A-Z][\w'-]*)?"
_NAMES = _NAME + r"(?:\s*(?:,|&|/|\band\b)\s*" + _NAME + r")*"


def _who(phrase, people, loose=False):
    """phrase when every name in it is a known participant (first word of each name), else None; loose: a
    capitalised name not seen elsewhere may stand beside a known one ("Kenji and Jeremy to ...")."""
    phrase = phrase.strip(" ,;:-\u2013")
    names = [n for n in re.split(r"\s*(?:,|&|/|\band\b)\s*", phrase) if n]
    if not names or len(names) > 5:
        return None
    known = 0
    for name in names:
        first = name.split()[0].lstrip("@").lower()
        if first in _GENERIC or first in common.STOPWORDS:
            return None
        if first in people or name.startswith("@"):
            known += 1
        elif not (loose and name[:1].isupper()):
            return None
    return phrase.replace("@", "") if known else None


def assignee(text, people):
    t = clean(text) if "@" not in text else re.sub(r"\s+", " ", text).strip()
    t = re.sub(r"^\W*(?=@)|^[^\w@]+", "", t)
    m = re.match(r"^(" + _NAMES + r")\s+(?:to|will|shall|should|can|is going to|agreed to|volunteers? to|"
                 r"volunteered to|offered to|needs? to|must|takes?|has|have|is|are)\b", t)
    if m and _who(m.group(1), people, loose=True):
        return _who(m.group(1), people, loose=True)
    m = re.match(r"^(" + _NAMES + r")\s*:\s*\S", t)
    if m and _who(m.group(1), people):
        return _who(m.group(1), people)
    # "...: Andrew", "... - Dan", "... (Tess)"
    m = re.search(r"(?::\s*|\s[-\u2013]\s*|\()(" + _NAMES + r")\)?\.?\s*$", t)
    if m and _who(m.group(1), people):
        return _who(m.group(1), people)
    return None


def _date(y, m, d):
    try:
        y, m, d = int(y), int(m), int(d)
    except (TypeError, ValueError):
        return None
    if 2000 <= y <= 2100 and 1 <= m <= 12 and 1 <= d <= 31:
        return "%04d-%02d-%02d" % (y, m, d)
    return None


_MON = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|" \
       r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"


def text_date(text, year=None):
    """The first date written in text: ISO, "25-28 January 2021", "13-September-2021", "19-21 of April" (year
    given), "Tue, 23 January 2024", "May 10, 2021"."""
    m = re.search(r"(?<!\d)(20\d\d)-(\d\d)-(\d\d)(?!\d)", text)
    if m:
        return _date(*m.groups())
    m = re.search(r"(?<![\w-])(\d{1,2})(?:st|nd|rd|th)?(?:\s*[-\u2013]\s*\d{1,2}(?:st|nd|rd|th)?)?[\s-]+(?:of\s+)?"
                  + _MON + r"\b\.?,?(?:[\s-]+(20\d\d))?", text, re.I)
    if m and (m.group(3) or year):
        return _date(m.group(3) or year, MONTHS[m.group(2).lower()[:3]], m.group(1))
    m = re.search(r"\b" + _MON + r"\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:\s*[-\u2013]\s*\d{1,2})?,?\s+(20\d\d)", text,
                  re.I)
    if m:
        return _date(m.group(3), MONTHS[m.group(1).lower()[:3]], m.group(2))
    return None


def reference_date(path, text, git):
    parts = path.split("/")
    name = parts[-1]
    m = re.match(r"^(\d{4})-(\d\d)-(\d\d)-", name)
    if m:
        return _date(*m.groups())
    year = parts[0] if re.fullmatch(r"\d{4}", parts[0]) else None
    if year:
        m = re.match(r"^(\d{1,2})-(\d{1,2})-(\d{4})-", name)  # 29-03-2016-minutes.md
        if m:
            return _date(m.group(3), m.group(2), m.group(1))
        m = re.match(r"^(\d\d)-(\d\d)-", name)  # 01-04-minutes.md, 04-21-minutes.md
        if m:
            return _date(year, m.group(1), m.group(2))
        folder = re.match(r"^(\d\d)-", parts[1]) if len(parts) > 2 else None
        m = re.match(r"^(\d\d)-minutes", name)  # 2015/01-nyc/06-minutes.md
        if m and folder:
            return _date(year, folder.group(1), m.group(1))
    head = "\n".join(l for l in text.splitlines()[:8] if l.strip())
    ref = text_date(head, year)
    if not ref and year and len(parts) > 2:
        readme = [p for p in git("ls-tree", "--name-only", COMMIT, "/".join(parts[:-1]) + "/").splitlines()
                  if re.search(r"/(readme|agenda)\.md$", p, re.I)]
        for p in sorted(readme, key=lambda p: "agenda" in p.lower()):
            lines = [l for l in git("show", "%s:%s" % (COMMIT, p)).splitlines() if l.strip()][:6]
            ref = text_date("\n".join(lines), year)
            if ref:
                break
    m = re.search(r"day-?(\d)\b", name, re.I)
    if ref and m and year:
        ref = (datetime.date.fromisoformat(ref) + datetime.timedelta(days=int(m.group(1)) - 1)).isoformat()
    return ref


def _slash_date(text, ref):
    """"Revisit 5/22", "a call on 5/29": month/day, in the meeting's year (the next one when it lies far back)."""
    m = re.search(r"(?<![\d/.])(\d{1,2})/(\d{1,2})(?![\d/])", re.sub(r"https?://\S+", " ", text))
    if not m or not ref:
        return None
    month, day = int(m.group(1)), int(m.group(2))
    year = int(ref[:4]) + (1 if month < int(ref[5:7]) - 6 else 0)
    return _date(year, month, day)


def _is_item(content, kind):
    if not content or not common.content_words(re.sub(r"https?://\S+", " ", content)):
        return False
    if _REFERENCE.match(content) or content.endswith(":"):
        return False
    if kind == "decision" and (_REVIEW_LABEL.match(content) or _APPROVAL.match(content)):
        return False
    return True


def _strip_emphasis(text, em):
    """text after a marker without the emphasis that closes the marker's own opening one."""
    if em and text.endswith(em):
        return text[:-len(em)].rstrip(), True
    return text, False


def _list_after(lines, i):
    """(start, end) of the list that follows lines[i] (one blank line allowed between), or None."""
    j = i + 1
    if j < len(lines) and not lines[j].strip():
        j += 1
    if j >= len(lines) or not _ITEM.match(lines[j]) or _HEADING.match(lines[j]):
        return None
    start = j
    base = len(_ITEM.match(lines[j]).group(1))
    end = j
    while j < len(lines):
        line = lines[j]
        if not line.strip():
            k = j + 1
            if k < len(lines) and _ITEM.match(lines[k]) and len(_ITEM.match(lines[k]).group(1)) >= base:
                j += 1
                continue
            break
        if _ITEM.match(line) or (line[:1] in " \t" and line.strip()):
            if _ITEM.match(line) and len(_ITEM.match(line).group(1)) < base:
                break
            j += 1
            end = j
            continue
        break
    return start, end


def _items(block):
    out = []
    for head, children in item_tree(block):
        out.append(head + ("" if not children else " " + "; ".join(clean(c) for c in children)))
    return out


def parse(text, ref, people):
    lines = text.splitlines()
    out, tasks, decisions = [], [], []
    year = ref[:4] if ref else None

    def add(kind, raw):
        raw = html.unescape(re.sub(r"`([^`]*)`", lambda c: re.sub(r"[<>]", "", c.group(1)), raw))
        raw = re.sub(r"<([A-Z][A-Z0-9_]*)>", r"\1", raw)  # "progress on <XYZ>": a placeholder, not a tag
        content = clean(raw).replace("**", "").strip()
        content = re.sub(r"^[*_]+|(?<=\S)[*_]+$", "", content).strip()
        if not _is_item(content, kind):
            return
        if kind == "decision" and content.endswith("?"):
            return  # "Consensus: mueahhe?", "resolution: satisfied with concerns?": a question, not an outcome
        if kind == "task" and common.content_words(content) <= people:
            return  # "action to Travis :)": an owner and no task
        if kind == "task":
            tasks.append({"content": content, "assignee": assignee(raw, people),
                          "due_date": due_date(raw, ref) or _slash_date(raw, ref)})
        else:
            decisions.append({"content": content})

    in_fence = False
    skip_item = None
    i = 0
    while i < len(lines):
        line = lines[i]
        if _FENCE.match(line):
            in_fence = not in_fence
        if in_fence:
            out.append(line)
            i += 1
            continue
        h = _HEADING.match(line)
        if h and h.group(2):
            title = re.sub(r"^[\d.\s]+", "", clean(h.group(2))).strip()
            if _REVIEW.search(title) or _SECTION.match(title):
                level = len(h.group(1))
                j = common.section_end(lines, i, level, _HEADING)
                if not _REVIEW.search(title):
                    kind = "decision" if re.match(r"(decision|resolution)", title, re.I) else "task"
                    block = lines[i + 1:j]
                    if any(_ITEM.match(b) for b in block):
                        for item in _items([b for b in block if b.strip()]):
                            add(kind, item)
                    else:
                        for b in block:
                            if b.strip():
                                add(kind, b)
                i = j
                continue
        item = _ITEM.match(line)
        if skip_item is not None:
            if not line.strip() or (len(line) - len(line.lstrip()) > skip_item and not (
                    item and len(item.group(1)) <= skip_item)):
                i += 1
                continue
            skip_item = None
        if item and _REVIEW.match(clean(item.group(2))):
            # "- Review of action items from last week" and what is nested under it
            skip_item = len(item.group(1))
            i += 1
            continue
        m = _MARKER.match(line)
        nc = None if m else _ACTION_NO_COLON.match(line)
        if (m or nc) and not _NOT_MARKER.match(line[len((m or nc).group("pre")):]):
            g = m or nc
            pre, em, text_ = g.group("pre"), g.group("em") or "", g.group("text")
            if m:
                kind = m.group("kind").lower()
                sep = line[m.end("kind"):m.start("text")]
                spoken = re.search(r"(?:\*\*|>|:)\s*$", pre.strip()) and not re.fullmatch(r"[\s>*+\d.)#-]*", pre)
                if (spoken and kind.startswith(("agreed", "consensus"))) or \
                        (";" in sep and not kind.startswith("action")) or \
                        (":" not in sep and ";" not in sep and kind.split()[0] not in ("resolved", "agreed")):
                    out.append(line)  # "Hadley: agreed - want to ...": a speaker agreeing, not a recorded outcome
                    i += 1
                    continue
                kind = "task" if kind.startswith(("action", "follow")) else "decision"
                closed = bool(m.group("em2") or m.group("em3"))
            else:
                kind = "task"
                closed = bool(nc.group("em2"))
            if g.group("br"):
                # "[ACTION: Yves to ...]": the bracket closes the marker's text; a link text is no marker
                end = text_.rfind("]")
                if end < 0 or text_[end + 1:].strip():
                    out.append(line)
                    i += 1
                    continue
                text_ = text_[:end].rstrip()
            if kind == "task":
                text_ = re.sub(r"^(?:is\s+)?on\s+(?=[A-Z@])", "", text_)  # "**action** is on Peter to ..."
            open_em = close_em = ""
            if em and not closed:
                # "**ACTION: Peter to write something up.**": the emphasis stays around the text
                text_, wrapped = _strip_emphasis(text_, em)
                open_em, close_em = em, (em if wrapped else "")
            tail = line[len(line.rstrip()):]  # a Markdown line break ("  ") stays
            br = bool(g.group("br"))
            kept = pre + ("[" if br else "") + open_em + text_ + close_em + ("]" if br else "") + tail
            content = text_.strip()
            if content and kind == "decision" and _APPROVAL.match(clean(content)):
                # "**Proposed resolution**: X" ... "**RESOLUTION: SO RESOLVED**": the decision is X
                for k in range(i - 1, max(-1, i - 12), -1):
                    p = _PROPOSAL.match(clean(lines[k]))
                    if p:
                        add("decision", p.group("text"))
                        break
                out.append(kept)
                i += 1
                continue
            if content:
                if kind == "decision" and _REVIEW_LABEL.match(clean(content)):
                    out.append(line)  # "[resolution: satisfied]": a design-review label, not a marker
                    i += 1
                    continue
                add(kind, content)  # the marker goes even when the text is no label ("ACTION: As noted above.")
                out.append(kept)
                i += 1
                continue
            # a bare marker: the list after it, which stays in the body
            # ("Elika: Resolved: " with no list after it: the marker goes, nothing is labelled)
            span = _list_after(lines, i)
            if span:
                for it in _items(lines[span[0]:span[1]]):
                    add(kind, it)
            if pre.strip():
                out.append(pre.rstrip())
            i += 1
            if out and not out[-1].strip() and i < len(lines) and not lines[i].strip():
                i += 1
            continue
        out.append(line)
        i += 1
    return "\n".join(out) + "\n", tasks, decisions


def candidates(git):
    paths = git("ls-tree", "-r", "-z", "--name-only", COMMIT).split("\0")
    return sorted(p for p in paths if p.lower().endswith(".md") and ("minutes" in os.path.basename(p).lower() or
                                                                     p.startswith("raw-minutes/")))


def doc_id(path):
    """"2023/telcons/01-04-minutes.md" -> "2023-telcons-01-04", "2023/04-tokyo/minutes.md" -> "2023-04-tokyo",
    "raw-minutes/2016-07-29-minutes.md" -> "raw-2016-07-29"."""
    name = re.sub(r"[^A-Za-z0-9]+", "-", path[:-3].replace("raw-minutes/", "raw/")).lower()
    return re.sub(r"(?:^|-)minutes(?=-|$)", "", name).strip("-")


def documents(git):
    files = [(p, git("show", "%s:%s" % (COMMIT, p))) for p in candidates(git)]
    people = _people(t for _, t in files)
    docs = []
    for path, text in files:
        ref = reference_date(path, text, git)
        body, tasks, decisions = parse(text, ref, people)
        labels = {"reference_date": ref, "tasks": tasks, "decisions": decisions}
        docs.append((doc_id(path), path, body, labels))
    # a raw file filed again, edited, elsewhere (same meeting date or same outcomes): keep the edited one
    edited = [d for d in docs if not d[1].startswith("raw-minutes/")]
    seen_items = {x["content"].lower() for d in edited for x in d[3]["tasks"] + d[3]["decisions"]}
    seen_dates = {d[3]["reference_date"] for d in edited if d[3]["tasks"] or d[3]["decisions"]}
    kept = list(edited)
    for d in docs:
        if d[1].startswith("raw-minutes/"):
            items = {x["content"].lower() for x in d[3]["tasks"] + d[3]["decisions"]}
            if not items & seen_items and d[3]["reference_date"] not in seen_dates:
                kept.append(d)
    edited = kept
    assert len({d[0] for d in edited}) == len(edited), "doc ids not unique"
    edited.sort(key=lambda d: (d[3]["reference_date"] or "", d[1]), reverse=True)
    yield from common.most_recent_qualifying(edited, CAP)
