/** Finding and reading image files of a corpus on any Hadoop filesystem. */
package ai.use.jobs.images;
