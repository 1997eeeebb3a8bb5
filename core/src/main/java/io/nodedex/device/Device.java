package io.nodedex.device;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One node device of one host, identified by its libvirt name ({@code scsi_host5},
 * {@code pci_0000_05_00_0}); bus addresses and sysfs paths are attributes, never identity
 * (docs/design.md, "Identity by name").
 *
 * @param name the libvirt device name, unique on its host
 * @param parent the parent device's name, when known
 * @param sysfsPath the device's sysfs path ({@code /sys/devices/...}), when known
 * @param driver the bound kernel driver, when known
 * @param attributes device-level elements with no typed field ({@code devnode}, ...)
 * @param capabilities every capability, nested ones flattened, in document order
 */
public record Device(String name, Optional<String> parent, Optional<String> sysfsPath,
        Optional<String> driver, List<Attribute> attributes, List<Capability> capabilities) {

    public Device {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new InvalidInputException("device name must not be blank");
        }
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(sysfsPath, "sysfsPath");
        Objects.requireNonNull(driver, "driver");
        attributes = List.copyOf(attributes);
        capabilities = List.copyOf(capabilities);
    }

    /** The first capability of the given record type, if the device has one. */
    public <C extends Capability> Optional<C> capability(Class<C> type) {
        for (int i = 0; i < capabilities.size(); i++) { // no iterator: asked several times per device in the indexer
            Capability capability = capabilities.get(i);
            if (type.isInstance(capability)) {
                return Optional.of(type.cast(capability));
            }
        }
        return Optional.empty();
    }

    /** Whether any capability has this libvirt type name. */
    public boolean hasCapability(String type) {
        for (Capability capability : capabilities) {
            if (capability.type().equals(type)) {
                return true;
            }
        }
        return false;
    }

    public Optional<FcHost> fcHost() {
        return capability(FcHost.class);
    }

    public Optional<VportOps> vportOps() {
        return capability(VportOps.class);
    }

    /** An fc_host that can create vports: the only kind of device that may parent a vHBA. */
    public boolean isVportCapable() {
        return fcHost().isPresent() && vportOps().isPresent();
    }

    /** An fc_host without vport_ops: a virtual HBA (or a port that cannot do NPIV). */
    public boolean isVhba() {
        return fcHost().isPresent() && vportOps().isEmpty();
    }
}
