"""One home for each fact the tools share: where the project is, the demo's date, where the warehouse lives.

Standard library only: scripts/tasks.py loads this file on a machine that has no .venv yet.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The bundled demo export ends on this day; building "as of" it keeps the demo's answers fixed.
# The generator's default end date, the crm_shapes scenario, the benchmark and the tests use it.
DEMO_AS_OF_DATE = "2025-12-31"
DEMO_DATA_DIR = ROOT / "data" / "demo"
CRM_SHAPES_DIR = ROOT / "data" / "crm_shapes"
# the file `dbt build` writes by default (profiles.yml reads DUCKDB_PATH, else this path)
DEFAULT_WAREHOUSE = ROOT / "warehouse" / "partner_attribution.duckdb"
DEFAULT_TARGET = ROOT / "target"
# The layers readers use, as standalone schema names: the marts, audit and semantic models, and
# the stored results of the warning tests. partner_tools.publish copies them to the published file.
PUBLISHED_SCHEMAS = ("marts", "audit", "semantic", "dbt_test__audit")
MODEL_LAYERS = PUBLISHED_SCHEMAS[:3]
TEST_FAILURES = PUBLISHED_SCHEMAS[3]
