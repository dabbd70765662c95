package io.limen.agent.cli;

/** One line of JSON, built field by field: enough for the command lines' output, no library. */
public final class JsonLine {

    private final StringBuilder out = new StringBuilder("{");

    public JsonLine field(String name, String value) {
        key(name);
        if (value == null) {
            out.append("null");
        } else {
            quote(value);
        }
        return this;
    }

    public JsonLine field(String name, long value) {
        key(name);
        out.append(value);
        return this;
    }

    /** Milliseconds with microsecond precision. */
    public JsonLine millis(String name, long nanos) {
        key(name);
        out.append(String.format(java.util.Locale.ROOT, "%.3f", nanos / 1e6));
        return this;
    }

    public JsonLine object(String name, JsonLine nested) {
        key(name);
        out.append(nested);
        return this;
    }

    private void key(String name) {
        if (out.length() > 1) {
            out.append(',');
        }
        quote(name);
        out.append(':');
    }

    private void quote(String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out + "}";
    }
}
