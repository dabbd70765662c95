package io.limen.agent.display;

import java.util.Objects;

/** What reading a {@code .hex} font gave: the font, or why there is none ({@link HexFont#read}). */
public sealed interface FontLoad permits FontLoad.Loaded, FontLoad.Refused {

    /** Why a font file was refused; codes are stable (the log and selftest print them). */
    enum Problem {
        /** No file at the path (Debian's {@code unifont} not installed). */
        MISSING("font_missing"),
        /** The path is a folder or a device. */
        NOT_A_FILE("font_not_a_file"),
        /** Larger than {@link HexFont#MAX_BYTES}: refused before a byte is parsed. */
        TOO_LARGE("font_too_large"),
        /** A line that is not {@code CODEPOINT:BITMAP}, too long, out of order, or a file with no glyph. */
        MALFORMED("font_malformed"),
        /** The file system failed while reading. */
        UNREADABLE("font_unreadable"),
        /** A font that reads well but has no glyph for a character of the configured language's texts. */
        LACKS_GLYPHS("font_lacks_glyphs");

        private final String code;

        Problem(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    record Loaded(HexFont font) implements FontLoad {
        public Loaded {
            Objects.requireNonNull(font, "font must not be null");
        }
    }

    /** @param detail for a person: the file, and the line and what it held when one is to blame */
    record Refused(Problem problem, String detail) implements FontLoad {
        public Refused {
            Objects.requireNonNull(problem, "problem must not be null");
            Objects.requireNonNull(detail, "detail must not be null");
        }

        @Override
        public String toString() {
            return problem.code() + ": " + detail;
        }
    }
}
