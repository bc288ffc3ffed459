package ai.use.common.image;

import static java.util.Objects.requireNonNull;

import ai.use.common.image.ImageDecodeException.Reason;
import java.awt.image.BufferedImage;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes encoded image bytes (JPEG, PNG and whatever else ImageIO reads) into a {@link
 * DecodedImage}: compact 8-bit BGR, {@code [H, W, 3]}, with the EXIF orientation applied or not as
 * asked.
 *
 * <p>Order of checks, each failing with an {@link ImageDecodeException} whose message names the
 * source: empty input; more bytes than {@link ImageLimits#maxBytes()}; no reader for the bytes; the
 * size declared in the header (read before any pixel is decoded) above {@link
 * ImageLimits#maxPixels()}; data that ends early (including the JPEG reader's "missing EOI"
 * warning, which ImageIO itself lets pass with a half-grey image); any other reader failure.
 *
 * <p>Conversion, like PIL's {@code Image.convert("RGB")}: grey is replicated into three channels,
 * palettes are looked up, 16-bit samples are scaled to 8 bits ({@code round(v * 255 / 65535)}), and
 * alpha is dropped without compositing onto any background: a fully transparent pixel keeps the
 * colour stored in the file. CMYK and YCCK JPEGs are converted to RGB by the TwelveMonkeys reader:
 * with the embedded ICC profile when there is one, otherwise with the naive formula {@code R = (255
 * - C)(255 - K) / 255} that PIL also uses (TwelveMonkeys then adds a warning to {@link
 * DecodedImage#warnings()}). EXIF orientation is read from JPEGs only. Of a file with several
 * images (animated GIF, multi-page TIFF) the first is decoded.
 *
 * <p>Thread-safe: every call uses its own reader and stream, disposed and closed before it returns.
 */
public final class ImageDecoder {
  private static final Logger LOG = LoggerFactory.getLogger(ImageDecoder.class);

  private final ImageLimits limits;

  /** A decoder that enforces {@code limits}. */
  public ImageDecoder(ImageLimits limits) {
    this.limits = requireNonNull(limits, "limits");
  }

  /** The limits this decoder enforces. */
  public ImageLimits limits() {
    return limits;
  }

  /**
   * Decodes one image.
   *
   * @param bytes the encoded image (not modified, not retained)
   * @param source the URI of the image, used in messages
   * @param policy whether to apply the EXIF orientation
   * @return the image as compact BGR, with what was learned about the source
   * @throws ImageDecodeException when the image is empty, over a limit, in an unknown format,
   *     truncated or corrupt
   */
  public DecodedImage decode(byte[] bytes, String source, ExifPolicy policy) {
    requireNonNull(source, "source");
    requireNonNull(policy, "policy");
    checkEncodedSize(bytes, source);
    List<String> warnings = new ArrayList<>();
    JpegHeader jpeg = JpegHeader.isJpeg(bytes) ? JpegHeader.scan(bytes) : null;
    Raw raw = readFirstImage(bytes, jpeg, source, warnings);
    SourceInfo info = sourceInfo(bytes, jpeg, raw.image());
    BufferedImage bgr = BgrConverter.toBgr(raw.image());
    int orientation = jpeg != null ? jpeg.orientation(bytes, warnings) : 1;
    boolean apply = policy == ExifPolicy.APPLY && orientation != 1;
    if (apply) {
      bgr = ExifOrientation.apply(bgr, orientation);
    }
    if (!warnings.isEmpty()) {
      LOG.debug("Image {} decoded with warnings: {}", source, warnings);
    }
    return new DecodedImage(
        bgr,
        bgr.getWidth(),
        bgr.getHeight(),
        raw.format(),
        orientation,
        policy,
        apply,
        info.hasAlpha(),
        info.bitDepth(),
        info.color(),
        warnings);
  }

  /** What a reader delivered, before conversion, and the format name of that reader. */
  private record Raw(BufferedImage image, String format) {}

  private void checkEncodedSize(byte[] bytes, String source) {
    if (bytes == null || bytes.length == 0) {
      throw new ImageDecodeException(
          Reason.EMPTY,
          source,
          "Image " + source + " is empty (0 bytes); replace it with a valid image or remove it",
          null);
    }
    if (bytes.length > limits.maxBytes()) {
      throw new ImageDecodeException(
          Reason.TOO_LARGE_BYTES,
          source,
          String.format(
              "Image %s has %d bytes, more than %s = %d; raise the limit or re-encode the image"
                  + " smaller",
              source, bytes.length, ImageLimits.MAX_BYTES_KEY, limits.maxBytes()),
          null);
    }
  }

  private Raw readFirstImage(byte[] bytes, JpegHeader jpeg, String source, List<String> warnings) {
    try (ImageInputStream in = new BytesImageInputStream(bytes)) {
      ImageReader reader = jpeg != null ? ImageReaders.jpeg() : ImageReaders.find(in);
      if (reader == null) {
        throw unsupported(bytes, source);
      }
      try {
        String format = ImageReaders.formatName(reader);
        BufferedImage image =
            read(reader, in, bytes.length, source, format, () -> endsEarly(bytes, jpeg), warnings);
        return new Raw(image, format);
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw new ImageDecodeException(
          Reason.CORRUPT,
          source,
          "Image " + source + " could not be opened: " + e + "; remove it from the input",
          e);
    }
  }

  private BufferedImage read(
      ImageReader reader,
      ImageInputStream in,
      int byteCount,
      String source,
      String format,
      Supplier<String> structuralTruncation,
      List<String> warnings) {
    ReadWarnings readWarnings = new ReadWarnings();
    reader.addIIOReadWarningListener(readWarnings);
    try {
      reader.setInput(in, true, false);
      checkSize(reader.getWidth(0), reader.getHeight(0), source, format);
      BufferedImage image = reader.read(0);
      String truncation = readWarnings.truncation();
      if (truncation != null) {
        throw new ImageDecodeException(
            Reason.TRUNCATED,
            source,
            truncatedMessage(source, byteCount, format, truncation),
            null);
      }
      warnings.addAll(readWarnings.others());
      return image;
    } catch (ImageDecodeException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      String detail = readWarnings.truncation() != null ? readWarnings.truncation() : describe(e);
      String endsEarly = structuralTruncation.get();
      if (readWarnings.truncation() != null || isTruncation(e) || endsEarly != null) {
        if (endsEarly != null) {
          detail += "; " + endsEarly;
        }
        throw new ImageDecodeException(
            Reason.TRUNCATED, source, truncatedMessage(source, byteCount, format, detail), e);
      }
      throw new ImageDecodeException(
          Reason.CORRUPT,
          source,
          String.format(
              "Image %s (%d bytes) is a corrupt %s: %s; re-export the file or remove it from the"
                  + " input",
              source, byteCount, format, describe(e)),
          e);
    }
  }

  private void checkSize(int width, int height, String source, String format) {
    if (width <= 0 || height <= 0) {
      throw new ImageDecodeException(
          Reason.CORRUPT,
          source,
          String.format(
              "Image %s is a corrupt %s: its header declares a size of %dx%d; re-export the file"
                  + " or remove it from the input",
              source, format, width, height),
          null);
    }
    long pixels = (long) width * height;
    if (pixels > limits.maxPixels()) {
      throw new ImageDecodeException(
          Reason.TOO_MANY_PIXELS,
          source,
          String.format(
              "Image %s has %dx%d = %d pixels, more than %s = %d; raise the limit or downscale the"
                  + " image",
              source, width, height, pixels, ImageLimits.MAX_PIXELS_KEY, limits.maxPixels()),
          null);
    }
  }

  private static SourceInfo sourceInfo(byte[] bytes, JpegHeader jpeg, BufferedImage raw) {
    if (jpeg != null) {
      return SourceInfo.of(jpeg);
    }
    PngHeader png = PngHeader.isPng(bytes) ? PngHeader.scan(bytes) : null;
    return png != null ? SourceInfo.of(png) : SourceInfo.of(raw.getColorModel());
  }

  private static ImageDecodeException unsupported(byte[] bytes, String source) {
    StringBuilder head = new StringBuilder();
    for (int i = 0; i < Math.min(8, bytes.length); i++) {
      head.append(i == 0 ? "" : " ").append(String.format("%02x", bytes[i] & 0xFF));
    }
    return new ImageDecodeException(
        Reason.UNSUPPORTED_FORMAT,
        source,
        String.format(
            "Image %s (%d bytes) is not in a format any installed reader recognizes (first bytes"
                + " %s); readable formats: %s; convert it to JPEG or PNG or remove it from the"
                + " input",
            source, bytes.length, head, ImageReaders.readableFormats()),
        null);
  }

  private static String truncatedMessage(
      String source, int byteCount, String format, String detail) {
    return String.format(
        "Image %s (%d bytes) is a truncated %s: the data ends before the image does (%s);"
            + " download or export the file again, or remove it from the input",
        source, byteCount, format, detail);
  }

  /**
   * What the file structure says about an early end (JPEG header segments, PNG chunks), or {@code
   * null} when it does not show one.
   */
  private static String endsEarly(byte[] bytes, JpegHeader jpeg) {
    if (jpeg != null && jpeg.endedEarly()) {
      return "the data ends inside the JPEG header, before the first scan";
    }
    if (jpeg == null && PngHeader.isPng(bytes) && PngHeader.endsEarly(bytes)) {
      return "the data ends inside a PNG chunk, before the IEND chunk";
    }
    return null;
  }

  private static boolean isTruncation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof EOFException || ReadWarnings.saysTruncated(t.getMessage())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The reader's message with its causes, e.g. "Error reading PNG image data <- Unexpected end".
   */
  private static String describe(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = t.getMessage();
      String part = message == null ? t.getClass().getSimpleName() : message;
      if (!text.toString().contains(part)) {
        text.append(text.length() == 0 ? "" : " <- ").append(part);
      }
    }
    return text.toString();
  }
}
