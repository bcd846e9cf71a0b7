"""The recipes of `dateline bi` run exactly as printed, with each tool installed from the package registries
the way a user installs it: the DuckDB CLI (`duckdb-cli`), Python with pandas and Polars, and Evidence's
DuckDB connector with the `@duckdb/node-api` override. Each skips when its registry cannot be reached."""
from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from dateline.bi import connection_settings

pytestmark = pytest.mark.slow

EVIDENCE_RUNNER = """
const fs = require('fs'), path = require('path');
const duckdb = require('@evidence-dev/duckdb');
(async () => {
  const dir = path.resolve(process.argv[2]);
  const filename = fs.readFileSync(path.join(dir, 'connection.yaml'), 'utf8').match(/filename:\\s*(\\S+)/)[1];
  const ok = await duckdb.testConnection({ filename }, dir);
  const run = await duckdb.getRunner({ filename }, dir);
  const query = path.join(dir, 'events.sql');
  const result = await run(fs.readFileSync(query, 'utf8'), query, 1000);
  let rows = [];
  for await (const batch of result.rows()) rows = rows.concat(batch);
  console.log(JSON.stringify({ ok, rows, columns: result.columnTypes.map(c => [c.name, c.evidenceType]) }));
})().catch(e => { console.error(e.message); process.exit(1); });
"""


def recipe(db: Path, tool: str, **where) -> list[str]:
    text = next(text for name, text in connection_settings(db, **where).items() if name.startswith(tool))
    return [line for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def warehouse(sample_run, tmp_path_factory) -> tuple[Path, int]:
    folder = tmp_path_factory.mktemp("recipes")
    shutil.copy(sample_run[0] / "w.duckdb", folder / "w.duckdb")
    with duckdb.connect(str(folder / "w.duckdb"), read_only=True) as con:
        events = con.execute("SELECT count(*) FROM fact_events").fetchone()[0]
    assert events > 0
    return folder, events


@pytest.fixture(scope="module")
def tools(tmp_path_factory) -> Path:
    venv = tmp_path_factory.mktemp("tools") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, timeout=120)
    done = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                           "duckdb-cli==1.5.6", "polars==2.1.0"], capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        pytest.skip(f"duckdb-cli and polars cannot be installed here: {done.stderr.strip().splitlines()[-1:]}")
    return venv / "bin"


def test_the_duckdb_cli_recipe_reads_the_warehouse_and_cannot_write_it(warehouse, tools):
    folder, events = warehouse
    command = shlex.split(recipe(folder / "w.duckdb", "DuckDB CLI")[0])
    assert command[:2] == ["duckdb", "-readonly"]
    cli = [str(tools / "duckdb"), *command[1:], "-csv", "-noheader"]
    read = subprocess.run([*cli, "-c", "SELECT count(*) FROM fact_events"], capture_output=True, text=True, timeout=60)
    assert read.returncode == 0 and read.stdout.split() == [str(events)], read.stderr
    write = subprocess.run([*cli, "-c", "DELETE FROM quotes"], capture_output=True, text=True, timeout=60)
    assert write.returncode != 0 and "read-only" in (write.stdout + write.stderr)


def test_the_python_recipes_give_pandas_and_polars_frames(warehouse, tools, tmp_path):
    folder, events = warehouse
    db = folder / "w.duckdb"
    connect, frames, parquet = recipe(db, "DuckDB CLI")[1], *recipe(db, "pandas")
    assert subprocess.run(shlex.split(connect), cwd=folder, timeout=60,
                          env={"PATH": str(tools)}).returncode == 0
    exported = subprocess.run([sys.executable, "-m", "dateline.cli", "export", "export", "--db", str(db)],
                              cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert exported.returncode == 0, exported.stderr
    script = ("import duckdb, polars, pandas\n"
              f"pandas_frame = {frames.split('#')[0].strip()}\n"
              f"polars_frame = {frames.split('#')[0].strip().replace('.df()', '.pl()')}\n"
              f"file_frame = {parquet.split('#')[0].strip()}\n"
              "assert isinstance(pandas_frame, pandas.DataFrame) and isinstance(polars_frame, polars.DataFrame)\n"
              "print(len(pandas_frame), polars_frame.height, file_frame.height, str(file_frame.schema['event_month']))")
    done = subprocess.run([str(tools / "python"), "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(events)] * 3 + ["Date"]


def test_the_evidence_recipe_with_its_override_reads_the_warehouse(warehouse, tmp_path):
    if not shutil.which("npm") or not shutil.which("node"):
        pytest.skip("node and npm are not installed")
    folder, events = warehouse
    project = tmp_path / "evidence"
    source = project / "sources" / "dateline"
    source.mkdir(parents=True)
    shutil.copy(folder / "w.duckdb", project / "w.duckdb")
    lines = recipe(project / "w.duckdb", "Evidence", evidence_sources=source)
    (source / "connection.yaml").write_text("\n".join(line for line in lines if not line.startswith("#")) + "\n")
    override = json.loads("{" + lines[-1].split("package.json:")[1].split("(")[0].strip() + "}")
    (project / "package.json").write_text(json.dumps({"name": "check", "version": "1.0.0", "private": True,
                                                      "dependencies": {"@evidence-dev/duckdb": "2.0.1"}, **override}))
    done = subprocess.run(["npm", "install", "--no-audit", "--no-fund"], cwd=project, capture_output=True, text=True,
                          timeout=300)
    if done.returncode != 0:
        pytest.skip(f"the Evidence connector cannot be installed here: {done.stderr.strip().splitlines()[-1:]}")
    (source / "events.sql").write_text("SELECT d.month, count(*) AS events FROM fact_events f "
                                       "JOIN dim_date d ON d.date = f.event_date GROUP BY 1 ORDER BY 1")
    (project / "run.cjs").write_text(EVIDENCE_RUNNER)
    run = subprocess.run(["node", "run.cjs", str(source)], cwd=project, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout)
    assert seen["ok"] is True
    assert sum(row["events"] for row in seen["rows"]) == events  # every sample event has a date
    assert dict(seen["columns"]) == {"month": "date", "events": "number"}
