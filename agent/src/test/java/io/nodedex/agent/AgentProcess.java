package io.nodedex.agent;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The agent as its own process, for {@link FootprintHarness}: runs until SIGTERM, as
 * {@code nodedex agent} does, and prints {@code started <epoch ms>} when it calls
 * {@link Agent#start}.
 *
 * <p>Arguments: {@code BOOTSTRAP_SERVERS TOPIC LIBVIRT_URI STATE_DIR}; sysfs is the real {@code /sys}.
 */
public final class AgentProcess {

    private AgentProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        AgentConfig config = AgentConfig.defaults("footprint-host")
                .withKafka(KafkaSettings.DEFAULT.withBootstrapServers(args[0]).withTopic(args[1]))
                .withLibvirt(Optional.of(LibvirtSourceSettings.of(args[2])))
                .withSysfs(Optional.of(SysfsSourceSettings.of(AgentConfig.DEFAULT_SYSFS_ROOT,
                        AgentConfig.DEFAULT_RESCAN_INTERVAL)))
                .withStateDirectory(Path.of(args[3]));
        System.out.println("started " + System.currentTimeMillis());
        System.out.flush();
        Agent agent = Agent.start(config);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            closed.countDown();
        }));
        closed.await();
    }
}
