/** The embedded default ({@code bin/use demo}): every job on the toy world on one machine. */
package ai.use.jobs.demo;
