package io.nodedex.kafka.embedded;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import kafka.server.FaultHandlerFactory;
import org.apache.kafka.server.fault.FaultHandler;
import org.apache.kafka.server.fault.FaultHandlerException;
import org.apache.kafka.server.fault.LoggingFaultHandler;

/**
 * Fault handlers for an in-process broker: a fault Kafka calls fatal is logged and remembered
 * instead of halting the JVM, which is what a stand-alone broker does and what would kill the
 * test run or the all-in-one process that hosts this broker.
 *
 * <p>Threading: Kafka's threads call the handlers concurrently; the first fatal fault is kept
 * in an atomic reference that any thread may read.
 */
final class ReportingFaultHandlers implements FaultHandlerFactory {

    private final AtomicReference<FaultHandlerException> firstFatalFault = new AtomicReference<>();

    @Override
    public FaultHandler build(String name, boolean fatal, Runnable action) {
        FaultHandler logging = new LoggingFaultHandler(name, action);
        if (!fatal) {
            return logging;
        }
        return (message, cause) -> {
            RuntimeException fault = logging.handleFault(message, cause);
            firstFatalFault.compareAndSet(null,
                    new FaultHandlerException("fatal fault in " + name + ": " + message, cause));
            return fault;
        };
    }

    /** The first fault Kafka reported as fatal, if any. */
    Optional<FaultHandlerException> firstFatalFault() {
        return Optional.ofNullable(firstFatalFault.get());
    }
}
