package ai.use.jobs.captions.vlm;

import java.io.Serializable;

/**
 * One image to caption: its stable id and URI (they go into the result and any {@code errors} row)
 * and its encoded file bytes (PNG, JPEG, GIF, WebP or BMP), sent to the model as they are.
 *
 * @param imageId stable image id
 * @param uri where the image was read from
 * @param content the encoded image file
 */
public record ImageBytes(String imageId, String uri, byte[] content) implements Serializable {
  @Override
  public String toString() {
    return "ImageBytes[" + imageId + ", " + uri + ", " + content.length + " bytes]";
  }
}
