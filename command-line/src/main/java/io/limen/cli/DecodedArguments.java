package io.limen.cli;

import java.util.Optional;

/**
 * Refuses command-line arguments the JVM could not decode. Java decodes arguments with the charset
 * of the caller's locale (LC_ALL, LC_CTYPE, LANG); under C or POSIX that is ASCII, and every other
 * byte becomes U+FFFD: "Zoë" would be signed as "Zo\uFFFD\uFFFD". The launcher runs Java under
 * C.UTF-8 to avoid that; this catches a direct {@code java -jar} under such a locale.
 */
public final class DecodedArguments {

    private DecodedArguments() {
    }

    /** Why an argument did not decode, naming it and the locale; empty when all of them did. */
    public static Optional<String> problem(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].indexOf('\uFFFD') >= 0) {
                return Optional.of("argument " + (i + 1) + " ('" + args[i].replace('\uFFFD', '?') + "') is not text in the"
                        + " locale's charset " + System.getProperty("sun.jnu.encoding", "(unknown)") + " (" + locale()
                        + "); run through ./limen, or set LC_ALL=C.UTF-8 (any UTF-8 locale) and type it again");
            }
        }
        return Optional.empty();
    }

    /** The locale variable that decides the charset, as the C library reads them. */
    private static String locale() {
        for (String name : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
            String value = System.getenv(name);
            if (value != null && !value.isEmpty()) {
                return name + "=" + value;
            }
        }
        return "no LC_ALL, LC_CTYPE or LANG set: the C locale";
    }
}
