"""Every model, seed and column a reader can see is documented, and so is every macro.

Reads the docs site that `python3 scripts/tasks.py test` generates before pytest runs
(target/test/docs): the catalog says which columns each table really has, the manifest what the
YAML says about them.
"""

from __future__ import annotations

import json
import re

import pytest
import yaml

from partner_tools.constants import ROOT

DOCS = ROOT / "target" / "test" / "docs"


@pytest.fixture(scope="module")
def site() -> tuple[dict, dict]:
    manifest, catalog = DOCS / "manifest.json", DOCS / "catalog.json"
    if not (manifest.exists() and catalog.exists()):
        pytest.fail(f"no docs site in {DOCS}: run `python3 scripts/tasks.py test`, which generates it first")
    return json.loads(manifest.read_text()), json.loads(catalog.read_text())


def documented_nodes(manifest: dict) -> dict[str, dict]:
    return {
        unique_id: node
        for unique_id, node in manifest["nodes"].items()
        if node["resource_type"] in ("model", "seed") and node["package_name"] == "partner_attribution"
    }


def test_every_model_and_seed_has_a_description(site: tuple[dict, dict]) -> None:
    manifest, _ = site
    nodes = documented_nodes(manifest)
    assert len(nodes) > 30, "the manifest should hold the whole project"
    undocumented = sorted(node["name"] for node in nodes.values() if not node["description"].strip())
    assert undocumented == []


def test_every_column_in_the_warehouse_has_a_description(site: tuple[dict, dict]) -> None:
    manifest, catalog = site
    missing = []
    checked = 0
    for unique_id, node in documented_nodes(manifest).items():
        table = catalog["nodes"].get(unique_id)
        if table is None:
            continue
        described = {name.lower(): column["description"] for name, column in node["columns"].items()}
        for column in table["columns"]:
            checked += 1
            if not described.get(column.lower(), "").strip():
                missing.append(f"{node['name']}.{column}")
    assert checked > 300, "the catalog should list the built tables' columns"
    assert missing == []


def test_every_macro_is_documented() -> None:
    """Every macro of macros/ has a description in macros/_macros.yml, except the engine variants
    of a dispatched macro (default__..., duckdb__..., postgres__..., spark__...), which the
    macro they implement documents."""
    defined = {
        name: path.relative_to(ROOT)
        for path in (ROOT / "macros").rglob("*.sql")
        for name in re.findall(r"{%-?\s*macro\s+(\w+)\s*\(", path.read_text())
        if not re.match(r"(default|duckdb|postgres|spark)__", name)
    }
    described = {
        entry["name"]: (entry.get("description") or "").strip()
        for entry in yaml.safe_load((ROOT / "macros" / "_macros.yml").read_text())["macros"]
    }
    assert len(defined) > 100, "the macros should be found"
    assert sorted(f"{name} ({path})" for name, path in defined.items() if not described.get(name)) == []
