package io.limen.agent.display;

import com.pi4j.io.i2c.I2C;
import java.util.Objects;

/**
 * One device on an I2C bus, as a display driver writes to it: each {@link #write} is one I2C write
 * transaction (START, the device's address, the bytes, STOP). A seam so that tests record the
 * transactions a driver makes; the real one is Pi4J's {@link I2C} ({@link #of}).
 */
@FunctionalInterface
public interface I2cDevice {

    /**
     * Writes {@code length} bytes from {@code buffer} at {@code offset} as one transaction.
     *
     * @throws RuntimeException (Pi4J's {@code IOException} subclasses) when the device does not acknowledge
     */
    void write(byte[] buffer, int offset, int length);

    /** The device Pi4J opened (linuxfs's {@code /dev/i2c-N} on a Pi, the mock provider in tests). */
    static I2cDevice of(I2C i2c) {
        Objects.requireNonNull(i2c, "i2c must not be null");
        return i2c::write;
    }
}
