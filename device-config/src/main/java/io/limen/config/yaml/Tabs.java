package io.limen.config.yaml;

/**
 * Finds tabs in indentation. YAML forbids them, and the parser would stop at the first with a message
 * about "a character that cannot start any token"; a technician's editor shows each by line instead.
 */
final class Tabs {

    private Tabs() {
    }

    static void find(String text, Problems problems) {
        int line = 1;
        int column = 1;
        boolean indent = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                column = 1;
                indent = true;
                continue;
            }
            if (indent && c == '\t') {
                problems.add(new Position(line, column), "", "tab in the indentation — YAML indents with spaces only");
                indent = false; // one report per line
            } else if (c != ' ') {
                indent = false;
            }
            column++;
        }
    }
}
