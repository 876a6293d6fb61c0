"""Structure figures of ff_nbdev: module lines, import circles, cells per notebook, median code-cell lines.
Prints one line per figure; exits 1 if a module reaches 300 lines, an import circle exists, or a notebook leaves 10-80 cells."""
import ast, glob, json, os, statistics, sys
os.chdir(os.path.join(os.path.dirname(__file__), '..'))
mods = {os.path.basename(f)[:-3]: f for f in glob.glob('ff_nbdev/*.py') if not f.endswith('_modidx.py') and not f.endswith('__init__.py')}
deps, bad = {}, []
for m, f in mods.items():
    deps[m] = {n.module.split('.')[-1] for n in ast.walk(ast.parse(open(f).read()))
               if isinstance(n, ast.ImportFrom) and n.module and n.module.startswith('ff_nbdev') and n.module.split('.')[-1] in mods} - {m}
def reach(a, b, seen=()): return any(x == b or (x not in seen and reach(x, b, seen + (x,))) for x in deps[a])
circles = sorted({tuple(sorted((a, b))) for a in deps for b in deps[a] if reach(b, a)})
lines = {m: sum(1 for _ in open(f)) for m, f in sorted(mods.items())}
print('module lines:', json.dumps(lines)); print('largest module:', max(lines.values()), '(limit 299)')
print('import circles:', circles or 'none')
if circles: bad.append('import circle')
if max(lines.values()) >= 300: bad.append('module of 300+ lines')
code = []
for nbf in sorted(glob.glob('nbs/**/*.ipynb', recursive=True)):
    if '/_' in nbf or 'index.ipynb' in nbf: continue
    cells = json.load(open(nbf))['cells']
    cl = [len(''.join(c['source']).splitlines()) for c in cells if c['cell_type'] == 'code']
    code += cl
    print(f'{nbf}: {len(cells)} cells, {len(cl)} code cells, median code cell {statistics.median(cl)} lines')
    if not 10 <= len(cells) <= 80: bad.append(f'{nbf} has {len(cells)} cells')
print('median code cell, all notebooks:', statistics.median(code), 'lines')
if bad: print('STRUCTURE FAIL:', '; '.join(bad)); sys.exit(1)
