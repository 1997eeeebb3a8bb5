package io.nodedex.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * docker/Dockerfile: one image for every role, its entrypoint the {@code nodedex} command, run by
 * an unprivileged user, with libvirt's library for the agent and the agent's classes in the
 * AppCDS archive recorded at build time. Skipped where no Docker engine answers.
 */
@Testcontainers(disabledWithoutDocker = true)
class ProjectImageTest {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);

    /** Runs the image once to its end with this shell command line, and returns what it printed. */
    private static String shell(String commandLine) {
        try (GenericContainer<?> container = new GenericContainer<>(ProjectImage.get())
                .withCreateContainerCmdModifier(create -> create.withEntrypoint("/bin/sh", "-c"))
                .withCommand(commandLine)
                .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(RUN_TIMEOUT))) {
            container.start();
            return container.getLogs();
        }
    }

    @Test
    void theEntrypointIsTheNodedexCommand() {
        try (GenericContainer<?> container = new GenericContainer<>(ProjectImage.get())
                .withCommand("--help")
                .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(RUN_TIMEOUT))) {
            container.start();

            assertThat(container.getLogs()).contains("Usage: nodedex", "agent", "serve", "topics", "fleet");
        }
    }

    @Test
    void itRunsAsTheUnprivilegedNodedexUser() {
        assertThat(shell("id -u; id -g").lines().toList()).containsExactly("10001", "10001");
    }

    @Test
    void anAgentReadsASimulatedHostThroughLibvirtWithItsClassesFromTheArchive() {
        String logs = shell("nodedex fleet --out /tmp/fleet --hosts 2 --seed 1 >/dev/null 2>&1"
                + " && JAVA_OPTS='-Xmx64m -Xlog:class+load=info' timeout -s TERM 20 nodedex agent --dry-run"
                + " --host-id hv01 --libvirt-uri test:///tmp/fleet/hv01.xml --sysfs /tmp/fleet/hv01/sys"
                + " --state-dir /tmp/state --heartbeat-interval 1h; true");

        assertThat(logs).contains("\"hostId\":\"hv01\"").contains("\"source\":\"LIBVIRT\"", "\"type\":\"snapshot\"")
                .contains("\"source\":\"UDEV\"");
        assertThat(logs).containsPattern("io\\.nodedex\\.agent\\.Agent source: shared objects file \\(top\\)");
    }
}
