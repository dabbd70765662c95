package io.limen.agent.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.config.LogLevel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogLevelsTest {

    @AfterEach
    void restore() {
        System.clearProperty(LogLevels.AGENT_LOGGERS);
    }

    @Test
    void debug_turnsOnDebugForAgentLoggersCreatedAfterwards() {
        LogLevels.applyAtStart(LogLevel.DEBUG);

        assertTrue(LoggerFactory.getLogger("io.limen.agent.test.Debugged").isDebugEnabled());
        assertFalse(LoggerFactory.getLogger("org.example.Other").isDebugEnabled(), "only the agent's loggers");
    }

    @Test
    void error_silencesWarningsOfAgentLoggersCreatedAfterwards() {
        LogLevels.applyAtStart(LogLevel.ERROR);

        assertFalse(LoggerFactory.getLogger("io.limen.agent.test.Quiet").isWarnEnabled());
        assertTrue(LoggerFactory.getLogger("io.limen.agent.test.Quiet").isErrorEnabled());
    }
}
