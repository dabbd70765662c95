package io.limen.format.lists;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why a list document (a revocation or trust list, docs/lists.md) was refused: one stable code each,
 * used by the agent's status, its logs, {@code limen agent lists import} and telemetry. Codes are added,
 * never renamed or reused. A refused document changes nothing: the lists held before stay in force.
 */
public enum ListProblem {
    /** Not a COSE_Sign1, or its CBOR is not well-formed. */
    BAD_COSE("bad_cose"),
    /** Signed by a key that is not one of the terminal's list-signing keys (an issuer key is not one). */
    UNKNOWN_SIGNER("unknown_signer"),
    /** A list-signing key of that kid exists, but the signature does not verify. */
    BAD_SIGNATURE("bad_signature"),
    /** The payload is not a list document: a field missing, of the wrong type or out of range; an entry malformed. */
    MALFORMED("malformed"),
    /** The same entry twice in one document, or in added and removed at once. */
    DUPLICATE_ENTRY("duplicate_entry"),
    /** More bytes or entries than a document may have. */
    TOO_LARGE("too_large"),
    /** A list of another kind than the one asked for, or one this terminal has nowhere to keep. */
    WRONG_KIND("wrong_kind"),
    /** A list of another scope (issuer) than the one this terminal takes. */
    WRONG_SCOPE("wrong_scope"),
    /** A version not newer than the one held: an old or replayed list. */
    ROLLBACK("rollback"),
    /** A delta whose base is not the version held: versions were missed, a snapshot is needed. */
    GAP("gap"),
    /** Issued later than the trusted time allows (a signer's clock, or a forged time). */
    FROM_THE_FUTURE("from_the_future"),
    /** A chunk of a snapshot out of its place: the chunks must come in order, 0 first. */
    CHUNK_OUT_OF_ORDER("chunk_out_of_order"),
    /** A chunk of another snapshot (another version, id or count) than the one being assembled. */
    FOREIGN_CHUNK("foreign_chunk"),
    /** A snapshot whose chunks ended before its last one. */
    TRUNCATED("truncated"),
    /** A snapshot over MQTT whose next chunk did not come within {@code lists.snapshotTimeoutMs}: dropped, the held list stays. */
    SNAPSHOT_TIMEOUT("snapshot_timeout");

    private final String code;

    ListProblem(String code) {
        this.code = code;
    }

    /** The stable code: lower snake case, never changed. */
    public String code() {
        return code;
    }

    public static Optional<ListProblem> fromCode(String code) {
        return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst();
    }
}
