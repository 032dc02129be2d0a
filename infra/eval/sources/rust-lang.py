"""Rust language team meeting minutes (rust-lang/lang-team): minutes/YYYY-MM-DD.md, 2019-2022.

Outcomes as the authors mark them:
  * Action item: X to ... / * Action Item (Niko): ... / * action items: + nested list
                                  inline task marker: the marker goes, the text (or the nested list) stays; tasks
  * Consensus: ... / * Conclusion: ... / * Consensus of meeting: + nested list
                                  inline decision marker: the marker goes, the text stays; decisions
  ## Action items (2019-2020)     the meeting document's standing list of open action items, carried from meeting to
                                  meeting with progress notes ("No progress", "(done)"): removed from the body; only
                                  the items that were not on the previous meeting's list are this meeting's tasks
  ## Resolutions                  labelled section: removed; decisions = its items
"Action item review" sections (a link to the running list) are removed and never labelled; "Action item scribe:"
names a meeting role and is not a marker.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import minutes_common as common  # noqa: E402
from sources.eslint import clean, due_date, item_tree  # noqa: E402

PROJECT = "rust-lang/lang-team"
COMMIT = "cf7fec8b0fb6b9ad85b0cb3d50566f0b0847f8f9"
LICENSE = "MIT OR Apache-2.0"
CAP = 80
ATTRIBUTION = """
# Rust language team meeting minutes

- Project: Rust lang team (rust-lang/lang-team), https://github.com/rust-lang/lang-team
- Commit: %s
- Files: `minutes/YYYY-MM-DD.md` (triage meeting minutes, 2019-2022)
- License: dual-licensed under the MIT License (`LICENSE-MIT`, https://opensource.org/license/mit) or the Apache
  License 2.0 (`LICENSE-APACHE`, https://www.apache.org/licenses/LICENSE-2.0), as the repository states ("Rust
  licensing"); used here under the MIT License
- Copyright holder: the Rust lang team meeting note authors / The Rust Project Developers (the repository's license
  files name no other holder)

MIT License notice: "Permission is hereby granted, free of charge, to any person obtaining a copy of this software
and associated documentation files (the "Software"), to deal in the Software without restriction, including without
limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the
Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions: The
above copyright notice and this permission notice shall be included in all copies or substantial portions of the
Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT
LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL
THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF
CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
THE SOFTWARE."

Changes: outcome sections and markers removed; labels derived from them. Inline `Action item:` markers were removed
(their text kept) and give the tasks; inline `Consensus:` / `Conclusion:` markers were removed (their text kept)
and give the decisions; the standing `## Action items` list at the top of the 2019-2020 documents and the
`## Action item review` sections were removed, and only the items new since the previous meeting's list were taken
as tasks. Each `<doc>.json` names the source file and commit.
""" % COMMIT

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_TASK_SEC = re.compile(r"^action items?\s*:?$", re.I)
_DEC_SEC = re.compile(r"^(resolutions?|decisions?)\s*:?$", re.I)
_REVIEW_SEC = re.compile(r"^(action items? review|review (of )?(previous |last week.s )?action items?|"
                         r"(previous|prior|old|pending|outstanding) action items?)\b", re.I)
_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?(.*)$")
# a marker at the start of an item or line: "Action item:", "Action Item (Niko):", "Action items (individual):",
# "Action item for folks:", "Consensus of meeting:", "**Consensus:**", "conclusion:"
_MARKER = re.compile(r"^(\s*(?:[-*+]\s+)?)\**\s*(action items?|consensus|conclusion|resolution|decision)"
                     r"((?:\s+(?:of|from) (?:the )?meeting)|\s*\(([^)]*)\)|\s+for\s+[^:*]{1,30})?\s*\**\s*"
                     r"(?::|(?-i:(?<=ACTION ITEM)\s))\s*\**\s*(.*?)\s*$", re.I)
_EMPTY = re.compile(r"^\W*(none|n/?a|tbd|nothing)?\W*$", re.I)
_OWNER = re.compile(r"^@?([A-Za-z][\w-]*(?:\s*(?:,|&|and)\s*@?[A-Za-z][\w-]*)*)\s+(?:to|will|should|can|needs? to)\b")
_NOT_NAMES = {"we", "someone", "everyone", "lang", "team", "folks", "the", "this", "it", "they", "need", "post",
              "ping", "write", "ask", "read", "review", "schedule", "leave", "add", "create", "open", "close",
              "comment", "reach", "propose", "summarize", "invite", "run", "check", "follow", "talk", "file",
              "contact", "try", "i", "you", "people", "somebody", "anyone", "all", "who", "whoever"}


def person(owner):
    """The people an "Action item (...)" qualifier names: "Josh", "Josh, Mara"; None for "individual", "folks"."""
    if not owner:
        return None
    m = re.match(r"^@?([A-Za-z][\w-]*(?:\s*(?:,|&|and)\s*@?[A-Za-z][\w-]*)*)", owner.strip())
    if not m or re.split(r"[\s,&]", m.group(1))[0].lower() in _NOT_NAMES | {"individual", "individually"}:
        return None
    return m.group(1)


def assignee(raw, owner=None):
    if person(owner):
        return person(owner)
    t = clean(raw)
    m = _OWNER.match(t)
    if m and re.split(r"[\s,&]", m.group(1))[0].lower() not in _NOT_NAMES:
        return m.group(1)
    m = re.match(r"^\(?([A-Z][\w-]*)\)?:\s", t)
    if m and m.group(1).lower() not in _NOT_NAMES:
        return m.group(1)
    m = re.search(r"\(([A-Za-z][\w-]*)\)\s*(?:&|$)", t)
    if m and m.group(1).lower() not in _NOT_NAMES | {"done", "pin", "wip"}:
        return m.group(1)
    return None


def block_end(lines, i, indent):
    """End of the nested block under lines[i-1] (lines indented deeper than indent, blank lines inside)."""
    j = i
    end = i
    while j < len(lines):
        line = lines[j]
        if not line.strip():
            j += 1
            continue
        if len(line) - len(line.lstrip()) > indent:
            j += 1
            end = j
        else:
            break
    return end


def section_items(lines):
    items = []
    block = [l for l in lines if l.strip()]
    list_lines = [l for l in block if _ITEM.match(l) or l[:1] in " \t"]
    for head, children in item_tree(list_lines):
        items.append((head, children))
    return [(h, c) for h, c in items if not _EMPTY.match(clean(h))]


def norm(text):
    return common.content_words(re.sub(r"\((done|wip)\)", "", clean(text), flags=re.I))


def parse(text, ref, previous):
    """previous: content-word sets of the previous meeting's standing action items."""
    lines = text.splitlines()
    out = []
    tasks, decisions, standing = [], [], []

    def add(kind, raw, owner=None):
        content = clean(raw).replace("~~", "")
        if not content or _EMPTY.match(content) or not common.content_words(content):
            return  # "none", or a bare "No." with no content word to match
        if kind == "task":
            tasks.append({"content": content, "assignee": assignee(raw, owner), "due_date": due_date(raw, ref)})
        else:
            decisions.append({"content": content})

    i = 0
    while i < len(lines):
        line = lines[i]
        h = _HEADING.match(line)
        if h:
            title = clean(h.group(2))
            kind = "task" if _TASK_SEC.match(title) else "decision" if _DEC_SEC.match(title) else \
                "review" if _REVIEW_SEC.match(title) else None
            if kind:
                level = len(h.group(1))
                j = common.section_end(lines, i, level, _HEADING)
                for head, children in section_items(lines[i + 1:j]) if kind != "review" else []:
                    if kind == "decision":
                        add("decision", head)
                        continue
                    words = norm(head)
                    standing.append(words)
                    carried = any(words and len(words & p) >= 0.7 * len(words) for p in previous)
                    if not carried:
                        add("task", head)
                i = j
                continue
        if re.match(r"^\s*(?:[-*+]\s+)?\**\s*(pending|unchecked|previous|prior|old|open) action items?\s*\**\s*:", line, re.I):
            # an earlier meeting's item still open: a review, removed with its nested lines and never labelled
            i = block_end(lines, i + 1, len(line) - len(line.lstrip()))
            continue
        m = _MARKER.match(line)
        if m and not re.match(r"^\s*(?:[-*+]\s+)?\**\s*action items? (scribe|list)", line, re.I) \
                and not re.match(r"potential", m.group(3) or "", re.I):
            prefix, word, qual, owner, rest = m.group(1), m.group(2), m.group(3) or "", m.group(4), m.group(5)
            kind = "task" if word.lower().startswith("action") else "decision"
            if kind == "task" and owner is None and qual.strip().lower().startswith("for "):
                owner = qual.strip()[4:]
            shown = prefix + ("(%s): " % owner if owner and kind == "task" else "") + rest
            indent = len(line) - len(line.lstrip())
            j = block_end(lines, i + 1, indent)
            children = [l for l in lines[i + 1:j] if _ITEM.match(l)]
            if rest:
                out.append(shown.rstrip())
                if rest.rstrip().endswith(":") and children:
                    add(kind, rest + " " + "; ".join(clean(c) for c in children), owner)
                else:
                    add(kind, (person(owner) + ": " if person(owner) and kind == "task" else "") + rest, owner)
                i += 1
                continue
            # a marker alone: its nested items stay in the body and are the outcomes
            i += 1
            for head, sub in item_tree(children):
                if _MARKER.match("* " + head):
                    continue  # a nested marker of its own: labelled when its line is reached
                add(kind, head + ("" if not sub else " " + "; ".join(clean(s) for s in sub)), owner)
            continue
        out.append(line)
        i += 1
    return "\n".join(out), tasks, decisions, standing


def candidates(git):
    paths = git("ls-tree", "-r", "--name-only", COMMIT, "minutes").split("\n")
    found = []
    for p in paths:
        m = re.match(r"^minutes/(\d{4})[-.](\d\d)[-.](\d\d)[^/]*\.md$", p)
        if m:
            found.append(("-".join(m.groups()), p))
    return sorted(found)


def documents(git):
    docs = []
    previous = []
    for ref, path in candidates(git):
        text = git("show", "%s:%s" % (COMMIT, path))
        body, tasks, decisions, standing = parse(text, ref, previous)
        if standing:
            previous = standing
        doc_id = os.path.basename(path)[:-3].replace(".", "-")
        labels = {"reference_date": ref, "tasks": tasks, "decisions": decisions}
        docs.append((doc_id, path, body, labels))
    ids = [d[0] for d in docs]
    # minutes/2019.04.18.md and minutes/2019.09.26.md duplicate the dash-named files of the same meetings
    docs = [d for d in docs if not ("." in os.path.basename(d[1])[:-3] and ids.count(d[0]) > 1)]
    assert len({d[0] for d in docs}) == len(docs), "doc ids not unique"
    docs.sort(key=lambda d: (d[3]["reference_date"], d[1]), reverse=True)
    yield from common.most_recent_qualifying(docs, CAP)
