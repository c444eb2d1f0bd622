"""The layers run one way, in every CRM shape: a model reads only its own layer and the one
before it (README "What you get", the table of layers).

staging -> conformed -> validated -> intermediate -> marts -> semantic, where the generic export
goes from staging to validated (it needs no mapping); audit reads what it audits and nothing
reads it. Only staging reads the CRM's tables, and the validated layer the loader's table of
malformed lines. Seeds may be read anywhere. dbt's manifest says what each model reads, so each
shape is parsed (a shape's staging and conformed models are enabled only when crm_source names it).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import dbt_runner

LAYERS = ["staging", "conformed", "validated", "intermediate", "marts", "semantic"]
# what a model of each layer may read
READS = {
    "staging": set(),
    "conformed": {"staging", "conformed"},
    "validated": {"staging", "conformed", "validated"},
    "intermediate": {"validated", "intermediate"},
    "marts": {"intermediate", "marts"},
    "semantic": {"marts", "semantic"},
    # the audit reads the layers it audits: staging for rows left out, validated for rejects
    "audit": {"staging", "validated"},
}
# the loader's table of CSV lines that could not be split (DuckDB), read where they are checked
LOADER_SOURCE = "partner_attribution_load"


def layer_of(node: dict) -> str:
    return Path(node["original_file_path"]).parts[1]


def backward_reads(manifest: dict) -> list[str]:
    """Every read that runs against the layers, as 'model (layer) reads parent (layer)'."""
    nodes, sources = manifest["nodes"], manifest["sources"]
    problems = []
    for node in nodes.values():
        if node["resource_type"] != "model" or node["package_name"] != "partner_attribution":
            continue
        layer = layer_of(node)
        for parent_id in node["depends_on"]["nodes"]:
            if parent_id.startswith("seed."):
                continue
            if parent_id.startswith("source."):
                source = sources[parent_id]["source_name"]
                allowed = layer == "staging" or (layer == "validated" and source == LOADER_SOURCE)
                if not allowed:
                    problems.append(f"{node['name']} ({layer}) reads the source {source}")
                continue
            parent = nodes[parent_id]
            parent_layer = layer_of(parent)
            if parent_layer not in READS[layer]:
                problems.append(f"{node['name']} ({layer}) reads {parent['name']} ({parent_layer})")
    return problems


@pytest.mark.parametrize("crm", ["generic", "salesforce", "hubspot"])
def test_every_model_reads_only_its_own_layer_and_the_ones_before(crm: str, tmp_path: Path) -> None:
    run = dbt_runner(tmp_path)(["parse"], {"crm_source": crm})
    assert run.returncode == 0, run.output[-3000:]
    manifest = json.loads((tmp_path / "target" / "manifest.json").read_text())
    layers = {layer_of(node) for node in manifest["nodes"].values() if node["resource_type"] == "model"}
    # the check has something to check: every layer of the shape is in the graph
    expected = {*LAYERS, "audit"} - ({"conformed"} if crm == "generic" else set())
    assert layers == expected, layers
    assert backward_reads(manifest) == []


def test_a_backward_read_is_found() -> None:
    """The check fails on the reads it is there to catch."""
    manifest = {
        "sources": {"source.p.partner_attribution_crm.accounts": {"source_name": "partner_attribution_crm"}},
        "nodes": {
            "model.p.int_a": {
                "resource_type": "model",
                "package_name": "partner_attribution",
                "name": "int_a",
                "original_file_path": "models/intermediate/int_a.sql",
                "depends_on": {"nodes": ["model.p.fct_b", "source.p.partner_attribution_crm.accounts"]},
            },
            "model.p.fct_b": {
                "resource_type": "model",
                "package_name": "partner_attribution",
                "name": "fct_b",
                "original_file_path": "models/marts/fct_b.sql",
                "depends_on": {"nodes": ["model.p.rejected"]},
            },
            "model.p.rejected": {
                "resource_type": "model",
                "package_name": "partner_attribution",
                "name": "rejected",
                "original_file_path": "models/audit/rejected.sql",
                "depends_on": {"nodes": ["model.p.int_a"]},
            },
        },
    }
    assert backward_reads(manifest) == [
        "int_a (intermediate) reads fct_b (marts)",
        "int_a (intermediate) reads the source partner_attribution_crm",
        "fct_b (marts) reads rejected (audit)",
        "rejected (audit) reads int_a (intermediate)",
    ]
