"""The layers of docs/architecture.md, enforced on the import graph: no module imports a layer above its own, no
face imports another face, and no two packages import each other.

The graph is read from the source (every `import`, also the ones inside functions and under TYPE_CHECKING: a lazy
import is still a dependency), so it needs no Django and no database.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Lowest first. A module may import its own layer and the ones below; within the faces layer each package is on its
# own (a face never imports another face). The longest matching prefix places a module.
LAYERS: list[tuple[str, list[str]]] = [
    ("common", ["common", "datatera.env", "catalogue"]),  # `catalogue` itself is a namespace: a docstring only
    ("hubs", ["poles"]),
    ("record core", ["catalogue.records"]),
    ("search and exports", ["catalogue.search", "catalogue.exports"]),
    ("harvesting and statistics", ["harvesters", "stats"]),
    (
        "faces",
        [
            "catalogue.portal",
            "catalogue.api",
            "catalogue.csw",
            "catalogue.oaipmh",
            "catalogue.opensearch",
            "catalogue.dcat",
            "catalogue.ogcapi",
            "catalogue.landing",
            "stats.views",  # the statistics' web pages (/stats/, /api/sushi/, /go/<id>) are a face
            "stats.urls",
            "ops",
        ],
    ),
    ("hub workspace", ["workspace"]),
    ("wiring", ["datatera"]),
    ("tools", ["catalogue.synthetic"]),  # benchmark data: reads everything, nothing in the apps reads it
]
FACES = "faces"
# Top-level folders that hold no app code: they may import anything and nothing above imports them.
NOT_APPS = {"tests", "bench", "demo", "scripts", "node_modules", "static", "templates", "locale", "var"}

_PLACES = {prefix: (rank, name) for rank, (name, prefixes) in enumerate(LAYERS) for prefix in prefixes}


def place(module: str) -> tuple[str, int, str] | None:
    """(unit, layer rank, layer name) of a module: the unit is the longest prefix listed in LAYERS."""
    parts = module.split(".")
    for end in range(len(parts), 0, -1):
        prefix = ".".join(parts[:end])
        if prefix in _PLACES:
            rank, name = _PLACES[prefix]
            return prefix, rank, name
    return None


def app_modules(root: Path = ROOT) -> dict[str, Path]:
    """{dotted module name: file} of every module in the project's packages (folders with an __init__.py)."""
    modules = {}
    for package in sorted(p.parent for p in root.glob("*/__init__.py")):
        if package.name in NOT_APPS or package.name.startswith("."):
            continue
        for file in package.rglob("*.py"):
            parts = list(file.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = file
    return modules


def _type_checking_only(tree: ast.AST) -> set[int]:
    """ids of the import nodes under `if TYPE_CHECKING:` (annotations only: nothing runs them)."""
    hidden = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            hidden.update(id(n) for part in node.body for n in ast.walk(part))
    return hidden


def imports(modules: dict[str, Path], type_checking: bool = True) -> dict[str, set[str]]:
    """{module: project modules it imports}, relative imports resolved, `from pkg import name` read as pkg.name
    when that is a module. `type_checking=False` leaves out the imports under `if TYPE_CHECKING:`."""

    def known(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = defaultdict(set)
    for module, file in modules.items():
        package = module if file.name == "__init__.py" else module.rpartition(".")[0]
        tree = ast.parse(file.read_text(), str(file))
        hidden = set() if type_checking else _type_checking_only(tree)
        for node in ast.walk(tree):
            if id(node) in hidden:
                continue
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(anchor + ([node.module] if node.module else []))
                targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
            else:
                continue
            for target in targets:
                found = known(target)
                if found and found != module:
                    graph[module].add(found)
    return graph


def violations(graph: dict[str, set[str]]) -> list[str]:
    """Every import that runs up a layer or across faces, and every module no layer places."""
    found = []
    for module, targets in sorted(graph.items()):
        here = place(module)
        if here is None:
            found.append(f"{module}: in no layer of LAYERS (place it in tests/test_architecture.py)")
            continue
        for target in sorted(targets):
            there = place(target)
            if there is None:
                continue  # reported as its own module
            if there[1] > here[1]:
                found.append(f"{module} ({here[2]}) imports {target} ({there[2]}): a lower layer imports a higher one")
            elif here[2] == there[2] == FACES and here[0] != there[0]:
                found.append(f"{module} imports {target}: faces do not import each other ({here[0]} -> {there[0]})")
    return found


def unit_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Groups of units (the LAYERS prefixes) that import each other, directly or round a loop."""
    edges: dict[str, set[str]] = defaultdict(set)
    for module, targets in graph.items():
        for target in targets:
            a, b = place(module), place(target)
            if a and b and a[0] != b[0]:
                edges[a[0]].add(b[0])
    return cycles(edges)


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Groups of nodes that reach each other, directly or round a loop (Tarjan's strongly connected components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in edges.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in list(edges):
        if node not in index:
            visit(node)
    return found


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return imports(app_modules())


def test_it_reads_the_whole_project(graph):
    modules = app_modules()
    # Sanity of the reader itself: the packages of every layer are there, and known arrows are seen.
    for package in ("common.xmlsafe", "poles.models", "catalogue.records.models", "catalogue.search.service"):
        assert package in modules
    assert "common.xmlsafe" in graph["harvesters.protocols.base"]
    assert "catalogue.records.models" in graph["catalogue.records.ingest"]


def test_no_layer_imports_a_higher_one_and_no_face_imports_another(graph):
    assert violations(graph) == []


def test_no_two_packages_import_each_other(graph):
    assert unit_cycles(graph) == []


def test_no_two_modules_import_each_other():
    """No import cycle between modules either, lazy imports included (a registry that imports its entries inside a
    function is still a loop); imports for annotations only (`if TYPE_CHECKING:`) are left out, since nothing runs
    them. A package's `__init__` counts as a module: `from pkg import mod` imports it."""
    graph = imports(app_modules(), type_checking=False)
    assert cycles(graph) == []


def test_the_module_check_catches_a_lazy_loop_and_ignores_annotations_only_imports(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "registry.py").write_text("def get():\n    from pkg import entry\n")
    (package / "entry.py").write_text("from pkg.registry import get\n")
    (package / "typed.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.entry import get\n"
    )
    (package / "user.py").write_text("from pkg import typed\n")
    graph = imports(app_modules(tmp_path), type_checking=False)
    assert "pkg.entry" not in graph["pkg.typed"]
    assert cycles(graph) == [["pkg.entry", "pkg.registry"]]


def test_the_check_catches_an_upward_import_a_face_to_face_import_and_a_cycle():
    bad = {
        "common.xmlsafe": {"harvesters.jobs"},
        "catalogue.oaipmh.provider": {"catalogue.csw.engine"},
        "catalogue.search.indexing": {"catalogue.exports.common"},
        "catalogue.exports.common": {"catalogue.search.service"},
        "somewhere.else": set(),
    }
    found = violations(bad)
    assert any("common.xmlsafe (common) imports harvesters.jobs" in v for v in found)
    assert any("faces do not import each other (catalogue.oaipmh -> catalogue.csw)" in v for v in found)
    assert any(v.startswith("somewhere.else: in no layer") for v in found)
    assert unit_cycles(bad) == [["catalogue.exports", "catalogue.search"]]


def _string_literals(tree: ast.AST):
    """String constants of a module, docstrings left out (they may show a URL's shape)."""
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node


def test_record_urls_are_reversed_in_one_place_not_written_by_hand():
    """Record pages, API resources and landing pages are built by catalogue/records/links.py with reverse()."""
    hand_made = []
    for module, file in app_modules().items():
        if module.endswith(".urls") or ".migrations." in module:
            continue
        for node in _string_literals(ast.parse(file.read_text())):
            if any(part in node.value for part in ("/records/", "/doi/")):
                hand_made.append(f"{file.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
    assert hand_made == []


# Migrations that ran before the rule had one home: history, whose text never changes once applied. 0013 rebuilt
# their views and triggers from the fragment, and names the old conditions it replaces.
_VISIBILITY_HISTORY = {
    "catalogue.records.migrations.0002_pycsw_view",
    "catalogue.records.migrations.0002_search_vector_trigger_and_indexes",
    "catalogue.records.migrations.0012_maintained_facet_counts",
    "catalogue.records.migrations.0013_visibility_from_one_fragment",
}
# `.deleted` of something that is not a record: what a source said about a harvested document.
_NOT_RECORDS = {"workspace.connection": "HarvestedDocument.deleted (OAI status='deleted' at the source)"}
_SQL_RULE = re.compile(
    r"\bNOT\s+(?:\w+\.)?deleted\b|\b(?:\w+\.)?deleted\s*(?:=|<>|!=|IS(?:\s+NOT)?)\s*(?:false|true)\b", re.I
)
_QUERY_CALLS = {"filter", "exclude", "get", "Q", "get_object_or_404", "get_list_or_404", "Count", "Sum", "When"}


def _names_the_flag(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Attribute) and n.attr == "deleted" for n in ast.walk(node))


def rule_restatements(source: str) -> list[tuple[int, str]]:
    """(line, what) of each place a module spells "which records the public sees" itself: the SQL condition in a
    string, the ORM condition as a query's keyword argument, or a list filtered on `.deleted`."""
    tree = ast.parse(source)
    found = []
    for node in _string_literals(tree):
        if match := _SQL_RULE.search(node.value):
            found.append((node.lineno, f"SQL {match.group(0)!r}"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            for keyword in node.keywords:
                lookup = (keyword.arg or "").split("__")
                if func in _QUERY_CALLS and "deleted" in lookup:
                    found.append((node.lineno, f"ORM {func}({keyword.arg}=...)"))
        elif isinstance(node, ast.comprehension) and any(_names_the_flag(test) for test in node.ifs):
            found.append((node.iter.lineno, "a list filtered on .deleted"))
    return sorted(found)


def test_no_app_module_spells_the_rule_itself():
    """Visibility is written once, in catalogue/records/visibility.py (ORM, SQL fragment, loaded record): every
    query, raw statement, view and trigger uses it. Reading `record.deleted` to render a tombstone stays allowed."""
    spelled = []
    for module, file in app_modules().items():
        if module == "catalogue.records.visibility" or module in _VISIBILITY_HISTORY or module in _NOT_RECORDS:
            continue
        for line, what in rule_restatements(file.read_text()):
            spelled.append(f"{file.relative_to(ROOT)}:{line}: {what}")
    assert spelled == []


def test_the_visibility_check_catches_sql_orm_and_python_restatements():
    source = """
sql = "SELECT id FROM catalogue_record r WHERE NOT r.deleted"
view = f"CREATE VIEW v AS SELECT * FROM t WHERE deleted = false AND x = {y}"
live = Record.objects.filter(pk__in=ids, deleted=False)
gone = RecordSource.objects.exclude(record__deleted=True)
either = Q(deleted=True) | Q(title="")
shown = [r for r in records if not r.deleted]
fine = "SELECT 1 FROM catalogue_recordsource p WHERE p.deleted_at_source IS NULL"
also_fine = orphans.update(deleted=True, deleted_at=now)
if record.deleted:
    pass
"""
    assert [line for line, _ in rule_restatements(source)] == [2, 3, 4, 5, 6, 7]
