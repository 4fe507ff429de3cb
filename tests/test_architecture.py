"""The apps stack one way: each imports only from the apps below it, and no modules import each
other in a circle. Read from the source with `ast`, so an import inside a function counts too.
"""

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Lowest first. `scorecheck` (settings, URLs, the Celery app) sits above them all and may
# import any of them; none may import it.
LAYERS = ["core", "catalogue", "claims", "evaluator", "verdicts", "leaderboard", "api"]
PROJECT = "scorecheck"


def modules() -> Iterator[tuple[str, Path]]:
    for package in [*LAYERS, PROJECT]:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            yield ".".join(parts), path


MODULES = dict(modules())


def imported(module: str, path: Path) -> set[str]:
    """The project modules that `module` imports, by their full dotted names."""
    is_package = path.name == "__init__.py"
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")
                anchor = anchor[: len(anchor) - node.level + (1 if is_package else 0)]
                base = ".".join([*anchor, base] if base else anchor)
            # `from package import module` imports that module; `from module import name`
            # imports the module.
            names = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
                for alias in node.names
            ]
        else:
            continue
        found.update(name for name in names if name.split(".")[0] in [*LAYERS, PROJECT])
    return found


IMPORTS = {module: imported(module, path) for module, path in MODULES.items()}


def layer(module: str) -> int:
    top = module.split(".")[0]
    return len(LAYERS) if top == PROJECT else LAYERS.index(top)


def test_every_app_is_in_the_stack():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps <= set(LAYERS)


@pytest.mark.parametrize("package", [*LAYERS, PROJECT])
def test_no_app_imports_an_app_above_it(package):
    upward = [
        f"{module} imports {target}"
        for module, targets in IMPORTS.items()
        if module.split(".")[0] == package
        for target in sorted(targets)
        if layer(target) > layer(module)
    ]
    assert upward == []


def test_no_modules_import_each_other_in_a_circle():
    # Tarjan's strongly connected components over module -> imported module.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for target in IMPORTS.get(module, ()):
            if target not in IMPORTS:
                continue
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for module in IMPORTS:
        if module not in index:
            visit(module)
    assert circles == []


def test_the_walk_sees_imports_inside_functions():
    """The check above can fail: a lazy import is an import."""
    assert "claims.tasks" in IMPORTS["claims.apps"]
    assert "catalogue.models" in IMPORTS["verdicts.selectors"]
