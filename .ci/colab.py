"""Colab check: every notebook in nbs/ (tutorials and index included) opens in Colab and installs the package there.
A notebook passes when its FIRST markdown cell holds the Colab badge whose link points at this notebook's own path in
the repository of pyproject.toml, and a hidden code cell (`#| hide`) before any import runs `! [ -e /content ] && pip
install ... ff_nbdev` (a line that does nothing outside Colab). Prints each offence; exits 1 if any."""
import glob, json, os, re, sys
os.chdir(os.path.join(os.path.dirname(__file__), '..'))
repo = re.search(r'^Repository\s*=\s*"https://github\.com/([^"/]+/[^"/]+?)/?"', open('pyproject.toml').read(), re.M)[1]   # owner/name
BADGE = re.compile(r'\[!\[Open In Colab\]\(https://colab\.research\.google\.com/assets/colab-badge\.svg\)\]'
                   r'\(https://colab\.research\.google\.com/github/([^/\s]+/[^/\s]+)/blob/[^/\s]+/(\S+?\.ipynb)\)')
INSTALL = re.compile(r'^\s*!\s*\[\s*-e\s+/content\s*\]\s*&&\s*pip install\b.*\bff_nbdev\b', re.M)
HIDE = re.compile(r'^\s*#\|\s*hide\s*$', re.M)
def check(nbf):
    rel, cells = os.path.relpath(nbf), json.load(open(nbf))['cells']
    src = lambda c: ''.join(c['source'])
    md = next((c for c in cells if c['cell_type'] == 'markdown'), None)
    out = []
    if md is None: return [f"{rel}: no markdown cell (the first one holds the title and the Colab badge)"]
    m = BADGE.search(src(md))
    if not m: out.append(f"{rel}: no Colab badge in the first markdown cell")
    elif (m[1], m[2]) != (repo, rel): out.append(f"{rel}: the Colab badge points at {m[1]}/{m[2]}, not {repo}/{rel}")
    ok = False
    for c in cells:
        if c['cell_type'] != 'code': continue
        s = src(c)
        if INSTALL.search(s): ok = bool(HIDE.search(s)); break
        if re.search(r'^\s*(import|from)\s', s, re.M) and '#| default_exp' not in s: break   # the install comes before any import
    if not ok: out.append(f"{rel}: no hidden Colab-only install cell before the imports (#| hide + ! [ -e /content ] && pip install -Uqq ff_nbdev)")
    return out
nbs = sorted(f for f in glob.glob('nbs/**/*.ipynb', recursive=True) if '/_' not in f and '.ipynb_checkpoints' not in f)
bad = [o for f in nbs for o in check(f)]
print('\n'.join(bad) or f'colab: all {len(nbs)} notebooks have their own Colab badge and a hidden Colab-only install cell')
sys.exit(1 if bad or not nbs else 0)
