"""ESLint TSC meeting notes (eslint/tsc-meetings): notes/YYYY/YYYY-MM-DD.md summaries, transcripts left out.

Outcomes as the authors mark them:
  **Resolution:** text            inline decision marker: the marker goes, the text stays; decisions = the text, or
  **Resolution:** + list/para     the items of the list (vote lines ":+1: ..." are not decisions) or the paragraph
  **Action Item(s):** text        inline task marker (one line, no list): the marker goes, the text stays; one task
  **Action Items:** [intro:] list a labelled block: removed from the body; tasks = the list items (one task when an
                                  intro such as "@x will release the following:" owns the list)
Sections that review earlier meetings ("Follow-up from Previous Meeting", "Status of previous actionable items")
are removed from the body and never labelled.
"""
import re
import sys
import os

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import minutes_common as common  # noqa: E402

PROJECT = "eslint/tsc-meetings"
COMMIT = "04a89d0549c588a790ad0223f445d311af79265a"
LICENSE = "MIT"
CAP = 80
ATTRIBUTION = """
# ESLint TSC meeting notes

- Project: ESLint Technical Steering Committee meetings, https://github.com/eslint/tsc-meetings
- Commit: %s
- Files: `notes/YYYY/YYYY-MM-DD.md` (meeting summaries; transcripts not used)
- License: MIT License, declared in the repository's `package.json` (`"license": "MIT"`);
  https://opensource.org/license/mit
- Copyright holder: the ESLint TSC meeting note authors (the repository names no other holder; ESLint is an
  OpenJS Foundation project)

The MIT License requires that the copyright notice and the permission notice be included in all copies or
substantial portions: "Permission is hereby granted, free of charge, to any person obtaining a copy of this software
and associated documentation files (the "Software"), to deal in the Software without restriction, including without
limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the
Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions: The
above copyright notice and this permission notice shall be included in all copies or substantial portions of the
Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT
LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL
THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF
CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
THE SOFTWARE."

Changes: outcome sections and markers removed; labels derived from them. `**Resolution:**` markers were removed
(their text kept) and give the decisions; one-line `**Action Item(s):**` markers were removed (their text kept) and
`**Action Items:**` blocks with a list were removed whole, both giving the tasks; sections reviewing an earlier
meeting's action items were removed. Each `<doc>.json` names the source file and commit.
""" % COMMIT

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_REVIEW = re.compile(r"^(follow[- ]?ups? (from|on)|status of previous|previous action|review of (the )?(previous )?"
                     r"action|old action|action items? (from|of) (the )?(last|previous))", re.I)
_MARKER = re.compile(r"^(\s*(?:[-*]\s+)?)\*\*\s*(Resolutions?|Action Items?)\s*(?::\s*\*\*|\*\*\s*:?)\s*(.*?)\s*$",
                     re.I)
_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?(.*)$")
_VOTE = re.compile(r"^\s*(:[a-z0-9_+-]+:|\+1\b|👍)", re.I)
_EMPTY = re.compile(r"^\s*(none|n/?a|tbd|no resolution|nothing)\W*$", re.I)

MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"])}
MONTHS.update({m[:3]: v for m, v in list(MONTHS.items())})
MONTHS["sept"] = 9
_MON = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|" \
       r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_ISO = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b")
_MDY = re.compile(r"\b" + _MON + r"\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(20\d\d))?", re.I)
_DMY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r"\b,?(?:\s+(20\d\d))?", re.I)


def clean(text):
    """Markdown to plain words: link texts kept, code/emphasis marks, @ of handles and list marks dropped."""
    t = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    t = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", t)
    t = re.sub(r"\[([^\]]*)\]\[[^\]]*\]", r"\1", t)
    t = re.sub(r"<[^>]+>", "", t)
    t = t.replace("`", "")
    t = re.sub(r"(\*\*|__)(.*?)\1", r"\2", t)
    t = re.sub(r"(?<![\w*])[*_]([^*_]+)[*_](?![\w*])", r"\1", t)
    t = re.sub(r"(?<![\w/])@([A-Za-z0-9][\w-]*)", r"\1", t)
    t = re.sub(r"^\s*>\s?", "", t)
    t = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?", "", t)
    return re.sub(r"\s+", " ", t).strip()


def due_date(text, ref):
    """An explicit date in the item (ISO), the year taken from the meeting when the item gives none."""
    m = _ISO.search(text)
    if m:
        return "%s-%s-%s" % m.groups()
    for rx, order in ((_MDY, "md"), (_DMY, "dm")):
        m = rx.search(text)
        if not m:
            continue
        if order == "md":
            mon, day, year = m.group(1), m.group(2), m.group(3)
        else:
            day, mon, year = m.group(1), m.group(2), m.group(3)
        month, day = MONTHS[mon.lower()[:3]], int(day)
        if not 1 <= day <= 31:
            continue
        if year:
            y = int(year)
        elif ref:
            y = int(ref[:4])
            if month < int(ref[5:7]) - 6:
                y += 1
        else:
            continue
        return "%04d-%02d-%02d" % (y, month, day)
    return None


_OWNER = re.compile(r"(?<![\w/])@([A-Za-z0-9][\w-]*)((?:\s*(?:,|and|&)\s*@[A-Za-z0-9][\w-]*)*)\s+"
                    r"(will|to|is|are|was|and|needs?|should|can|has|have|volunteer|take|moving|agreed|'ll)\b")
_PAREN = re.compile(r"\(@([A-Za-z0-9][\w-]*)\)")
_NAME = re.compile(r"^([A-Z][a-z]+(?: [A-Z][a-z]+)?)\s+(?:will|to|is going to|needs to|should)\b")
_NOT_NAMES = {"The", "We", "Team", "Everyone", "Someone", "This", "It", "They", "Before", "After", "If", "Need",
              "Continue", "Create", "Take", "Look", "Update", "Design", "Experiment"}


def assignee(raw):
    m = _OWNER.search(raw)
    if m:
        more = re.findall(r"@([A-Za-z0-9][\w-]*)", m.group(2))
        return " and ".join([m.group(1)] + more) if more else m.group(1)
    m = _PAREN.search(raw)
    if m:
        return m.group(1)
    m = _NAME.match(clean(raw))
    if m and m.group(1).split()[0] not in _NOT_NAMES:
        return m.group(1)
    return None


def list_block(lines, i):
    """Index past the list that starts at lines[i] (list items, their indented continuations, blank lines inside)."""
    j = i
    end = i
    while j < len(lines):
        line = lines[j]
        if _ITEM.match(line) or (line.strip() and line[:1] in " \t"):
            j += 1
            end = j
        elif not line.strip():
            j += 1
        else:
            break
    return end


def item_tree(lines):
    """Top-level items of a list as [text, [nested item texts]] (continuation lines joined to their item)."""
    items = []
    base = None
    for line in lines:
        m = _ITEM.match(line)
        if m and (base is None or len(m.group(1)) <= base):
            base = len(m.group(1)) if base is None else base
            items.append([m.group(2), []])
        elif m and items:
            items[-1][1].append(m.group(2))
        elif line.strip() and items:
            if items[-1][1]:
                items[-1][1][-1] += " " + line.strip()
            else:
                items[-1][0] += " " + line.strip()
    return items


def expand(head, children):
    """Items under an owning intro ("@x will:"): one item per child, the intro kept in front; a plain list of
    package names or PR numbers under a release/merge intro stays one item."""
    if not children:
        return [head]
    if not head.rstrip().endswith((":", "...", "\u2026")):
        return [head.rstrip() + " " + "; ".join(clean(c) for c in children)]
    short = all(len(clean(c).split()) <= 3 for c in children)
    if short or re.search(r"\b(release|merge)\b[^:]*:$", clean(head)):
        return [head.rstrip() + " " + "; ".join(clean(c) for c in children)]
    return [head.rstrip() + " " + c for c in children]


def items_of(lines):
    out = []
    for head, children in item_tree(lines):
        out.extend(expand(head, children))
    return out


def next_nonblank(lines, i):
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i


def parse(text, ref):
    lines = text.splitlines()
    out = []
    tasks, decisions = [], []

    def task(raw):
        content = clean(raw)
        if content and not _EMPTY.match(content):
            tasks.append({"content": content, "assignee": assignee(raw), "due_date": due_date(raw, ref)})

    def decision(raw):
        content = clean(raw)
        if content and not _EMPTY.match(content) and not _VOTE.match(content):
            decisions.append({"content": content})

    i = 0
    skip_level = None
    while i < len(lines):
        line = lines[i]
        h = _HEADING.match(line)
        if h:
            level = len(h.group(1))
            if skip_level is not None and level <= skip_level:
                skip_level = None
            if skip_level is None and _REVIEW.match(clean(h.group(2))):
                skip_level = level
        if skip_level is not None:
            i += 1
            continue
        m = _MARKER.match(line)
        if not m:
            out.append(line)
            i += 1
            continue
        prefix, kind, rest = m.group(1), m.group(2).lower(), m.group(3)
        j = next_nonblank(lines, i + 1)
        follows_list = j < len(lines) and _ITEM.match(lines[j]) and not _HEADING.match(lines[j])
        if kind.startswith("resolution"):
            if rest:
                out.append(prefix + rest)
                i += 1
                para = [rest]
                while i < len(lines) and lines[i].strip() and not _ITEM.match(lines[i]) \
                        and not _HEADING.match(lines[i]) and not _MARKER.match(lines[i]):
                    para.append(lines[i])
                    out.append(lines[i])
                    i += 1
                if rest.rstrip().endswith(":") and follows_list and len(para) == 1:
                    end = list_block(lines, j)
                    for item in items_of(lines[j:end]):
                        decision(item)
                else:
                    decision(" ".join(para))
            else:
                # the marker line goes; what follows stays in the body and is the decision
                i += 1
                if out and not out[-1].strip() and i < len(lines) and not lines[i].strip():
                    i += 1
                if j >= len(lines) or _HEADING.match(lines[j]) or _MARKER.match(lines[j]):
                    continue
                if follows_list:
                    end = list_block(lines, j)
                    for item in items_of(lines[j:end]):
                        decision(item)
                else:
                    para = []
                    k = j
                    while k < len(lines) and lines[k].strip() and not _HEADING.match(lines[k]):
                        para.append(lines[k])
                        k += 1
                    decision(" ".join(clean(p) for p in para))
            continue
        # action items
        owns_list = follows_list and (not rest or rest.rstrip().endswith((":", "...", "…")))
        if not owns_list:
            if rest:
                out.append(prefix + rest)
                task(rest)
            i += 1
            continue
        end = list_block(lines, j)
        items = items_of(lines[j:end])
        if rest:
            for item in expand(rest, [clean(it) for it in items]):
                task(item)
        else:
            for item in items:
                task(item)
        i = end
        # do not leave two blank lines where the block was
        while out and not out[-1].strip() and i < len(lines) and not lines[i].strip():
            i += 1
    body = "\n".join(out)
    return body, tasks, decisions


def candidates(git):
    paths = git("ls-tree", "-r", "--name-only", COMMIT, "notes").split("\n")
    return sorted(p for p in paths if re.search(r"^notes/\d{4}/\d{4}-\d\d-\d\d\.md$", p))


def documents(git):
    chosen = []
    qualified = 0
    for path in reversed(candidates(git)):
        ref = re.search(r"(\d{4}-\d\d-\d\d)", path).group(1)
        text = git("show", "%s:%s" % (COMMIT, path))
        body, tasks, decisions = parse(text, ref)
        labels = {"reference_date": ref, "tasks": tasks, "decisions": decisions}
        items = [t["content"] for t in tasks] + [d["content"] for d in decisions]
        chosen.append((ref, path, body, labels))
        if items and all(common.recoverable(x, body) for x in items):
            qualified += 1
            if qualified >= CAP:
                break
    for doc in sorted(chosen, key=lambda d: d[1]):
        yield doc
