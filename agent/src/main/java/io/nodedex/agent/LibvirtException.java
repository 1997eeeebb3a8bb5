package io.nodedex.agent;

/**
 * A libvirt call failed. Carries libvirt's own error code ({@code virErrorNumber}), error domain
 * ({@code virErrorDomain}: which part of libvirt raised it, e.g. 12 for the test driver, 13 for the
 * remote driver) and message, copied from the calling thread's last libvirt error. The exception
 * message says what nodedex was doing (naming the device or URI) followed by libvirt's message.
 */
final class LibvirtException extends RuntimeException {

    private final int code;
    private final int domain;
    private final String libvirtMessage;

    LibvirtException(String operation, int code, int domain, String libvirtMessage) {
        super(operation + " failed: " + libvirtMessage
                + " (libvirt error code " + code + ", domain " + domain + ")");
        this.code = code;
        this.domain = domain;
        this.libvirtMessage = libvirtMessage;
    }

    /** libvirt's error code ({@code virErrorNumber}), 0 if libvirt recorded no error. */
    public int code() {
        return code;
    }

    /** libvirt's error domain ({@code virErrorDomain}). */
    public int domain() {
        return domain;
    }

    /** libvirt's own message, without nodedex's context. */
    public String libvirtMessage() {
        return libvirtMessage;
    }

    /** Whether libvirt reported exactly {@code expected}. */
    public boolean hasCode(LibvirtErrorCode expected) {
        return code == expected.code();
    }
}
