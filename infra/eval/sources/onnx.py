"""Minutes source: ONNX Special Interest Group meeting notes, onnx/sigs <sig>/meetings/*.md.

Outcome sections and markers the authors use, and what this adapter makes of them:
  "## Action items", "## Action Items", "### Action Items / Next Steps ###", "## Next steps"
      the whole section is removed from the body (up to the next heading of the same or a higher level); each of its
      top-level bullets is a task. Owners are written "Name - do X", "Name: do X", "(Name) do X", "1: Name, Name - do X"
      or "do X (Name)"; a bullet whose nested bullets are only names takes them as owners. The "Next meeting:" bullet
      (the next agenda) and its children are not tasks.
  inline "Action item: X" -> the marker removed, X stays in place and is a task; "Action" on a line of its own
      before a list -> the marker line removed, each list item a task.
  inline "Conclusion: X" -> the marker removed, X stays and is a decision.
Left out: the agenda bullet "Progress on last month's action items:" with its nested bullets (a review of earlier
action items) is removed from the body and never labelled; "Proposed Action Items:" in an agenda is a proposal and
stays as written.
"""
import re
import sys

import minutes_common as common

PROJECT = "onnx/sigs"
COMMIT = "947a19272972f30ff9b25b8db8b6be1c4e8bd7a7"
LICENSE = "Apache-2.0"
CAP = 80

ATTRIBUTION = """
# Source: ONNX SIG meeting notes

- Project: onnx/sigs (the ONNX Special Interest Groups), https://github.com/onnx/sigs
- Commit: 947a19272972f30ff9b25b8db8b6be1c4e8bd7a7 (the snapshot read; files `<sig>/meetings/*.md`)
- License: Apache License 2.0 (the repository's LICENSE; the notes carry `SPDX-License-Identifier: Apache-2.0`),
  https://www.apache.org/licenses/LICENSE-2.0
- Copyright holder: the repository names none (its LICENSE keeps the template line "Copyright [yyyy] [name of
  copyright owner]"); the notes were written by the participants of the ONNX SIG meetings (ONNX Project
  Contributors).
- NOTICE: Apache-2.0 section 4(d) requires passing on the contents of a NOTICE file distributed with the work; the
  repository has no NOTICE file at this commit, so there is none to reproduce.

Changes (Apache-2.0 section 4(b)): outcome sections and markers removed; labels derived from them. Concretely, the
"Action items" / "Next steps" sections were removed from each meeting's notes and their items became task labels;
inline "Action item:" and "Conclusion:" markers were removed with their text kept in place (task and decision
labels); the agenda bullet reviewing last month's action items was removed. Nothing else in the notes was changed.
The Markdown files here are derivative works of the notes, distributed under Apache-2.0.
"""

_PATH = re.compile(r"^(?P<sig>[^/]+)/meetings/(?P<name>[^/]+)\.md$")
_DATE8 = re.compile(r"(?<!\d)(20\d{2})(\d{2})(\d{2})(?!\d)")
_DATE10 = re.compile(r"(?<!\d)(20\d{2})-(\d{2})-(\d{2})(?!\d)")
_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_TASK_SECTION = re.compile(r"^(?:action items?|next steps|action items?\s*/\s*next steps)\s*:?$", re.I)
_REVIEW_BULLET = re.compile(r"^\s*[-*+]\s+.*(progress on|review of|status of).*(last|previous).*action items?", re.I)
_INLINE_ACTION = re.compile(r"^(?P<pre>\s*(?:[-*+]\s+)?)action items?\s*:\s*(?P<text>\S.*)$", re.I)
_INLINE_CONCLUSION = re.compile(r"^(?P<pre>\s*(?:[-*+]\s+)?)conclusion\s*:\s*(?P<text>\S.*)$", re.I)
_BARE_ACTION = re.compile(r"^\s*actions?\s*:?\s*$", re.I)
_BULLET = re.compile(r"^(?P<indent>\s*)(?:[-*+]|\d+[.)])\s+(?P<text>.*)$")
_NUMBER = re.compile(r"^\s*\d+\s*[:.)]\s*")
_NO_OUTCOME = re.compile(r"^\W*(none|n/?a|tbd|tba)\W*$", re.I)
_GENERIC = {"everyone", "everybody", "all", "xxx", "sig", "tbd", "team", "the sig", "we"}
_NAMEWORD = re.compile(r"^(?:[A-Z][\w.'’-]*|[a-z][a-z0-9_-]{3,}|&|and)$")


def _clean(text):
    text = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", text)
    text = _NUMBER.sub("", text)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
    text = text.replace("**", "").replace("__", "").replace("`", "")
    text = re.sub(r"~~(.*?)~~", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def _names(who):
    """who when it reads as owner names ("Guenther, Chin", "ebarsoum and Michal", "Lu & Darren"), else None."""
    who = who.strip()
    words = re.split(r"[\s,]+", who)
    if not who or len(words) > 6 or not all(_NAMEWORD.match(w) for w in words if w):
        return None
    if who.lower() in _GENERIC:
        return None
    return who


def _task(text, child_names=None):
    content = _clean(text)
    assignee = None
    m = re.match(r"^\((?P<who>[^)]+)\)\s*(?P<rest>.*)$", content)
    if m:
        assignee = _names(m.group("who"))
    else:
        m = re.match(r"^(?P<who>[^:()]{1,60}?)\s*(?::|\s[-–]\s)\s*(?P<rest>.*)$", content)
        if m:
            assignee = _names(m.group("who"))
        if not assignee:
            # "do X (Svetlana)": a trailing parenthesis naming a person (not an acronym such as "(ETA)")
            m = re.search(r"\((?P<who>[^)]*[A-Z][a-z]{2,}[^)]*)\)\s*\.?$", content)
            if m:
                assignee = _names(m.group("who"))
        if not assignee:
            # "..., Freddy to send out ...": a capitalised name followed by "to"/"will" and a verb
            m = re.search(r"(?:^|[,;]\s*|\s)(?P<who>[A-Z][a-z]+(?: [A-Z][a-z]+)?) (?:to|will) [a-z]", content)
            if m:
                assignee = _names(m.group("who"))
    if not assignee and child_names:
        assignee = ", ".join(child_names)
    return {"content": content, "assignee": assignee, "due_date": None}


def _section_tasks(block):
    """Tasks from the lines of an action-item section: its top-level bullets."""
    tasks = []
    bullets = [(i, _BULLET.match(l)) for i, l in enumerate(block)]
    bullets = [(i, m) for i, m in bullets if m]
    if not bullets:
        return [_task(l) for l in block if l.strip() and not _NO_OUTCOME.match(l)]
    top = min(len(m.group("indent")) for _, m in bullets)
    for n, (i, m) in enumerate(bullets):
        if len(m.group("indent")) != top:
            continue
        text = m.group("text").strip()
        # continuation lines (wrapped text) belong to the bullet
        j = i + 1
        while j < len(block) and block[j].strip() and not _BULLET.match(block[j]):
            text += " " + block[j].strip()
            j += 1
        if re.match(r"^next (meeting|call)\b", _clean(text), re.I):
            continue
        if _NO_OUTCOME.match(_clean(text)) or not common.content_words(text):
            continue
        children = []
        for _, c in bullets[n + 1:]:
            if len(c.group("indent")) <= top:
                break
            children.append(_clean(c.group("text")))
        child_names = children if children and all(_names(c) and len(c.split()) <= 3 for c in children
                                                   if not c.endswith(":")) else None
        if child_names:
            child_names = [c for c in child_names if not c.endswith(":")]
        tasks.append(_task(text, child_names))
    return tasks


def parse(text):
    lines = text.splitlines()
    out, tasks, decisions = [], [], []
    i = 0
    while i < len(lines):
        line = lines[i]
        h = _HEADING.match(line)
        if h and _TASK_SECTION.match(h.group(2).strip("# ")):
            # the section is a list: it ends at the next heading of any level (in 012-20260113 the "###" headings
            # after "## Next steps" are the meeting's topic summaries, not part of the action list)
            j = i + 1
            while j < len(lines) and not _HEADING.match(lines[j]):
                j += 1
            tasks.extend(_section_tasks(lines[i + 1:j]))
            i = j
            continue
        if _REVIEW_BULLET.match(line):
            indent = len(line) - len(line.lstrip())
            j = i + 1
            while j < len(lines) and (not lines[j].strip() or len(lines[j]) - len(lines[j].lstrip()) > indent):
                if not lines[j].strip() and (j + 1 >= len(lines) or
                                             len(lines[j + 1]) - len(lines[j + 1].lstrip()) <= indent):
                    break
                j += 1
            i = j
            continue
        m = _INLINE_ACTION.match(line)
        if m:
            tasks.append(_task(m.group("text")))
            out.append(m.group("pre") + m.group("text"))
            i += 1
            continue
        m = _INLINE_CONCLUSION.match(line)
        if m:
            decisions.append({"content": _clean(m.group("text"))})
            out.append(m.group("pre") + m.group("text"))
            i += 1
            continue
        if _BARE_ACTION.match(line) and i + 1 < len(lines) and _BULLET.match(lines[i + 1]):
            j = i + 1
            while j < len(lines) and _BULLET.match(lines[j]):
                j += 1
            tasks.extend(_section_tasks(lines[i + 1:j]))
            i += 1  # the marker line goes, the list stays
            continue
        out.append(line)
        i += 1
    return "\n".join(out) + "\n", tasks, decisions


def _date(name):
    m = _DATE10.search(name) or _DATE8.search(name)
    return "%s-%s-%s" % m.groups() if m else None


def documents(git):
    paths = sorted(p for p in git("ls-tree", "-r", "--name-only", COMMIT).splitlines() if _PATH.match(p))
    qualified, with_labels = [], 0
    for path in paths:
        m = _PATH.match(path)
        date = _date(m.group("name"))
        body, tasks, decisions = parse(git("show", "%s:%s" % (COMMIT, path)))
        items = [t["content"] for t in tasks] + [d["content"] for d in decisions]
        with_labels += bool(items)
        if not items or not all(common.recoverable(item, body) for item in items):
            continue
        doc_id = "%s-%s" % (m.group("sig"), date or m.group("name"))
        labels = {"reference_date": date, "tasks": tasks, "decisions": decisions}
        qualified.append((date or "", doc_id, path, body, labels))
    qualified.sort(key=lambda q: (q[0], q[1]))
    print("onnx adapter: %d notes with labels, %d dropped here as unrecoverable (labels only in a removed section), "
          "%d qualify, %d kept (cap %d)" % (with_labels, with_labels - len(qualified), len(qualified),
                                            min(len(qualified), CAP), CAP), file=sys.stderr)
    for _, doc_id, path, body, labels in qualified[-CAP:]:
        yield doc_id, path, body, labels
