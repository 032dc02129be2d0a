"""Minutes source: the ECMA-402 task group (TC39-TG2) meeting notes, tc39/ecma402 meetings/**/notes-*.md.

Outcome markers the authors use, and what this adapter makes of them:
  "#### Conclusion" (any heading level, also "Conclusions", "Resolution", "Decision") after a topic
      the heading line is removed, its content stays where it was; each paragraph or bullet of it is one decision.
  "#### Action Item(s)" heading after a topic (rare)
      the same, but each paragraph or bullet is a task.
  inline "Conclusion: X", "**Conclusion** - X", "**Conclusion: X**", "Resolution: X" (early notes, in bullets)
      the marker is removed, X stays in place and is a decision; a marker with nothing after it takes the bullets
      nested under it.
Left alone (not an outcome): "Draft conclusion", "Proposed conclusion:", "Proposed resolution:", "#### Recommendation",
and conclusions that record none ("No conclusion", "N/A", "(approved or tabled?)").
"""
import os
import re
import sys

import minutes_common as common

PROJECT = "tc39/ecma402"
COMMIT = "b76fb1759ec12c36600851b5881a863458b1f0c0"
LICENSE = "Ecma alternative copyright notice"
CAP = 80

ATTRIBUTION = """
# Source: ECMA-402 task group (TC39-TG2) meeting notes

- Project: tc39/ecma402, https://github.com/tc39/ecma402
- Commit: b76fb1759ec12c36600851b5881a863458b1f0c0 (the snapshot read; files under `meetings/`)
- License: the repository's LICENSE.md states that natural-language text is licensed under the
  [Alternative copyright notice of the Ecma text copyright policy](https://ecma-international.org/policies/by-ipr/ecma-text-copyright-policy/#alternative-copyright-notice)
  (source code under Ecma's MIT-style software policy; no code is used here).
- Copyright holder: Ecma International.

This document includes material copied from or derived from the ECMA-402 meeting notes,
https://github.com/tc39/ecma402/tree/b76fb1759ec12c36600851b5881a863458b1f0c0/meetings. Copyright © Ecma International.

Changes: outcome sections and markers removed; labels derived from them. Concretely, the "Conclusion" (and
"Action Item") headings after each topic and the inline "Conclusion:"/"Resolution:" markers were removed, the text
under them kept in place; every such conclusion became a decision label (action items a task label). Nothing else
in the notes was changed. Only notes with at least one such outcome are included.

The notice, as required:

> COPYRIGHT NOTICE
>
> © Ecma International
>
> By obtaining and/or copying this work, you (the licensee) agree that you have read, understood, and will comply
> with the following terms and conditions.
>
> Permission under Ecma's copyright to copy, modify, prepare derivative works of, and distribute this work, with or
> without modification, for any purpose and without fee or royalty is hereby granted, provided that you include the
> following on ALL copies of the work or portions thereof, including modifications:
>
> (i) The full text of this COPYRIGHT NOTICE AND COPYRIGHT LICENSE in a location viewable to users of the
> redistributed or derivative work.
>
> (ii) Any pre-existing intellectual property disclaimers, notices, or terms and conditions. If none exist, the Ecma
> alternative copyright notice should be included.
>
> (iii) Notice of any changes or modifications, through a copyright statement on the document such as "This document
> includes material copied from or derived from [title and URI of the Ecma document]. Copyright © Ecma
> International."
>
> Disclaimers
>
> THIS WORK IS PROVIDED "AS IS," AND COPYRIGHT HOLDERS MAKE NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED,
> INCLUDING BUT NOT LIMITED TO, WARRANTIES OF MERCHANTABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR THAT THE USE
> OF THE DOCUMENT WILL NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS.
>
> COPYRIGHT HOLDERS WILL NOT BE LIABLE FOR ANY DIRECT, INDIRECT, SPECIAL OR CONSEQUENTIAL DAMAGES ARISING OUT OF ANY
> USE OF THE DOCUMENT.
>
> The name and trademarks of copyright holders may NOT be used in advertising or publicity pertaining to the work
> without specific, written prior permission. Title to copyright in this work will at all times remain with
> copyright holders.
"""

_NOTES = re.compile(r"^meetings/(?:(?P<sub>.+)/)?notes-(?P<date>\d{4}-\d{2}-\d{2})\.md$")
_HEADING = re.compile(r"^ {0,3}#{1,6}\s")
_FENCE = re.compile(r"^\s*(```|~~~)")
_OUTCOME_HEADING = re.compile(
    r"^ {0,3}#{2,6}\s*\**\s*(?P<kind>conclusions?|resolutions?|decisions?|action items?)\s*\**\s*:?\s*$", re.I)
# "**Conclusion: X**" (marker inside the bold span)
_INLINE_BOLD_INSIDE = re.compile(r"^(?P<pre>.*?)\*\*\s*(?:conclusion|resolution)\s*:\s*(?P<text>.*?)\*\*(?P<post>.*)$",
                                 re.I)
# "**Conclusion** - X", "**Conclusion**: X", "Conclusion: X", "Conclusion - X", "DE: Conclusion: X"
_INLINE = re.compile(
    r"^(?P<pre>\s*(?:(?:[-*+]|\d+\.)\s+)?(?:[A-Z][A-Za-z]{1,3}:\s+)?)"
    r"(?:\*\*\s*(?:conclusions?|resolution)\s*\*\*\s*(?::|-|–)?|(?:conclusions?|resolution)\s*(?::|\s-\s|\s–\s))"
    r"\s*(?P<text>.*)$", re.I)
_BULLET = re.compile(r"^(?P<indent>\s*)(?:[-*+]|\d+[.)])\s+")
_NO_OUTCOME = re.compile(r"^\W*(none|n/?a|tbd|tba|no conclusion|no solid conclusion|no consensus|nothing|-+)\b\W*", re.I)


def _clean(text):
    """Markdown to plain words: bullets, emphasis, code ticks and link syntax removed; URLs of links dropped."""
    text = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", text)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
    text = text.replace("**", "").replace("__", "").replace("`", "")
    text = re.sub(r"(?<!\w)\*(?!\s)([^*]+)(?<!\s)\*(?!\w)", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def _is_outcome(text):
    if not text or _NO_OUTCOME.match(text):
        return False
    if text.rstrip(" )*_").endswith("?"):  # "(approved or tabled?)", "Do we agree on this conclusion?": questions
        return False
    if re.fullmatch(r"(?:[A-Z]{2,4}:\s*)?[+-]1\W*", text):  # a participant's vote, e.g. "RGN: +1"
        return False
    return bool(common.content_words(text))


def _items(lines):
    """Paragraphs and bullets of a block (list of lines) as cleaned texts."""
    items, current = [], []
    for line in lines:
        if not line.strip():
            if current:
                items.append(" ".join(current))
                current = []
        elif _BULLET.match(line):
            if current:
                items.append(" ".join(current))
            current = [line.strip()]
        else:
            current.append(line.strip())
    if current:
        items.append(" ".join(current))
    return [_clean(i) for i in items]


def _nested(lines, start, indent):
    """Indices of the lines after `start` indented deeper than `indent` (the bullets nested under a marker)."""
    out, i = [], start + 1
    while i < len(lines):
        line = lines[i]
        if line.strip() and len(line) - len(line.lstrip()) <= indent:
            break
        out.append(i)
        i += 1
    return out


def parse(text):
    """Returns (body, tasks, decisions)."""
    lines = text.splitlines()
    out, tasks, decisions = [], [], []
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
        m = _OUTCOME_HEADING.match(line)
        if m:
            kind = m.group("kind").lower()
            j = i + 1
            while j < len(lines) and not _HEADING.match(lines[j]):
                j += 1
            block = lines[i + 1:j]
            texts = [t for t in _items(block) if _is_outcome(t)]
            if kind.startswith("action"):
                tasks.extend(_task(t) for t in texts)
            else:
                decisions.extend({"content": t} for t in texts)
            # the heading goes, with the blank line that followed it; the content stays as written
            k = i + 1
            if k < len(lines) and not lines[k].strip() and out and not out[-1].strip():
                k += 1
            out.extend(lines[k:j])
            i = j
            continue
        m = _INLINE_BOLD_INSIDE.match(line) or _INLINE.match(line)
        if m:
            text_part = m.group("text").strip()
            if "post" in m.groupdict():
                new = m.group("pre") + ("**%s**" % text_part if text_part else "") + m.group("post")
            else:
                new = m.group("pre") + (m.group("text") if text_part else "")
            if text_part:
                if _is_outcome(_clean(text_part)):
                    decisions.append({"content": _clean(text_part)})
                out.append(new)
                i += 1
                continue
            # a bare marker: the bullets nested under it are the conclusion
            indent = len(line) - len(line.lstrip())
            nested = _nested(lines, i, indent)
            if not any(lines[n].strip() for n in nested):
                nested = []
            if not nested:
                # a marker on a line of its own: the next paragraph is the conclusion
                j = i + 1
                while j < len(lines) and not lines[j].strip():
                    j += 1
                while j < len(lines) and lines[j].strip() and not _HEADING.match(lines[j]):
                    nested.append(j)
                    j += 1
            decisions.extend({"content": t} for t in _items([lines[n] for n in nested]) if _is_outcome(t))
            if new.strip() and not re.fullmatch(r"\s*(?:(?:[-*+]|\d+\.)\s*)?(?:[A-Z][A-Za-z]{1,3}:)?\s*", new):
                out.append(new)
            i += 1
            continue
        out.append(line)
        i += 1
    return "\n".join(out) + "\n", tasks, decisions


_OWNER = re.compile(r"^(?P<who>(?:[A-Z][A-Za-z]{1,3}|[A-Z][a-z]+)(?:(?:,\s*|\s+and\s+)(?:[A-Z][A-Za-z]{1,3}|[A-Z][a-z]+))*)"
                    r"\s+(?:to|will|should)\s")


def _task(text):
    m = _OWNER.match(text)
    return {"content": text, "assignee": m.group("who") if m else None, "due_date": None}


def documents(git):
    paths = sorted(p for p in git("ls-tree", "-r", "--name-only", COMMIT, "meetings").splitlines() if _NOTES.match(p))
    qualified, with_labels = [], 0
    for path in paths:
        m = _NOTES.match(path)
        text = git("show", "%s:%s" % (COMMIT, path))
        body, tasks, decisions = parse(text)
        if not tasks and not decisions:
            continue
        items = [t["content"] for t in tasks] + [d["content"] for d in decisions]
        with_labels += 1
        if not all(common.recoverable(item, body) for item in items):
            continue
        sub = m.group("sub")
        doc_id = m.group("date") + ("-" + os.path.basename(sub) if sub else "")
        labels = {"reference_date": m.group("date"), "tasks": tasks, "decisions": decisions}
        qualified.append((m.group("date"), doc_id, path, body, labels))
    qualified.sort(key=lambda q: (q[0], q[1]))
    print("tc39_ecma402 adapter: %d notes with labels, %d dropped here as unrecoverable, %d qualify, %d kept (cap %d)"
          % (with_labels, with_labels - len(qualified), len(qualified), min(len(qualified), CAP), CAP),
          file=sys.stderr)
    for _, doc_id, path, body, labels in qualified[-CAP:]:
        yield doc_id, path, body, labels
