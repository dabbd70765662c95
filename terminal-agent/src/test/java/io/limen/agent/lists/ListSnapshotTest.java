package io.limen.agent.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.limen.agent.revocation.RevocationSet;
import io.limen.format.credential.TrustStore;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ListSnapshotTest {

    static final Instant T = Instant.parse("2026-11-27T12:00:00Z");

    @Test
    void age_isThatOfTheOlderList() {
        ListSnapshot lists = new ListSnapshot(TrustStore.empty(), RevocationSet.empty(), T.minus(Duration.ofDays(2)), T.minus(Duration.ofHours(1)));

        assertEquals(Duration.ofDays(2), lists.age(T));
    }

    @Test
    void age_isZero_whenTheClockIsBehindTheLists() {
        // A Pi that booted with its clock in the past must not see lists from "the future" as negative ages.
        assertEquals(Duration.ZERO, ListSnapshot.of(TrustStore.empty(), RevocationSet.empty(), T).age(T.minusSeconds(5)));
    }
}
