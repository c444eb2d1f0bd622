"""Every model, seed and column a reader can see is documented.

Reads the docs site that `python3 scripts/tasks.py test` generates before pytest runs
(target/test/docs): the catalog says which columns each table really has, the manifest what the
YAML says about them.
"""

from __future__ import annotations

import json

import pytest

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
