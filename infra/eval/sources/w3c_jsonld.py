"""Minutes source: the W3C JSON-LD Working Group's telco minutes, w3c/json-ld-wg _minutes/YYYY-MM-DD-json-ld.md.

The minutes are the scribe's IRC log rendered to Markdown: "**Name:** ..." lines for what people said, "> *Name:* ..."
for IRC side remarks, "> **Proposed resolution: ...** *(Name)*" for a proposal put to the group, and the outcomes:
  > ***Resolution #N: <text>***      then "{: #resolutionN .resolution}"   a decision: the marker goes, the text stays
  > ***Action #N: <text> (Owner)***  then "{: #actionN .action}"           a task: the marker goes, the text stays;
                                                                            the owner in parentheses is the assignee
  ### N. Resolutions / ### N. Action Items at the end                       the summary lists: removed, never labelled
Resolutions that only run the meeting ("approve last week's minutes", "approve the agenda") are not labelled: the
extractor leaves meeting procedure out by design. "Proposed resolution" lines are what was said and stay as they are.
The YAML front matter (a JSON-LD description of the page) and kramdown attribute lines ("{: #section2}") are page
markup, not minutes, and are removed.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import minutes_common as common  # noqa: E402
from sources.eslint import clean  # noqa: E402
from sources.spdx import assignee as leading_assignee  # noqa: E402

PROJECT = "w3c/json-ld-wg"
COMMIT = "a20874d48f6403caa4775ae4d18eabf7fd86761a"
LICENSE = "W3C Software and Document License"
CAP = 80
ATTRIBUTION = """
# Source: W3C JSON-LD Working Group minutes

- Project: w3c/json-ld-wg, https://github.com/w3c/json-ld-wg
- Commit: %s (the snapshot read; files `_minutes/YYYY-MM-DD-json-ld.md`)
- License: the repository's LICENSE.md: "All documents in this Repository are licensed by contributors under the
  W3C Software and Document License", https://www.w3.org/Consortium/Legal/copyright-software (reproduced below)
- Copyright holders: the contributors to the JSON-LD Working Group's minutes

This document includes material copied from or derived from the minutes of the W3C JSON-LD Working Group,
https://github.com/w3c/json-ld-wg/tree/%s/_minutes. Copyright © 2018-2023 the contributors, under the
W3C Software and Document License.

Changes: outcome markers and summary lists removed; labels derived from them. Concretely, the "Resolution #N:" and
"Action #N:" markers were removed with their kramdown attribute lines, their text kept in place; each resolution
became a decision label (except resolutions that approve minutes or an agenda) and each action a task label with
its owner. The closing "Resolutions" and "Action Items" lists, the YAML front matter and the kramdown attribute
lines were removed. Nothing else was changed. Each `<doc>.json` names the source file and commit.

## W3C Software and Document Notice and License

This work is being provided by the copyright holders under the following license.

### License

By obtaining and/or copying this work, you (the licensee) agree that you have read, understood, and will comply with
the following terms and conditions.

Permission to copy, modify, and distribute this work, with or without modification, for any purpose and without fee
or royalty is hereby granted, provided that you include the following on ALL copies of the work or portions thereof,
including modifications:

- The full text of this NOTICE in a location viewable to users of the redistributed or derivative work.
- Any pre-existing intellectual property disclaimers, notices, or terms and conditions. If none exist, the W3C
  Software and Document Short Notice should be included.
- Notice of any changes or modifications, through a copyright statement on the new code or document such as "This
  software or document includes material copied from or derived from [title and URI of the W3C document].
  Copyright © [YEAR] W3C® (MIT, ERCIM, Keio, Beihang)."

### Disclaimers

THIS WORK IS PROVIDED "AS IS," AND COPYRIGHT HOLDERS MAKE NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED,
INCLUDING BUT NOT LIMITED TO, WARRANTIES OF MERCHANTABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR THAT THE USE OF
THE SOFTWARE OR DOCUMENT WILL NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS.

COPYRIGHT HOLDERS WILL NOT BE LIABLE FOR ANY DIRECT, INDIRECT, SPECIAL OR CONSEQUENTIAL DAMAGES ARISING OUT OF ANY
USE OF THE SOFTWARE OR DOCUMENT.

The name and trademarks of copyright holders may NOT be used in advertising or publicity pertaining to the work
without specific, written prior permission. Title to copyright in this work will at all times remain with copyright
holders.
""" % (COMMIT, COMMIT)

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_SUMMARY = re.compile(r"^(?:\d+\.\s+)?(resolutions|action items)\s*$", re.I)
_OUTCOME = re.compile(r"^(?P<lead>\s*>\s*)(?P<open>\*{1,3})\s*(?P<kind>Resolution|Action)\s*#\d+\s*:\s*(?P<text>.*?)"
                      r"\s*(?P<close>\*{1,3})?\s*$")
_IAL = re.compile(r"^\s*\{:.*\}\s*$")
_PROCEDURE = re.compile(r"(?i)^(?=.*\b(?:approv\w*|accept\w*|adopt\w*)\b)(?=.*\b(?:minutes|agenda)\b)")
_OWNER = re.compile(r"\s*\((?P<who>[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}(?:\s*(?:,|and|&)\s*[A-Z][\w.'-]*"
                    r"(?:\s+[A-Z][\w.'-]*){0,3})*)\)\s*\.?$")


def strip_front_matter(text):
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end >= 0:
            return text[end + 5:]
    return text


def parse(text):
    lines = strip_front_matter(text).splitlines()
    out, tasks, decisions = [], [], []
    i = 0
    while i < len(lines):
        line = lines[i]
        h = _HEADING.match(line)
        if h and _SUMMARY.match(clean(h.group(2))):
            i = common.section_end(lines, i, len(h.group(1)), _HEADING)
            continue
        if _IAL.match(line) or line.strip() in ("* TOC", "{:toc}"):
            i += 1
            continue
        m = _OUTCOME.match(line)
        if m:
            raw = m.group("text").strip()
            out.append(m.group("lead") + m.group("open") + raw + (m.group("close") or ""))
            content = clean(raw).strip()
            if m.group("kind") == "Resolution":
                if content and not _PROCEDURE.search(content):
                    decisions.append({"content": content})
            elif content:
                owner = _OWNER.search(content)
                who = owner.group("who") if owner else leading_assignee(content)
                tasks.append({"content": content[:owner.start()].strip() if owner else content, "assignee": who,
                              "due_date": None})
            i += 1
            continue
        out.append(line)
        i += 1
    return "\n".join(out).strip() + "\n", tasks, decisions


def documents(git):
    yield from common.dated_documents(git, COMMIT, "_minutes", r"_minutes/\d{4}-\d\d-\d\d-json-ld\.md$", parse, CAP)
