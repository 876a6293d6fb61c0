"""Claims check: every measured number the README and index.ipynb state comes from a stored output.

1. Every row of the "Measured results" tables (README.md, and index.ipynb's markdown; every table of the section): each number with a unit
   (%, ×, x, s, min, ms) and each decimal number in its result and control cells must appear, to the digits written,
   in a stored output of a notebook its last cell cites (`08_mlp`, `tutorials/01_mnist_in_ten_minutes`), or in a
   file of `bench/results/` it cites (`bench/results/` for all of them, `bench/predict.py` for the files whose
   command in bench/results/README.md runs that script). A percentage may be stored as a fraction (0.9721 for
   97.21 %) or as the complementary error (an error of 1.46 % stored as an accuracy of 0.9854).
2. The README's prose outside the table (the quick start): each such number appears in some notebook's stored output.
3. Bench figures quoted anywhere (a markdown line of a notebook or the README that names H100, H200 or bench/):
   each number with a unit appears in a file of bench/results/ or in that notebook's stored outputs.
4. The prose of every notebook (concept notebooks and tutorials): each number it claims (with a unit, or with
   decimals) appears in that notebook's stored outputs, a file of bench/results/, or results/*.json.
Figures quoted from a paper, and targets, are exempt when the text says so: "(paper: 98.7 %)", "the target (≤ 0.6 s)".

`python .ci/claims.py` prints each offence and exits 1 if any; `--selftest` plants a wrong number in a temporary
copy of the README and index and exits 0 only if the check then fails on both."""

import glob, json, os, re, shutil, sys, tempfile

UNIT = r'(?:\s?(?:%|×|x\b|s\b|min\b|ms\b|seconds\b|minutes\b))'
NUM = r'(?<![\w.\-/])(\d+(?:\.\d+)?)'
PAPER = re.compile(r'\(?(?:the )?(?:paper|target)[\s:(]*[^|();]*\)?', re.I)


def outputs(nb):
    "The text of every stored output of notebook `nb` (streams and text/plain results)."
    t = []
    for c in json.load(open(nb))['cells']:
        for o in c.get('outputs', []):
            x = o.get('text', '') or o.get('data', {}).get('text/plain', '')
            t.append(''.join(x) if isinstance(x, list) else x)
    return '\n'.join(t)


def markdown(nb):
    return '\n'.join(''.join(c['source']) for c in json.load(open(nb))['cells'] if c['cell_type'] == 'markdown')


def numbers(text):
    "Every number in `text` as a float (thousands separators dropped)."
    return [float(x) for x in re.findall(r'(?<![\w.])\d+(?:\.\d+)?', re.sub(r'(?<=\d),(?=\d{3})', '', text))]


def claimed(text):
    "The numbers a sentence claims: those with a unit, decimals, and each member of a list 'a / b %'."
    text = PAPER.sub(' ', re.sub(r'(?<=\d),(?=\d{3})', '', text))
    text = re.sub(r'`[^`]*`', ' ', text)  # code: commands, options, notebook names
    text = re.sub(r'arXiv[:\s]*\d{4}\.\d{4,5}', ' ', text)  # a paper's arXiv number
    text = re.sub(r'\d+(?:\.\d+)?[eE][-+]?\d+', ' ', text)  # 7.8e-3: a ratio in scientific notation, not a claim of 7.8
    found = re.findall(NUM + UNIT, text) + re.findall(r'(?<![\w.\-/])(\d+\.\d+)(?![\d\-])', text)
    for m in re.finditer(r'(\d+(?:\.\d+)?(?:\s*/\s*\d+(?:\.\d+)?)+)' + UNIT, text):
        found += re.findall(r'\d+(?:\.\d+)?', m[1])
    return sorted(set(found), key=found.index)


def backed(n, pool, pct):
    "Is the written number `n` in `pool` to the digits written (as a fraction or an error rate too, for a `pct`)?"
    v = float(n)
    tol = 0.5 * 10 ** -(len(n.split('.')[1]) if '.' in n else 0) + 1e-9
    cands = [v] + ([v / 100, 1 - v / 100, 100 - v] if pct else [])
    for t in pool:
        if any(abs(t - c) <= tol * (0.01 if c != v and c < 1 else 1) for c in cands):
            return True
    return False


def bench_files(cite):
    "The files of bench/results/ a citation names: a file, the folder, or the files a bench script wrote."
    files = [
        f for f in glob.glob('bench/results/**/*', recursive=True) if os.path.isfile(f) and not f.endswith('README.md')
    ]
    if cite.rstrip('/') == 'bench/results':
        return files
    if cite.startswith('bench/results/'):
        return [cite] if os.path.isfile(cite) else []
    if cite.startswith('bench/'):
        readme = open('bench/results/README.md').read() if os.path.exists('bench/results/README.md') else ''
        rows = [r for r in readme.splitlines() if r.startswith('|') and cite in r]
        return [f for f in files if any(f'`{os.path.basename(f)}`' in r for r in rows)]
    return []


def cited_text(cite):
    cite = cite.replace('python ', '').strip()
    if cite.startswith('bench'):
        return '\n'.join(open(f, errors='ignore').read() for f in bench_files(cite))
    nbs = glob.glob(f'nbs/{cite}.ipynb') or glob.glob(f'nbs/{cite}*.ipynb')
    return '\n'.join(outputs(nb) for nb in nbs)


def check_table(text, source):
    "Offences of the 'Measured results' table in `text` (README or index markdown)."
    sec = text[text.find('## Measured results') :] if '## Measured results' in text else ''
    bad = []
    ls = sec.splitlines()
    head = lambda k: k + 1 < len(ls) and ls[k + 1].startswith('|---')  # a table's header row: every table counts
    rows = [r for k, r in enumerate(ls) if r.startswith('|') and not r.startswith('|---') and not head(k)]
    if not rows:
        return [f"{source}: no 'Measured results' table"]
    for row in rows:
        cells = [c.strip() for c in row.strip().strip('|').split('|')]
        cites = re.findall(r'`([^`]+)`', cells[-1])
        if not cites:
            bad.append(f"{source}: row '{cells[0][:50]}' cites no notebook or bench file")
            continue
        pool = numbers('\n'.join(cited_text(c) for c in cites))
        for cell in cells[1:-1]:
            for n in claimed(cell):
                if not backed(n, pool, pct=True):
                    bad.append(f"{source}: row '{cells[0][:50]}': {n} is in no stored output of {', '.join(cites)}")
    return bad


def check_prose(text, source, pool):
    "Offences of the README's prose outside its results table: its numbers must be in some stored output."
    text = text[: text.find('## Measured results')] if '## Measured results' in text else text
    return [
        f"{source}: '{n}' in the prose is in no stored output" for n in claimed(text) if not backed(n, pool, pct=True)
    ]


def check_bench_quotes(pool_bench):
    "Offences where a markdown line quotes a GPU or bench figure that no stored file holds."
    bad = []
    for nb in sorted(glob.glob('nbs/**/*.ipynb', recursive=True)):
        if nb.endswith('index.ipynb'):
            continue  # its results table is check 1
        pool = pool_bench + numbers(outputs(nb))
        for line in markdown(nb).splitlines():
            if re.search(r'H100|H200|bench/', line):
                bad += [
                    f"{nb}: bench figure {n} ('{line.strip()[:60]}...') is in no stored file"
                    for n in re.findall(NUM + UNIT, PAPER.sub(' ', line))
                    if not backed(n, pool, pct=False)
                ]
    return bad


def check_notebook_prose(pool_files):
    "Offences where a notebook's markdown claims a number that neither its stored outputs nor the result files hold."
    bad = []
    for nb in sorted(glob.glob('nbs/**/*.ipynb', recursive=True)):
        if nb.endswith('index.ipynb'):
            continue  # its results table is check 1, its prose check 2
        pool = pool_files + numbers(outputs(nb))
        for line in markdown(nb).splitlines():
            bad += [
                f"{nb}: '{n}' in the prose ('{line.strip()[:60]}...') is in no stored output or result file"
                for n in claimed(line)
                if not backed(n, pool, pct=True)
            ]
    return bad


def run(root='.'):
    os.chdir(root)
    readme = open('README.md').read()
    index = markdown('nbs/index.ipynb')
    every = numbers('\n'.join(outputs(nb) for nb in glob.glob('nbs/**/*.ipynb', recursive=True)))
    bench = numbers('\n'.join(open(f, errors='ignore').read() for f in bench_files('bench/results/')))
    bad = check_table(readme, 'README.md') + check_table(index, 'nbs/index.ipynb')
    bad += check_prose(readme, 'README.md', every) + check_prose(index, 'nbs/index.ipynb', every)
    bad += check_bench_quotes(bench)
    results = numbers('\n'.join(open(f).read() for f in glob.glob('results/*.json')))
    bad += check_notebook_prose(bench + results)
    return bad


def selftest():
    "Plant a number that no stored output holds in the first results row of README and index: the check must fail."
    here = os.getcwd()
    base = run(here)
    with tempfile.TemporaryDirectory() as tmp:
        for p in ['README.md', 'nbs', 'bench/results']:
            (shutil.copytree if os.path.isdir(p) else shutil.copy)(p, os.path.join(tmp, p))
        os.chdir(tmp)
        readme = open('README.md').read()
        row = next(
            r
            for r in readme[readme.find('## Measured results') :].splitlines()
            if r.startswith('|') and re.search(r'\d+\.\d+ %', r)
        )
        pool = numbers(outputs(glob.glob('nbs/**/*.ipynb', recursive=True)[0]) + outputs('nbs/08_mlp.ipynb'))
        pool += numbers('\n'.join(open(f, errors='ignore').read() for f in bench_files('bench/results/')))
        pool += numbers('\n'.join(open(f).read() for f in glob.glob('results/*.json')))
        old = re.search(r'(\d+\.\d+) %', row)[1]
        new = next(
            f'{v / 100:.2f}'
            for v in range(1111, 9999, 37)
            if not backed(f'{v / 100:.2f}', pool, True) and f'{v / 100:.2f}' not in readme
        )
        open('README.md', 'w').write(readme.replace(row, row.replace(old + ' %', new + ' %', 1)))
        nb = json.load(open('nbs/index.ipynb'))
        for c in nb['cells']:
            s = ''.join(c['source'])
            if c['cell_type'] == 'markdown' and row in s:
                c['source'] = s.replace(row, row.replace(old + ' %', new + ' %', 1))
        json.dump(nb, open('nbs/index.ipynb', 'w'), indent=1, ensure_ascii=False)
        prose = plant_prose('nbs/08_mlp.ipynb', new)  # and one in a concept notebook's prose
        planted = [b for b in run(tmp) if b not in base]
        os.chdir(here)
    hits = {s for s in ('README.md', 'nbs/index.ipynb') if any(b.startswith(s) and new in b for b in planted)}
    hits |= {'nbs/08_mlp.ipynb'} if any(b.startswith('nbs/08_mlp.ipynb') and f"'{new}'" in b for b in planted) else set()
    print(f"selftest: planted {new} % for {old} % in '{row[:60]}...' and in the prose of 08_mlp ({prose[:50]}...): "
          f"caught in {sorted(hits) or 'nothing'}")
    return hits == {'README.md', 'nbs/index.ipynb', 'nbs/08_mlp.ipynb'}


def plant_prose(nb_path, new):
    "Write a sentence claiming `new` % into the first markdown cell of notebook `nb_path` (in a temporary copy)."
    nb = json.load(open(nb_path))
    c = next(c for c in nb['cells'] if c['cell_type'] == 'markdown')
    line = f"\nA planted claim: this recipe reaches {new} % on the test set.\n"
    c['source'] = ''.join(c['source']) + line
    json.dump(nb, open(nb_path, 'w'), indent=1, ensure_ascii=False)
    return line.strip()


if __name__ == '__main__':
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
    if '--selftest' in sys.argv:
        sys.exit(0 if selftest() else 1)
    bad = run()
    print(
        '\n'.join(bad)
        if bad
        else 'claims: every number in the results table, the README prose and bench quotes is backed'
    )
    sys.exit(1 if bad else 0)
