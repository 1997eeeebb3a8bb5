package io.nodedex.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Lowers the log levels for {@code all-in-one}: dozens of components in one process would bury
 * its progress lines under their INFO lines (one per agent and source) and Kafka's start-up
 * warnings. nodedex keeps WARN, Kafka ERROR. {@code NODEDEX_LOG_LEVEL}, when set, wins (see
 * {@code log4j2.properties}).
 */
final class QuietLogs {

    static final String LEVEL_VARIABLE = "NODEDEX_LOG_LEVEL";

    private QuietLogs() {
    }

    static void apply() {
        if (System.getenv(LEVEL_VARIABLE) != null) {
            return;
        }
        Configurator.setLevel("io.nodedex", Level.WARN);
        Configurator.setLevel("org.apache.kafka", Level.ERROR);
        Configurator.setLevel("kafka", Level.ERROR);
    }
}
