package io.limen.agent.selftest;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The self-test card: a QR code a technician prints once and holds up to any terminal's camera, so
 * {@code selftest} can show that the camera, its focus and the decoder read a code end to end.
 *
 * <p>Its text is fixed and public ({@link #PAYLOAD}): not a credential, signed by nobody, the same on
 * every card. A terminal in {@code run} refuses it like any other text without the {@code LP1:} or
 * {@code LQ1:} prefix ({@code bad_prefix}).
 */
public final class TestCard {

    /**
     * The card's text: QR alphanumeric characters only (upper case, digits, '-'), so the code stays small
     * (version 3, 29 × 29 modules, at error correction H) and its modules large on paper.
     */
    public static final String PAYLOAD = "LIMEN-SELFTEST-CARD-1";
    /** Pixels per module: 16, about 1.4 mm at 300 dpi; the whole card (37 modules with the quiet zone) is 592 px. */
    static final int MODULE_PIXELS = 16;
    /** The standard quiet zone, in modules (ISO/IEC 18004): a code needs it to be found at all. */
    static final int QUIET_ZONE_MODULES = 4;

    private TestCard() {
    }

    /** Whether {@code text} read from a frame is the test card's. */
    public static boolean is(String text) {
        return PAYLOAD.equals(text);
    }

    /** The card as a black-on-white image, {@link #MODULE_PIXELS} pixels per module, error correction H. */
    public static BufferedImage image() {
        QRCodeWriter writer = new QRCodeWriter();
        Map<EncodeHintType, Object> hints = Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.H,
                EncodeHintType.MARGIN, QUIET_ZONE_MODULES);
        try {
            // Size 0 gives one pixel per module; ask again for whole pixels per module, so none is blurred.
            int modules = writer.encode(PAYLOAD, BarcodeFormat.QR_CODE, 0, 0, hints).getWidth();
            BitMatrix matrix = writer.encode(PAYLOAD, BarcodeFormat.QR_CODE, modules * MODULE_PIXELS, modules * MODULE_PIXELS, hints);
            BufferedImage image = new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
            for (int y = 0; y < matrix.getHeight(); y++) {
                for (int x = 0; x < matrix.getWidth(); x++) {
                    image.setRGB(x, y, matrix.get(x, y) ? 0x000000 : 0xFFFFFF);
                }
            }
            return image;
        } catch (WriterException e) {
            throw new IllegalStateException("the fixed test-card text must fit a QR code", e);
        }
    }

    /**
     * Writes the card as a PNG to {@code file}, whole or not at all (a temporary file beside it, then
     * renamed), never over an existing file.
     *
     * @throws FileAlreadyExistsException if {@code file} exists
     * @throws IOException if the folder cannot be written (missing, read-only, full)
     */
    public static void writePng(Path file) throws IOException {
        if (Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString(), null, "exists: the test card is not written over a file");
        }
        Path folder = file.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(folder, "." + file.getFileName(), ".tmp");
        try {
            if (!ImageIO.write(image(), "png", temp.toFile())) {
                throw new IOException("cannot write " + file + ": this JDK has no PNG writer");
            }
            if (Files.exists(file)) {
                throw new FileAlreadyExistsException(file.toString(), null, "exists: the test card is not written over a file");
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
