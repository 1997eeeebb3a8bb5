package io.nodedex.device;

/**
 * A capability of a node device, as libvirt names them ({@code scsi_host}, {@code fc_host},
 * {@code vport_ops}, {@code pci}, ...). The capabilities nodedex reasons about have typed
 * records; every other one is kept as a {@link GenericCapability} so that nothing is lost.
 *
 * <p>libvirt nests {@code fc_host} and {@code vport_ops} inside {@code scsi_host} (and other
 * sub-capabilities inside their owners); nodedex flattens them into one list per device, in
 * document order, as libvirt's own {@code virNodeDeviceListCaps} does.
 */
public sealed interface Capability
        permits ScsiHost, FcHost, VportOps, FcRemotePort, GenericCapability {

    /** The libvirt capability type name, e.g. {@code fc_host}. */
    String type();
}
