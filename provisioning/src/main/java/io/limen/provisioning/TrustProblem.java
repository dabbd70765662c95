package io.limen.provisioning;

/**
 * Why {@code limen provision trust} refused a change to the trust list: one stable code each, printed
 * as {@code refused CODE: detail} on stderr (exit 1). A refused change changes nothing: the state file,
 * the files written and the broker's retained list stay as they were. Codes are added, never renamed.
 */
enum TrustProblem {
    /** No key of that kid is listed (retire, rotate's {@code --old-kid}). */
    UNKNOWN_KID("unknown_kid"),
    /** The issuer has no key listed to rotate from. */
    UNKNOWN_ISSUER("unknown_issuer"),
    /** The issuer has several keys: the command must be told which one ({@code --old-kid}). */
    AMBIGUOUS_KEY("ambiguous_key"),
    /** The key is listed for that issuer already (the wire format lists a key once per issuer). */
    ALREADY_LISTED("already_listed"),
    /** A validity that ends before it begins, an overlap that is not positive, or a rotation that would leave a gap. */
    BAD_VALIDITY("bad_validity"),
    /** Retiring the last key of an issuer (its credentials would all be refused) without {@code --force}. */
    LAST_KEY("last_key"),
    /** The list would have no key valid now: terminals refuse such a list (it would refuse every credential). */
    NO_VALID_KEY("no_valid_key"),
    /** A {@code --version} not above the state's: terminals would take it for an old list and pass it over. */
    ROLLBACK("rollback");

    private final String code;

    TrustProblem(String code) {
        this.code = code;
    }

    /** The stable code: lower snake case, never changed. */
    String code() {
        return code;
    }

    /** The failure the command reports: {@code refused CODE: detail}. */
    ProvisioningException refuse(String detail) {
        return new ProvisioningException("refused " + code + ": " + detail);
    }
}
