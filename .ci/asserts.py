"""Asserts that can hardly fail: list them, so that each is strengthened or kept with its reason.

A notebook's check is a candidate when it
1. bounds a value by the range it always has: `0 <= x <= 1`, `x >= 0`, `x > 0` (a count, a time, a probability);
2. asks for `.any()` of a comparison (one element in a batch is enough to pass);
3. compares an accuracy, error or score with a literal threshold of 0.5 or less (chance on the digits is 0.1, so an
   untrained network passes it).
A candidate that stays carries a comment `# kept: <why>` on its line. `python .ci/asserts.py` prints every candidate
without one and exits 1 if there is any; `--all` lists the kept ones too."""

import glob, json, re, sys

PATTERNS = [
    ('always in its range', re.compile(r'\b0(?:\.0)?\s*<=?\s*[\w.\[\]\'"()]+\s*<=?\s*1(?:\.0)?\b')),
    ('always in its range', re.compile(r'(?:assert|test)\b.*(?:>=?\s*0(?:\.0)?\b)(?!\.\d)(?!\s*[*/+-])')),
    ('one element suffices', re.compile(r'assert\b.*\)\.any\(\)')),
    ('a threshold at or below chance', re.compile(
        r'assert\b.*\b\w*(?:acc|accuracy|overall|err|error|score)\w*(?:\[[^\]]*\])?\s*>=?\s*0?\.[0-5]\d*\b')),
]


def candidates(nb: str):
    "(line number in cell, cell index, reason, line) of each candidate check of notebook `nb`."
    out = []
    for k, c in enumerate(json.load(open(nb))['cells']):
        if c['cell_type'] != 'code':
            continue
        for j, line in enumerate(''.join(c['source']).splitlines()):
            if not re.search(r'\bassert\b|\btest_\w+\(', line):
                continue
            for why, p in PATTERNS:
                if p.search(line.split('#')[0]):
                    out.append((k, j + 1, why, line.strip()))
                    break
    return out


if __name__ == '__main__':
    show_all, bad = '--all' in sys.argv, 0
    for nb in sorted(glob.glob('nbs/**/*.ipynb', recursive=True)):
        for k, j, why, line in candidates(nb):
            kept = '# kept:' in line
            bad += not kept
            if show_all or not kept:
                print(f"{nb} cell {k} line {j}: {why}{' (kept)' if kept else ''}: {line[:110]}")
    print(f"asserts: {bad} candidate(s) without a '# kept:' reason")
    sys.exit(1 if bad else 0)
