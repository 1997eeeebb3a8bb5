package io.nodedex.indexer;

import static io.nodedex.testkit.Devices.liveHba;
import static io.nodedex.testkit.Devices.pci;
import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.device.Device;
import io.nodedex.event.Event;
import io.nodedex.event.EventHeader;
import io.nodedex.event.HostEnrolled;
import io.nodedex.event.HostReset;
import io.nodedex.event.HostRetired;
import io.nodedex.event.Payload;
import io.nodedex.event.Source;
import io.nodedex.event.signing.SigningKey;
import io.nodedex.testkit.Events;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may publish what, on a real RocksDB: a replica that checks signatures applies a host's
 * records only when signed by the key enrolled for it, and the administrators' records only when
 * signed by their key; no replica lets an incarnation run ahead of the broker's clock.
 */
class AdmissionTest {

    private static final SigningKey ADMIN = SigningKey.generate();
    private static final SigningKey HV01_KEY = SigningKey.generate();
    private static final SigningKey HV02_KEY = SigningKey.generate();
    /** When the broker logged every record of these tests. */
    private static final Instant LOGGED = Instant.parse("2026-12-03T10:00:00Z");
    private static final Device HBA = liveHba("scsi_host1", 0x2000_0000_0000_0001L, 0x1000_0000_0000_0001L,
            0x1000_0005_1e9a_0001L, "Online", 255, 3);

    @TempDir
    Path directory;
    private FoldHarness fold;
    /** hv01's libvirt source, started (its incarnation) ten minutes before the records were logged. */
    private final Events hv01 = new Events("hv01", Source.LIBVIRT, LOGGED.minusSeconds(600).toEpochMilli());

    @BeforeEach
    void open() {
        fold = FoldHarness.open(directory, new Admission(Optional.of(ADMIN.publicKey()), Duration.ofHours(1)));
    }

    @AfterEach
    void close() {
        fold.close();
    }

    @Test
    void aHostWithoutAnEnrolledKeyIsRefusedWithWhatToDo() {
        List<Optional<String>> refusals = fold.pollReceived(List.of(signed(HV01_KEY, hv01.snapshot(HBA))));

        assertThat(refusals).containsExactly(Optional.of("host 'hv01' has no enrolled key: the HostSnapshot record of"
                + " host 'hv01' is refused (enrol the host's key with nodedex host enroll)"));
        assertThat(fold.reader().devices("hv01")).isEmpty();
    }

    @Test
    void anEnrolledHostsSignedRecordsApply() {
        List<Optional<String>> refusals = fold.pollReceived(List.of(
                signed(ADMIN, admin("hv01", new HostEnrolled(HV01_KEY.publicKey()))),
                signed(HV01_KEY, hv01.snapshot(pci("pci_0000_05_00_0"), HBA))));

        assertThat(refusals).containsExactly(Optional.empty(), Optional.empty());
        assertThat(fold.reader().devices("hv01")).containsExactly(pci("pci_0000_05_00_0"), HBA);
    }

    @Test
    void anUnsignedRecordOrOneSignedByAnotherHostsKeyChangesNothing() {
        fold.pollReceived(List.of(signed(ADMIN, admin("hv01", new HostEnrolled(HV01_KEY.publicKey()))),
                signed(HV01_KEY, hv01.snapshot(HBA))));
        String before = fold.digest();

        List<Optional<String>> refusals = fold.pollReceived(List.of(
                new Received(hv01.snapshot(), Optional.empty(), Optional.of(LOGGED), new LogPosition(0, 0)),
                signed(HV02_KEY, hv01.snapshot())));

        assertThat(refusals).containsExactly(
                Optional.of("the HostSnapshot record of host 'hv01' is not signed, not by the host's enrolled key ("
                        + HV01_KEY.publicKey().fingerprint() + ")"),
                Optional.of("the HostSnapshot record of host 'hv01' is signed by " + HV02_KEY.publicKey().fingerprint()
                        + ", not by the host's enrolled key (" + HV01_KEY.publicKey().fingerprint() + ")"));
        assertThat(fold.digest()).isEqualTo(before);
        assertThat(fold.reader().devices("hv01")).containsExactly(HBA);
    }

    @Test
    void onlyTheAdministratorsKeyEnrolsRetiresOrResets() {
        fold.pollReceived(List.of(signed(ADMIN, admin("hv01", new HostEnrolled(HV01_KEY.publicKey()))),
                signed(HV01_KEY, hv01.snapshot(HBA))));
        String before = fold.digest();

        List<Optional<String>> refusals = fold.pollReceived(List.of(
                signed(HV01_KEY, admin("hv01", new HostEnrolled(HV02_KEY.publicKey()))),
                new Received(admin("hv01", new HostRetired()), Optional.empty(), Optional.of(LOGGED), new LogPosition(0, 0)),
                signed(HV02_KEY, admin("hv01", new HostReset()))));

        String adminKey = ADMIN.publicKey().fingerprint();
        assertThat(refusals).containsExactly(
                Optional.of("the HostEnrolled record of host 'hv01' is signed by " + HV01_KEY.publicKey().fingerprint()
                        + ", not by the administrators' key (" + adminKey + ")"),
                Optional.of("the HostRetired record of host 'hv01' is not signed, not by the administrators' key ("
                        + adminKey + ")"),
                Optional.of("the HostReset record of host 'hv01' is signed by " + HV02_KEY.publicKey().fingerprint()
                        + ", not by the administrators' key (" + adminKey + ")"));
        assertThat(fold.digest()).isEqualTo(before);
    }

    @Test
    void aRetirementRevokesTheKeyUntilTheHostIsEnrolledAgain() {
        fold.pollReceived(List.of(signed(ADMIN, admin("hv01", new HostEnrolled(HV01_KEY.publicKey()))),
                signed(HV01_KEY, hv01.snapshot(HBA)), signed(ADMIN, admin("hv01", new HostRetired()))));

        assertThat(fold.pollReceived(List.of(signed(HV01_KEY, hv01.snapshot(HBA)))).get(0))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("host 'hv01' has no enrolled key"));
        assertThat(fold.pollReceived(List.of(signed(ADMIN, admin("hv01", new HostEnrolled(HV02_KEY.publicKey()))),
                signed(HV02_KEY, hv01.snapshot(HBA))))).containsOnly(Optional.empty());
        assertThat(fold.reader().devices("hv01")).containsExactly(HBA);
    }

    @Test
    void anIncarnationMoreThanTheAllowedSkewAheadOfTheBrokersClockIsRefused() {
        fold.pollReceived(List.of(signed(ADMIN, admin("hv03", new HostEnrolled(HV01_KEY.publicKey())))));
        Events forged = new Events("hv03", Source.UDEV, Long.MAX_VALUE - 1000);
        Events clockTwoHoursAhead = new Events("hv03", Source.UDEV, LOGGED.plus(Duration.ofHours(2)).toEpochMilli());
        Events clockHalfAnHourAhead = new Events("hv03", Source.UDEV,
                LOGGED.plus(Duration.ofMinutes(30)).toEpochMilli());

        List<Optional<String>> refusals = fold.pollReceived(List.of(signed(HV01_KEY, forged.snapshot()),
                signed(HV01_KEY, clockTwoHoursAhead.snapshot()), signed(HV01_KEY, clockHalfAnHourAhead.snapshot(HBA))));

        assertThat(refusals).containsExactly(
                Optional.of("the HostSnapshot record of host 'hv03' has incarnation 9223372036854774807"
                        + " (+292278994-08-17T07:12:54.807Z), more than PT1H after the broker logged it"
                        + " (2026-12-03T10:00:00Z): the agent's clock is ahead; fix it and restart the agent"),
                Optional.of("the HostSnapshot record of host 'hv03' has incarnation 1796299200000"
                        + " (2026-12-03T12:00:00Z), more than PT1H after the broker logged it (2026-12-03T10:00:00Z):"
                        + " the agent's clock is ahead; fix it and restart the agent"),
                Optional.empty());
        assertThat(fold.reader().devices("hv03")).containsExactly(HBA);
    }

    @Test
    void aResetLetsAHostWhoseWatermarkRanAheadApplyAgainKeepingItsDevices() {
        Events ahead = new Events("hv03", Source.UDEV, LOGGED.plus(Duration.ofMinutes(50)).toEpochMilli());
        Events real = new Events("hv03", Source.UDEV, LOGGED.minusSeconds(60).toEpochMilli());
        fold.pollReceived(List.of(signed(ADMIN, admin("hv03", new HostEnrolled(HV01_KEY.publicKey()))),
                signed(HV01_KEY, ahead.snapshot(HBA))));
        fold.pollReceived(List.of(signed(HV01_KEY, real.snapshot(pci("pci_0000_05_00_0")))));
        assertThat(fold.reader().devices("hv03")).as("the real snapshot is older than the watermark: skipped")
                .containsExactly(HBA);

        fold.pollReceived(List.of(signed(ADMIN, admin("hv03", new HostReset()))));
        assertThat(fold.reader().devices("hv03")).as("a reset keeps the devices").containsExactly(HBA);
        fold.pollReceived(List.of(signed(HV01_KEY, real.snapshot(pci("pci_0000_05_00_0")))));

        assertThat(fold.reader().devices("hv03")).containsExactly(pci("pci_0000_05_00_0"));
    }

    @Test
    void vhbaRequestsApplyOnlyWhenTheCommandKeySignedThem() {
        SigningKey command = SigningKey.generate();
        Admission admission = new Admission(Optional.of(ADMIN.publicKey()), Duration.ofHours(1),
                Optional.of(command.publicKey()));
        Event request = admin("hv01", new io.nodedex.event.VhbaRequested("r1", io.nodedex.npiv.Criteria.any(),
                io.nodedex.npiv.ParentPolicy.LOWEST_WWPN, Optional.empty(), Optional.empty()));

        assertThat(admission.refusal(signed(command, request), Optional::empty)).isEmpty();
        assertThat(admission.refusal(signed(HV01_KEY, request), () -> Optional.of(HV01_KEY.publicKey())))
                .contains("the VhbaRequested record of host 'hv01' is signed by " + HV01_KEY.publicKey().fingerprint()
                        + ", not by the API's command key (" + command.publicKey().fingerprint() + ")");
        assertThat(new Admission(Optional.of(ADMIN.publicKey()), Duration.ofHours(1))
                .refusal(signed(command, request), Optional::empty)).get().asString()
                .contains("this replica was given no command key");
    }

    private static Received signed(SigningKey key, Event event) {
        return new Received(event, Optional.of(key.publicKey()), Optional.of(LOGGED), new LogPosition(0, 0));
    }

    /** An administrators' record for {@code hostId}, numbered as {@code nodedex host} numbers them. */
    private static Event admin(String hostId, Payload payload) {
        return new Event(new EventHeader(hostId, LOGGED.toEpochMilli(), 0, Source.LIBVIRT, LOGGED), payload);
    }
}
