package ai.use.common.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;

/**
 * Collects a reader's warnings. ImageIO's JPEG reader does not fail on a truncated file: it warns
 * ("Truncated File - Missing EOI marker") and returns an image whose missing part is grey. Such
 * warnings are told apart here so that the decoder can fail the image instead.
 */
final class ReadWarnings implements IIOReadWarningListener {
  private final List<String> all = new ArrayList<>();

  @Override
  public void warningOccurred(ImageReader source, String warning) {
    all.add(warning == null ? "(no message)" : warning);
  }

  /** The first warning that says the data ended early, or {@code null}. */
  String truncation() {
    return all.stream().filter(ReadWarnings::saysTruncated).findFirst().orElse(null);
  }

  /** The warnings that do not say the data ended early. */
  List<String> others() {
    return all.stream().filter(w -> !saysTruncated(w)).toList();
  }

  /** Whether a reader's message (warning or exception) says that the data ended early. */
  static boolean saysTruncated(String message) {
    if (message == null) {
      return false;
    }
    String m = message.toLowerCase(Locale.ROOT);
    return m.contains("truncat")
        || m.contains("premature end")
        || m.contains("missing eoi")
        || m.contains("unexpected end")
        || m.contains("end of file");
  }
}
