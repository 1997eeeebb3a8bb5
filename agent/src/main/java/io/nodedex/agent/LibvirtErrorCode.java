package io.nodedex.agent;

/**
 * The libvirt error codes ({@code virErrorNumber} in virterror.h) that nodedex acts on. A
 * {@link LibvirtException} carries any code libvirt reports; this enum only names the ones code
 * here or in callers tests for, via {@link LibvirtException#hasCode(LibvirtErrorCode)}.
 */
enum LibvirtErrorCode {
    /** {@code VIR_ERR_NO_SUPPORT}: the driver does not implement the function. */
    NO_SUPPORT(3),
    /** {@code VIR_ERR_NO_CONNECT}: could not connect to the hypervisor. */
    NO_CONNECT(5),
    /** {@code VIR_ERR_SYSTEM_ERROR}: a system call failed (e.g. a socket could not be reached). */
    SYSTEM_ERROR(38),
    /** {@code VIR_ERR_NO_NODE_DEVICE}: no node device with that name. */
    NO_NODE_DEVICE(53),
    /** {@code VIR_ERR_OPERATION_INVALID}: the operation does not apply to the object now. */
    OPERATION_INVALID(55);

    private final int code;

    LibvirtErrorCode(int code) {
        this.code = code;
    }

    /** The numeric value libvirt uses. */
    public int code() {
        return code;
    }
}
