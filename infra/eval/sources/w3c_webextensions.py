"""Minutes source: the W3C WebExtensions Community Group's meeting notes, w3c/webextensions _minutes/YYYY-MM-DD-*.md
(teleconferences and face-to-face days).

The notes are a transcript per issue, one bullet per remark with the speaker in brackets ("* [rob] ...", "* [dave]
..."), and the scribe closes some issues with the outcome, on a bullet of its own:
  * **Resolution**: Drop object-src from the extension CSP in all browsers.     a decision (also "**Resolution:**",
                                                                                "**Consensus**:"): the marker goes,
                                                                                the text stays in place
  * **Action item**: Oliver to reply on issue [[done](...)]                     a task (also "**Action Item:**"): the
                                                                                marker goes, the text stays; the
                                                                                person it opens with is the assignee
A marker with nothing after it takes the bullets nested under it (each one label; the marker line goes, the bullets
stay). The "[[done](...)]" notes added after the meeting stay in the body and are not part of the label.
Files without a marker have no labels and are left out by the driver.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import minutes_common as common  # noqa: E402
from sources.eslint import clean  # noqa: E402
from sources.spdx import assignee as leading_assignee  # noqa: E402
from sources.w3c_jsonld import ATTRIBUTION as _JSONLD_ATTRIBUTION  # noqa: E402

PROJECT = "w3c/webextensions"
COMMIT = "f8c039b6aa5bc763ea603f0977e52d9616614066"
LICENSE = "W3C Software and Document License"
CAP = 80
ATTRIBUTION = """
# Source: W3C WebExtensions Community Group meeting notes

- Project: w3c/webextensions, https://github.com/w3c/webextensions
- Commit: %s (the snapshot read; files `_minutes/YYYY-MM-DD-*.md`)
- License: the repository's LICENSE.md: "All Reports in this Repository are licensed by Contributors under the
  W3C Software and Document License", http://www.w3.org/Consortium/Legal/2015/copyright-software-and-document
  (reproduced below)
- Copyright holders: the contributors to the WebExtensions Community Group's notes

This set includes material copied from or derived from the meeting notes of the W3C WebExtensions Community Group,
https://github.com/w3c/webextensions/tree/%s/_minutes. Copyright the contributors, under the W3C Software and
Document License.

Changes: outcome markers removed; labels derived from them. Concretely, the "**Resolution**:", "**Consensus**:" and
"**Action item**:" markers were removed and their text kept in place; each resolution or consensus became a decision
label and each action item a task label with the person it opens with as its owner. Nothing else was changed. Each
`<doc>.json` names the source file and commit.

""" % (COMMIT, COMMIT) + _JSONLD_ATTRIBUTION[_JSONLD_ATTRIBUTION.index("## W3C Software and Document Notice"):]

_OUTCOME = re.compile(r"^(?P<lead>\s*(?:[-*+]|\d+\.)\s+)\*\*(?P<kind>Resolution|Consensus|Action items?)\s*:?\*\*\s*:?\s*"
                      r"(?P<text>.*?)\s*$", re.I)
_DONE = re.compile(r"\s*\[\[?(?:done|completed?)\]?\([^)]*\)\]?|\s*\[(?:done|completed?)\]", re.I)
_BULLET = re.compile(r"^(?P<indent>\s*)(?:[-*+]|\d+\.)\s+(?P<text>.*)$")
_WORDS = re.compile(r"[A-Za-z]{2,}")


def label(kind, raw):
    content = clean(_DONE.sub("", raw)).strip()
    if not _WORDS.search(content):
        return None, None
    if kind.lower().startswith("action"):
        return "task", {"content": content, "assignee": leading_assignee(content), "due_date": None}
    return "decision", {"content": content}


def parse(text):
    lines = text.splitlines()
    out, found = [], {"task": [], "decision": []}
    i = 0
    while i < len(lines):
        m = _OUTCOME.match(lines[i])
        if not m:
            out.append(lines[i])
            i += 1
            continue
        kind, raw = m.group("kind"), m.group("text")
        if raw:
            out.append(m.group("lead") + raw)
            what, item = label(kind, raw)
            if item:
                found[what].append(item)
            i += 1
            continue
        # An empty marker: the bullets nested under it are the outcomes.
        depth = len(m.group("lead")) - len(m.group("lead").lstrip())
        i += 1
        while i < len(lines):
            b = _BULLET.match(lines[i])
            if not b or len(b.group("indent")) <= depth:
                break
            out.append(lines[i])
            what, item = label(kind, b.group("text"))
            if item:
                found[what].append(item)
            i += 1
    return "\n".join(out).strip() + "\n", found["task"], found["decision"]


def documents(git):
    yield from common.dated_documents(git, COMMIT, "_minutes", r"_minutes/\d{4}-\d\d-\d\d-[\w-]+\.md$", parse, CAP)
