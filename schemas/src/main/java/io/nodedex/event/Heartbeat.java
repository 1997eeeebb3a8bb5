package io.nodedex.event;

/** The agent is alive; changes no state beyond the host's last-seen time. */
public record Heartbeat() implements Payload {
}
