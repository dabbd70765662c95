package io.limen.agent.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.display.Framebuffer;
import io.limen.agent.display.Ssd1306;
import io.limen.config.OledWiring;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OLED's test pattern, as the I2C transactions the panel receives; a panel that does not answer. */
class DisplayCheckTest {

    private static final OledWiring WIRING = new OledWiring(1, 0x3C);

    @Test
    void oled_getsItsInitThenTheWholePattern_bordersLit() {
        List<byte[]> sent = new ArrayList<>();
        Check check = DisplayCheck.oled((buffer, offset, length) -> sent.add(Arrays.copyOfRange(buffer, offset, offset + length)), WIRING);

        assertEquals(Check.Status.PASS, check.status(), check.detail());
        assertFalse(check.needed());
        assertEquals(Ssd1306.CONTROL_COMMANDS, sent.get(0)[0], "the init sequence first");
        byte[] data = sent.stream().filter(t -> t[0] == Ssd1306.CONTROL_DATA).findFirst().orElseThrow();
        assertEquals(1 + Framebuffer.WIDTH * Framebuffer.PAGES, data.length, "every page sent at once");
        // GDDRAM bytes are 8 rows of one column, bit 0 on top: the left edge's column is lit in every page,
        // the top row's bit in every column of page 0, the bottom row's in page 7.
        for (int page = 0; page < Framebuffer.PAGES; page++) {
            assertEquals((byte) 0xFF, data[1 + page * Framebuffer.WIDTH], "left edge, page " + page);
            assertEquals((byte) 0xFF, data[1 + page * Framebuffer.WIDTH + Framebuffer.WIDTH - 1], "right edge, page " + page);
        }
        for (int x = 0; x < Framebuffer.WIDTH; x++) {
            assertTrue((data[1 + x] & 0x01) != 0, "top edge, column " + x);
            assertTrue((data[1 + 7 * Framebuffer.WIDTH + x] & 0x80) != 0, "bottom edge, column " + x);
        }
        assertEquals((byte) 0xFF, data[1 + Framebuffer.WIDTH + 8], "page 1, column 8: a lit square");
        assertEquals((byte) 0x00, data[1 + Framebuffer.WIDTH + 16], "page 1, column 16: a dark square");
    }

    @Test
    void oledThatDoesNotAnswer_failsSayingWhere_notNeeded() {
        Check check = DisplayCheck.oled((buffer, offset, length) -> {
            throw new IllegalStateException("I2C write failed: no ACK");
        }, WIRING);
        assertEquals(Check.Status.FAIL, check.status());
        assertFalse(check.blocks());
        assertEquals("the 128x64 OLED at I2C bus 1 address 0x3c did not answer: I2C write failed: no ACK", check.detail());
    }
}
