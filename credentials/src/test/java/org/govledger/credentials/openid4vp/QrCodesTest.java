package org.govledger.credentials.openid4vp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.govledger.credentials.CredentialException;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class QrCodesTest {
  private static final String REQUEST = RequestUri.of(Fixtures.CLIENT_ID,
      URI.create("https://bank.example.cn/openid4vp/request/6Jx2s9QwPzTq1Lm8Vb4Ns0")).toUriString();

  @Test
  void png_decodesToTheSameText() throws Exception {
    byte[] png = QrCodes.png(REQUEST, 4);

    assertThat(QrCodes.decode(png)).isEqualTo(REQUEST);
    assertThat(RequestUri.parse(QrCodes.decode(png)).clientId()).isEqualTo(Fixtures.CLIENT_ID);
  }

  @Test
  void png_hasTheQuietZoneAndModuleSize() throws Exception {
    BitMatrix modules = QrCodes.modules(REQUEST);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(QrCodes.png(REQUEST, 3)));

    assertThat(image.getWidth()).isEqualTo(modules.getWidth() * 3).isEqualTo(image.getHeight());
    for (int i = 0; i < QrCodes.QUIET_ZONE_MODULES * 3; i++) {
      assertThat(image.getRGB(i, i) & 0xffffff).as("quiet zone pixel %d", i).isEqualTo(0xffffff);
    }
    int corner = QrCodes.QUIET_ZONE_MODULES * 3;
    assertThat(image.getRGB(corner, corner) & 0xffffff).as("finder pattern").isEqualTo(0);
  }

  @Test
  void png_isTheSameEveryTime() {
    assertThat(QrCodes.png(REQUEST, 2)).isEqualTo(QrCodes.png(REQUEST, 2));
  }

  @Test
  void png_ofUnicodeText_decodesToTheSameText() throws Exception {
    String text = "居住证 · résidence · 🏠";

    assertThat(QrCodes.decode(QrCodes.png(text, 4))).isEqualTo(text);
  }

  @Test
  void png_onATransparentOrGreyBackground_stillDecodes() throws Exception {
    BufferedImage code = ImageIO.read(new ByteArrayInputStream(QrCodes.png(REQUEST, 3)));
    BufferedImage photo = new BufferedImage(code.getWidth() + 40, code.getHeight() + 40,
        BufferedImage.TYPE_INT_ARGB);
    Graphics2D graphics = photo.createGraphics();
    graphics.setColor(new Color(200, 200, 200, 0));
    graphics.fillRect(0, 0, photo.getWidth(), photo.getHeight());
    graphics.drawImage(code, 20, 20, null);
    graphics.dispose();

    assertThat(QrCodes.decode(png(photo))).isEqualTo(REQUEST);
  }

  @Test
  void svg_isWellFormedWithOneRectanglePerRunOfDarkModules() throws Exception {
    BitMatrix modules = QrCodes.modules(REQUEST);
    String svg = QrCodes.svg(REQUEST);

    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Document document = factory.newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    Element root = document.getDocumentElement();
    assertThat(root.getLocalName()).isEqualTo("svg");
    assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
    int size = modules.getWidth();
    assertThat(root.getAttribute("viewBox")).isEqualTo("0 0 " + size + " " + size);
    assertThat(document.getElementsByTagName("path").getLength()).isEqualTo(1);
    String d = ((Element) document.getElementsByTagName("path").item(0)).getAttribute("d");

    BitMatrix drawn = new BitMatrix(size);
    Matcher run = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z").matcher(d);
    int end = 0;
    int dark = 0;
    while (run.find()) {
      assertThat(run.start()).as("path is only runs").isEqualTo(end);
      end = run.end();
      int length = Integer.parseInt(run.group(3));
      assertThat(run.group(4)).isEqualTo(run.group(3));
      drawn.setRegion(Integer.parseInt(run.group(1)), Integer.parseInt(run.group(2)), length, 1);
      dark += length;
    }
    assertThat(end).isEqualTo(d.length());
    assertThat(drawn).isEqualTo(modules);
    int expectedDark = 0;
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        expectedDark += modules.get(x, y) ? 1 : 0;
      }
    }
    assertThat(dark).isEqualTo(expectedDark);
  }

  @Test
  void modules_areZxingsLevelMSymbolInAFourModuleQuietZone() throws Exception {
    QRCode expected = Encoder.encode(REQUEST, ErrorCorrectionLevel.M);
    ByteMatrix symbol = expected.getMatrix();
    BitMatrix modules = QrCodes.modules(REQUEST);
    int quiet = QrCodes.QUIET_ZONE_MODULES;

    assertThat(modules.getWidth()).isEqualTo(symbol.getWidth() + 2 * quiet);
    for (int y = 0; y < modules.getHeight(); y++) {
      for (int x = 0; x < modules.getWidth(); x++) {
        boolean inSymbol = x >= quiet && y >= quiet && x < quiet + symbol.getWidth()
            && y < quiet + symbol.getHeight();
        boolean want = inSymbol && symbol.get(x - quiet, y - quiet) == 1;
        assertThat(modules.get(x, y)).as("module %d,%d", x, y).isEqualTo(want);
      }
    }
    Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
    hints.put(DecodeHintType.PURE_BARCODE, Boolean.TRUE);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(QrCodes.png(REQUEST, 2)));
    int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0,
        image.getWidth());
    Result read = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
        new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels))), hints);
    assertThat(read.getResultMetadata().get(ResultMetadataType.ERROR_CORRECTION_LEVEL))
        .isEqualTo("M");
  }

  @Test
  void decode_blankPng_failsClearly() {
    BufferedImage blank = new BufferedImage(200, 200, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D graphics = blank.createGraphics();
    graphics.setColor(Color.WHITE);
    graphics.fillRect(0, 0, 200, 200);
    graphics.dispose();

    assertThatThrownBy(() -> QrCodes.decode(png(blank)))
        .isInstanceOfSatisfying(CredentialException.class,
            e -> assertThat(e.code()).isEqualTo(Openid4vpCodes.NO_QR_CODE))
        .hasMessageContaining("no QR code was found in the image (200x200 pixels)");
  }

  @Test
  void decode_bytesThatAreNoImage_failClearly() {
    assertThatThrownBy(() -> QrCodes.decode("not an image".getBytes(
        java.nio.charset.StandardCharsets.US_ASCII)))
        .isInstanceOfSatisfying(CredentialException.class,
            e -> assertThat(e.code()).isEqualTo(Openid4vpCodes.NO_QR_CODE))
        .hasMessageContaining("not an image");
    byte[] truncated = java.util.Arrays.copyOf(QrCodes.png(REQUEST, 2), 60);
    assertThatThrownBy(() -> QrCodes.decode(truncated))
        .isInstanceOfSatisfying(CredentialException.class,
            e -> assertThat(e.code()).isEqualTo(Openid4vpCodes.NO_QR_CODE));
  }

  @Test
  void decode_hugeImage_isRefused() {
    BufferedImage huge = new BufferedImage(QrCodes.MAX_IMAGE_PIXELS + 1, 1,
        BufferedImage.TYPE_BYTE_BINARY);

    assertThatThrownBy(() -> QrCodes.decode(png(huge)))
        .isInstanceOfSatisfying(CredentialException.class,
            e -> assertThat(e.code()).isEqualTo(CredentialException.TOO_LARGE));
  }

  @Test
  void png_badArguments_areRefused() {
    assertThatThrownBy(() -> QrCodes.png(REQUEST, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> QrCodes.png("", 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> QrCodes.svg("x".repeat(5000)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit");
  }

  private static byte[] png(BufferedImage image) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}
