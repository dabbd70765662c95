package io.limen.benchmarks;

import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import com.pi4j.plugin.mock.provider.i2c.MockI2C;
import io.limen.agent.display.DisplayLanguage;
import io.limen.agent.display.FontLoad;
import io.limen.agent.display.Framebuffer;
import io.limen.agent.display.Hd44780;
import io.limen.agent.display.HexFont;
import io.limen.agent.display.Messages;
import io.limen.agent.display.OledScreen;
import io.limen.agent.display.Ssd1306;
import io.limen.agent.gate.GpioContexts;
import io.limen.agent.policy.Decision;
import io.limen.config.DisplayConfig;
import io.limen.format.Reason;
import io.limen.format.cose.CoseAlgorithm;
import io.limen.format.cose.KeyId;
import io.limen.format.credential.Claims;
import io.limen.format.credential.Credential;
import io.limen.format.credential.CredentialId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The display writer's work for one message, on its own thread (never the admit thread's): the CPU
 * cost of turning a decision into the bytes the bus carries, with the I2C writes going nowhere.
 *
 * <ul>
 *   <li>{@code oledRenderAndFlush}: {@link OledScreen#render} of a Chinese screen from GNU Unifont
 *       (Debian's file), then {@link Ssd1306#flush} of the pages that came out different. Two
 *       decisions alternate — a degraded grant with a name (four rows) and a denial (two rows) — so every
 *       invocation redraws the screen and sends all 8 pages, the most a message can cost.
 *   <li>{@code oledRender}: the render alone (glyph lookups and pixel writes into the framebuffer).
 *   <li>{@code lcdShow} (baseline, same run): the 16×2 character LCD's path for the same decisions,
 *       {@link Messages#lines(Decision, int)} and {@link Hd44780#show}: 136 one-byte I2C writes, the
 *       controller's waits skipped.
 *   <li>{@code unifontRead}: reading Debian's {@code unifont.hex} (3.7 MB, 57,086 glyphs), the writer's
 *       first step; it happens once, off the start-up path.
 * </ul>
 *
 * The bus time is not in these figures: it is bytes / bus speed (docs/performance.md works it out).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1)
public class DisplayRenderBenchmark {

    private Context context;
    private OledScreen screen;
    private Ssd1306 oled;
    private Framebuffer image;
    private Hd44780 lcd;
    private Messages english;
    private Decision[] decisions;
    private int next;
    private long sink;

    @Setup
    public void setUp() {
        HexFont unifont = switch (HexFont.read(DisplayConfig.UNIFONT)) {
            case FontLoad.Loaded loaded -> loaded.font();
            case FontLoad.Refused refused -> throw new IllegalStateException("the benchmark draws with Unifont: " + refused);
        };
        screen = OledScreen.of(new FontLoad.Loaded(unifont), DisplayLanguage.CHINESE);
        oled = new Ssd1306((buffer, offset, length) -> sink += buffer[offset + length - 1] + length);
        image = new Framebuffer();
        context = GpioContexts.simulated();
        I2C mock = context.create(I2C.newConfigBuilder(context).id("lcd").bus(1).device(0x27));
        // Pi4J's mock keeps every byte in a queue; this one drops them, as the OLED's sink does.
        I2C dropping = new MockI2C(mock.provider(), mock.config()) {
            @Override
            public int write(byte b) {
                sink += b;
                return 1;
            }
        };
        lcd = new Hd44780(dropping, 16, 2, nanos -> { });
        english = new Messages(DisplayLanguage.ENGLISH);
        Claims claims = new Claims("https://issuer.example", "staff-0042", Instant.EPOCH, Optional.empty(), Instant.EPOCH.plusSeconds(60),
                CredentialId.fromHex("0a0b"), Optional.empty(), List.of(), Optional.of("张伟"));
        Credential holder = new Credential(claims, new KeyId(new byte[8]), CoseAlgorithm.EDDSA);
        decisions = new Decision[] {new Decision.Granted(holder, List.of(Reason.LISTS_STALE)),
            Decision.denied(Reason.EXPIRED, Optional.of(holder), "expired")};
    }

    @TearDown
    public void tearDown() {
        context.shutdown();
    }

    private Decision next() {
        next ^= 1;
        return decisions[next];
    }

    @Benchmark
    public int oledRenderAndFlush() {
        screen.render(next(), image);
        return oled.flush(image);
    }

    @Benchmark
    public void oledRender(Blackhole hole) {
        screen.render(next(), image);
        hole.consume(image);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public FontLoad unifontRead() {
        return HexFont.read(DisplayConfig.UNIFONT);
    }

    @Benchmark
    public long lcdShow() {
        lcd.show(english.lines(next(), 2));
        return sink;
    }
}
