package ai.use.common.image;

import com.twelvemonkeys.imageio.metadata.CompoundDirectory;
import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the marker segments of a JPEG say before the first scan: sample precision and component
 * count (SOF), the Adobe APP14 colour transform, and where the EXIF APP1 payload is. A scan that
 * meets malformed data stops and keeps what it found; the image reader reports the damage.
 *
 * @param precision bits per sample from the SOF segment (8 or 12), 8 when no SOF was found
 * @param components number of components from the SOF segment, -1 when no SOF was found
 * @param adobeTransform the Adobe APP14 transform (0 = none, 1 = YCbCr, 2 = YCCK), -1 when absent
 * @param exifOffset offset of the TIFF header inside the EXIF APP1 segment, -1 when absent
 * @param exifLength length of the EXIF payload from {@code exifOffset}
 * @param endedEarly whether the data ended before the start of the first scan (inside or right
 *     after a header segment): the file is truncated
 */
record JpegHeader(
    int precision,
    int components,
    int adobeTransform,
    int exifOffset,
    int exifLength,
    boolean endedEarly) {

  private static final byte[] ADOBE = "Adobe".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EXIF = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);

  /** Whether {@code bytes} start like a JPEG (SOI followed by a marker). */
  static boolean isJpeg(byte[] bytes) {
    return bytes.length >= 3
        && (bytes[0] & 0xFF) == 0xFF
        && (bytes[1] & 0xFF) == 0xD8
        && (bytes[2] & 0xFF) == 0xFF;
  }

  /** Scans the segments of a JPEG that starts with SOI ({@link #isJpeg}). */
  static JpegHeader scan(byte[] b) {
    int precision = 8;
    int components = -1;
    int adobeTransform = -1;
    int exifOffset = -1;
    int exifLength = 0;
    boolean endedEarly = false;
    int pos = 2;
    while (true) {
      if (pos + 4 > b.length) {
        endedEarly = true;
        break;
      }
      if ((b[pos] & 0xFF) != 0xFF) { // not a marker: corrupt, the reader will say
        break;
      }
      int marker = b[pos + 1] & 0xFF;
      if (marker == 0xFF) { // fill byte
        pos++;
        continue;
      }
      if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
        pos += 2; // markers without a length
        continue;
      }
      if (marker == 0xDA || marker == 0xD9) { // start of scan, end of image
        break;
      }
      int payload = pos + 4;
      int payloadLength = ((b[pos + 2] & 0xFF) << 8 | (b[pos + 3] & 0xFF)) - 2;
      if (payloadLength < 0) {
        break;
      }
      if (payload + payloadLength > b.length) {
        endedEarly = true;
        break;
      }
      if (isStartOfFrame(marker) && payloadLength >= 6) {
        precision = b[payload] & 0xFF;
        components = b[payload + 5] & 0xFF;
      } else if (marker == 0xEE && payloadLength >= 12 && startsWith(b, payload, ADOBE)) {
        adobeTransform = b[payload + 11] & 0xFF;
      } else if (marker == 0xE1
          && exifOffset < 0
          && payloadLength > EXIF.length
          && startsWith(b, payload, EXIF)) {
        exifOffset = payload + EXIF.length;
        exifLength = payloadLength - EXIF.length;
      }
      pos = payload + payloadLength;
    }
    return new JpegHeader(
        precision, components, adobeTransform, exifOffset, exifLength, endedEarly);
  }

  /** The source colour type the SOF component count and the Adobe transform give. */
  SourceColor sourceColor() {
    return switch (components) {
      case 1 -> SourceColor.GRAY;
      case 3 -> SourceColor.RGB;
      case 4 -> adobeTransform == 2 ? SourceColor.YCCK : SourceColor.CMYK;
      default -> SourceColor.OTHER;
    };
  }

  /**
   * The EXIF orientation (1..8) of IFD0; 1 when there is no EXIF segment or no orientation tag. An
   * unreadable EXIF segment or an out-of-range value also gives 1, with a line added to {@code
   * warnings}.
   */
  int orientation(byte[] b, List<String> warnings) {
    if (exifOffset < 0) {
      return 1;
    }
    Object value;
    try (BytesImageInputStream in = new BytesImageInputStream(b, exifOffset, exifLength)) {
      Directory exif = new TIFFReader().read(in);
      if (exif instanceof CompoundDirectory compound && compound.directoryCount() > 0) {
        exif = compound.getDirectory(0);
      }
      Entry entry = exif.getEntryById(TIFF.TAG_ORIENTATION);
      value = entry == null ? null : entry.getValue();
    } catch (IOException | RuntimeException e) {
      warnings.add("unreadable EXIF segment ignored, orientation taken as 1: " + e);
      return 1;
    }
    if (value == null) {
      return 1;
    }
    if (value instanceof Number number && number.intValue() >= 1 && number.intValue() <= 8) {
      return number.intValue();
    }
    warnings.add("EXIF orientation " + value + " is not 1..8, taken as 1");
    return 1;
  }

  private static boolean isStartOfFrame(int marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
  }

  private static boolean startsWith(byte[] b, int offset, byte[] prefix) {
    if (offset + prefix.length > b.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[offset + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
