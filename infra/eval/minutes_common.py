"""Shared pieces of the minutes development set builder (infra/eval/build_minutes.py).

One document of the set is two files under src/eval/data/minutes/<project>/:
  <doc>.md    the input: the minutes with the authors' own outcome sections and inline outcome markers removed
  <doc>.json  the labels and provenance:
      {"project": "eslint/tsc-meetings", "source": "notes/2019/2019-01-10.md", "commit": "<40 hex>",
       "url": "https://github.com/<project>/blob/<commit>/<source>", "license": "MIT",
       "reference_date": "2019-01-10" | null,
       "tasks": [{"content": "...", "assignee": "name or handle" | null, "due_date": "YYYY-MM-DD" | null}],
       "decisions": [{"content": "..."}]}
The matching rule (also the rule of `make eval`): a label matches a text when at least half of the label's content
words occur in it. Content words: lower-cased runs of letters and digits, two characters or more, that are not in
stopwords.txt; Markdown link targets and URLs are dropped first.
"""
import json
import os
import re

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(ROOT, "src", "eval", "data", "minutes")
MATCH = 0.5

with open(os.path.join(DATA, "stopwords.txt"), encoding="utf-8") as f:
    STOPWORDS = {w.strip() for w in f if w.strip() and not w.startswith("#")}

_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_URL = re.compile(r"https?://\S+")
_WORD = re.compile(r"[a-z0-9]+")


def content_words(text):
    text = _URL.sub(" ", _LINK_TARGET.sub("]", text.lower()))
    return {w for w in _WORD.findall(text) if len(w) >= 2 and w not in STOPWORDS}


def overlap(label, text):
    """Share of the label's content words found in text (0 when the label has none)."""
    words = content_words(label)
    if not words:
        return 0.0
    return len(words & content_words(text)) / len(words)


def recoverable(label, body):
    """True when one line of the body, or two consecutive non-blank lines, hold half the label's content words."""
    lines = [l for l in body.splitlines() if l.strip()]
    windows = lines + [a + " " + b for a, b in zip(lines, lines[1:])]
    return any(overlap(label, w) >= MATCH for w in windows)


def write_document(out, doc_id, body, labels):
    """Writes <doc_id>.md and <doc_id>.json into the folder out; labels is the JSON object described above."""
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, doc_id + ".md"), "w", encoding="utf-8") as f:
        f.write(body.rstrip() + "\n")
    with open(os.path.join(out, doc_id + ".json"), "w", encoding="utf-8") as f:
        json.dump(labels, f, indent=1, ensure_ascii=False)
        f.write("\n")


def most_recent_qualifying(docs, cap):
    """The first cap documents of docs (newest first) whose labels the body holds, with the label-less and
    unrecoverable ones met on the way (the driver drops and counts those), in path order.

    docs: (doc_id, source_path, body, labels) tuples, newest first.
    """
    chosen = []
    qualified = 0
    for doc in docs:
        items = [t["content"] for t in doc[3]["tasks"]] + [x["content"] for x in doc[3]["decisions"]]
        if not items:
            continue
        chosen.append(doc)
        if all(recoverable(x, doc[2]) for x in items):
            qualified += 1
            if qualified >= cap:
                break
    return sorted(chosen, key=lambda d: d[1])


def section_end(lines, start, level, heading):
    """Index of the first line after the section whose heading (of `level` hashes) is lines[start]: the next
    heading, matched by `heading` (group 1 the hashes), of the same or a higher level, or the end."""
    j = start + 1
    while j < len(lines):
        h = heading.match(lines[j])
        if h and len(h.group(1)) <= level:
            break
        j += 1
    return j


def dated_documents(git, commit, folder, path_pattern, parse, cap):
    """The documents of a source whose files are dated in their names (folder/...YYYY-MM-DD...md, matched by
    path_pattern): parse(text) gives (body, tasks, decisions); the reference date is the file name's; the cap most
    recent qualifying ones are kept (most_recent_qualifying)."""
    paths = sorted(p for p in git("ls-tree", "-r", "-z", "--name-only", commit, folder).split("\0")
                   if re.search(path_pattern, p))
    docs = []
    for path in paths:
        body, tasks, decisions = parse(git("show", "%s:%s" % (commit, path)))
        ref = re.search(r"(\d{4}-\d\d-\d\d)", path).group(1)
        docs.append((os.path.basename(path)[:-3], path, body,
                     {"reference_date": ref, "tasks": tasks, "decisions": decisions}))
    docs.sort(key=lambda d: (d[3]["reference_date"], d[1]), reverse=True)
    return most_recent_qualifying(docs, cap)
