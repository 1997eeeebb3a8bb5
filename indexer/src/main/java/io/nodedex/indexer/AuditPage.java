package io.nodedex.indexer;

import io.nodedex.audit.Finding;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One page of the audit findings the indexer keeps, and how many findings of each kind there are
 * in all, read from one snapshot. Immutable.
 *
 * @param page the findings of the page, in the audit's order (by kind, then devices, then message)
 * @param counts the number of findings of every kind, over all pages (0 for none), in the order
 *     of {@link Finding.Kind}
 */
public record AuditPage(Page<Finding> page, Map<Finding.Kind, Long> counts) {

    public AuditPage {
        Objects.requireNonNull(page, "page");
        Map<Finding.Kind, Long> every = new EnumMap<>(Finding.Kind.class);
        for (Finding.Kind kind : Finding.Kind.values()) {
            every.put(kind, counts.getOrDefault(kind, 0L));
        }
        counts = Collections.unmodifiableMap(every);
    }
}
