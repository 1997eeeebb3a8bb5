package io.nodedex.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.server.fault.FaultHandler;
import org.junit.jupiter.api.Test;

class ReportingFaultHandlersTest {

    private final ReportingFaultHandlers faults = new ReportingFaultHandlers();
    private final AtomicInteger actions = new AtomicInteger();

    @Test
    void aFatalFaultRunsItsActionAndIsRememberedInsteadOfHaltingTheJvm() {
        FaultHandler handler = faults.build("raft manager", true, actions::incrementAndGet);
        IllegalStateException cause = new IllegalStateException("disk gone");

        RuntimeException returned = handler.handleFault("cannot append", cause);

        assertThat(returned).hasCause(cause);
        assertThat(actions).hasValue(1);
        assertThat(faults.firstFatalFault()).hasValueSatisfying(fault -> assertThat(fault)
                .hasMessage("fatal fault in raft manager: cannot append")
                .hasCause(cause));
    }

    @Test
    void theFirstFatalFaultIsKept() {
        faults.build("controller startup", true, actions::incrementAndGet)
                .handleFault("first", null);
        faults.build("quorum controller", true, actions::incrementAndGet)
                .handleFault("second", null);

        assertThat(faults.firstFatalFault()).hasValueSatisfying(fault ->
                assertThat(fault).hasMessageContaining("first"));
    }

    @Test
    void aNonFatalFaultRunsItsActionAndIsNotRemembered() {
        faults.build("metadata publishing", false, actions::incrementAndGet)
                .handleFault("could not publish", null);

        assertThat(actions).hasValue(1);
        assertThat(faults.firstFatalFault()).isEmpty();
    }
}
