#!/usr/bin/env python3
"""Publish a built warehouse to the file that BI tools read, in one atomic step.

    python -m partner_tools.publish [--warehouse warehouse/partner_attribution.duckdb] [--published PATH]
        [--target-path target | --schema LAYER=SCHEMA ...] [--metricflow-dir DIR]

DuckDB allows one writer per file, and a reader holding a file open blocks a writer. So BI tools
never open the warehouse that dbt builds. They read a published copy instead, by default
`<warehouse>_published.duckdb` beside it:

1. Every table and view of the layers readers use (the marts, audit and semantic models, and the
   stored results of the warning tests) is copied as a table into a new file,
   `<published>.publishing`, which no reader knows about. The warehouse is opened read-only
   and closed again.
2. That file is renamed over the published one. A rename is atomic: a reader sees either the
   whole previous publication or the whole new one, never a mix.
   - A reader that holds the old file open keeps reading the old copy. It sees the new one on
     its next connection, once every connection of its process to the file has closed.
   - No reader ever blocks the build or this step, which never writes to a file a reader has
     open.

The swap relies on POSIX rename semantics (Linux, macOS): on Windows a reader holding the file
open makes the rename fail, and the publication with it. Run it after a build that succeeded.
`python3 scripts/tasks.py demo` builds and then publishes.
A failed build publishes nothing, so readers keep the last good marts. Readers should connect
read-only: `duckdb.connect(path, read_only=True)`, or `ATTACH ... (READ_ONLY)`. The
publication's own record is the table `main.publication`: the warehouse it came from, when,
and the row count of every table.

Where the layers are in the warehouse is dbt's choice. With this project as the root they are
the schemas marts, audit, semantic and dbt_test__audit; installed as a package, the host's
generate_schema_name names them (by default main_partner_attribution_marts and so on). So the
script reads dbt's manifest, `<target path>/manifest.json` (default: target/ here, which a
`dbt build` in this directory writes). It takes every model of the package in models/marts,
models/audit and models/semantic, and the failures table of every test of the package, each
under its alias in the schema the manifest gives. Without a manifest it assumes the standalone
names. `--schema marts=<schema>` (repeatable, one per layer) names the schemas instead: those
layers are then copied whole, and the others are left out.

The published file has the same layout whichever way the project was built: schemas marts,
audit, semantic and dbt_test__audit, each relation under its own name, and main.publication.
BI tools and the scripts that read it (summary.py, report.py) need not know how it was built.

When the target path holds dbt's semantic_manifest.json, the publication also writes a small
MetricFlow project beside the published file, `<published stem>_metricflow/`:
- dbt_project.yml and profiles.yml: an in-memory DuckDB that attaches the published file
  read-only as the catalog `partner_attribution`, so `mf` never blocks a build, a publication or
  a BI reader;
- target/semantic_manifest.json: the build's semantic models and metrics, each relation renamed
  to `partner_attribution.<published schema>.<name>`. Another package's semantic models, and the
  metrics built on them, are left out, because their tables are not published.
`mf query` run in that directory reads the published file (README, "Semantic layer").
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from partner_tools.constants import (
    DEFAULT_TARGET,
    DEFAULT_WAREHOUSE,
    MODEL_LAYERS,
    PUBLISHED_SCHEMAS,
    TEST_FAILURES,
)

PACKAGE = "partner_attribution"
# the catalog the published MetricFlow project attaches the published file as
CATALOG = PACKAGE
METRICFLOW_PROFILE = f"{PACKAGE}_published"


def published_path_for(warehouse: Path) -> Path:
    """The default published file: beside the warehouse, `<name>_published.duckdb`."""
    return warehouse.with_name(f"{warehouse.stem}_published{warehouse.suffix or '.duckdb'}")


def metricflow_dir_for(published: Path) -> Path:
    """The default MetricFlow project of a published file: beside it, `<stem>_metricflow/`."""
    return published.with_name(f"{published.stem}_metricflow")


def quoted(*names: str) -> str:
    return ".".join('"' + name.replace('"', '""') + '"' for name in names)


# ---------------------------------------------------------------- where the layers are


@dataclass(frozen=True)
class Layout:
    """Where the readers' relations are in a warehouse.

    Either relation by relation, as (layer, schema, name) from a manifest, or as whole schemas,
    layer -> schema (the standalone names, or --schema). `origin` says which, for messages.
    """

    relations: tuple[tuple[str, str, str], ...] = ()
    schemas: Mapping[str, str] = field(default_factory=dict)
    origin: str = "the standalone schema names"

    def layer_of(self, schema: str, name: str) -> str | None:
        """The layer (published schema) of the warehouse relation schema.name, if it is published."""
        schema, name = schema.lower(), name.lower()
        for layer, layer_schema, layer_name in self.relations:
            if (layer_schema.lower(), layer_name.lower()) == (schema, name):
                return layer
        for layer, layer_schema in self.schemas.items():
            if layer_schema.lower() == schema:
                return layer
        return None

    def where(self, layer: str) -> str:
        """Where the layer was looked for, for a message."""
        schemas = sorted({schema for each, schema, _ in self.relations if each == layer})
        if layer in self.schemas:
            schemas.append(self.schemas[layer])
        return f"schema {', '.join(schemas) or '(none)'}, from {self.origin}"


STANDALONE = Layout(schemas={layer: layer for layer in PUBLISHED_SCHEMAS})
# a published file is laid out as a standalone build is
PUBLISHED = STANDALONE


def layout_from_schemas(pairs: Iterable[str]) -> Layout:
    """A layout from --schema LAYER=SCHEMA arguments: only the layers named, each a whole schema."""
    schemas: dict[str, str] = {}
    for pair in pairs:
        layer, _, schema = pair.partition("=")
        if layer not in PUBLISHED_SCHEMAS or not schema:
            raise SystemExit(
                f"--schema {pair}: write LAYER=SCHEMA with LAYER one of {', '.join(PUBLISHED_SCHEMAS)}"
            )
        schemas[layer] = schema
    return Layout(schemas=schemas, origin="--schema")


def layout_from_manifest(manifest_path: Path, package: str = PACKAGE) -> Layout:
    """The package's reader relations as dbt's manifest places them: (layer, schema, alias)."""
    try:
        nodes = json.loads(manifest_path.read_text())["nodes"]
    except (OSError, ValueError, KeyError) as error:
        raise SystemExit(f"cannot read dbt's manifest {manifest_path}: {error}") from error
    relations = set()
    for node in nodes.values():
        if node.get("package_name") != package or node.get("config", {}).get("materialized") == "ephemeral":
            continue
        # a model's layer is its folder under the model paths (fqn: package, folder, ..., name),
        # which stays put whatever schema name dbt_project.yml or a host gives the layer
        fqn = node.get("fqn", [])
        if node["resource_type"] == "model" and len(fqn) > 2 and fqn[1] in MODEL_LAYERS:
            layer = fqn[1]
        elif node["resource_type"] == "test":
            layer = TEST_FAILURES  # a table only when the test stores its failures
        else:
            continue
        relations.add((layer, node["schema"], node.get("alias") or node["name"]))
    if not any(layer == "marts" for layer, _, _ in relations):
        raise SystemExit(f"{manifest_path} has no model of package {package} in models/marts")
    return Layout(relations=tuple(sorted(relations)), origin=str(manifest_path))


def requested_layout(target_path: Path | None, schemas: list[str] | None) -> Layout:
    """The layout a command line asks for: --schema, else the manifest in --target-path.

    Without either, the manifest of a build in this directory (target/manifest.json) when there
    is one, else the standalone names.
    """
    if schemas:
        return layout_from_schemas(schemas)
    if target_path is not None:
        return layout_from_manifest(target_path / "manifest.json")
    default = DEFAULT_TARGET / "manifest.json"
    return layout_from_manifest(default) if default.exists() else STANDALONE


def add_layout_arguments(parser: argparse.ArgumentParser) -> None:
    """--target-path and --schema, the same in every script that reads the marts from a warehouse."""
    parser.add_argument(
        "--target-path",
        type=Path,
        help="dbt's target directory of the build that wrote the warehouse: the manifest there says"
        " where the marts are (default: target/ here when it has a manifest, else the standalone names)",
    )
    parser.add_argument(
        "--schema",
        action="append",
        metavar="LAYER=SCHEMA",
        help=f"the schema of a layer ({', '.join(PUBLISHED_SCHEMAS)}), instead of a manifest; repeatable",
    )


def locate(connection: duckdb.DuckDBPyConnection, layout: Layout, catalog: str) -> list[tuple[str, str, str]]:
    """The reader relations present in `catalog`, as (layer, schema, name), by layer and name."""
    present = connection.execute(
        "select table_schema, table_name from information_schema.tables where table_catalog = ?", [catalog]
    ).fetchall()
    found = {}
    for schema, name in present:
        layer = layout.layer_of(schema, name)
        if layer is None:
            continue
        if (layer, name) in found:
            raise SystemExit(
                f"two relations named {name} for {layer}: {found[(layer, name)]}.{name} and {schema}.{name}"
            )
        found[(layer, name)] = schema
    return [(layer, schema, name) for (layer, name), schema in sorted(found.items())]


def reader_schemas(connection: duckdb.DuckDBPyConnection, layout: Layout) -> dict[tuple[str, str], str]:
    """(layer, name) -> schema, for each reader relation of a warehouse or published file.

    A published file (one with main.publication) is always laid out as PUBLISHED; any other file
    as `layout` says.
    """
    catalog = connection.sql("select current_database()").fetchall()[0][0]
    is_published = connection.execute(
        "select count(*) from information_schema.tables"
        " where table_catalog = ? and table_schema = 'main' and table_name = 'publication'",
        [catalog],
    ).fetchall()[0][0]
    located = locate(connection, PUBLISHED if is_published else layout, catalog)
    return {(layer, name): schema for layer, schema, name in located}


# ---------------------------------------------------------------- the publication


def publish(warehouse: Path, published: Path, layout: Layout = STANDALONE) -> dict[str, int]:
    """Copy the reader layers of `warehouse` into `published`, swapped in atomically; return row counts."""
    if not warehouse.exists():
        raise SystemExit(f"no warehouse at {warehouse}: build it first (python3 scripts/tasks.py demo)")
    pending = published.with_name(published.name + ".publishing")
    for leftover in (pending, pending.with_name(pending.name + ".wal")):
        leftover.unlink(missing_ok=True)  # from a publication that died half way
    counts: dict[str, int] = {}
    try:
        with duckdb.connect(str(pending)) as connection:
            path = str(warehouse).replace("'", "''")
            connection.execute(f"attach '{path}' as warehouse (read_only)")
            relations = locate(connection, layout, "warehouse")
            if not any(layer == "marts" for layer, _, _ in relations):
                raise SystemExit(
                    f"{warehouse} has no marts ({layout.where('marts')}): build it first, then publish;"
                    " or pass --target-path of the build that wrote it (or --schema marts=SCHEMA)"
                )
            for layer in sorted({layer for layer, _, _ in relations}):
                connection.execute(f"create schema {quoted(layer)}")
            for layer, schema, name in relations:
                table, source = quoted(layer, name), quoted("warehouse", schema, name)
                connection.execute(f"create table {table} as select * from {source}")
                counts[f"{layer}.{name}"] = connection.sql(f"select count(*) from {table}").fetchall()[0][0]
            connection.execute("detach warehouse")
            connection.execute(
                "create table main.publication as"
                " select ? as warehouse, ? as published_at, relation, row_count"
                " from (select unnest(?) as relation, unnest(?) as row_count)",
                [
                    str(warehouse),
                    datetime.now(timezone.utc).replace(tzinfo=None),
                    list(counts),
                    list(counts.values()),
                ],
            )
            connection.execute("checkpoint")
        os.replace(pending, published)
    except BaseException:
        pending.unlink(missing_ok=True)
        raise
    return counts


# ---------------------------------------------------------------- the semantic layer of the publication


def published_semantic_manifest(semantic: dict, layout: Layout, published_relations: Iterable[str]) -> dict:
    """dbt's semantic manifest with its relations renamed to the published layout.

    `published_relations` are the published file's relations as "schema.name". A semantic model
    whose table is not among them is left out, with every metric and saved query built on it.
    """
    published = {relation.lower() for relation in published_relations}

    def moved(relation: dict) -> dict | None:
        layer = layout.layer_of(relation["schema_name"], relation["alias"])
        if layer is None or f"{layer}.{relation['alias']}".lower() not in published:
            return None
        return {
            **relation,
            "database": CATALOG,
            "schema_name": layer,
            "relation_name": quoted(CATALOG, layer, relation["alias"]),
        }

    models, measures = [], set()
    for model in semantic["semantic_models"]:
        relation = moved(model["node_relation"])
        if relation is not None:
            models.append({**model, "node_relation": relation})
            measures.update(measure["name"] for measure in model.get("measures", []))
    metrics = [
        metric
        for metric in semantic["metrics"]
        if all(measure["name"] in measures for measure in metric["type_params"].get("input_measures", []))
    ]
    kept = {metric["name"] for metric in metrics}
    saved_queries = [
        query
        for query in semantic.get("saved_queries", [])
        if all(name in kept for name in query.get("query_params", {}).get("metrics", []))
    ]
    configuration = dict(semantic["project_configuration"])
    spines = []
    for spine in configuration.get("time_spines", []):
        relation = moved(spine["node_relation"])
        if relation is not None:
            spines.append({**spine, "node_relation": relation})
    if configuration.get("time_spines") and not spines:
        raise ValueError("its time spine is not among the published relations")
    configuration["time_spines"] = spines
    return {
        **semantic,
        "semantic_models": models,
        "metrics": metrics,
        "saved_queries": saved_queries,
        "project_configuration": configuration,
    }


def write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    pending = path.with_name(path.name + ".writing")
    pending.write_text(text, encoding="utf-8")
    os.replace(pending, path)


def write_metricflow_project(directory: Path, duckdb_file: Path, catalog: str, semantic: dict) -> None:
    """A dbt project that is only what `mf` needs to query `duckdb_file`, read-only, as `catalog`.

    `mf` reads target/semantic_manifest.json under the project directory and connects through
    the project's profile; the profile attaches the file to an in-memory database, so MetricFlow
    neither writes to it nor holds a lock that a build or a publication would wait on.
    """
    stamp = f"# Written by partner_tools.publish for {duckdb_file}; rewritten by every publication.\n"
    write_atomically(
        directory / "dbt_project.yml",
        stamp
        + "# The semantic layer of that file for MetricFlow: run `mf` in this directory (README,\n"
        + '# "Semantic layer"). It has no models: target/semantic_manifest.json is the whole project.\n'
        + f"name: {METRICFLOW_PROFILE}\n"
        + 'version: "1.0"\n'
        + "config-version: 2\n"
        + f"profile: {METRICFLOW_PROFILE}\n",
    )
    # JSON strings are YAML strings, quoted and escaped as YAML wants
    write_atomically(
        directory / "profiles.yml",
        stamp
        + f"{METRICFLOW_PROFILE}:\n"
        + "  target: published\n"
        + "  outputs:\n"
        + "    published:\n"
        + "      type: duckdb\n"
        + '      path: ":memory:"\n'
        + "      schema: main\n"
        + "      threads: 1\n"
        + "      attach:\n"
        + f"        - path: {json.dumps(str(duckdb_file))}\n"
        + f"          alias: {json.dumps(catalog)}\n"
        + "          read_only: true\n"
        + "      settings:\n"
        + "        TimeZone: UTC\n",
    )
    write_atomically(directory / "target" / "semantic_manifest.json", json.dumps(semantic, indent=1) + "\n")


def publish_semantic_layer(
    semantic_manifest: Path, layout: Layout, published: Path, directory: Path, counts: Mapping[str, int]
) -> dict:
    """Write the MetricFlow project of a publication (see the module docstring); return its manifest."""
    semantic = published_semantic_manifest(json.loads(semantic_manifest.read_text()), layout, counts)
    if not semantic["metrics"]:
        raise ValueError("it has no metric on the published relations")
    write_metricflow_project(directory, published, CATALOG, semantic)
    return semantic


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--warehouse", type=Path, default=Path(os.environ.get("DUCKDB_PATH", DEFAULT_WAREHOUSE))
    )
    parser.add_argument("--published", type=Path, help="default: <warehouse>_published.duckdb beside it")
    add_layout_arguments(parser)
    parser.add_argument(
        "--metricflow-dir",
        type=Path,
        help="where to write the MetricFlow project of the publication (default: <published stem>_metricflow"
        " beside it); written when the target path has a semantic_manifest.json",
    )
    args = parser.parse_args(argv)
    warehouse = args.warehouse.resolve()
    published = (args.published or published_path_for(warehouse)).resolve()
    layout = requested_layout(args.target_path, args.schema)
    counts = publish(warehouse, published, layout)
    print(f"published {len(counts)} tables of {warehouse.name} to {published}")
    # the semantic manifest of the same build: beside the manifest read, or in --target-path
    if args.target_path is None and args.schema:
        return 0
    semantic_manifest = (args.target_path or DEFAULT_TARGET) / "semantic_manifest.json"
    if not semantic_manifest.exists():
        return 0
    directory = (args.metricflow_dir or metricflow_dir_for(published)).resolve()
    try:
        semantic = publish_semantic_layer(semantic_manifest, layout, published, directory, counts)
    except (OSError, ValueError, KeyError) as error:
        print(f"the semantic layer was not published from {semantic_manifest}: {error}", file=sys.stderr)
        return 1
    print(
        f"its semantic layer ({len(semantic['semantic_models'])} semantic models,"
        f" {len(semantic['metrics'])} metrics): cd {directory} && mf query ..."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
