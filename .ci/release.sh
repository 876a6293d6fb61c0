#!/usr/bin/env bash
# Release check: `python -m build` makes an sdist and a wheel that pass `twine check`; the wheel, installed in a fresh venv
# in a temporary folder (no repository, no FF_DATA, a bare HOME), imports every module, runs every console script and
# executes every tutorial notebook (its tested cells, as nbdev-test would). To save time the fresh venv gets the wheel
# with --no-deps and borrows the dependencies (torch, ...) of the venv that runs this script through a .pth line, which
# appends that site-packages folder to sys.path without processing its .pth files, so the editable install of the
# repository stays invisible. Prints one line per stage and per tutorial; exits 1 if anything fails.
# Usage: bash .ci/release.sh [--keep]   (run from the venv that has the package's dependencies and the dev extras)
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
fail=0
say() { echo "release: $*"; }
no() { say "FAIL $*"; fail=1; }
T=$(mktemp -d)
[ "${1:-}" == "--keep" ] && say "keeping $T" || trap 'rm -rf "$T"' EXIT

# 1. build and check the distributions (outside the tree, so no build/ or dist/ is left behind)
t0=$SECONDS
had_build=$([ -e build ] && echo 1)
iso=$(python -c "import setuptools, sys; sys.exit(int(setuptools.__version__.split('.')[0]) < 77)" 2>/dev/null && echo --no-isolation)
if python -m build $iso --outdir "$T/dist" >"$T/build.log" 2>&1; then say "built $(cd "$T/dist" && ls | tr '\n' ' ')"
else tail -20 "$T/build.log"; no "python -m build"; exit 1; fi
[ -n "$had_build" ] || rm -rf build    # setuptools' scratch folder, when this script made it
if python -m twine check --strict "$T"/dist/* >"$T/twine.log" 2>&1; then say "twine check passed"
else cat "$T/twine.log"; no "twine check"; fi
whl=$(ls "$T"/dist/*.whl)
unzip -l "$whl" >"$T/wheel.txt"  # to a file: under pipefail, grep -q closing the pipe early would fail the check
grep -q 'ff_nbdev/_modidx.py' "$T/wheel.txt" || no "the wheel lacks ff_nbdev/_modidx.py"

# 2. a fresh venv away from the repository, the wheel without its dependencies, the dependencies borrowed
site=$(python -c "import sysconfig; print(sysconfig.get_paths()['purelib'])")
python -m venv "$T/venv" || { no "venv"; exit 1; }
V="$T/venv/bin"
"$V/python" -m pip install -q --no-deps "$whl" || { no "pip install the wheel"; exit 1; }
echo "$site" >"$("$V/python" -c "import sysconfig; print(sysconfig.get_paths()['purelib'])")/_ci_deps.pth"
mkdir -p "$T/work" "$T/home" "$T/jobs"
cd "$T/work"
run() { env -u FF_DATA -u PYTHONPATH HOME="$T/home" MPLBACKEND=Agg PATH="$V:$PATH" "$@"; }   # the run-time environment
job() { local n=$1; shift; ( "$@" >"$T/jobs/$n.log" 2>&1; echo $? >"$T/jobs/$n.rc" ) & }    # a check in the background
cat >"$T/imports.py" <<'EOF'
import importlib, pkgutil, ff_nbdev, pathlib, sys
where = pathlib.Path(ff_nbdev.__file__).resolve()
assert 'site-packages' in where.parts and str(where).startswith(sys.prefix), f'ff_nbdev comes from {where}'
mods = [m.name for m in pkgutil.iter_modules(ff_nbdev.__path__)]
for m in mods: importlib.import_module(f'ff_nbdev.{m}')
print(f'{len(mods)} modules import from {where.parent}')
EOF
cat >"$T/tutorial.py" <<'EOF'
import sys
from pathlib import Path
from nbdev.test import test_nb
ok, secs = test_nb(Path(sys.argv[1]).resolve(), skip_flags=['notest', 'slow', 'gpu'], force_flags=[], profile=False)
print(f'{"ran" if ok else "FAILED"} in {secs:.0f} s')
sys.exit(0 if ok else 1)
EOF
train_eval() {   # ff-train on digits into an empty folder, then ff-eval on that folder
  run ff-train --epochs 2 --quiet --out run && [ -f run/model.pt ] && grep -h overall run/results.json &&
  run ff-eval run --batch-sizes 1,64 --repeats 2 --min-seconds 0.01 --devices cpu && [ -f run/eval/eval.json ]
}
tutorial() { mkdir -p "$T/tut/$1" && cp "$ROOT/nbs/tutorials/$1.ipynb" "$T/tut/$1/" && cd "$T/tut/$1" && run python "$T/tutorial.py" "$1.ipynb"; }

# 3-5, side by side: every module imports from the wheel; every console script answers --help; ff-train trains on digits
# and ff-eval times its run; every tutorial, copied alone into an empty folder, runs its tested cells (as nbdev-test does)
job imports run python "$T/imports.py"
helps() { run "$1" --help && run "$1" --help | grep -i '^usage:' >/dev/null; }   # exit 0 and a usage line
for s in ff-train ff-scff ff-sweep ff-eval; do job "$s--help" helps "$s"; done
job train-eval train_eval
tuts=$(cd "$ROOT/nbs/tutorials" && ls *.ipynb | sed 's/\.ipynb$//')
for t in $tuts; do job "tutorial-$t" tutorial "$t"; done
wait
for n in imports ff-train--help ff-scff--help ff-sweep--help ff-eval--help train-eval $(printf 'tutorial-%s ' $tuts); do
  if [ "$(cat "$T/jobs/$n.rc" 2>/dev/null)" == 0 ]; then say "ok $n: $(grep -v '^\s*$' "$T/jobs/$n.log" | tail -1 | cut -c1-100)"
  else tail -15 "$T/jobs/$n.log"; no "$n"; fi
done
say "done in $((SECONDS - t0)) s"
exit $fail
