package io.limen.provisioning;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Renders a credential's text as a QR code PNG: error correction M (a scuffed phone screen still
 * reads), the standard 4-module quiet zone, and whole pixels per module so no module is blurred.
 * The text is Base45, so ZXing picks alphanumeric mode on its own.
 */
public final class QrImage {

    /**
     * The most alphanumeric characters one QR code holds at error correction M: version 40, ISO/IEC
     * 18004:2015 table 7. (At level L, 4,296: what terminals read at most.)
     */
    static final int MAX_TEXT_LENGTH = 3_391;
    static final int MODULE_PIXELS = 8;
    static final int QUIET_ZONE_MODULES = 4;
    private static final Map<EncodeHintType, Object> HINTS = Map.of(
            EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
            EncodeHintType.MARGIN, QUIET_ZONE_MODULES);

    private QrImage() {
    }

    public static byte[] png(String text) {
        QRCodeWriter writer = new QRCodeWriter();
        try {
            // Size 0 yields one pixel per module; ask again for exactly MODULE_PIXELS times that.
            int modules = writer.encode(text, BarcodeFormat.QR_CODE, 0, 0, HINTS).getWidth();
            int pixels = modules * MODULE_PIXELS;
            BitMatrix matrix = writer.encode(text, BarcodeFormat.QR_CODE, pixels, pixels, HINTS);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(matrix, "PNG", out);
            return out.toByteArray();
        } catch (WriterException e) {
            throw new ProvisioningException("the credential (" + text.length() + " characters) does not fit in a QR code"
                    + " at error correction M: use fewer zones or a shorter name (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("writing a PNG to memory cannot fail", e);
        }
    }
}
