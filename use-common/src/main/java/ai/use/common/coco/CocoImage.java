package ai.use.common.coco;

import java.io.Serializable;

/**
 * An entry of a COCO file's {@code images} list.
 *
 * @param id image id in the file
 * @param fileName path of the image relative to the images root
 * @param width declared width in pixels (0 when absent)
 * @param height declared height in pixels (0 when absent)
 */
public record CocoImage(long id, String fileName, int width, int height) implements Serializable {}
