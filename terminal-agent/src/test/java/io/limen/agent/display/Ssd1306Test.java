package io.limen.agent.display;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import io.limen.agent.gate.GpioContexts;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/** The SSD1306 driver's I2C bytes: the start-up sequence byte for byte, and flushes of dirty pages only. */
class Ssd1306Test {

    @Test
    void init_isTheDatasheetsSequence_asOneCommandTransaction() {
        Ssd1306Model model = new Ssd1306Model();
        new Ssd1306(model).init();
        assertEquals(1, model.transactions.size());
        assertArrayEquals(new byte[] {
            0x00,                    // control byte: Co = 0, D/C# = 0, commands follow (8.1.5.1)
            (byte) 0xAE,             // display off
            (byte) 0xA8, 0x3F,       // multiplex ratio 64
            (byte) 0xD3, 0x00,       // display offset 0
            0x40,                    // start line 0
            (byte) 0xA1,             // segment re-map
            (byte) 0xC8,             // COM scan remapped
            (byte) 0xDA, 0x12,       // COM pins: alternative
            (byte) 0x81, 0x7F,       // contrast
            (byte) 0xA4,             // output follows RAM
            (byte) 0xA6,             // normal, not inverse
            (byte) 0xD5, (byte) 0x80, // clock divide 1, oscillator 8
            0x20, 0x00,              // horizontal addressing
            0x2E,                    // scrolling off
            (byte) 0x8D, 0x14,       // charge pump on
            (byte) 0xAF},            // display on
                model.transactions.get(0));
        assertTrue(model.on && model.chargePump && model.addressingMode == 0, "the model saw the panel on, pump on, horizontal mode");
    }

    @Test
    void theAddresses_areTheDatasheets() {
        assertEquals(0x3C, Ssd1306.ADDRESS_SA0_LOW);
        assertEquals(0x3D, Ssd1306.ADDRESS_SA0_HIGH);
    }

    @Test
    void firstFlush_sendsAllEightPages_thenOnlyThePagesThatChanged() {
        Ssd1306Model model = new Ssd1306Model();
        Ssd1306 oled = new Ssd1306(model);
        oled.init();
        Framebuffer image = new Framebuffer();
        image.pixel(5, 3, true);
        assertEquals(8, oled.flush(image));
        assertEquals(1024, model.dataBytes());
        // The window for all 8 pages: columns 0..127, pages 0..7; then one data transaction.
        assertArrayEquals(new byte[] {0x00, 0x21, 0x00, 0x7F, 0x22, 0x00, 0x07}, model.transactions.get(1));
        assertEquals(1 + 1024, model.transactions.get(2).length);
        assertTrue(model.pixel(5, 3));

        int before = model.transactions.size();
        assertEquals(0, oled.flush(image), "nothing changed, nothing sent");
        assertEquals(before, model.transactions.size());

        image.pixel(0, 20, true);  // page 2
        image.pixel(127, 63, true); // page 7
        assertEquals(2, oled.flush(image));
        assertArrayEquals(new byte[] {0x00, 0x21, 0x00, 0x7F, 0x22, 0x02, 0x02}, model.transactions.get(before));
        assertArrayEquals(new byte[] {0x00, 0x21, 0x00, 0x7F, 0x22, 0x07, 0x07}, model.transactions.get(before + 2));
        assertEquals(1024 + 2 * 128, model.dataBytes());
        for (int x = 0; x < 128; x++) {
            for (int y = 0; y < 64; y++) {
                assertEquals(image.pixel(x, y), model.pixel(x, y), "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void aFailedWrite_leavesEveryPageDirty_soTheNextFlushResendsTheWholeImage() {
        Ssd1306Model model = new Ssd1306Model();
        int[] calls = {0};
        Ssd1306 oled = new Ssd1306((buffer, offset, length) -> {
            if (calls[0]++ == 1) {
                throw new IllegalStateException("no ACK from 0x3C");
            }
            model.write(buffer, offset, length);
        });
        oled.init(); // write 0; write 1, the first flush's window, fails
        Framebuffer image = new Framebuffer();
        image.clean();
        image.pixel(1, 1, true);
        assertThrows(IllegalStateException.class, () -> oled.flush(image));
        assertEquals(0xFF, image.dirtyPages());
        assertEquals(8, oled.flush(image));
        assertTrue(model.pixel(1, 1));
    }

    @Test
    void onPi4jsMockI2c_theDeviceReceivesTheSameBytes() {
        Context context = GpioContexts.simulated();
        try {
            I2C i2c = context.create(I2C.newConfigBuilder(context).id("oled").bus(1).device(Ssd1306.ADDRESS_SA0_LOW));
            Ssd1306Model recorded = new Ssd1306Model();
            I2cDevice pi4j = I2cDevice.of(i2c);
            Ssd1306 oled = new Ssd1306((buffer, offset, length) -> {
                recorded.write(buffer, offset, length);
                pi4j.write(buffer, offset, length);
            });
            oled.init();
            Framebuffer image = new Framebuffer();
            image.pixel(64, 32, true);
            oled.flush(image);
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            recorded.transactions.forEach(expected::writeBytes);
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            for (int b = i2c.read(); b != -1; b = i2c.read()) {
                received.write(b);
            }
            assertArrayEquals(expected.toByteArray(), received.toByteArray());
            assertEquals(Ssd1306.INIT.length + 7 + 1 + 1024, received.size());
        } finally {
            context.shutdown();
        }
    }
}
