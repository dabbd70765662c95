package io.limen.agent.gate;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProvider;

/**
 * The two Pi4J contexts Limen runs on. Providers are named explicitly and auto-detection is off, so
 * what drives the pins never depends on which plugin jars happen to be on the class path.
 */
public final class GpioContexts {

    private GpioContexts() {}

    /**
     * Simulated wiring for tests and {@code demo}: mock digital I/O and I2C. No shutdown hook (tests
     * build many contexts); whoever builds one shuts it down.
     */
    public static Context simulated() {
        return Pi4J.newContextBuilder()
                .noAutoDetect()
                .add(MockDigitalInputProvider.newInstance(),
                        MockDigitalOutputProvider.newInstance(),
                        MockI2CProvider.newInstance())
                .disableShutdownHook()
                .build();
    }

    /**
     * A real Raspberry Pi: gpiod (the kernel's GPIO character device) for digital I/O, linuxfs for I2C.
     * The shutdown hook drives every output to its configured shutdown state on a normal exit or
     * SIGTERM; after {@code kill -9} or a power cut only the board's pull resistors hold the safe state.
     */
    public static Context board() {
        return Pi4J.newContextBuilder()
                .noAutoDetect()
                .add(GpioDDigitalInputProvider.newInstance(),
                        GpioDDigitalOutputProvider.newInstance(),
                        LinuxFsI2CProvider.newInstance())
                .enableShutdownHook()
                .build();
    }
}
