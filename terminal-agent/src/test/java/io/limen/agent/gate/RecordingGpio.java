package io.limen.agent.gate;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputConfig;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProviderImpl;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProviderImpl;
import java.util.function.Consumer;

/**
 * Pi4J mock pins that journal every level written to an output (its initial level included) and every
 * read of an input, in the order they happen: what the safe-state-first guarantee is checked on.
 * Journal lines: {@code write relay HIGH}, {@code read fire-alarm}.
 */
final class RecordingGpio {

    private RecordingGpio() {
    }

    static Context context(Consumer<String> journal) {
        return Pi4J.newContextBuilder().noAutoDetect()
                .add(new Inputs(journal), new Outputs(journal))
                .disableShutdownHook()
                .build();
    }

    private static final class Outputs extends MockDigitalOutputProviderImpl {
        private final Consumer<String> journal;

        Outputs(Consumer<String> journal) {
            this.journal = journal;
        }

        @Override
        public DigitalOutput create(DigitalOutputConfig config) {
            MockDigitalOutput output = new MockDigitalOutput(this, config) {
                @Override
                public DigitalOutput state(DigitalState state) {
                    journal.accept("write " + config.id() + " " + state);
                    return super.state(state);
                }
            };
            context.registry().add(output);
            return output;
        }
    }

    private static final class Inputs extends MockDigitalInputProviderImpl {
        private final Consumer<String> journal;

        Inputs(Consumer<String> journal) {
            this.journal = journal;
        }

        @Override
        public DigitalInput create(DigitalInputConfig config) {
            MockDigitalInput input = new MockDigitalInput(this, config) {
                @Override
                public DigitalState state() {
                    journal.accept("read " + config.id());
                    return super.state();
                }
            };
            context.registry().add(input);
            return input;
        }
    }
}
