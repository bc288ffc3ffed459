package ai.use.jobs.images;

import java.io.Serializable;

/**
 * An image file as listed through Hadoop's FileSystem.
 *
 * @param uri qualified URI, in the form Spark's binaryFile source reports it
 * @param relativePath path under the listing root (matches COCO {@code file_name})
 * @param length size in bytes
 * @param modificationTime modification time in epoch milliseconds
 */
public record ListedImage(String uri, String relativePath, long length, long modificationTime)
    implements Serializable {}
