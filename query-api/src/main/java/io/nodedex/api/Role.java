package io.nodedex.api;

import java.util.Locale;

/**
 * What a caller may do (docs/design.md, "API authentication"). A token has the role
 * {@link #READ} or {@link #ADMIN}; a route names the role it needs, {@link #ANYONE} for the few
 * open to every caller ({@code /healthz}, {@code /readyz}).
 */
enum Role {
    /** No token needed. Never a token's role. */
    ANYONE,
    /** Every read route: the inventory, lookups, audits, the API's description. */
    READ,
    /** Everything {@link #READ} may, the metrics, and the write routes to come. */
    ADMIN;

    /** Whether a caller with this role may call a route that needs {@code needed}. */
    boolean grants(Role needed) {
        return needed == ANYONE || this == ADMIN || this == needed;
    }

    /** {@code read}, {@code admin}: how token files and messages spell it. */
    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
