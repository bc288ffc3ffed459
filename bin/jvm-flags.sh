# Sourced by bin/use and bin/bench: the JVM flags Spark needs on Java 17, and DJL offline and
# thread flags (shared/PLATFORM.md). USE_TORCH_THREADS sets libtorch's intra-op threads (default 1).
SPARK_JVM_FLAGS=(-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false
  -Dio.netty.tryReflectionSetAccessible=true)
DJL_FLAGS="-Dai.djl.offline=true -DOPT_OUT_TRACKING=true -Dai.djl.pytorch.num_threads=${USE_TORCH_THREADS:-1} -Dai.djl.pytorch.num_interop_threads=1"
export DJL_OFFLINE=true OPT_OUT_TRACKING=true

# MKL on AMD (native/mkl-amd/README.md): libtorch's static MKL takes a slow SGEMM path on AMD CPUs
# unless its vendor probe answers "Intel". Build the two-function shim once and preload it.
use_mkl_amd_preload() {
  [[ "${USE_MKL_AMD:-1}" == 0 ]] && return 0
  grep -q -m1 'AuthenticAMD' /proc/cpuinfo 2>/dev/null || return 0
  local root src lib
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  src="$root/native/mkl-amd/use_mkl_amd.c"
  lib="$root/target/native/libuse_mkl_amd.so"
  if [[ ! -f "$lib" || "$src" -nt "$lib" ]]; then
    local cc
    cc="$(command -v cc || command -v gcc || true)"
    if [[ -z "$cc" ]]; then
      echo "note: AMD CPU and no C compiler: libtorch's MKL runs its slower generic SGEMM path" \
        "(install gcc, see native/mkl-amd/README.md)" >&2
      return 0
    fi
    mkdir -p "$(dirname "$lib")"
    "$cc" -shared -fPIC -O2 -o "$lib.tmp.$$" "$src" && mv -f "$lib.tmp.$$" "$lib" || return 0
  fi
  case ":${LD_PRELOAD:-}:" in
    *":$lib:"*) ;;
    *) export LD_PRELOAD="$lib${LD_PRELOAD:+:$LD_PRELOAD}" ;;
  esac
}
use_mkl_amd_preload
