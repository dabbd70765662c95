package io.limen.provisioning;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;

/**
 * A QR code drawn with Unicode half blocks, two module rows per text line, for a terminal window: a
 * camera reads it off the screen like a phone's. Light modules are drawn (block characters), dark ones
 * left blank, so it reads on the usual dark terminal background, as {@code qrencode -t UTF8} does.
 */
final class TerminalQr {

    private static final Map<EncodeHintType, Object> HINTS = Map.of(
            EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
            EncodeHintType.MARGIN, QrImage.QUIET_ZONE_MODULES);

    private TerminalQr() {
    }

    static String render(String text) {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, HINTS);
        } catch (WriterException e) {
            throw new ProvisioningException("the code (" + text.length() + " characters) does not fit in a QR code: " + e.getMessage());
        }
        StringBuilder out = new StringBuilder();
        for (int y = 0; y < matrix.getHeight(); y += 2) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                boolean topLight = !matrix.get(x, y);
                boolean bottomLight = y + 1 >= matrix.getHeight() || !matrix.get(x, y + 1);
                out.append(topLight ? (bottomLight ? '█' : '▀') : (bottomLight ? '▄' : ' '));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
