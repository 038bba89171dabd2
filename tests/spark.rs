//! The PySpark job (`scripts/spark/dateline_extract.py`) in `local[2]` against this build's
//! `dateline`: output equal to the binary run directly, a bad record one error line, a crashing
//! extractor a failed job (`scripts/spark/test_spark.py` holds the cases).
//!
//! It needs Java and pyspark: a Python from `DATELINE_SPARK_PYTHON`, else the project's
//! `.venv-spark` (which `.ci/run` makes). Without them it says so and does not run, unless
//! `DATELINE_REQUIRE_SPARK` is set (CI sets it), when their absence is a failure.
// Test helpers fail loudly on a broken assumption, like the tests themselves.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// A Python that can import pyspark, with Java beside it; else why not.
fn spark_python() -> Result<PathBuf, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let python = std::env::var_os("DATELINE_SPARK_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join(".venv-spark/bin/python"));
    let imports = Command::new(&python)
        .args(["-c", "import pyspark"])
        .output()
        .map_err(|e| format!("{} cannot run: {e}", python.display()))?;
    if !imports.status.success() {
        return Err(format!("{} has no pyspark", python.display()));
    }
    let java = Command::new("java").arg("-version").output();
    if !java.is_ok_and(|o| o.status.success()) {
        return Err("no java on PATH".into());
    }
    Ok(python)
}

#[test]
fn the_spark_job_gives_what_dateline_gives() {
    let python = match spark_python() {
        Ok(python) => python,
        Err(why) if std::env::var_os("DATELINE_REQUIRE_SPARK").is_none() => {
            eprintln!("The Spark test did not run: {why} (see scripts/spark/requirements.txt).");
            return;
        }
        Err(why) => panic!("DATELINE_REQUIRE_SPARK is set, but {why}"),
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(python)
        .arg("-W")
        .arg("ignore")
        .arg(root.join("scripts/spark/test_spark.py"))
        .arg(env!("CARGO_BIN_EXE_dateline"))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("Ran 4 tests"), "{said}");
}
