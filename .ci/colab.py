"""Colab check: every notebook in nbs/ (tutorials and index included) opens in Colab and installs the package there.
A notebook passes when its FIRST markdown cell holds the Colab badge whose link points at this notebook's own path in
the repository of pyproject.toml, and a hidden code cell (`#| hide`) before any import holds exactly
`! [ -e /content ] && pip install -Uqq SOURCE` (a line that does nothing outside Colab), where SOURCE is the one setting
`[tool.ff_nbdev] colab_install` of pyproject.toml (a git URL until the package is on PyPI, then its name).
Prints each offence; exits 1 if any.
  python .ci/colab.py            check
  python .ci/colab.py --fix      rewrite every notebook's install cell from the setting (then check)
  python .ci/colab.py --selftest plant a wrong install line in a copy of nbs/ and check that it is caught and fixed
  python .ci/colab.py --root DIR work on DIR (a folder with pyproject.toml and nbs/) instead of this repository"""

import glob, json, os, re, shutil, subprocess, sys, tempfile

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib
HERE = os.path.dirname(os.path.abspath(__file__))
BADGE = re.compile(
    r'\[!\[Open In Colab\]\(https://colab\.research\.google\.com/assets/colab-badge\.svg\)\]'
    r'\(https://colab\.research\.google\.com/github/([^/\s]+/[^/\s]+)/blob/[^/\s]+/(\S+?\.ipynb)\)'
)
INSTALL = re.compile(r'^\s*!\s*\[\s*-e\s+/content\s*\]\s*&&\s*pip install\b.*$', re.M)  # any Colab-only install line
HIDE = re.compile(r'^\s*#\|\s*hide\s*$', re.M)
src = lambda c: ''.join(c['source'])


def settings(root):
    "The repository (owner/name) and the Colab install line, both from pyproject.toml."
    cfg = tomllib.load(open(os.path.join(root, 'pyproject.toml'), 'rb'))
    repo = re.fullmatch(r'https://github\.com/([^/]+/[^/]+?)/?', cfg['project']['urls']['Repository'])[1]
    source = cfg.get('tool', {}).get('ff_nbdev', {}).get('colab_install')
    if not source:
        sys.exit('colab: pyproject.toml has no [tool.ff_nbdev] colab_install = "..." (the Colab install source)')
    return repo, f'! [ -e /content ] && pip install -Uqq {source}'


def install_cell(cells):
    "The index of the Colab install cell (the first code cell with an install line, before any import), else None."
    for i, c in enumerate(cells):
        if c['cell_type'] != 'code':
            continue
        s = src(c)
        if INSTALL.search(s):
            return i
        if re.search(r'^\s*(import|from)\s', s, re.M) and '#| default_exp' not in s:
            return None
    return None


def check(nbf, root, repo, line):
    rel, cells = os.path.relpath(nbf, root), json.load(open(nbf))['cells']
    md = next((c for c in cells if c['cell_type'] == 'markdown'), None)
    out = []
    if md is None:
        return [f"{rel}: no markdown cell (the first one holds the title and the Colab badge)"]
    m = BADGE.search(src(md))
    if not m:
        out.append(f"{rel}: no Colab badge in the first markdown cell")
    elif (m[1], m[2]) != (repo, rel):
        out.append(f"{rel}: the Colab badge points at {m[1]}/{m[2]}, not {repo}/{rel}")
    i = install_cell(cells)
    if i is None:
        out.append(f"{rel}: no hidden Colab-only install cell before the imports (#| hide + {line})")
    else:
        s = src(cells[i])
        if not HIDE.search(s):
            out.append(f"{rel}: the Colab install cell is not hidden (#| hide)")
        found = [l.strip() for l in INSTALL.findall(s)]
        if found != [line]:
            out.append(
                f"{rel}: the Colab install line is {found[0]!r}, not {line!r} (pyproject's "
                f"[tool.ff_nbdev] colab_install; fix with python .ci/colab.py --fix)"
            )
    return out


def fix(nbf, line):
    "Rewrite the install line of `nbf`'s Colab cell from the setting; True if the file changed."
    nb = json.load(open(nbf))
    i = install_cell(nb['cells'])
    if i is None:
        return False
    s = src(nb['cells'][i])
    new = INSTALL.sub(lambda m: line, s)
    if new == s:
        return False
    nb['cells'][i]['source'] = new.splitlines(keepends=True)
    with open(nbf, 'w') as f:
        json.dump(nb, f, indent=1, ensure_ascii=False)
        f.write('\n')
    return True


def main(root, do_fix=False):
    repo, line = settings(root)
    nbs = sorted(
        f
        for f in glob.glob(os.path.join(root, 'nbs/**/*.ipynb'), recursive=True)
        if '/_' not in os.path.relpath(f, root) and '.ipynb_checkpoints' not in f
    )
    if do_fix:
        changed = [os.path.relpath(f, root) for f in nbs if fix(f, line)]
        print(
            f"colab --fix: {len(changed)} notebooks rewritten to {line!r}"
            + (': ' + ', '.join(changed) if changed else '')
        )
    bad = [o for f in nbs for o in check(f, root, repo, line)]
    print(
        '\n'.join(bad)
        or f'colab: all {len(nbs)} notebooks have their own Colab badge and a hidden Colab-only cell that runs {line!r}'
    )
    return 1 if bad or not nbs else 0


def selftest():
    "A planted wrong install line in a copy of the notebooks must fail the check, and --fix must repair it."
    root = os.path.dirname(HERE)
    with tempfile.TemporaryDirectory() as d:
        shutil.copy(os.path.join(root, 'pyproject.toml'), d)
        shutil.copytree(
            os.path.join(root, 'nbs'),
            os.path.join(d, 'nbs'),
            ignore=shutil.ignore_patterns('_proc', '.ipynb_checkpoints'),
        )
        run = lambda *a: subprocess.run([sys.executable, __file__, '--root', d, *a], capture_output=True, text=True)
        run('--fix')  # the copy starts clean whatever the tree holds
        nbf = os.path.join(d, 'nbs', 'tutorials', '01_mnist_in_ten_minutes.ipynb')
        nb = json.load(open(nbf))
        i = install_cell(nb['cells'])
        nb['cells'][i]['source'] = ['#| hide\n', '! [ -e /content ] && pip install -Uqq ff_nbdev==0.0.0']
        json.dump(nb, open(nbf, 'w'), indent=1)
        planted, fixed, after = run(), run('--fix'), run()
    ok = (
        planted.returncode == 1
        and 'tutorials/01_mnist_in_ten_minutes.ipynb: the Colab install line' in planted.stdout
        and planted.stdout.count('\n') == 1
        and fixed.returncode == 0
        and '1 notebooks rewritten' in fixed.stdout
        and after.returncode == 0
    )
    print(
        f"colab selftest: planted line {'caught' if planted.returncode else 'MISSED'} ({planted.stdout.strip()}); "
        f"--fix {'repaired it' if fixed.returncode == 0 and after.returncode == 0 else 'FAILED'}"
    )
    return 0 if ok else 1


if __name__ == '__main__':
    a = sys.argv[1:]
    if '--selftest' in a:
        sys.exit(selftest())
    root = a[a.index('--root') + 1] if '--root' in a else os.path.dirname(HERE)
    sys.exit(main(root, '--fix' in a))
