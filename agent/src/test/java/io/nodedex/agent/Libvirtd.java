package io.nodedex.agent;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A private {@code libvirtd} (Debian package libvirt-daemon) for tests: its own config file,
 * UNIX sockets and pid file in {@code dir}, and no hypervisor driver modules
 * ({@code LIBVIRT_DRIVER_DIR} points at an empty directory), so it starts in well under a second
 * and serves only the test driver built into libvirt.so: {@link #testDriverUri()}.
 */
public final class Libvirtd implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/sbin/libvirtd");

    private final Path dir;
    private final Process process;

    private Libvirtd(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
    }

    public static Libvirtd start(Path dir) throws IOException {
        Path drivers = Files.createDirectories(dir.resolve("no-drivers"));
        Files.deleteIfExists(dir.resolve("libvirt-sock")); // left behind by a killed daemon
        Path config = Files.writeString(dir.resolve("libvirtd.conf"), """
                unix_sock_dir = "%s"
                unix_sock_rw_perms = "0700"
                auth_unix_rw = "none"
                auth_unix_ro = "none"
                """.formatted(dir));
        ProcessBuilder builder = new ProcessBuilder(BINARY.toString(),
                "--config", config.toString(), "--pid-file", dir.resolve("libvirtd.pid").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("libvirtd.log").toFile());
        builder.environment().put("LIBVIRT_DRIVER_DIR", drivers.toString());
        Libvirtd daemon = new Libvirtd(dir, builder.start());
        daemon.awaitSocket();
        return daemon;
    }

    public String testDriverUri() {
        return "test+unix:///default?socket=" + socket();
    }

    /** Freezes the daemon (SIGSTOP): it keeps its socket open but answers nothing. */
    void freeze() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-STOP", Long.toString(process.pid())).start();
        if (kill.waitFor() != 0) {
            fail("Could not stop libvirtd " + process.pid());
        }
    }

    /** Kills the daemon (SIGKILL), as a crash would, and waits until it is gone. */
    public void kill() {
        process.destroyForcibly().onExit().join();
    }

    @Override
    public void close() {
        kill();
    }

    private Path socket() {
        return dir.resolve("libvirt-sock");
    }

    /** Waits until the daemon accepts connections (the socket file appears before it listens). */
    private void awaitSocket() throws IOException {
        long deadline = System.nanoTime() + Handoff.DEADLINE.toNanos();
        while (!accepts()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                fail("libvirtd did not listen on " + socket() + ":\n"
                        + Files.readString(dir.resolve("libvirtd.log")));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    private boolean accepts() {
        try {
            SocketChannel.open(UnixDomainSocketAddress.of(socket())).close();
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }
}
