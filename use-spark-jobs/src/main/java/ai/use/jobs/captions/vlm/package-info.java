/**
 * The {@code vlm} caption source: captions from a vision-language model behind an OpenAI-compatible
 * chat-completions endpoint (vLLM and similar servers), with per-executor bounded concurrency,
 * timeouts, retries with backoff, a secret API key and a response cache on a Hadoop file system.
 * See {@code docs/vlm-captions.md}.
 */
package ai.use.jobs.captions.vlm;
