/*
 * Preloaded into the JVM on AMD CPUs by bin/jvm-flags.sh (see native/mkl-amd/README.md).
 *
 * libtorch's CPU build (DJL's PyTorch engine) links Intel oneMKL statically and exports MKL's
 * CPU-vendor probe. On a non-Intel CPU that probe answers 0 and MKL's SGEMM dispatches a generic
 * code path instead of the AVX2/AVX-512 kernels the CPU supports. Answering 1 makes MKL choose its
 * kernels from the instruction sets the CPU reports (CPUID), as on Intel.
 */
int mkl_serv_intel_cpu_true(void) { return 1; }

int mkl_serv_intel_cpu(void) { return 1; }
