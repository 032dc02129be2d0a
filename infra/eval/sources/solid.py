"""Minutes source: Solid (W3C Solid Community Group and its panels), four repositories read as one project.

  solid/specification               meetings/YYYY-MM-DD.md  (the CG weekly; the path given to the driver)
  solid/authorization-panel         meetings/YYYY-MM-DD.md
  solid/data-interoperability-panel meetings/YYYY-MM-DD.md
  solid/authentication-panel        meetings/YYYY-MM-DD*.md

The driver passes one git directory (solid/specification's). The three panel repositories are found beside it: the
given path with "specification" replaced by the panel's name (clones named specification/ and authorization-panel/
side by side, or mirror folders solid+specification/ and solid+authorization-panel/). To point elsewhere, set
  SOLID_PANELS=dir1:dir2:dir3
where each entry is "owner/name=path" or a path whose text contains the repository name (e.g.
"../authorization-panel"). Each panel is read at the commit pinned in PANELS below (the snapshot that was checked);
a clone must contain it. Every document's labels carry "project" and "commit", so the driver links to the right file.

Outcome sections and markers the authors use, and what this adapter makes of them:
  "## Actions", "## Action Items", "## Action", "# Action Items", "## 6. Summary of Action Items" (a table)
      the section (heading and content up to the next heading of the same or a higher level) is removed from the
      body; each top-level bullet (or line, or table row) is a task.
  "## Decisions" (newer CG minutes) -> removed the same way; each item is a decision.
  inline "ACTION: X", "ACTION ITEM: X", "ACTION ITEM - X", "Action item: X", "Action #2 - X", "**ACTION**: X",
  ">ACTION: X", "* ACTION: ✅ X", "- **Action 1:** X" -> the marker is removed, X stays in place and is a task.
  inline "RESOLVED: X", "RESOLUTION: X", "- **Conclusion:** X" -> the marker removed, X stays and is a decision.
  A marker with nothing after it takes the bullets nested under it, or the next paragraph.
Left out: sections and agenda bullets that review earlier meetings' actions ("Actions Review", "Review Action
items", "Action review", "Actions from last week", "Previous week actions", "Action Items from Last Week", "Reminder
of outstanding actions") are removed from the body and never labelled. "TENTATIVE RESOLUTION:", "PROPOSAL:",
"Proposed action items:" are not outcomes and stay as written. Items "None", "N/A", "TBD" and empty template bullets
are not labels.
Assignee: the person the item names as owner ("HZ will ...", "JB to ...", "eP: ...", "JW- ...", "(JB)", "- Sarven",
"..., SC.", "@acoburn ...", "Theo have ..." when Theo takes part in that meeting), exactly as written; null when the
item names none or names a group ("Everyone", "Editors", "Panel members"). due_date: an explicit full date in the
item (ISO), else null.
"""
import os
import re
import subprocess
import sys

import minutes_common as common

PROJECT = "solid/specification"
COMMIT = "a4fa1e133e07a62b2598c37d5ff4c7e0c2021a6f"
LICENSE = "MIT"
CAP = 80

PANELS = {
    "solid/authorization-panel": "96e3ffc5cf5bb5d684620536b88d6158151f0044",
    "solid/data-interoperability-panel": "daf93b03ad15419ff6a10e50ff8ce0a7b6bb25b2",
    "solid/authentication-panel": "2b52e2ad3e90c96a3e5152f2f3e7d747f7253499",
}
SHORT = {"solid/specification": "cg", "solid/authorization-panel": "authz",
         "solid/data-interoperability-panel": "interop", "solid/authentication-panel": "authn"}

ATTRIBUTION = """
# Source: Solid Community Group and panel meeting minutes

One project, four repositories (each document's JSON names its repository and commit):

| Repository | Commit read | Files |
|---|---|---|
| [solid/specification](https://github.com/solid/specification) | a4fa1e133e07a62b2598c37d5ff4c7e0c2021a6f | `meetings/*.md` |
| [solid/authorization-panel](https://github.com/solid/authorization-panel) | 96e3ffc5cf5bb5d684620536b88d6158151f0044 | `meetings/*.md` |
| [solid/data-interoperability-panel](https://github.com/solid/data-interoperability-panel) | daf93b03ad15419ff6a10e50ff8ce0a7b6bb25b2 | `meetings/*.md` |
| [solid/authentication-panel](https://github.com/solid/authentication-panel) | 2b52e2ad3e90c96a3e5152f2f3e7d747f7253499 | `meetings/*.md` |

The solid/specification commit is the one checked for this set; the three panel commits are the newest snapshots
available when the set was built.

- License: MIT (https://opensource.org/license/mit), as the repositories state.
- Copyright holders, as the repositories' LICENSE.md files state them: solid/specification "Copyright 2019 - 2024 W3C
  Solid Community Group"; the three panels "Copyright 2019 - present" (no holder named; the minutes' authors are the
  panels' participants, working in the W3C Solid Community Group).
- MIT requires that the copyright notice and the permission notice be included in all copies or substantial
  portions; they are:

> Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated
> documentation files (the "Software"), to deal in the Software without restriction, including without limitation
> the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to
> permit persons to whom the Software is furnished to do so, subject to the following conditions:
>
> The above copyright notice and this permission notice shall be included in all copies or substantial portions of
> the Software.
>
> THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE
> WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
> COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
> OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.

Changes: outcome sections and markers removed; labels derived from them. Concretely, "Actions"/"Action Items" and
"Decisions" sections were removed and their items became task and decision labels; inline "ACTION:", "ACTION
ITEM:", "Action item:", "RESOLVED:", "RESOLUTION:" (and similar) markers were removed with their text kept in place,
and that text became task or decision labels; sections and agenda bullets reviewing earlier meetings' actions were
removed. Nothing else in the minutes was changed.
"""

_FILE = re.compile(r"^meetings/(?P<date>(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2}))(?P<rest>[^/]*)\.md$")
_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_BULLET = re.compile(r"^(?P<indent>\s*)(?:[-*+]|\d+[.)])\s+(?P<text>.*)$")
_REVIEW_WORDS = re.compile(r"review|last|previous|outstanding|progress|earlier", re.I)
_REVIEW_BULLET = re.compile(
    r"^\s*[-*+]\s+(?:\*\*)?(?:[A-Za-z]{1,4}:\s*)?(?:\*\*)?(?:(?:actions?|action items?)\s+(?:from|of)\s+"
    r"(?:\[)?(?:last|previous)|previous\s+(?:week'?s?\s+)?actions|review(?:\s+of)?\s+(?:the\s+)?action|"
    r"actions?\s+review)", re.I)
_MARKER = re.compile(
    r"^(?P<pre>\s*(?:>\s*)?(?:(?:[-*+]|\d+[.)])\s+)?(?:>\s*)?(?:(?P<spk>[A-Za-z@][\w@.-]{0,15}):\s+)?)"
    r"(?:\*\*)?(?P<kind>action(?:\s+item)?s?(?:\s*#?\d+)?|resolved|resolution|conclusion)(?:\*\*)?\s*"
    r"(?::|\s-\s|\s–\s|-\s)\s*(?:\*\*(?=\s))?\s*(?P<text>.*)$", re.I)
_NO_OUTCOME = re.compile(r"^\W*(none|n/?a|tbd|tba|text|nothing)\W*$", re.I)
_DONE = re.compile(r"^\s*(?:✅|✔️?|☑️?|\[[xX ]\])\s*")
_GENERIC = {"everyone", "everybody", "all", "editors", "chairs", "chair", "panel", "group", "we", "someone", "anyone",
            "team", "members", "panel members", "all panel members", "the group", "the panel", "editor", "scribe",
            "group:", "solid", "acp", "wac", "uma", "pr", "issue", "next", "topic", "deferred", "done", "todo",
            "proposal", "interop", "spec", "note", "http", "https", "i", "url", "urls", "see", "re", "q", "a", "panelists",
            "request", "editors:", "everyone:"}
_MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
     "december"])}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9


def _clean(text):
    text = re.sub(r"^\s*(?:>\s*)?(?:[-*+]|\d+[.)])\s+", "", text)
    text = _DONE.sub("", text)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
    text = text.replace("**", "").replace("__", "").replace("`", "")
    text = re.sub(r"~~(.*?)~~", r"\1", text)
    text = _DONE.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


def _people(lines):
    """Lower-cased names and name tokens of the meeting: speakers ("HZ:", "* eP:", "Theo - ") and attendees."""
    attendees, speakers = _people_parts(lines)
    return attendees | speakers


def _known(texts):
    """Names across a repository's minutes: every attendee (present, regrets, chair, scribe) and every speaker token
    seen in at least three files (a one-off "Keep: ..." or "Pick: ..." line is not a person)."""
    attendees, count = set(), {}
    for text in texts:
        a, sp = _people_parts(text.splitlines())
        attendees |= a
        for token in sp:
            count[token] = count.get(token, 0) + 1
    return attendees | {t for t, n in count.items() if n >= 3}


def _people_parts(lines):
    attendees, people = set(), set()
    section = None
    for line in lines:
        h = _HEADING.match(line)
        if h:
            section = h.group(2).lower()
            continue
        m = re.match(r"^\s*(?:[-*+]\s+)?(?:\*\*)?([A-Za-z@][\w@.'’-]*(?: [A-Z][\w.'’-]*)?)(?:\*\*)?\s*(?::|\s[-–]\s)",
                     line)
        if m:
            people.add(m.group(1).lower().lstrip("@"))
        if section and re.fullmatch(r"\W*(?:present|attendees|participants|chairs?|scribes?|regrets)\W*", section):
            b = _BULLET.match(line)
            if b:
                name = _clean(b.group("text"))
                name = re.sub(r"\(.*?\)", "", name).strip()
                if ":" in name or len(name.split()) > 4 or not name[:1].isalpha():
                    continue
                for w in re.split(r"[\s,]+", name):
                    if w:
                        attendees.add(w.lower().lstrip("@"))
                attendees.add(name.lower())
    return attendees - _GENERIC, people - _GENERIC


_NAME_TOKEN = re.compile(r"^(?:@[\w-]+|[A-Z][\w.'’-]*|[a-z]+[A-Z]\w*|[a-z][\w-]*)$")


def _who(phrase, people, strict):
    """phrase when it reads as owner name(s), else None. strict: every token must be a known participant token or
    look like a name (capitalised, internal capital, @handle); lower-case plain words only when known."""
    phrase = re.sub(r"\([^)]*\)", " ", phrase)
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,;:-–")
    if not phrase or phrase.lower() in _GENERIC:
        return None
    tokens = [t for t in re.split(r"\s*(?:,|\band\b|&|\bor\b|/)\s*|\s+", phrase) if t]
    if not tokens or len(tokens) > 5:
        return None
    for t in tokens:
        low = t.lower().lstrip("@")
        if low in _GENERIC:
            return None
        if not _NAME_TOKEN.match(t):
            return None
        if t[0].islower() and not t.startswith("@") and not re.search(r"[A-Z]", t) and low not in people:
            return None
        initials = re.fullmatch(r"[A-Z]{2,4}|[A-Za-z]*[a-z][A-Z]\w*", t)  # "HZ", "PAC", "eP", "MdJ", "ericP"
        if (strict or not initials) and low not in people and not t.startswith("@"):
            return None
    return phrase.lstrip("@") if phrase.startswith("@") and len(tokens) == 1 else phrase


def _assignee(content, people):
    text = _DONE.sub("", content)
    text = re.sub(r"\s*[-–(]\s*DONE\s*\)?\s*$", "", text, flags=re.I)
    m = re.match(r"^@([\w-]+)\b", text)
    if m:
        return m.group(1)
    # "HZ will ...", "JB to ...", "Matthieu or Henry to ...", "AC (not this week) to ..."
    m = re.match(r"^(?P<who>.{1,60}?)\s+(?:to|will|shall|should|can|is going to|agreed to|volunteer(?:s|ed)? to|"
                 r"offered to|needs to|must)\s+\S", re.sub(r"\s*\([^)]*\)", "", text))
    if m:
        who = _who(m.group("who"), people, strict=False)
        if who:
            return who
    # "eP: ...", "JW- ...", "Theo - ...", "Justin B: ..."
    m = re.match(r"^(?P<who>[^:()]{1,30}?)\s*(?::|\s?[-–]\s)\s*\S", text)
    if m:
        who = _who(m.group("who"), people, strict=False)
        if who:
            return who
    # "Follow up in issue 355. KK, SC."
    m = re.search(r"\.\s+(?P<who>[A-Z][\w]*(?:\s*,\s*[A-Z][\w]*)*)\s*\.?\s*$", text)
    if m:
        who = _who(m.group("who"), people, strict=True)
        if who:
            return who
    # "... (JB)", "... - Sarven", "..., SC."
    m = re.search(r"(?:\((?P<a>[^)]+)\)|\s[-–]\s+(?P<b>[^-–]+?)|,\s*(?P<c>[A-Za-z][\w ]{0,20}?))\s*\.?\s*$", text)
    if m:
        who = _who(m.group("a") or m.group("b") or m.group("c"), people, strict=True)
        if who:
            return who
    # "Theo have a meeting ...": a participant's name opening the item
    m = re.match(r"^(?P<who>[\w@-]+(?: [A-Z][\w-]*)?)\s+[a-z]", text)
    if m and m.group("who").lower().lstrip("@") in people:
        return m.group("who").lstrip("@")
    # "Move the discussion into a document. SC to PR."
    m = re.search(r"[.;]\s+(?P<who>[A-Z][\w-]*)\s+(?:to|will)\s+\S", text)
    if m:
        who = _who(m.group("who"), people, strict=True)
        if who:
            return who
    # "At the meeting on ..., CB to present ..."
    m = re.search(r"(?:[,;:]\s*)(?P<who>[A-Z][\w-]*(?: [A-Z][\w-]*)?)\s+(?:to|will)\s+[a-z]", text)
    if m:
        prefix = text[:m.end("who")]
        if re.fullmatch(r"[\w@.'’-]+(?: [\w@.'’-]+)?(?:,\s*[\w@.'’-]+(?: [\w@.'’-]+)?)+", prefix) and len(prefix.split()) <= 6:
            return prefix  # "e Pavlic, ericP, Josh to review ...": the whole list of names
        return _who(m.group("who"), people, strict=False)
    return None


def _due(content, year=None):
    text = re.sub(r"https?://\S+", " ", content)
    m = re.search(r"(?<!\d)(20\d{2})-(\d{2})-(\d{2})(?!\d)", text)
    if m:
        return "%s-%s-%s" % m.groups()
    months = "|".join(sorted(_MONTHS, key=len, reverse=True))
    m = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(%s)\.?,?\s+(20\d{2})\b" % months, text, re.I)
    if m:
        return "%s-%02d-%02d" % (m.group(3), _MONTHS[m.group(2).lower()], int(m.group(1)))
    m = re.search(r"\b(%s)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(20\d{2})\b" % months, text, re.I)
    if m:
        return "%s-%02d-%02d" % (m.group(3), _MONTHS[m.group(1).lower()], int(m.group(2)))
    if year:
        # "by Nov 15", "deadline June 17th": month and day, in the meeting's year
        m = re.search(r"\b(%s)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?![:\d])" % months, text, re.I) or \
            re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(%s)\b" % months, text, re.I)
        if m:
            month, day = (m.group(1), m.group(2)) if not m.group(1).isdigit() else (m.group(2), m.group(1))
            if 1 <= int(day) <= 31:
                return "%s-%02d-%02d" % (year, _MONTHS[month.lower()], int(day))
    return None


def _is_item(text):
    return bool(text) and not _NO_OUTCOME.match(text) and not text.endswith(":") and bool(common.content_words(text))


def _heading_kind(title):
    t = _clean(title)
    t = re.sub(r"\(.*?\)", "", t)
    t = re.sub(r"^\s*[\d.]+\s*", "", t).strip(" :#").lower()
    if re.search(r"\bactions?\b|\baction items?\b", t) and _REVIEW_WORDS.search(t):
        return "review"
    if re.fullmatch(r"(?:summary of )?(?:actions?|action items?)", t):
        return "tasks"
    if re.fullmatch(r"decisions?|resolutions?", t):
        return "decisions"
    return None


def _block_items(block):
    """Items of a section: table rows, else top-level bullets (with wrapped lines), else non-blank lines."""
    rows = [l for l in block if l.strip().startswith("|")]
    if len(rows) >= 2:
        items = []
        for row in rows[1:]:
            cells = [c.strip() for c in row.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-+:?", c) for c in cells if c):
                continue
            items.append(("table", cells))
        return items
    bullets = [(i, _BULLET.match(l)) for i, l in enumerate(block)]
    bullets = [(i, m) for i, m in bullets if m]
    if not bullets:
        return [("text", l.strip()) for l in block if l.strip()]
    top = min(len(m.group("indent")) for _, m in bullets)
    items = []
    for i, m in bullets:
        if len(m.group("indent")) != top:
            continue
        text = m.group("text").strip()
        j = i + 1
        while j < len(block) and block[j].strip() and not _BULLET.match(block[j]) and \
                not _HEADING.match(block[j]):
            text += " " + block[j].strip()
            j += 1
        items.append(("text", text))
    return items


def _strip_marker(text):
    m = _MARKER.match(text)
    return m.group("text") if m and m.group("text").strip() else text


_APPROVAL_ONLY = re.compile(r"^\W*(?:no (?:apparent )?(?:dissent|discent|objections?)|approved|agreed|accepted|"
                            r"adopted|yes|carried|\+1)\W*$", re.I)
_PROPOSAL = re.compile(r"^\s*(?:[-*+]\s+)?PROPOSAL\s*:\s*(?P<text>\S.*)$", re.I)


def parse(text, year=None, known=frozenset()):
    """Returns (body, tasks, decisions) of one minutes file; year: the meeting's, for dates written without one;
    known: names of people seen in the repository's other minutes (speakers, attendees, regrets)."""
    lines = text.splitlines()
    people = _people(lines) | set(known)
    out, tasks, decisions = [], [], []

    def task(content, assignee=None, due=None):
        content = _clean(content)
        if _is_item(content):
            tasks.append({"content": content, "assignee": assignee if assignee is not None else
                          _assignee(content, people), "due_date": due or _due(content, year)})

    def decision(content):
        content = _clean(content)
        if _is_item(content):
            decisions.append({"content": content})

    in_fence = False
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
        kind = _heading_kind(h.group(2)) if h else None
        if kind:
            level = len(h.group(1))
            j = common.section_end(lines, i, level, _HEADING)
            if kind != "review":
                for form, item in _block_items(lines[i + 1:j]):
                    if form == "table":
                        content = item[0] if item else ""
                        owner = _clean(item[1]) if len(item) > 1 else ""
                        if not owner or _NO_OUTCOME.match(owner) or owner.lower() in _GENERIC or \
                                re.match(r"(?:all|everyone)\b", owner, re.I):
                            owner = None
                        due = _due(item[2]) if len(item) > 2 else None
                        if kind == "tasks":
                            task(content, owner, due)
                        else:
                            decision(content)
                    elif kind == "tasks":
                        task(_strip_marker(item))
                    else:
                        decision(_strip_marker(item))
            i = j
            continue
        if _REVIEW_BULLET.match(line):
            indent = len(line) - len(line.lstrip())
            j = i + 1
            while j < len(lines):
                nxt = lines[j]
                if nxt.strip() and len(nxt) - len(nxt.lstrip()) <= indent:
                    break
                if not nxt.strip() and (j + 1 >= len(lines) or not lines[j + 1].strip() or
                                        len(lines[j + 1]) - len(lines[j + 1].lstrip()) <= indent):
                    break
                j += 1
            i = j
            continue
        m = _MARKER.match(line)
        if m:
            kind = "decision" if m.group("kind").lower() in ("resolved", "resolution", "conclusion") else "task"
            content = m.group("text").strip()
            spk = m.group("spk")
            pre = m.group("pre")
            if content and kind == "decision" and _APPROVAL_ONLY.match(_clean(content)):
                # "PROPOSAL: X" ... "RESOLUTION: Approved.": the decision is the proposal just before
                for k in range(i - 1, max(-1, i - 12), -1):
                    p = _PROPOSAL.match(lines[k])
                    if p:
                        decision(p.group("text"))
                        break
                out.append(pre + m.group("text"))
                i += 1
                continue
            if content:
                (task if kind == "task" else decision)(content)
                out.append(pre + m.group("text"))
                i += 1
                continue
            # a bare marker: the bullets nested under it, else the next paragraph
            indent = len(line) - len(line.lstrip())
            j, nested = i + 1, []
            while j < len(lines) and (not lines[j].strip() or len(lines[j]) - len(lines[j].lstrip()) > indent):
                if lines[j].strip():
                    nested.append(lines[j])
                elif nested:
                    break
                j += 1
            if not nested:
                j = i + 1
                while j < len(lines) and not lines[j].strip():
                    j += 1
                while j < len(lines) and lines[j].strip() and not _HEADING.match(lines[j]):
                    nested.append(lines[j])
                    j += 1
            for _, item in _block_items(nested):
                (task if kind == "task" else decision)(_strip_marker(item))
            if spk:
                out.append(pre.rstrip())
            i += 1
            continue
        out.append(line)
        i += 1
    return "\n".join(out) + "\n", tasks, decisions


def _runner(path):
    def git(*args):
        return subprocess.run(["git", "-C", path, *args], check=True, capture_output=True).stdout.decode(
            "utf-8", errors="replace")
    return git


def _panel_dirs(spec_dir):
    found = {}
    env = os.environ.get("SOLID_PANELS")
    if env:
        for entry in filter(None, env.split(":")):
            name, sep, path = entry.partition("=")
            if not sep:
                path = entry
                name = next((p for p in PANELS if p.split("/")[1] in entry), None)
            if name not in PANELS:
                raise SystemExit("SOLID_PANELS: cannot tell which panel %r is; write it as owner/name=path" % entry)
            found[name] = path
    for name in PANELS:
        if name not in found:
            short = name.split("/")[1]
            cut = spec_dir.rfind("specification")
            found[name] = spec_dir[:cut] + short + spec_dir[cut + len("specification"):] if cut >= 0 else short
    return found


def _read(project, commit, git):
    try:
        git("cat-file", "-e", commit + "^{commit}")
    except subprocess.CalledProcessError:
        raise SystemExit("solid: %s does not contain commit %s (set SOLID_PANELS)" % (project, commit))
    for path in sorted(git("ls-tree", "-r", "--name-only", commit, "meetings").splitlines()):
        m = _FILE.match(path)
        if m:
            yield m, path, git("show", "%s:%s" % (commit, path))


def documents(git):
    panels = _panel_dirs(git("rev-parse", "--absolute-git-dir").strip())
    sources = [(PROJECT, COMMIT, git)] + [(p, c, _runner(panels[p])) for p, c in PANELS.items()]
    qualified, with_labels, seen = [], 0, set()
    for project, commit, run in sources:
        files = list(_read(project, commit, run))
        known = _known(text for _, _, text in files)
        for m, path, text in files:
            date = "%s-%02d-%02d" % (m.group("y"), int(m.group("m")), int(m.group("d")))
            body, tasks, decisions = parse(text, m.group("y"), known)
            items = [t["content"] for t in tasks] + [d["content"] for d in decisions]
            if not items:
                continue
            with_labels += 1
            if not all(common.recoverable(item, body) for item in items):
                continue
            rest = re.sub(r"[^A-Za-z0-9]+", "-", m.group("rest")).strip("-")
            doc_id = "%s-%s%s" % (SHORT[project], date, "-" + rest if rest else "")
            assert doc_id not in seen, doc_id
            seen.add(doc_id)
            labels = {"reference_date": date, "tasks": tasks, "decisions": decisions,
                      "project": project, "commit": commit}
            qualified.append((date, doc_id, path, body, labels))
    qualified.sort(key=lambda q: (q[0], q[1]))
    print("solid adapter: %d minutes with labels, %d dropped here as unrecoverable, %d qualify, %d kept (cap %d)"
          % (with_labels, with_labels - len(qualified), len(qualified), min(len(qualified), CAP), CAP),
          file=sys.stderr)
    for _, doc_id, path, body, labels in qualified[-CAP:]:
        yield doc_id, path, body, labels
