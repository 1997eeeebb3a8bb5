package io.nodedex.agent;

import io.nodedex.event.Payload;
import io.nodedex.event.Source;

/**
 * Where sources hand what they observed: the publisher's bounded queue. Handing off never
 * blocks; when the queue is full the observation is dropped and the publisher remembers to ask
 * every source for a fresh snapshot once it can publish again, so nothing is lost for good.
 *
 * <p>Thread-safe: sources call it from their own threads.
 */
@FunctionalInterface
interface Outlet {

    /** Hands off one observation of {@code source}, stamped with the time of this call. */
    void publish(Source source, Payload payload);
}
