package ai.use.common.image;

import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;

/**
 * Picks the {@link ImageReader} for an input. JPEGs always go to the TwelveMonkeys reader (the
 * JDK's fails on CMYK and YCCK), registered here if the ImageIO registry was built without it (as
 * can happen when the registry was first used from a class loader that does not see the jar).
 */
final class ImageReaders {
  private ImageReaders() {}

  /** A new TwelveMonkeys JPEG reader; the caller disposes it. */
  static ImageReader jpeg() throws IOException {
    return JpegHolder.SPI.createReaderInstance();
  }

  /** A new reader for whatever {@code in} holds, or {@code null}; the caller disposes it. */
  static ImageReader find(ImageInputStream in) {
    Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
    return readers.hasNext() ? readers.next() : null;
  }

  /** The format names of the installed readers, upper case, sorted, one per reader. */
  static String readableFormats() {
    Iterator<ImageReaderSpi> spis =
        IIORegistry.getDefaultInstance().getServiceProviders(ImageReaderSpi.class, true);
    TreeSet<String> names = new TreeSet<>();
    spis.forEachRemaining(spi -> names.add(spi.getFormatNames()[0].toUpperCase(Locale.ROOT)));
    return names.stream().collect(Collectors.joining(", "));
  }

  /**
   * The upper-case format name of {@code reader}'s provider, e.g. {@code "JPEG"}, {@code "PNG"}.
   */
  static String formatName(ImageReader reader) throws IOException {
    ImageReaderSpi spi = reader.getOriginatingProvider();
    String name = spi == null ? reader.getFormatName() : spi.getFormatNames()[0];
    return name.toUpperCase(Locale.ROOT);
  }

  private static final class JpegHolder {
    static final ImageReaderSpi SPI = twelveMonkeysJpeg();

    private static ImageReaderSpi twelveMonkeysJpeg() {
      IIORegistry registry = IIORegistry.getDefaultInstance();
      JPEGImageReaderSpi spi = registry.getServiceProviderByClass(JPEGImageReaderSpi.class);
      if (spi == null) {
        spi = new JPEGImageReaderSpi();
        registry.registerServiceProvider(spi, ImageReaderSpi.class);
        if (!registry.contains(spi)) {
          throw new IllegalStateException(
              "the TwelveMonkeys JPEG reader did not register (it needs the JDK JPEG reader as its"
                  + " delegate); installed readers: "
                  + Arrays.toString(ImageIO.getReaderFormatNames()));
        }
      }
      return spi;
    }
  }
}
