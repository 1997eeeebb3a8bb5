package io.nodedex.cli;

/**
 * The exit codes of every nodedex command, documented in the README. Scripts rely on them:
 * never renumber, only add.
 */
final class ExitCodes {
    /** The command did what was asked. */
    static final int OK = 0;
    /** Something unexpected failed (a bug, an I/O error); the message says what. */
    static final int FAILURE = 1;
    /** Bad input: a usage error, a malformed WWN, unreadable XML, a broken sysfs tree. */
    static final int BAD_INPUT = 2;
    /** Nothing matched: no such host or device, or no NPIV parent qualifies. */
    static final int NOT_FOUND = 3;
    /** The request contradicts the data: e.g. the named NPIV parent is not vport capable. */
    static final int CONFLICT = 4;
    /** A server the command needs is unreachable or not ready. */
    static final int UNAVAILABLE = 5;
    /**
     * The server refused the caller: no token or one it does not know (HTTP 401), or a token
     * whose role does not grant the request (HTTP 403).
     */
    static final int DENIED = 6;
    /** {@code nodedex wait} gave up: what it waited for did not happen within {@code --timeout}. */
    static final int TIMED_OUT = 7;
    /**
     * The change feed no longer holds every change after the cursor given (HTTP 410): read the
     * state again and watch from now.
     */
    static final int GONE = 8;

    private ExitCodes() {
    }
}
