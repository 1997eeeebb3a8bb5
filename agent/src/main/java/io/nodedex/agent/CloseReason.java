package io.nodedex.agent;

/** Why libvirt closed a connection ({@code virConnectCloseReason} in libvirt-common.h). */
enum CloseReason {
    /** Miscellaneous I/O error. */
    ERROR,
    /** End of file from the server, e.g. the daemon died or was restarted. */
    EOF,
    /** The keepalive timer expired: the server stopped answering. */
    KEEPALIVE,
    /** The client asked for it. */
    CLIENT,
    /** A reason code newer than this mapping. */
    UNKNOWN;

    static CloseReason fromNative(int reason) {
        return switch (reason) {
            case 0 -> ERROR;
            case 1 -> EOF;
            case 2 -> KEEPALIVE;
            case 3 -> CLIENT;
            default -> UNKNOWN;
        };
    }
}
