"""The results file as Python users see it: h5py and xarray (h5netcdf) open it with named
dimensions, and one run's values agree with `rampart trace` for the same run.

Usage: python3 test_output.py PATH/TO/rampart   (exit status 0 only if every check passed)
"""
import csv
import io
import os
import subprocess
import sys
import tempfile

try:
    import h5py
    import numpy as np
    import xarray as xr
except ImportError:
    # The Debian packages (python3-h5py, -xarray, -h5netcdf) live in the system interpreter; a
    # python3 earlier on PATH (pyenv, venv) may lack them.
    if sys.executable != "/usr/bin/python3" and os.path.exists("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    raise

RUNS = 64
RUN = 3
COUNTRY = "DEU"

passed = 0
failed = 0


def check(condition, what):
    global passed, failed
    if condition:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)


def close(a, b, rel=1e-6, abs_tol=1e-9):
    return abs(a - b) <= rel * max(abs(a), abs(b)) + abs_tol


def main():
    rampart = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "results.h5")
        run = subprocess.run([rampart, "run", "baseline", "--runs", str(RUNS), "-o", out,
                              "--quiet"], capture_output=True, text=True)
        check(run.returncode == 0, "rampart run exit status: " + run.stderr)
        if run.returncode != 0:
            return

        with h5py.File(out, "r") as f:
            check(f.attrs["filetype"] == "rampart-results", "filetype attribute")
            check(f.attrs["format_version"].split(".")[0] == "1", "format major version")
            check(f.attrs["status"] == "complete", "status attribute")
            check(int(f.attrs["runs"]) == RUNS, "runs attribute")
            horizon = int(f.attrs["horizon"])
            years = horizon - 2024 + 1
            check(list(f["year"][:]) == list(range(2024, horizon + 1)), "year scale")
            countries = [c.decode() if isinstance(c, bytes) else c for c in f["country"][:]]
            check(len(countries) == 36 and COUNTRY in countries, "country scale")
            gdp = f["state/gdp"]
            check(gdp.shape == (1, RUNS, years, 36), "state/gdp shape %s" % (gdp.shape,))
            check(gdp.compression == "gzip" and gdp.shuffle, "state/gdp compression")
            check(all(len(d) == 1 for d in gdp.dims), "state/gdp has a scale on every axis")
            check("units" in gdp.attrs and "long_name" in gdp.attrs, "state/gdp units, long_name")
            check(f["parameters"].shape[:2] == (1, RUNS), "parameters shape")
            check(len(f["scenario_toml"][0]) > 100, "scenario_toml stored")
            # The calibration data, byte for byte as in the library the run read.
            stored = dict(zip(f["calibration_file"].asstr()[()],
                              f["calibration_text"].asstr()[()]))
            library = os.environ.get("RAMPART_DATA_DIR", "")
            check("data/countries_2024.csv" in stored, "calibration data stored")
            if library and "data/countries_2024.csv" in stored:
                with open(os.path.join(library, "data", "countries_2024.csv"), newline="",
                          encoding="utf-8") as countries_file:
                    check(stored["data/countries_2024.csv"] == countries_file.read(),
                          "calibration_text equals the library's countries_2024.csv")
            events = f["events"][:]
            check(set(events.dtype.names) == {"scenario", "run", "year", "kind", "country",
                                              "value"}, "events fields")
            check(np.all(np.diff(events["run"]) >= 0), "events in run order")

        root = xr.open_dataset(out, engine="h5netcdf")
        check(dict(root.sizes).get("run") == RUNS and dict(root.sizes).get("year") == years,
              "root group dims %s" % dict(root.sizes))
        check(root["parameters"].dims == ("scenario", "run", "parameter"), "parameters dims")
        state = xr.open_dataset(out, engine="h5netcdf", group="state")
        check(state["spending_share"].dims == ("scenario", "run", "year", "country"),
              "state dims %s" % (state["spending_share"].dims,))
        check(state["spending_share"].shape == (1, RUNS, years, 36), "state sizes")
        world = xr.open_dataset(out, engine="h5netcdf", group="world")
        check(world["threat"].dims == ("scenario", "run", "year"), "world dims")
        summary = xr.open_dataset(out, engine="h5netcdf", group="summary")
        check(summary["threat_end"].dims == ("scenario", "run"), "summary dims")

        # One run against `rampart trace` (which prints doubles; the file holds float32).
        trace = subprocess.run([rampart, "trace", "baseline", "--country", COUNTRY, "--run",
                                str(RUN), "--format", "csv"], capture_output=True, text=True)
        check(trace.returncode == 0, "rampart trace exit status: " + trace.stderr)
        if trace.returncode != 0:
            return
        rows = list(csv.DictReader(io.StringIO(trace.stdout)))
        check(len(rows) == years, "trace has one row a year")
        c = countries.index(COUNTRY)
        state_columns = {  # trace column: (dataset, scale)
            "spending_share_pct": ("spending_share", 100.0),
            "spending_usd_bn": ("spending", 1.0),
            "capability": ("capability", 1.0),
            "aid_share_pct": ("aid_share", 100.0),
            "commitment": ("commitment", 1.0),
            "security_weight": ("security_weight", 1.0),
            "perceived_threat": ("perceived_threat", 1.0),
            "deterrence_ratio": ("deterrence_ratio", 1.0),
        }
        world_columns = {"russia_capability": "russia_capability", "threat": "threat",
                         "us_presence": "us_presence"}
        compared = 0
        for y, row in enumerate(rows):
            check(int(row["year"]) == 2024 + y, "trace year %s" % row["year"])
            for column, (name, scale) in state_columns.items():
                stored = float(state[name].values[0, RUN, y, c]) * scale
                check(close(stored, float(row[column])),
                      "%s %s: file %.9g, trace %s" % (column, row["year"], stored, row[column]))
                compared += 1
            for column, name in world_columns.items():
                stored = float(world[name].values[0, RUN, y])
                check(close(stored, float(row[column])),
                      "%s %s: file %.9g, trace %s" % (column, row["year"], stored, row[column]))
                compared += 1
        check(compared == years * (len(state_columns) + len(world_columns)), "values compared")

        # --compression none: no filters, and h5py and xarray read the same values.
        plain = os.path.join(tmp, "plain.h5")
        run = subprocess.run([rampart, "run", "baseline", "--runs", str(RUNS), "-o", plain,
                              "--compression", "none", "--quiet"], capture_output=True, text=True)
        check(run.returncode == 0, "rampart run --compression none exit status: " + run.stderr)
        if run.returncode != 0:
            return
        with h5py.File(plain, "r") as f, h5py.File(out, "r") as g:
            check(f.attrs["compression"] == "none" and g.attrs["compression"] == "deflate",
                  "compression attributes")
            check(f["state/gdp"].compression is None and not f["state/gdp"].shuffle,
                  "state/gdp has no filters")
            for name in ("state/gdp", "state/spending_share", "world/threat",
                         "world/crisis_target", "summary/threat_end", "parameters"):
                check(np.array_equal(f[name][()], g[name][()]), name + " equal in both files")
        plain_state = xr.open_dataset(plain, engine="h5netcdf", group="state")
        check(bool((plain_state["spending_share"] == state["spending_share"]).all()),
              "xarray reads the same spending_share from the uncompressed file")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    main()
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(0 if failed == 0 and passed > 0 else 1)
