#!/usr/bin/env python3
"""Builds the minutes development set of `make eval` / `make train` from public meeting-notes repositories.

Usage: infra/eval/build_minutes.py <slug>=<path to a clone or bare git dir of that source's repository> ...
  e.g. infra/eval/build_minutes.py eslint=../tsc-meetings spdx=../meetings

Each source is a module infra/eval/sources/<slug>.py with:
  PROJECT      the repository (owner/name) the documents come from
  COMMIT       the commit read (documents are read with `git show COMMIT:path`, never from a work tree); a source
               that spans several repositories puts "project" and "commit" into a document's labels instead
  LICENSE      the license the repository declares, and ATTRIBUTION: the text written to <slug>/SOURCE.md
  documents(git)  yields (doc_id, source_path, body, labels) with labels = {"reference_date", "tasks", "decisions"};
               git(*args) runs git in that repository and returns its output as text
The driver drops every document with a label that the body does not hold (minutes_common.recoverable), every
document left with no label, writes the rest and prints counts per source.
"""
import importlib
import json
import os
import shutil
import subprocess
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import minutes_common as common  # noqa: E402


def git_runner(path):
    def git(*args):
        return subprocess.run(["git", "-C", path, *args], check=True, capture_output=True).stdout.decode(
            "utf-8", errors="replace")
    return git


def build(slug, path):
    source = importlib.import_module("sources." + slug)
    out = os.path.join(common.DATA, slug)
    # Built beside the current set and swapped in at the end: a source that fails halfway leaves the set as it was.
    staging = out + ".building"
    shutil.rmtree(staging, ignore_errors=True)
    os.makedirs(staging)
    git = git_runner(path)
    kept = dropped_unrecoverable = dropped_empty = tasks = decisions = 0
    for doc_id, source_path, body, labels in source.documents(git):
        items = [t["content"] for t in labels["tasks"]] + [d["content"] for d in labels["decisions"]]
        if not items:
            dropped_empty += 1
            continue
        if not all(common.recoverable(item, body) for item in items):
            dropped_unrecoverable += 1
            continue
        project = labels.pop("project", source.PROJECT)
        commit = labels.pop("commit", source.COMMIT)
        record = {"project": project, "source": source_path, "commit": commit,
                  "url": "https://github.com/%s/blob/%s/%s" % (project, commit, urllib.parse.quote(source_path)),
                  "license": source.LICENSE}
        record.update(labels)
        common.write_document(staging, doc_id, body, record)
        kept += 1
        tasks += len(labels["tasks"])
        decisions += len(labels["decisions"])
    with open(os.path.join(staging, "SOURCE.md"), "w", encoding="utf-8") as f:
        f.write(source.ATTRIBUTION.strip() + "\n")
    shutil.rmtree(out, ignore_errors=True)
    os.rename(staging, out)
    print(json.dumps({"source": slug, "documents": kept, "tasks": tasks, "decisions": decisions,
                      "dropped_unrecoverable": dropped_unrecoverable, "dropped_no_labels": dropped_empty}))


def main(argv):
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    for arg in argv:
        slug, _, path = arg.partition("=")
        build(slug, path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
