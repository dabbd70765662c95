package io.limen.format.lists;

import java.util.Arrays;
import java.util.Optional;

/** What a list document lists: revoked credentials, or trusted issuer keys. Field 1 of the payload. */
public enum ListKind {
    REVOCATIONS("revocations"),
    TRUST("trust");

    private final String code;

    ListKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<ListKind> fromCode(String code) {
        return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
    }
}
