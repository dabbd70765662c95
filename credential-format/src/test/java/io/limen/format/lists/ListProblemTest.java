package io.limen.format.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The list refusal codes are a contract (status, logs, telemetry, the command line): each pinned, none renamed. */
class ListProblemTest {

    @ParameterizedTest
    @CsvSource({
        "BAD_COSE, bad_cose", "UNKNOWN_SIGNER, unknown_signer", "BAD_SIGNATURE, bad_signature", "MALFORMED, malformed",
        "DUPLICATE_ENTRY, duplicate_entry", "TOO_LARGE, too_large", "WRONG_KIND, wrong_kind", "WRONG_SCOPE, wrong_scope",
        "ROLLBACK, rollback", "GAP, gap", "FROM_THE_FUTURE, from_the_future", "CHUNK_OUT_OF_ORDER, chunk_out_of_order",
        "FOREIGN_CHUNK, foreign_chunk", "TRUNCATED, truncated", "SNAPSHOT_TIMEOUT, snapshot_timeout"})
    void eachProblem_hasItsStableCode_andIsFoundByIt(ListProblem problem, String code) {
        assertEquals(code, problem.code());
        assertEquals(Optional.of(problem), ListProblem.fromCode(code));
    }

    @Test
    void everyProblem_isPinnedAbove() {
        assertEquals(15, ListProblem.values().length, Arrays.toString(ListProblem.values()));
    }
}
