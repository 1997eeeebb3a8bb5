package io.nodedex.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nodedex.event.Event;
import java.io.PrintWriter;
import java.util.Objects;

/**
 * Prints each event as one line of JSON ({@link EventJson}) instead of publishing it: the agent's
 * {@code --dry-run}. Never fails a send.
 */
final class JsonLinesEventSink implements EventSink {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final PrintWriter out;

    /** Prints to {@code out}, e.g. standard output; flushes after every event, never closes it. */
    public JsonLinesEventSink(PrintWriter out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void send(Event event) {
        try {
            out.println(MAPPER.writeValueAsString(EventJson.toJson(event)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print an event as JSON", e);
        }
        out.flush();
    }

    @Override
    public void close() {
        out.flush();
    }
}
