package org.govledger.credentials.openid4vp;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.govledger.credentials.CredentialException;

/**
 * QR codes for {@link RequestUri}s, with ZXing's encoder and decoder: error correction level M
 * (about 15% of the symbol can be lost), a quiet zone of {@value #QUIET_ZONE_MODULES} modules,
 * black on white. Text that is all ASCII (every request URI) is encoded without an ECI header,
 * so any reader reads it; other text is marked as UTF-8.
 */
public final class QrCodes {
  public static final int QUIET_ZONE_MODULES = 4;
  /** The largest module (in pixels) {@link #png} draws. */
  public static final int MAX_MODULE_PIXELS = 32;
  /** The widest or tallest image {@link #decode} reads, in pixels. */
  public static final int MAX_IMAGE_PIXELS = 4096;
  /** The largest image file {@link #decode} reads, in bytes. */
  public static final int MAX_IMAGE_BYTES = 4 * 1024 * 1024;

  private QrCodes() {}

  /**
   * The modules of {@code text}'s QR code, quiet zone included, one bit per module.
   *
   * @throws IllegalArgumentException if the text is empty or too long for a QR code
   */
  static BitMatrix modules(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isEmpty()) {
      throw new IllegalArgumentException("a QR code needs some text");
    }
    Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
    hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
    hints.put(EncodeHintType.MARGIN, QUIET_ZONE_MODULES);
    if (!StandardCharsets.US_ASCII.newEncoder().canEncode(text)) {
      hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
    }
    try {
      return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints);
    } catch (WriterException e) {
      throw new IllegalArgumentException("the text (" + text.length() + " characters) does not"
          + " fit in a QR code at error correction level M: " + e.getMessage(), e);
    }
  }

  /**
   * A PNG of {@code text}'s QR code, {@code moduleSizePixels} pixels per module, 1 bit per pixel.
   *
   * @throws IllegalArgumentException for a module size outside 1 to {@value #MAX_MODULE_PIXELS}
   *     or text that does not fit in a QR code
   */
  public static byte[] png(String text, int moduleSizePixels) {
    if (moduleSizePixels < 1 || moduleSizePixels > MAX_MODULE_PIXELS) {
      throw new IllegalArgumentException("moduleSizePixels must be 1 to " + MAX_MODULE_PIXELS
          + ", got " + moduleSizePixels);
    }
    BitMatrix modules = modules(text);
    int size = modules.getWidth() * moduleSizePixels;
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
    Graphics2D graphics = image.createGraphics();
    try {
      graphics.setColor(Color.WHITE);
      graphics.fillRect(0, 0, size, size);
      graphics.setColor(Color.BLACK);
      for (int y = 0; y < modules.getHeight(); y++) {
        for (int x = 0; x < modules.getWidth(); x++) {
          if (modules.get(x, y)) {
            graphics.fillRect(x * moduleSizePixels, y * moduleSizePixels, moduleSizePixels,
                moduleSizePixels);
          }
        }
      }
    } finally {
      graphics.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException("writing a PNG to memory failed", e);
    }
    return out.toByteArray();
  }

  /**
   * An SVG of {@code text}'s QR code: a white square and one black path, one unit per module
   * ({@code viewBox} is the symbol with its quiet zone), each horizontal run of dark modules a
   * rectangle {@code Mx yhNv1h-Nz}. Scales to any size without blurring.
   */
  public static String svg(String text) {
    BitMatrix modules = modules(text);
    int size = modules.getWidth();
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < size; y++) {
      int x = 0;
      while (x < size) {
        if (!modules.get(x, y)) {
          x++;
          continue;
        }
        int start = x;
        while (x < size && modules.get(x, y)) {
          x++;
        }
        path.append('M').append(start).append(' ').append(y)
            .append('h').append(x - start).append("v1h-").append(x - start).append('z');
      }
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
        + "\" shape-rendering=\"crispEdges\"><rect width=\"" + size + "\" height=\"" + size
        + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
  }

  /**
   * The text of the QR code in an image (PNG, or another format the JDK's ImageIO reads, such
   * as a camera's JPEG), read with ZXing's QR reader trying hard.
   *
   * @throws CredentialException {@link Openid4vpCodes#NO_QR_CODE} if the bytes are not an image,
   *     or no QR code is found or it cannot be read; {@code too-large} for an image over {@value
   *     #MAX_IMAGE_BYTES} bytes or {@value #MAX_IMAGE_PIXELS} pixels a side
   */
  public static String decode(byte[] png) throws CredentialException {
    Objects.requireNonNull(png, "png");
    if (png.length > MAX_IMAGE_BYTES) {
      throw new CredentialException(CredentialException.TOO_LARGE, "the image is " + png.length
          + " bytes, over the limit of " + MAX_IMAGE_BYTES);
    }
    BufferedImage image = read(png);
    int width = image.getWidth();
    int height = image.getHeight();
    int[] pixels = image.getRGB(0, 0, width, height, null, 0, width);
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = overWhite(pixels[i]);
    }
    RGBLuminanceSource source = new RGBLuminanceSource(width, height, pixels);
    // ZXing's detector misses some clean, computer-drawn codes that its pure-barcode path reads,
    // and the other way round for photographs: try both, and the other binarizer.
    Map<DecodeHintType, Object> hard = new EnumMap<>(DecodeHintType.class);
    hard.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
    Map<DecodeHintType, Object> pure = new EnumMap<>(DecodeHintType.class);
    pure.put(DecodeHintType.PURE_BARCODE, Boolean.TRUE);
    boolean found = false;
    for (int attempt = 0; attempt < 3; attempt++) {
      BinaryBitmap bitmap = new BinaryBitmap(attempt == 2
          ? new com.google.zxing.common.GlobalHistogramBinarizer(source) : new HybridBinarizer(source));
      try {
        return new QRCodeReader().decode(bitmap, attempt == 1 ? pure : hard).getText();
      } catch (NotFoundException e) {
        // try the next way
      } catch (ChecksumException | FormatException e) {
        found = true;
      }
    }
    if (found) {
      throw noQrCode("a QR code was found in the image but could not be read (damaged, cut off"
          + " or blurred); scan it again");
    }
    throw noQrCode("no QR code was found in the image (" + width + "x" + height + " pixels)");
  }

  private static BufferedImage read(byte[] bytes) throws CredentialException {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        throw noQrCode("the bytes are not an image (PNG or another format ImageIO reads)");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width > MAX_IMAGE_PIXELS || height > MAX_IMAGE_PIXELS) {
          throw new CredentialException(CredentialException.TOO_LARGE, "the image is " + width
              + "x" + height + " pixels; at most " + MAX_IMAGE_PIXELS + " a side is read");
        }
        return reader.read(0);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      throw noQrCode("the image cannot be read: it is damaged or not an image ("
          + e.getClass().getSimpleName() + ")");
    }
  }

  /** An ARGB pixel composited over white, so transparent backgrounds read as white. */
  private static int overWhite(int argb) {
    int alpha = argb >>> 24;
    if (alpha == 0xff) {
      return argb;
    }
    int red = blend((argb >> 16) & 0xff, alpha);
    int green = blend((argb >> 8) & 0xff, alpha);
    int blue = blend(argb & 0xff, alpha);
    return 0xff000000 | red << 16 | green << 8 | blue;
  }

  private static int blend(int channel, int alpha) {
    return (channel * alpha + 0xff * (0xff - alpha)) / 0xff;
  }

  private static CredentialException noQrCode(String message) {
    return new CredentialException(Openid4vpCodes.NO_QR_CODE, message);
  }
}
