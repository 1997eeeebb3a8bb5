package io.nodedex.event.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Every released version of the event schema, oldest first. Each is frozen, in full, as the
 * resource {@code io/nodedex/schemas/history/event-vN.avsc}, numbered from 1 without gaps; the
 * last one is the schema this build writes (the one {@code src/main/avro/event.avsc} generates).
 * Releasing a change to the schema means adding the next file, never editing one.
 *
 * <ul>
 *   <li>v1: the first release.
 *   <li>v2: {@code FcHost} gains the optional {@code portState} and {@code speed} (default null)
 *       that sysfs reports and libvirt's XML does not; NPIV parent resolution rejects ports that
 *       are not Online. Events written with v1 read as "unknown" for both.
 *   <li>v3: the payload {@code HostRetired}, published by {@code nodedex host retire}; older
 *       writers never wrote it, so every older event still reads as before.
 *   <li>v4: the payloads {@code HostEnrolled} and {@code HostReset}, published by
 *       {@code nodedex host enroll} and {@code nodedex host reset}; older events read as before.
 *   <li>v5: the payloads of provisioning ({@code VhbaRequested}, {@code VhbaDeleteRequested},
 *       {@code VhbaOutcome}, {@code VhbaRequestExpired}, and {@code VhbaCommand} for the commands
 *       topic); older events read as before.
 * </ul>
 */
final class SchemaHistory {

    private static final String LOCATION = "/io/nodedex/schemas/history/";

    /** One released version: its number, its schema and its CRC-64-AVRO fingerprint. */
    record Version(int number, Schema schema, long fingerprint) {

        Version(int number, Schema schema) {
            this(number, schema, Fingerprints.of(schema));
        }

        @Override
        public String toString() {
            return "v" + number + " (" + Fingerprints.hex(fingerprint) + ")";
        }
    }

    private SchemaHistory() {
    }

    /** Every released version, oldest first; never empty. */
    static List<Version> load() {
        List<Version> versions = new ArrayList<>();
        for (int number = 1;; number++) {
            String resource = resourceName(number);
            try (InputStream in = SchemaHistory.class.getResourceAsStream(resource)) {
                if (in == null) {
                    break;
                }
                versions.add(new Version(number, new Schema.Parser().parse(in)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read event schema " + resource, e);
            }
        }
        if (versions.isEmpty()) {
            throw new IllegalStateException("no event schema found at " + resourceName(1));
        }
        return List.copyOf(versions);
    }

    static String resourceName(int number) {
        return LOCATION + "event-v" + number + ".avsc";
    }
}
