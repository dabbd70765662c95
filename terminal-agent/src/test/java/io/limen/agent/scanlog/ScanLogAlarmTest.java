package io.limen.agent.scanlog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The alarm codes are a contract with the uplink and the status page: each pinned. */
class ScanLogAlarmTest {

    @ParameterizedTest
    @CsvSource({
        "NEAR_CAP, scanlog_near_cap, false",
        "PAST_CAP, scanlog_past_cap, true",
        "UNAVAILABLE, scanlog_unavailable, true",
        "MEMORY_FULL, scanlog_memory_full, true",
        "HANDOFF_FULL, scanlog_handoff_full, true",
        "COMMIT_LATE, scanlog_commit_late, false",
    })
    void code_isStable(ScanLogAlarm alarm, String code, boolean needsAPerson) {
        assertEquals(code, alarm.code());
        assertEquals(needsAPerson, alarm.needsAPerson());
    }

    @org.junit.jupiter.api.Test
    void everyAlarm_isPinned() {
        assertEquals(6, ScanLogAlarm.values().length, "a new alarm needs a row above");
    }
}
