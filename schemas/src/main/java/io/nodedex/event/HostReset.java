package io.nodedex.event;

/**
 * An administrator reset the host's watermarks ({@code nodedex host reset}): the next record of
 * each of its sources applies whatever its (incarnation, sequence); its devices stay as they are
 * until then. Recovers a host whose watermark ran ahead of its agent, e.g. after its clock once
 * jumped years ahead. Agents never publish it.
 */
public record HostReset() implements Payload {
}
