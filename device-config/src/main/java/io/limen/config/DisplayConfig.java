package io.limen.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The entrance display (YAML section {@code display}).
 *
 * @param language the language of the texts shown to the person at the entrance (headline and the
 *                 reason's text); a character LCD (HD44780) has no CJK glyphs in its ROM and shows
 *                 English whatever this says. The log and the scan log always use the reason codes.
 * @param type     which display the terminal drives ({@link Type})
 * @param oled     where the OLED is, for {@code type: oled}
 * @param font     the OLED's bitmap font, GNU Unifont's {@code .hex} file (Debian's {@code unifont} package);
 *                 read when the display starts: a file that is missing or broken is logged with its reason
 *                 and the OLED shows English with built-in glyphs
 */
public record DisplayConfig(Language language, Type type, OledWiring oled, Path font) {

    /** Where Debian's {@code unifont} package (1:15.0.01-2, bookworm) installs the font. */
    public static final Path UNIFONT = Path.of("/usr/share/unifont/unifont.hex");

    public static final DisplayConfig DEFAULTS = new DisplayConfig(Language.EN, Type.AUTO, OledWiring.DEFAULTS, UNIFONT);

    /** English or Chinese with the other settings' defaults. */
    public DisplayConfig(Language language) {
        this(language, Type.AUTO, OledWiring.DEFAULTS, UNIFONT);
    }

    /** Which display shows the decisions. */
    public enum Type {
        /** The board profile's LCD when it has one (and the pins are real), else the journal. */
        AUTO,
        /** No screen: each message goes to the log (the systemd journal). */
        JOURNAL,
        /** The board's HD44780 character LCD on its PCF8574 backpack; the board profile must have one. */
        LCD,
        /** An SSD1306 128×64 OLED at {@code display.oled}, drawing with {@code display.font}. */
        OLED;

        /** The name in the config file, such as {@code oled}. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Type> fromConfigName(String name) {
            return Arrays.stream(values()).filter(t -> t.configName().equals(name)).findFirst();
        }
    }

    /** The languages the display's message bundles cover. */
    public enum Language {
        /** English. */
        EN,
        /** Simplified Chinese. */
        ZH;

        /** The name in the config file: the ISO 639-1 code, such as {@code zh}. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Language> fromConfigName(String name) {
            return Arrays.stream(values()).filter(l -> l.configName().equals(name)).findFirst();
        }
    }

    public DisplayConfig {
        Checks.present("display.language", language);
        Checks.present("display.type", type);
        Checks.present("display.oled", oled);
        Objects.requireNonNull(font, "display.font must not be null");
    }

    public DisplayConfig withType(Type value) {
        return new DisplayConfig(language, value, oled, font);
    }

    public DisplayConfig withFont(Path value) {
        return new DisplayConfig(language, type, oled, value);
    }
}
