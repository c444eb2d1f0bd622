"""Writing the files: one per table, in chunks, and the command line's run."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from partner_tools.demo_data.config import Config, Progress, parse_args
from partner_tools.demo_data.dataset import Dataset, generate_dataset
from partner_tools.demo_data.dirty_rows import DirtyRows, _merge_dirty, plan_dirty_rows
from partner_tools.demo_data.tables import FORMATTERS, Cells
from partner_tools.demo_data.vocabulary import CHUNK_ROWS, TABLES, table_schema


@dataclass(frozen=True)
class WrittenFile:
    path: Path
    rows: int
    size: int


class _TableWriter:
    """CSV or Parquet writer with the same write/close interface."""

    def __init__(self, path: Path, schema: pa.Schema, fmt: str) -> None:
        if fmt == "csv":
            self.writer = pa_csv.CSVWriter(
                str(path), schema, write_options=pa_csv.WriteOptions(include_header=True)
            )
        else:
            self.writer = pq.ParquetWriter(str(path), schema, compression="zstd")

    def write(self, table: pa.Table) -> None:
        self.writer.write_table(table)

    def close(self) -> None:
        self.writer.close()


def write_table(
    ds: Dataset, table: str, cfg: Config, dirty: DirtyRows | None, progress: Progress
) -> WrittenFile:
    path = cfg.out / f"{table}.{cfg.fmt}"
    cells = Cells(cfg.fmt)
    n = ds.rows(table)
    writer = _TableWriter(path, table_schema(table, cfg.fmt), cfg.fmt)
    written = 0
    try:
        for lo in range(0, n, CHUNK_ROWS):
            hi = min(n, lo + CHUNK_ROWS)
            chunk = _merge_dirty(FORMATTERS[table](ds, np.arange(lo, hi), cells), lo, dirty)
            writer.write(chunk)
            written += chunk.num_rows
            progress.log(f"writing {path.name}: {100 * hi // n:3d}% ({hi:,} / {n:,} rows)")
    finally:
        writer.close()
    return WrittenFile(path, written, path.stat().st_size)


def _human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


def run(cfg: Config) -> list[WrittenFile]:
    """Generate the dataset and write one file per table into cfg.out."""
    progress = Progress(cfg.quiet)
    ds = generate_dataset(cfg, progress)
    dirty = plan_dirty_rows(ds, cfg.fmt, cfg.dirty_share, cfg.seed)
    if dirty:
        progress.log(f"dirty rows: {sum(d.table.num_rows for d in dirty.values()):,}")
    cfg.out.mkdir(parents=True, exist_ok=True)
    files = [write_table(ds, table, cfg, dirty.get(table), progress) for table in TABLES]
    progress.log("done")
    if not cfg.quiet:
        for f in files:
            print(f"{f.path}: {f.rows:,} rows, {_human_size(f.size)}")
    return files


def main(argv: Sequence[str] | None = None) -> int:
    run(parse_args(argv))
    return 0
