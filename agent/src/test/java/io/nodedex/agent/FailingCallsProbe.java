package io.nodedex.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Run in a child JVM by {@link LibvirtErrorsTest}: makes libvirt fail in every way we know and
 * prints how many calls failed; its stderr must stay empty.
 */
public final class FailingCallsProbe {

    static final int FAILURES = 6;

    private FailingCallsProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path broken = Files.writeString(dir.resolve("probe-broken.xml"), "<node><device>");
        List<Runnable> failing = List.of(
                () -> LibvirtConnection.open("test://" + dir.resolve("probe-missing.xml")),
                () -> LibvirtConnection.open("test://" + broken),
                () -> LibvirtConnection.open("test+unix:///default?socket=" + dir.resolve("none")),
                () -> withDefault(c -> c.nodeDeviceXml("scsi_host404")),
                () -> withDefault(c -> c.createNodeDevice("<device><parent>")),
                () -> withDefault(c -> c.destroyNodeDevice("scsi_host404")));
        int failures = 0;
        for (Runnable call : failing) {
            try {
                call.run();
            } catch (RuntimeException expected) {
                failures++;
            }
        }
        System.out.println("failures: " + failures);
    }

    private static void withDefault(java.util.function.Consumer<LibvirtConnection> call) {
        try (LibvirtConnection connection = LibvirtConnection.open("test:///default")) {
            call.accept(connection);
        }
    }
}
