package io.nodedex.kafka.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Runs one task per node, each on a thread of its own, and waits for all of them: the nodes of a
 * cluster start together (a broker is unfenced only once a majority of controllers runs) and stop
 * together.
 *
 * <p>Threading: {@link #run} blocks the caller until every task has ended.
 */
final class Concurrently {

    private Concurrently() {
    }

    /**
     * Runs {@code task} on each of {@code nodes} at once and waits for every one.
     *
     * @throws IllegalStateException naming {@code what}, when a task fails, with its failure as the
     *     cause and the other failures suppressed
     */
    static void run(String what, List<BrokerNode> nodes, Consumer<BrokerNode> task) {
        if (nodes.size() == 1) {
            task.accept(nodes.get(0));
            return;
        }
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (BrokerNode node : nodes) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try {
                    task.accept(node);
                    done.complete(null);
                } catch (RuntimeException | Error e) {
                    done.completeExceptionally(e);
                }
            }, "nodedex-embedded-kafka-node-" + node.nodeId());
            thread.start();
            running.add(done);
        }
        Optional<IllegalStateException> failure = Optional.empty();
        for (CompletableFuture<Void> done : running) {
            try {
                done.join();
            } catch (CompletionException e) {
                if (failure.isEmpty()) {
                    failure = Optional.of(new IllegalStateException(what + " failed: " + e.getCause().getMessage(),
                            e.getCause()));
                } else {
                    failure.get().addSuppressed(e.getCause());
                }
            }
        }
        failure.ifPresent(e -> {
            throw e;
        });
    }
}
