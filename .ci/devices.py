"""Device check: every tensor that library or notebook code makes with a torch factory names its device.
A factory call (torch.randn, torch.zeros, torch.arange, torch.tensor, ...) without `device=` makes a CPU tensor by
default, which breaks on a GPU as soon as it meets device data. Prints each offence with its place; exits 1 if any."""

import ast, glob, json, os, sys

os.chdir(os.path.join(os.path.dirname(__file__), '..'))
FACTORIES = {
    'tensor',
    'as_tensor',
    'zeros',
    'ones',
    'full',
    'empty',
    'eye',
    'arange',
    'linspace',
    'rand',
    'randn',
    'randint',
    'randperm',
    'normal',
    'bernoulli',
    'multinomial',
}


def offences(src, where):
    try:
        tree = ast.parse(src)
    except SyntaxError:
        return []
    out = []
    for n in ast.walk(tree):
        if (
            isinstance(n, ast.Call)
            and isinstance(n.func, ast.Attribute)
            and n.func.attr in FACTORIES
            and isinstance(n.func.value, ast.Name)
            and n.func.value.id == 'torch'
            and not any(k.arg == 'device' for k in n.keywords)
            and not (n.func.attr in ('normal', 'bernoulli', 'multinomial') and n.args)
        ):  # these take a tensor: its device
            out.append(f"{where}:{n.lineno}: torch.{n.func.attr}(...) without device=")
    return out


bad = []
for f in sorted(glob.glob('ff_nbdev/*.py')):
    bad += offences(open(f).read(), f)
for f in sorted(glob.glob('nbs/**/*.ipynb', recursive=True)):
    for i, c in enumerate(json.load(open(f))['cells']):
        if c['cell_type'] != 'code':
            continue
        src = '\n'.join(l for l in ''.join(c['source']).splitlines() if not l.lstrip().startswith(('!', '%')))
        bad += offences(src, f'{f} cell {i}')
print('\n'.join(bad) or 'devices: every torch factory call names its device')
print(f'{len(bad)} factory calls without device=')
sys.exit(1 if bad else 0)
