package io.nodedex.indexer;

/**
 * The changes after a cursor are no longer all kept: the history's retention pruned one the
 * cursor had not seen (docs/design.md, "Watching changes"). The watcher must read the state again
 * and watch from now, as a Kubernetes watcher does on {@code 410 Gone}.
 */
public final class ChangesGoneException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ChangesGoneException(String message) {
        super(message);
    }
}
