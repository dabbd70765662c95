package io.limen.config;

/**
 * The QR decoder.
 *
 * @param tryHarder      whether ZXing scans every row for finder patterns, not every few rows: on the
 *                       synthetic scenes it read no more codes and cost 5–10 % more per frame, so off
 * @param maxImagePixels the largest image file {@code scan} decodes (width × height), 1..100 million: a
 *                       12-megapixel phone photo fits, a file claiming a gigapixel is refused unread
 */
public record DecoderConfig(boolean tryHarder, long maxImagePixels) {

    /** {@link #maxImagePixels}: 1..100 million. */
    public static final Range MAX_IMAGE_PIXELS = new Range(1, 100_000_000L);
    public static final long MAX_IMAGE_PIXELS_LIMIT = MAX_IMAGE_PIXELS.max();
    public static final DecoderConfig DEFAULTS = new DecoderConfig(false, 40_000_000L);

    public DecoderConfig {
        Checks.within("decoder.maxImagePixels", maxImagePixels, MAX_IMAGE_PIXELS);
    }
}
