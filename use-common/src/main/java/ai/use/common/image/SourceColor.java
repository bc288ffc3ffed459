package ai.use.common.image;

/**
 * The colour type of the encoded source image, before {@link ImageDecoder} converted it to 8-bit
 * BGR. Alpha is recorded separately ({@link DecodedImage#sourceHasAlpha()}).
 */
public enum SourceColor {
  /** One grey channel (JPEG with one component, PNG colour types 0 and 4). */
  GRAY,
  /** Three colour channels: RGB, or YCbCr in a JPEG (PNG colour types 2 and 6). */
  RGB,
  /** Palette indices (PNG colour type 3, GIF, 8-bit BMP). */
  INDEXED,
  /** Four-channel JPEG stored as CMYK (Adobe transform 0 or no Adobe segment). */
  CMYK,
  /** Four-channel JPEG stored as YCCK (Adobe transform 2). */
  YCCK,
  /** Anything else a reader may deliver (e.g. a TIFF in CIELab). */
  OTHER
}
