/**
 * Ed25519 keys for signed event records (docs/design.md, "Who may publish what"): a
 * {@link io.nodedex.event.signing.SigningKey} signs, a
 * {@link io.nodedex.event.signing.PublicSigningKey} verifies; both read and write the PEM files
 * OpenSSL reads and writes. How a record is signed is the Kafka contract's
 * ({@code io.nodedex.event.kafka.RecordSignatures}).
 *
 * <p>Both types are immutable and thread-safe.
 */
package io.nodedex.event.signing;
