package io.nodedex.agent;

/**
 * Turns the calling thread's last libvirt error into a {@link LibvirtException}.
 *
 * <p>libvirt keeps the last error per thread, and every public libvirt function resets it on
 * entry. So call {@link #lastError} on the thread that made the failing call, right after it and
 * before any other libvirt call (freeing an object counts).
 */
final class LibvirtErrors {

    private LibvirtErrors() {
    }

    /**
     * Copies the thread's last libvirt error, resets it, and returns it as an exception whose
     * message starts with {@code operation} (what we were doing, naming the device or URI).
     */
    static LibvirtException lastError(String operation) {
        LibvirtNative lib = LibvirtNative.LIB;
        LibvirtNative.VirError copy = new LibvirtNative.VirError();
        int code = lib.virCopyLastError(copy);
        try {
            if (code <= 0) {
                return new LibvirtException(operation, 0, 0, "libvirt recorded no error");
            }
            String message = copy.message == null
                    ? "libvirt gave no message" : copy.message.getString(0, "UTF-8");
            return new LibvirtException(operation, copy.code, copy.domain, message);
        } finally {
            lib.virResetError(copy);
            lib.virResetLastError();
        }
    }
}
