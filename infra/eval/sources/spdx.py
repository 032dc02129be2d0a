"""SPDX project meeting minutes (spdx/meetings): <team>/YYYY/YYYY-MM-DD.md for the tech, legal, outreach, AI,
safety, hardware, serialisation, ... teams.

Outcomes as the authors mark them:
  ## Decisions / ## Decision Items ...        labelled section: removed from the body; decisions = its items
  ## Action Items / ## Action points / ...     labelled section: removed from the body; tasks = its items
  * **Action items**: + nested list            the same, as a bold list label
  AI: <text>, ACTION ITEM: <text>              inline task marker: the marker goes, the text stays; task = text
  Decision: <text>, DECISION: <text>           inline decision marker: the marker goes, the text stays
Sections reviewing earlier meetings' action items ("Prior Action Items", "Pending Action Items", "Outstanding AIs",
"Previous Meeting Action Items", ...) are removed from the body and never labelled.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import minutes_common as common  # noqa: E402
from sources.eslint import clean, due_date, item_tree, MONTHS  # noqa: E402

PROJECT = "spdx/meetings"
COMMIT = "037ce2a2a9f77dc05e954295e82c857403c55d8d"
LICENSE = "CC-BY-3.0"
CAP = 80
ATTRIBUTION = """
# SPDX meeting minutes

- Project: SPDX (Software Package Data Exchange) meeting minutes, https://github.com/spdx/meetings
- Commit: %s
- Files: `<team>/YYYY/YYYY-MM-DD.md` minutes of the SPDX teams (tech, legal, outreach, AI, safety, hardware,
  serialisation, ...)
- License: Creative Commons Attribution 3.0 Unported (CC BY 3.0), the `LICENSE` file of the repository;
  https://creativecommons.org/licenses/by/3.0/legalcode
- Copyright holder: the SPDX project contributors who wrote the minutes (the repository names no other holder;
  SPDX is a Linux Foundation project)

CC BY 3.0 allows copying, redistributing and adapting the work for any purpose provided that credit is given to the
original author(s), the title and the URI of the work are kept as far as practicable, the license (or its URI) goes
with the work, and changes are indicated; the work is provided "as is" without warranties.

Changes: outcome sections and markers removed; labels derived from them. `## Decisions` and `## Action Items` (and
similar) sections were removed and give the decisions and tasks; inline `AI:` / `ACTION ITEM:` and `Decision:`
markers were removed (their text kept) and give tasks and decisions; sections reviewing earlier meetings' action
items were removed. Each `<doc>.json` names the source file and commit.
""" % COMMIT

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_TASK_SEC = re.compile(r"^(new |current )?(action (items?|points?)|actions|ais)( - next meeting| resulting from .*)?"
                       r"\s*:?$", re.I)
_DEC_SEC = re.compile(r"^(decisions?|decision items?|decisions made|decisions captured from the notes|"
                      r"decision-oriented outcomes)\s*:?$", re.I)
_REVIEW_SEC = re.compile(r"^((prior|previous|pending|outstanding|old|open)( meeting)?( outstanding)? "
                         r"(action items?|actions|ais|action points)|review of (the )?(previous |prior )?"
                         r"(action items?|actions)|\w+'s summary of action items|action items from (the )?"
                         r"(previous|last|prior) meeting|decisions? from (the )?(last|previous|prior) (time|meeting))\b", re.I)
_LABEL = re.compile(r"^(\s*)(?:[-*+]\s+)?\**\s*(action items?|action points?|decisions?)\s*\**\s*:?\s*\**\s*$", re.I)
_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])(?:\s+(.*))?$")
# an inline marker: at the start of an item/line, after a sentence end, an opening parenthesis or two spaces
_INLINE = re.compile(r"(^\s*(?:[-*+]\s+)?|[.;:)!?]\s+|\(\s*|\s{2,})(\*{0,3})\s*((?:(?i:interim|tentative|final)\s+)?"
                     r"(?:AI|ACTION ITEMS?|Action Items?|(?i:decision)))(?:\s*(\*{0,3})\s*(?::|\s-\s)|"
                     r"(?<=\w)\s*(\*{2,3})(?=\s))\s*(\*{0,3})\s*")
_EMPTY = re.compile(r"^\W*(none|n/?a|tbd|nothing|-+)?\W*$", re.I)

_NOT_NAMES = {"The", "We", "Team", "Everyone", "Someone", "This", "It", "They", "All", "Group", "Use", "Open",
              "Create", "Review", "Update", "Rename", "Add", "Need", "Needs", "Discuss", "Ask", "Send", "Check", "Set",
              "Write", "Get", "Follow", "Move", "Make", "Look", "Reach", "Schedule", "Post", "Share", "Close",
              "Remove", "Provide", "Figure", "Investigate", "Prepare", "Contact", "Draft", "Email", "Find", "Fix",
              "Submit", "Start", "Continue", "Develop", "Do", "Document", "Determine", "Identify", "Clarify",
              "Consider", "Confirm", "Put", "Merge", "Bring", "Future", "Tentative", "To", "If", "When", "Next",
              "Everybody", "Anyone", "Please", "Work", "Think", "Go", "Try", "Include", "Ping", "Invite", "Propose",
              "Plan", "Keep", "Reply", "Respond", "Agree", "Approve", "Publish", "Release", "Finish", "Complete",
              "Setup", "Sync", "Coordinate", "Explore", "Decide", "Define", "Move", "New", "Edit", "Call", "Join",
              "Present", "Give", "Let", "Assign", "Also", "Both", "Each", "SPDX", "PR", "Issue", "TODO", "Meeting",
              "Model", "Spec", "Profile", "Outreach", "Legal", "Tech", "Website", "Mailing", "Slack", "GitHub",
              "Google", "Jira", "Sandbox", "Requirement", "Is", "Are", "Have", "Has", "Reviewed", "Question",
              "Discussion", "Request", "Summary", "Any", "An", "A", "In", "On", "For", "Our", "Not", "No", "Yes",
              "Done", "DONE", "Ongoing", "Before", "After", "Details", "During", "Until", "Per", "From", "With", "Status", "ASK", "Action", "Decision", "AI", "How", "What", "Why", "Where"}
_NAME = r"[A-Z][\w'.-]*(?: [A-Z]\.?(?=[\s:,]))?(?: [A-Z][a-z][\w'-]*)?"
_OWNER = re.compile(r"^\(?\[?(" + _NAME + r"(?:\s*(?:&|and|,|/)\s*" + _NAME + r")*)(?![\w'-])\]?\)?\s*(?=(:|-|–|\bto\b|\bwill\b|"
                    r"\bshould\b|\bneeds?\b|\bcan\b|(?!(?:of|in|for|on|with|from|the|a|an|is|are|was|at|by)\b)[a-z]))")


def assignee(text):
    t = clean(text)
    m = re.match(r"^@([A-Za-z0-9][\w-]*)", t)
    if m:
        return m.group(1)
    t = re.sub(r"^(\[[^\]]*\]\s*)", lambda x: x.group(1) if re.match(r"^\[[A-Z][\w' &,/-]*\]:", t) else "", t)
    m = _OWNER.match(t)
    if not m:
        # "Provide link to EU AI Act workshop - Karen", "Summarize Croissant ... (Art)"
        m = re.search(r"(?:\s[-\u2013]\s*|\()(" + _NAME + r"(?:\s*(?:&|and|,|/)\s*" + _NAME + r")*)\)?\.?$", t)
        if m and re.split(r"[\s&,/]", m.group(1))[0] not in _NOT_NAMES:
            return m.group(1).strip()
        return None
    names = m.group(1).strip()
    first = re.split(r"[\s&,/]", names)[0]
    if first in _NOT_NAMES or first.isdigit():
        return None
    # "Kate add back", "Gary start": a name needs a separator or a verb after it, not a capitalised noun phrase
    return names


def is_empty(text):
    return _EMPTY.match(clean(text)) is not None


def strip_marker(text):
    """Item text of a labelled section without its own leading marker ("AI: ...", "Decision: ...")."""
    return re.sub(r"^\s*\**\s*(AI|ACTION ITEMS?|Action Items?|Decisions?|DECISION)\s*\**\s*:\s*\**\s*", "", text)


def _cells(row):
    return [c.strip() for c in row.strip().strip("|").split("|")]


def table_items(rows):
    """Rows of a Markdown table under an outcome heading: (text, owner, due) from its Action/Owner/Due columns."""
    head = [clean(c).lower() for c in _cells(rows[0])]

    def col(*names):
        return next((k for k, h in enumerate(head) if any(n in h for n in names)), None)
    owner = col("owner", "assignee", "who")
    due = col("due", "deadline", "target", "timing", "date", "when")
    text = col("action", "task", "item", "decision", "what")
    if text is None:
        text = next((k for k in range(len(head)) if k not in (owner, due)), 0)
    items = []
    for row in rows[1:]:
        cells = _cells(row)
        if all(re.match(r"^:?-+:?$", c) or not c for c in cells) or len(cells) <= text:
            continue
        who = cells[owner] if owner is not None and owner < len(cells) else None
        if who is not None and (is_empty(who) or re.search(r"\bTBD\b", who)):
            who = None
        items.append((cells[text], clean(who) if who else None,
                      cells[due] if due is not None and due < len(cells) else None))
    return items


def section_items(lines):
    """Items of a labelled section as (text, owner, due): list items (nested items joined to their parent), table
    rows and plain lines; owner and due are set only from a table's columns."""
    items = []
    block = []
    table = []
    for line in lines + [""]:
        if line.strip().startswith("|"):
            table.append(line)
            continue
        if table:
            items.extend(table_items(table))
            table = []
        m = _ITEM.match(line)
        if m and not (m.group(2) or "").strip():
            continue  # an empty template bullet
        if m or (block and line.strip() and line[:1] in " \t"):
            block.append(line)
            continue
        if block:
            for head, children in item_tree(block):
                items.append((head + ("" if not children else " " + "; ".join(clean(c) for c in children)),
                              None, None))
            block = []
        if line.strip() and not _HEADING.match(line) and not re.match(r"^\s*(---+|\*\*\*+)\s*$", line):
            items.append((line.strip(), None, None))
    out = []
    for text, who, due in items:
        text = _INLINE.sub(lambda m: m.group(1), strip_marker(text))
        if text.strip() and not is_empty(text):
            out.append((text, who, due))
    return out


def split_inline(line):
    """(line with inline markers removed, [(kind, text)]); text runs to the next marker or the end of the line."""
    hits = list(_INLINE.finditer(line))
    if not hits:
        return line, []
    out = []
    found = []
    pos = 0
    for k, m in enumerate(hits):
        kind = "decision" if "decision" in m.group(3).lower() else "task"
        keep = m.group(1)
        out.append(line[pos:m.start()] + keep)
        end = hits[k + 1].start() if k + 1 < len(hits) else len(line)
        text = line[m.end():end]
        bold = m.group(2) and not m.group(4) and not m.group(5) and not m.group(6)
        if bold:
            # "**AI: Bill S** to send ...": the closing emphasis of the marker goes with it
            text = re.sub(r"\*{1,3}", "", text, count=1)
        found.append((kind, text.rstrip(") ") if "(" in keep and ")" in text and "(" not in text else text))
        out.append(text)
        pos = end
    out.append(line[pos:])
    return "".join(out), found


def _ai_profile_topic(text):
    """In the AI team's minutes "AI: 'modelExplainability' ..." / "AI: Rename: ..." names the AI profile."""
    t = text.strip()
    return bool(re.match(r"^(['\"`]|[A-Za-z]+:|[a-z]+[A-Z]\w*)", t))


def reference_date(path, text):
    m = re.search(r"(?<!\d)(\d{4})-(\d\d)-(\d\d)(?!\d)", os.path.basename(path))
    if m:
        return "-".join(m.groups())
    first = next((l for l in text.splitlines() if l.strip()), "")
    m = re.search(r"(\d{4})-(\d\d)-(\d\d)", first)
    if m:
        return "-".join(m.groups())
    m = re.search(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})", first)
    if m and m.group(1).lower()[:3] in MONTHS:
        return "%s-%02d-%02d" % (m.group(3), MONTHS[m.group(1).lower()[:3]], int(m.group(2)))
    return None


def parse(path, text, ref):
    lines = text.splitlines()
    out = []
    tasks, decisions = [], []

    def add(kind, raw, who=None, due=None):
        raw = raw.strip()
        if not raw or is_empty(raw):
            return
        content = clean(raw).replace("**", "").strip()
        if not content:
            return
        if kind == "task":
            tasks.append({"content": content, "assignee": who or assignee(raw),
                          "due_date": due_date(due, ref) if due else due_date(raw, ref)})
        else:
            decisions.append({"content": content})

    i = 0
    while i < len(lines):
        line = lines[i]
        h = _HEADING.match(line)
        if h:
            title = clean(h.group(2)).strip()
            kind = "task" if _TASK_SEC.match(title) else "decision" if _DEC_SEC.match(title) else \
                "review" if _REVIEW_SEC.match(title) else None
            if kind:
                level = len(h.group(1))
                j = common.section_end(lines, i, level, _HEADING)
                if kind != "review":
                    for item in section_items(lines[i + 1:j]):
                        add(kind, *item)
                i = j
                continue
        lab = _LABEL.match(line)
        if lab:
            # "* **Action items**:" followed by its (nested) list
            indent = len(lab.group(1))
            is_item = bool(_ITEM.match(line))
            j = i + 1
            while j < len(lines):
                m = _ITEM.match(lines[j])
                if not lines[j].strip():
                    j += 1
                elif (is_item and len(lines[j]) - len(lines[j].lstrip()) > indent) or (not is_item and m):
                    j += 1
                else:
                    break
            while j > i + 1 and not lines[j - 1].strip():
                j -= 1
            kind = "decision" if lab.group(2).lower().startswith("decision") else "task"
            for item in section_items(lines[i + 1:j]):
                add(kind, *item)
            i = j
            continue
        new, found = split_inline(line)
        if found and "/ai/" in "/" + path and all(k == "task" and _ai_profile_topic(t) for k, t in found):
            new, found = line, []
        for kind, t in found:
            add(kind, t)
        out.append(new.rstrip() if found else line)
        i += 1
    body = "\n".join(out)
    return body, tasks, decisions


def candidates(git):
    paths = git("ls-tree", "-r", "-z", "--name-only", COMMIT).split("\0")
    return sorted(p for p in paths if p.endswith(".md") and "/" in p
                  and re.search(r"\d{4,5}-\d\d-\d\d", os.path.basename(p)))


def doc_id(path):
    parts = path[:-3].split("/")
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", parts[-1])
    return parts[0] + "-" + name


def documents(git):
    docs = []
    for path in candidates(git):
        text = git("show", "%s:%s" % (COMMIT, path))
        ref = reference_date(path, text)
        body, tasks, decisions = parse(path, text, ref)
        labels = {"reference_date": ref, "tasks": tasks, "decisions": decisions}
        docs.append((doc_id(path), path, body, labels))
    assert len({d[0] for d in docs}) == len(docs), "doc ids not unique"
    # the most recent that qualify: by meeting date, then path
    docs.sort(key=lambda d: (d[3]["reference_date"] or "", d[1]), reverse=True)
    yield from common.most_recent_qualifying(docs, CAP)
