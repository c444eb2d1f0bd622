"""python -m partner_tools.crm_shapes: rewrite data/crm_shapes from the scenario."""

from __future__ import annotations

import tempfile
from pathlib import Path

from partner_tools.crm_shapes.generic import HERE, generic_scenario, write
from partner_tools.crm_shapes.hubspot import hubspot
from partner_tools.crm_shapes.salesforce import salesforce
from partner_tools.demo_data.vocabulary import TABLE_COLUMNS


def main() -> None:
    with tempfile.TemporaryDirectory() as workdir:
        generic = generic_scenario(Path(workdir))
    for table, rows in generic.items():
        write(HERE / "generic" / f"{table}.csv", rows, list(TABLE_COLUMNS[table]))
    salesforce(generic, HERE / "salesforce")
    salesforce(generic, HERE / "salesforce_history", history=True)
    hubspot(generic, HERE / "hubspot", v3=True)
    hubspot(generic, HERE / "hubspot_legacy", v3=False)


main()
