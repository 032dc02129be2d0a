package dev.engram.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Handler;
import java.util.logging.Level;
import org.jboss.logging.MDC;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ids a queue message puts on log lines, and the JSON line format. */
class LogContextTest {

    @AfterEach
    void clear() {
        LogContext.clear();
    }

    @Test
    void chunkMessageTagsItsJobAndUserButNotFromNestedFields() {
        LogContext.putMessage("m-1", "{\"task_id\":\"tsk_1\",\"extraction_id\":\"ext_1\",\"user_id\":\"alice\","
                + "\"chunk\":{\"index\":0,\"user_id\":\"mallory\",\"text\":\"...\"}}");

        assertThat(MDC.get(LogContext.MESSAGE_ID)).isEqualTo("m-1");
        assertThat(MDC.get(LogContext.JOB_ID)).isEqualTo("tsk_1");
        assertThat(MDC.get(LogContext.USER_ID)).isEqualTo("alice");
    }

    @Test
    void s3NotificationTagsTheDropFolderUser() {
        LogContext.putMessage("m-2", "{\"Records\":[{\"s3\":{\"object\":{\"key\":\"drop/bob/notes.md\"}}}]}");

        assertThat(MDC.get(LogContext.USER_ID)).isEqualTo("bob");
        assertThat(MDC.get(LogContext.JOB_ID)).isNull();
    }

    @Test
    void aBodyThatIsNotJsonOnlyTagsTheMessage() {
        LogContext.putMessage("m-3", "not json {");

        assertThat(MDC.get(LogContext.MESSAGE_ID)).isEqualTo("m-3");
        assertThat(MDC.get(LogContext.USER_ID)).isNull();
    }

    @Test
    void jsonFormatterWritesOneObjectPerLineWithTheContext() {
        ConsoleHandler console = new ConsoleHandler();
        assertThat(JsonConsoleLogs.install(new Handler[] {console})).isEqualTo(1);
        MDC.put(LogContext.JOB_ID, "tsk_9");
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "chunk done", LogContextTest.class.getName());
        record.setLoggerName("dev.engram.process");
        record.copyMdc();

        String line = console.getFormatter().format(record);

        assertThat(line).startsWith("{").contains("\"message\":\"chunk done\"", "\"job_id\":\"tsk_9\"",
                "\"logger\":\"dev.engram.process\"", "\"level\":\"INFO\"").doesNotContain("\n{");
    }
}
