"""Docstring check: every exported symbol (each module's __all__) that is a function or a class has a docstring of its
own, and nbdev's show_doc renders it (the rendered text contains the docstring's first line). Constants (dicts, lists)
cannot carry one and are listed, not failed. Prints each offence; exits 1 if any."""

import importlib, inspect, os, sys, glob

os.chdir(os.path.join(os.path.dirname(__file__), '..'))
from nbdev.showdoc import show_doc

bad, n, consts = [], 0, []
for f in sorted(glob.glob('ff_nbdev/*.py')):
    name = os.path.basename(f)[:-3]
    if name.startswith('_'):
        continue
    mod = importlib.import_module(f'ff_nbdev.{name}')
    for sym in getattr(mod, '__all__', []):
        obj = getattr(mod, sym)
        if not (inspect.isfunction(obj) or inspect.isclass(obj)):
            consts.append(f'{name}.{sym}')
            continue
        n += 1
        doc = obj.__dict__.get('__doc__') if inspect.isclass(obj) else obj.__doc__
        if not (doc and doc.strip()):
            bad.append(f'ff_nbdev.{name}.{sym}: no docstring')
            continue
        try:
            md = str(getattr(show_doc(obj), '_repr_markdown_', lambda: '')() or '')
        except Exception as e:
            bad.append(f'ff_nbdev.{name}.{sym}: show_doc fails ({type(e).__name__}: {e})')
            continue
        if doc.strip().splitlines()[0][:40] not in md:
            bad.append(f'ff_nbdev.{name}.{sym}: show_doc does not render its docstring')
print('\n'.join(bad) or f'docstrings: all {n} exported functions and classes have one, rendered by show_doc')
print(f'constants without docstrings (not checked): {", ".join(consts)}')
sys.exit(1 if bad or not n else 0)
