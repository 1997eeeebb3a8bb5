package io.nodedex.npiv;

import io.nodedex.device.FcHost;
import io.nodedex.device.InvalidInputException;
import io.nodedex.device.Wwn;
import java.util.Objects;
import java.util.Optional;

/**
 * The one criterion a request may put on the parent: its device name, its WWNN+WWPN pair, the
 * fabric it is logged into, or none at all ({@link #any()}). When a caller has several, libvirt's
 * precedence is name, then WWN pair, then fabric; nodedex instead rejects such requests (see
 * {@link NpivRequest#of}).
 *
 * <p>WWNs are compared as numbers, so {@code 0x}-prefixed or upper-case input matches what sysfs
 * and libvirt print (docs/design.md, "WWNs are numbers").
 */
public sealed interface Criteria
        permits Criteria.ByName, Criteria.ByWwnPair, Criteria.ByFabric, Criteria.Any {

    /** The stable name of this kind of criterion in answers: {@code name}, {@code wwnn_wwpn}, ... */
    String wireName();

    /**
     * Why an fc_host device does not satisfy the criterion, or empty when it does.
     *
     * @param deviceName the device's name
     * @param fcHost the device's {@code fc_host} capability
     */
    Optional<String> mismatch(String deviceName, FcHost fcHost);

    /** The parent with exactly this device name, e.g. {@code scsi_host5}. */
    static Criteria byName(String name) {
        return new ByName(name);
    }

    /** The parent with this node name and port name. */
    static Criteria byWwnPair(Wwn wwnn, Wwn wwpn) {
        return new ByWwnPair(wwnn, wwpn);
    }

    /** Any parent logged into this fabric. */
    static Criteria byFabric(Wwn fabricWwn) {
        return new ByFabric(fabricWwn);
    }

    /** Any vport-capable parent. */
    static Criteria any() {
        return Any.INSTANCE;
    }

    /** The parent named {@code name}. */
    record ByName(String name) implements Criteria {

        private static final String WIRE_NAME = "name";

        public ByName {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new InvalidInputException("parent name must not be blank");
            }
        }

        @Override
        public String wireName() {
            return WIRE_NAME;
        }

        @Override
        public Optional<String> mismatch(String deviceName, FcHost fcHost) {
            return deviceName.equals(name)
                    ? Optional.empty()
                    : Optional.of("not the named parent " + name);
        }

        @Override
        public String toString() {
            return WIRE_NAME + " " + name;
        }
    }

    /** The parent whose node name is {@code wwnn} and whose port name is {@code wwpn}. */
    record ByWwnPair(Wwn wwnn, Wwn wwpn) implements Criteria {

        private static final String WIRE_NAME = "wwnn_wwpn";

        public ByWwnPair {
            Objects.requireNonNull(wwnn, "wwnn");
            Objects.requireNonNull(wwpn, "wwpn");
        }

        @Override
        public String wireName() {
            return WIRE_NAME;
        }

        @Override
        public Optional<String> mismatch(String deviceName, FcHost fcHost) {
            if (!fcHost.wwpn().equals(wwpn)) {
                return Optional.of("wwpn " + fcHost.wwpn() + " does not match requested " + wwpn);
            }
            if (!fcHost.wwnn().equals(wwnn)) {
                return Optional.of("wwnn " + fcHost.wwnn() + " does not match requested " + wwnn);
            }
            return Optional.empty();
        }

        @Override
        public String toString() {
            return WIRE_NAME + " " + wwnn + "/" + wwpn;
        }
    }

    /** Any parent logged into the fabric {@code fabricWwn}. */
    record ByFabric(Wwn fabricWwn) implements Criteria {

        private static final String WIRE_NAME = "fabric_wwn";

        public ByFabric {
            Objects.requireNonNull(fabricWwn, "fabricWwn");
        }

        @Override
        public String wireName() {
            return WIRE_NAME;
        }

        @Override
        public Optional<String> mismatch(String deviceName, FcHost fcHost) {
            return fcHost.fabricWwn()
                    .map(fabric -> fabric.equals(fabricWwn)
                            ? Optional.<String>empty()
                            : Optional.of("fabric " + fabric + " is not the requested fabric " + fabricWwn))
                    .orElseGet(() -> Optional.of("fabric unknown, not the requested fabric " + fabricWwn));
        }

        @Override
        public String toString() {
            return WIRE_NAME + " " + fabricWwn;
        }
    }

    /** No criterion: every vport-capable parent qualifies. */
    record Any() implements Criteria {

        private static final String WIRE_NAME = "any";

        private static final Any INSTANCE = new Any();

        @Override
        public String wireName() {
            return WIRE_NAME;
        }

        @Override
        public Optional<String> mismatch(String deviceName, FcHost fcHost) {
            return Optional.empty();
        }

        @Override
        public String toString() {
            return WIRE_NAME;
        }
    }
}
