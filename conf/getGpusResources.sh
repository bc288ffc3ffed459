#!/usr/bin/env bash
# Spark GPU discovery script: prints the executor's GPUs as CUDA ordinals, in the JSON Spark expects:
#   {"name": "gpu", "addresses": ["0", "1"]}
# Honors CUDA_VISIBLE_DEVICES (as ordinals within the visible set) when a resource manager sets it.
set -euo pipefail
if [[ -n "${CUDA_VISIBLE_DEVICES:-}" ]]; then
  n=$(tr ',' '\n' <<<"$CUDA_VISIBLE_DEVICES" | grep -c .)
  addresses=$(seq -s '","' 0 $((n - 1)))
else
  command -v nvidia-smi >/dev/null || { echo '{"name": "gpu", "addresses": []}'; exit 0; }
  addresses=$(nvidia-smi --query-gpu=index --format=csv,noheader | paste -sd, - | sed 's/,/","/g')
fi
if [[ -z "$addresses" ]]; then
  echo '{"name": "gpu", "addresses": []}'
else
  echo "{\"name\": \"gpu\", \"addresses\": [\"$addresses\"]}"
fi
