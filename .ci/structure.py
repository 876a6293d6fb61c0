"""Structure figures of ff_nbdev: module lines, import circles, long and joined lines, cells per notebook.
Prints one line per figure; exits 1 if an import circle exists, a module imports one whose notebook comes later,
the concept notebooks are not numbered 00, 01, ... without gaps or twins, 2 % or more of the library's lines run past 120
characters, a statement shares its line with another (`;`), or a notebook leaves 10-120 cells.
A module is a topic, not a line budget: there is no limit on a module's length, and none on a cell's. Short cells
serve the teaching in concept notebooks (one step, then its demonstration), but a class or function that is one idea
reads as one cell: the longest code cells are printed, for a reader to judge, not refused."""

import ast, glob, json, os, re, statistics, sys

os.chdir(os.path.join(os.path.dirname(__file__), '..'))
mods = {
    os.path.basename(f)[:-3]: f
    for f in glob.glob('ff_nbdev/*.py')
    if not f.endswith('_modidx.py') and not f.endswith('__init__.py')
}
deps, bad = {}, []
for m, f in mods.items():
    tree = ast.parse(open(f).read())
    deps[m] = {
        n.module.split('.')[-1]
        for n in ast.walk(tree)
        if isinstance(n, ast.ImportFrom)
        and n.module
        and (n.level or n.module.startswith('ff_nbdev'))
        and n.module.split('.')[-1] in mods
    } - {m}


def reach(a, b, seen=()):
    return any(x == b or (x not in seen and reach(x, b, seen + (x,))) for x in deps[a])


circles = sorted({tuple(sorted((a, b))) for a in deps for b in deps[a] if reach(b, a)})
lines = {m: sum(1 for _ in open(f)) for m, f in sorted(mods.items())}
total = long = joined = 0
for f in mods.values():
    src = open(f).read()
    total += len(src.splitlines())
    long += sum(len(line) > 120 for line in src.splitlines())
    for n in ast.walk(ast.parse(src)):
        for fld in ('body', 'orelse', 'finalbody'):
            b = getattr(n, fld, None)
            if isinstance(b, list):
                joined += sum(1 for x, y in zip(b, b[1:]) if x.end_lineno == y.lineno)
# the notebook map's layering: a module imports only modules taught in earlier notebooks (numbers without gaps or twins)
nb_of = {m: re.search(r'File to edit: \.\./nbs/(\S+)\.ipynb', open(f).read()).group(1) for m, f in mods.items()}
upward = sorted(f"{m} ({nb_of[m]}) imports {d} ({nb_of[d]})" for m in deps for d in deps[m] if nb_of[d] >= nb_of[m])
nums = sorted(os.path.basename(f)[:2] for f in glob.glob('nbs/[0-9]*.ipynb'))
gaps = nums != [f'{i:02d}' for i in range(len(nums))]
print('module lines:', json.dumps(lines))
print('imports of a later notebook:', '; '.join(upward) or 'none')
print('notebook numbers:', f"{nums[0]}-{nums[-1]}", 'with gaps or twins' if gaps else 'in sequence')
if upward:
    bad.append('a module imports one taught later')
if gaps:
    bad.append(f'notebook numbers with gaps or twins: {nums}')
print('import circles:', circles or 'none')
print(f'library lines over 120 characters: {long} of {total} ({100 * long / total:.2f} %, limit 2 %)')
print(f'statements joined on one line: {joined} (limit 0)')
if circles:
    bad.append('import circle')
if long >= 0.02 * total:
    bad.append('2 % or more long lines')
if joined:
    bad.append('joined statements')
code = []
for nbf in sorted(glob.glob('nbs/**/*.ipynb', recursive=True)):
    if '/_' in nbf or 'index.ipynb' in nbf:
        continue
    cells = json.load(open(nbf))['cells']
    cl = [len(''.join(c['source']).splitlines()) for c in cells if c['cell_type'] == 'code']
    code += cl
    print(f'{nbf}: {len(cells)} cells, {len(cl)} code cells, median code cell {statistics.median(cl)} lines')
    if not 10 <= len(cells) <= 120:
        bad.append(f'{nbf} has {len(cells)} cells')
print('median code cell, all notebooks:', statistics.median(code), 'lines; the longest:', sorted(code)[-5:])
if bad:
    print('STRUCTURE FAIL:', '; '.join(bad))
    sys.exit(1)
