#!/usr/bin/env bash
# Nightly labeling run: one `bin/use label` per night, never two at once.
#
#   conf/nightly/use-label-nightly.sh            (from cron or the systemd timer beside this file)
#
# Settings (environment; the defaults suit the embedded toy setup):
#   USE_HOME        the checkout or install with bin/use          (default: two levels up)
#   USE_IMAGES      images root, file:// or s3a://                 (required)
#   USE_OUT         output root of the tables                      (required)
#   USE_VOCAB       vocabulary file                                 (optional: no labels without it)
#   USE_EMBEDDER    label options choosing the embedder             (default: --embedder clip-dense;
#                   e.g. "--head s3a://bucket/heads/head-3f2a")
#   USE_SPARK_ARGS  spark-submit options, e.g. "--master spark://host:7077 --properties-file p.conf"
#   USE_RUN_DATE    the night to label                              (default: today, UTC)
#   USE_LOCK        lock file                                       (default: /tmp/use-label.lock)
#   USE_LOG_DIR     local folder of the logs                        (default: /tmp); one log per
#                   night, USE_LOG_DIR/use-label-RUN_DATE.log (a rerun of the night replaces it)
#
# Exit codes (what a scheduler or a pager should see):
#   0  the night succeeded
#   1  the job ran but its error rate exceeded spark.use.maxErrorRate (status "failed" in
#      OUT/label.run-summary.json; the tables are written and the next night retries the failed
#      images): page someone
#   2  bad options, config or inputs, including a missing USE_IMAGES / USE_OUT or a lock file that
#      cannot be opened (one line on stderr)
#   75 another run holds the lock (EX_TEMPFAIL): this night was not started; no page needed if the
#      running one finishes
set -euo pipefail

USE_HOME="${USE_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
# A missing setting is a bad input (2), never 1, which means "error rate too high: page".
if [[ -z "${USE_IMAGES:-}" ]]; then
  echo "use-label-nightly: set USE_IMAGES to the images root" >&2
  exit 2
fi
if [[ -z "${USE_OUT:-}" ]]; then
  echo "use-label-nightly: set USE_OUT to the output root" >&2
  exit 2
fi
USE_EMBEDDER="${USE_EMBEDDER:---embedder clip-dense}"
USE_RUN_DATE="${USE_RUN_DATE:-$(date -u +%F)}"
USE_LOCK="${USE_LOCK:-/tmp/use-label.lock}"
USE_LOG_DIR="${USE_LOG_DIR:-/tmp}"

# The lock is held by this shell's fd 9 for the whole run (and released when the process exits,
# however it exits): a second run started while the first is still going exits at once with 75.
if ! { exec 9>"$USE_LOCK"; } 2>/dev/null; then
  echo "use-label-nightly: cannot open the lock file $USE_LOCK" >&2
  exit 2
fi
if ! flock --nonblock 9; then
  echo "use-label-nightly: another run holds $USE_LOCK; not starting run_date $USE_RUN_DATE" >&2
  exit 75
fi

mkdir -p "$USE_LOG_DIR"
LOG="$USE_LOG_DIR/use-label-$USE_RUN_DATE.log"
args=(label --images "$USE_IMAGES" --out "$USE_OUT" --run-date "$USE_RUN_DATE")
if [[ -n "${USE_VOCAB:-}" ]]; then
  args+=(--vocab "$USE_VOCAB")
fi
# shellcheck disable=SC2206  # word splitting of the option strings is intended
args+=($USE_EMBEDDER)
# shellcheck disable=SC2206
spark_args=(${USE_SPARK_ARGS:-})

set +e
USE_SKIP_BUILD="${USE_SKIP_BUILD:-1}" "$USE_HOME/bin/use" "${spark_args[@]}" "${args[@]}" >"$LOG" 2>&1
rc=$?
set -e
case "$rc" in
  0) echo "use-label-nightly: run_date $USE_RUN_DATE succeeded (log $LOG)" ;;
  1) echo "use-label-nightly: run_date $USE_RUN_DATE FAILED: error rate above spark.use.maxErrorRate; see $USE_OUT/label.run-summary.json and $LOG" >&2 ;;
  *) echo "use-label-nightly: run_date $USE_RUN_DATE did not run (exit $rc); see $LOG" >&2 ;;
esac
exit "$rc"
